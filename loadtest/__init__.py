"""The load test (`make loadtest`): not part of the test suite."""
