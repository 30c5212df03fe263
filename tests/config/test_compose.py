"""docker-compose.yml and the Dockerfile, read as an operator relies on them.

There is no Docker engine here, so the files are parsed and every property an operator
counts on is checked: what runs as the containers' first process, who waits for whom,
health checks, restart policies, volumes, where the secrets live, and that the commands
and settings they name exist. The environment compose gives the portal is fed to the real
settings, so a mistake there fails here rather than on a server.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from config import healthcheck

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
PORTAL = ("migrate", "web", "worker", "solver", "beat")  # the services built from our image
LANGLOPEND = ("web", "worker", "solver", "beat", "db", "redis")
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _instructies() -> list[tuple[str, str]]:
    """The Dockerfile's instructions, continuation lines joined, comments left out."""
    regels: list[tuple[str, str]] = []
    huidige = ""
    for regel in DOCKERFILE.splitlines():
        if not huidige and (not regel.strip() or regel.lstrip().startswith("#")):
            continue
        huidige += regel.rstrip("\\").strip() + " "
        if not regel.endswith("\\"):
            opdracht, _, rest = huidige.strip().partition(" ")
            regels.append((opdracht.upper(), rest.strip()))
            huidige = ""
    return regels


def _dockerfile(opdracht: str) -> list[str]:
    return [rest for naam, rest in _instructies() if naam == opdracht]


def _exec_vorm(rest: str) -> list[str]:
    """A CMD or HEALTHCHECK CMD in exec form (a JSON list): no shell in between."""
    waarde = json.loads(rest)
    assert isinstance(waarde, list), f"not in exec form: {rest}"
    return [str(deel) for deel in waarde]


def _command(service: str) -> list[str]:
    """What the service runs: its compose command, else the image's CMD."""
    command = SERVICES[service].get("command")
    if command is None:
        (cmd,) = _dockerfile("CMD")
        return _exec_vorm(cmd)
    assert isinstance(command, list), f"{service}: command as a list (exec form), not a string"
    return [str(deel) for deel in command]


def _seconden(duur: str) -> int:
    eenheden = {"s": 1, "m": 60, "h": 3600}
    return sum(int(n) * eenheden[e] for n, e in re.findall(r"(\d+)([smh])", duur))


def test_the_portal_runs_as_migrate_web_worker_and_beat_beside_postgres_and_redis() -> None:
    assert set(SERVICES) == {*PORTAL, "db", "redis"}
    assert SERVICES["db"]["image"].startswith("postgres:17")
    assert SERVICES["redis"]["image"].startswith("redis:7")
    for service in PORTAL:
        assert SERVICES[service]["build"] == "."
        assert SERVICES[service]["image"] == SERVICES["web"]["image"]  # one image, built once


def test_web_is_gunicorn_itself_as_first_process_and_stops_gracefully() -> None:
    command = _command("web")
    # Exec form straight into gunicorn: no `sh -c` keeping the shell as PID 1, so docker
    # stop's SIGTERM reaches gunicorn; and no migrations racing between replicas.
    assert command[0] == "gunicorn"
    assert "sh" not in command and "migrate" not in command
    assert command[-1] == "config.wsgi:application"
    assert "application" in vars(importlib.import_module("config.wsgi"))
    config = command[command.index("--config") + 1]
    gunicorn: dict[str, Any] = {}
    exec((ROOT / config).read_text(), gunicorn)  # noqa: S102 - our own config file
    assert gunicorn["bind"] == "0.0.0.0:8000"
    # docker stop waits longer than gunicorn lets requests in progress finish.
    assert _seconden(SERVICES["web"]["stop_grace_period"]) > gunicorn["graceful_timeout"]
    assert SERVICES["web"].get("stop_signal", "SIGTERM") == "SIGTERM"
    # Published to the machine itself only: the TLS proxy in front reaches it there.
    assert SERVICES["web"]["ports"] == ["127.0.0.1:8000:8000"]


def test_migrations_run_once_in_their_own_service_and_the_others_wait_for_it() -> None:
    assert _command("migrate") == [
        "sh",
        "-c",
        "python manage.py migrate --noinput"
        " && python manage.py grant_runtime_role passendeplek_runtime",
    ]
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for service in ("web", "worker", "beat"):
        depends = SERVICES[service]["depends_on"]
        assert depends["migrate"] == {"condition": "service_completed_successfully"}, service
        assert depends["db"] == {"condition": "service_healthy"}, service
        assert depends["redis"] == {"condition": "service_healthy"}, service


