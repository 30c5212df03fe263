from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import Settings


def test_healthz_answers_without_touching_dependencies(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_is_ready_with_a_database_and_in_process_tasks(
    client: Client, db: None, settings: Settings
) -> None:
    settings.CELERY_BROKER_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "in-process"}


def test_readyz_is_unavailable_when_the_broker_cannot_be_reached(
    client: Client, db: None, settings: Settings
) -> None:
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


@pytest.mark.redis
def test_readyz_reaches_a_real_redis_broker(
    client: Client, db: None, settings: Settings, redis_url: str
) -> None:
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["broker"] == "ok"


def test_readyz_is_unavailable_when_the_database_is_down(
    client: Client, db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from config import views

    monkeypatch.setattr(views, "_database_ready", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
