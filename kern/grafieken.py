"""Charts as plain server-rendered SVG, for every page that draws one.

Each chart on a page also has its figures in a table, so nobody depends on the picture. The
geometry is in SVG user units; a chart scales with its box. The templates are
`includes/staafgrafiek.html` and `includes/lijngrafiek.html`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kern.opmaak import getal

# Geometry of the bar charts (SVG user units; the chart scales with its box). A label never
# gets cut: it wraps over as many lines of LABEL_TEKENS characters as it needs, and its row
# grows with it. The value text has VALUE_RUIMTE units to the right of the longest bar.
BALK_HOOGTE = 24
BALK_RUIMTE = 10
REGEL_HOOGTE = 17
LABEL_TEKENS = 28
LABEL_BREEDTE = 240
WAARDE_RUIMTE = 110
GRAFIEK_BREEDTE = 640


__all__ = ["Grafiek", "Lijngrafiek", "getal", "grafiek", "lijngrafiek"]


@dataclass(frozen=True)
class Balk:
    label: str
    waarde: float
    tekst: str
    y: int
    breedte: int
    tekst_x: int
    tekst_y: int
    regels: list[tuple[int, str]] = field(default_factory=list)  # (y, text) per label line
    balk_y: int = 0


@dataclass(frozen=True)
class Grafiek:
    titel: str
    balken: list[Balk]
    hoogte: int
    label_breedte: int = LABEL_BREEDTE
    breedte: int = GRAFIEK_BREEDTE
    legenda: str = ""
    balk_hoogte: int = BALK_HOOGTE


def grafiek(titel: str, rijen: list[tuple[str, float, str]], legenda: str = "") -> Grafiek:
    """Horizontal bars scaled to the largest value; `rijen` is (label, value, value text).
    `legenda` says what a bar's length stands for (default: the number)."""
    hoogste = max((waarde for _label, waarde, _tekst in rijen), default=0) or 1
    ruimte = GRAFIEK_BREEDTE - LABEL_BREEDTE - WAARDE_RUIMTE
    balken = []
    y = 0
    for label, waarde, tekst in rijen:
        regels = textwrap.wrap(str(label), LABEL_TEKENS, break_long_words=True) or [""]
        rij_hoogte = max(BALK_HOOGTE, len(regels) * REGEL_HOOGTE + 6)
        breedte = round(ruimte * waarde / hoogste)
        midden = y + rij_hoogte // 2
        eerste = midden - (len(regels) - 1) * REGEL_HOOGTE // 2 + 5
        balken.append(
            Balk(
                label=str(label),
                waarde=waarde,
                tekst=tekst,
                y=y,
                breedte=breedte,
                tekst_x=LABEL_BREEDTE + breedte + 6,
                tekst_y=midden + 5,
                regels=[(eerste + i * REGEL_HOOGTE, regel) for i, regel in enumerate(regels)],
                balk_y=midden - BALK_HOOGTE // 2,
            )
        )
        y += rij_hoogte + BALK_RUIMTE
    return Grafiek(titel, balken, max(y - BALK_RUIMTE, BALK_HOOGTE), legenda=legenda or _("Aantal"))


# Line charts over months.
LIJN_BREEDTE = 640
LIJN_HOOGTE = 230
LIJN_LINKS = 48
LIJN_RECHTS = 36  # room for the last month's label, centred under its point
LIJN_ONDER = 28
LIJN_BOVEN = 10


@dataclass(frozen=True)
class Lijn:
    label: str
    klasse: str
    punten: str  # SVG polyline points
    stippen: list[tuple[int, int, int]]  # (x, y, value) per month


@dataclass(frozen=True)
class Lijngrafiek:
    titel: str
    lijnen: list[Lijn]
    x_labels: list[tuple[int, str]]
    y_labels: list[tuple[int, str]]
    breedte: int = LIJN_BREEDTE
    hoogte: int = LIJN_HOOGTE
    links: int = LIJN_LINKS
    onder: int = LIJN_HOOGTE - LIJN_ONDER


def lijngrafiek(titel: str, labels: list[str], reeksen: list[tuple[str, list[int]]]) -> Lijngrafiek:
    """Lines over the months; each series gets its own line style, not only a colour."""
    hoogste = max((max(waarden, default=0) for _label, waarden in reeksen), default=0) or 1
    stap = (LIJN_BREEDTE - LIJN_LINKS - LIJN_RECHTS) / max(1, len(labels) - 1)
    bodem = LIJN_HOOGTE - LIJN_ONDER
    ruimte = bodem - LIJN_BOVEN

    def y(waarde: int) -> int:
        return round(bodem - ruimte * waarde / hoogste)

    lijnen = []
    for index, (label, waarden) in enumerate(reeksen):
        stippen = [(round(LIJN_LINKS + i * stap), y(w), w) for i, w in enumerate(waarden)]
        lijnen.append(
            Lijn(
                label=label,
                klasse=f"lijn-{index + 1}",
                punten=" ".join(f"{px},{py}" for px, py, _w in stippen),
                stippen=stippen,
            )
        )
    tussen = sorted({0, round(hoogste / 2), hoogste})
    return Lijngrafiek(
        titel=titel,
        lijnen=lijnen,
        x_labels=[(round(LIJN_LINKS + i * stap), label) for i, label in enumerate(labels)],
        y_labels=[(y(w), getal(w)) for w in tussen],
    )
