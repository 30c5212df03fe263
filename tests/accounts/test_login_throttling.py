"""Throttling: five wrong passwords lock that address (however written) for that client, in
Dutch; a client guessing many addresses, and reset and invitation links, have limits too."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from kern.models import UitgesteldeTaak

GOED = "een-goed-wachtwoord"


def _probeer(client: Client, email: str, wachtwoord: str, ip: str = "10.0.0.1") -> int:
    response = client.post(
        reverse("login"), {"username": email, "password": wachtwoord}, REMOTE_ADDR=ip
    )
    return response.status_code


def test_five_wrong_passwords_lock_the_address_even_for_the_right_password(
    client: Client, coordinator: User
) -> None:
    for _ in range(4):
        assert _probeer(client, coordinator.email, "fout") == 200
    assert _probeer(client, coordinator.email, "fout") == 429
    response = client.post(
        reverse("login"), {"username": coordinator.email, "password": GOED}, REMOTE_ADDR="10.0.0.1"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Even wachten" in html and "een kwartier" in html
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_client_so_nobody_locks_out_someone_else(
    client: Client, coordinator: User
) -> None:
    for _ in range(5):
        _probeer(client, coordinator.email, "fout", ip="10.0.0.66")
    assert _probeer(Client(), coordinator.email, GOED, ip="10.0.0.2") == 302


def test_a_success_resets_the_count(client: Client, coordinator: User) -> None:
    for _ in range(4):
        _probeer(client, coordinator.email, "fout")
    assert _probeer(client, coordinator.email, GOED) == 302
    client.logout()
    for _ in range(4):
        assert _probeer(client, coordinator.email, "fout") == 200


def test_the_count_is_per_account_however_the_address_is_written(
    client: Client, coordinator: User
) -> None:
    varianten = [
        "sanne@example.org",
        "SANNE@example.org",
        "Sanne@Example.org",
        " sanne@EXAMPLE.org",
    ]
    for email in [*varianten, "sAnne@example.org"]:
        _probeer(client, email, "fout")
    # Five wrong passwords in five spellings: every spelling of the address is locked.
    assert _probeer(client, "SaNNe@example.org", GOED) == 429
    assert "_auth_user_id" not in client.session


def test_one_client_guessing_many_addresses_is_stopped(
    client: Client, settings: Settings, coordinator: User
) -> None:
    settings.INLOG_FOUTEN_PER_CLIENT = 8
    for nummer in range(8):
        assert _probeer(client, f"iemand{nummer}@example.org", "fout", ip="10.0.0.9") == 200
    # The ninth try from this client is refused, even with a right password.
    response = client.post(
        reverse("login"),
        {"username": coordinator.email, "password": GOED},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    assert "te vaak geprobeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another client is not affected.
    assert _probeer(Client(), coordinator.email, GOED, ip="10.0.0.10") == 302


def _herstel(client: Client, email: str, ip: str) -> int:
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip).status_code


def test_reset_requests_are_limited_per_address_known_or_not(
    client: Client, settings: Settings, coordinator: User
) -> None:
    settings.HERSTEL_PER_ADRES = 3
    for email in ("sanne@example.org", "niemand@example.org"):
        for nummer in range(3):
            assert _herstel(client, email.upper() if nummer else email, f"10.1.0.{nummer}") == 302
        # The fourth request for the address, from yet another client: refused, for a known
        # and an unknown address alike (so the limit tells nothing either).
        assert _herstel(client, email, "10.1.0.99") == 429
    assert UitgesteldeTaak.objects.count() == 6


def test_reset_requests_are_limited_per_client(
    client: Client, settings: Settings, coordinator: User
) -> None:
    settings.HERSTEL_PER_CLIENT = 4
    for nummer in range(4):
        assert _herstel(client, f"adres{nummer}@example.org", "10.2.0.1") == 302
    assert _herstel(client, coordinator.email, "10.2.0.1") == 429
    assert _herstel(client, coordinator.email, "10.2.0.2") == 302


def test_invitation_link_is_limited_per_client_and_per_address(
    client: Client, settings: Settings, coordinator: User, jongere_user: User
) -> None:
    from jongeren.models import Uitnodiging
    from jongeren.services import maak_token
    from tests.jongeren.factories import JongereFactory

    settings.UITNODIGING_PER_CLIENT = 5
    settings.UITNODIGING_PER_ADRES = 3
    jongere = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    uitnodiging = Uitnodiging.objects.create(
        jongere=jongere,
        email=jongere_user.email,
        persoon=jongere_user,
        rol=jongere_user.rol,
        verstuurd_door=coordinator,
    )
    url = reverse("jongeren:uitnodiging", args=[maak_token(uitnodiging)])
    fout = {"new_password1": "kort", "new_password2": "anders"}
    # Per address: three tries at choosing a password, from three clients; the fourth waits.
    for nummer in range(3):
        assert client.post(url, fout, REMOTE_ADDR=f"10.3.0.{nummer}").status_code == 200
    assert client.post(url, fout, REMOTE_ADDR="10.3.0.50").status_code == 429
    # Per client: any invitation link, valid or made up.
    for nummer in range(5):
        nep = reverse("jongeren:uitnodiging", args=[f"verzonnen-{nummer}"])
        assert client.get(nep, REMOTE_ADDR="10.3.1.1").status_code == 404
    assert client.get(url, REMOTE_ADDR="10.3.1.1").status_code == 429
