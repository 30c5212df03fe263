"""Change history (django-simple-history) records who changed a record, through the portal."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere
from tests.jongeren.formulieren import form_post_data
from voorstellen.models import Voorstel


def test_profile_change_records_the_coordinator(
    client: Client, coordinator: User, noor: Jongere
) -> None:
    client.force_login(coordinator)
    form = client.get(reverse("jongeren:bewerken", args=[noor.pk])).context["form"]

    response = client.post(
        reverse("jongeren:bewerken", args=[noor.pk]), form_post_data(form) | {"roepnaam": "Nora"}
    )

    assert response.status_code == 302
    laatste = noor.history.latest()
    assert laatste.roepnaam == "Nora"
    assert laatste.history_user == coordinator
    assert laatste.history_type == "~"


def test_proposal_step_records_who_took_it(
    client: Client, coordinator: User, voorstel: Voorstel
) -> None:
    client.force_login(coordinator)

    response = client.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "intrekken"]),
        {"intrek-reden": "Er is een andere plek gevonden."},
    )

    assert response.status_code == 302
    laatste = voorstel.history.latest()
    assert laatste.status == "ingetrokken"
    assert laatste.history_user == coordinator
