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
    "PORTAL_URL": "https://passendeplek.example.org",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """manage.py in an environment of only `env` (no .env file, nothing of this process)."""
    clean = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ENV_FILE": "",
    }
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
        env=_zonder(PRODUCTION, "DJANGO_DEBUG"),
    )
    assert result.stdout.strip() == "False"


def test_with_a_broker_tasks_go_to_it_and_in_process_only_when_chosen() -> None:
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    assert _manage("shell", "--no-imports", "-c", code, env=PRODUCTION).stdout.strip() == "False"
    in_process = {**_zonder(PRODUCTION, "CELERY_BROKER_URL"), "TASKS_IN_PROCESS": "1"}
    assert _manage("shell", "--no-imports", "-c", code, env=in_process).stdout.strip() == "True"


def _zonder(env: dict[str, str], *keys: str) -> dict[str, str]:
    return {k: v for k, v in env.items() if k not in keys}


def _weigert(env: dict[str, str], variabele: str) -> str:
    """Start-up with `env` stops with one line naming `variabele`; returns that line."""
    result = _manage("check", env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert result.stderr.startswith(f"Configuration error: {variabele}:"), result.stderr
    return result.stderr


def test_production_refuses_to_start_without_a_portal_url_for_the_mails() -> None:
    assert "required" in _weigert(_zonder(PRODUCTION, "PORTAL_URL"), "PORTAL_URL")


@pytest.mark.parametrize(
    "url",
    [
        "http://passendeplek.example.org",  # mails would send people to plain HTTP
        "https://passendeplek.example.org/portal",  # the portal lives at the root
        "passendeplek.example.org",
        "https://elders.example.org",  # not a host this portal answers to
    ],
)
def test_production_refuses_a_portal_url_people_could_not_use(url: str) -> None:
    _weigert({**PRODUCTION, "PORTAL_URL": url}, "PORTAL_URL")


@pytest.mark.parametrize(
    "key",
    [
        "replace-with-a-long-random-value",  # the example file's placeholder
        "django-insecure-" + "k" * 50 + "abcdef",  # Django's development prefix
        "kort-maar-geheim",
        "a" * 60,  # long, but not random
        "replace-with-" + "0123456789" * 5,  # a placeholder, padded
    ],
)
def test_production_refuses_a_secret_key_that_is_not_a_secret(key: str) -> None:
    _weigert({**PRODUCTION, "DJANGO_SECRET_KEY": key}, "DJANGO_SECRET_KEY")


def test_production_refuses_to_start_without_a_broker_unless_in_process_is_chosen() -> None:
    zonder_broker = _zonder(PRODUCTION, "CELERY_BROKER_URL")
    regel = _weigert(zonder_broker, "CELERY_BROKER_URL")
    assert "TASKS_IN_PROCESS=1" in regel
    gekozen = _manage("check", env={**zonder_broker, "TASKS_IN_PROCESS": "1"})
    assert gekozen.returncode == 0, gekozen.stderr
    beide = {**PRODUCTION, "TASKS_IN_PROCESS": "1"}
    _weigert(beide, "TASKS_IN_PROCESS")


def _instelling(naam: str, env: dict[str, str]) -> str:
    code = f"from django.conf import settings; print(repr(getattr(settings, {naam!r}, None)))"
    result = _manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_forwarded_https_is_believed_only_when_a_proxy_is_configured() -> None:
    assert _instelling("SECURE_PROXY_SSL_HEADER", PRODUCTION) == "None"
    achter_proxy = {**PRODUCTION, "DJANGO_TRUSTED_PROXIES": "1"}
    assert _instelling("SECURE_PROXY_SSL_HEADER", achter_proxy) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    _weigert({**PRODUCTION, "DJANGO_TRUSTED_PROXIES": "-1"}, "DJANGO_TRUSTED_PROXIES")


def test_the_env_file_fills_in_what_the_environment_does_not_say(tmp_path: Path) -> None:
    bestand = tmp_path / "lokaal.env"
    bestand.write_text(
        "# the checkout's own settings\n"
        "DJANGO_DEBUG=1\n"
        "export PORTAL_URL='http://127.0.0.1:8123'\n"
        'DJANGO_DEFAULT_FROM_EMAIL="Passende Plek <noreply@example.org>"\n'
        "\n",
        encoding="utf-8",
    )
    env = {"DJANGO_ENV_FILE": str(bestand), "DJANGO_DEFAULT_FROM_EMAIL": "x@example.org"}
    base = _zonder(PRODUCTION, "DJANGO_DEBUG", "PORTAL_URL")
    assert _instelling("DEBUG", {**base, **env}) == "True"
    assert _instelling("PORTAL_URL", {**base, **env}) == "'http://127.0.0.1:8123'"
    # The environment wins over the file.
    assert _instelling("DEFAULT_FROM_EMAIL", {**base, **env}) == "'x@example.org'"
    assert _instelling("DEBUG", {**PRODUCTION, **env}) == "False"


def test_a_broken_line_in_the_env_file_stops_start_up_naming_file_and_line(
    tmp_path: Path,
) -> None:
    bestand = tmp_path / "lokaal.env"
    bestand.write_text("DJANGO_DEBUG=1\ndit is geen instelling\n", encoding="utf-8")
    result = _manage("check", env={"DJANGO_ENV_FILE": str(bestand)})
    assert result.returncode == 1
    assert result.stderr.strip() == f"Configuration error: {bestand}, line 2: expected KEY=value"


def test_dutch_is_the_default_language_and_time_is_amsterdam() -> None:
    from django.conf import settings

    assert settings.LANGUAGE_CODE == "nl"
    assert ("en", "Engels") in [(code, str(name)) for code, name in settings.LANGUAGES]
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True


def test_links_made_with_a_rotated_secret_key_work_while_it_is_a_fallback() -> None:
    oud, nieuw = "0ld-" + "k3y" * 20, "n3w-" + "s3cr3t" * 10
    maak = "from django.core import signing; print(signing.dumps(42, salt='uitnodiging'))"
    link = _manage(
        "shell", "--no-imports", "-c", maak, env={**PRODUCTION, "DJANGO_SECRET_KEY": oud}
    )
    lees = (
        "from django.core import signing\n"
        "try:\n"
        f"    print(signing.loads({link.stdout.strip()!r}, salt='uitnodiging'))\n"
        "except signing.BadSignature:\n"
        "    print('ongeldig')"
    )
    na_rotatie = {**PRODUCTION, "DJANGO_SECRET_KEY": nieuw, "DJANGO_SECRET_KEY_FALLBACKS": oud}
    assert _manage("shell", "--no-imports", "-c", lees, env=na_rotatie).stdout.strip() == "42"
    zonder_oud = {**PRODUCTION, "DJANGO_SECRET_KEY": nieuw}
    assert _manage("shell", "--no-imports", "-c", lees, env=zonder_oud).stdout.strip() == "ongeldig"
