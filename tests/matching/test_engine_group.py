"""The engine's own API: group risk and summary, resident impacts, weights, helpers."""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kern.publiek import Audience
from matching.engine import (
    Home,
    Need,
    Point,
    Priorities,
    Resident,
    Vacancy,
    Youth,
    assess_group,
    evaluate_home,
    group_summary,
    max_points_for,
    rank_homes,
)
from matching.engine.geo import haversine_km
from matching.engine.vocabulary import format_date

TODAY = date(2026, 11, 22)
GRONINGEN = Point(53.2194, 6.5665)
ASSEN = Point(52.9925, 6.5649)


def resident(
    number: int,
    birth_date: date = date(2011, 6, 1),
    care_profile: str = "internaliserend",
    attention: frozenset[str] = frozenset(),
    planned_end: date | None = None,
) -> Resident:
    return Resident(
        ref=f"bewoner {number}",
        birth_date=birth_date,
        gender="m",
        care_profile=care_profile,
        care_intensity="midden",
        attention=attention,
        planned_end=planned_end,
    )


def youth(attention: frozenset[str] = frozenset(), care_profile: str = "trauma") -> Youth:
    return Youth(
        ref="J1",
        birth_date=date(2012, 3, 15),
        gender="v",
        location=GRONINGEN,
        school_location=None,
        needed_from=date(2027, 1, 4),
        machtiging_gesloten=False,
        care_profile=care_profile,
        care_intensity="midden",
        needs=(Need("traumasensitief", 3),),
        attention=attention,
    )


def home(*residents: Resident, ref: str = "H1") -> Home:
    return Home(
        ref=ref,
        location=ASSEN,
        setting="woonwijk",
        closed=False,
        max_residents=6,
        age_min=12,
        age_max=18,
        offers=frozenset({"traumasensitief"}),
        staff_on_shift=2,
        team_size=7,
        team_turnover_12m=0.1,
        vacancies=(Vacancy(date(2026, 12, 1)),),
        residents=residents,
    )


# --- assess_group: works for residents alone and with the candidate -----------------------


def test_assess_group_of_residents_alone() -> None:
    risk = assess_group(
        [resident(1, attention=frozenset({"agressie"})), resident(2, care_profile="lvb")],
        TODAY,
        max_residents=4,
        staff_on_shift=1,
        audience=Audience.BEHEERDER,
    )

    assert risk.level == "laag"


def test_assess_group_with_the_candidate_finds_the_new_pair() -> None:
    residents = [resident(1, attention=frozenset({"agressie"})), resident(2, care_profile="lvb")]
    candidate = youth(attention=frozenset({"agressie"}))

    risk = assess_group(
        [*residents, candidate],
        TODAY,
        max_residents=4,
        staff_on_shift=1,
        audience=Audience.BEHEERDER,
    )

    assert risk.level == "verhoogd"
    assert risk.reasons == ("Meer jongeren met agressie: ze kunnen elkaar negatief beïnvloeden.",)


def test_one_member_with_both_signals_is_not_the_incompatible_pair() -> None:
    both = frozenset({"seksueel_grensoverschrijdend", "slachtoffer_mensenhandel"})

    alone = assess_group(
        [resident(1, attention=both)],
        TODAY,
        max_residents=4,
        staff_on_shift=1,
        audience=Audience.BEHEERDER,
    )
    with_other = assess_group(
        [
            resident(1, attention=both),
            resident(2, attention=frozenset({"slachtoffer_mensenhandel"})),
        ],
        TODAY,
        max_residents=4,
        staff_on_shift=1,
        audience=Audience.BEHEERDER,
    )

    assert alone.level == "laag"
    assert with_other.level == "hoog"


def test_three_externalising_youths_are_high_risk() -> None:
    group = [resident(n, care_profile="externaliserend") for n in (1, 2, 3)]

    risk = assess_group(
        group, TODAY, max_residents=4, staff_on_shift=1, audience=Audience.BEHEERDER
    )

    assert risk.level == "hoog"
    assert "naar buiten gericht" in risk.reasons[0]


def test_stacked_concerns_make_a_high_risk() -> None:
    # Five youths (size), one staff member (ratio) and two with addiction (pair).
    group = [resident(n, care_profile=p) for n, p in enumerate(["lvb", "trauma", "ontwikkeling"])]
    group += [resident(n, attention=frozenset({"verslaving"})) for n in (4, 5)]

    risk = assess_group(
        group, TODAY, max_residents=6, staff_on_shift=1, audience=Audience.BEHEERDER
    )

    assert risk.level == "hoog"
    assert len(risk.reasons) == 4


def test_empty_group_is_low_risk() -> None:
    assert (
        assess_group(
            [], TODAY, max_residents=4, staff_on_shift=1, audience=Audience.BEHEERDER
        ).level
        == "laag"
    )


def test_group_summary_is_aggregated_only() -> None:
    summary = group_summary(
        [
            resident(1, birth_date=date(2010, 1, 1), attention=frozenset({"agressie"})),
            resident(2, birth_date=date(2013, 5, 5), care_profile="lvb"),
            resident(3, attention=frozenset({"agressie", "weglopen"})),
        ],
        TODAY,
    )

    assert summary.size == 3
    assert (summary.age_min, summary.age_max) == (13, 16)
    assert summary.genders == (("m", 3),)
    assert summary.care_profiles == (("internaliserend", 2), ("lvb", 1))
    assert summary.attention == (("agressie", 2), ("weglopen", 1))
    assert "bewoner" not in repr(summary)


