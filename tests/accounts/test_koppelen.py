"""A professional binds an authenticator app only through an admin's one-time link; recovery
codes, shown once, let them in once each when the phone is lost."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from accounts.koppelen import maak_koppellink
from accounts.models import KoppelLink, User

WACHTWOORD = "een-goed-wachtwoord"


@pytest.fixture(autouse=True)
def verplicht(settings: Settings) -> None:
    settings.TWEESTAPS_VERPLICHT = True


def code_voor(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key).token():06d}"


def inloggen(client: Client, user: User) -> str:
    response = client.post(reverse("login"), {"username": user.email, "password": WACHTWOORD})
    assert response.status_code == 302
    return str(response["Location"])


def koppel(client: Client, user: User, token: str) -> list[str]:
    """Open the link, log in, scan, confirm: returns the recovery codes shown."""
    assert client.get(reverse("koppelen", args=[token]))["Location"] == reverse("login")
    volgende = inloggen(client, user)
    assert volgende.startswith(reverse("tweestaps"))
    assert "<svg" in client.get(volgende).content.decode()
    apparaat = TOTPDevice.objects.get(user=user, confirmed=False)
    pagina = client.post(volgende, {"code": code_voor(apparaat)})
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Je ziet deze codes alleen nu" in html
    return re.findall(r"<li><code>([a-z2-7]+)</code></li>", html)


def test_a_password_alone_does_not_bind_an_authenticator(client: Client, beheerder: User) -> None:
    response = client.post(
        reverse("login"), {"username": beheerder.email, "password": WACHTWOORD}, follow=True
    )
    html = response.content.decode()
    assert "Vraag de functioneel beheerder van je organisatie om een koppellink" in html
    assert not response.wsgi_request.user.is_authenticated
    # Nor by going to the set-up page straight away.
    client.force_login(beheerder)
    assert client.get(reverse("tweestaps"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("voorzieningen:dashboard"))["Location"].startswith(reverse("login"))
    assert not TOTPDevice.objects.filter(user=beheerder).exists()


def test_the_admins_link_binds_the_app_once(
    client: Client, beheerder: User, admin_user: User
) -> None:
    token = maak_koppellink(gebruiker=beheerder, door=admin_user)
    codes = koppel(client, beheerder, token)

    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=beheerder).confirmed
    assert client.get(reverse("voorzieningen:dashboard")).status_code == 200
    assert KoppelLink.objects.get(gebruiker=beheerder).gebruikt_op is not None
    # Used: the link works no more, for anyone.
    assert Client().get(reverse("koppelen", args=[token])).status_code == 404


def test_the_link_only_works_for_its_own_account(
    client: Client, beheerder: User, beheerder2: User
) -> None:
    token = maak_koppellink(gebruiker=beheerder, door=None)
    client.get(reverse("koppelen", args=[token]))
    response = client.post(
        reverse("login"), {"username": beheerder2.email, "password": WACHTWOORD}, follow=True
    )
    assert "om een koppellink" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=beheerder2).exists()


def test_an_expired_or_replaced_link_does_not_work(
    client: Client, settings: Settings, beheerder: User
) -> None:
    oud = maak_koppellink(gebruiker=beheerder, door=None)
    nieuw = maak_koppellink(gebruiker=beheerder, door=None)
    assert client.get(reverse("koppelen", args=[oud])).status_code == 404
    KoppelLink.objects.filter(gebruikt_op__isnull=True).update(
        geldig_tot=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(reverse("koppelen", args=[nieuw]))
    assert response.status_code == 404
    assert "Vraag de functioneel beheerder" in response.content.decode()
    assert client.get(reverse("koppelen", args=["verzonnen"])).status_code == 404


def test_the_link_is_stored_only_as_a_hash(beheerder: User) -> None:
    token = maak_koppellink(gebruiker=beheerder, door=None)
    link = KoppelLink.objects.get()
    assert token not in link.token_hash
    assert len(link.token_hash) == 64


def test_a_recovery_code_works_once_instead_of_the_app(client: Client, beheerder: User) -> None:
    codes = koppel(client, beheerder, maak_koppellink(gebruiker=beheerder, door=None))
    client.post(reverse("logout"))

    assert inloggen(client, beheerder).startswith(reverse("login_code"))
    response = client.post(reverse("login_herstelcode"), {"code": codes[0].upper()}, follow=True)
    assert "Je hebt er nog 9" in response.content.decode()
    assert client.get(reverse("voorzieningen:dashboard")).status_code == 200
    client.post(reverse("logout"))

    inloggen(client, beheerder)
    opnieuw = client.post(reverse("login_herstelcode"), {"code": codes[0]})
    assert opnieuw.status_code == 200
    assert "klopt niet of is al gebruikt" in opnieuw.content.decode()
    assert client.get(reverse("voorzieningen:dashboard")).status_code == 302


def test_recovery_codes_can_be_renewed_and_the_old_ones_stop(
    client: Client, beheerder: User
) -> None:
    oude = koppel(client, beheerder, maak_koppellink(gebruiker=beheerder, door=None))
    pagina = client.post(reverse("tweestaps"), {"actie": "herstelcodes"})
    nieuwe = re.findall(r"<li><code>([a-z2-7]+)</code></li>", pagina.content.decode())
    assert len(nieuwe) == 10 and not set(nieuwe) & set(oude)
    client.post(reverse("logout"))
    inloggen(client, beheerder)
    assert client.post(reverse("login_herstelcode"), {"code": oude[1]}).status_code == 200
    # (A wrong code makes the next try wait a second; the test does not.)
    StaticDevice.objects.update(throttling_failure_timestamp=None, throttling_failure_count=0)
    assert client.post(reverse("login_herstelcode"), {"code": nieuwe[1]}).status_code == 302
