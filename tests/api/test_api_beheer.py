"""A functional admin issues and revokes keys in the admin; nobody else manages keys."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from accounts.models import Rol, User
from api.models import ApiSleutel
from api.sleutels import hash_van
from tests.api.conftest import Aanbieder, ApiClient
from tests.factories import UserFactory


def test_an_admin_issues_a_key_shown_once_that_works(
    client: Client, admin_user: User, beheerder: User
) -> None:
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:api_apisleutel_add"),
        {"naam": "Roostersysteem", "gebruiker": beheerder.pk},
        follow=True,
    )

    assert response.status_code == 200
    (sleutel,) = re.findall(r"pp_[A-Za-z0-9_-]{40,}", response.content.decode())
    record = ApiSleutel.objects.get()
    assert (record.gebruiker, record.aanbieder, record.aangemaakt_door) == (
        beheerder,
        beheerder.organisatie,
        admin_user,
    )
    assert record.sleutel_hash == hash_van(sleutel)
    assert ApiClient(sleutel).api_get(reverse("api:woningen")).status_code == 200
    # Shown once: the key's own page does not show it again.
    pagina = client.get(reverse("admin:api_apisleutel_change", args=[record.pk]))
    assert sleutel not in pagina.content.decode()


def test_the_admin_offers_only_managers_for_a_key(
    client: Client, admin_user: User, beheerder: User, coordinator: User
) -> None:
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:api_apisleutel_add"), {"naam": "Poging", "gebruiker": coordinator.pk}
    )

    assert response.status_code == 200
    assert not ApiSleutel.objects.exists()


def test_an_admin_revokes_keys_and_they_stop_at_once(
    client: Client, admin_user: User, a: Aanbieder
) -> None:
    client.force_login(admin_user)
    record = ApiSleutel.objects.get(gebruiker=a.beheerder)

    response = client.post(
        reverse("admin:api_apisleutel_changelist"),
        {"action": "trek_in", "_selected_action": [record.pk]},
        follow=True,
    )

    assert response.status_code == 200
    record.refresh_from_db()
    assert (record.ingetrokken_op is not None, record.ingetrokken_door) == (True, admin_user)
    assert a.client.api_get(reverse("api:woningen")).status_code == 401


def test_staff_who_are_not_functional_admins_do_not_see_keys(client: Client, a: Aanbieder) -> None:
    medewerker = UserFactory.create(
        email="staf@example.org",
        rol=Rol.BEHEERDER,
        organisatie=a.beheerder.organisatie,
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(medewerker)

    assert client.get(reverse("admin:api_apisleutel_changelist")).status_code == 403
