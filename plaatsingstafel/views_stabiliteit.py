"""Stability of stays: how long placements last, why they end, how fast homes answer.

Counts over every home (no person is identifiable in them), for coordinators and admins.
The charts are plain server-rendered SVG bars; each has the same figures as a table.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import permission_required
from voorstellen.models import Voorstel
from voorzieningen.models import Plaatsing

PERIODE_DAGEN = 365
# Geometry of the bar charts (SVG user units; the chart scales with its box).
BALK_HOOGTE = 24
BALK_RUIMTE = 8
LABEL_BREEDTE = 230
GRAFIEK_BREEDTE = 600


@dataclass(frozen=True)
class Balk:
    label: str
    waarde: float
    tekst: str
    y: int
    breedte: int
    tekst_x: int
    tekst_y: int


@dataclass(frozen=True)
class Grafiek:
    titel: str
    balken: list[Balk]
    hoogte: int
    label_breedte: int = LABEL_BREEDTE
    breedte: int = GRAFIEK_BREEDTE


def grafiek(titel: str, rijen: list[tuple[str, float, str]]) -> Grafiek:
    """Horizontal bars scaled to the largest value; `rijen` is (label, value, value text)."""
    hoogste = max((waarde for _label, waarde, _tekst in rijen), default=0) or 1
    ruimte = GRAFIEK_BREEDTE - LABEL_BREEDTE - 60
    balken = []
    for index, (label, waarde, tekst) in enumerate(rijen):
        y = index * (BALK_HOOGTE + BALK_RUIMTE)
        breedte = round(ruimte * waarde / hoogste)
        balken.append(
            Balk(
                label=label,
                waarde=waarde,
                tekst=tekst,
                y=y,
                breedte=breedte,
                tekst_x=LABEL_BREEDTE + breedte + 6,
                tekst_y=y + BALK_HOOGTE - 7,
            )
        )
    return Grafiek(titel, balken, max(len(balken) * (BALK_HOOGTE + BALK_RUIMTE), BALK_HOOGTE))


def _procent(deel: int, geheel: int) -> str:
    return f"{round(100 * deel / geheel)}%" if geheel else "—"


@permission_required("plaatsingstafel.stabiliteit")
def stabiliteit(request: HttpRequest) -> HttpResponse:
    vandaag = timezone.localdate()
    vanaf = vandaag - dt.timedelta(days=PERIODE_DAGEN)
    gestart = Plaatsing.objects.filter(aankomst__gte=vanaf, aankomst__lte=vandaag).count()
    beeindigd = list(
        Plaatsing.objects.filter(einde__gte=vanaf, einde__lte=vandaag).values_list(
            "aankomst", "einde", "eindreden"
        )
    )
    duur = [(einde - aankomst).days for aankomst, einde, _reden in beeindigd if einde]
    mediaan_duur = round(statistics.median(duur)) if duur else None
    breuken = sum(
        1
        for _a, _e, reden in beeindigd
        if reden in {Plaatsing.Eindreden.BREUK_VEILIGHEID, Plaatsing.Eindreden.BREUK_ANDERS}
    )
    per_reden = Counter(reden for _a, _e, reden in beeindigd)
    reden_rijen = [
        (str(label), per_reden[code], _procent(per_reden[code], len(beeindigd)))
        for code, label in Plaatsing.Eindreden.choices
        if per_reden[code]
    ]

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
    antwoord_rijen = [
        (
            naam,
            round(statistics.median(uren), 1),
            len(uren),
            _procent(op_tijd[naam], len(uren)),
        )
        for naam, uren in sorted(per_aanbieder.items())
    ]
    return render(
        request,
        "plaatsingstafel/stabiliteit.html",
        {
            "vanaf": vanaf,
            "vandaag": vandaag,
            "gestart": gestart,
            "beeindigd": len(beeindigd),
            "mediaan_duur": mediaan_duur,
            "breuken": breuken,
            "breuk_aandeel": _procent(breuken, len(beeindigd)),
            "reden_rijen": reden_rijen,
            "reden_grafiek": grafiek(
                _("Beëindigde verblijven per reden"),
                [(label, aantal, f"{aantal} ({pct})") for label, aantal, pct in reden_rijen],
            ),
            "antwoord_rijen": antwoord_rijen,
            "antwoord_grafiek": grafiek(
                _("Mediane antwoordtijd per zorgaanbieder (uren)"),
                [(naam, uren, f"{uren} u") for naam, uren, _n, _pct in antwoord_rijen],
            ),
            "verblijf_grafiek": grafiek(
                _("Verblijven in de afgelopen 12 maanden"),
                [
                    (_("Gestart"), gestart, str(gestart)),
                    (_("Beëindigd"), len(beeindigd), str(len(beeindigd))),
                    (_("Waarvan voortijdig (breuk)"), breuken, str(breuken)),
                ],
            ),
        },
    )
