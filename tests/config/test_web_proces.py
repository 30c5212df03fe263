"""The web container's process, run for real: gunicorn with config/gunicorn.py and the
production settings, its health check, its JSON logs, and a graceful stop."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_django import Settings

from config import healthcheck
from tests.trust.storingen import vrije_poort

ROOT = Path(__file__).resolve().parents[2]
HOST = "plek.example.org"


def test_the_health_check_sends_a_host_the_portal_accepts(
    live_server: object, settings: Settings
) -> None:
    settings.ALLOWED_HOSTS = [HOST]
    poort = int(str(live_server).rsplit(":", 1)[1])
    assert healthcheck.gezond(poort=poort, host=HOST, proxy=False) == (
        True,
        f"/healthz answered 200 for Host {HOST}",
    )
    # What the old check did: the address instead of a host name. A real deployment
    # answers 400, and the container would be marked unhealthy.
    ok, uitleg = healthcheck.gezond(poort=poort, host="127.0.0.1", proxy=False)
    assert not ok and "400" in uitleg


def test_the_beat_check_wants_a_recently_written_schedule(tmp_path: Path) -> None:
    schema = tmp_path / "celerybeat-schedule"
    assert healthcheck.beat_leeft(schema)[0] is False
    (tmp_path / "celerybeat-schedule.db").write_bytes(b"")  # a dbm module may add a suffix
    assert healthcheck.beat_leeft(schema)[0] is True
    later = time.time() + healthcheck.BEAT_STIL_SECONDEN + 1
    assert healthcheck.beat_leeft(schema, nu=later)[0] is False


@dataclass
class Stilte:
    """A TCP server that accepts connections and never answers: a broker that hangs."""

    poort: int
    sock: socket.socket


@pytest.fixture
def stille_broker() -> Iterator[Stilte]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield Stilte(int(sock.getsockname()[1]), sock)
    finally:
        sock.close()


@pytest.fixture
def gunicorn(tmp_path: Path, stille_broker: Stilte) -> Iterator[tuple[subprocess.Popen[str], int]]:
    poort = vrije_poort()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "Zq4-p1Jk0" * 7,
        "DJANGO_ALLOWED_HOSTS": HOST,
        # Behind a TLS proxy, as the README's compose setup has it.
        "DJANGO_TRUSTED_PROXIES": "1",
        # The image has collected its static files; this checkout may not have.
        "PYTHONWARNINGS": "ignore:No directory at",
        "PORTAL_URL": f"https://{HOST}",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{stille_broker.poort}/0",
        "PORT": str(poort),
        "WEB_CONCURRENCY": "1",
    }
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "config/gunicorn.py",
            "config.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        # The container's own health check, as docker runs it.
        deadline = time.monotonic() + 60
        while True:
            check = subprocess.run(
                [sys.executable, "-m", "config.healthcheck"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if check.returncode == 0:
                break
            if proces.poll() is not None or time.monotonic() > deadline:
                proces.kill()
                pytest.fail(f"gunicorn did not become healthy:\n{proces.communicate()[0]}")
            time.sleep(0.3)
        assert check.stdout.strip() == f"/healthz answered 200 for Host {HOST}"
        yield proces, poort
    finally:
        if proces.poll() is None:
            proces.kill()
            proces.wait()


def _get(poort: int, pad: str) -> http.client.HTTPResponse:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)
    headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    verbinding.request("GET", pad, headers=headers)
    antwoord = verbinding.getresponse()
    antwoord.read()
    return antwoord


def test_gunicorn_finishes_the_request_in_progress_on_sigterm_and_logs_json(
    gunicorn: tuple[subprocess.Popen[str], int],
) -> None:
    proces, poort = gunicorn
    eerste = _get(poort, "/favicon.ico")  # a page without static files: none collected here
    request_id = eerste.getheader("X-Request-ID")
    assert request_id
    # /readyz waits for a broker that never answers: a request still running when the
    # stop signal comes.
    uitkomst: dict[str, object] = {}

    def traag() -> None:
        try:
            uitkomst["status"] = _get(poort, "/readyz").status
        except OSError as exc:
            uitkomst["fout"] = exc

    draad = threading.Thread(target=traag)
    draad.start()
    time.sleep(1.0)
    begin = time.monotonic()
    proces.send_signal(signal.SIGTERM)
    draad.join(timeout=40)
    uitvoer, _ = proces.communicate(timeout=40)
    assert uitkomst == {"status": 503}, uitvoer  # answered, not cut off
    assert proces.returncode == 0, uitvoer
    assert time.monotonic() - begin < 30

    regels = [json.loads(regel) for regel in uitvoer.splitlines() if regel.strip()]
    berichten = [regel["message"] for regel in regels]
    assert any("Handling signal: term" in bericht for bericht in berichten), berichten
    assert "Shutting down: Master" in berichten
    (verzoek,) = [r for r in regels if r["logger"] == "passendeplek.request"]
    assert (verzoek["method"], verzoek["path"], verzoek["status"]) == ("GET", "/favicon.ico", 301)
    assert verzoek["request_id"] == request_id
    assert verzoek["level"] == "INFO"
