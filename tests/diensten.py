"""`make test`: run pytest against PostgreSQL and Redis when they answer on this machine.

Without DATABASE_URL the tests run on SQLite and without CELERY_BROKER_URL tasks run
in-process; the tests that need the real thing (races, the append-only access log, the
fault tests, a real worker) then skip. So before pytest starts, this looks for PostgreSQL on
127.0.0.1:5432 (user `postgres`, or PGUSER) and Redis on 127.0.0.1:6379 and, when they
answer, sets the URLs for the run. URLs already given are used as they are. It says on the
first lines what it uses; tests/conftest.py ends the run with one line naming what was
skipped and how to enable it.

    python -m tests.diensten [pytest arguments]
"""

from __future__ import annotations

import os
import sys

POSTGRES = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)
DATABASE = "passendeplek"  # pytest-django creates and drops test_passendeplek


def _postgres_url() -> tuple[str, str]:
    """(URL, "") when PostgreSQL answers on its default port, else ("", why not)."""
    import psycopg

    host, port = POSTGRES
    user = os.environ.get("PGUSER") or "postgres"
    try:
        with psycopg.connect(
            host=host, port=port, user=user, dbname="postgres", connect_timeout=2
        ) as verbinding:
            verbinding.execute("SELECT 1")
    except psycopg.Error as exc:
        reden = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return "", f"not at {host}:{port} as user {user} ({reden})"
    return f"postgres://{user}@{host}:{port}/{DATABASE}", ""


def _redis_url() -> tuple[str, str]:
    import redis

    host, port = REDIS
    try:
        redis.Redis(host=host, port=port, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        return "", f"not at {host}:{port} ({exc})"
    return f"redis://{host}:{port}/0", ""


def environment() -> list[str]:
    """Set DATABASE_URL and CELERY_BROKER_URL where they are missing and the service
    answers; return one line per service saying what the run uses."""
    regels = []
    for naam, variabele, zoek in (
        ("PostgreSQL", "DATABASE_URL", _postgres_url),
        ("Redis", "CELERY_BROKER_URL", _redis_url),
    ):
        gegeven = os.environ.get(variabele, "")
        if gegeven:
            regels.append(f"{naam}: {variabele} as given")
            continue
        url, waarom = zoek()
        if url:
            os.environ[variabele] = url
            regels.append(f"{naam}: {url} (found on the default port)")
        else:
            regels.append(f"{naam}: {waarom}; its tests will skip (set {variabele} to use one)")
    return regels


def main() -> None:
    for regel in environment():
        print(regel, flush=True)
    # pytest replaces this process: its exit status is the run's.
    os.execv(sys.executable, [sys.executable, "-m", "pytest", *sys.argv[1:]])  # noqa: S606


if __name__ == "__main__":
    main()
