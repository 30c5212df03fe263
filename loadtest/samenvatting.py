"""The load test's one-line result, read from locust's CSV statistics."""

from __future__ import annotations

import csv
import json
from pathlib import Path


def samenvatting(stats_csv: Path, users: int) -> dict[str, int | float]:
    """Totals of a run from locust's `<prefix>_stats.csv` (its "Aggregated" row)."""
    with stats_csv.open(encoding="utf-8", newline="") as bestand:
        for rij in csv.DictReader(bestand):
            if rij["Name"] == "Aggregated":
                return {
                    "users": users,
                    "requests": int(rij["Request Count"]),
                    "failures": int(rij["Failure Count"]),
                    "p50_ms": _ms(rij["50%"]),
                    "p95_ms": _ms(rij["95%"]),
                    "p99_ms": _ms(rij["99%"]),
                }
    raise ValueError(f"{stats_csv}: no Aggregated row (did locust send any request?)")


def _ms(waarde: str) -> int | float:
    """Locust writes "N/A" when nothing was measured; report that as 0."""
    if waarde in {"", "N/A"}:
        return 0
    getal = float(waarde)
    return int(getal) if getal.is_integer() else round(getal, 1)


def json_regel(cijfers: dict[str, int | float]) -> str:
    return json.dumps(cijfers)
