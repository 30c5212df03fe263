"""The database connection drops between two requests: the next request still works.

Requests go through Django's WSGI handler the way gunicorn calls it, so the persistent
connection (CONN_MAX_AGE) outlives a request and the per-request connection housekeeping
runs (the test client switches that off). Between two requests the server ends the
connection (pg_terminate_backend, as a database restart or a failover would).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from tests.trust.storingen import database_url
from tests.voorzieningen.factories import VoorzieningFactory


def _verzoek(pad: str, sessie: str) -> int:
    """One request as a WSGI server makes it; returns the status code."""
    environ = (
        RequestFactory().get(pad, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={sessie}").environ
    )
    status: list[str] = []

    def start_response(regel: str, headers: Any, exc_info: Any = None) -> Callable[[bytes], None]:
        status.append(regel)
        return lambda data: None

    response = WSGIHandler()(environ, start_response)
    b"".join(response)
    response.close()  # what the server does at the end: request_finished
    return int(status[0].split()[0])


def _verbreek_verbinding() -> int:
    """End this process's database session from the server's side; return its pid."""
    assert connection.connection is not None, "the connection was not kept between requests"
    pid = connection.connection.info.backend_pid
    with psycopg.connect(database_url(), autocommit=True) as beheer:
        beheer.execute("SELECT pg_terminate_backend(%s)", [pid])
    return int(pid)


@pytest.fixture
def sessie(requires_postgres: None, transactional_db: None, beheerder: User) -> str:
    VoorzieningFactory.create(aanbieder=beheerder.organisatie)
    client = Client()
    client.force_login(beheerder)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.postgres
def test_the_next_request_works_after_the_database_dropped_the_connection(sessie: str) -> None:
    pagina = reverse("voorzieningen:dashboard")
    assert connection.settings_dict["CONN_MAX_AGE"] > 0
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert _verzoek(pagina, sessie) == 200
    oude_pid = _verbreek_verbinding()
    assert _verzoek(pagina, sessie) == 200
    assert connection.connection is not None
    assert connection.connection.info.backend_pid != oude_pid


@pytest.mark.postgres
def test_without_the_health_check_the_same_drop_would_break_a_request(
    sessie: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the drop above is real, and the health check is what absorbs it."""
    pagina = reverse("voorzieningen:dashboard")
    assert _verzoek(pagina, sessie) == 200
    monkeypatch.setattr(connection, "health_check_enabled", False)
    _verbreek_verbinding()
    assert _verzoek(pagina, sessie) == 500
    # Django closes a connection that failed, so the request after that works again.
    assert _verzoek(pagina, sessie) == 200
