"""There is no Docker engine here, so check that docker-compose.yml points at real things."""

from __future__ import annotations

import importlib
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _command(service: str) -> list[str]:
    command = COMPOSE["services"][service]["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_the_five_services_exist_with_the_expected_images() -> None:
    services = COMPOSE["services"]
    assert set(services) == {"web", "worker", "solver", "db", "redis"}
    assert services["db"]["image"].startswith("postgres:17")
    assert services["redis"]["image"].startswith("redis:7")
    assert all(services[naam]["build"] == "." for naam in ("web", "worker", "solver"))


def test_web_runs_gunicorn_on_the_real_wsgi_application_after_migrating() -> None:
    command = " ".join(_command("web"))
    assert "manage.py migrate" in command
    module, _, _attribute = next(
        part for part in command.split() if part.endswith(":application")
    ).partition(":")
    assert module == "config.wsgi"
    assert (ROOT / "config" / "wsgi.py").exists()
    assert "application =" in (ROOT / "config" / "wsgi.py").read_text()
    assert "gunicorn" in command


def test_worker_runs_celery_on_the_real_celery_app() -> None:
    command = _command("worker")
    assert command[:1] == ["celery"]
    app = command[command.index("-A") + 1]
    module = importlib.import_module(app)
    assert module.app.main == "passendeplek"
    assert "worker" in command


def test_the_allocation_has_a_worker_of_its_own_and_the_default_worker_leaves_it() -> None:
    from django.conf import settings

    solver = _command("solver")
    assert solver[:1] == ["celery"] and "worker" in solver
    assert solver[solver.index("-Q") + 1] == settings.SOLVER_QUEUE
    assert settings.CELERY_TASK_ROUTES["matching.tasks.bereken_verdeling"] == {
        "queue": settings.SOLVER_QUEUE
    }
    worker = _command("worker")
    assert worker[worker.index("-Q") + 1] == settings.CELERY_TASK_DEFAULT_QUEUE


def test_services_read_their_environment_from_the_example_file_and_it_names_real_settings() -> None:
    example = (ROOT / ".env.example").read_text()
    keys = {
        line.split("=", 1)[0]
        for line in example.splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert {
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
    } <= keys
    settings_source = (ROOT / "config" / "settings.py").read_text()
    for key in keys - {"POSTGRES_PASSWORD", "POSTGRES_DB", "POSTGRES_USER"}:
        assert f'"{key}"' in settings_source, f"{key} is not read by config/settings.py"
    for service in ("web", "worker", "solver"):
        assert ".env" in str(COMPOSE["services"][service]["env_file"])


def test_dockerfile_installs_the_pinned_requirements() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements.txt" in dockerfile
    assert "collectstatic" in dockerfile
