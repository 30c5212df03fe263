"""Benchmark the joint allocation (`make bench-allocation`).

Builds a synthetic region in memory, as the engine's own records (no database rows are
written): N waiting youths and M homes with residents, teams and vacancies spread over the
north of the Netherlands. Then it computes the joint allocation exactly as the placement
table page does (`plaatsingstafel.allocatie.stel_voor`: the engine's scores for every youth-home
pair, pruning, the pair effects, CP-SAT on `--workers` threads) and prints the figures.
The last line is one JSON object: youths, homes, seconds (everything after generating the
data), gap (the solver's relative optimality gap on the fit), and the lexicographic objective
(placed, then priority, then fit).
"""

from __future__ import annotations

import json
import random
import time
from datetime import date, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from matching.engine import Home, Need, Point, Priorities, Resident, Vacancy, Youth
from matching.engine.types import Gender, Setting
from matching.engine.vocabulary import ATTENTION_SIGNALS, CARE_PROFILES, NEEDS
from plaatsingstafel.allocatie import TIJDSLIMIET_SECONDEN, Verzoek, capaciteit, stel_voor

GENDERS: tuple[Gender, ...] = ("m", "v", "v", "m", "x")
SETTINGS: tuple[Setting, ...] = ("woonwijk", "woonwijk", "instellingsterrein")
INTENSITIES = ("laag", "midden", "midden", "hoog")


def _point(rng: random.Random) -> Point:
    return Point(round(rng.uniform(52.3, 53.5), 4), round(rng.uniform(4.8, 7.2), 4))


def _signals(rng: random.Random) -> frozenset[str]:
    if rng.random() < 0.55:
        return frozenset()
    return frozenset(rng.sample(sorted(ATTENTION_SIGNALS), rng.choice((1, 1, 2))))


def synthetic_homes(n: int, rng: random.Random, today: date) -> list[Home]:
    needs = sorted(NEEDS)
    profiles = sorted(CARE_PROFILES)
    homes = []
    for i in range(n):
        max_residents = rng.choice((3, 4, 4, 4, 5, 6))
        low = rng.choice((8, 10, 12, 12, 14, 16))
        high = min(23, low + rng.choice((6, 8, 10)))
        residents = tuple(
            Resident(
                ref=f"bewoner {j + 1}",
                birth_date=date(today.year - rng.randint(low, high), rng.randint(1, 12), 1),
                gender=rng.choice(GENDERS),
                care_profile=rng.choice(profiles),
                care_intensity=rng.choice(INTENSITIES),
                attention=_signals(rng),
                planned_end=today + timedelta(days=rng.randint(20, 400))
                if rng.random() < 0.3
                else None,
            )
            for j in range(rng.randint(0, max_residents))
        )
        room = max_residents - len(residents)
        free = rng.randint(0, min(2, room)) if room > 0 and rng.random() < 0.6 else 0
        homes.append(
            Home(
                ref=f"{i:09d}",
                location=_point(rng),
                setting=rng.choice(SETTINGS),
                closed=rng.random() < 0.15,
                max_residents=max_residents,
                age_min=low,
                age_max=high,
                offers=frozenset(rng.sample(needs, rng.randint(2, 7))),
                staff_on_shift=rng.choice((1, 1, 2)),
                team_size=rng.randint(4, 11),
                team_turnover_12m=round(rng.uniform(0, 0.5), 2),
                vacancies=tuple(
                    Vacancy(today + timedelta(days=rng.choice((0, 0, 7, 14, 30))))
                    for _ in range(free)
                ),
                residents=residents,
            )
        )
    return homes


def synthetic_youths(n: int, rng: random.Random, today: date) -> list[Youth]:
    needs = sorted(NEEDS)
    profiles = sorted(CARE_PROFILES)
    return [
        Youth(
            ref=f"jongere-{i}",
            birth_date=date(today.year - rng.randint(10, 19), rng.randint(1, 12), 15),
            gender=rng.choice(GENDERS),
            location=_point(rng),
            school_location=_point(rng) if rng.random() < 0.6 else None,
            # Some wait already (up to 12 weeks), some need a place soon: priority differs.
            needed_from=today + timedelta(days=rng.choice((-84, -56, -28, -14, -7, 0, 0, 7, 21))),
            machtiging_gesloten=rng.random() < 0.15,
            care_profile=rng.choice(profiles),
            care_intensity=rng.choice(INTENSITIES),
            needs=tuple(
                Need(code, rng.randint(1, 3)) for code in rng.sample(needs, rng.randint(1, 4))
            ),
            attention=_signals(rng),
            priorities=Priorities(
                nabijheid=rng.randint(1, 3), groep=rng.randint(1, 3), behoeften=rng.randint(1, 3)
            ),
        )
        for i in range(n)
    ]


class Command(BaseCommand):
    help = "Meet de gezamenlijke verdeling op een grote, synthetische regio (benchmark)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--youths", type=int, default=300)
        parser.add_argument("--homes", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=20261122)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--time-limit", type=float, default=TIJDSLIMIET_SECONDEN)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        today = timezone.localdate()
        homes = synthetic_homes(options["homes"], rng, today)
        youths = synthetic_youths(options["youths"], rng, today)
        places = sum(capaciteit(home) for home in homes)

        start = time.perf_counter()
        uitkomst = stel_voor(
            Verzoek(
                youths=youths,
                homes=homes,
                today=today,
                workers=options["workers"],
                tijdslimiet=options["time_limit"],
            )
        )
        seconds = time.perf_counter() - start

        figures: list[tuple[str, object]] = [
            ("youths", len(youths)),
            ("homes", len(homes)),
            ("free places", places),
            ("candidate pairs", uitkomst.kandidaten),
            ("pair effects", uitkomst.paren),
            ("forbidden pairs", uitkomst.verboden_paren),
            ("placed", uitkomst.geplaatst),
            ("priority", uitkomst.voorrang_totaal),
            ("placed+priority proven", uitkomst.voorrang_bewezen),
            ("fit", uitkomst.totale_fit),
            ("fit bound", uitkomst.grens),
            ("within gap limit", uitkomst.optimaal),
            ("scoring seconds", round(seconds - uitkomst.seconden_solver, 2)),
            ("solver seconds", round(uitkomst.seconden_solver, 2)),
            ("of which round 1", round(uitkomst.seconden_eerste_ronde, 2)),
            ("total seconds", round(seconds, 2)),
        ]
        for label, value in figures:
            self.stdout.write(f"{label:>22}: {value}")
        self.stdout.write(
            json.dumps(
                {
                    "youths": len(youths),
                    "homes": len(homes),
                    "seconds": round(seconds, 2),
                    "gap": round(uitkomst.gap, 6),
                    "objective": {
                        "placed": uitkomst.geplaatst,
                        "priority": uitkomst.voorrang_totaal,
                        "fit": uitkomst.totale_fit,
                    },
                }
            )
        )
