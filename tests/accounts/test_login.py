from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from demo.accounts import demo_code

DEMO_PASSWORD = "passendeplek-demo"
Capture = Callable[..., Any]


@pytest.fixture
def demo(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


@pytest.mark.parametrize(
    ("email", "overzicht", "heading"),
    [
        ("coordinator@example.org", "/jongeren/", "Mijn jongeren"),
        ("coordinator2@example.org", "/jongeren/", "Mijn jongeren"),
        ("beheerder@example.org", "/voorzieningen/", "Welkom, Marieke"),
        ("beheerder2@example.org", "/voorzieningen/", "Welkom, Pieter"),
        ("jongere@example.org", "/mijn/", "Hoi Noor"),
        ("ouder@example.org", "/mijn/", "Hoi Esther"),
        ("admin@example.org", "/beheer/", "Functioneel beheer"),
    ],
)
def test_every_demo_account_lands_on_what_needs_them_with_their_overview_one_click_away(
    client: Client, demo: None, settings: Settings, email: str, overzicht: str, heading: str
) -> None:
    settings.TWEESTAPS_VERPLICHT = True
    response = client.post(
        reverse("login"), {"username": email, "password": DEMO_PASSWORD}, follow=True
    )
    user = User.objects.get(email=email)
    if user.is_professional:
        # The demo professionals show the real second step, with the README's demo secret.
        assert response.redirect_chain[-1][0].startswith(reverse("login_code"))
        assert "Vul je code in" in response.content.decode()
        response = client.post(response.redirect_chain[-1][0], {"code": demo_code()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("start")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat vraagt nu jouw aandacht" in html
    assert f'href="{overzicht}"' in html
    # The role's overview is as it was.
    assert heading in client.get(overzicht).content.decode()


def test_login_is_case_insensitive_for_the_email_address(client: Client, coordinator: User) -> None:
    response = client.post(
        reverse("login"), {"username": "SANNE@Example.org", "password": "een-goed-wachtwoord"}
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == coordinator


def test_wrong_password_and_unknown_address_give_the_same_dutch_error(
    client: Client, coordinator: User
) -> None:
    wrong_password = client.post(
        reverse("login"), {"username": "sanne@example.org", "password": "fout-wachtwoord"}
    )
    unknown_address = client.post(
        reverse("login"), {"username": "niemand@example.org", "password": "fout-wachtwoord"}
    )
    for response in (wrong_password, unknown_address):
        assert response.status_code == 200
        assert "Deze combinatie van e-mailadres en wachtwoord kennen we niet" in (
            response.content.decode()
        )
        assert "_auth_user_id" not in client.session


def test_logout_ends_the_session(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("jongeren:lijst")).status_code == 302


def test_password_reset_does_not_reveal_whether_an_address_exists(
    client: Client, coordinator: User, django_capture_on_commit_callbacks: Capture
) -> None:
    # The mail leaves through the outbox, after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("password_reset"), {"email": "sanne@example.org"}, follow=True)
        unknown = client.post(
            reverse("password_reset"), {"email": "niemand@example.org"}, follow=True
        )
    assert known.redirect_chain == unknown.redirect_chain

    def without_nonce(html: str) -> str:
        return re.sub(r'(nonce|value)="[^"]+"', "", html)

    assert without_nonce(known.content.decode()) == without_nonce(unknown.content.decode())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sanne@example.org"]
    assert "nieuw wachtwoord" in mail.outbox[0].subject.lower()


def test_password_reset_link_sets_a_new_password_once(
    client: Client, coordinator: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": "sanne@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/nieuw-wachtwoord/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    new = "Een-heel-nieuw-wachtwoord-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Wachtwoord opgeslagen" in done.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.check_password(new)
    reused = client.get(path, follow=True)
    assert "Deze link werkt niet meer" in reused.content.decode()


def test_password_reset_does_the_same_work_for_any_address(
    client: Client, coordinator: User
) -> None:
    """Same answer, same time: a known and an unknown address each queue one task in the
    outbox (for the unknown one a task that sends nothing), with the same queries."""
    from kern.models import UitgesteldeTaak

    client.post(reverse("password_reset"), {"email": "iemand-anders@example.org"})  # warm up
    UitgesteldeTaak.objects.all().delete()
    tellingen = []
    for email in ("sanne@example.org", "niemand@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = client.post(reverse("password_reset"), {"email": email})
        assert response.status_code == 302
        tellingen.append(len(queries))
    assert tellingen[0] == tellingen[1]
    argumenten = list(UitgesteldeTaak.objects.order_by("pk").values_list("argumenten", flat=True))
    assert argumenten == [[coordinator.pk, "nl"], [None, "nl"]]
