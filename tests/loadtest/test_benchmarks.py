"""Small runs of the README's three benchmarks, so that they cannot break unnoticed: each
runs as `make` runs it (a separate process, the same command) with a handful of homes and
users, and must end with its JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import vrije_poort

ROOT = Path(__file__).resolve().parents[2]


def _omgeving(**extra: str) -> dict[str, str]:
    # As `make` runs them: a development run (DJANGO_DEBUG=1), tasks in-process.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "LOADTEST_"))
        and k not in ("CELERY_BROKER_URL", "TASKS_IN_PROCESS", "PORTAL_URL")
    }
    # Not the checkout's .env either: only what the test says.
    env.update({"DJANGO_DEBUG": "1", "DJANGO_ENV_FILE": "", **extra})
    return env


def _laatste_regel_json(
    opdracht: list[str], env: dict[str, str], timeout: int
) -> dict[str, object]:
    klaar = subprocess.run(
        opdracht, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert klaar.returncode == 0, klaar.stderr[-3000:]
    regels = klaar.stdout.strip().splitlines()
    assert regels, klaar.stderr[-3000:]
    cijfers = json.loads(regels[-1])
    assert isinstance(cijfers, dict)
    return cijfers


@pytest.mark.postgres
def test_make_bench_measures_the_search_through_the_coordinators_login(
    database_url: str, transactional_db: None
) -> None:
    cijfers = _laatste_regel_json(
        [sys.executable, "manage.py", "bench_matching", "--homes", "20", "--repeat", "2"],
        _omgeving(DATABASE_URL=database_url),
        timeout=120,
    )
    assert cijfers["homes"] == 20
    for sleutel in ("ratio", "queries", "page_ms_median", "page_after_change_ms_median"):
        assert isinstance(cijfers[sleutel], int | float), sleutel
    assert isinstance(cijfers["queries"], int) and cijfers["queries"] <= 10
    # It cleaned up after itself.
    from voorzieningen.models import Voorziening

    assert not Voorziening.objects.exists()


def test_make_bench_allocation_prints_seconds_and_gap() -> None:
    cijfers = _laatste_regel_json(
        [sys.executable, "manage.py", "bench_allocation", "--youths", "12", "--homes", "30"],
        _omgeving(),
        timeout=120,
    )
    assert cijfers["youths"] == 12 and cijfers["homes"] == 30
    assert isinstance(cijfers["seconds"], float) and isinstance(cijfers["gap"], float)


@pytest.mark.postgres
def test_make_loadtest_drives_the_portal_without_failures(
    database_url: str, transactional_db: None
) -> None:
    cijfers = _laatste_regel_json(
        [sys.executable, "-m", "loadtest.run"],
        _omgeving(
            DATABASE_URL=database_url,
            LOADTEST_USERS="4",
            LOADTEST_SECONDS="6",
            LOADTEST_HOMES="30",
            LOADTEST_YOUTHS="30",
            LOADTEST_WORKERS="1",
            LOADTEST_PORT=str(vrije_poort()),
        ),
        timeout=240,
    )
    assert cijfers["users"] == 4
    assert isinstance(cijfers["requests"], int) and cijfers["requests"] > 0
    assert cijfers["failures"] == 0
    assert {"p50_ms", "p95_ms", "p99_ms"} <= set(cijfers)


@pytest.mark.postgres
def test_make_bench_inzage_measures_the_log_pages_and_leaves_the_log_as_it_was(
    database_url: str, transactional_db: None
) -> None:
    from django.core.management import call_command

    from privacy.models import Inzage

    Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.MATCHING,
        jongere_ref=1,
    )

    cijfers = _laatste_regel_json(
        [sys.executable, "manage.py", "bench_inzage", "--entries", "300", "--repeat", "1"],
        _omgeving(DATABASE_URL=database_url),
        timeout=120,
    )

    assert cijfers["entries"] == 300
    for sleutel in ("page_ms_median", "older_page_ms_median", "filtered_ms_median"):
        assert isinstance(cijfers[sleutel], float), sleutel
    assert isinstance(cijfers["admin_ms_median"], float)
    assert isinstance(cijfers["queries"], int) and cijfers["queries"] > 0
    # Everything was rolled back: the one entry is still the whole log, its chain intact.
    assert Inzage.objects.count() == 1
    from accounts.models import User

    assert not User.objects.filter(email="bench-beheerder@example.org").exists()
    call_command("access_log", "--verify")
