"""Logging in as a person does, for the benchmarks that measure pages."""

from __future__ import annotations

import re

from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from demo.accounts import DEMO_PASSWORD, demo_code

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(client: Client, email: str) -> None:
    """Through the login form, both steps (the demo authenticator's code), as in a browser."""

    def token(html: str) -> str:
        gevonden = CSRF.search(html)
        if gevonden is None:
            raise CommandError("no CSRF token on the login form")
        return gevonden.group(1)

    formulier = client.get(reverse("login"))
    antwoord = client.post(
        reverse("login"),
        {
            "username": email,
            "password": DEMO_PASSWORD,
            "csrfmiddlewaretoken": token(formulier.content.decode()),
        },
        follow=True,
    )
    if antwoord.redirect_chain and reverse("login_code") in antwoord.redirect_chain[-1][0]:
        antwoord = client.post(
            reverse("login_code"),
            {"code": demo_code(), "csrfmiddlewaretoken": token(antwoord.content.decode())},
            follow=True,
        )
    if antwoord.status_code != 200 or reverse("login") in antwoord.wsgi_request.path:
        raise CommandError(f"the login was refused (status {antwoord.status_code})")
