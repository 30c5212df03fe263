"""Readability: every page the family reads, and every explanation the engine writes for
them, keeps to the writing guide (docs/schrijfwijzer.md). The limits and word lists come
from `kern.schrijfwijzer`, the one place the guide documents.

The family's pages are found through the access matrix: every page the youth or the parent
opens there is rendered in the trust tests' world and read as plain text. Professionals'
pages must not speak to the youth: no "jij" or "je analyse" in the engine's texts there.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Uitnodiging
from kern.publiek import JONGERE, Aanspreekvorm, Audience, Stem
from kern.schrijfwijzer import (
    MAX_WOORDEN_PER_ZIN,
    VERMIJDEN,
    Lezer,
    problemen,
    tekst_uit_html,
    zinnen,
)
from matching.engine import HomeResult, rank_homes
from matching.engine.vocabulary import ATTENTION_SIGNALS, NEEDS
from matching.scenario import load_scenario
from tests.trust.test_access_matrix import MATRIX
from tests.trust.wereld import World, bouw_wereld
from voorstellen import services as flow
from voorstellen.models import Kennismaking

SCENARIOS = Path(__file__).resolve().parents[1] / "matching" / "scenarios"
BESTANDEN = ("_json", "_csv", "_ics")
GEEN_PAGINA = {"voorzieningen:foto", "api:schema"}
# Open to everyone, but written for the care providers' developers: the technical reference
# of the provider API is not a page for the family.
NIET_VOOR_HET_GEZIN = {"api:docs"}

FAMILIE = {"jongere_user": Lezer.JONGERE, "ouder_user": Lezer.OUDER}
STEMMEN = {
    "jongere": (JONGERE, Lezer.JONGERE),
    "ouder, met naam": (Stem(Aanspreekvorm.OUDER, "Noor"), Lezer.OUDER),
    "ouder, zonder naam": (Stem(Aanspreekvorm.OUDER), Lezer.OUDER),
}


def _meld(gevonden: list[str]) -> None:
    assert not gevonden, "\n".join(gevonden)


# --- the guide's own checks fail on a bad text --------------------------------------------


def test_the_check_finds_a_long_sentence_a_professional_word_a_percentage_and_u() -> None:
    lang = " ".join(["woord"] * (MAX_WOORDEN_PER_ZIN + 1)) + "."
    assert problemen(lang, Lezer.JONGERE)
    assert not problemen(" ".join(["woord"] * MAX_WOORDEN_PER_ZIN) + ".", Lezer.JONGERE)
    assert problemen("Deze woning past bij je behoeften.", Lezer.OUDER)
    assert problemen("Een gezinsgerichte aanpak helpt.", Lezer.JONGERE)
    assert problemen("10% van het team is vertrokken.", Lezer.OUDER)
    assert problemen("Wilt u uw keuze opslaan?", Lezer.OUDER)
    assert problemen("Met jou erbij wonen er vier jongeren.", Lezer.PROFESSIONAL)
    assert problemen("Dat vroeg je analyse.", Lezer.PROFESSIONAL)
    # A professional may read professional words; the family reads plain ones.
    assert not problemen("De behoeften uit de analyse van Noor.", Lezer.PROFESSIONAL)
    assert not problemen("Wat je nodig hebt: rust. Met Noor erbij.", Lezer.OUDER)
    # Words are matched whole: "verlopen" (a proposal's status) is not "verloop", "U" in
    # "Utrecht" is not "u".
    assert not problemen("Het voorstel is verlopen. Je woont in Utrecht.", Lezer.JONGERE)


def test_html_is_read_as_sentences_per_block() -> None:
    html = (
        "<h1>Voorstellen</h1><script>var u = 1;</script><ul><li>Eén woning</li>"
        "<li>Nog een woning. Met tuin!</li></ul><p>Klaar &amp; af</p>"
    )
    assert zinnen(tekst_uit_html(html)) == [
        "Voorstellen",
        "Eén woning",
        "Nog een woning.",
        "Met tuin!",
        "Klaar & af",
    ]


def test_every_word_to_avoid_has_a_plain_alternative_without_it() -> None:
    for woord, beter in VERMIJDEN.items():
        assert beter and not problemen(beter, Lezer.JONGERE), woord


# --- the family's pages -------------------------------------------------------------------


@pytest.fixture
def wereld(personas: dict[str, User]) -> World:
    return bouw_wereld(personas)


def _familiepaginas(persona: str) -> list[str]:
    return [
        naam
        for naam in sorted(MATRIX)
        if MATRIX[naam][persona] == 200
        and not naam.endswith(BESTANDEN)
        and naam not in GEEN_PAGINA | NIET_VOOR_HET_GEZIN
    ]


def test_the_family_opens_the_pages_the_guide_is_checked_on() -> None:
    """Not vacuous: the youth and the parent open their start page, proposals and analysis."""
    for persona in FAMILIE:
        paginas = set(_familiepaginas(persona))
        assert {"start", "voorstellen:mijn_voorstellen", "voorstellen:voorstel"} <= paginas
        assert {"jongeren:mijn", "jongeren:mijn_wie_leest"} <= paginas


@pytest.mark.parametrize("persona", sorted(FAMILIE))
def test_every_family_page_keeps_to_the_guide(wereld: World, persona: str) -> None:
    client = wereld.client_for(persona)
    gevonden: list[str] = []
    for naam in _familiepaginas(persona):
        response = client.get(wereld.url(naam))
        assert response.status_code == 200, naam
        tekst = tekst_uit_html(response.content.decode())
        gevonden += [f"{naam}: {p}" for p in problemen(tekst, FAMILIE[persona])]
    _meld(gevonden)


def test_the_parent_reads_about_the_child_and_the_youth_reads_je(wereld: World) -> None:
    ouder = wereld.client_for("ouder_user").get(reverse("voorstellen:mijn_voorstellen"))
    jongere = wereld.client_for("jongere_user").get(reverse("voorstellen:mijn_voorstellen"))
    assert "Voorstellen voor Noor" in ouder.content.decode()
    assert "Voorstellen voor jou" in jongere.content.decode()
    detail = wereld.client_for("ouder_user").get(wereld.voorstel.get_absolute_url())
    tekst = tekst_uit_html(detail.content.decode())
    assert "je school" not in tekst and "je analyse" not in tekst
    assert "met Noor erbij" in tekst and "jou erbij" not in tekst
    # "Mijn gegevens" explains the same proposal in the same voice.
    gegevens = wereld.client_for("ouder_user").get(wereld.url("privacy:mijn_gegevens"))
    tekst = tekst_uit_html(gegevens.content.decode())
    assert "met Noor erbij" in tekst and "jou erbij" not in tekst
    eigen = wereld.client_for("jongere_user").get(wereld.url("privacy:mijn_gegevens"))
    assert "met jou erbij" in tekst_uit_html(eigen.content.decode())


def test_mail_to_the_family_keeps_to_the_guide(
    personas: dict[str, User], django_capture_on_commit_callbacks: Any
) -> None:
    """What reaches the youth and the parents by mail: the proposal, the getting-acquainted
    meeting, and the invitations (for a youth and for a parent)."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wereld = bouw_wereld(personas)
        beheerder = personas["beheerder"]
        voorstel = flow.beantwoord_voorstel(
            voorstel=wereld.voorstel, door=beheerder, interesse=True
        )
        flow.plan_kennismaking(
            voorstel=voorstel,
            door=beheerder,
            soort=Kennismaking.Soort.BEZOEK,
            datum=timezone.now() + dt.timedelta(days=2),
            plaats="De Linde",
        )
    familie = {
        personas["jongere_user"].email: Lezer.JONGERE,
        personas["ouder_user"].email: Lezer.OUDER,
    }
    teksten: list[tuple[str, Lezer]] = [
        (f"{bericht.subject}\n{bericht.body}", familie[adres])
        for bericht in mail.outbox
        for adres in bericht.to
        if adres in familie
    ]
    assert {lezer for _tekst, lezer in teksten} == {Lezer.JONGERE, Lezer.OUDER}
    uitnodiging = Uitnodiging.objects.get(email="oma@example.org")
    for is_jongere, lezer in ((True, Lezer.JONGERE), (False, Lezer.OUDER)):
        context = {
            "uitnodiging": uitnodiging,
            "is_jongere": is_jongere,
            "link": "https://x/",
            "dagen": 7,
        }
        teksten.append((render_to_string("jongeren/email/uitnodiging.txt", context), lezer))
    _meld([f"{p}" for tekst, lezer in teksten for p in problemen(tekst, lezer)])


