"""Outcomes that calibrate the score: how did stays go, by the score at placement?

Every stay that began through a proposal keeps the engine's score and the number of
attention points at that moment (`Plaatsing.score_bij_plaatsing`). Here those stays are
grouped in score bands and attention-point bands, and for each band: how many stays were
still going 3, 6 and 12 months after arrival, and how many ended in a breakdown, and why.

A stay that is still going but has not yet reached a milestone says nothing about it
(it is "censored"): it is left out of that milestone's share, not counted as a success.
Counts only; no stay can be traced to a person.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from voorzieningen.models import Plaatsing

# (lower bound inclusive, label), high to low.
SCORE_BANDEN: tuple[tuple[float, str], ...] = (
    (80.0, "80 of hoger"),
    (70.0, "70 tot 80"),
    (60.0, "60 tot 70"),
    (50.0, "50 tot 60"),
    (0.0, "lager dan 50"),
)
AANDACHT_BANDEN: tuple[tuple[int, str], ...] = (
    (0, "geen aandachtspunten"),
    (1, "1 aandachtspunt"),
    (2, "2 aandachtspunten"),
    (3, "3 of meer aandachtspunten"),
)
# Milestones as (months, days): a month is 30.44 days on average.
MIJLPALEN: tuple[tuple[int, int], ...] = ((3, 91), (6, 183), (12, 365))
# Below this many stays with a score, the page warns that the figures say little.
WEINIG_GEGEVENS = 30
BREUK = Plaatsing.EINDREDENEN_BREUK


@dataclass(frozen=True)
class Mijlpaal:
    maanden: int
    nog_bezig: int
    bekend: int  # stays old enough (or ended) to say anything about this milestone

    @property
    def aandeel(self) -> str:
        return f"{round(100 * self.nog_bezig / self.bekend)}%" if self.bekend else "—"

    @property
    def procent(self) -> int | None:
        return round(100 * self.nog_bezig / self.bekend) if self.bekend else None


@dataclass(frozen=True)
class Band:
    label: str
    verblijven: int
    mijlpalen: tuple[Mijlpaal, ...]
    beeindigd: int
    breuken: int
    breukredenen: tuple[tuple[str, int], ...]
    mediaan_dagen: int | None

    @property
    def breuk_aandeel(self) -> str:
        return f"{round(100 * self.breuken / self.beeindigd)}%" if self.beeindigd else "—"


@dataclass(frozen=True)
class Kalibratie:
    score_banden: tuple[Band, ...]
    aandacht_banden: tuple[Band, ...]
    verblijven: int
    beeindigd: int
    breuken: int
    synthetisch: int
    zonder_score: int
    vandaag: dt.date

    @property
    def weinig(self) -> bool:
        return self.verblijven < WEINIG_GEGEVENS


Verblijf = tuple[dt.date, dt.date | None, str, float, int]


def _band(label: str, verblijven: list[Verblijf], vandaag: dt.date) -> Band:
    mijlpalen = []
    for maanden, dagen in MIJLPALEN:
        nog, bekend = 0, 0
        for aankomst, einde, _reden, _score, _punten in verblijven:
            if einde is not None and (einde - aankomst).days < dagen:
                bekend += 1  # ended before the milestone
            elif (einde or vandaag) - aankomst >= dt.timedelta(days=dagen):
                bekend += 1
                nog += 1
            # else: still going and too young to tell
        mijlpalen.append(Mijlpaal(maanden, nog, bekend))
    beeindigd = [v for v in verblijven if v[1] is not None]
    breuken = [v for v in beeindigd if v[2] in BREUK]
    redenen = Counter(reden for _a, _e, reden, _s, _p in breuken)
    labels = dict(Plaatsing.Eindreden.choices)
    duur = [(einde - aankomst).days for aankomst, einde, _r, _s, _p in beeindigd if einde]
    return Band(
        label=label,
        verblijven=len(verblijven),
        mijlpalen=tuple(mijlpalen),
        beeindigd=len(beeindigd),
        breuken=len(breuken),
        breukredenen=tuple((str(labels[code]), aantal) for code, aantal in redenen.most_common()),
        mediaan_dagen=round(statistics.median(duur)) if duur else None,
    )


def kalibratie(vandaag: dt.date | None = None) -> Kalibratie:
    vandaag = vandaag or timezone.localdate()
    rijen = list(
        Plaatsing.objects.filter(score_bij_plaatsing__isnull=False, aankomst__lte=vandaag)
        .values_list(
            "aankomst", "einde", "eindreden", "score_bij_plaatsing", "aandachtspunten_bij_plaatsing"
        )
        .order_by("aankomst", "pk")
    )
    verblijven: list[Verblijf] = [
        (aankomst, einde, reden, float(score), int(punten or 0))
        for aankomst, einde, reden, score, punten in rijen
        if score is not None
    ]
    per_score: dict[str, list[Verblijf]] = {label: [] for _grens, label in SCORE_BANDEN}
    per_aandacht: dict[str, list[Verblijf]] = {label: [] for _grens, label in AANDACHT_BANDEN}
    for verblijf in verblijven:
        score, punten = verblijf[3], verblijf[4]
        per_score[next(label for grens, label in SCORE_BANDEN if score >= grens)].append(verblijf)
        per_aandacht[
            next(label for grens, label in reversed(AANDACHT_BANDEN) if punten >= grens)
        ].append(verblijf)
    return Kalibratie(
        score_banden=tuple(_band(_(label), lijst, vandaag) for label, lijst in per_score.items()),
        aandacht_banden=tuple(
            _band(_(label), lijst, vandaag) for label, lijst in per_aandacht.items()
        ),
        verblijven=len(verblijven),
        beeindigd=sum(1 for v in verblijven if v[1] is not None),
        breuken=sum(1 for v in verblijven if v[1] is not None and v[2] in BREUK),
        synthetisch=Plaatsing.objects.filter(
            score_bij_plaatsing__isnull=False, synthetisch=True
        ).count(),
        zonder_score=Plaatsing.objects.filter(
            score_bij_plaatsing__isnull=True, aankomst__lte=vandaag
        ).count(),
        vandaag=vandaag,
    )
