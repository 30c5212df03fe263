"""The coordinator's search page: ranked, explained, scoped and robust to bad filters."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from matching.models import Zoekopdracht
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import PlaatsingFactory
from voorzieningen.models import Voorziening


def _url(jongere: Jongere) -> str:
    return reverse("matching:zoeken", args=[jongere.pk])


def test_homes_are_ranked_nearest_first_with_explanations(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    response = client.get(_url(noor))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("De Linde") < html.index("Huize Wadzicht")
    assert "Dat vroeg de analyse van Noor" in html and "je analyse" not in html
    assert "<meter" in html
    assert "2 woningen komen in aanmerking" in html
    assert "nog niet gedragen" not in html


def test_family_priorities_are_shown_beside_the_ranking(
    client: Client, coordinator: User, noor: Jongere, noor_analyse: VerklarendeAnalyse
) -> None:
    noor_analyse.prioriteit_nabijheid = 3
    noor_analyse.belangrijk_jongere = "Bij oma in de buurt blijven."
    noor_analyse.save()
    client.force_login(coordinator)
    html = client.get(_url(noor)).content.decode()
    assert "Wat de jongere en de ouders belangrijk vinden" in html
    assert "Bij oma in de buurt blijven." in html
    assert "heel belangrijk" in html


def test_without_an_endorsed_analysis_the_search_is_marked(
    client: Client, coordinator: User, noor: Jongere, de_linde: Voorziening
) -> None:
    client.force_login(coordinator)
    html = client.get(_url(noor)).content.decode()
    assert "Er is nog geen verklarende analyse." in html
    assert "De Linde" in html


def test_a_full_home_is_listed_with_why_not(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
) -> None:
    de_linde.vacatures.all().delete()
    for _ in range(4):
        PlaatsingFactory.create(voorziening=de_linde, geboortemaand=geboren(15))
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=4)
    client.force_login(coordinator)
    html = client.get(_url(noor)).content.decode()
    assert "0 woningen komen in aanmerking" in html
    assert "waarom niet?" in html
    assert "De Linde" in html


def test_filters_narrow_the_list_and_nonsense_is_ignored_with_a_message(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    near = client.get(_url(noor), {"max_afstand_km": "30"}).content.decode()
    assert "De Linde" in near and "Huize Wadzicht" not in near
    nonsense = client.get(
        _url(noor), {"max_afstand_km": "ver", "gesloten": "misschien", "beschikbaar_op": "gisteren"}
    )
    html = nonsense.content.decode()
    assert nonsense.status_code == 200
    assert "is genegeerd" in html
    assert "De Linde" in html and "Huize Wadzicht" in html


def test_htmx_filtering_returns_only_the_results_fragment(
    client: Client, coordinator: User, noor: Jongere, de_linde: Voorziening
) -> None:
    client.force_login(coordinator)
    response = client.get(
        _url(noor), {"gesloten": "open"}, headers={"hx-request": "true", "hx-target": "resultaten"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="resultaten"')
    assert "<html" not in html
    # The fragment alone still has the words every result repeats (translated once per list).
    assert "<dt>Sterk</dt>" in html
    assert "Uitleg per onderdeel<span" in html
    assert re.search(r">\s*Voorstel maken<span", html)


def test_a_youth_without_a_location_is_ranked_without_distances(
    client: Client, coordinator: User, noor: Jongere, de_linde: Voorziening
) -> None:
    Jongere.objects.filter(pk=noor.pk).update(lat=None, lon=None)
    client.force_login(coordinator)
    response = client.get(_url(noor), {"max_afstand_km": "10"})
    assert response.status_code == 200
    assert "De Linde" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("coordinator2", 404), ("beheerder", 403), ("jongere_user", 403), ("ouder_user", 403)],
)
def test_only_the_youths_own_organisation_may_search(
    client: Client, request: pytest.FixtureRequest, noor: Jongere, persona: str, status: int
) -> None:
    client.force_login(request.getfixturevalue(persona))
    assert client.get(_url(noor)).status_code == status


def test_anonymous_visitors_must_log_in(client: Client, noor: Jongere) -> None:
    response = client.get(_url(noor))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_saving_a_search_keeps_its_filters_and_best_homes(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("matching:bewaren", args=[noor.pk]), {"max_afstand_km": "30"}, follow=True
    )
    opdracht = Zoekopdracht.objects.get()
    assert opdracht.filters["max_afstand_km"] == 30
    assert list(opdracht.voorzieningen.all()) == [de_linde]
    assert response.status_code == 200
    assert "De Linde" in response.content.decode()
    assert "max_afstand_km=30" in response.content.decode()


def test_another_organisation_cannot_save_or_read_a_search(
    client: Client, coordinator2: User, noor: Jongere
) -> None:
    client.force_login(coordinator2)
    assert client.post(reverse("matching:bewaren", args=[noor.pk])).status_code == 404
    assert not Zoekopdracht.objects.exists()


def test_a_drafts_attention_signals_do_not_steer_the_search(
    client: Client, coordinator: User, noor: Jongere, de_linde: Voorziening
) -> None:
    from tests.jongeren.factories import AnalyseFactory

    PlaatsingFactory.create(
        voorziening=de_linde, geboortemaand=geboren(15), signalen=["slachtoffer_mensenhandel"]
    )
    AnalyseFactory.create(jongere=noor, signalen=["seksueel_grensoverschrijdend"])
    client.force_login(coordinator)
    html = client.get(_url(noor)).content.decode()
    assert "nog een concept" in html
    assert "nooit samen mag wonen" not in html
    assert "1 woning komt in aanmerking" in html


def test_coordinators_read_group_reasons_without_residents_signals(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
) -> None:
    for _ in range(2):
        PlaatsingFactory.create(
            voorziening=de_linde, geboortemaand=geboren(15), signalen=["zelfbeschadiging"]
        )
    client.force_login(coordinator)
    html = client.get(_url(noor)).content.decode()
    assert "Groep met deze jongere erbij" in html
    assert "Meer jongeren met suïcidaliteit of zelfbeschadiging" not in html
    assert "Meer risico op negatieve beïnvloeding in deze groep" in html
