"""The safety rules through the engine's own API: group risk, the safety factor, the cap on a
`hoog` group, and what each reader may read.

Each test holds everything equal but one resident (or one field) and compares two homes or
two groups.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kern.publiek import Audience
from matching.engine import (
    Home,
    HomeResult,
    Need,
    Point,
    Priorities,
    Resident,
    Vacancy,
    Youth,
    assess_group,
    best_homes,
    evaluate_home,
    max_points_for,
    rank_homes,
)
from matching.engine.vocabulary import ATTENTION_SIGNALS

TODAY = date(2026, 11, 22)
MOVING_DAY = date(2027, 1, 4)
GRONINGEN = Point(53.2194, 6.5665)
NAMED = Audience.BEHEERDER_NA_TOESTEMMING


# Residents get different care profiles by number unless told, so that no look-alike care
# profiles add a concern of their own.
PROFILES = ("ontwikkeling", "psychiatrisch", "externaliserend", "internaliserend")


def resident(
    number: int,
    born: date = date(2010, 3, 1),
    *,
    gender: str = "m",
    profile: str = "",
    signals: frozenset[str] = frozenset(),
) -> Resident:
    return Resident(
        ref=f"bewoner {number}",
        birth_date=born,
        gender=gender,  # type: ignore[arg-type]
        care_profile=profile or PROFILES[(number - 1) % len(PROFILES)],
        care_intensity="midden",
        attention=signals,
    )


def youth(
    born: date = date(2011, 9, 1),
    *,
    gender: str = "v",
    profile: str = "trauma",
    signals: frozenset[str] = frozenset(),
    priorities: Priorities | None = None,
) -> Youth:
    return Youth(
        ref="J1",
        birth_date=born,
        gender=gender,  # type: ignore[arg-type]
        location=GRONINGEN,
        school_location=None,
        needed_from=MOVING_DAY,
        machtiging_gesloten=False,
        care_profile=profile,
        care_intensity="midden",
        needs=(Need("traumasensitief", 3),),
        attention=signals,
        priorities=priorities or Priorities(),
    )


def home(*residents: Resident, ref: str = "H") -> Home:
    return Home(
        ref=ref,
        location=Point(53.1, 6.5665),
        setting="woonwijk",
        closed=False,
        max_residents=6,
        age_min=8,
        age_max=23,
        offers=frozenset({"traumasensitief"}),
        staff_on_shift=2,
        team_size=7,
        team_turnover_12m=0.1,
        vacancies=(Vacancy(date(2026, 12, 1)),),
        residents=residents,
    )


def risk(*members: Resident | Youth, audience: Audience = NAMED) -> tuple[str, tuple[str, ...]]:
    result = assess_group(members, TODAY, max_residents=6, staff_on_shift=2, audience=audience)
    return result.level, result.reasons


def codes(result: HomeResult) -> list[str]:
    return [reason.code for reason in result.attention]


def factor(result: HomeResult, code: str) -> float:
    return next(f.points for f in result.factors if f.code == code)


def texts(result: HomeResult) -> str:
    """Every text and code a reader of this result sees."""
    parts = [result.group_risk.level, *result.group_risk.reasons, result.group_risk_after.level]
    parts += result.group_risk_after.reasons
    for reason in (*result.attention, *result.blocking):
        parts += [reason.code, reason.explanation]
    for item in result.factors:
        parts += [item.code, item.explanation]
    for impact in result.resident_impacts:
        parts.append(impact.summary)
    return "\n".join(parts).lower()


CHILD = date(2016, 6, 1)  # 10 on moving day
ADULT = date(2008, 1, 1)  # 19


# --- the rules in a group of residents --------------------------------------------------------


NONE: frozenset[str] = frozenset()

# (members, which member changes, the change that makes the group calm, level, words)
GROUP_RULES = [
    pytest.param(
        [
            resident(1, signals=frozenset({"criminaliteit"})),
            resident(2, date(2011, 1, 1), profile="lvb"),
        ],
        0,
        {"attention": NONE},
        "hoog",
        "uitbuiting",
        id="exploitation",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"weglopen"})),
            resident(2, date(2011, 1, 1), signals=frozenset({"weglopen"})),
        ],
        0,
        {"attention": NONE},
        "verhoogd",
        "weglopen",
        id="absconding",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"weglopen", "slachtoffer_mensenhandel"})),
            resident(2, date(2011, 1, 1), signals=frozenset({"weglopen"})),
        ],
        1,
        {"attention": NONE},
        "hoog",
        "slachtoffer van mensenhandel",
        id="absconding-victim",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
            resident(2, date(2015, 6, 1)),
            resident(3, date(2013, 1, 1)),
        ],
        0,
        {"attention": NONE},
        "hoog",
        "kind jonger dan 12",
        id="sexual-child",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
            resident(2, date(2014, 4, 1)),
        ],
        0,
        {"attention": NONE},
        "verhoogd",
        "4 jaar of meer jonger",
        id="sexual-younger",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
            resident(2, date(2011, 1, 1), profile="lvb"),
        ],
        0,
        {"attention": NONE},
        "verhoogd",
        "licht verstandelijke beperking",
        id="sexual-lvb",
    ),
    pytest.param(
        [
            resident(1, signals=frozenset({"agressie"})),
            resident(2, date(2012, 1, 1), profile="internaliserend"),
        ],
        0,
        {"attention": NONE},
        "verhoogd",
        "slachtoffer",
        id="victimisation",
    ),
    pytest.param(
        [
            resident(1, date(2016, 6, 1)),
            resident(2, date(2013, 1, 1)),
            resident(3, ADULT),
        ],
        2,
        {"birth_date": date(2010, 1, 1)},
        "verhoogd",
        "kind jonger dan 12",
        id="child-with-adult",
    ),
    pytest.param(
        [
            resident(1, gender="v"),
            resident(2, date(2011, 1, 1)),
            resident(3, date(2011, 5, 1)),
            resident(4, date(2010, 8, 1)),
        ],
        0,
        {"gender": "m"},
        "verhoogd",
        "één meisje tussen 3 anderen",
        id="only-girl",
    ),
    pytest.param(
        [resident(1, CHILD), resident(2, date(2009, 6, 1)), resident(3, date(2009, 8, 1))],
        0,
        {"birth_date": date(2014, 1, 1)},
        "verhoogd",
        "leeftijdsfasen",
        id="bands",
    ),
]


@pytest.mark.parametrize(("members", "index", "change", "level", "words"), GROUP_RULES)
def test_rules_between_residents_raise_the_group_risk(
    members: list[Resident], index: int, change: dict[str, object], level: str, words: str
) -> None:
    calm = list(members)
    calm[index] = replace(members[index], **change)  # type: ignore[arg-type]

    found, reasons = risk(*members)

    assert found == level
    assert any(words in reason for reason in reasons), reasons
    assert risk(*calm)[0] == "laag"


@pytest.mark.parametrize(
    "signals",
    [
        frozenset({"criminaliteit", "slachtoffer_mensenhandel"}),
        frozenset({"weglopen", "slachtoffer_mensenhandel"}),
        frozenset({"seksueel_grensoverschrijdend"}),
    ],
)
def test_one_member_is_never_a_pair_with_itself(signals: frozenset[str]) -> None:
    # An lvb child of 10 with both signals of a rule, alone or next to a neutral peer.
    alone = risk(resident(1, born=CHILD, profile="lvb", signals=signals))
    with_peer = risk(
        resident(1, born=CHILD, profile="lvb", signals=signals),
        resident(2, born=date(2015, 1, 1), profile="trauma"),
    )

    assert alone[0] == "laag"
    if "seksueel_grensoverschrijdend" in signals:
        # The peer is a child too: that is a pair, of two different members.
        assert with_peer[0] == "hoog"
    else:
        assert with_peer[0] == "laag"


def test_neighbouring_bands_are_ordinary_but_two_bands_apart_are_not() -> None:
    twelve, sixteen, seventeen = date(2014, 6, 1), date(2010, 6, 1), date(2009, 6, 1)

    assert risk(resident(1, twelve), resident(2, sixteen), resident(3, seventeen))[0] == "laag"
    assert risk(resident(1, CHILD), resident(2, sixteen), resident(3, seventeen))[0] == "verhoogd"
    # Someone in between: nobody is two bands from everyone.
    assert (
        risk(resident(1, CHILD), resident(2, twelve), resident(3, seventeen), resident(4, sixteen))[
            0
        ]
        == "laag"
    )


def test_a_minor_living_with_an_adult_is_a_reason_but_no_higher_level() -> None:
    level, reasons = risk(
        resident(1, date(2011, 1, 1)), resident(2, date(2010, 6, 1)), resident(3, ADULT)
    )

    assert level == "laag"
    assert any("goede reden" in reason for reason in reasons)


# --- both directions: the newcomer or a resident ------------------------------------------------


@pytest.mark.parametrize(
    ("newcomer", "resident_", "code"),
    [
        (
            youth(CHILD),
            resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
            "seksuele_veiligheid",
        ),
        (
            youth(signals=frozenset({"seksueel_grensoverschrijdend"})),
            resident(1, born=date(2015, 6, 1)),
            "seksuele_veiligheid",
        ),
        (
            youth(signals=frozenset({"slachtoffer_mensenhandel"})),
            resident(1, signals=frozenset({"criminaliteit"})),
            "risico_uitbuiting",
        ),
        (
            youth(signals=frozenset({"criminaliteit"})),
            resident(1, signals=frozenset({"slachtoffer_mensenhandel"})),
            "risico_uitbuiting",
        ),
        (
            youth(profile="lvb"),
            resident(1, signals=frozenset({"criminaliteit", "weglopen"})),
            "risico_uitbuiting",
        ),
        (
            youth(signals=frozenset({"weglopen", "slachtoffer_mensenhandel"})),
            resident(1, signals=frozenset({"weglopen"})),
            "samen_weglopen",
        ),
        (
            youth(signals=frozenset({"weglopen"})),
            resident(1, signals=frozenset({"weglopen", "slachtoffer_mensenhandel"})),
            "samen_weglopen",
        ),
    ],
    ids=[
        "child-joins-sexual",
        "sexual-joins-child",
        "victim-joins-criminal",
        "criminal-joins-victim",
        "lvb-joins-criminal-absconder",
        "absconding-victim-joins-absconder",
        "absconder-joins-absconding-victim",
    ],
)
def test_severe_rules_count_in_both_directions_whatever_the_priorities(
    newcomer: Youth, resident_: Resident, code: str
) -> None:
    # What differs is the resident's signal, or else the youth's own signal or profile. A
    # second resident of 13 keeps the ages within neighbouring bands.
    bridge = resident(2, born=date(2013, 6, 1))
    neutral = replace(resident_, attention=frozenset())
    for priorities in (
        Priorities(),
        Priorities(groep=0),
        Priorities(0, 0, 0, 0, 0),
        Priorities(3, 3, 0, 3, 3),
        Priorities(groep=3),
    ):
        candidate = replace(newcomer, priorities=priorities)
        risky = evaluate_home(candidate, home(resident_, bridge), TODAY, audience=NAMED)
        if resident_.attention:
            safe = evaluate_home(candidate, home(neutral, bridge), TODAY, audience=NAMED)
        else:
            plain = replace(candidate, attention=frozenset(), care_profile="trauma")
            safe = evaluate_home(plain, home(resident_, bridge), TODAY, audience=NAMED)
        assert safe.score is not None and risky.score is not None
        assert safe.score - risky.score >= 15
        assert risky.score <= 60
        assert risky.group_risk_after.level == "hoog"
        assert safe.group_risk_after.level == "laag"
        assert {code, "groepsrisico_hoog"} <= set(codes(risky))


def test_a_resident_leaving_before_arrival_takes_the_rule_with_them() -> None:
    leaving = replace(
        resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
        planned_end=date(2026, 12, 20),
    )

    result = evaluate_home(youth(CHILD), home(leaving), TODAY, audience=NAMED)

    assert result.group_risk_after.level == "laag"
    assert "seksuele_veiligheid" not in codes(result)
    assert result.group_risk.level == "laag"  # one resident: no pair today


# --- the score ---------------------------------------------------------------------------------


@pytest.mark.parametrize("level", [0, 1, 2, 3])
def test_safety_keeps_20_points_whatever_the_priorities(level: int) -> None:
    for priorities in (Priorities(groep=level), Priorities(level, level, level, level, level)):
        points = max_points_for(priorities)
        assert points["veiligheid"] == 20.0
        assert round(sum(points.values()), 1) == 100.0
    assert max_points_for(Priorities(), frozenset({"nabijheid", "onderwijs"}))["veiligheid"] == 20.0


def test_a_high_risk_group_scores_at_most_60_and_its_points_still_add_up() -> None:
    externalising = [resident(n, profile="externaliserend", born=date(2010, n, 1)) for n in (1, 2)]
    high = evaluate_home(
        youth(profile="externaliserend"), home(*externalising), TODAY, audience=NAMED
    )
    lower = evaluate_home(
        youth(profile="externaliserend"), home(externalising[0]), TODAY, audience=NAMED
    )

    assert high.group_risk_after.level == "hoog"
    assert high.score is not None and lower.score is not None
    assert high.score <= 60 < lower.score
    assert codes(high)[0] == "groepsrisico_hoog"
    assert round(sum(f.points for f in high.factors), 1) == high.score
    assert round(sum(f.max_points for f in high.factors), 1) == 100.0
    assert factor(high, "veiligheid") == 20.0  # no safety rule: only the fit is capped


def test_youth_without_needs_gets_half_the_needs_points_and_is_told_why() -> None:
    result = evaluate_home(replace(youth(), needs=()), home(), TODAY, audience=NAMED)
    needs = next(f for f in result.factors if f.code == "behoeften")

    assert needs.points == round(needs.max_points / 2, 1)
    assert "staat nog niet wat de jongere nodig heeft" in needs.explanation


def test_best_homes_is_still_the_top_of_the_ranking_with_safety_rules() -> None:
    homes = [
        home(resident(1, signals=frozenset({"criminaliteit"})), ref="A"),
        home(
            resident(1, profile="externaliserend"), resident(2, profile="externaliserend"), ref="B"
        ),
        home(resident(1), ref="C"),
        home(resident(1, born=ADULT), ref="D"),
        home(ref="E"),
    ]
    candidate = youth(signals=frozenset({"slachtoffer_mensenhandel"}), profile="externaliserend")
    ranked = rank_homes(candidate, homes, TODAY, audience=Audience.COORDINATOR, with_impacts=False)

    assert best_homes(candidate, homes, TODAY, 3, audience=Audience.COORDINATOR) == ranked[:3]


def test_what_a_safety_rule_means_for_the_resident_concerned() -> None:
    result = evaluate_home(
        youth(CHILD),
        home(
            resident(1, signals=frozenset({"seksueel_grensoverschrijdend"})),
            resident(2, born=date(2013, 6, 1)),
        ),
        TODAY,
        audience=Audience.BEHEERDER,
    )

    assert [impact.summary for impact in result.resident_impacts] == [
        "bewoner 1: grotere leeftijdsafstand (6 jaar); seksuele veiligheid vraagt bescherming "
        "(seksueel grensoverschrijdend gedrag naast een jongere of kwetsbare jongere)",
        "bewoner 2: geen bijzonderheden",
    ]


# --- what each reader may read ----------------------------------------------------------------

SIGNAL_WORDS = [
    *ATTENTION_SIGNALS,
    *ATTENTION_SIGNALS.values(),
    "grensoverschrijdend",
    "mensenhandel",
    "weglopen",
    "wegloopt",
    "criminaliteit",
    "agressie",
    "uitbuiting",
    "risico_uitbuiting",
    "samen_weglopen",
    "seksuele_veiligheid",
    "victimisatie",
]

# Only a resident carries a signal; the youth's side is an age, a profile or nothing.
ONLY_RESIDENTS = [
    (youth(CHILD), resident(1, signals=frozenset({"seksueel_grensoverschrijdend"}))),
    (youth(date(2014, 4, 1)), resident(1, signals=frozenset({"seksueel_grensoverschrijdend"}))),
    (youth(profile="lvb"), resident(1, signals=frozenset({"seksueel_grensoverschrijdend"}))),
    (youth(profile="lvb"), resident(1, signals=frozenset({"criminaliteit", "weglopen"}))),
    (youth(), resident(1, signals=frozenset({"agressie"}))),
    (youth(), resident(1, signals=frozenset({"weglopen"}), born=date(2010, 3, 1))),
]


@pytest.mark.parametrize("audience", [Audience.COORDINATOR, Audience.GEZIN])
@pytest.mark.parametrize(("newcomer", "resident_"), ONLY_RESIDENTS)
def test_no_residents_signal_reaches_coordinators_or_families(
    audience: Audience, newcomer: Youth, resident_: Resident
) -> None:
    others = (resident(2, born=date(2011, 2, 1), gender="v", profile="psychiatrisch"),)
    group = home(resident_, *others)
    for result in rank_homes(newcomer, [group], TODAY, audience=audience):
        text = texts(result)
        for word in SIGNAL_WORDS:
            assert word not in text, word
    named = evaluate_home(newcomer, group, TODAY, audience=NAMED)
    neutral = evaluate_home(newcomer, group, TODAY, audience=audience)
    assert neutral.score == named.score
    assert neutral.group_risk_after.level == named.group_risk_after.level


@pytest.mark.parametrize(("newcomer", "resident_"), ONLY_RESIDENTS[:5])
def test_the_homes_manager_reads_which_signal_is_at_stake(
    newcomer: Youth, resident_: Resident
) -> None:
    others = (resident(2, born=date(2011, 2, 1), gender="v", profile="psychiatrisch"),)
    result = evaluate_home(newcomer, home(resident_, *others), TODAY, audience=NAMED)
    text = texts(result)

    assert any(ATTENTION_SIGNALS[signal] in text for signal in resident_.attention)
    assert "groepsrisico" not in codes(result)
    assert set(codes(result)) & {"risico_uitbuiting", "seksuele_veiligheid", "victimisatie"}


@pytest.mark.parametrize("audience", [Audience.COORDINATOR, Audience.GEZIN])
def test_a_pair_of_the_youths_and_a_residents_signals_is_the_group_level_sentence(
    audience: Audience,
) -> None:
    result = evaluate_home(
        youth(signals=frozenset({"slachtoffer_mensenhandel"})),
        home(resident(1, signals=frozenset({"criminaliteit"}))),
        TODAY,
        audience=audience,
    )

    assert "risico_uitbuiting" not in codes(result)
    assert "groepsrisico" in codes(result)
    assert "criminaliteit" not in texts(result)


def test_folding_a_group_at_once_is_joining_its_members_one_by_one() -> None:
    import random

    from matching.engine.group import EMPTY_STATE, encode_member, fold, join
    from matching.engine.vocabulary import CARE_PROFILES

    rng = random.Random(14)
    signals = sorted(ATTENTION_SIGNALS)
    for _ in range(300):
        members = [
            Resident(
                ref=f"bewoner {n}",
                birth_date=date(rng.randint(2004, 2018), rng.randint(1, 12), rng.randint(1, 28)),
                gender=rng.choice(("m", "v", "x")),
                care_profile=rng.choice(sorted(CARE_PROFILES)),
                care_intensity=rng.choice(("laag", "midden", "hoog")),
                attention=frozenset(rng.sample(signals, rng.choice((0, 0, 1, 2)))),
            )
            for n in range(rng.randint(1, 6))
        ]
        state = EMPTY_STATE
        for member in members:
            state = join(state, encode_member(member))[0]
        assert fold(members) == state
        assert fold(members[1:], fold(members[:1])) == state
