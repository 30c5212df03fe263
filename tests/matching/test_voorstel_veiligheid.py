"""A proposal to a home whose group would be `hoog` with the youth always needs the
behavioural scientist's counter-check, and keeps the capped score the engine gave it."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.publiek import Audience
from tests.jongeren.factories import AnalyseFactory
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import vul_met_bewoners
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening


@pytest.fixture
def slachtoffer(noor: Jongere) -> VerklarendeAnalyse:
    """Noor's endorsed analysis: a victim of trafficking, no needs the homes lack."""
    return AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        signalen=["slachtoffer_mensenhandel"],
        behoeften=[],
    )


def _verstuur(noor: Jongere, woning: Voorziening) -> Voorstel:
    assert noor.coordinator is not None
    concept = flow.maak_voorstel(
        jongere=noor, voorziening=woning, door=noor.coordinator, motivatie="Dichtbij."
    )
    return flow.stuur_voorstel(voorstel=concept, door=noor.coordinator)


def test_a_proposal_where_the_group_would_be_high_risk_needs_a_counter_check(
    noor: Jongere,
    slachtoffer: VerklarendeAnalyse,
    de_linde: Voorziening,
    wadzicht: Voorziening,
    coordinator: User,
) -> None:
    vul_met_bewoners(de_linde, 1, geboortemaand=geboren(16), signalen=["criminaliteit", "weglopen"])
    vul_met_bewoners(wadzicht, 1, geboortemaand=geboren(16))

    riskant = _verstuur(noor, de_linde)
    veilig = _verstuur(noor, wadzicht)

    uitleg = riskant.uitleg_voor(Audience.COORDINATOR)
    assert uitleg is not None
    assert uitleg["groep_na"]["niveau"] == "hoog"
    assert uitleg["score"] <= 60
    assert any("hoogstens 60 punten" in punt for punt in riskant.aandachtspunten)
    assert riskant.tegenspraak_nodig
    # The coordinator's reading names no resident's signal.
    assert "criminaliteit" not in str(uitleg)
    veilig_uitleg = veilig.uitleg_voor(Audience.COORDINATOR)
    assert veilig_uitleg is not None
    assert veilig_uitleg["groep_na"]["niveau"] != "hoog"
    assert veilig_uitleg["score"] - uitleg["score"] >= 15
    assert not any("hoogstens 60 punten" in punt for punt in veilig.aandachtspunten)


def test_placing_into_a_high_risk_group_is_refused_without_the_counter_check(
    noor: Jongere,
    slachtoffer: VerklarendeAnalyse,
    de_linde: Voorziening,
    beheerder: User,
    coordinator: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    from tests.matching.conftest import naar_gehouden

    vul_met_bewoners(de_linde, 1, geboortemaand=geboren(16), signalen=["criminaliteit", "weglopen"])
    gehouden = naar_gehouden(_verstuur(noor, de_linde), beheerder)
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")

    with pytest.raises(flow.VoorstelFout, match="tegenspraak"):
        flow.plaats(voorstel=gehouden, door=coordinator, aankomst=timezone.localdate())
