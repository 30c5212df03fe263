"""One-record behaviour of youths and analyses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from jongeren import services
from jongeren.models import Jongere, JuridischKader, VerklarendeAnalyse, leeftijd_op
from tests.jongeren.factories import AnalyseFactory, JongereFactory

Status = VerklarendeAnalyse.Status


@pytest.mark.parametrize(
    ("geboren", "op", "leeftijd"),
    [
        (date(2010, 5, 8), date(2025, 5, 7), 14),
        (date(2010, 5, 8), date(2025, 5, 8), 15),
        (date(2008, 2, 29), date(2025, 2, 28), 16),
        (date(2008, 2, 29), date(2025, 3, 1), 17),
    ],
)
def test_age_in_whole_years(geboren: date, op: date, leeftijd: int) -> None:
    assert leeftijd_op(geboren, op) == leeftijd


def test_closed_care_authorisation_must_last_until_the_needed_date(
    noor: Jongere,
) -> None:
    assert not noor.heeft_machtiging_gesloten
    noor.juridisch_kader = JuridischKader.MACHTIGING_GESLOTEN
    noor.machtiging_einde = noor.nodig_vanaf
    assert noor.heeft_machtiging_gesloten
    noor.machtiging_einde = noor.nodig_vanaf - timedelta(days=1)
    assert not noor.heeft_machtiging_gesloten
    noor.machtiging_einde = None
    assert noor.heeft_machtiging_gesloten


def test_the_database_keeps_an_end_date_only_with_an_authorisation(noor: Jongere) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Jongere.objects.filter(pk=noor.pk).update(machtiging_einde=noor.nodig_vanaf)


def test_the_database_keeps_coordinates_in_pairs(noor: Jongere) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Jongere.objects.filter(pk=noor.pk).update(lon=None)


def test_model_validation_explains_the_age_limit(coordinator: User) -> None:
    jongere = JongereFactory.build(
        coordinator=coordinator,
        geboortedatum=date(2000, 1, 1),
        nodig_vanaf=date(2030, 1, 1),
    )
    with pytest.raises(ValidationError) as fout:
        jongere.full_clean()
    assert "30 jaar" in fout.value.message_dict["geboortedatum"][0]


def test_current_analysis_prefers_the_newest_non_draft(noor: Jongere) -> None:
    assert noor.actuele_analyse() is None
    concept = AnalyseFactory.create(jongere=noor, versie=1)
    assert noor.actuele_analyse() == concept
    concept.status = Status.GEDRAGEN
    concept.save()
    nieuw = AnalyseFactory.create(jongere=noor, versie=2)
    assert noor.actuele_analyse() == concept
    assert noor.nieuwste_analyse() == nieuw


def test_unknown_signal_codes_are_refused_before_the_database(
    noor: Jongere, coordinator: User
) -> None:
    inhoud = {"signalen": ["onbekend_signaal"]}
    with pytest.raises(ValidationError, match="onbekend_signaal"):
        services.bewaar_analyse(jongere=noor, door=coordinator, inhoud=inhoud, behoeften=[])
    assert not noor.analyses.exists()


def test_family_priorities_are_checked_in_the_service(
    noor_concept: VerklarendeAnalyse, jongere_user: User, coordinator: User
) -> None:
    with pytest.raises(ValidationError):
        services.bewaar_woorden_gezin(
            jongere=noor_concept.jongere,
            persoon=jongere_user,
            woorden="",
            prioriteiten={"prioriteit_team": 9},
        )
    with pytest.raises(ValidationError):
        services.bewaar_woorden_gezin(
            jongere=noor_concept.jongere, persoon=coordinator, woorden="x", prioriteiten={}
        )
    noor_concept.refresh_from_db()
    assert noor_concept.prioriteit_team == 2
