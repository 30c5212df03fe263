"""A home's admission policy in the search and when sending a proposal, through the ORM.

Noor is a girl of 15 who calls rest and structure essential. De Linde states a rule; the
search shows the home as the engine explains it, and sending respects a hard rule.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from jongeren.models import Jongere, VerklarendeAnalyse
from kern.models import Kenmerk
from kern.publiek import Audience
from matching.adapters import home_ref, rank_for
from matching.engine.types import HomeResult
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Toelatingsregel, Voorziening


def _uitslag(noor: Jongere, analyse: VerklarendeAnalyse, woning: Voorziening) -> HomeResult:
    now = timezone.now()
    resultaten = rank_for(
        noor, analyse, today=timezone.localdate(now), now=now, audience=Audience.COORDINATOR
    )
    return next(r for r in resultaten if r.home.ref == home_ref(woning.pk))


def test_a_rule_added_after_a_search_counts_in_the_next_search(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening
) -> None:
    assert _uitslag(noor, noor_analyse, de_linde).eligible is True

    Toelatingsregel.objects.create(
        voorziening=de_linde, soort="geslacht", geslacht="m", sterkte="hard", reden="Jongenshuis."
    )
    uitslag = _uitslag(noor, noor_analyse, de_linde)

    assert uitslag.eligible is False
    assert [r.code for r in uitslag.blocking] == ["toelatingsbeleid"]
    assert "Jongenshuis." in uitslag.blocking[0].explanation


def test_a_removed_rule_no_longer_counts(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening
) -> None:
    regel = Toelatingsregel.objects.create(
        voorziening=de_linde,
        soort="behoefte",
        kenmerk=Kenmerk.objects.get(code="rust_structuur"),
        sterkte="hard",
        reden="Druk huis.",
    )
    assert _uitslag(noor, noor_analyse, de_linde).eligible is False

    regel.delete()

    assert _uitslag(noor, noor_analyse, de_linde).eligible is True


def test_a_hard_rule_stops_a_proposal_being_sent_with_the_homes_reason(concept: Voorstel) -> None:
    Toelatingsregel.objects.create(
        voorziening=concept.voorziening,
        soort="geslacht",
        geslacht="m",
        sterkte="hard",
        reden="Alleen jongens: één badkamer.",
    )

    with pytest.raises(flow.VoorstelFout) as fout:
        flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)

    assert "één badkamer" in " ".join(fout.value.messages)


def test_a_preference_lets_the_proposal_go_with_an_attention_point(concept: Voorstel) -> None:
    Toelatingsregel.objects.create(
        voorziening=concept.voorziening,
        soort="geslacht",
        geslacht="m",
        sterkte="voorkeur",
        reden="De groep is nu alleen jongens.",
    )

    verstuurd = flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)

    assert any("De groep is nu alleen jongens." in punt for punt in verstuurd.aandachtspunten)
    # An attention point calls for the behavioural scientist's counter-check.
    assert verstuurd.tegenspraak_nodig
