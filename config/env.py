"""Small helpers that read settings from the environment and fail loudly.

A wrong value must stop start-up with one line that names the variable, so every
helper raises ``ImproperlyConfigured`` with the variable's name in the message;
``manage.py`` and the WSGI entry point turn that into a single line on stderr.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Values that are clearly not a secret: Django's own development prefix and the words the
# example files use where a real value belongs.
_PLACEHOLDERS = ("django-insecure", "replace-with", "change-me", "changeme", "not-a-secret")


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}: expected 1 or 0, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_database(name: str, default_url: str) -> dict[str, object]:
    """Parse a database URL; only SQLite and PostgreSQL are supported."""
    url = env_str(name) or default_url
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: not a usable database URL ({exc})") from None
    engine = str(config.get("ENGINE", ""))
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"{name}: only sqlite:/// and postgres:// URLs are supported, got {url.split(':')[0]!r}"
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ImproperlyConfigured(f"{name}: the PostgreSQL URL names no database")
    return dict(config)


def load_env_file(path: str | os.PathLike[str]) -> None:
    """Put the KEY=value lines of `path` into the environment, without overriding what the
    environment already holds (a variable set in the shell wins over the file).

    The format is the one docker compose reads: one KEY=value a line, blank lines and lines
    starting with # ignored, an optional `export ` before the key, and a value optionally in
    matching single or double quotes (taken literally, no escapes). A missing file is
    fine; a line that is none of these stops start-up with the file and line named.
    """
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except FileNotFoundError:
        return
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        text = text.removeprefix("export ").lstrip()
        key, equals, value = text.partition("=")
        key = key.strip()
        if not equals or not _KEY.fullmatch(key):
            raise ImproperlyConfigured(f"{path}, line {number}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key, value)


def env_secret_key(name: str) -> str:
    """A production secret key: long and random enough, and not a placeholder.

    The rule is Django's own deploy check (at least 50 characters, at least 5 different
    ones, not Django's development prefix), plus the placeholder words of the example
    files, so a copied `.env.example` cannot reach production unnoticed.
    """
    value = env_str(name)
    how = "set it to 50 or more random characters, e.g. the output of " + (
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
    if not value:
        raise ImproperlyConfigured(f"{name}: required when DJANGO_DEBUG is not 1 ({how})")
    if len(value) < 50 or len(set(value)) < 5:
        raise ImproperlyConfigured(f"{name}: too short to be a secret ({how})")
    if any(word in value.lower() for word in _PLACEHOLDERS):
        raise ImproperlyConfigured(f"{name}: still the example's placeholder ({how})")
    return value


def env_url(name: str, default: str = "", *, https: bool = False) -> str:
    """An absolute http(s) address without a path, e.g. https://plek.example.org."""
    value = env_str(name, default).rstrip("/")
    parts = urlsplit(value)
    schemes = {"https"} if https else {"http", "https"}
    if parts.scheme not in schemes or not parts.hostname or parts.path or parts.query:
        example = "https://plek.example.org"
        raise ImproperlyConfigured(
            f"{name}: expected {' or '.join(sorted(schemes))}://host with no path, "
            f"e.g. {example}; got {value!r}"
        )
    return value
