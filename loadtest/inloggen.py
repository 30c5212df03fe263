"""Logging in through the portal's real login form, as a browser does.

The password step posts the form with its CSRF token; when the portal then asks for the
second step (`/accounts/login/code/`), the six-digit code of the account's TOTP device is
posted. Used by the locustfile (its HTTP client is a requests session) and by the
warm-up of `make loadtest`.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pyotp
import requests

from loadtest.accounts import TOTP_GEHEIM

DEMO_WACHTWOORD = "passendeplek-demo"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN = "/accounts/login/"
CODE = "/accounts/login/code/"


class InlogFout(Exception):
    pass


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
                "code": pyotp.TOTP(TOTP_GEHEIM).now(),
                "csrfmiddlewaretoken": _token(antwoord.text),
            },
        )
    if antwoord.status_code != 200 or urlsplit(antwoord.url).path.startswith(LOGIN):
        raise InlogFout(f"login refused for {email} (status {antwoord.status_code})")
