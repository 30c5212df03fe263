"""Logging in through the portal's real login form, as a browser does.

The password step posts the form with its CSRF token; when the portal then asks for the
second step (`/accounts/login/code/`), the six-digit code of the account's TOTP device is
posted. Used by the locustfile (its HTTP client is a requests session) and by the
warm-up of `make loadtest`.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import urlsplit

import requests
from django_otp.oath import TOTP

from demo.schaalgebruikers import TOTP_GEHEIM

DEMO_WACHTWOORD = "passendeplek-demo"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"


class InlogFout(Exception):
    pass


def totp(geheim: str, moment: float | None = None) -> str:
    """The six-digit code an authenticator app shows for this base32 secret (RFC 6238: SHA-1,
    30-second steps), computed by django-otp, which accepts the demo's short secret (recent
    pyotp versions refuse it)."""
    code = TOTP(base64.b32decode(geheim + "=" * (-len(geheim) % 8), casefold=True))
    if moment is not None:
        code.time = moment
    return f"{code.token():06d}"


def _token(html: str) -> str:
    gevonden = CSRF.search(html)
    if gevonden is None:
        raise InlogFout("no CSRF token in the form")
    return gevonden.group(1)


def log_in(sessie: requests.Session, host: str, email: str) -> None:
    """Log `sessie` in as `email`. `host` is empty for locust's client (it adds its own)."""
    formulier = sessie.get(host + LOGIN)
    antwoord = sessie.post(
        host + LOGIN,
        data={
            "username": email,
            "password": DEMO_WACHTWOORD,
            "csrfmiddlewaretoken": _token(formulier.text),
        },
    )
    if urlsplit(antwoord.url).path == CODE:
        antwoord = sessie.post(
            host + CODE,
            data={
                "code": totp(TOTP_GEHEIM),
                "csrfmiddlewaretoken": _token(antwoord.text),
            },
        )
    if antwoord.status_code != 200 or urlsplit(antwoord.url).path.startswith(LOGIN):
        raise InlogFout(f"login refused for {email} (status {antwoord.status_code})")
