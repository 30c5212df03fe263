"""With a real Celery worker and Redis: an arrival committed → the group picture updated.

The worker is a separate process on its own queue, reading the test database, so this
runs only on PostgreSQL with a Redis broker (both are there in CI).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import User
from config.celery_app import app
from matching.models import Groepsbeeld
from tests.matching.conftest import geboren
from voorzieningen.models import Voorziening
from voorzieningen.services import registreer_aankomst

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker(requires_postgres: None, redis_url: str, transactional_db: None) -> Iterator[str]:
    queue = f"test-{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": _database_url(),
        "CELERY_BROKER_URL": redis_url,
        "TASKS_IN_PROCESS": "0",
        # Tasks the worker itself queues (through the outbox) stay on the test's queue.
        "CELERY_QUEUE": queue,
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config.celery_app",
            "worker",
            "--pool",
            "solo",
            "--queues",
            queue,
            "--hostname",
            f"{queue}@localhost",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    saved = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        deadline = time.monotonic() + 30
        while not app.control.ping(destination=[f"{queue}@localhost"], timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"the Celery worker did not start:\n{output[-3000:]}")
        yield queue
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = saved
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.postgres
@pytest.mark.redis
def test_an_arrival_reaches_the_group_picture_through_a_real_worker_within_5_seconds(
    worker: str, de_linde: Voorziening, beheerder: User
) -> None:
    registreer_aankomst(
        voorziening=de_linde,
        door=beheerder,
        geboortemaand=geboren(16),
        geslacht="v",
        zorgprofiel="internaliserend",
        zorgintensiteit="hoog",
        signalen=["suicidaliteit"],
        aankomst=timezone.localdate(),
    )
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        picture = Groepsbeeld.objects.filter(voorziening=de_linde).first()
        if picture is not None and picture.aantal == 1:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the group picture was not updated within 5 seconds")
    assert picture.signalen == {"suicidaliteit": 1}
    assert picture.groep_versie == 1
