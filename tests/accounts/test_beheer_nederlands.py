"""The admin site speaks Dutch: Django 6.1's newer admin strings, django-axes' login records,
django-otp's authenticators (English field names upstream) and the permission names Django
stores in English all reach the functional admin in Dutch."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import tweede_stap_gedaan

# English words Django, axes and django-otp would show untranslated.
ENGELS = re.compile(
    r"\b(Search|Filter by|Pagination|Logout|Can (add|change|delete|view)|TOTP device|"
    r"static device|Created at|Last used at|Confirmed|access attempts?|access logs?|"
    r"access failures?|Attempt Time|IP Address|User Agent|Failed Logins|Otp_\w+|Axes)\b"
)


def _tekst(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    # The words a person reads or hears: text, and the alt/aria-label/title attributes.
    attributen = " ".join(re.findall(r'(?:alt|aria-label|title)="([^"]*)"', html))
    return re.sub(r"<[^>]+>", " ", html) + " " + attributen


@pytest.fixture
def beheer(client: Client, admin_user: User, coordinator: User) -> Client:
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)
    TOTPDevice.objects.create(user=coordinator, name="Telefoon", confirmed=True)
    StaticDevice.objects.create(user=coordinator, name="Herstelcodes")
    return client


def _adressen() -> list[str]:
    adressen = [reverse("admin:index"), reverse("admin:auth_group_add")]
    for model in admin.site._registry:
        meta = model._meta
        adressen.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return adressen


@pytest.mark.django_db
def test_every_admin_list_speaks_dutch(beheer: Client) -> None:
    engels = {}
    for adres in _adressen():
        response = beheer.get(adres)
        assert response.status_code == 200, adres
        gevonden = sorted({m.group(0) for m in ENGELS.finditer(_tekst(response.content.decode()))})
        if gevonden:
            engels[adres] = gevonden
    assert engels == {}


@pytest.mark.django_db
def test_authenticators_are_listed_under_dutch_names(beheer: Client) -> None:
    response = beheer.get(reverse("admin:accounts_authenticator_changelist"))
    html = response.content.decode()

    for kop in ("gebruiker", "naam", "aangemaakt op", "laatst gebruikt", "bevestigd"):
        assert kop.capitalize() in html
    assert "Authenticator-apps" in html
    # The upstream registrations are replaced, not shown next to the Dutch ones.
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


@pytest.mark.django_db
def test_permissions_read_as_dutch_actions(beheer: Client) -> None:
    html = beheer.get(reverse("admin:auth_group_add")).content.decode()

    assert "Jongeren | jongere | mag bekijken" in html
    assert "Can view" not in html


def test_the_check_finds_english() -> None:
    assert ENGELS.search(_tekst('<img src="x.svg" alt="Search">'))
    assert ENGELS.search(_tekst("<option>Kern | kenmerk | Can add kenmerk</option>"))
    assert not ENGELS.search(_tekst('<img src="x.svg" alt="Zoeken"> Filteren op regio'))
