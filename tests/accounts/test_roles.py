from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import Organisatie, Rol, User

START_PAGES = ["jongeren:lijst", "voorzieningen:dashboard", "jongeren:mijn", "beheer_start"]

# Which start page each persona may open.
ALLOWED = {
    "coordinator": "jongeren:lijst",
    "beheerder": "voorzieningen:dashboard",
    "jongere_user": "jongeren:mijn",
    "ouder_user": "jongeren:mijn",
    "admin_user": "beheer_start",
}


@pytest.mark.parametrize("persona", sorted(ALLOWED))
@pytest.mark.parametrize("page", START_PAGES)
def test_start_pages_open_only_for_their_own_role(
    client: Client, request: pytest.FixtureRequest, persona: str, page: str
) -> None:
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(page))
    expected = 200 if ALLOWED[persona] == page else 403
    assert response.status_code == expected


@pytest.mark.parametrize("page", START_PAGES)
def test_anonymous_visitors_are_sent_to_login(client: Client, db: None, page: str) -> None:
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_deactivated_user_loses_role_pages(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert client.get(reverse("jongeren:lijst")).status_code == 302


def test_organisations_are_scoped_to_who_asks(
    coordinator: User, beheerder: User, admin_user: User, aanbieder2: Organisatie
) -> None:
    assert list(Organisatie.objects.for_user(coordinator)) == [coordinator.organisatie]
    assert list(Organisatie.objects.for_user(beheerder)) == [beheerder.organisatie]
    assert aanbieder2 in Organisatie.objects.for_user(admin_user)


def test_a_coordinator_must_work_for_a_municipality(aanbieder: Organisatie) -> None:
    user = User(email="x@example.org", rol=Rol.COORDINATOR, organisatie=aanbieder)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "organisatie" in error.value.message_dict


def test_a_manager_needs_an_organisation(db: None) -> None:
    user = User(email="y@example.org", rol=Rol.BEHEERDER)
    with pytest.raises(ValidationError) as error:
        user.full_clean(exclude=["password"])
    assert "Kies de organisatie" in error.value.message_dict["organisatie"][0]


def test_youths_do_not_belong_to_an_organisation(gemeente: Organisatie) -> None:
    user = User(email="z@example.org", rol=Rol.JONGERE, organisatie=gemeente)
    with pytest.raises(ValidationError):
        user.full_clean(exclude=["password"])


def test_navigation_shows_admin_link_only_to_admins(
    client: Client, coordinator: User, admin_user: User
) -> None:
    client.force_login(coordinator)
    assert reverse("admin:index") not in client.get(reverse("jongeren:lijst")).content.decode()
    client.force_login(admin_user)
    assert reverse("admin:index") in client.get(reverse("beheer_start")).content.decode()
