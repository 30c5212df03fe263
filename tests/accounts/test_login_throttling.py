"""Login throttling: five wrong passwords lock that address for that client, in Dutch."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User

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
