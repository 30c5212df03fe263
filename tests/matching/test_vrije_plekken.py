"""The region's free places as CSV and JSON: the same places the regional picture counts,
homes and dates only, for the coordinator's own region (an admin chooses one).

De Linde (Groningen) has a vacancy now; it gets one within 60 days, one too late to count and
one that went unconfirmed. Wadzicht (Friesland) has a vacancy in the other region.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Jongere
from plaatsingstafel.regio import regiobeeld
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import VacatureFactory
from voorzieningen.models import Voorziening


@pytest.fixture
def plekken(de_linde: Voorziening, wadzicht: Voorziening, coordinator: User) -> Jongere:
    vandaag = timezone.localdate()
    de_linde.max_bewoners = 6
    de_linde.save()
    VacatureFactory.create(voorziening=de_linde, beschikbaar_vanaf=vandaag + dt.timedelta(days=20))
    VacatureFactory.create(voorziening=de_linde, beschikbaar_vanaf=vandaag + dt.timedelta(days=90))
    VacatureFactory.create(
        voorziening=de_linde,
        beschikbaar_vanaf=vandaag,
        laatst_bevestigd=timezone.now() - dt.timedelta(days=40),
    )
    # A youth waits in the region: the feed must not name her.
    return JongereFactory.create(roepnaam="Sara", coordinator=coordinator)


def _client(persoon: User) -> Client:
    client = Client()
    client.force_login(persoon)
    return client


def test_the_json_feed_lists_the_places_the_regional_picture_counts(
    plekken: Jongere, coordinator: User, de_linde: Voorziening
) -> None:
    response = _client(coordinator).get(reverse("plaatsingstafel:vrije_plekken_json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="vrije-plekken-')
    data = json.loads(response.content)
    beeld = regiobeeld(de_linde.aanbieder.regio)
    assert (data["plekken_nu"], data["plekken_binnenkort"]) == (1, 1)
    assert (data["plekken_nu"], data["plekken_binnenkort"]) == (
        beeld.plekken_nu,
        beeld.plekken_binnenkort,
    )
    assert [(p["woning"], p["nu_vrij"]) for p in data["plekken"]] == [
        ("De Linde", True),
        ("De Linde", False),
    ]
    assert data["plekken"][0]["aanbieder"] == de_linde.aanbieder.naam
    assert "Sara" not in response.content.decode()
    assert "Wadzicht" not in response.content.decode()


def test_the_csv_feed_has_the_same_places(plekken: Jongere, coordinator: User) -> None:
    response = _client(coordinator).get(reverse("plaatsingstafel:vrije_plekken_csv"))

    assert response.status_code == 200
    tekst = response.content.decode("utf-8-sig")
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert [(r["woning"], r["nu_vrij"]) for r in rijen] == [
        ("De Linde", "True"),
        ("De Linde", "False"),
    ]
    assert rijen[0]["vrij_vanaf"] == timezone.localdate().isoformat()


def test_each_coordinator_gets_their_own_region_and_an_admin_chooses(
    plekken: Jongere, coordinator2: User, admin_user: User, de_linde: Voorziening
) -> None:
    friesland = json.loads(
        _client(coordinator2).get(reverse("plaatsingstafel:vrije_plekken_json")).content
    )
    assert [p["woning"] for p in friesland["plekken"]] == ["Huize Wadzicht"]

    gekozen = _client(admin_user).get(
        reverse("plaatsingstafel:vrije_plekken_json"), {"regio": de_linde.aanbieder.regio_id}
    )
    assert [p["woning"] for p in json.loads(gekozen.content)["plekken"]] == ["De Linde"] * 2


def test_a_name_typed_like_a_formula_is_kept_from_spreadsheets(
    plekken: Jongere, coordinator: User, de_linde: Voorziening
) -> None:
    Voorziening.objects.filter(pk=de_linde.pk).update(naam="=HYPERLINK(1)")

    tekst = _client(coordinator).get(reverse("plaatsingstafel:vrije_plekken_csv")).content.decode()

    assert "'=HYPERLINK(1)" in tekst


@pytest.mark.parametrize(
    "naam", ["plaatsingstafel:vrije_plekken_json", "plaatsingstafel:vrije_plekken_csv"]
)
def test_managers_and_families_do_not_get_the_feed(
    naam: str, beheerder: User, jongere_user: User
) -> None:
    for persoon in (beheerder, jongere_user):
        assert _client(persoon).get(reverse(naam)).status_code == 403
