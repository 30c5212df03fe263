"""The containers' health checks, exit 0 when healthy. Only the standard library: they
must work without loading Django.

`python -m config.healthcheck` (web) asks this container's gunicorn for /healthz the way a
visitor's request arrives: with a Host header the portal accepts (the first of
DJANGO_ALLOWED_HOSTS; a request for 127.0.0.1 gets 400 from a real deployment) and, behind a
configured proxy, marked as HTTPS as the proxy marks it.

`python -m config.healthcheck beat` checks that celery beat keeps writing its schedule
file: it does so every three minutes while it runs (and at least one job is due every
minute), so a file older than ten minutes means beat is stuck.
"""

from __future__ import annotations

import http.client
import os
import sys
import time
from pathlib import Path

BEAT_SCHEDULE = Path("/var/lib/passendeplek/celerybeat-schedule")
BEAT_STIL_SECONDEN = 10 * 60


def gezond(*, poort: int, host: str, proxy: bool, pad: str = "/healthz") -> tuple[bool, str]:
    """(healthy, what was seen) for one request to 127.0.0.1:`poort`."""
    headers = {"Host": host}
    if proxy:
        headers["X-Forwarded-Proto"] = "https"
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=5)
    try:
        verbinding.request("GET", pad, headers=headers)
        antwoord = verbinding.getresponse()
        return antwoord.status == 200, f"{pad} answered {antwoord.status} for Host {host}"
    except OSError as exc:
        return False, f"{pad}: {exc}"
    finally:
        verbinding.close()


def beat_leeft(schema: Path, *, nu: float | None = None) -> tuple[bool, str]:
    """Whether beat wrote its schedule (the file, or the files the dbm module made of
    it) within the last BEAT_STIL_SECONDEN."""
    bestanden = list(schema.parent.glob(schema.name + "*"))
    if not bestanden:
        return False, f"no schedule file {schema}"
    leeftijd = (time.time() if nu is None else nu) - max(b.stat().st_mtime for b in bestanden)
    return leeftijd < BEAT_STIL_SECONDEN, f"schedule written {leeftijd:.0f} s ago"


def main(argumenten: list[str]) -> int:
    if argumenten[:1] == ["beat"]:
        ok, uitleg = beat_leeft(BEAT_SCHEDULE)
        print(uitleg)
        return 0 if ok else 1
    hosts = [h.strip() for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")]
    # A leading dot allows subdomains; "*" anything: the bare name works for both.
    host = next((h.lstrip(".") for h in hosts if h and h != "*"), "localhost")
    ok, uitleg = gezond(
        poort=int(os.environ.get("PORT", "8000")),
        host=host,
        proxy=os.environ.get("DJANGO_TRUSTED_PROXIES", "0").strip() not in {"", "0"},
    )
    print(uitleg)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