def test_the_allocation_has_a_worker_of_its_own_and_the_default_worker_leaves_it() -> None:
    from django.conf import settings

    solver = _command("solver")
    assert solver[:4] == ["celery", "-A", "config.celery_app", "worker"]
    assert solver[solver.index("-Q") + 1] == settings.SOLVER_QUEUE
    assert settings.CELERY_TASK_ROUTES["plaatsingstafel.tasks.bereken_verdeling"] == {
        "queue": settings.SOLVER_QUEUE
    }
    worker = _command("worker")
    assert worker[worker.index("-Q") + 1] == settings.CELERY_TASK_DEFAULT_QUEUE
    check = shlex.split(SERVICES["solver"]["healthcheck"]["test"][1])
    naam = solver[solver.index("--hostname") + 1]
    assert check[check.index("--destination") + 1] == naam.replace("%h", "$$HOSTNAME")


def test_worker_and_beat_are_separate_so_workers_can_be_scaled() -> None:
    worker, beat = _command("worker"), _command("beat")
    for command, rol in ((worker, "worker"), (beat, "beat")):
        assert command[:3] == ["celery", "-A", "config.celery_app"]
        assert command[3] == rol
        assert importlib.import_module(command[2]).app.main == "passendeplek"
    # No scheduler inside the worker: a second worker would run every job twice.
    assert not {"-B", "--beat"} & set(worker)
    # beat keeps its schedule in a volume, where its health check looks.
    schema = beat[beat.index("--schedule") + 1]
    assert Path(schema) == healthcheck.BEAT_SCHEDULE
    assert f"beat:{Path(schema).parent}" in SERVICES["beat"]["volumes"]


def test_every_long_running_service_restarts_and_has_a_real_health_check() -> None:
    for service in LANGLOPEND:
        assert SERVICES[service]["restart"] == "unless-stopped", service
        check = SERVICES[service]["healthcheck"]
        assert "disable" not in check, service
        assert check["test"][0] in {"CMD", "CMD-SHELL"}, service
    assert SERVICES["db"]["healthcheck"]["test"][1].startswith("pg_isready -U passendeplek")
    assert SERVICES["redis"]["healthcheck"]["test"][1:] == ["redis-cli", "ping"]
    worker_check = shlex.split(SERVICES["worker"]["healthcheck"]["test"][1])
    assert worker_check[:5] == ["celery", "-A", "config.celery_app", "inspect", "ping"]
    # Compose turns $$ into $: the shell in the container fills in its own host name,
    # which is the worker's default node name celery@<hostname>.
    assert worker_check[worker_check.index("--destination") + 1] == "celery@$$HOSTNAME"
    assert SERVICES["web"]["healthcheck"]["test"] == ["CMD", "python", "-m", "config.healthcheck"]
    assert SERVICES["beat"]["healthcheck"]["test"][-2:] == ["config.healthcheck", "beat"]


def test_data_lives_in_named_volumes() -> None:
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    assert "redisdata:/data" in SERVICES["redis"]["volumes"]
    assert "--appendonly" in SERVICES["redis"]["command"]  # queued tasks survive a restart
    assert set(COMPOSE["volumes"]) == {"pgdata", "redisdata", "beat"}


def test_secrets_come_from_one_env_file_and_the_database_password_is_written_once() -> None:
    for service in PORTAL:
        assert SERVICES[service]["env_file"] == ".env"
    # The password is only ever a reference to .env, here and in the database URL.
    assert SERVICES["db"]["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")
    # The portal connects as the runtime role; only migrate connects as the tables' owner.
    url = SERVICES["web"]["environment"]["DATABASE_URL"]
    assert url.startswith("postgres://passendeplek_runtime:${DATABASE_RUNTIME_PASSWORD:?")
    assert url.endswith("@db:5432/passendeplek")
    eigenaar = SERVICES["migrate"]["environment"]["DATABASE_URL"]
    assert eigenaar.startswith("postgres://passendeplek:${POSTGRES_PASSWORD:?")
    assert not re.search(r"(PASSWORD|SECRET_KEY)\w*:\s*[\"']?[A-Za-z0-9]", COMPOSE_TEXT)
    # Every variable compose needs is named (with how to fill it in) in the example file.
    voorbeeld = (ROOT / ".env.example").read_text()
    nodig = set(re.findall(r"\$\{(\w+):\?", COMPOSE_TEXT))
    assert nodig == {
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "PORTAL_URL",
        "POSTGRES_PASSWORD",
        "DATABASE_RUNTIME_PASSWORD",
    }
    for naam in nodig:
        assert re.search(rf"^#? ?{naam}=", voorbeeld, re.MULTILINE), naam


