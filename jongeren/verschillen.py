"""What changed between two versions of an analysis, field by field, in readable form.

Texts are compared word by word so a reader sees exactly which words went and which
came; needs are compared by vocabulary code (added, removed, importance or note changed).
Attention signals are only compared when the reader may see them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from django.utils.functional import Promise

from jongeren.gewone_taal import (
    BELANG_GEWOON,
    VELD_GEWOON,
    ZORGINTENSITEIT_GEWOON,
    ZORGPROFIEL_GEWOON,
)
from jongeren.models import PRIORITEIT_KEUZES, PRIORITEITEN, AnalyseBehoefte, VerklarendeAnalyse
from kern.choices import Signaal, Zorgintensiteit, Zorgprofiel

TEKSTVELDEN = VerklarendeAnalyse.TEKSTVELDEN
_WOORDEN = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Stuk:
    """A run of words that stayed (`gelijk`), went (`weg`) or came (`erbij`)."""

    soort: Literal["gelijk", "weg", "erbij"]
    tekst: str


@dataclass(frozen=True)
class Verschil:
    veld: str
    label: str | Promise
    oud: str
    nieuw: str
    stukken: list[Stuk] = field(default_factory=list)


@dataclass(frozen=True)
class BehoefteVerschil:
    soort: Literal["erbij", "weg", "gewijzigd"]
    naam: str
    oud: str
    nieuw: str


@dataclass(frozen=True)
class Vergelijking:
    oud: VerklarendeAnalyse
    nieuw: VerklarendeAnalyse
    velden: list[Verschil]
    behoeften: list[BehoefteVerschil]

    @property
    def is_leeg(self) -> bool:
        return not self.velden and not self.behoeften


def woordverschil(oud: str, nieuw: str) -> list[Stuk]:
    """Split two texts into runs of kept, removed and added words."""
    a, b = _WOORDEN.findall(oud), _WOORDEN.findall(nieuw)
    stukken: list[Stuk] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            stukken.append(Stuk("gelijk", "".join(a[i1:i2])))
            continue
        if op in {"delete", "replace"}:
            stukken.append(Stuk("weg", "".join(a[i1:i2])))
        if op in {"insert", "replace"}:
            stukken.append(Stuk("erbij", "".join(b[j1:j2])))
    return stukken


def _label(veld: str, voor_gezin: bool) -> str | Promise:
    if voor_gezin:
        return VELD_GEWOON[veld]
    return VerklarendeAnalyse._meta.get_field(veld).verbose_name.capitalize()  # type: ignore[union-attr]


def _keuze(veld: str, waarde: str, voor_gezin: bool) -> str:
    if not waarde:
        return "—"
    if veld == "zorgprofiel":
        return str(ZORGPROFIEL_GEWOON[waarde] if voor_gezin else Zorgprofiel(waarde).label)
    return str(ZORGINTENSITEIT_GEWOON[waarde] if voor_gezin else Zorgintensiteit(waarde).label)


def _behoefte_tekst(behoefte: AnalyseBehoefte, voor_gezin: bool) -> str:
    belang = (
        BELANG_GEWOON[behoefte.belang]
        if voor_gezin
        else AnalyseBehoefte.Belang(behoefte.belang).label
    )
    tekst = str(belang)
    if behoefte.toelichting:
        tekst += f": {behoefte.toelichting}"
    return tekst


def vergelijk(
    oud: VerklarendeAnalyse,
    nieuw: VerklarendeAnalyse,
    *,
    met_signalen: bool,
    voor_gezin: bool = False,
) -> Vergelijking:
    """Compare two versions of the same youth's analysis (`oud` may be newer; order is kept)."""
    assert oud.jongere_id == nieuw.jongere_id, "only versions of one youth can be compared"
    velden: list[Verschil] = []
    for veld in TEKSTVELDEN:
        a, b = getattr(oud, veld), getattr(nieuw, veld)
        if a != b:
            velden.append(Verschil(veld, _label(veld, voor_gezin), a, b, woordverschil(a, b)))
    for veld in ("zorgprofiel", "zorgintensiteit"):
        a, b = getattr(oud, veld), getattr(nieuw, veld)
        if a != b:
            velden.append(
                Verschil(
                    veld,
                    _label(veld, voor_gezin),
                    _keuze(veld, a, voor_gezin),
                    _keuze(veld, b, voor_gezin),
                )
            )
    if met_signalen and not voor_gezin and sorted(oud.signalen) != sorted(nieuw.signalen):
        velden.append(
            Verschil(
                "signalen",
                _label("signalen", voor_gezin=False),
                ", ".join(str(Signaal(c).label) for c in oud.signalen) or "—",
                ", ".join(str(Signaal(c).label) for c in nieuw.signalen) or "—",
            )
        )
    keuzes = dict(PRIORITEIT_KEUZES)
    for veld, _gezinslabel in PRIORITEITEN:
        a, b = getattr(oud, veld), getattr(nieuw, veld)
        if a != b:
            velden.append(Verschil(veld, _label(veld, voor_gezin), str(keuzes[a]), str(keuzes[b])))

    oude = {b.kenmerk.code: b for b in oud.behoeften.select_related("kenmerk")}
    nieuwe = {b.kenmerk.code: b for b in nieuw.behoeften.select_related("kenmerk")}
    behoeften: list[BehoefteVerschil] = []
    for code, b in nieuwe.items():
        if code not in oude:
            behoeften.append(
                BehoefteVerschil("erbij", b.kenmerk.naam, "", _behoefte_tekst(b, voor_gezin))
            )
        elif (oude[code].belang, oude[code].toelichting) != (b.belang, b.toelichting):
            behoeften.append(
                BehoefteVerschil(
                    "gewijzigd",
                    b.kenmerk.naam,
                    _behoefte_tekst(oude[code], voor_gezin),
                    _behoefte_tekst(b, voor_gezin),
                )
            )
    for code, b in oude.items():
        if code not in nieuwe:
            behoeften.append(
                BehoefteVerschil("weg", b.kenmerk.naam, _behoefte_tekst(b, voor_gezin), "")
            )
    return Vergelijking(oud=oud, nieuw=nieuw, velden=velden, behoeften=behoeften)
