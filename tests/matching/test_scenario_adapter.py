"""The JSON adapter: bad input is one `path: message` line; extra keys are ignored."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from matching.scenario import ScenarioError, load_scenario, parse_json, run_scenario

BASE = Path(__file__).parent / "scenarios" / "base.json"

Scenario = dict[str, Any]


@pytest.fixture
def scenario() -> Scenario:
    return json.loads(BASE.read_text(encoding="utf-8"))


def _set(path: list[str | int], value: object) -> Callable[[Scenario], None]:
    def change(scenario: Scenario) -> None:
        target: Any = scenario
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _delete(path: list[str | int]) -> Callable[[Scenario], None]:
    def change(scenario: Scenario) -> None:
        target: Any = scenario
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set(["youth", "birth_date"], "2012-02-30"), "youth.birth_date: not a date"),
        (_set(["youth", "needed_from"], "4 januari 2027"), "youth.needed_from: not a date"),
        (
            _set(["homes", 1, "residents", 0, "birth_date"], "20110601"),
            "homes[1].residents[0].birth_date: not a date",
        ),
        (
            _set(["youth", "needs", 0, "importance"], 4),
            "youth.needs[0].importance: must be 1-3",
        ),
        (
            _set(["youth", "needs", 1, "importance"], True),
            "youth.needs[1].importance: must be a whole number",
        ),
        (
            _set(["homes", 2, "offers", 1], "xyz"),
            "homes[2].offers[1]: unknown code 'xyz'",
        ),
        (
            _set(["homes", 0, "residents", 1, "attention"], ["drugs"]),
            "homes[0].residents[1].attention[0]: unknown code 'drugs'",
        ),
        (_set(["youth", "care_profile"], "adhd"), "youth.care_profile: unknown code 'adhd'"),
        (_set(["homes", 0, "max_residents"], 7), "homes[0].max_residents: must be 1-6"),
        (_set(["homes", 3, "setting"], "dorp"), "homes[3].setting: must be one of"),
        (_set(["youth", "gender"], "f"), "youth.gender: must be one of m, v, x"),
        (
            _set(["homes", 0, "team_turnover_12m"], 1.5),
            "homes[0].team_turnover_12m: must be between 0 and 1",
        ),
        (_set(["youth", "priorities"], {"team": 5}), "youth.priorities.team: must be 0-3"),
        (
            _set(["youth", "location"], {"lat": 91, "lon": 6}),
            "youth.location.lat: must be between -90 and 90",
        ),
        (_set(["homes", 1, "ref"], "A"), "homes[1].ref: duplicate ref 'A'"),
        (_set(["homes", 0, "age_max"], 10), "homes[0].age_max: must not be below age_min"),
        (_set(["homes"], {}), "homes: must be a list"),
        (_delete(["today"]), "today: required"),
        (
            _delete(["homes", 0, "residents", 0, "care_profile"]),
            "homes[0].residents[0].care_profile: required",
        ),
        (_delete(["youth", "attention"]), "youth.attention: required"),
    ],
)
def test_bad_input_names_the_field(
    scenario: Scenario, change: Callable[[Scenario], None], message: str
) -> None:
    change(scenario)

    with pytest.raises(ScenarioError) as raised:
        load_scenario(scenario)

    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_not_json_is_one_line() -> None:
    with pytest.raises(ScenarioError) as raised:
        parse_json('{"today": ')

    assert str(raised.value).startswith("input: not valid JSON")
    assert "\n" not in str(raised.value)


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(ScenarioError, match=r"^input: must be an object$"):
        load_scenario([1, 2])


def test_unknown_keys_are_ignored(scenario: Scenario) -> None:
    expected = run_scenario(json.loads(BASE.read_text(encoding="utf-8")))
    scenario["comment"] = "extra"
    scenario["youth"]["nickname"] = "J"
    scenario["homes"][0]["colour"] = "blue"

    assert run_scenario(scenario) == expected


def test_optional_keys_may_be_missing_or_null(scenario: Scenario) -> None:
    del scenario["youth"]["school_location"]
    scenario["youth"]["location"] = None
    scenario["homes"][0]["opens_on"] = None

    loaded = load_scenario(scenario)

    assert loaded.youth.location is None
    assert loaded.youth.school_location is None
    assert loaded.youth.priorities.nabijheid == 2


def test_residents_get_pseudonyms_by_position_and_optional_planned_end(
    scenario: Scenario,
) -> None:
    loaded = load_scenario(scenario)
    b = loaded.homes[1]

    assert [resident.ref for resident in b.residents] == ["bewoner 1", "bewoner 2"]
    assert b.residents[0].planned_end is not None
    assert b.residents[1].planned_end is None


def test_birth_date_after_today_is_rejected(scenario: Scenario) -> None:
    scenario["homes"][2]["residents"][0]["birth_date"] = "2027-01-01"

    with pytest.raises(ScenarioError, match=r"^homes\[2\]\.residents\[0\]\.birth_date: must not"):
        load_scenario(scenario)
