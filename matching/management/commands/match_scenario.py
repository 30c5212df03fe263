"""`manage.py match_scenario PATH.json` (or `-` for stdin): rank a JSON scenario.

A thin shell around `matching.scenario`: read, run, print. Bad input ends with exit code 2
and exactly one line on stderr that names the field, never a traceback (SCENARIOS.md).
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser

from kern.publiek import SCENARIO_DEFAULT, Audience
from matching.scenario import ScenarioError, dumps, parse_json, run_scenario


class Command(BaseCommand):
    help = "Rank the homes of a JSON scenario for its youth and print the result as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="scenario file, or - to read standard input")
        parser.add_argument(
            "--audience",
            choices=[audience.value for audience in Audience],
            default=SCENARIO_DEFAULT.value,
            help=(
                "whose reading to print: the explanations as that reader would get them "
                f"(default {SCENARIO_DEFAULT.value}, who may know everything in a scenario)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["path"]
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8") as scenario_file:
                    text = scenario_file.read()
            output = run_scenario(parse_json(text), Audience(options["audience"]))
        except (OSError, UnicodeDecodeError) as error:
            self._fail(f"{path}: cannot read ({error.__class__.__name__})")
        except ScenarioError as error:
            self._fail(str(error))
        self.stdout.write(dumps(output), ending="")

    def _fail(self, line: str) -> NoReturn:
        # CommandError would print "CommandError: ..." and, with --traceback, a traceback;
        # the contract wants the bare field path on a single line, and exit code 2.
        self.stderr.write(" ".join(line.split()))
        raise SystemExit(2)
