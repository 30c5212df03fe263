"""The load test's one-line result, from locust's own statistics of the run."""

from __future__ import annotations

from typing import Protocol


class Totaal(Protocol):
    """What the summary reads of locust's aggregated `StatsEntry`."""

    num_requests: int
    num_failures: int

    def get_response_time_percentile(self, percent: float) -> float: ...


def samenvatting(totaal: Totaal, users: int) -> dict[str, int | float]:
    """Requests, failures and response-time percentiles (ms) of the whole run."""
    return {
        "users": users,
        "requests": totaal.num_requests,
        "failures": totaal.num_failures,
        "p50_ms": _ms(totaal.get_response_time_percentile(0.50)),
        "p95_ms": _ms(totaal.get_response_time_percentile(0.95)),
        "p99_ms": _ms(totaal.get_response_time_percentile(0.99)),
    }


def _ms(waarde: float) -> int | float:
    return int(waarde) if float(waarde).is_integer() else round(waarde, 1)
