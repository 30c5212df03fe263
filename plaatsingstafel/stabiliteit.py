"""Stability of stays: how long placements last, why they end, how fast homes answer.

Counts over every home (no person is identifiable in them), for coordinators and admins.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from voorstellen.models import Voorstel
from voorzieningen.models import Plaatsing

PERIODE_DAGEN = 365


def procent(deel: int, geheel: int) -> str:
    return f"{round(100 * deel / geheel)}%" if geheel else "—"


@dataclass(frozen=True)
class Antwoordtijd:
    """How one care provider answered proposals: median hours, how many, share on time."""

    aanbieder: str
    mediaan_uren: float
    aantal: int
    op_tijd: str


@dataclass(frozen=True)
class Stabiliteit:
    vanaf: dt.date
    vandaag: dt.date
    gestart: int
    beeindigd: int
    mediaan_duur: int | None
    breuken: int
    # (label, count, share of the ended stays) per end reason that occurred
    per_reden: list[tuple[str, int, str]]
    antwoordtijden: list[Antwoordtijd]

    @property
    def breuk_aandeel(self) -> str:
        return procent(self.breuken, self.beeindigd)


def stabiliteit(vandaag: dt.date) -> Stabiliteit:
    """The figures of the last `PERIODE_DAGEN` days up to `vandaag`."""
    vanaf = vandaag - dt.timedelta(days=PERIODE_DAGEN)
    gestart = Plaatsing.objects.filter(aankomst__gte=vanaf, aankomst__lte=vandaag).count()
    beeindigd = list(
        Plaatsing.objects.filter(einde__gte=vanaf, einde__lte=vandaag).values_list(
            "aankomst", "einde", "eindreden"
        )
    )
    duur = [(einde - aankomst).days for aankomst, einde, _reden in beeindigd if einde]
    per_reden = Counter(reden for _a, _e, reden in beeindigd)
    return Stabiliteit(
        vanaf=vanaf,
        vandaag=vandaag,
        gestart=gestart,
        beeindigd=len(beeindigd),
        mediaan_duur=round(statistics.median(duur)) if duur else None,
        breuken=sum(per_reden[reden] for reden in Plaatsing.EINDREDENEN_BREUK),
        per_reden=[
            (str(label), per_reden[code], procent(per_reden[code], len(beeindigd)))
            for code, label in Plaatsing.Eindreden.choices
            if per_reden[code]
        ],
        antwoordtijden=_antwoordtijden(vanaf),
    )


def _antwoordtijden(vanaf: dt.date) -> list[Antwoordtijd]:
    antwoorden = Voorstel.objects.filter(
        beantwoord_op__isnull=False, verstuurd_op__isnull=False, beantwoord_op__date__gte=vanaf
    ).values_list(
        "voorziening__aanbieder__naam", "verstuurd_op", "beantwoord_op", "antwoord_uiterlijk"
    )
    per_aanbieder: dict[str, list[float]] = {}
    op_tijd: Counter[str] = Counter()
    for naam, verstuurd, beantwoord, uiterlijk in antwoorden:
        if verstuurd is None or beantwoord is None:  # excluded by the query; for the types
            continue
        per_aanbieder.setdefault(naam, []).append((beantwoord - verstuurd).total_seconds() / 3600)
        if uiterlijk is None or beantwoord <= uiterlijk:
            op_tijd[naam] += 1
    return [
        Antwoordtijd(
            aanbieder=naam,
            mediaan_uren=round(statistics.median(uren), 1),
            aantal=len(uren),
            op_tijd=procent(op_tijd[naam], len(uren)),
        )
        for naam, uren in sorted(per_aanbieder.items())
    ]
