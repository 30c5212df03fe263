"""The right-of-access export is complete: the proposals' scores with their explanation as
the family reads it (profiling, AVG art. 15(1)(h)), the saved searches, and who looked; and
it holds nothing about other youths nor the residents' attention signals."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Rol, User
from jongeren.models import Jongere
from matching.models import Zoekopdracht
from privacy.models import Inzage
from tests.jongeren.factories import AnalyseFactory
from tests.jongeren.privacy_dossier import Dossier, vul_dossier
from tests.voorzieningen.factories import PlaatsingFactory, VoorzieningFactory
from voorstellen.models import Voorstel

# What only other readers may know: must never reach the family's export.
BEHEERDER_TEKST = "Bewoner 2 heeft Seksueel grensoverschrijdend gedrag-beheerdertekst"
COORDINATOR_TEKST = "Coordinatortekst-alleen-voor-professionals"
GROEP_TEKST_MOTOR = "Leeftijden: van 14 tot 17 jaar."
ANDERE_BEWONER = "Anderebewoner-geheim"
ANDERE_JONGERE = "Daanfactor-geheim"


def _uitleg(score: float, tekst: str, groep: str, aandacht: list[str]) -> dict[str, Any]:
    return {
        "score": score,
        "factoren": [
            {"code": "nabijheid", "punten": 18.0, "max": 20.0, "uitleg": tekst},
            {"code": "groep", "punten": 20.0, "max": 26.0, "uitleg": groep},
        ],
        "aandacht": aandacht,
        "groep_na": {"niveau": "verhoogd", "redenen": []},
    }


@pytest.fixture
def dossier(noor: Jongere, beheerder: User) -> Dossier:
    dossier = vul_dossier(noor, beheerder=beheerder)
    Voorstel.objects.filter(pk=dossier.voorstel.pk).update(
        uitleg_per_publiek={
            "gezin": _uitleg(
                72.5,
                "Dichtbij je familie: 12 km.",
                GROEP_TEKST_MOTOR,
                ["Bespreek samen hoe het met school gaat."],
            ),
            "coordinator": _uitleg(72.5, COORDINATOR_TEKST, GROEP_TEKST_MOTOR, [COORDINATOR_TEKST]),
            "beheerder_na_toestemming": _uitleg(
                72.5, BEHEERDER_TEKST, BEHEERDER_TEKST, [BEHEERDER_TEKST]
            ),
        }
    )
    return dossier


@pytest.fixture
def anderen(dossier: Dossier, daan: Jongere, coordinator: User) -> None:
    """Another resident of the same home, with signals; another youth with a file, a saved
    search and an access-log entry."""
    PlaatsingFactory.create(
        voorziening=dossier.plaatsing.voorziening,
        aanduiding="XY",
        signalen=["seksueel_grensoverschrijdend"],
        toelichting=ANDERE_BEWONER,
    )
    AnalyseFactory.create(jongere=daan, factoren=ANDERE_JONGERE, signalen=["criminaliteit"])
    andere_woning = VoorzieningFactory.create(naam="Woning-alleen-voor-Daan")
    Zoekopdracht.objects.create(
        jongere=daan, gemaakt_door=coordinator, resultaat=[[andere_woning.pk, 55.0]]
    )
    Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=coordinator,
        gebruiker_naam="Kijker-bij-Daan",
        rol=Rol.COORDINATOR,
        organisatie=coordinator.organisatie,
        jongere_ref=daan.pk,
        soort=Inzage.Soort.ANALYSE,
        doel=Inzage.Doel.MATCHING,
    )


def _export(gebruiker: User, jongere: Jongere, *, gezin: bool = True) -> tuple[dict[str, Any], str]:
    client = Client()
    client.force_login(gebruiker)
    prefix = "privacy:mijn_gegevens" if gezin else "privacy:gegevens"
    gegevens = json.loads(client.get(reverse(f"{prefix}_json", args=[jongere.pk])).content)
    pagina = client.get(reverse(prefix, args=[jongere.pk]))
    assert pagina.status_code == 200
    return gegevens, pagina.content.decode()


def test_the_proposal_score_and_explanation_are_the_familys(
    dossier: Dossier, jongere_user: User
) -> None:
    gegevens, html = _export(jongere_user, dossier.jongere)

    [voorstel] = gegevens["voorstellen"]
    matching = voorstel["matching"]
    assert matching["score"] == 72.5
    assert matching["factoren"][0] == {
        "uitleg": "Dichtbij je familie: 12 km.",
        "punten": 18.0,
        "maximum": 20.0,
    }
    # The group factor keeps its points; its words are the family's, as on their page.
    assert matching["factoren"][1] == {
        "uitleg": "Over de groep zijn een paar dingen om samen te bespreken.",
        "punten": 20.0,
        "maximum": 26.0,
    }
    assert matching["aandachtspunten"] == ["Bespreek samen hoe het met school gaat."]
    assert "Score: 72,5 van de 100" in html or "Score: 72.5 van de 100" in html
    assert "Dichtbij je familie: 12 km." in html
    for tekst in (BEHEERDER_TEKST, COORDINATOR_TEKST, GROEP_TEKST_MOTOR):
        assert tekst not in json.dumps(gegevens, ensure_ascii=False)
        assert tekst not in html


def test_without_a_kept_family_explanation_it_is_computed_never_another_readers(
    noor: Jongere, beheerder: User, jongere_user: User
) -> None:
    dossier = vul_dossier(noor, beheerder=beheerder)  # keeps only the coordinator's
    Voorstel.objects.filter(pk=dossier.voorstel.pk).update(
        uitleg_per_publiek={"coordinator": _uitleg(50.0, COORDINATOR_TEKST, "", [])}
    )

    gegevens, html = _export(jongere_user, noor)

    assert COORDINATOR_TEKST not in json.dumps(gegevens, ensure_ascii=False)
    assert COORDINATOR_TEKST not in html
    bewaard = Voorstel.objects.get(pk=dossier.voorstel.pk).uitleg_per_publiek
    matching = gegevens["voorstellen"][0]["matching"]
    # Computed for the family now, and kept (as their proposal page does).
    assert matching["score"] == bewaard["gezin"]["score"]


def test_the_saved_searches_are_in_the_export(
    dossier: Dossier, coordinator: User, ouder_user: User
) -> None:
    woning = dossier.plaatsing.voorziening
    Zoekopdracht.objects.create(
        jongere=dossier.jongere,
        gemaakt_door=coordinator,
        filters={"gesloten": False, "max_afstand_km": 30, "met_opent_binnenkort": False},
        resultaat=[[woning.pk, 81.25]],
    )

    gegevens, html = _export(ouder_user, dossier.jongere)

    [zoekopdracht] = gegevens["zoekopdrachten"]
    assert zoekopdracht["gemaakt_door"] == str(coordinator)
    assert zoekopdracht["filters"] == [
        "Hoogstens 30 km van de familie",
        "Alleen open",
        "Zonder woningen die binnenkort opengaan",
    ]
    assert zoekopdracht["woningen"] == [{"woning": "De Eik", "score": 81.25}]
    assert "Bewaarde zoekopdrachten" in html
    assert "Hoogstens 30 km van de familie" in html


def test_who_looked_is_in_the_export_in_the_familys_words(
    dossier: Dossier, coordinator: User, jongere_user: User
) -> None:
    noor = dossier.jongere
    Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=coordinator,
        gebruiker_naam="Sanne",
        rol=Rol.COORDINATOR,
        organisatie=coordinator.organisatie,
        jongere_ref=noor.pk,
        soort=Inzage.Soort.ANALYSE,
        doel=Inzage.Doel.MATCHING,
    )
    # A refused attempt is not what the family reads on "Wie heeft gekeken" either.
    Inzage.objects.create(
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GEWEIGERD,
        gebruiker_naam="Geweigerde-kijker",
        rol=Rol.BEHEERDER,
        jongere_ref=noor.pk,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.ZORG,
    )

    gegevens, html = _export(jongere_user, noor)

    coordinator_regel = {
        "wie": "Sanne, plaatsingscoördinator bij Gemeente Groningen",
        "wat": "heeft bekeken: wat we samen hebben opgeschreven",
        "waarom": "om een woning te zoeken die bij je past",
    }
    regels = [{k: v for k, v in r.items() if k != "op"} for r in gegevens["wie_keek"]]
    assert coordinator_regel in regels
    # The youth's own download (logged before the export is made) is there too.
    assert {
        "wie": "Jij",
        "wat": "heeft gedownload: alles wat het portaal over je bewaart",
        "waarom": "om de eigen gegevens te lezen",
    } in regels
    assert all(r["op"] for r in gegevens["wie_keek"])
    assert "Geweigerde-kijker" not in json.dumps(gegevens, ensure_ascii=False)
    assert "Sanne, plaatsingscoördinator bij Gemeente Groningen" in html
    assert "Wie heeft de gegevens bekeken?" in html


@pytest.mark.usefixtures("anderen")
@pytest.mark.parametrize("wie", ["jongere_user", "ouder_user", "coordinator"])
def test_nothing_about_other_youths_or_residents_signals(
    wie: str, dossier: Dossier, request: pytest.FixtureRequest
) -> None:
    gebruiker: User = request.getfixturevalue(wie)

    gegevens, html = _export(gebruiker, dossier.jongere, gezin=wie != "coordinator")

    tekst = json.dumps(gegevens, ensure_ascii=False)
    for geheim in (
        ANDERE_BEWONER,
        ANDERE_JONGERE,
        "Seksueel grensoverschrijdend",
        "Criminaliteit",
        "Woning-alleen-voor-Daan",
        "Kijker-bij-Daan",
        "Daan",
        BEHEERDER_TEKST,
    ):
        assert geheim not in tekst, geheim
        assert geheim not in html, geheim
    # The youth's own signal is theirs to see.
    assert "Weglopen" in tekst
