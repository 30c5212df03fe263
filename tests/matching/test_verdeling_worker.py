"""With real Celery workers and Redis: the allocation waits for a worker on the solver queue;
a worker of the ordinary queue (group recomputes, e-mails) never takes it.

Runs on PostgreSQL with a Redis broker (both are there in CI); the workers are separate
processes on queues of this test's own.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from config.celery_app import app
from jongeren.models import VerklarendeAnalyse
from plaatsingstafel.models import Verdeling, VerdelingStatus
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from voorzieningen.models import Voorziening

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

ROOT = Path(__file__).resolve().parents[2]


class Werkers:
    def __init__(self, database_url: str, redis_url: str) -> None:
        self.queue = f"test-{uuid.uuid4().hex[:10]}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": redis_url,
            "TASKS_IN_PROCESS": "0",
            "CELERY_QUEUE": self.queue,
        }
        self.processen: list[subprocess.Popen[str]] = []

    def start(self, queue: str) -> None:
        naam = f"{queue}@localhost"
        proces = subprocess.Popen(
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
                naam,
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.processen.append(proces)
        einde = time.monotonic() + 30
        while not app.control.ping(destination=[naam], timeout=0.5):
            if proces.poll() is not None or time.monotonic() > einde:
                pytest.fail(f"the worker for {queue} did not start")

    def stop(self) -> None:
        for proces in self.processen:
            proces.terminate()
            try:
                proces.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proces.kill()


@pytest.fixture
def werkers(database_url: str, redis_url: str, transactional_db: None) -> Iterator[Werkers]:
    werkers = Werkers(database_url, redis_url)
    saved = (app.conf.task_always_eager, app.conf.task_default_queue, app.conf.task_routes)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = werkers.queue
    app.conf.task_routes = {
        "plaatsingstafel.tasks.bereken_verdeling": {"queue": f"{werkers.queue}-solver"}
    }
    _routes_opnieuw()
    try:
        yield werkers
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue, app.conf.task_routes = saved
        _routes_opnieuw()
        werkers.stop()


def _routes_opnieuw() -> None:
    """Celery builds its router once; after changing the routes it must build it again."""
    app.amqp.flush_routes()
    app.amqp.router = app.amqp.Router()  # type: ignore[misc]


def _status(verdeling: Verdeling) -> str:
    verdeling.refresh_from_db()
    return verdeling.status


def test_the_allocation_is_computed_by_a_worker_of_the_solver_queue_only(
    werkers: Werkers, coordinator: User, de_linde: Voorziening
) -> None:
    sara = JongereFactory.create(
        roepnaam="Sara",
        coordinator=coordinator,
        nodig_vanaf=timezone.localdate() - dt.timedelta(days=10),
    )
    AnalyseFactory.create(jongere=sara, status=VerklarendeAnalyse.Status.GEDRAGEN)
    client = Client()
    client.force_login(coordinator)

    werkers.start(werkers.queue)  # the ordinary queue
    antwoord = client.post(reverse("plaatsingstafel:toewijzing"))
    assert antwoord.status_code == 302
    verdeling = Verdeling.objects.get()
    time.sleep(2)
    assert _status(verdeling) == VerdelingStatus.WACHTEND

    werkers.start(f"{werkers.queue}-solver")
    einde = time.monotonic() + 30
    while _status(verdeling) != VerdelingStatus.KLAAR:
        assert time.monotonic() < einde, f"still {verdeling.status}"
        time.sleep(0.3)
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Voorstel voor de tafel" in pagina and "De Linde" in pagina
