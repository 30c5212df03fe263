"""Who reads an explanation, and so what it may be built from: the shared vocabulary of
audiences, used by the matching engine and by every page that shows its output.

Every text the engine writes about a youth or a group is written for one reader. What a
reader may know decides what the engine uses and what it names:

=============================  ==============================  ===============================
audience                       residents' attention signals    the youth's attention signals
=============================  ==============================  ===============================
``beheerder``                  named (their own residents)     named (their own new resident)
``coordinator``                never named: group-level words  used and named
``gezin``                      never named: group-level words  used and named (their own)
``beheerder_voor_toestemming`` named (their own residents)     **not used at all**
``beheerder_na_toestemming``   named (their own residents)     used and named
=============================  ==============================  ===============================

``coordinator`` covers the youth's placement coordinator and the behavioural scientist who
signs the counter-check. ``beheerder_voor_toestemming`` is a home's manager reading a proposal
before the youth and parents agreed to share the analysis: the youth's signals then play no
part in anything that manager sees (score, group picture, what it means per resident), so
nothing can be worked back from them. Residents' signals still *count* for every audience
(safety and the hard limits do not depend on who reads), they are only never *named* outside
the home's own managers.

The engine takes the audience as a required argument and writes only that audience's texts;
a result carries the audience it was written for, so a page can check it is showing the right
one (`HomeResult.for_audience`).

What a reader may know is one question; how a text speaks to them is another: the *voice*
(`Stem`, see docs/schrijfwijzer.md). The youth is addressed as "je" ("Met jou erbij wonen er
vier jongeren"); a parent reads about their child by first name, or "je kind" when no name
is at hand; every professional reads about the youth in the third person, by first name
("Met Noor erbij ..."), or "de jongere" where the name may not be known (a home's manager
before the family agreed to share). The audience decides what a text may rest on, the voice
only how it is worded: `stem_voor` picks it for a reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from django.utils.translation import gettext, gettext_noop


class Audience(StrEnum):
    BEHEERDER = "beheerder"
    COORDINATOR = "coordinator"
    GEZIN = "gezin"
    BEHEERDER_VOOR_TOESTEMMING = "beheerder_voor_toestemming"
    BEHEERDER_NA_TOESTEMMING = "beheerder_na_toestemming"

    @property
    def names_resident_signals(self) -> bool:
        """May texts name what the residents' attention signals are (or pair them)?"""
        return self in _KNOW_RESIDENTS

    @property
    def uses_youth_signals(self) -> bool:
        """Do the youth's own attention signals take part in the evaluation at all?"""
        return self is not Audience.BEHEERDER_VOOR_TOESTEMMING

    @property
    def label(self) -> str:
        return gettext(_LABELS[self])


_KNOW_RESIDENTS = frozenset(
    {
        Audience.BEHEERDER,
        Audience.BEHEERDER_VOOR_TOESTEMMING,
        Audience.BEHEERDER_NA_TOESTEMMING,
    }
)

_LABELS = {
    Audience.BEHEERDER: gettext_noop("de beheerder van de eigen woning"),
    Audience.COORDINATOR: gettext_noop("de plaatsingscoördinator en de gedragswetenschapper"),
    Audience.GEZIN: gettext_noop("de jongere en de ouders"),
    Audience.BEHEERDER_VOOR_TOESTEMMING: gettext_noop(
        "de beheerder van een woning, vóór toestemming"
    ),
    Audience.BEHEERDER_NA_TOESTEMMING: gettext_noop("de beheerder van een woning, na toestemming"),
}

# The scenario command speaks for the reader who may know everything in a scenario: a home's
# manager after the family agreed to share (their own residents and the youth's analysis).
SCENARIO_DEFAULT = Audience.BEHEERDER_NA_TOESTEMMING

# What every reader who may not know the residents' signals reads instead of a sentence
# that rests on them: one group-level sentence, the same for every signal. The Dutch msgid:
# whoever writes it translates it into the reader's language at that moment.
GROUP_SIGNALS_NEUTRAL = gettext_noop(
    "Meer risico op negatieve beïnvloeding in deze groep; bespreek het met de beheerder van "
    "de woning."
)


class Aanspreekvorm(StrEnum):
    """Who a text speaks to: the youth ("je"), a parent (about "je kind"), or a professional
    (about the youth in the third person)."""

    JONGERE = "jongere"
    OUDER = "ouder"
    PROFESSIONEEL = "professioneel"


@dataclass(frozen=True, slots=True)
class Stem:
    """The voice of a text: its form of address and, for parents and professionals, the
    youth's first name to write about ("" where it is not at hand or may not be known)."""

    vorm: Aanspreekvorm
    naam: str = ""

    @property
    def tot_jongere(self) -> bool:
        """Is the text addressed to the youth ("je", "jou")?"""
        return self.vorm is Aanspreekvorm.JONGERE

    @property
    def sleutel(self) -> str:
        """A stable key for this voice, for memos and kept explanations."""
        return f"{self.vorm.value}:{self.naam}" if self.naam else self.vorm.value


JONGERE = Stem(Aanspreekvorm.JONGERE)


def standaardstem(audience: Audience) -> Stem:
    """The voice an audience reads when the caller names none: the family's texts speak to
    the youth, everybody else reads about "de jongere"."""
    return JONGERE if audience is Audience.GEZIN else Stem(Aanspreekvorm.PROFESSIONEEL)


class Lezer(Protocol):
    """What decides a reader's audience: their role (an `accounts.User`)."""

    @property
    def is_jongere(self) -> bool: ...

    @property
    def is_ouder(self) -> bool: ...

    @property
    def is_beheerder(self) -> bool: ...


def publiek_voor(user: Lezer) -> Audience:
    """The audience `user` reads matching output as, outside a proposal: a home's manager
    reads their own home's group as `BEHEERDER`; youths and parents read as `GEZIN`;
    coordinators, behavioural scientists and admins as `COORDINATOR`. Inside a proposal
    the family's consent matters too: `voorstellen.publiek.publiek_voor`."""
    if user.is_jongere or user.is_ouder:
        return Audience.GEZIN
    if user.is_beheerder:
        return Audience.BEHEERDER
    return Audience.COORDINATOR


def stem_voor(user: Lezer, voornaam: str = "", *, naam_bekend: bool = True) -> Stem:
    """The voice `user` reads matching output in, about a youth called `voornaam`: the youth
    reads "je", a parent reads about their child by name, every professional in the third
    person. `naam_bekend=False` for a reader who may not know the name (a home's manager
    before the family agreed to share): the text then says "de jongere"."""
    if user.is_jongere:
        return JONGERE
    naam = voornaam if naam_bekend else ""
    if user.is_ouder:
        return Stem(Aanspreekvorm.OUDER, naam)
    return Stem(Aanspreekvorm.PROFESSIONEEL, naam)
