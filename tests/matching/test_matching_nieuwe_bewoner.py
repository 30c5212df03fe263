"""The manager's what-if: what a candidate would mean for each current resident."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import PlaatsingFactory
from voorzieningen.models import Voorziening

KANDIDAAT = {
    "leeftijd": "15",
    "geslacht": "m",
    "zorgprofiel": "externaliserend",
    "zorgintensiteit": "hoog",
    "signalen": ["agressie"],
}


def _url(home: Voorziening) -> str:
    return reverse("voorzieningen:nieuwe_bewoner", args=[home.pk])


def test_the_manager_sees_each_residents_consequence_by_their_own_label(
    client: Client, beheerder: User, de_linde: Voorziening
) -> None:
    PlaatsingFactory.create(
        voorziening=de_linde,
        aanduiding="J.K.",
        geboortemaand=geboren(15),
        zorgprofiel="externaliserend",
        signalen=["agressie"],
    )
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=1)
    client.force_login(beheerder)
    html = client.get(_url(de_linde), KANDIDAAT).content.decode()
    assert "bewoner 1 (J.K.)" in html
    assert "zelfde zorgprofiel" in html
    assert "Met deze jongere erbij" in html


def test_an_empty_form_shows_only_the_form_and_bad_input_is_explained(
    client: Client, beheerder: User, de_linde: Voorziening
) -> None:
    client.force_login(beheerder)
    assert "Wat de komst betekent" not in client.get(_url(de_linde)).content.decode()
    response = client.get(_url(de_linde), {**KANDIDAAT, "leeftijd": "30"})
    assert response.status_code == 200
    assert "Wat de komst betekent" not in response.content.decode()
    assert 'class="errorlist"' in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"), [("beheerder2", 404), ("coordinator", 403), ("jongere_user", 403)]
)
def test_only_the_homes_own_manager_may_look(
    client: Client, request: pytest.FixtureRequest, de_linde: Voorziening, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(de_linde), KANDIDAAT).status_code == status
