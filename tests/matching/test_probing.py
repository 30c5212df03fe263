"""Probing is hard and visible: a youth's signals steer a search only from an endorsed
analysis or after a recorded release, and a search right after a change of the signals
shows in the access log and, when it adds up, in the admin's report.

The probe tried before: a throwaway youth with one signal, put to the family without any
family, searched and proposed, to learn which homes house a trafficking victim.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren import services
from jongeren.models import Jongere, VerklarendeAnalyse
from privacy.models import Inzage
from privacy.zoekpatronen import DREMPEL_NA_WIJZIGING, opvallende_zoekpatronen
from tests.factories import tweede_stap_gedaan
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import PlaatsingFactory
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

SIGNAALWOORDEN = ("mensenhandel", "grensoverschrijd", "slachtoffer")


@pytest.fixture
def wegwerp(coordinator: User) -> Jongere:
    """No account, no parents: nobody can endorse its analysis."""
    return JongereFactory.create(roepnaam="Test", coordinator=coordinator)


@pytest.fixture
def wegwerp_analyse(wegwerp: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(
        jongere=wegwerp,
        status=VerklarendeAnalyse.Status.TER_INSTEMMING,
        zorgprofiel="trauma",
        signalen=["seksueel_grensoverschrijdend"],
        behoeften=[("rust_structuur", 3)],
    )


@pytest.fixture
def met_slachtoffer(de_linde: Voorziening) -> Voorziening:
    PlaatsingFactory.create(
        voorziening=de_linde, geboortemaand=geboren(15), signalen=["slachtoffer_mensenhandel"]
    )
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=1)
    return de_linde


def _ingelogd(client: Client, user: User) -> Client:
    client.force_login(user)
    tweede_stap_gedaan(client, user)
    return client


def _zoek(client: Client, jongere: Jongere) -> str:
    response = client.get(reverse("matching:zoeken", args=[jongere.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_unendorsed_analysis_does_not_steer_the_search(
    client: Client,
    coordinator: User,
    wegwerp: Jongere,
    wegwerp_analyse: VerklarendeAnalyse,
    met_slachtoffer: Voorziening,
) -> None:
    html = _zoek(_ingelogd(client, coordinator), wegwerp)
    assert "De Linde" in html
    assert "samenstelling van de groep laat deze plaatsing niet toe" not in html
    assert "tellen pas mee als de analyse gedragen is" in html
    nieuw = client.get(reverse("voorstellen:voorstel_nieuw", args=[wegwerp.pk, met_slachtoffer.pk]))
    assert "samenstelling van de groep laat deze plaatsing niet toe" not in nieuw.content.decode()


def test_sending_still_blocks_and_says_nothing_about_the_residents(
    coordinator: User,
    wegwerp: Jongere,
    wegwerp_analyse: VerklarendeAnalyse,
    met_slachtoffer: Voorziening,
) -> None:
    voorstel = flow.maak_voorstel(
        jongere=wegwerp, voorziening=met_slachtoffer, door=coordinator, motivatie="Past goed."
    )
    with pytest.raises(flow.VoorstelFout) as fout:
        flow.stuur_voorstel(voorstel=voorstel, door=coordinator)
    tekst = " ".join(fout.value.messages).lower()
    assert "samenstelling van de groep" in tekst
    assert not any(woord in tekst for woord in SIGNAALWOORDEN)
    assert Voorstel.objects.get(pk=voorstel.pk).status == "concept"


def test_a_released_signal_counts_and_the_release_is_recorded(
    client: Client,
    coordinator: User,
    wegwerp: Jongere,
    wegwerp_analyse: VerklarendeAnalyse,
    met_slachtoffer: Voorziening,
) -> None:
    _ingelogd(client, coordinator)
    url = reverse("jongeren:analyse_signalen_vrijgeven", args=[wegwerp.pk, 1])
    leeg = client.post(url, {"reden": "  "})
    assert leeg.status_code == 302
    wegwerp_analyse.refresh_from_db()
    assert not wegwerp_analyse.signalen_vrijgegeven

    client.post(url, {"reden": "Spoed: geen gezin bereikbaar."})
    wegwerp_analyse.refresh_from_db()
    assert wegwerp_analyse.signalen_vrijgegeven_door == coordinator
    assert wegwerp_analyse.signalen_vrijgave_reden == "Spoed: geen gezin bereikbaar."

    html = _zoek(client, wegwerp)
    # The composition block now shows, in neutral words only.
    assert "samenstelling van de groep laat deze plaatsing niet toe" in html
    assert not any(woord in html.lower() for woord in SIGNAALWOORDEN)
    zoek = Inzage.objects.filter(jongere_ref=wegwerp.pk, actie=Inzage.Actie.SEARCH)
    assert zoek.latest("op").na_signaalwijziging


def test_search_after_a_signal_change_is_marked_and_reported(
    client: Client,
    coordinator: User,
    admin_user: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
) -> None:
    _ingelogd(client, coordinator)
    _zoek(client, noor)
    _zoek(client, noor)
    eerste, tweede = Inzage.objects.filter(actie=Inzage.Actie.SEARCH).order_by("op")
    assert eerste.na_signaalwijziging is False and tweede.na_signaalwijziging is False

    for keer in range(DREMPEL_NA_WIJZIGING):
        laatste = noor.nieuwste_analyse()
        assert laatste is not None
        signalen = ["agressie"] if keer % 2 == 0 else ["weglopen"]
        services.bewaar_analyse(
            jongere=noor,
            door=coordinator,
            inhoud={"signalen": signalen},
            behoeften=services._behoeften_van(laatste),
        )
        VerklarendeAnalyse.objects.filter(jongere=noor, status="concept").update(
            status=VerklarendeAnalyse.Status.GEDRAGEN
        )
        VerklarendeAnalyse.objects.filter(jongere=noor, versie__lt=laatste.versie + 1).update(
            status=VerklarendeAnalyse.Status.VERVANGEN
        )
        _zoek(client, noor)
    gemarkeerd = Inzage.objects.filter(actie=Inzage.Actie.SEARCH, na_signaalwijziging=True)
    assert gemarkeerd.count() == DREMPEL_NA_WIJZIGING

    (patroon,) = opvallende_zoekpatronen()
    assert patroon.na_signaalwijziging == DREMPEL_NA_WIJZIGING
    admin = _ingelogd(Client(), admin_user)
    pagina = admin.get(reverse("privacy:inzage_log")).content.decode()
    assert "Opvallende zoekpatronen" in pagina
    assert patroon.gebruiker_naam in pagina
