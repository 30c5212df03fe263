"""The search as a list a coordinator can scan, and two or three homes side by side.

Each home is one short row (score, its strongest and weakest factor in words, the group's
risk, when a place is free); the full explanation folds open per home. Ticked homes are
compared factor by factor on a page read like the search itself: scoped to the youth's own
coordinator, logged, and refusing a second proposal where one is already running.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from matching.engine.types import Factor
from matching.samenvatting import Onderdeel, factor_naam
from privacy.models import Inzage
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening


def _zoeken(jongere: Jongere) -> str:
    return reverse("matching:zoeken", args=[jongere.pk])


def _vergelijk(jongere: Jongere, *woningen: Voorziening) -> str:
    query = "&".join(f"woning={woning.pk}" for woning in woningen)
    return reverse("matching:vergelijk", args=[jongere.pk]) + (f"?{query}" if query else "")


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_each_home_is_one_short_row_with_its_explanation_folded(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    html = client.get(_zoeken(noor)).content.decode()
    tekst = _tekst(html)
    # Per home: strongest two, weakest one, the group and the date, all in words.
    assert html.count("<dt>Sterk</dt>") == 2
    assert html.count("<dt>Zwakst</dt>") == 2
    assert html.count("<dt>Groep met deze jongere erbij</dt>") == 2
    vandaag = timezone.localdate()
    assert html.count(f"<dt>Vrij vanaf</dt><dd>{vandaag.day} ") == 2
    assert "Dicht bij familie" in tekst
    # The full explanation is still there, one <details> per home, points in Dutch.
    assert html.count('<details class="uitleg">') == 2
    # Written for the coordinator: about Noor, in the third person (docs/schrijfwijzer.md).
    assert "Noor nodig heeft volgens de analyse" in html
    assert "je analyse" not in html
    assert re.search(r"\d+,\d van \d+,\d", tekst)
    assert not re.search(r"\d+\.\d / \d+\.\d|\d+,\d / \d+,\d", tekst)
    # Ticking homes to compare needs no JavaScript: checkboxes tied to a GET form.
    assert f'form="vergelijk" name="woning" value="{de_linde.pk}"' in html
    assert 'id="vergelijk" method="get"' in html


@pytest.mark.parametrize(
    ("punten", "maximum", "nl", "en"),
    [
        (2.25, 10, "2,3 van 10,0", "2.3 of 10.0"),
        (7.04, 12.5, "7,0 van 12,5", "7.0 of 12.5"),
        (0, 3, "0,0 van 3,0", "0.0 of 3.0"),
    ],
)
def test_a_factors_points_read_with_one_decimal_in_the_readers_language(
    punten: float, maximum: float, nl: str, en: str
) -> None:
    onderdeel = Onderdeel(Factor("groep", punten, maximum, "Uitleg."), "De groep")
    # Half up, like the page's floatformat:1 did; the same value read in Dutch and then in
    # English is formatted for each reader, not served from the other language.
    with translation.override("nl"):
        assert onderdeel.punten == nl
        assert factor_naam("nabijheid") == "Dicht bij familie"
    with translation.override("en"):
        assert onderdeel.punten == en
        assert factor_naam("nabijheid") == "Close to family"
    with translation.override("nl"):
        assert onderdeel.punten == nl
        assert factor_naam("nabijheid") == "Dicht bij familie"


def test_the_search_asks_no_more_queries_for_more_homes(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    client.get(_zoeken(noor))
    with CaptureQueriesContext(connection) as twee:
        assert client.get(_zoeken(noor)).status_code == 200
    for nummer in range(4):
        woning = VoorzieningFactory.create(naam=f"Extra {nummer}", lat=53.21, lon=6.57)
        VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=timezone.localdate())
    client.get(_zoeken(noor))
    with CaptureQueriesContext(connection) as zes:
        html = client.get(_zoeken(noor)).content.decode()
    assert "6 woningen komen in aanmerking" in html
    assert len(zes) == len(twee)


def test_two_homes_side_by_side_factor_by_factor(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    voor = Inzage.objects.filter(jongere_ref=noor.pk, actie=Inzage.Actie.SEARCH).count()
    response = client.get(_vergelijk(noor, wadzicht, de_linde))
    html = response.content.decode()
    assert response.status_code == 200
    # A table with a column per home, best first whatever the order they were ticked in.
    assert 'role="region" aria-labelledby="vergelijk-kop"' in html
    kolommen = re.findall(r'<th scope="col"><a [^>]*>([^<]+)</a>', html)
    assert kolommen == ["De Linde", "Huize Wadzicht"]
    for naam in ("Wat de jongere nodig heeft", "Dicht bij familie", "Veiligheid", "De groep"):
        assert f'<th scope="row">{naam}</th>' in html
    assert html.count("Voorstel maken") == 2
    # Read like the search: one more search in the access log.
    na = Inzage.objects.filter(jongere_ref=noor.pk, actie=Inzage.Actie.SEARCH).count()
    assert na == voor + 1


@pytest.mark.parametrize("aantal", [0, 1, 4])
def test_fewer_than_two_or_more_than_three_homes_are_refused_in_dutch(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    aantal: int,
) -> None:
    woningen = []
    for nummer in range(aantal):
        woning = VoorzieningFactory.create(naam=f"Huis {nummer}", lat=53.21, lon=6.57)
        VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=timezone.localdate())
        woningen.append(woning)
    client.force_login(coordinator)
    response = client.get(_vergelijk(noor, *woningen))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies twee of drie woningen om te vergelijken" in html
    assert "<table" not in html


def test_a_home_that_is_not_eligible_cannot_be_compared(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    vol = VoorzieningFactory.create(naam="Zonder plek", lat=53.21, lon=6.57)
    client.force_login(coordinator)
    html = client.get(_vergelijk(noor, de_linde, vol)).content.decode()
    assert "komt niet (meer) in aanmerking" in html
    assert "<table" not in html


def test_another_organisations_coordinator_cannot_compare(
    client: Client,
    coordinator2: User,
    noor: Jongere,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator2)
    assert client.get(_vergelijk(noor, de_linde, wadzicht)).status_code == 404
    assert not Inzage.objects.filter(jongere_ref=noor.pk, actie=Inzage.Actie.SEARCH).exists()


def test_the_comparison_refuses_a_second_proposal_where_one_runs(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    wadzicht: Voorziening,
    verstuurd: Voorstel,
) -> None:
    client.force_login(coordinator)
    html = client.get(_vergelijk(noor, verstuurd.voorziening, wadzicht)).content.decode()
    assert "Er loopt al een voorstel voor Noor bij deze woning" in html
    assert verstuurd.get_absolute_url() in html
    nieuw = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, verstuurd.voorziening.pk])
    assert nieuw not in html
    assert reverse("voorstellen:voorstel_nieuw", args=[noor.pk, wadzicht.pk]) in html
    # The server refuses it too.
    client.post(nieuw, {"motivatie": "Nog een keer.", "actie": "versturen"})
    assert Voorstel.objects.filter(jongere=noor, voorziening=verstuurd.voorziening).count() == 1
