"""The engine's explanations in the reader's language, and kept ones in the portal's own.

A live page (the search, the regional advice) writes the engine's sentences in the language
the reader chose in the footer. What is kept (a proposal's explanation, a home's stored group
picture, the placement table's advice) is read later by others, so it is written in Dutch,
the portal's language, whoever's step computed it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.publiek import Audience
from matching.adapters import residents_by_home
from matching.engine import assess_group, evaluate_home
from matching.models import Groepsbeeld
from matching.services import herbereken_groepsbeeld
from plaatsingstafel import verdeling as verdeling_service
from plaatsingstafel.models import Verdeling, VerdelingStatus
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import PlaatsingFactory
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

# Every needs factor says how many needs the home meets; the rest of it depends on the home.
ENGELS = "needs according to the analysis"
NEDERLANDS = "Deze woning biedt "


def _in_het_engels(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_search_page_explains_in_english_when_english_is_chosen_and_dutch_stays_dutch(
    client: Client,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
) -> None:
    client.force_login(coordinator)
    url = reverse("matching:zoeken", args=[noor.pk])

    engels = _in_het_engels(client).get(url)
    assert engels.status_code == 200
    html = engels.content.decode()
    assert "De Linde" in html
    assert ENGELS in html and "Distance to the home town of Noor" in html
    assert NEDERLANDS not in html and "Afstand tot de woonplaats" not in html

    # Right after, in Dutch: the ranking kept for this youth is kept per language, so the
    # Dutch page is not handed the English sentences.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    nederlands = client.get(url).content.decode()
    assert (
        NEDERLANDS in nederlands
        and "Afstand tot de woonplaats van de familie van Noor" in nederlands
    )
    assert ENGELS not in nederlands


def test_an_english_reader_sending_a_proposal_keeps_the_explanation_in_dutch(
    concept: Voorstel,
) -> None:
    coordinator = concept.gemaakt_door
    with translation.override("en"):
        flow.stuur_voorstel(voorstel=concept, door=coordinator)
    concept.refresh_from_db()
    for uitleg in concept.uitleg_per_publiek.values():
        teksten = [factor["uitleg"] for factor in uitleg["factoren"]]
        assert any(NEDERLANDS in tekst for tekst in teksten)
        assert not any(ENGELS in tekst for tekst in teksten)
        assert any(tekst.startswith("Afstand tot de woonplaats") for tekst in teksten)


def test_an_english_reader_asking_for_a_missing_explanation_keeps_it_in_dutch(
    concept: Voorstel,
) -> None:
    flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)
    # A proposal sent before explanations were kept per reader: computed when first read.
    Voorstel.objects.filter(pk=concept.pk).update(uitleg_per_publiek={})
    concept.refresh_from_db()
    with translation.override("en"):
        gelezen = flow.uitleg_voor(concept, Audience.GEZIN)
    assert gelezen is not None
    bewaard = Voorstel.objects.get(pk=concept.pk).uitleg_per_publiek["gezin"]
    teksten = [factor["uitleg"] for factor in bewaard["factoren"]]
    assert any(NEDERLANDS in tekst for tekst in teksten)
    assert not any(ENGELS in tekst for tekst in teksten)


def test_a_group_picture_recomputed_in_an_english_step_is_stored_in_dutch(
    de_linde: Voorziening,
) -> None:
    for _ in range(3):
        PlaatsingFactory.create(
            voorziening=de_linde,
            geboortemaand=geboren(15),
            zorgprofiel="externaliserend",
            signalen=["agressie"],
        )
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=3)
    today = timezone.localdate()
    members = residents_by_home([de_linde.pk], today)[de_linde.pk]
    with translation.override("en"):
        # Live, in English, the engine says it in English: the stored picture must not.
        engels = assess_group(
            members,
            today,
            max_residents=de_linde.max_bewoners,
            staff_on_shift=de_linde.medewerkers_per_dienst,
            audience=Audience.BEHEERDER,
        )
        assert any("young people with outward-directed behaviour" in r for r in engels.reasons)
        herbereken_groepsbeeld(voorziening_id=de_linde.pk)

    beeld = Groepsbeeld.objects.get(voorziening=de_linde)
    assert beeld.redenen and beeld.redenen_openbaar
    assert any("jongeren met naar buiten gericht gedrag" in r for r in beeld.redenen)
    assert any("negatieve beïnvloeding" in r for r in beeld.redenen_openbaar)
    assert not any("young people" in r for r in (*beeld.redenen, *beeld.redenen_openbaar))


def test_the_placement_tables_advice_computed_for_an_english_reader_is_kept_in_dutch(
    client: Client, coordinator: User, de_linde: Voorziening
) -> None:
    jongere = JongereFactory.create(
        roepnaam="Sara",
        coordinator=coordinator,
        nodig_vanaf=timezone.localdate() - dt.timedelta(days=40),
    )
    AnalyseFactory.create(
        jongere=jongere,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        behoeften=[("rust_structuur", 3)],
    )
    client.force_login(coordinator)
    antwoord = _in_het_engels(client).post(reverse("plaatsingstafel:toewijzing"), {})
    assert antwoord.status_code == 302
    verdeling = Verdeling.objects.get()
    with translation.override("en"):
        # In this process an English page asked for it (a broker-less run computes in the
        # requesting process); what is kept must still be Dutch.
        assert verdeling_service.bereken(verdeling_id=verdeling.pk) == VerdelingStatus.KLAAR
    verdeling.refresh_from_db()
    advies = verdeling_service.advies_van(verdeling)
    assert advies is not None
    (toewijzing,) = advies.toewijzingen
    assert toewijzing.kandidaat is not None
    factoren = {f.code: f.explanation for f in toewijzing.kandidaat.result.factors}
    assert factoren["behoeften"].startswith("Deze woning biedt ")
    assert "van de 1 dingen die Sara nodig heeft volgens de analyse" in factoren["behoeften"]

    # The page shows what was kept: in Dutch, also to the English reader.
    pagina = client.get(verdeling.get_absolute_url()).content.decode()
    assert "Sara" in pagina


@pytest.mark.parametrize("taal", ["nl", "en", "nl"])
def test_every_engine_sentence_is_in_the_language_active_when_it_is_written(
    taal: str, noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening
) -> None:
    """The engine keeps sentences between requests (group risks, team texts): per language,
    so whichever language asked first, the next reader gets their own."""
    from matching.adapters import load_homes, youth_from_jongere

    PlaatsingFactory.create(voorziening=de_linde, geboortemaand=geboren(15))
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=1)
    now = timezone.now()
    today = timezone.localdate(now)
    (home,) = load_homes(today=today, now=now, only=[de_linde.pk])
    youth = youth_from_jongere(noor, noor_analyse)
    with translation.override(taal):
        result = evaluate_home(youth, home, today, audience=Audience.COORDINATOR)
    teksten = " ".join(
        (
            *(f.explanation for f in result.factors),
            *(r.explanation for r in result.attention),
            *result.group_risk.reasons,
            *result.group_risk_after.reasons,
        )
    )
    nederlandse_woorden = re.compile(r"\b(jongeren?|woning|van|het|een|team is)\b")
    engelse_woorden = re.compile(r"\b(young|home|the|with you|team left)\b")
    if taal == "en":
        assert ENGELS in teksten and not nederlandse_woorden.search(teksten), teksten
    else:
        assert NEDERLANDS in teksten and not engelse_woorden.search(teksten), teksten
