"""The writing guide's measurable rules, in one place (docs/schrijfwijzer.md explains them).

The readability tests read their limits and word lists from here, and so does anyone who
wants to check a text before it reaches a youth or a parent: change a rule here and in the
guide, never in a test.

- `MAX_WOORDEN_PER_ZIN`: the longest sentence a youth or parent should have to read.
- `VERMIJDEN`: professional words that do not belong in a text for the family, each with a
  plain alternative to write instead.
- `PERCENTAGE`: the family reads what a number means ("veel mensen gingen weg"), not a share.
- `AANSPREEKVORM`: which forms of address each kind of page may not use.

`problemen(tekst, lezer)` names every breach in one text, so a test can say what is wrong.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import StrEnum

# B1: short sentences. Twenty words is the guide's maximum for a text the family reads.
MAX_WOORDEN_PER_ZIN = 20

# Professional words, with what to write for the family instead (lower case; a word also
# matches in its plural or inflected forms listed here).
VERMIJDEN: dict[str, str] = {
    "behoefte": "wat je nodig hebt",
    "behoeften": "wat je nodig hebt",
    "onderliggende behoeften": "wat je nodig hebt",
    "gezinsgericht": "samen met je familie",
    "gezinsgerichte": "samen met je familie",
    "indicatie": "het besluit over welke hulp je krijgt",
    "machtiging": "toestemming van de rechter",
    "machtigingen": "toestemming van de rechter",
    "verloop": "hoeveel mensen uit het team weggingen",
    "teamverloop": "hoeveel mensen uit het team weggingen",
    "zorgintensiteit": "hoeveel hulp je nodig hebt",
    "kwv": "woning",
    "kleinschalige woonvoorziening": "woning",
}

# A share in per cent ("0% van het team"): the family reads what it means instead.
PERCENTAGE = re.compile(r"\d+(?:[.,]\d+)?\s?%")


class Lezer(StrEnum):
    """Who a page or text is for, as far as the form of address goes."""

    JONGERE = "jongere"
    OUDER = "ouder"
    PROFESSIONAL = "professional"


# Forms of address a page for this reader may not use: the family is never addressed with
# "u"; a professional reads about the youth in the third person, never "jij" or "je analyse".
AANSPREEKVORM: dict[Lezer, tuple[str, ...]] = {
    Lezer.JONGERE: ("u", "uw"),
    Lezer.OUDER: ("u", "uw"),
    Lezer.PROFESSIONAL: ("jij", "jou", "jouw", "je analyse", "met jou erbij"),
}

# Family texts follow every rule; professionals' texts only the form of address.
_FAMILIE = frozenset({Lezer.JONGERE, Lezer.OUDER})

_BLOK = re.compile(
    r"<\s*/?\s*(p|div|li|ul|ol|h[1-6]|tr|td|th|dt|dd|dl|br|section|article|header|footer|"
    r"nav|main|aside|table|caption|legend|fieldset|label|button|option|summary|details|"
    r"figcaption|blockquote|form|title)\b[^>]*>",
    re.IGNORECASE,
)
_WEG = re.compile(r"<(script|style|svg|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_ZINSGRENS = re.compile(r"(?<=[.!?])\s+|\n+")
_WOORD = re.compile(r"[0-9A-Za-zÀ-ÿ][0-9A-Za-zÀ-ÿ'\u2019-]*")


def tekst_uit_html(document: str) -> str:
    """The readable text of an HTML page or fragment: tags out, every block on its own line
    (a heading, a list item or a table cell is a sentence of its own)."""
    zonder = _WEG.sub(" ", document)
    zonder = _BLOK.sub("\n", zonder)
    zonder = _TAG.sub(" ", zonder)
    return html.unescape(zonder)


def zinnen(tekst: str) -> list[str]:
    """`tekst` split into sentences: at a full stop, question or exclamation mark followed
    by a space, and at every line break. Empty pieces are left out."""
    return [
        " ".join(stuk.split())
        for stuk in _ZINSGRENS.split(tekst)
        if stuk.strip() and _WOORD.search(stuk)
    ]


def woorden(zin: str) -> list[str]:
    return _WOORD.findall(zin)


def _bevat(tekst: str, woord: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(woord)}(?![\w-])", tekst, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Probleem:
    regel: str
    waar: str

    def __str__(self) -> str:
        return f"{self.regel}: {self.waar}"


def problemen(tekst: str, lezer: Lezer) -> list[Probleem]:
    """Every breach of the guide in `tekst` (plain text) for `lezer`."""
    gevonden: list[Probleem] = []
    alle = zinnen(tekst)
    for vorm in AANSPREEKVORM[lezer]:
        gevonden += [
            Probleem(f"aanspreekvorm '{vorm}' past niet bij {lezer}", zin)
            for zin in alle
            if _bevat(zin, vorm)
        ]
    if lezer not in _FAMILIE:
        return gevonden
    for woord, beter in VERMIJDEN.items():
        gevonden += [
            Probleem(f"'{woord}' vermijden; schrijf '{beter}'", zin)
            for zin in alle
            if _bevat(zin, woord)
        ]
    for zin in alle:
        aantal = len(woorden(zin))
        if aantal > MAX_WOORDEN_PER_ZIN:
            gevonden.append(
                Probleem(f"zin van {aantal} woorden (hoogstens {MAX_WOORDEN_PER_ZIN})", zin)
            )
        if PERCENTAGE.search(zin):
            gevonden.append(Probleem("percentage; zeg wat het betekent", zin))
    return gevonden