# --- what an admission means for each resident -------------------------------------------


def test_resident_impacts_are_pseudonymised_and_specific() -> None:
    result = evaluate_home(
        youth(attention=frozenset({"agressie"})),
        home(
            resident(1, care_profile="trauma"),
            resident(2, birth_date=date(2008, 2, 1)),
            resident(3, attention=frozenset({"agressie"})),
        ),
        TODAY,
        audience=Audience.BEHEERDER_NA_TOESTEMMING,
    )

    assert [impact.summary for impact in result.resident_impacts] == [
        "bewoner 1: zelfde zorgprofiel, kans op naar elkaar kijken",
        "bewoner 2: grotere leeftijdsafstand (4 jaar); "
        "minderjarige en volwassene samen in een groep",
        "bewoner 3: kans dat ze elkaar negatief beïnvloeden (agressie)",
    ]


def test_resident_leaving_before_arrival_is_not_part_of_the_new_group() -> None:
    leaving = resident(1, care_profile="trauma", planned_end=date(2026, 12, 20))

    result = evaluate_home(
        youth(), home(leaving), TODAY, audience=Audience.BEHEERDER_NA_TOESTEMMING
    )

    assert result.resident_impacts[0].explanations == (
        "vertrekt naar verwachting voordat deze jongere komt",
    )
    assert "zelfde_zorgprofiel" not in [reason.code for reason in result.attention]


def test_evaluate_home_matches_the_ranking_entry() -> None:
    homes = [home(resident(1), ref="H1"), home(ref="H2")]

    ranked = rank_homes(youth(), homes, TODAY, audience=Audience.BEHEERDER_NA_TOESTEMMING)

    for result in ranked:
        assert (
            evaluate_home(youth(), result.home, TODAY, audience=Audience.BEHEERDER_NA_TOESTEMMING)
            == result
        )


def test_blocked_home_is_explained_not_scored() -> None:
    full = replace(home(resident(1), resident(2, care_profile="lvb")), max_residents=2)

    result = evaluate_home(youth(), full, TODAY, audience=Audience.BEHEERDER_NA_TOESTEMMING)

    assert result.eligible is False
    assert [reason.code for reason in result.blocking] == ["groep_vol"]
    assert result.score is None
    assert result.factors == ()
    assert result.resident_impacts == ()
    assert result.group_risk.level == "laag"


# --- weights and helpers ------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_max_points_always_add_up_to_100(level: int) -> None:
    points = max_points_for(Priorities(nabijheid=level, groep=3 - level))

    assert round(sum(points.values()), 1) == 100.0
    assert all(value > 0 for value in points.values())


def test_priority_three_weighs_more_than_priority_zero() -> None:
    high = max_points_for(Priorities(nabijheid=3))["nabijheid"]
    low = max_points_for(Priorities(nabijheid=0))["nabijheid"]

    assert high > 4 * low > 0


def test_skipped_factor_gets_no_points_and_the_rest_still_add_up_to_100() -> None:
    points = max_points_for(Priorities(), frozenset({"nabijheid"}))

    assert points["nabijheid"] == 0.0
    assert round(sum(points.values()), 1) == 100.0


def test_haversine_distance_groningen_assen() -> None:
    assert haversine_km(GRONINGEN, ASSEN) == pytest.approx(25.2, abs=0.2)
    assert haversine_km(GRONINGEN, GRONINGEN) == 0.0


def test_dutch_dates() -> None:
    assert format_date(date(2027, 3, 1)) == "1 maart 2027"
    assert format_date(date(2026, 12, 31)) == "31 december 2026"


def test_engine_does_not_import_django() -> None:
    engine = Path(__file__).parents[2] / "matching" / "engine"
    for source in engine.glob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.split(".")[0] == "django" for name in names), source.name


def test_a_search_can_leave_out_what_an_admission_means_per_resident() -> None:
    from datetime import date

    from matching.engine import Home, Resident, Vacancy, Youth, rank_homes

    today = date(2026, 11, 22)
    youth = Youth(
        ref="J",
        birth_date=date(2011, 1, 1),
        gender="v",
        location=None,
        school_location=None,
        needed_from=today,
        machtiging_gesloten=False,
        care_profile="trauma",
        care_intensity="midden",
    )
    home = Home(
        ref="H",
        location=None,
        setting="woonwijk",
        closed=False,
        max_residents=4,
        age_min=8,
        age_max=23,
        offers=frozenset(),
        staff_on_shift=1,
        team_size=6,
        team_turnover_12m=0.1,
        vacancies=(Vacancy(today),),
        residents=(Resident("bewoner 1", date(2011, 5, 1), "m", "trauma", "midden"),),
    )
    (full,) = rank_homes(youth, [home], today, audience=Audience.BEHEERDER_NA_TOESTEMMING)
    (lean,) = rank_homes(
        youth, [home], today, with_impacts=False, audience=Audience.BEHEERDER_NA_TOESTEMMING
    )
    assert full.resident_impacts and lean.resident_impacts == ()
    assert (full.score, full.factors, full.attention) == (lean.score, lean.factors, lean.attention)
