"""Siblings: the coordinator links them (both ways), the search shows the homes that can
take them together, and the joint allocation keeps them together — through the pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks as CaptureCallbacks

from accounts.models import Organisatie, Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorzieningen.models import Voorziening


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sem(coordinator: User) -> Jongere:
    jongere = JongereFactory.create(roepnaam="Sem", coordinator=coordinator)
    AnalyseFactory.create(
        jongere=jongere, status=VerklarendeAnalyse.Status.GEDRAGEN, zorgprofiel="trauma"
    )
    return jongere


@pytest.fixture
def twee_plekken(aanbieder: Organisatie) -> Voorziening:
    home = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Eik", lat=53.21, lon=6.57)
    VacatureFactory.create(voorziening=home)
    VacatureFactory.create(voorziening=home)
    return home


def _koppel(client: Client, jongere: Jongere, ander: Jongere) -> None:
    client.post(reverse("jongeren:broers_zussen", args=[jongere.pk]), {"broer_zus": ander.pk})


def test_coordinator_links_siblings_both_ways_and_can_unlink(
    noor: Jongere, sem: Jongere, coordinator: User
) -> None:
    client = _login(coordinator)
    _koppel(client, noor, sem)
    assert list(sem.broers_zussen.all()) == [noor]
    page = client.get(reverse("jongeren:detail", args=[sem.pk])).text
    assert "Broers en zussen" in page and "Noor" in page
    client.post(reverse("jongeren:broers_zussen", args=[sem.pk]), {"los": noor.pk})
    assert not noor.broers_zussen.exists()


def test_only_youths_of_the_own_organisation_can_be_linked(
    noor: Jongere, coordinator: User, gemeente: Organisatie
) -> None:
    buren = Organisatie.objects.create(
        naam="Gemeente Buren", soort=Organisatie.Soort.GEMEENTE, regio=gemeente.regio
    )
    collega = UserFactory.create(rol=Rol.COORDINATOR, organisatie=buren)
    vreemd = JongereFactory.create(roepnaam="Vreemd", coordinator=collega)
    _koppel(_login(coordinator), noor, vreemd)
    assert not noor.broers_zussen.exists()
    # And the other organisation's coordinator cannot link to Noor either (404 on Noor).
    response = _login(collega).post(
        reverse("jongeren:broers_zussen", args=[vreemd.pk]), {"broer_zus": noor.pk}
    )
    assert response.status_code == 302
    assert not vreemd.broers_zussen.exists()


def test_family_and_managers_cannot_link(
    noor: Jongere, sem: Jongere, ouder_user: User, beheerder: User
) -> None:
    for persoon in (ouder_user, beheerder):
        response = _login(persoon).post(
            reverse("jongeren:broers_zussen", args=[noor.pk]), {"broer_zus": sem.pk}
        )
        assert response.status_code in {403, 404}
    assert not noor.broers_zussen.exists()


def test_search_together_shows_only_homes_with_room_for_both(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    sem: Jongere,
    coordinator: User,
    de_linde: Voorziening,
    twee_plekken: Voorziening,
) -> None:
    client = _login(coordinator)
    _koppel(client, noor, sem)
    url = reverse("matching:zoeken", args=[noor.pk])
    alleen = client.get(url)
    namen = {regel.voorziening["naam"] for regel in alleen.context["regels"]}
    assert {"De Linde", "De Eik"} <= namen
    assert "Zoek woningen waar ze samen kunnen wonen" in alleen.text
    samen = client.get(url, {"samen": "1"})
    assert [regel.voorziening["naam"] for regel in samen.context["regels"]] == ["De Eik"]


def test_allocation_keeps_siblings_together(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    sem: Jongere,
    coordinator: User,
    de_linde: Voorziening,
    twee_plekken: Voorziening,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    client = _login(coordinator)
    _koppel(client, noor, sem)
    with django_capture_on_commit_callbacks(execute=True):
        gestart = client.post(reverse("plaatsingstafel:toewijzing"), {})
    page = client.get(gestart["Location"])
    woningen = {r.jongere.roepnaam: r.woning for r in page.context["rijen"]}
    assert woningen == {"Noor": twee_plekken, "Sem": twee_plekken}
