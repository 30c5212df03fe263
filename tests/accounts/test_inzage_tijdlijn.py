"""The youth and their parents read "Wie heeft mijn gegevens bekeken?" for their own youth."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere
from privacy.models import Inzage
from voorstellen.models import Voorstel


def _bekeken_door_professionals(
    client: Client, coordinator: User, beheerder: User, noor: Jongere, voorstel: Voorstel
) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("jongeren:detail", args=[noor.pk])).status_code == 200
    client.force_login(beheerder)
    assert client.get(reverse("voorstellen:voorstel", args=[voorstel.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["jongere_user", "ouder_user"])
def test_family_sees_who_looked_in_plain_words(
    request: pytest.FixtureRequest,
    client: Client,
    coordinator: User,
    beheerder: User,
    noor: Jongere,
    voorstel: Voorstel,
    persona: str,
) -> None:
    _bekeken_door_professionals(client, coordinator, beheerder, noor, voorstel)
    client.force_login(request.getfixturevalue(persona))
    voor = Inzage.objects.count()

    response = client.get(reverse("privacy:mijn_inzage", args=[noor.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Sanne, plaatsingscoördinator bij Gemeente Groningen" in html
    assert "Iemand van de woning De Linde" in html
    assert "Marieke" not in html  # a manager is shown by home, not by name
    assert "om een woning te zoeken die bij je past" in html
    assert Inzage.objects.count() == voor  # reading the timeline is not itself logged


def test_family_timeline_holds_only_their_own_youth(
    client: Client, coordinator: User, jongere_user: User, noor: Jongere, daan: Jongere
) -> None:
    client.force_login(coordinator)
    client.get(reverse("jongeren:detail", args=[daan.pk]))
    client.force_login(jongere_user)

    response = client.get(reverse("privacy:mijn_inzage", args=[noor.pk]))

    assert response.status_code == 200
    assert response.context["momenten"] == []
    assert "Nog niemand heeft de gegevens bekeken." in response.content.decode()


def test_other_youth_cannot_open_the_timeline(
    client: Client, andere_jongere_user: User, noor: Jongere, daan: Jongere
) -> None:
    client.force_login(andere_jongere_user)

    response = client.get(reverse("privacy:mijn_inzage", args=[noor.pk]))

    assert response.status_code == 404
    assert Inzage.objects.get().uitkomst == Inzage.Toegang.GEWEIGERD


def test_refused_attempts_are_not_on_the_family_timeline(
    client: Client, coordinator2: User, jongere_user: User, noor: Jongere
) -> None:
    client.force_login(coordinator2)
    assert client.get(reverse("jongeren:detail", args=[noor.pk])).status_code == 404
    client.force_login(jongere_user)

    response = client.get(reverse("privacy:mijn_inzage", args=[noor.pk]))

    assert response.context["momenten"] == []


@pytest.mark.parametrize(("persona", "status"), [("coordinator", 403), ("admin_user", 403)])
def test_professionals_do_not_use_the_family_timeline(
    request: pytest.FixtureRequest, client: Client, noor: Jongere, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("privacy:mijn_inzage", args=[noor.pk])).status_code == status


def test_family_page_links_to_the_timeline(
    client: Client, jongere_user: User, noor: Jongere
) -> None:
    client.force_login(jongere_user)

    response = client.get(reverse("jongeren:mijn_jongere", args=[noor.pk]))

    assert reverse("privacy:mijn_inzage", args=[noor.pk]) in response.content.decode()


def test_every_kind_of_access_has_plain_words_for_the_family() -> None:
    from privacy.models import Inzage
    from privacy.views import ACTIE_GEWOON, DOEL_GEWOON, SOORT_GEWOON

    assert set(SOORT_GEWOON) == set(Inzage.Soort)
    assert set(ACTIE_GEWOON) == set(Inzage.Actie)
    assert set(DOEL_GEWOON) == set(Inzage.Doel)
