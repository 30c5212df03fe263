"""`make test` finds PostgreSQL and Redis on their default ports, and a run that had to
skip tests ends by saying what was missing and how to provide it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests import diensten
from tests.trust.storingen import vrije_poort

ROOT = Path(__file__).resolve().parents[2]


def test_services_that_do_not_answer_are_named_and_left_unset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    pg, rd = vrije_poort(), vrije_poort()
    monkeypatch.setattr(diensten, "POSTGRES", ("127.0.0.1", pg))
    monkeypatch.setattr(diensten, "REDIS", ("127.0.0.1", rd))
    postgres, redis = diensten.environment()
    assert postgres.startswith(f"PostgreSQL: not at 127.0.0.1:{pg} as user ")
    assert postgres.endswith("its tests will skip (set DATABASE_URL to use one)")
    assert redis.startswith(f"Redis: not at 127.0.0.1:{rd} (")
    assert "DATABASE_URL" not in os.environ and "CELERY_BROKER_URL" not in os.environ


def test_urls_given_are_used_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgres://iemand@db.example.org/elders")
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://redis.example.org:6379/4")
    assert diensten.environment() == [
        "PostgreSQL: DATABASE_URL as given",
        "Redis: CELERY_BROKER_URL as given",
    ]
    assert os.environ["DATABASE_URL"] == "postgres://iemand@db.example.org/elders"


@pytest.mark.postgres
@pytest.mark.redis
def test_services_that_answer_are_used(
    requires_postgres: None, redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = connection.settings_dict
    if db["PASSWORD"]:
        pytest.skip("the probe logs in without a password, as on a developer's machine")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    host, port = db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)
    monkeypatch.setattr(diensten, "POSTGRES", (host, port))
    monkeypatch.setenv("PGUSER", db["USER"])
    redis_host, redis_port = redis_url.split("//", 1)[1].split("/", 1)[0].split(":")
    monkeypatch.setattr(diensten, "REDIS", (redis_host, int(redis_port)))
    postgres, redis = diensten.environment()
    url = f"postgres://{db['USER']}@{host}:{port}/passendeplek"
    assert postgres == f"PostgreSQL: {url} (found on the default port)"
    assert os.environ["DATABASE_URL"] == url
    assert redis.startswith("Redis: redis://") and os.environ["CELERY_BROKER_URL"]


def _pytest(ci: str) -> subprocess.CompletedProcess[str]:
    # On SQLite in memory, without a broker: the Redis test skips.
    weg = {"CELERY_BROKER_URL", "DATABASE_URL", "CI"}
    env = {k: v for k, v in os.environ.items() if k not in weg}
    env["CI"] = ci
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/config/test_health.py::test_readyz_reaches_a_real_redis_broker",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_run_that_skipped_ends_with_what_was_missing_and_how_to_enable_it() -> None:
    uitkomst = _pytest(ci="")
    regels = uitkomst.stdout.strip().splitlines()
    assert uitkomst.returncode == 0, uitkomst.stdout
    assert regels[-2] == (
        "Skipped 1 test; needed: Redis (1). "
        "To run them: Redis on 127.0.0.1:6379 or CELERY_BROKER_URL=redis://…"
    )
    assert "1 skipped" in regels[-1]


def test_under_ci_the_same_skip_fails_the_run() -> None:
    uitkomst = _pytest(ci="true")
    assert uitkomst.returncode == 1
    assert "Skipped under CI=true, which counts as a failure: Skipped: needs Redis" in (
        uitkomst.stdout
    )
    assert "Skipped 1 test" not in uitkomst.stdout  # nothing skipped: it failed
