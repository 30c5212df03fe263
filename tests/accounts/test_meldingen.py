from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import Melding, User
from accounts.services import meld


def test_people_see_only_their_own_notices(
    client: Client, coordinator: User, beheerder: User
) -> None:
    meld(ontvangers=[coordinator], tekst="Het groepsbeeld van De Linde is veranderd.")
    meld(ontvangers=[beheerder], tekst="Er is een nieuw voorstel.")
    client.force_login(coordinator)
    html = client.get(reverse("meldingen")).content.decode()
    assert "groepsbeeld van De Linde" in html
    assert "nieuw voorstel" not in html
    assert "Meldingen (1)" in html


def test_a_notice_is_left_once_per_person(coordinator: User) -> None:
    meld(ontvangers=[coordinator, coordinator], tekst="Eén keer")
    assert Melding.objects.filter(ontvanger=coordinator).count() == 1


def test_marking_read_with_and_without_htmx(client: Client, coordinator: User) -> None:
    meld(ontvangers=[coordinator], tekst="Eerste")
    client.force_login(coordinator)
    response = client.post(reverse("meldingen"), headers={"hx-request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert not Melding.objects.ongelezen().exists()
    meld(ontvangers=[coordinator], tekst="Tweede")
    response = client.post(reverse("meldingen"))
    assert response.status_code == 302
    assert not Melding.objects.ongelezen().exists()


def test_empty_state_and_login_required(client: Client, jongere_user: User) -> None:
    assert client.get(reverse("meldingen")).status_code == 302
    client.force_login(jongere_user)
    assert "Je hebt geen meldingen." in client.get(reverse("meldingen")).content.decode()