# --- the engine's explanations in the family's voices --------------------------------------


def _scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.json"))


def _varianten() -> list[tuple[str, dict[str, Any]]]:
    """The scenario files, and each changed in one way that makes the engine write another
    sentence: no known school, no needs, every need, an age out of range, the youth's own
    signals, a closed authorisation, a weak or large team, full or late homes, far away,
    the homes' own admission rules."""
    uit: list[tuple[str, dict[str, Any]]] = []
    for pad in _scenarios():
        basis = json.loads(pad.read_text())

        def variant(naam: str, wijzig: Any, basis: dict[str, Any] = basis, pad: Path = pad) -> None:
            scenario = copy.deepcopy(basis)
            wijzig(scenario["youth"], scenario["homes"])
            uit.append((f"{pad.stem}: {naam}", scenario))

        variant("zoals het is", lambda y, h: None)
        variant("geen school", lambda y, h: y.pop("school_location", None))
        variant("geen behoeften", lambda y, h: y.update(needs=[]))
        variant(
            "elke behoefte",
            lambda y, h: y.update(needs=[{"code": c, "importance": 2} for c in sorted(NEEDS)]),
        )
        variant("te jong", lambda y, h: y.update(birth_date="2020-01-01"))
        variant("bijna te oud", lambda y, h: y.update(birth_date="2008-12-01"))
        for signaal in sorted(ATTENTION_SIGNALS):
            variant(f"signaal {signaal}", lambda y, h, s=signaal: y.update(attention=[s]))
        variant(
            "gesloten",
            lambda y, h: (y.update(machtiging_gesloten=True), [x.update(closed=True) for x in h]),
        )
        variant(
            "zwak team",
            lambda y, h: [
                x.update(team_turnover_12m=0.45, team_size=2, staff_on_shift=0) for x in h
            ],
        )
        variant("groot team", lambda y, h: [x.update(team_size=14) for x in h])
        variant("vol", lambda y, h: [x.update(vacancies=[], max_residents=1) for x in h])
        variant(
            "later vrij",
            lambda y, h: [x.update(vacancies=[{"available_from": "2027-03-01"}]) for x in h],
        )
        variant("nieuw", lambda y, h: [x.update(opens_on="2027-02-01") for x in h])
        variant("ver weg", lambda y, h: [x.update(location={"lat": 50.85, "lon": 5.69}) for x in h])
        variant(
            "eigen regels",
            lambda y, h: [
                x.update(
                    policies=[
                        {"kind": "gender", "value": "m", "hard": i % 2 == 0, "reason": "Rust."},
                        {"kind": "need", "value": "traumasensitief", "hard": True, "reason": ""},
                        {"kind": "need", "value": "buitenruimte", "hard": False, "reason": ""},
                        {
                            "kind": "no_closed_authorisation",
                            "value": "",
                            "hard": False,
                            "reason": "",
                        },
                    ]
                )
                for i, x in enumerate(h)
            ],
        )
        variant(
            "beschermde zone",
            lambda y, h: y.update(
                protective_zones=[{"location": h[0]["location"], "radius_km": 5}]
            ),
        )
    return uit


