"""Protective zones: a place and a radius the youth must be kept away from (a hard limit).

Every test starts from the shared base scenario (`scenarios/base.json`) and changes only the
youth's `protective_zones`. Homes A, B and C stand at the same spot about 49 km south of the
family; D stands next to the family. So a small zone around the family blocks D alone, and a
zone whose edge passes the twins shows the boundary without anything else changing.

The explanation is read by the family too: it must not say where the zone is or why it was set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import pytest

from matching.engine import Audience, Point, ProtectiveZone, evaluate_home
from matching.engine.geo import haversine_km
from matching.scenario import ScenarioError, load_scenario, run_scenario

ROOT = Path(__file__).parents[2]
BASE = Path(__file__).parent / "scenarios" / "base.json"

Scenario = dict[str, Any]
Entry = dict[str, Any]

FAMILY = {"lat": 53.2194, "lon": 6.5665}
TWINS = {"lat": 52.78, "lon": 6.5665}


@pytest.fixture
def scenario() -> Scenario:
    return cast(Scenario, json.loads(BASE.read_text(encoding="utf-8")))


def ranking(scenario: Scenario) -> list[Entry]:
    return cast(list[Entry], run_scenario(scenario)["ranking"])


def entry(entries: list[Entry], ref: str) -> Entry:
    return next(item for item in entries if item["home"] == ref)


def order(entries: list[Entry]) -> list[str]:
    return [item["home"] for item in entries]


def codes(item: Entry, kind: str = "blocking") -> list[str]:
    return [reason["code"] for reason in item[kind]]


def zone(location: dict[str, float], radius_km: object) -> dict[str, object]:
    return {"location": location, "radius_km": radius_km}


def twins_km() -> float:
    return haversine_km(Point(**FAMILY), Point(**TWINS))


# --- through the JSON contract ------------------------------------------------------------


def test_a_home_inside_the_zone_is_not_eligible_and_the_others_are_untouched(
    scenario: Scenario,
) -> None:
    before = ranking(json.loads(json.dumps(scenario)))
    scenario["youth"]["protective_zones"] = [zone(FAMILY, 5)]
    after = ranking(scenario)

    blocked = entry(after, "D")
    assert blocked["eligible"] is False
    assert blocked["score"] is None
    assert codes(blocked) == ["beschermde_zone"]
    # D led the base ranking; now it is listed with the blocked homes, after the twins.
    assert order(before)[0] == "D"
    assert order(after) == ["A", "B", "C", "D"]
    for ref in ("A", "B", "C"):
        assert entry(after, ref) == entry(before, ref)


def test_the_explanation_says_neither_where_nor_why(scenario: Scenario) -> None:
    scenario["youth"]["protective_zones"] = [zone(FAMILY, 5)]

    explanation = entry(ranking(scenario), "D")["blocking"][0]["explanation"]

    assert "beschermde zone" in explanation
    assert "harde grens" in explanation
    for revealing in ("53.2194", "6.5665", "5 km", "km", "Groningen", "familie", "netwerk"):
        assert revealing not in explanation


def test_the_radius_decides_at_the_edge(scenario: Scenario) -> None:
    distance = twins_km()  # about 48.9 km from the family to A, B and C

    scenario["youth"]["protective_zones"] = [zone(FAMILY, int(distance))]
    just_outside = ranking(scenario)
    scenario["youth"]["protective_zones"] = [zone(FAMILY, int(distance) + 1)]
    just_inside = ranking(scenario)

    assert entry(just_outside, "A")["eligible"] is True
    assert codes(entry(just_outside, "D")) == ["beschermde_zone"]
    for ref in ("A", "B", "C"):
        assert "beschermde_zone" in codes(entry(just_inside, ref))
    assert not any(item["eligible"] for item in just_inside)


def test_any_one_of_several_zones_blocks(scenario: Scenario) -> None:
    far_away = {"lat": 51.44, "lon": 5.48}
    scenario["youth"]["protective_zones"] = [zone(far_away, 10), zone(TWINS, 1)]
    entries = ranking(scenario)

    assert codes(entry(entries, "A")) == ["beschermde_zone"]
    assert codes(entry(entries, "B")) == ["beschermde_zone"]
    assert entry(entries, "D")["eligible"] is True
    assert order(entries)[0] == "D"


def test_a_zone_far_away_changes_nothing(scenario: Scenario) -> None:
    expected = run_scenario(json.loads(json.dumps(scenario)))
    scenario["youth"]["protective_zones"] = [zone({"lat": 51.44, "lon": 5.48}, 50)]

    assert run_scenario(scenario) == expected


def test_the_zone_is_listed_next_to_other_hard_limits(scenario: Scenario) -> None:
    # C is closed and the youth has no court authorisation; a zone over C adds its own
    # reason, because a court order alone would not make C possible.
    scenario["youth"]["protective_zones"] = [zone(TWINS, 2)]

    assert codes(entry(ranking(scenario), "C")) == ["gesloten_zonder_machtiging", "beschermde_zone"]


def test_the_zone_wins_over_the_familys_priorities(scenario: Scenario) -> None:
    # Nearness at its highest would make D, next to the family, the clear first choice.
    scenario["youth"]["priorities"] = {"nabijheid": 3, "onderwijs": 3, "groep": 0}
    scenario["youth"]["protective_zones"] = [zone(FAMILY, 5)]
    entries = ranking(scenario)

    assert entry(entries, "D")["eligible"] is False
    assert order(entries)[:2] == ["A", "B"]


def test_null_or_missing_zones_mean_none(scenario: Scenario) -> None:
    expected = run_scenario(json.loads(json.dumps(scenario)))

    scenario["youth"]["protective_zones"] = None
    assert run_scenario(scenario) == expected
    scenario["youth"]["protective_zones"] = []
    assert run_scenario(scenario) == expected


@pytest.mark.parametrize(
    ("zones", "message"),
    [
        ({"location": FAMILY, "radius_km": 5}, "youth.protective_zones: must be a list"),
        (["Groningen"], "youth.protective_zones[0]: must be an object"),
        ([{"radius_km": 5}], "youth.protective_zones[0].location: required"),
        ([{"location": FAMILY}], "youth.protective_zones[0].radius_km: required"),
        (
            [zone(FAMILY, 5), zone(FAMILY, 0)],
            "youth.protective_zones[1].radius_km: must be above 0 and at most 300",
        ),
        ([zone(FAMILY, -3)], "youth.protective_zones[0].radius_km: must be above 0"),
        ([zone(FAMILY, 300.5)], "youth.protective_zones[0].radius_km: must be above 0"),
        ([zone(FAMILY, "5")], "youth.protective_zones[0].radius_km: must be a number"),
        ([zone(FAMILY, True)], "youth.protective_zones[0].radius_km: must be a number"),
        ([zone(FAMILY, None)], "youth.protective_zones[0].radius_km: must be a number"),
        (
            [zone({"lat": 95, "lon": 6}, 5)],
            "youth.protective_zones[0].location.lat: must be between -90 and 90",
        ),
        ([zone({"lat": 53}, 5)], "youth.protective_zones[0].location.lon: required"),
    ],
)
def test_bad_zones_name_the_field(scenario: Scenario, zones: object, message: str) -> None:
    scenario["youth"]["protective_zones"] = zones

    with pytest.raises(ScenarioError) as raised:
        load_scenario(scenario)

    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_a_radius_of_exactly_300_km_is_allowed(scenario: Scenario) -> None:
    scenario["youth"]["protective_zones"] = [zone({"lat": 40.0, "lon": 6.0}, 300)]

    assert load_scenario(scenario).youth.protective_zones[0].radius_km == 300.0


def test_the_command_exits_2_naming_the_radius(scenario: Scenario) -> None:
    scenario["youth"]["protective_zones"] = [zone(FAMILY, 0)]
    done = subprocess.run(
        [sys.executable, "manage.py", "match_scenario", "-"],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"},
        input=json.dumps(scenario),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("youth.protective_zones[0].radius_km: must be above 0")
    assert done.stderr.count("\n") == 1


# --- the engine itself ----------------------------------------------------------------------


def test_a_home_without_a_known_location_cannot_be_shown_to_lie_outside(
    scenario: Scenario,
) -> None:
    scenario["youth"]["protective_zones"] = [zone(FAMILY, 5)]
    loaded = load_scenario(scenario)
    twin = next(home for home in loaded.homes if home.ref == "A")
    unknown = replace(twin, location=None)

    known = evaluate_home(loaded.youth, twin, loaded.today, audience=Audience.GEZIN)
    result = evaluate_home(loaded.youth, unknown, loaded.today, audience=Audience.GEZIN)

    assert known.eligible is True
    assert result.eligible is False
    assert [reason.code for reason in result.blocking] == ["beschermde_zone"]
    assert "niet bekend" in result.blocking[0].explanation


def test_a_zone_radius_outside_the_range_is_refused_by_the_engine_record() -> None:
    with pytest.raises(ValueError, match="radius"):
        ProtectiveZone(Point(53.0, 6.0), 0)
    with pytest.raises(ValueError, match="radius"):
        ProtectiveZone(Point(53.0, 6.0), float("nan"))
