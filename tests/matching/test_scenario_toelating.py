"""Scenario tests for a home's own admission policy (`matching.engine.policy`).

The shared base scenario (`scenarios/base.json`, see test_scenario_ranking.py) has twins A and
B that tie; each test gives A one rule and compares it with B. The youth is a girl of 14 who
calls a trauma-sensitive approach essential (importance 3) and outdoor space nice to have (1).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pytest

from kern.publiek import Audience
from matching.engine.config import POLICY_PREFERENCE_PENALTY
from matching.scenario import ScenarioError, run_scenario

BASE = Path(__file__).parent / "scenarios" / "base.json"

Scenario = dict[str, Any]
Entry = dict[str, Any]


@pytest.fixture
def scenario() -> Scenario:
    return json.loads(BASE.read_text(encoding="utf-8"))


def regel(kind: str, value: str | None = None, *, hard: bool, reason: str) -> dict[str, Any]:
    rule: dict[str, Any] = {"kind": kind, "hard": hard, "reason": reason}
    if value is not None:
        rule["value"] = value
    return rule


def geef_a(scenario: Scenario, *rules: dict[str, Any]) -> None:
    next(item for item in scenario["homes"] if item["ref"] == "A")["admission_policies"] = list(
        rules
    )


def ranking(scenario: Scenario, audience: Audience | None = None) -> list[Entry]:
    output = run_scenario(scenario) if audience is None else run_scenario(scenario, audience)
    return cast(list[Entry], output["ranking"])


def entry(entries: list[Entry], ref: str) -> Entry:
    return next(item for item in entries if item["home"] == ref)


def codes(item: Entry, kind: str) -> list[str]:
    return [reason["code"] for reason in item[kind]]


def factor(item: Entry, code: str) -> dict[str, Any]:
    return next(f for f in item["factors"] if f["code"] == code)


# --- hard rules block, with the home's own reason -------------------------------------------


def test_a_hard_boys_only_rule_blocks_a_girl_with_the_homes_own_reason(scenario: Scenario) -> None:
    geef_a(scenario, regel("gender", "m", hard=True, reason="Eén badkamer voor iedereen."))
    entries = ranking(scenario)
    blocked = entry(entries, "A")

    assert blocked["eligible"] is False
    assert codes(blocked, "blocking") == ["toelatingsbeleid"]
    uitleg = blocked["blocking"][0]["explanation"]
    assert "alleen jongens" in uitleg
    assert "Eén badkamer voor iedereen." in uitleg
    assert entry(entries, "B")["eligible"] is True


def test_a_girls_only_rule_does_not_touch_a_girl(scenario: Scenario) -> None:
    geef_a(scenario, regel("gender", "v", hard=True, reason="Een meidenhuis."))
    entries = ranking(scenario)

    assert entry(entries, "A")["score"] == entry(entries, "B")["score"]
    assert codes(entry(entries, "A"), "attention") == []


def test_a_girls_only_rule_blocks_a_youth_who_is_not_a_girl(scenario: Scenario) -> None:
    scenario["youth"]["gender"] = "x"
    geef_a(scenario, regel("gender", "v", hard=True, reason="Een meidenhuis."))

    assert codes(entry(ranking(scenario), "A"), "blocking") == ["toelatingsbeleid"]


def test_a_hard_rule_against_closed_care_blocks_only_a_youth_with_that_authorisation(
    scenario: Scenario,
) -> None:
    geef_a(
        scenario,
        regel("no_closed_authorisation", hard=True, reason="Wij zijn een open huis in de wijk."),
    )
    assert entry(ranking(scenario), "A")["eligible"] is True

    scenario["youth"]["machtiging_gesloten"] = True
    blocked = entry(ranking(scenario), "A")

    assert codes(blocked, "blocking") == ["toelatingsbeleid"]
    assert "Wij zijn een open huis in de wijk." in blocked["blocking"][0]["explanation"]


def test_a_hard_rule_on_an_essential_need_blocks(scenario: Scenario) -> None:
    geef_a(scenario, regel("need", "traumasensitief", hard=True, reason="Geen traumazorg hier."))
    blocked = entry(ranking(scenario), "A")

    assert codes(blocked, "blocking") == ["toelatingsbeleid"]
    assert "heel belangrijk" in blocked["blocking"][0]["explanation"]


def test_a_hard_rule_on_a_need_that_is_only_nice_to_have_does_not_block_but_costs(
    scenario: Scenario,
) -> None:
    # Outdoor space is importance 1: excluding on it would be an exclusion criterion.
    geef_a(scenario, regel("need", "buitenruimte", hard=True, reason="Geen tuin."))
    entries = ranking(scenario)
    a, b = entry(entries, "A"), entry(entries, "B")

    assert a["eligible"] is True
    assert codes(a, "attention") == ["voorkeur_woning"]
    assert "Geen tuin." in a["attention"][0]["explanation"]
    # A still lists the need among its offers, but its own rule says it cannot meet it.
    assert factor(a, "behoeften")["points"] < factor(b, "behoeften")["points"]
    assert a["score"] < b["score"]


def test_a_rule_on_a_need_the_youth_does_not_have_changes_nothing(scenario: Scenario) -> None:
    geef_a(scenario, regel("need", "verslavingszorg", hard=True, reason="Geen verslavingszorg."))
    entries = ranking(scenario)

    assert entry(entries, "A")["score"] == entry(entries, "B")["score"]


# --- preferences weigh and are explained ----------------------------------------------------


def test_a_boys_preference_costs_a_girl_group_points_and_is_an_attention_point(
    scenario: Scenario,
) -> None:
    geef_a(scenario, regel("gender", "m", hard=False, reason="De groep is nu alleen jongens."))
    entries = ranking(scenario)
    a, b = entry(entries, "A"), entry(entries, "B")

    assert a["eligible"] is True
    assert codes(a, "attention") == ["voorkeur_woning"]
    assert "De groep is nu alleen jongens." in a["attention"][0]["explanation"]
    groep_a, groep_b = factor(a, "groep"), factor(b, "groep")
    verlies = round(POLICY_PREFERENCE_PENALTY * groep_b["max_points"], 1)
    assert groep_a["points"] == pytest.approx(groep_b["points"] - verlies, abs=0.1)
    assert "liever alleen jongens" in groep_a["explanation"]
    volgorde = [item["home"] for item in entries]
    assert volgorde.index("A") > volgorde.index("B")


def test_a_preference_against_closed_care_weighs_only_with_that_authorisation(
    scenario: Scenario,
) -> None:
    geef_a(scenario, regel("no_closed_authorisation", hard=False, reason="Liever open."))
    entries = ranking(scenario)
    assert entry(entries, "A")["score"] == entry(entries, "B")["score"]

    scenario["youth"]["machtiging_gesloten"] = True
    entries = ranking(scenario)
    a, b = entry(entries, "A"), entry(entries, "B")

    assert a["eligible"] is True
    assert codes(a, "attention") == ["voorkeur_woning"]
    assert a["score"] < b["score"]


def test_factor_points_still_add_up_with_preferences(scenario: Scenario) -> None:
    geef_a(
        scenario,
        regel("gender", "m", hard=False, reason="Jongensgroep."),
        regel("need", "buitenruimte", hard=False, reason="Kleine tuin."),
    )
    a = entry(ranking(scenario), "A")

    assert round(sum(f["points"] for f in a["factors"]), 1) == a["score"]
    assert all(0 <= f["points"] <= f["max_points"] for f in a["factors"])
    assert codes(a, "attention") == ["voorkeur_woning", "voorkeur_woning"]


def test_a_homes_rules_read_the_same_before_the_family_consented(scenario: Scenario) -> None:
    """No rule uses the youth's attention signals, so a manager before consent reads the
    same blocking reason as the coordinator."""
    scenario["youth"]["attention"] = ["agressie"]
    geef_a(scenario, regel("gender", "m", hard=True, reason="Jongenshuis."))

    voor = entry(ranking(scenario, Audience.BEHEERDER_VOOR_TOESTEMMING), "A")
    coordinator = entry(ranking(scenario, Audience.COORDINATOR), "A")

    assert voor["blocking"] == coordinator["blocking"]


# --- bad input names the field ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"kind": "religie", "hard": True, "reason": "x"}, r"\.kind: must be one of"),
        ({"kind": "gender", "hard": True, "reason": "x"}, r"\.value: required"),
        ({"kind": "gender", "value": "x", "hard": True, "reason": "x"}, r"\.value: must be one"),
        ({"kind": "need", "value": "zwembad", "hard": True, "reason": "x"}, r"\.value: unknown"),
        ({"kind": "need", "value": "buitenruimte", "hard": "ja", "reason": "x"}, r"\.hard: must"),
        ({"kind": "need", "value": "buitenruimte", "hard": True, "reason": " "}, r"\.reason: must"),
    ],
)
def test_a_bad_rule_names_its_field(scenario: Scenario, rule: dict[str, Any], message: str) -> None:
    geef_a(scenario, rule)

    with pytest.raises(ScenarioError, match=r"^homes\[0\]\.admission_policies\[0\]" + message):
        run_scenario(scenario)