def _teksten(result: HomeResult) -> list[str]:
    return [
        *(factor.explanation for factor in result.factors),
        *(reason.explanation for reason in (*result.attention, *result.blocking)),
        *result.group_risk_after.reasons,
    ]


def _uitleg(scenario: dict[str, Any], audience: Audience, stem: Stem) -> list[str]:
    parsed = load_scenario(scenario)
    results = rank_homes(parsed.youth, parsed.homes, parsed.today, audience=audience, stem=stem)
    return [tekst for result in results for tekst in _teksten(result)]


def test_there_are_scenarios_to_read() -> None:
    assert len(_scenarios()) >= 2 and len(_varianten()) >= 40


@pytest.mark.parametrize("stem", sorted(STEMMEN))
def test_engine_explanations_in_the_familys_voices_keep_to_the_guide(stem: str) -> None:
    voice, lezer = STEMMEN[stem]
    gevonden: list[str] = []
    for naam, scenario in _varianten():
        for tekst in _uitleg(scenario, Audience.GEZIN, voice):
            gevonden += [f"{naam}: {p}" for p in problemen(tekst, lezer)]
    _meld(sorted(set(gevonden)))


@pytest.mark.parametrize(
    "audience", [Audience.COORDINATOR, Audience.BEHEERDER_NA_TOESTEMMING, Audience.BEHEERDER]
)
def test_engine_explanations_for_professionals_speak_about_the_youth(audience: Audience) -> None:
    gevonden: list[str] = []
    for waar, scenario in _varianten():
        for naam in ("Noor", ""):
            voice = Stem(Aanspreekvorm.PROFESSIONEEL, naam)
            for tekst in _uitleg(scenario, audience, voice):
                gevonden += [f"{waar}: {p}" for p in problemen(tekst, Lezer.PROFESSIONAL)]
    _meld(sorted(set(gevonden)))


def test_the_voices_differ_where_the_youth_is_named() -> None:
    scenario = json.loads(_scenarios()[0].read_text())
    jongere = " ".join(_uitleg(scenario, Audience.GEZIN, JONGERE))
    ouder = " ".join(_uitleg(scenario, Audience.GEZIN, Stem(Aanspreekvorm.OUDER, "Noor")))
    kind = " ".join(_uitleg(scenario, Audience.GEZIN, Stem(Aanspreekvorm.OUDER)))
    professional = " ".join(
        _uitleg(scenario, Audience.COORDINATOR, Stem(Aanspreekvorm.PROFESSIONEEL, "Noor"))
    )
    assert "jou erbij" in jongere and "Noor" not in jongere
    assert "Noor erbij" in ouder and "jou" not in ouder
    assert "je kind erbij" in kind
    assert "Noor erbij" in professional and "jou" not in professional
