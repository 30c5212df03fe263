"""Tools for the fault tests: point Celery at a broker that is not there, run a private
Redis that can be stopped and started, and start real Celery workers.

Nothing here touches the shared Redis or PostgreSQL servers beyond the test's own
database and queue: a stopped Redis is always a private one on its own port.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connection
from kombu import pools

from config.celery_app import app
from kern import uitgesteld

ROOT = Path(__file__).resolve().parents[2]
IN_CI = os.environ.get("CI", "").lower() == "true"


def vrije_poort() -> int:
    """A TCP port on which nothing listens (bound and released again)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _nieuwe_verbindingen() -> None:
    """Forget this process's broker connections, so the next publish connects afresh."""
    pools.reset()  # closes and forgets kombu's pools of connections and producers
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]


@contextmanager
def broker(url: str, *, queue: str = "celery") -> Iterator[None]:
    """Let this process hand tasks to the broker at `url` (not run them in-process)."""
    names = ("broker_write_url", "task_always_eager", "task_default_queue")
    saved = {name: app.conf.get(name) for name in names}
    _nieuwe_verbindingen()
    # The write URL: `broker_url` itself yields to a CELERY_BROKER_URL environment variable.
    app.conf.update(broker_write_url=url, task_always_eager=False, task_default_queue=queue)
    uitgesteld._storing_tot = 0.0
    try:
        yield
    finally:
        _nieuwe_verbindingen()
        app.conf.update(saved)
        uitgesteld._storing_tot = 0.0


def wacht_tot(voorwaarde: Callable[[], bool], *, seconden: float, wat: str) -> None:
    """Poll until `voorwaarde()` holds; fail with `wat` after `seconden`."""
    deadline = time.monotonic() + seconden
    while not voorwaarde():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconden} s: {wat}")
        time.sleep(0.1)


@dataclass
class EigenRedis:
    """A private redis-server on its own port, that a test may stop and start again."""

    poort: int
    map: Path
    pid: int | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.poort}/0"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.poort),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.map),
                "--pidfile",
                str(self.map / "redis.pid"),
                "--logfile",
                str(self.map / "redis.log"),
                "--daemonize",
                "yes",
            ],
            check=True,
        )
        import redis

        def antwoordt() -> bool:
            try:
                return bool(redis.Redis(port=self.poort, socket_connect_timeout=0.5).ping())
            except redis.exceptions.ConnectionError:
                return False

        wacht_tot(antwoordt, seconden=10, wat="the private redis-server to answer")
        self.pid = int((self.map / "redis.pid").read_text().strip())

    def stop(self) -> None:
        """Stop it the hard way, as a crash or a network cut would."""
        if self.pid is None:
            return
        os.kill(self.pid, signal.SIGKILL)
        pid, self.pid = self.pid, None

        def weg() -> bool:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return True
            return False

        wacht_tot(weg, seconden=10, wat="the private redis-server to stop")


def database_url() -> str:
    """The URL of the test database, for a worker in another process."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@dataclass
class Werker:
    """A real Celery worker in its own process, on its own queue."""

    broker_url: str
    queue: str
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def naam(self) -> str:
        return f"{self.queue}@localhost"

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",  # console e-mail: what a worker sends shows up in its log
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": self.broker_url,
            "TASKS_IN_PROCESS": "0",
            "CELERY_QUEUE": self.queue,
            **self.env,
        }
        uitvoer = self.log.open("ab")
        self.process = subprocess.Popen(
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
                self.queue,
                "--hostname",
                self.naam,
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
        )
        uitvoer.close()

        def klaar() -> bool:
            if self.process is not None and self.process.poll() is not None:
                pytest.fail(f"the Celery worker stopped:\n{self.uitvoer()[-3000:]}")
            return "ready." in self.uitvoer()

        wacht_tot(klaar, seconden=60, wat=f"the Celery worker to start:\n{self.uitvoer()}")

    def uitvoer(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no acknowledgement, as an out-of-memory kill."""
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@dataclass
class Ploeg:
    """Workers on one fresh queue of one broker."""

    broker_url: str
    log_map: Path
    queue: str = field(default_factory=lambda: f"test-{uuid.uuid4().hex[:10]}")
    gemaakt: list[Werker] = field(default_factory=list)

    def werker(self, **env: str) -> Werker:
        log = self.log_map / f"worker-{len(self.gemaakt) + 1}.log"
        werker = Werker(self.broker_url, self.queue, log, env=dict(env))
        self.gemaakt.append(werker)
        return werker


@contextmanager
def ploeg(broker_url: str, log_map: Path) -> Iterator[Ploeg]:
    """Workers on a fresh queue, with this process publishing to that queue; every
    worker is stopped at the end."""
    workers = Ploeg(broker_url, log_map)
    try:
        with broker(broker_url, queue=workers.queue):
            yield workers
    finally:
        for werker in workers.gemaakt:
            werker.stop()
        _ruim_op(broker_url, workers.queue)


def _ruim_op(broker_url: str, queue: str) -> None:
    """Remove the test queue's keys, and only those, from the broker's Redis database."""
    import redis

    client = redis.Redis.from_url(broker_url, socket_connect_timeout=2)
    with suppress(redis.exceptions.ConnectionError):  # a private Redis the test stopped
        client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
