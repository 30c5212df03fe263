"""Logs an operator can follow: JSON lines with the request's id, carried into the tasks
the request caused, without the secrets a URL may hold; and optional error tracking that
sends no personal data."""

from __future__ import annotations

import gzip
import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django import Settings

from accounts.models import User
from kern import uitgesteld
from kern.logs import REQUEST_ID, JsonFormatter
from kern.models import UitgesteldeTaak

ROOT = Path(__file__).resolve().parents[2]
Capture = Callable[..., Any]


def _json(record: logging.LogRecord) -> dict[str, Any]:
    return dict(json.loads(JsonFormatter().format(record)))


def _verzoeken(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [_json(r) for r in caplog.records if r.name == "passendeplek.request"]


def test_every_request_gets_an_id_in_its_log_line_and_response(
    client: Client, db: None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    eerste = client.get(reverse("privacy"))
    tweede = client.get(reverse("privacy"))
    regels = _verzoeken(caplog)
    assert [r["request_id"] for r in regels] == [eerste["X-Request-ID"], tweede["X-Request-ID"]]
    assert eerste["X-Request-ID"] != tweede["X-Request-ID"]
    assert regels[0] | {"time": "", "duration_ms": 0} == {
        "time": "",
        "level": "INFO",
        "logger": "passendeplek.request",
        "message": "GET /privacy 200",
        "request_id": eerste["X-Request-ID"],
        "method": "GET",
        "path": "/privacy",
        "status": 200,
        "duration_ms": 0,
    }


def test_a_request_id_from_outside_is_taken_only_from_a_configured_proxy(
    client: Client, db: None, settings: Settings
) -> None:
    van_proxy = "d2c1f0e4-proxy-0001"
    zelf_verzonnen = client.get(reverse("privacy"), HTTP_X_REQUEST_ID=van_proxy)
    assert zelf_verzonnen["X-Request-ID"] != van_proxy
    settings.INZAGE_VERTROUWDE_PROXIES = 1
    assert client.get(reverse("privacy"), HTTP_X_REQUEST_ID=van_proxy)["X-Request-ID"] == van_proxy
    onzin = client.get(reverse("privacy"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert "<" not in onzin["X-Request-ID"]


def test_the_request_log_never_holds_a_password_reset_link(
    client: Client, coordinator: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    uid = urlsafe_base64_encode(force_bytes(coordinator.pk))
    token = default_token_generator.make_token(coordinator)
    client.get(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    (regel,) = _verzoeken(caplog)
    assert token not in json.dumps(regel) and uid not in json.dumps(regel)
    assert regel["path"] == "/accounts/nieuw-wachtwoord/…/…/"


def test_a_task_started_by_a_request_logs_with_that_requests_id(
    db: None, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Capture
) -> None:
    caplog.set_level(logging.INFO)
    token = REQUEST_ID.set("c0ffee00c0ffee00")
    try:
        uitgesteld.na_commit("accounts.tasks.ruim_uitgestelde_taken_op")
    finally:
        REQUEST_ID.reset(token)
    # Sent later (by the periodic sender, or after the broker came back): the id comes
    # with the waiting row, not from whatever runs the sending.
    assert UitgesteldeTaak.objects.get().request_id == "c0ffee00c0ffee00"
    assert uitgesteld.publiceer(altijd=True) == 1
    (regel,) = [_json(r) for r in caplog.records if r.name == "accounts.tasks"]
    assert regel["request_id"] == "c0ffee00c0ffee00"
    assert regel["message"].startswith("outbox cleared: 0 failed tasks")
    assert REQUEST_ID.get() == ""


def test_an_error_is_one_json_line_with_its_traceback() -> None:
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "mislukt", None, sys.exc_info())
    regel = JsonFormatter().format(record)
    assert "\n" not in regel
    data = json.loads(regel)
    assert data["message"] == "mislukt"
    assert data["exception"].startswith("Traceback") and "ValueError: kapot" in data["exception"]


class _SentryServer(BaseHTTPRequestHandler):
    ontvangen: list[bytes]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        elif self.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        self.ontvangen.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def sentry() -> Iterator[tuple[str, list[bytes]]]:
    ontvangen: list[bytes] = []
    handler = type("Handler", (_SentryServer,), {"ontvangen": ontvangen})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    draad = threading.Thread(target=server.serve_forever, daemon=True)
    draad.start()
    try:
        yield f"http://publiekesleutel@127.0.0.1:{server.server_port}/1", ontvangen
    finally:
        server.shutdown()
        server.server_close()


FOUT_IN_EEN_TAAK = """
import logging
import os

import django

django.setup()
from kern.logs import REQUEST_ID

REQUEST_ID.set("req-5e47ry0000")


def werk():
    naam_van_de_jongere = os.environ["NAAM"]  # data, as a task would have read it
    raise ValueError("de groep kon niet worden herberekend")


try:
    werk()
except ValueError:
    logging.getLogger("matching.tasks").exception("groepsbeeld mislukt")
import sentry_sdk

sentry_sdk.flush(timeout=10)
"""


def _start(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_ENV_FILE": "",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "1",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_errors_reach_the_error_tracker_with_the_request_id_and_without_personal_data(
    sentry: tuple[str, list[bytes]],
) -> None:
    dsn, ontvangen = sentry
    result = _start(FOUT_IN_EEN_TAAK, SENTRY_DSN=dsn, NAAM="Noor de Vries, geboren 2011-04-02")
    assert result.returncode == 0, result.stderr
    gebeurtenissen = [
        json.loads(regel)
        for body in ontvangen
        for regel in body.splitlines()
        if b'"exception"' in regel
    ]
    (gebeurtenis,) = gebeurtenissen
    (fout,) = gebeurtenis["exception"]["values"]
    assert (fout["type"], fout["value"]) == ("ValueError", "de groep kon niet worden herberekend")
    assert gebeurtenis["tags"]["request_id"] == "req-5e47ry0000"
    # The stack frames say where, not with what: no local variables.
    assert all("vars" not in frame for frame in fout["stacktrace"]["frames"])
    assert not any(b"Noor de Vries" in body for body in ontvangen)


def test_without_a_dsn_nothing_is_sent(sentry: tuple[str, list[bytes]]) -> None:
    _dsn, ontvangen = sentry
    assert _start(FOUT_IN_EEN_TAAK, NAAM="Noor").returncode == 0
    assert ontvangen == []


def test_an_unusable_dsn_stops_start_up_with_one_line() -> None:
    code = "import sys; sys.argv = ['manage.py', 'check']; import manage; manage.main()"
    result = _start(code, SENTRY_DSN="geen-dsn")
    assert result.returncode == 1
    assert result.stderr.startswith("Configuration error: SENTRY_DSN: not a usable DSN")
    assert result.stderr.strip().count("\n") == 0
