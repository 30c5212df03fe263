"""The ORM adapter: what the engine sees of the database, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organisatie
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.publiek import Audience
from matching.adapters import home_pk, load_homes, rank_for, youth_from_jongere
from tests.matching.conftest import geboren
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
)
from voorzieningen.models import Voorziening


def _home_with_everything(aanbieder: Organisatie, naam: str) -> Voorziening:
    from kern.models import Kenmerk

    home = VoorzieningFactory.create(aanbieder=aanbieder, naam=naam)
    TeamlidFactory.create(voorziening=home).competenties.add(
        Kenmerk.objects.get(code="gezinsgericht")
    )
    PlaatsingFactory.create(voorziening=home, signalen=["agressie"])
    VacatureFactory.create(voorziening=home)
    return home


def _queries_for_loading() -> int:
    now = timezone.now()
    with CaptureQueriesContext(connection) as captured:
        load_homes(today=timezone.localdate(now), now=now)
    return len(captured)


def test_loading_homes_takes_the_same_queries_for_two_or_twenty(aanbieder: Organisatie) -> None:
    for i in range(2):
        _home_with_everything(aanbieder, f"Huis {i}")
    few = _queries_for_loading()
    for i in range(2, 20):
        _home_with_everything(aanbieder, f"Huis {i}")
    assert _queries_for_loading() == few <= 7


def test_a_home_is_seen_with_its_team_offers_residents_and_vacancies(
    aanbieder: Organisatie,
) -> None:
    from kern.models import Kenmerk

    home = _home_with_everything(aanbieder, "De Linde")
    home.aanbod.add(Kenmerk.objects.get(code="buitenruimte"))
    trauma = Kenmerk.objects.get(code="traumasensitief")
    home.teamleden.get().competenties.add(trauma)
    TeamlidFactory.create(voorziening=home).competenties.add(trauma)
    (seen,) = load_homes(today=timezone.localdate(), now=timezone.now())
    assert seen.offers == frozenset({"buitenruimte", "traumasensitief"})
    assert [resident.ref for resident in seen.residents] == ["bewoner 1"]
    assert seen.residents[0].attention == frozenset({"agressie"})
    assert seen.team_size == 2
    assert len(seen.vacancies) == 1


def test_one_team_member_with_a_competence_is_not_the_homes_offer(
    aanbieder: Organisatie,
) -> None:
    from kern.models import Kenmerk

    home = VoorzieningFactory.create(aanbieder=aanbieder, medewerkers_per_dienst=1)
    trauma = Kenmerk.objects.get(code="traumasensitief")
    TeamlidFactory.create(voorziening=home).competenties.add(trauma)
    TeamlidFactory.create(voorziening=home)
    assert load_homes(today=timezone.localdate(), now=timezone.now())[0].offers == frozenset()

    TeamlidFactory.create(voorziening=home).competenties.add(trauma)
    assert load_homes(today=timezone.localdate(), now=timezone.now())[0].offers == {
        "traumasensitief"
    }


def test_more_staff_per_shift_need_more_team_members_with_a_competence(
    aanbieder: Organisatie,
) -> None:
    from kern.models import Kenmerk

    home = VoorzieningFactory.create(aanbieder=aanbieder, medewerkers_per_dienst=2)
    trauma = Kenmerk.objects.get(code="traumasensitief")
    today = timezone.localdate()
    for _ in range(3):
        TeamlidFactory.create(voorziening=home).competenties.add(trauma)
    # Someone who left no longer covers a shift.
    TeamlidFactory.create(
        voorziening=home,
        begindatum=today - dt.timedelta(days=400),
        einddatum=today - dt.timedelta(days=10),
    ).competenties.add(trauma)
    assert load_homes(today=today, now=timezone.now())[0].offers == frozenset()

    TeamlidFactory.create(voorziening=home).competenties.add(trauma)
    assert load_homes(today=today, now=timezone.now())[0].offers == {"traumasensitief"}


def test_an_unconfirmed_vacancy_is_not_a_free_place(aanbieder: Organisatie) -> None:
    home = VoorzieningFactory.create(aanbieder=aanbieder)
    VacatureFactory.create(
        voorziening=home, laatst_bevestigd=timezone.now() - dt.timedelta(days=30)
    )
    (seen,) = load_homes(today=timezone.localdate(), now=timezone.now())
    assert seen.vacancies == ()


def test_team_size_and_turnover_come_from_the_membership_dates(aanbieder: Organisatie) -> None:
    home = VoorzieningFactory.create(aanbieder=aanbieder)
    today = timezone.localdate()
    for start, end in [
        (today - dt.timedelta(days=2000), None),
        (today - dt.timedelta(days=1500), None),
        (today - dt.timedelta(days=1000), today - dt.timedelta(days=100)),  # left this year
        (today - dt.timedelta(days=3000), today - dt.timedelta(days=800)),  # left long ago
    ]:
        TeamlidFactory.create(voorziening=home, begindatum=start, einddatum=end)
    (seen,) = load_homes(today=today, now=timezone.now())
    assert seen.team_size == 2
    assert seen.team_turnover_12m == pytest.approx(1 / 3)
    assert home.verloop_12m(today) == pytest.approx(1 / 3)


def test_the_youth_is_read_from_the_analysis_version_given(
    noor: Jongere, noor_analyse: VerklarendeAnalyse
) -> None:
    youth = youth_from_jongere(noor, noor_analyse)
    assert youth.care_profile == "trauma"
    assert youth.attention == frozenset({"zelfbeschadiging"})
    assert [(need.code, need.importance) for need in youth.needs] == [
        ("rust_structuur", 3),
        ("traumasensitief", 2),
    ]


def test_ranking_respects_a_closed_home_without_court_authorisation(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, aanbieder: Organisatie
) -> None:
    closed = VoorzieningFactory.create(aanbieder=aanbieder, gesloten=True)
    VacatureFactory.create(voorziening=closed)
    PlaatsingFactory.create(voorziening=closed, geboortemaand=geboren(14))
    now = timezone.now()
    (result,) = rank_for(
        noor, noor_analyse, today=timezone.localdate(now), now=now, audience=Audience.COORDINATOR
    )
    assert not result.eligible
    assert result.blocking[0].code == "gesloten_zonder_machtiging"


def _gevarieerde_woningen(aanbieder: Organisatie) -> None:
    """Open and closed homes in both settings, one opening later, vacancies on several dates."""
    today = timezone.localdate()
    for nummer in range(8):
        home = VoorzieningFactory.create(
            aanbieder=aanbieder,
            naam=f"Huis {nummer}",
            gesloten=nummer % 4 == 0,
            omgeving="instellingsterrein" if nummer % 3 == 0 else "woonwijk",
            opent_op=today + dt.timedelta(days=40) if nummer == 5 else None,
            lat=53.2 + nummer * 0.1,
            lon=6.5,
        )
        PlaatsingFactory.create(voorziening=home, geboortemaand=geboren(14 + nummer % 3))
        if nummer % 2:
            VacatureFactory.create(
                voorziening=home, beschikbaar_vanaf=today + dt.timedelta(days=10 * nummer)
            )


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"gesloten": False},
        {"gesloten": True, "omgeving": "woonwijk"},
        {"met_opent_binnenkort": False},
        {"beschikbaar_op": 30},
        {"max_afstand_km": 40},
    ],
)
def test_a_filtered_search_is_the_ranking_of_just_the_filtered_homes(
    filters: dict[str, object],
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    aanbieder: Organisatie,
) -> None:
    """The search filters the (cached) ranking of every home; that must be exactly what
    ranking only the homes that pass the filters gives, in the same order."""
    from matching.adapters import HomeFilter, all_homes, apply_filter, within_distance
    from matching.engine import rank_homes

    _gevarieerde_woningen(aanbieder)
    now = timezone.now()
    today = timezone.localdate(now)
    if "beschikbaar_op" in filters:
        filters["beschikbaar_op"] = today + dt.timedelta(days=int(str(filters["beschikbaar_op"])))
    home_filter = HomeFilter(**filters)  # type: ignore[arg-type]
    rank_for(
        noor, noor_analyse, today=today, now=now, audience=Audience.COORDINATOR
    )  # fills the ranking cache

    youth = youth_from_jongere(noor, noor_analyse)
    verwacht = within_distance(
        rank_homes(
            youth,
            apply_filter(all_homes(today=today, now=now), home_filter, today),
            today,
            with_impacts=False,
            audience=Audience.COORDINATOR,
        ),
        youth,
        home_filter.max_afstand_km,
    )
    gekregen = rank_for(
        noor, noor_analyse, today=today, now=now, filters=home_filter, audience=Audience.COORDINATOR
    )
    assert [r.home.ref for r in gekregen] == [r.home.ref for r in verwacht]
    assert gekregen == verwacht
    if filters:
        assert len(gekregen) < 8  # the filter did leave homes out


def test_the_ranking_is_reused_for_the_same_youth_and_only_a_changed_home_is_scored_again(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    aanbieder: Organisatie,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from matching import adapters
    from matching.adapters import HomeFilter
    from matching.engine import rank_homes

    _gevarieerde_woningen(aanbieder)
    gerangschikt: list[int] = []
    echte = adapters.rank_homes

    def tellend(youth: object, homes: list[object], *args: object, **kwargs: object) -> object:
        gerangschikt.append(len(homes))
        return echte(youth, homes, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(adapters, "rank_homes", tellend)
    now = timezone.now()
    today = timezone.localdate(now)
    eerste = rank_for(noor, noor_analyse, today=today, now=now, audience=Audience.COORDINATOR)
    rank_for(
        noor,
        noor_analyse,
        today=today,
        now=now,
        filters=HomeFilter(gesloten=False),
        audience=Audience.COORDINATOR,
    )
    rank_for(
        noor,
        noor_analyse,
        today=today,
        now=now,
        filters=HomeFilter(omgeving="woonwijk"),
        audience=Audience.COORDINATOR,
    )
    assert gerangschikt == [8]

    # A change to a home is seen at once; only that home is scored again, and the ranking
    # is exactly what ranking every home again gives.
    huis_1 = Voorziening.objects.get(naam="Huis 1")
    huis_1.gesloten = True
    huis_1.save()
    na = rank_for(noor, noor_analyse, today=today, now=now, audience=Audience.COORDINATOR)
    assert gerangschikt == [8, 1]
    assert next(r for r in na if home_pk(r.home.ref) == huis_1.pk).home.closed
    assert eerste != na
    youth = youth_from_jongere(noor, noor_analyse)
    homes = adapters.all_homes(today=today, now=now)
    assert na == rank_homes(youth, homes, today, audience=Audience.COORDINATOR, with_impacts=False)
