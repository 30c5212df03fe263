"""Models: the database refuses impossible homes; querysets and figures say what they promise."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, Settings

from accounts.models import Organisatie, User
from kern.choices import Geslacht, Signaal, Zorgprofiel
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
    vul_met_bewoners,
)
from voorzieningen.models import (
    Plaatsing,
    Vacature,
    Voorziening,
    leeftijd_op,
    validate_signalen,
)

VANDAAG = dt.date(2026, 6, 15)


def _refused_by_database(**velden: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        VoorzieningFactory.create(**velden)


@pytest.mark.parametrize(
    "velden",
    [
        {"max_bewoners": 7, "voorkeur_bewoners": 4},
        {"max_bewoners": 0, "voorkeur_bewoners": 0},
        {"leeftijd_min": 7},
        {"leeftijd_max": 24},
        {"leeftijd_min": 16, "leeftijd_max": 14},
        {"max_bewoners": 4, "voorkeur_bewoners": 5},
        {"medewerkers_per_dienst": 0},
        {"max_bewoners": 4, "bewoners_aantal": 5},
        {"omgeving": "bos"},
    ],
    ids=[
        "seven_residents",
        "zero_places",
        "age_below_8",
        "age_above_23",
        "min_above_max",
        "preferred_above_max",
        "no_staff",
        "more_residents_than_places",
        "unknown_setting",
    ],
)
def test_database_refuses_a_home_outside_the_kwv_definition(
    aanbieder: Organisatie, velden: dict[str, Any]
) -> None:
    _refused_by_database(aanbieder=aanbieder, **velden)
    assert not Voorziening.objects.exists()


def test_database_accepts_the_edges_of_the_definition(aanbieder: Organisatie) -> None:
    woning = VoorzieningFactory.create(
        aanbieder=aanbieder,
        max_bewoners=6,
        voorkeur_bewoners=6,
        leeftijd_min=8,
        leeftijd_max=23,
        bewoners_aantal=6,
    )
    assert woning.is_vol
    assert woning.vrije_plaatsen == 0


def test_counter_cannot_pass_the_maximum_even_with_a_raw_update(woning: Voorziening) -> None:
    from django.db.models import F

    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=F("bewoners_aantal") + 1)
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 4


def test_home_validation_explains_in_dutch(aanbieder: Organisatie) -> None:
    woning = VoorzieningFactory.build(
        aanbieder=aanbieder, max_bewoners=7, leeftijd_min=16, leeftijd_max=14
    )
    with pytest.raises(ValidationError) as error:
        woning.full_clean()
    fouten = error.value.message_dict
    assert fouten["max_bewoners"] == [
        "Een kleinschalige woonvoorziening heeft hoogstens 6 bewoners."
    ]
    assert fouten["leeftijd_max"] == ["De oudste leeftijd kan niet lager zijn dan de jongste."]


def test_stay_cannot_end_before_it_began(woning: Voorziening) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaatsingFactory.create(
            voorziening=woning,
            aankomst=VANDAAG,
            einde=VANDAAG - dt.timedelta(days=1),
            eindreden=Plaatsing.Eindreden.GEPLAND,
        )
    assert not Plaatsing.objects.exists()


def test_an_ended_stay_needs_a_reason(woning: Voorziening) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaatsingFactory.create(voorziening=woning, aankomst=VANDAAG, einde=VANDAAG)


def test_team_member_cannot_leave_before_starting(woning: Voorziening) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamlidFactory.create(
            voorziening=woning, begindatum=VANDAAG, einddatum=VANDAAG - dt.timedelta(days=1)
        )


@pytest.mark.parametrize(
    ("waarde", "goed"),
    [
        ([], True),
        ([Signaal.AGRESSIE, Signaal.WEGLOPEN], True),
        (["onzin"], False),
        ([Signaal.AGRESSIE, Signaal.AGRESSIE], False),
        ("agressie", False),
    ],
)
def test_attention_signals_must_be_a_list_of_known_codes(waarde: object, goed: bool) -> None:
    if goed:
        validate_signalen(waarde)
    else:
        with pytest.raises(ValidationError):
            validate_signalen(waarde)


def test_managers_see_only_their_providers_homes(
    woning: Voorziening,
    woning2: Voorziening,
    beheerder: User,
    beheerder2: User,
    coordinator: User,
    admin_user: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    assert list(Voorziening.objects.managed_by(beheerder)) == [woning]
    assert list(Voorziening.objects.managed_by(beheerder2)) == [woning2]
    assert set(Voorziening.objects.managed_by(admin_user)) == {woning, woning2}
    assert not Voorziening.objects.managed_by(coordinator).exists()
    assert not Voorziening.objects.managed_by(jongere_user).exists()


def test_coordinators_search_all_homes_families_none(
    woning: Voorziening,
    woning2: Voorziening,
    beheerder: User,
    coordinator: User,
    coordinator2: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    assert set(Voorziening.objects.for_user(coordinator)) == {woning, woning2}
    assert set(Voorziening.objects.for_user(coordinator2)) == {woning, woning2}
    assert list(Voorziening.objects.for_user(beheerder)) == [woning]
    assert not Voorziening.objects.for_user(jongere_user).exists()
    assert not Voorziening.objects.for_user(ouder_user).exists()


def test_deactivated_manager_manages_nothing(woning: Voorziening, beheerder: User) -> None:
    beheerder.is_active = False
    beheerder.save()
    assert not Voorziening.objects.managed_by(beheerder).exists()


def test_actief_counts_residents_from_arrival_until_the_day_they_leave(
    woning: Voorziening,
) -> None:
    plaatsing = PlaatsingFactory.create(
        voorziening=woning,
        aankomst=VANDAAG,
        einde=VANDAAG + dt.timedelta(days=10),
        eindreden=Plaatsing.Eindreden.GEPLAND,
    )
    actief = woning.plaatsingen.actief
    assert not actief(VANDAAG - dt.timedelta(days=1)).exists()
    assert list(actief(VANDAAG)) == [plaatsing]
    assert list(actief(VANDAAG + dt.timedelta(days=9))) == [plaatsing]
    assert not actief(VANDAAG + dt.timedelta(days=10)).exists()


def test_vacancy_stops_showing_after_the_confirmation_period(
    woning: Voorziening, settings: Settings
) -> None:
    now = timezone.now()
    vers = VacatureFactory.create(voorziening=woning, laatst_bevestigd=now - dt.timedelta(days=13))
    oud = VacatureFactory.create(voorziening=woning, laatst_bevestigd=now - dt.timedelta(days=15))
    VacatureFactory.create(voorziening=woning, status=Vacature.Status.INGETROKKEN)
    assert list(Vacature.objects.zichtbaar(now)) == [vers]
    assert list(Vacature.objects.te_bevestigen(now)) == [oud]
    assert oud.is_verlopen(now) and not vers.is_verlopen(now)

    settings.VACATURE_BEVESTIG_DAGEN = 30
    assert set(Vacature.objects.zichtbaar(now)) == {vers, oud}


def test_team_size_counts_who_works_there_on_the_day(woning: Voorziening) -> None:
    TeamlidFactory.create(voorziening=woning, begindatum=VANDAAG - dt.timedelta(days=400))
    TeamlidFactory.create(voorziening=woning, begindatum=VANDAAG + dt.timedelta(days=1))
    TeamlidFactory.create(
        voorziening=woning,
        begindatum=VANDAAG - dt.timedelta(days=400),
        einddatum=VANDAAG,
    )
    assert woning.team_grootte(VANDAAG) == 1
    assert woning.team_grootte(VANDAAG - dt.timedelta(days=1)) == 2


def test_turnover_is_the_share_of_last_years_team_that_left_in_it(woning: Voorziening) -> None:
    jaar_terug = VANDAAG - dt.timedelta(days=365)
    # In the team all year and still there: 2 people.
    TeamlidFactory.create_batch(2, voorziening=woning, begindatum=VANDAAG - dt.timedelta(days=900))
    # Joined this year: counted.
    TeamlidFactory.create(voorziening=woning, begindatum=VANDAAG - dt.timedelta(days=100))
    # Left this year: counted, and left.
    TeamlidFactory.create(
        voorziening=woning, begindatum=VANDAAG - dt.timedelta(days=900), einddatum=VANDAAG
    )
    # Left more than a year ago: not part of last year's team.
    TeamlidFactory.create(
        voorziening=woning, begindatum=VANDAAG - dt.timedelta(days=900), einddatum=jaar_terug
    )
    # Leaves later: not (yet) turnover.
    TeamlidFactory.create(
        voorziening=woning,
        begindatum=VANDAAG - dt.timedelta(days=900),
        einddatum=VANDAAG + dt.timedelta(days=5),
    )
    assert woning.verloop_12m(VANDAAG) == pytest.approx(1 / 5)


def test_turnover_of_an_empty_team_is_zero(woning: Voorziening) -> None:
    assert woning.verloop_12m(VANDAAG) == 0.0


@pytest.mark.parametrize(
    ("bewoners", "per_dienst", "gebroken"),
    [(0, 1, False), (4, 1, False), (5, 1, True), (6, 1, True), (6, 2, False)],
)
def test_staff_ratio_flags_a_group_that_breaks_one_in_four(
    aanbieder: Organisatie, bewoners: int, per_dienst: int, gebroken: bool
) -> None:
    woning = VoorzieningFactory.create(
        aanbieder=aanbieder,
        max_bewoners=6,
        bewoners_aantal=bewoners,
        medewerkers_per_dienst=per_dienst,
    )
    assert woning.breekt_personeelsnorm is gebroken


def test_group_picture_counts_without_individuals_or_signals(woning: Voorziening) -> None:
    vandaag = timezone.localdate()
    PlaatsingFactory.create(
        voorziening=woning,
        geboortemaand=dt.date(vandaag.year - 15, 1, 1),
        geslacht=Geslacht.VROUW,
        zorgprofiel=Zorgprofiel.TRAUMA,
        signalen=[Signaal.SUICIDALITEIT],
        aanduiding="A.B.",
    )
    PlaatsingFactory.create(
        voorziening=woning,
        geboortemaand=dt.date(vandaag.year - 13, 1, 1),
        geslacht=Geslacht.MAN,
        zorgprofiel=Zorgprofiel.TRAUMA,
    )
    PlaatsingFactory.create(
        voorziening=woning,
        aankomst=vandaag - dt.timedelta(days=300),
        einde=vandaag - dt.timedelta(days=5),
        eindreden=Plaatsing.Eindreden.ZELFSTANDIG,
        geboortemaand=dt.date(vandaag.year - 20, 1, 1),
    )
    beeld = woning.samenstelling(vandaag)
    assert beeld.aantal == 2
    assert (beeld.jongste, beeld.oudste) == (13, 15)
    assert beeld.geslachten == [("Jongen / man", 1), ("Meisje / vrouw", 1)]
    assert beeld.zorgprofielen == [("Trauma", 2)]
    assert "suicid" not in repr(beeld).lower()
    assert "A.B." not in repr(beeld)


def test_group_picture_takes_one_query(
    woning: Voorziening, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    vul_met_bewoners(woning, 3)
    with django_assert_num_queries(1):
        woning.samenstelling(timezone.localdate())


@pytest.mark.parametrize(
    ("geboortemaand", "op", "leeftijd"),
    [
        (dt.date(2010, 5, 1), dt.date(2026, 4, 30), 15),
        (dt.date(2010, 5, 1), dt.date(2026, 5, 1), 16),
        (dt.date(2010, 12, 1), dt.date(2026, 12, 31), 16),
    ],
)
def test_age_from_birth_month(geboortemaand: dt.date, op: dt.date, leeftijd: int) -> None:
    assert leeftijd_op(geboortemaand, op) == leeftijd
