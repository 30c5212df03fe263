"""Timing for the benchmarks: milliseconds of one run, and the median of several."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def ms(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def median_ms(run: Callable[[], Any], repeat: int) -> float:
    return round(statistics.median(ms(run) for _ in range(repeat)), 1)
