"""Start-up with bad or missing settings fails with one clear line, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
    "DJANGO_ALLOWED_HOSTS": "passendeplek.example.org",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("CELERY_BROKER_URL", None)
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_missing_secret_key_in_production_stops_with_one_line() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_allowed_hosts_in_production_stops_with_one_line() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "DJANGO_ALLOWED_HOSTS"}
    result = _manage("check", env=env)
    assert result.returncode == 1
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url", ["mysql://root@localhost/db", "not a url", "postgres://postgres@127.0.0.1:5432/"]
)
def test_unusable_database_url_stops_with_one_line_naming_it(url: str) -> None:
    result = _manage("check", env={**PRODUCTION, "DATABASE_URL": url})
    assert result.returncode == 1
    assert result.stderr.startswith("Configuration error: DATABASE_URL:")
    assert result.stderr.strip().count("\n") == 0


def test_nonsense_debug_flag_is_refused() -> None:
    result = _manage("check", env={**PRODUCTION, "DJANGO_DEBUG": "maybe"})
    assert result.returncode == 1
    assert "DJANGO_DEBUG" in result.stderr


def test_debug_is_off_unless_set_to_one() -> None:
    result = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env={k: v for k, v in PRODUCTION.items() if k != "DJANGO_DEBUG"},
    )
    assert result.stdout.strip() == "False"


def test_without_broker_tasks_run_in_process_and_with_one_they_do_not() -> None:
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    assert _manage("shell", "--no-imports", "-c", code, env=PRODUCTION).stdout.strip() == "True"
    with_broker = {**PRODUCTION, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"}
    assert _manage("shell", "--no-imports", "-c", code, env=with_broker).stdout.strip() == "False"


def test_dutch_is_the_default_language_and_time_is_amsterdam() -> None:
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl"
    assert ("en", "Engels") in [(code, str(name)) for code, name in settings.LANGUAGES]
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
