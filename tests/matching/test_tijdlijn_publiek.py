"""A re-assessment that blocks an open proposal records its reason in words every party may
read: the timeline is the coordinator's, and the family's export includes it."""

from __future__ import annotations

from jongeren.models import Jongere, VerklarendeAnalyse
from privacy.gegevens import gegevens_over
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import PlaatsingFactory
from voorstellen import services as flow
from voorstellen.models import Voorstel, VoorstelGebeurtenis
from voorzieningen.models import Voorziening


def test_a_blocking_reassessment_names_no_residents_signal(
    verstuurd: Voorstel, noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening
) -> None:
    VerklarendeAnalyse.objects.filter(pk=noor_analyse.pk).update(
        signalen=["slachtoffer_mensenhandel"]
    )
    PlaatsingFactory.create(
        voorziening=de_linde,
        geboortemaand=geboren(16),
        signalen=["seksueel_grensoverschrijdend", "criminaliteit"],
    )
    assert flow.herbeoordeel_voorstellen(voorziening_id=de_linde.pk) == 1

    waarom = VoorstelGebeurtenis.objects.get(voorstel=verstuurd, wat="herbeoordeeld").waarom
    assert "samenstelling van de groep" in waarom
    assert "grensoverschrijd" not in waarom and "criminalit" not in waarom
    export = str(gegevens_over(noor, voor=noor.account)).lower()
    assert "grensoverschrijd" not in export and "criminalit" not in export