def test_every_setting_in_the_example_file_is_read_by_the_portal() -> None:
    voorbeeld = (ROOT / ".env.example").read_text()
    namen = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", voorbeeld, re.MULTILINE))
    settings_source = (ROOT / "config" / "settings.py").read_text()
    for naam in namen - {"POSTGRES_PASSWORD", "DATABASE_RUNTIME_PASSWORD"}:
        assert f'"{naam}"' in settings_source, f"{naam} is not read by config/settings.py"


def _interpoleer(waarde: str, env: dict[str, str]) -> str:
    """Compose's ${VAR} and ${VAR:?message} (the forms docker-compose.yml uses)."""

    def vervang(match: re.Match[str]) -> str:
        naam, fout = match.group(1), match.group(3)
        if not env.get(naam):
            if fout is not None:
                raise LookupError(fout)
            return ""
        return env[naam]

    return re.sub(r"\$\{(\w+)(:\?([^}]*))?\}", vervang, waarde)


def _portal_env(dotenv: dict[str, str]) -> dict[str, str]:
    """The environment compose gives the portal's containers: .env, then `environment`."""
    env = dict(dotenv)
    for naam, waarde in SERVICES["web"]["environment"].items():
        env[naam] = _interpoleer(str(waarde), dotenv)
    return env


SERVER_DOTENV = {
    # What an operator writes in .env on a server (see .env.example), with the line that
    # `make install` would have left for local development still in it.
    "DJANGO_DEBUG": "1",
    "DJANGO_SECRET_KEY": "Zq4-p1Jk0" * 7,
    "DJANGO_ALLOWED_HOSTS": "plek.example.org",
    "PORTAL_URL": "https://plek.example.org",
    "POSTGRES_PASSWORD": "0a1b2c3d4e5f",
    "DATABASE_RUNTIME_PASSWORD": "6a7b8c9d",
    "DJANGO_TRUSTED_PROXIES": "1",
}


def test_compose_refuses_to_start_until_each_secret_is_in_the_env_file() -> None:
    for naam in (
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "PORTAL_URL",
        "DATABASE_RUNTIME_PASSWORD",
    ):
        onvolledig = {k: v for k, v in SERVER_DOTENV.items() if k != naam}
        with pytest.raises(LookupError, match=f"set {naam} in .env"):
            _portal_env(onvolledig)


def test_the_environment_compose_gives_is_a_production_configuration_the_portal_accepts() -> None:
    env = _portal_env(SERVER_DOTENV)
    assert env["DJANGO_DEBUG"] == "0"  # whatever the local .env said
    assert env["DATABASE_URL"] == "postgres://passendeplek_runtime:6a7b8c9d@db:5432/passendeplek"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_ENV_FILE": "",
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_dockerfile_has_a_command_a_health_check_and_code_the_runtime_user_cannot_change() -> None:
    (cmd,) = _dockerfile("CMD")
    assert _exec_vorm(cmd)[0] == "gunicorn"
    (check,) = _dockerfile("HEALTHCHECK")
    opties, _, opdracht = check.partition(" CMD ")
    assert "--interval=" in opties
    assert _exec_vorm(opdracht) == ["python", "-m", "config.healthcheck"]
    instructies = _instructies()
    namen = [naam for naam, _ in instructies]
    gebruiker = namen.index("USER")
    assert dict(instructies)["USER"] == "app"
    # Code and static files are copied and built as root, before the switch to the user.
    assert all(naam != "COPY" for naam in namen[gebruiker:])
    assert "collectstatic" in " ".join(rest for naam, rest in instructies[:gebruiker])
    chowns = re.findall(r"chown\s+(?:-R\s+)?\S+\s+(\S+)", DOCKERFILE)
    assert chowns == ["/var/lib/passendeplek"], "only beat's schedule folder is the user's"
    assert "requirements.txt" in DOCKERFILE


def test_the_image_leaves_out_local_files() -> None:
    weg = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".venv", ".git", "db.sqlite3"} <= weg
