"""Charts as plain server-rendered SVG, for every page that draws one.

Each chart on a page also has its figures in a table, so nobody depends on the picture. The
geometry is in SVG user units; a chart scales with its box. The templates are
`includes/staafgrafiek.html` and `includes/lijngrafiek.html`.
"""

from __future__ import annotations

from dataclasses import dataclass

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


# Line charts over months.
LIJN_BREEDTE = 600
LIJN_HOOGTE = 220
LIJN_LINKS = 36
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
    y_labels: list[tuple[int, int]]
    breedte: int = LIJN_BREEDTE
    hoogte: int = LIJN_HOOGTE
    links: int = LIJN_LINKS
    onder: int = LIJN_HOOGTE - LIJN_ONDER


def lijngrafiek(titel: str, labels: list[str], reeksen: list[tuple[str, list[int]]]) -> Lijngrafiek:
    """Lines over the months; each series gets its own line style, not only a colour."""
    hoogste = max((max(waarden, default=0) for _label, waarden in reeksen), default=0) or 1
    stap = (LIJN_BREEDTE - LIJN_LINKS - 20) / max(1, len(labels) - 1)
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
        y_labels=[(y(w), w) for w in tussen],
    )
