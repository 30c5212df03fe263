"""The coordinator's side: the list of homes and a home's read-only page.

A coordinator sees the aggregated group picture, never an individual resident and never
an attention signal."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, User
from kern.choices import Geslacht, Omgeving, Signaal, Zorgprofiel
from tests.voorzieningen.factories import (
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
    vul_met_bewoners,
)
from voorzieningen.models import Voorziening


@pytest.fixture
def als_coordinator(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def test_home_page_shows_profile_team_vacancies_and_group_picture(
    als_coordinator: Client, woning: Voorziening
) -> None:
    vandaag = timezone.localdate()
    vul_met_bewoners(
        woning,
        1,
        aanduiding="K.L.",
        geboortemaand=dt.date(vandaag.year - 16, 1, 1),
        geslacht=Geslacht.VROUW,
        zorgprofiel=Zorgprofiel.PSYCHIATRISCH,
        signalen=[Signaal.SLACHTOFFER_MENSENHANDEL, Signaal.SUICIDALITEIT],
        toelichting="Heeft nachtmerries.",
    )
    vul_met_bewoners(
        woning,
        1,
        aanduiding="M.N.",
        geboortemaand=dt.date(vandaag.year - 14, 1, 1),
        geslacht=Geslacht.MAN,
        zorgprofiel=Zorgprofiel.LVB,
        signalen=[Signaal.CRIMINALITEIT],
    )
    TeamlidFactory.create(voorziening=woning, naam="Bram", jaren_ervaring=10)
    VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=dt.date(2027, 2, 1))
    response = als_coordinator.get(reverse("voorzieningen:detail", args=[woning.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 jongeren" in html
    assert "14 tot 16 jaar" in html
    assert "Jongen / man: 1, Meisje / vrouw: 1" in html
    assert "Psychiatrisch: 1" in html and "Licht verstandelijke beperking (LVB): 1" in html
    assert "Vrij vanaf 1 februari 2027" in html
    assert "Teamleden</dt><dd>1</dd>" in html
    # Nothing about any single resident, and no attention signal at all.
    for geheim in ("K.L.", "M.N.", "nachtmerries", "aandachtssignalen"):
        assert geheim not in html
    for signaal in Signaal:
        assert str(signaal.label) not in html
    assert "Deze woning beheren" not in html


def test_stale_vacancies_are_not_shown_to_coordinators(
    als_coordinator: Client, woning: Voorziening
) -> None:
    VacatureFactory.create(
        voorziening=woning,
        beschikbaar_vanaf=dt.date(2027, 3, 1),
        laatst_bevestigd=timezone.now() - dt.timedelta(days=15),
    )
    html = als_coordinator.get(reverse("voorzieningen:detail", args=[woning.pk])).content.decode()
    assert "1 maart 2027" not in html
    assert "Geen open vacatures." in html


def test_my_own_home_links_to_managing_it(
    client: Client, beheerder: User, woning: Voorziening
) -> None:
    client.force_login(beheerder)
    html = client.get(reverse("voorzieningen:detail", args=[woning.pk])).content.decode()
    assert reverse("voorzieningen:beheer", args=[woning.pk]) in html


def test_list_shows_all_homes_with_free_places(
    als_coordinator: Client, woning: Voorziening, woning2: Voorziening
) -> None:
    vul_met_bewoners(woning2, 4)
    VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=dt.date(2027, 1, 10))
    response = als_coordinator.get(reverse("voorzieningen:lijst"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 voorzieningen gevonden" in html
    assert "De Linde" in html and "Huize Wadzicht" in html
    assert "1, vanaf 10 januari 2027" in html
    assert "4 van 4" in html


@pytest.mark.parametrize(
    ("query", "gevonden"),
    [
        ("provincie=Friesland", {"Huize Wadzicht"}),
        ("plaats=holw", {"Huize Wadzicht"}),
        ("omgeving=instellingsterrein", {"Het Kompas"}),
        ("gesloten=gesloten", {"Het Kompas"}),
        ("gesloten=open", {"De Linde", "Huize Wadzicht"}),
        ("vrij=on", {"De Linde"}),
        ("provincie=Limburg", set()),
    ],
)
def test_list_filters(
    als_coordinator: Client,
    woning: Voorziening,
    woning2: Voorziening,
    aanbieder: Organisatie,
    query: str,
    gevonden: set[str],
) -> None:
    VoorzieningFactory.create(
        aanbieder=aanbieder,
        naam="Het Kompas",
        gesloten=True,
        omgeving=Omgeving.INSTELLINGSTERREIN,
    )
    VacatureFactory.create(voorziening=woning)
    html = als_coordinator.get(reverse("voorzieningen:lijst") + "?" + query).content.decode()
    namen = set(re.findall(r'href="/voorzieningen/\d+/">([^<]+)</a>', html))
    assert namen == gevonden


def test_list_marks_homes_that_open_soon(als_coordinator: Client, aanbieder: Organisatie) -> None:
    VoorzieningFactory.create(
        aanbieder=aanbieder, naam="De Vlonder", opent_op=dt.date.today() + dt.timedelta(days=40)
    )
    assert "Opent op" in als_coordinator.get(reverse("voorzieningen:lijst")).content.decode()


def test_list_with_htmx_returns_only_the_results(
    als_coordinator: Client, woning: Voorziening
) -> None:
    response = als_coordinator.get(
        reverse("voorzieningen:lijst") + "?provincie=Groningen",
        headers={"HX-Request": "true", "HX-Target": "resultaten"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="resultaten"')
    assert "<h1" not in html and "De Linde" in html


def test_list_is_paginated_and_keeps_the_filters(
    als_coordinator: Client, aanbieder: Organisatie
) -> None:
    for nummer in range(25):
        VoorzieningFactory.create(aanbieder=aanbieder, naam=f"Huis {nummer:02}")
    html = als_coordinator.get(
        reverse("voorzieningen:lijst") + "?provincie=Groningen"
    ).content.decode()
    assert "25 voorzieningen gevonden" in html
    assert "Pagina 1 van 2" in html
    assert "?provincie=Groningen&amp;pagina=2" in html
    tweede = als_coordinator.get(
        reverse("voorzieningen:lijst") + "?provincie=Groningen&pagina=2"
    ).content.decode()
    assert re.findall(r'href="/voorzieningen/\d+/">([^<]+)</a>', tweede) == [
        f"Huis {nummer}" for nummer in range(20, 25)
    ]


def test_coordinator_pages_have_one_h1_and_no_inline_styles(
    als_coordinator: Client, woning: Voorziening
) -> None:
    for url in (reverse("voorzieningen:lijst"), reverse("voorzieningen:detail", args=[woning.pk])):
        html = als_coordinator.get(url).content.decode()
        assert html.count("<h1") == 1
        assert " style=" not in html
        assert not re.search(r"\son[a-z]+=", html)
