"""`manage.py match_scenario`, run as a real process: stdout JSON, or exit 2 with one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from matching.scenario import dumps, run_scenario

ROOT = Path(__file__).parents[2]
BASE = Path(__file__).parent / "scenarios" / "base.json"


def match_scenario(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings"}
    return subprocess.run(
        [sys.executable, "manage.py", "match_scenario", *args],
        cwd=ROOT,
        env=environment,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def test_prints_the_ranking_for_a_file() -> None:
    done = match_scenario(str(BASE))

    assert done.returncode == 0, done.stderr
    expected = dumps(run_scenario(json.loads(BASE.read_text(encoding="utf-8"))))
    assert done.stdout == expected
    assert done.stderr == ""


def test_reads_standard_input_with_a_dash() -> None:
    done = match_scenario("-", stdin=BASE.read_text(encoding="utf-8"))

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["youth"] == "J1"


def _with(change: str) -> str:
    scenario = json.loads(BASE.read_text(encoding="utf-8"))
    if change == "bad date":
        scenario["homes"][3]["residents"][0]["birth_date"] = "2011-02-30"
    elif change == "missing today":
        del scenario["today"]
    elif change == "importance 4":
        scenario["youth"]["needs"][0]["importance"] = 4
    return json.dumps(scenario)


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        (_with("bad date"), "homes[3].residents[0].birth_date: not a date"),
        (_with("missing today"), "today: required"),
        (_with("importance 4"), "youth.needs[0].importance: must be 1-3"),
        ('{"today": "2026-11-22",', "input: not valid JSON"),
    ],
)
def test_bad_input_exits_2_with_one_line_on_stderr(stdin: str, line: str) -> None:
    done = match_scenario("-", stdin=stdin)

    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith(line)
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2_with_one_line(tmp_path: Path) -> None:
    done = match_scenario(str(tmp_path / "nowhere.json"))

    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "cannot read" in done.stderr
