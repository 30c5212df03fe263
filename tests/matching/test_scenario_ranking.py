"""Scenario tests: one shared base scenario, each test changes exactly one thing.

The base (`scenarios/base.json`) is built so that changes are easy to see:

* A and B are twins (same place, offers, team, vacancy, ages and care profiles of their two
  residents), so they tie and A comes first by ref. A change to one of them shows up as a
  change in order or as a code on that home alone.
* The residents carry single signals that form no pair on their own, so they cost nothing in
  the base: A has aggression + self-harm and sexually transgressive behaviour, B has addiction
  and a trafficking victim. Giving the *youth* a signal then creates exactly one pair.
* B's first resident has a planned end (1 March 2027), after the youth would move in, so it
  only matters when B has no room.
* C is A without signals, but closed: blocked for a youth without a machtiging.
* D is next to the family but on institution grounds: it wins on distance, loses on
  surroundings, and the family's priority for nearness decides between D and A.

Everything runs through `matching.scenario.run_scenario`, the adapter the command uses; no
database is touched.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, cast

import pytest

from matching.scenario import dumps, run_scenario

BASE = Path(__file__).parent / "scenarios" / "base.json"
CONTRACT_KEYS = [
    "home",
    "eligible",
    "score",
    "blocking",
    "attention",
    "factors",
    "group_risk",
    "group_risk_after",
]

Scenario = dict[str, Any]
Entry = dict[str, Any]


@pytest.fixture
def scenario() -> Scenario:
    return json.loads(BASE.read_text(encoding="utf-8"))


def home(scenario: Scenario, ref: str) -> dict[str, Any]:
    return next(item for item in scenario["homes"] if item["ref"] == ref)


def ranking(scenario: Scenario) -> list[Entry]:
    return cast(list[Entry], run_scenario(scenario)["ranking"])


def order(entries: list[Entry]) -> list[str]:
    return [entry["home"] for entry in entries]


def entry(entries: list[Entry], ref: str) -> Entry:
    return next(item for item in entries if item["home"] == ref)


def codes(item: Entry, kind: str) -> list[str]:
    return [reason["code"] for reason in item[kind]]


def factor(item: Entry, code: str) -> dict[str, Any]:
    return next(f for f in item["factors"] if f["code"] == code)


def new_resident(birth_date: str, care_profile: str) -> dict[str, Any]:
    return {
        "birth_date": birth_date,
        "gender": "v",
        "care_profile": care_profile,
        "care_intensity": "midden",
        "attention": [],
    }


# --- the base itself ----------------------------------------------------------------------


def test_base_twins_tie_and_are_ordered_by_ref(scenario: Scenario) -> None:
    entries = ranking(scenario)

    assert order(entries) == ["D", "A", "B", "C"]
    assert entry(entries, "A")["score"] == entry(entries, "B")["score"]
    assert codes(entry(entries, "A"), "attention") == []


def test_ties_are_broken_by_ref_not_by_input_position(scenario: Scenario) -> None:
    home(scenario, "A")["ref"] = "E"

    assert order(ranking(scenario))[1:3] == ["B", "E"]


def test_ranking_entries_have_exactly_the_contract_keys(scenario: Scenario) -> None:
    for item in ranking(scenario):
        assert list(item) == CONTRACT_KEYS


def test_every_home_appears_once_and_blocked_homes_come_last(scenario: Scenario) -> None:
    entries = ranking(scenario)

    assert sorted(order(entries)) == ["A", "B", "C", "D"]
    eligible = [item["eligible"] for item in entries]
    assert eligible == sorted(eligible, reverse=True)
    assert entries[-1]["home"] == "C"
    assert entries[-1]["score"] is None


def test_factor_points_add_up_to_the_score(scenario: Scenario) -> None:
    scenario["youth"]["attention"] = ["agressie"]  # gives A a group penalty, for variety

    for item in ranking(scenario):
        if item["eligible"]:
            assert round(sum(f["points"] for f in item["factors"]), 1) == item["score"]
            assert round(sum(f["max_points"] for f in item["factors"]), 1) == 100.0
            assert all(0 <= f["points"] <= f["max_points"] for f in item["factors"])


def test_same_input_gives_byte_identical_output(scenario: Scenario) -> None:
    first = dumps(run_scenario(copy.deepcopy(scenario)))
    second = dumps(run_scenario(copy.deepcopy(scenario)))

    assert first == second


def test_order_of_homes_in_the_input_does_not_matter(scenario: Scenario) -> None:
    expected = dumps(run_scenario(copy.deepcopy(scenario)))
    scenario["homes"].reverse()

    assert dumps(run_scenario(scenario)) == expected


# --- hard limits --------------------------------------------------------------------------


def test_closed_home_is_blocked_without_machtiging(scenario: Scenario) -> None:
    blocked = entry(ranking(scenario), "C")

    assert blocked["eligible"] is False
    assert codes(blocked, "blocking") == ["gesloten_zonder_machtiging"]
    assert "machtiging" in blocked["blocking"][0]["explanation"]


def test_closed_home_is_eligible_with_machtiging_and_costs_no_points(scenario: Scenario) -> None:
    scenario["youth"]["machtiging_gesloten"] = True
    entries = ranking(scenario)

    assert entry(entries, "C")["eligible"] is True
    assert entry(entries, "C")["score"] == entry(entries, "A")["score"]


def test_full_group_blocks_and_says_when_a_place_frees_up(scenario: Scenario) -> None:
    home(scenario, "B")["max_residents"] = 2
    blocked = entry(ranking(scenario), "B")

    assert codes(blocked, "blocking") == ["groep_vol"]
    assert "Vanaf 1 maart 2027 komt er een plek vrij." in blocked["blocking"][0]["explanation"]


def test_no_vacancy_blocks_and_names_the_planned_departure(scenario: Scenario) -> None:
    home(scenario, "B")["vacancies"] = []
    entries = ranking(scenario)
    blocked = entry(entries, "B")

    assert codes(blocked, "blocking") == ["geen_plek"]
    assert "Vanaf 1 maart 2027" in blocked["blocking"][0]["explanation"]
    assert order(entries)[-2:] == ["B", "C"]


def test_no_vacancy_without_known_departure_says_what_would_change_it(scenario: Scenario) -> None:
    home(scenario, "A")["vacancies"] = []
    blocked = entry(ranking(scenario), "A")

    assert codes(blocked, "blocking") == ["geen_plek"]
    assert "Zodra de woning een plek vrij meldt" in blocked["blocking"][0]["explanation"]


def test_age_below_the_homes_minimum_blocks_until_the_birthday(scenario: Scenario) -> None:
    home(scenario, "B")["age_min"] = 15
    blocked = entry(ranking(scenario), "B")

    assert codes(blocked, "blocking") == ["leeftijd_woning"]
    assert (
        "Vanaf 15 maart 2027 past de leeftijd van de jongere wel."
        in blocked["blocking"][0]["explanation"]
    )


@pytest.mark.parametrize(
    ("birth_date", "hint"),
    [("2019-06-01", "Vanaf 1 juni 2027 kan het wel."), ("2002-06-01", "8 tot en met 23")],
)
def test_age_outside_8_to_23_blocks_every_home(
    scenario: Scenario, birth_date: str, hint: str
) -> None:
    scenario["youth"]["birth_date"] = birth_date
    entries = ranking(scenario)

    assert all("leeftijd_kwv" in codes(item, "blocking") for item in entries)
    assert hint in entry(entries, "A")["blocking"][0]["explanation"]


def test_trafficking_victim_is_never_placed_with_sexually_transgressive_resident(
    scenario: Scenario,
) -> None:
    scenario["youth"]["attention"] = ["slachtoffer_mensenhandel"]
    entries = ranking(scenario)
    blocked = entry(entries, "A")

    assert codes(blocked, "blocking") == ["onverenigbare_combinatie"]
    assert entry(entries, "B")["eligible"] is True
    assert blocked["group_risk_after"]["level"] == "hoog"


def test_sexually_transgressive_youth_is_never_placed_with_trafficking_victim(
    scenario: Scenario,
) -> None:
    scenario["youth"]["attention"] = ["seksueel_grensoverschrijdend"]
    entries = ranking(scenario)
    blocked = entry(entries, "B")

    assert codes(blocked, "blocking") == ["onverenigbare_combinatie"]
    assert entry(entries, "A")["eligible"] is True
    # Aggregated wording: no pseudonym, nothing that points at one resident.
    text = json.dumps(blocked, ensure_ascii=False)
    assert "bewoner" not in text


def test_criminality_next_to_trafficking_victim_is_attention_not_a_block(
    scenario: Scenario,
) -> None:
    scenario["youth"]["attention"] = ["criminaliteit"]
    # Both second residents have an intellectual disability, itself a route into
    # exploitation: give them another profile so that only B's trafficking victim differs.
    for ref in ("A", "B"):
        home(scenario, ref)["residents"][1]["care_profile"] = "ontwikkeling"
    entries = ranking(scenario)
    risky = entry(entries, "B")

    assert risky["eligible"] is True
    assert "risico_uitbuiting" in codes(risky, "attention")
    assert risky["group_risk_after"]["level"] == "hoog"
    assert order(entries).index("A") < order(entries).index("B")
    assert entry(entries, "A")["score"] - risky["score"] >= 15


# --- needs --------------------------------------------------------------------------------


def test_home_missing_a_need_ranks_below_its_twin_and_says_so(scenario: Scenario) -> None:
    home(scenario, "B")["offers"] = ["buitenruimte", "gezinsgericht"]
    entries = ranking(scenario)
    needs = factor(entry(entries, "B"), "behoeften")

    assert order(entries).index("A") < order(entries).index("B")
    assert "Deze woning biedt geen traumasensitieve aanpak" in needs["explanation"]
    assert "heel belangrijk" in needs["explanation"]


def test_met_need_is_explained_in_terms_of_the_analysis(scenario: Scenario) -> None:
    needs = factor(entry(ranking(scenario), "A"), "behoeften")

    assert needs["points"] == needs["max_points"]
    assert (
        "Het team werkt traumasensitief. Dat vroeg de analyse van de jongere (heel belangrijk)."
        in (needs["explanation"])
    )


@pytest.mark.parametrize(
    ("dropped", "expected_share"), [("traumasensitief", 0.25), ("buitenruimte", 0.75)]
)
def test_a_missing_need_costs_points_by_its_importance(
    scenario: Scenario, dropped: str, expected_share: float
) -> None:
    offers = home(scenario, "B")["offers"]
    offers.remove(dropped)
    needs = factor(entry(ranking(scenario), "B"), "behoeften")

    # Importance 3 and 1: missing the important one leaves a quarter, the other three quarters.
    assert needs["points"] == round(expected_share * needs["max_points"], 1)


# --- nearness and surroundings ------------------------------------------------------------


def test_home_farther_from_family_ranks_lower(scenario: Scenario) -> None:
    home(scenario, "A")["location"] = {"lat": 52.37, "lon": 4.89}  # Amsterdam
    entries = ranking(scenario)

    assert order(entries).index("B") < order(entries).index("A")
    nearness = factor(entry(entries, "A"), "nabijheid")
    assert nearness["points"] < factor(entry(entries, "B"), "nabijheid")["points"]
    assert "Afstand tot de woonplaats van de familie van de jongere:" in nearness["explanation"]


def test_far_school_of_origin_costs_points_and_raises_attention(scenario: Scenario) -> None:
    scenario["youth"]["school_location"] = {"lat": 52.37, "lon": 4.89}
    item = entry(ranking(scenario), "A")

    assert factor(item, "onderwijs")["points"] == 0.0
    assert "school_ver" in codes(item, "attention")


def test_without_school_location_the_family_location_is_used_and_explained(
    scenario: Scenario,
) -> None:
    del scenario["youth"]["school_location"]
    school = factor(entry(ranking(scenario), "D"), "onderwijs")

    assert school["points"] == school["max_points"]  # D is next to the family
    assert "geen school van herkomst bekend" in school["explanation"]


def test_youth_without_location_skips_distance_and_still_ranks(scenario: Scenario) -> None:
    scenario["youth"]["location"] = None
    entries = ranking(scenario)
    nearness = factor(entry(entries, "A"), "nabijheid")

    assert nearness["max_points"] == 0.0
    assert "geen woonplaats" in nearness["explanation"]
    assert sum(f["max_points"] for f in entry(entries, "A")["factors"]) == pytest.approx(100.0)
    assert sorted(order(entries)) == ["A", "B", "C", "D"]


def test_institution_grounds_rank_below_a_neighbourhood(scenario: Scenario) -> None:
    home(scenario, "A")["setting"] = "instellingsterrein"
    entries = ranking(scenario)

    assert order(entries).index("B") < order(entries).index("A")
    assert (
        factor(entry(entries, "A"), "omgeving")["points"]
        < (factor(entry(entries, "B"), "omgeving")["points"])
    )


@pytest.mark.parametrize(("nabijheid", "first"), [(3, "D"), (0, "A")])
def test_family_priority_for_nearness_decides_between_near_and_neighbourhood(
    scenario: Scenario, nabijheid: int, first: str
) -> None:
    scenario["youth"]["priorities"] = {"nabijheid": nabijheid}

    assert order(ranking(scenario))[0] == first


def test_priority_zero_still_leaves_weight_on_a_factor(scenario: Scenario) -> None:
    scenario["youth"]["priorities"] = {"groep": 0}
    group = factor(entry(ranking(scenario), "A"), "groep")

    assert 0 < group["max_points"] < 26.0


# --- team ---------------------------------------------------------------------------------


def test_high_team_turnover_ranks_lower_with_attention(scenario: Scenario) -> None:
    home(scenario, "A")["team_turnover_12m"] = 0.45
    entries = ranking(scenario)

    assert order(entries).index("B") < order(entries).index("A")
    assert "teamverloop" in codes(entry(entries, "A"), "attention")


def test_broken_staff_ratio_is_attention_not_a_block(scenario: Scenario) -> None:
    home(scenario, "A")["staff_on_shift"] = 0
    entries = ranking(scenario)
    item = entry(entries, "A")

    assert item["eligible"] is True
    assert "personeelsbezetting" in codes(item, "attention")
    assert order(entries).index("B") < order(entries).index("A")


# --- group composition --------------------------------------------------------------------


def test_group_of_five_is_allowed_but_ranks_below_a_group_of_three(scenario: Scenario) -> None:
    home(scenario, "A")["residents"] += [
        new_resident("2011-11-11", "psychiatrisch"),
        new_resident("2012-01-20", "ontwikkeling"),
    ]
    entries = ranking(scenario)
    item = entry(entries, "A")

    assert item["eligible"] is True
    assert "groepsgrootte" in codes(item, "attention")
    assert order(entries).index("B") < order(entries).index("A")


def test_group_of_four_raises_no_size_attention(scenario: Scenario) -> None:
    home(scenario, "A")["residents"].append(new_resident("2011-11-11", "psychiatrisch"))
    item = entry(ranking(scenario), "A")

    assert "groepsgrootte" not in codes(item, "attention")
    assert factor(item, "groep")["points"] == factor(item, "groep")["max_points"]


def test_same_care_profile_in_the_group_is_attention_and_costs_points(scenario: Scenario) -> None:
    home(scenario, "A")["residents"][0]["care_profile"] = "trauma"
    entries = ranking(scenario)
    item = entry(entries, "A")

    assert "zelfde_zorgprofiel" in codes(item, "attention")
    assert order(entries).index("B") < order(entries).index("A")


def test_mixed_group_is_named_as_low_risk(scenario: Scenario) -> None:
    after = entry(ranking(scenario), "D")["group_risk_after"]

    assert after["level"] == "laag"
    assert any("Gemengde groep" in reason for reason in after["reasons"])


def test_an_adult_resident_next_to_a_young_teen_is_attention_and_costs_points(
    scenario: Scenario,
) -> None:
    # The developmental bands replace the flat age spread: a resident of 19 next to the
    # youth of 14 is a minor living with an adult, which needs a reason.
    home(scenario, "B")["residents"][1]["birth_date"] = "2008-01-01"
    entries = ranking(scenario)
    item = entry(entries, "B")

    assert "minderjarige_met_volwassene" in codes(item, "attention")
    safety = factor(item, "veiligheid")["points"]
    assert safety < factor(entry(entries, "A"), "veiligheid")["points"]
    assert order(entries).index("A") < order(entries).index("B")


@pytest.mark.parametrize(
    ("signal", "paired_home", "code"),
    [
        ("agressie", "A", "beinvloeding_agressie"),
        ("verslaving", "B", "beinvloeding_verslaving"),
        ("suicidaliteit", "A", "beinvloeding_zelfbeschadiging"),
    ],
)
def test_signals_that_influence_each_other_are_attention_not_a_block(
    scenario: Scenario, signal: str, paired_home: str, code: str
) -> None:
    scenario["youth"]["attention"] = [signal]
    entries = ranking(scenario)
    paired = entry(entries, paired_home)
    other = "B" if paired_home == "A" else "A"

    assert paired["eligible"] is True
    assert code in codes(paired, "attention")
    assert code not in codes(entry(entries, other), "attention")
    assert order(entries).index(other) < order(entries).index(paired_home)
    assert paired["group_risk_after"]["level"] == "verhoogd"


def test_existing_pair_in_a_group_raises_the_current_risk(scenario: Scenario) -> None:
    home(scenario, "A")["residents"][1]["attention"].append("agressie")
    item = entry(ranking(scenario), "A")

    assert item["group_risk"]["level"] == "verhoogd"
    assert any("agressie" in reason for reason in item["group_risk"]["reasons"])
    # The youth is not part of that pair, so it is not an attention point for this match.
    assert "beinvloeding_agressie" not in codes(item, "attention")


def test_group_reasons_never_name_a_resident(scenario: Scenario) -> None:
    scenario["youth"]["attention"] = ["criminaliteit", "agressie"]

    for item in ranking(scenario):
        for risk in (item["group_risk"], item["group_risk_after"]):
            assert not any("bewoner" in reason for reason in risk["reasons"])


# --- availability -------------------------------------------------------------------------


def test_vacancy_after_the_needed_date_is_attention_and_fewer_points(scenario: Scenario) -> None:
    home(scenario, "B")["vacancies"] = [{"available_from": "2027-02-15"}]
    entries = ranking(scenario)
    late = entry(entries, "B")

    assert late["eligible"] is True
    assert "plek_later_vrij" in codes(late, "attention")
    assert "15 februari 2027" in late["attention"][0]["explanation"]
    assert order(entries).index("A") < order(entries).index("B")


def test_home_opening_after_the_needed_date_is_eligible_with_attention(
    scenario: Scenario,
) -> None:
    home(scenario, "B")["opens_on"] = "2027-02-01"
    entries = ranking(scenario)
    opening = entry(entries, "B")

    assert opening["eligible"] is True
    assert codes(opening, "attention")[0] == "opent_binnenkort"
    assert (
        factor(opening, "beschikbaarheid")["points"]
        < (factor(entry(entries, "A"), "beschikbaarheid")["points"])
    )


def test_reaching_the_homes_age_limit_soon_is_attention(scenario: Scenario) -> None:
    home(scenario, "B")["age_max"] = 14
    item = entry(ranking(scenario), "B")

    assert item["eligible"] is True
    assert "leeftijdsgrens_woning" in codes(item, "attention")
    assert "15 maart 2027" in item["attention"][0]["explanation"]
