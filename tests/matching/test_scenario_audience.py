"""`match_scenario --audience`: the same scenario as each reader would read it.

The scenario puts every attention signal among the residents of one home and gives the
youth signals that pair with them, so every signal-based sentence the engine can write is
in play. The default reader (a home's manager after the family consented) reads them named;
a coordinator and a family read group-level words only; a manager before consent reads an
evaluation in which the youth's own signals take no part.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from kern.publiek import SCENARIO_DEFAULT, Audience
from matching.engine.vocabulary import ATTENTION_SIGNALS
from matching.scenario import run_scenario
from tests.matching.test_scenario_command import match_scenario

SIGNAL_WORDS = sorted(
    {
        *ATTENTION_SIGNALS,
        *(label.lower() for label in ATTENTION_SIGNALS.values()),
        "grensoverschrijd",
        "mensenhandel",
        "suïcid",
        "zelfbeschadig",
        "agressie",
        "verslaving",
        "criminalit",
        "weglop",
        "werving",
        "beinvloeding_",
    }
)


def _resident(born: str, attention: list[str]) -> dict[str, Any]:
    return {
        "birth_date": born,
        "gender": "m",
        "care_profile": "externaliserend",
        "care_intensity": "midden",
        "attention": attention,
    }


def _scenario(youth_attention: list[str]) -> dict[str, Any]:
    home = {
        "location": {"lat": 53.21, "lon": 6.60},
        "setting": "woonwijk",
        "closed": False,
        "max_residents": 4,
        "age_min": 12,
        "age_max": 18,
        "offers": ["traumasensitief"],
        "staff_on_shift": 1,
        "team_size": 6,
        "team_turnover_12m": 0.15,
        "vacancies": [{"available_from": "2026-11-30"}],
    }
    everything = sorted(ATTENTION_SIGNALS)
    return {
        "today": "2026-11-22",
        "youth": {
            "ref": "J1",
            "birth_date": "2011-04-02",
            "gender": "v",
            "location": {"lat": 53.20, "lon": 6.57},
            "needed_from": "2026-12-01",
            "machtiging_gesloten": False,
            "care_profile": "trauma",
            "care_intensity": "hoog",
            "needs": [{"code": "traumasensitief", "importance": 3}],
            "attention": youth_attention,
        },
        "homes": [
            # Every signal among the residents, in two different people: every pair fires.
            {**home, "ref": "H1", "residents": [_resident("2010-01-15", everything)] * 2},
            # Residents with the youth's own kind of signal only.
            {**home, "ref": "H2", "residents": [_resident("2010-03-01", ["agressie"])]},
        ],
    }


def _entry(output: dict[str, Any], ref: str) -> dict[str, Any]:
    ranking: list[dict[str, Any]] = output["ranking"]
    return next(entry for entry in ranking if entry["home"] == ref)


def _texts(output: dict[str, Any]) -> str:
    return json.dumps(output, ensure_ascii=False).lower()


@pytest.mark.parametrize("audience", [Audience.COORDINATOR, Audience.GEZIN])
def test_coordinator_and_family_read_no_resident_signal(audience: Audience) -> None:
    """The youth has no signals: any signal word would be a resident's."""
    text = _texts(run_scenario(_scenario([]), audience))
    assert [word for word in SIGNAL_WORDS if word in text] == []


@pytest.mark.parametrize("audience", [Audience.COORDINATOR, Audience.GEZIN])
def test_a_pair_with_a_resident_reads_as_group_level_words(audience: Audience) -> None:
    output = run_scenario(_scenario(["agressie"]), audience)
    h2 = _entry(output, "H2")
    codes = [point["code"] for point in h2["attention"]]
    assert "groepsrisico" in codes and "beinvloeding_agressie" not in codes
    assert "agressie" not in json.dumps(h2, ensure_ascii=False)


def test_the_default_reader_knows_everything_in_the_scenario() -> None:
    output = run_scenario(_scenario(["agressie"]))
    h2 = _entry(output, "H2")
    assert "beinvloeding_agressie" in [point["code"] for point in h2["attention"]]
    assert output == run_scenario(_scenario(["agressie"]), SCENARIO_DEFAULT)


def test_absolute_incompatibility_reads_as_a_neutral_composition_block() -> None:
    scenario = _scenario(["seksueel_grensoverschrijdend"])
    named = run_scenario(scenario)
    neutral = run_scenario(scenario, Audience.COORDINATOR)
    h1_named = _entry(named, "H1")
    h1_neutral = _entry(neutral, "H1")
    assert [b["code"] for b in h1_named["blocking"]] == ["onverenigbare_combinatie"]
    assert [b["code"] for b in h1_neutral["blocking"]] == ["groepssamenstelling"]
    assert "mensenhandel" not in json.dumps(h1_neutral, ensure_ascii=False)


def test_before_consent_the_youths_signals_take_no_part() -> None:
    before = run_scenario(
        _scenario(["agressie", "criminaliteit"]), Audience.BEHEERDER_VOOR_TOESTEMMING
    )
    without = run_scenario(_scenario([]), Audience.BEHEERDER_VOOR_TOESTEMMING)
    assert before == without


def test_the_command_renders_each_audience() -> None:
    text = json.dumps(_scenario(["agressie"]))
    for audience in Audience:
        done = match_scenario("--audience", audience.value, "-", stdin=text)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == run_scenario(json.loads(text), audience)


def test_an_unknown_audience_is_refused() -> None:
    done = match_scenario("--audience", "buurman", "-", stdin=json.dumps(_scenario([])))
    assert done.returncode == 2
    assert "--audience" in done.stderr
