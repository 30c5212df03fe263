"""Two-step login: a password alone does not open a professional's portal."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from accounts.koppelen import maak_koppellink
from accounts.models import User

WACHTWOORD = "een-goed-wachtwoord"


@pytest.fixture(autouse=True)
def verplicht(settings: Settings) -> None:
    settings.TWEESTAPS_VERPLICHT = True


def code_voor(device: TOTPDevice, stappen_terug: int = 0) -> str:
    totp = TOTP(device.bin_key)
    totp.time = totp.time - stappen_terug * 30
    return f"{totp.token():06d}"


def inloggen(client: Client, user: User, volgende: str = "") -> str:
    """The password step; returns where the portal sends the user next."""
    url = reverse("login") + (f"?next={volgende}" if volgende else "")
    response = client.post(url, {"username": user.email, "password": WACHTWOORD})
    assert response.status_code == 302
    return response["Location"]


@pytest.fixture
def telefoon(coordinator: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=coordinator, name="Telefoon", confirmed=True)


def test_password_leads_to_the_code_page_and_the_code_to_the_start_page(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    volgende = inloggen(client, coordinator)
    assert volgende.startswith(reverse("login_code"))
    # The code page offers no menu into pages that would only send the user back here.
    assert "Mijn jongeren" not in client.get(volgende).content.decode()
    # Until the code is given, nothing else opens.
    response = client.get(reverse("jongeren:lijst"))
    assert response["Location"].startswith(reverse("login_code"))

    response = client.post(volgende, {"code": code_voor(telefoon)})

    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert client.get(reverse("jongeren:lijst")).status_code == 200


def test_the_page_asked_for_is_where_the_code_leads(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    volgende = inloggen(client, coordinator, volgende="/meldingen/")
    response = client.post(volgende, {"code": code_voor(telefoon)})
    assert response["Location"] == "/meldingen/"


def test_a_next_address_elsewhere_is_ignored(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("login_code") + "?next=https://elders.example/",
        {"code": code_voor(telefoon)},
    )
    assert response["Location"] == reverse("start")


def test_wrong_code_is_refused_in_dutch_and_then_slowed_down(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    volgende = inloggen(client, coordinator)
    goed = code_voor(telefoon)
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"

    response = client.post(volgende, {"code": fout})
    assert response.status_code == 200
    assert "Deze code klopt niet of is al gebruikt" in response.content.decode()

    # Straight after a wrong code even the right one waits: guessing takes ever longer.
    response = client.post(volgende, {"code": goed})
    assert "te vaak een verkeerde code" in response.content.decode()
    assert client.get(reverse("jongeren:lijst")).status_code == 302


@pytest.mark.parametrize(
    ("invoer", "melding"),
    [("", "Vul de code van zes cijfers in."), ("12ab56", "alleen uit cijfers"), ("123", "zes")],
)
def test_malformed_code_gets_a_clear_message(
    client: Client, coordinator: User, telefoon: TOTPDevice, invoer: str, melding: str
) -> None:
    volgende = inloggen(client, coordinator)
    response = client.post(volgende, {"code": invoer})
    assert melding in response.content.decode()
    telefoon.refresh_from_db()
    assert telefoon.throttling_failure_count == 0  # not a guess at the code itself


def test_a_code_works_only_once(client: Client, coordinator: User, telefoon: TOTPDevice) -> None:
    code = code_voor(telefoon)
    client.post(inloggen(client, coordinator), {"code": code})
    client.post(reverse("logout"))

    response = client.post(inloggen(client, coordinator), {"code": code})

    assert "Deze code klopt niet of is al gebruikt" in response.content.decode()


def test_professional_without_authenticator_sets_one_up_first(
    client: Client, beheerder: User
) -> None:
    # Through the admin's one-time link (tests/accounts/test_koppelen.py: never without).
    client.get(reverse("koppelen", args=[maak_koppellink(gebruiker=beheerder, door=None)]))
    volgende = inloggen(client, beheerder, volgende="/voorzieningen/")
    assert volgende.startswith(reverse("tweestaps"))

    pagina = client.get(volgende)
    html = pagina.content.decode()
    assert "verplicht" in html
    assert "<svg" in html  # the QR code, drawn by the server
    geheim = re.search(r'<code class="geheim">([A-Z2-7 ]+)</code>', html)
    assert geheim is not None
    # The page shows the same secret on a reload, so a half-finished scan still works.
    assert geheim.group(1) in client.get(volgende).content.decode()

    device = TOTPDevice.objects.get(user=beheerder)
    assert not device.confirmed
    sleutel = geheim.group(1).replace(" ", "")
    assert b32decode(sleutel + "=" * (-len(sleutel) % 8)) == device.bin_key

    response = client.post(volgende, {"code": code_voor(device)})

    # The recovery codes, shown once, lead on to the page asked for.
    assert 'href="/voorzieningen/"' in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/voorzieningen/").status_code == 200


def test_professional_cannot_switch_it_off(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    client.post(inloggen(client, coordinator), {"code": code_voor(telefoon)})

    response = client.post(reverse("tweestaps"), {"actie": "uitzetten"}, follow=True)

    assert "verplicht" in response.content.decode()
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_a_youth_may_choose_it_and_then_it_is_asked(client: Client, jongere_user: User) -> None:
    assert inloggen(client, jongere_user) == reverse("start")  # optional: straight in
    pagina = client.get(reverse("tweestaps"))
    assert "Wil je je account extra beveiligen?" in pagina.content.decode()
    device = TOTPDevice.objects.get(user=jongere_user)
    client.post(reverse("tweestaps"), {"code": code_voor(device)})
    client.post(reverse("logout"))

    assert inloggen(client, jongere_user).startswith(reverse("login_code"))

    client.post(reverse("login_code"), {"code": code_voor(device, stappen_terug=-1)})
    response = client.post(reverse("tweestaps"), {"actie": "uitzetten"}, follow=True)
    assert "staat nu uit" in response.content.decode()
    client.post(reverse("logout"))
    assert inloggen(client, jongere_user) == reverse("start")


def test_htmx_request_before_the_code_is_sent_to_the_code_page(
    client: Client, coordinator: User, telefoon: TOTPDevice
) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("meldingen"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reverse("login_code")


def test_without_the_duty_only_users_with_an_authenticator_are_asked(
    client: Client, settings: Settings, coordinator: User, coordinator2: User, telefoon: TOTPDevice
) -> None:
    settings.TWEESTAPS_VERPLICHT = False
    assert inloggen(client, coordinator2) == reverse("start")
    client.post(reverse("logout"))
    assert inloggen(client, coordinator).startswith(reverse("login_code"))
