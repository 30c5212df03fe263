"""Which reader a page speaks to: the one decision every page showing matching output makes.

The engine writes each explanation for one audience (`kern.publiek`) and in one voice
(`kern.publiek.Stem`); this is where a request's user, and for a proposal its stage, become
that audience and that voice. Pages call it instead of deciding for themselves, and hand
the engine only what it returns.
"""

from __future__ import annotations

from accounts.models import User
from jongeren.models import Jongere
from kern import publiek
from kern.publiek import JONGERE, Aanspreekvorm, Audience, Stem
from voorstellen.models import Voorstel

# The key a proposal keeps the parents' version of the family's explanation under, next to
# the audiences' own keys (`Voorstel.uitleg_per_publiek`).
OUDER_SLEUTEL = f"{Audience.GEZIN.value}:{Aanspreekvorm.OUDER.value}"


def publiek_voor(user: User, voorstel: Voorstel | None = None) -> Audience:
    """The audience `user` reads matching output as.

    A home's manager reads a proposal before the family agreed to share as
    `BEHEERDER_VOOR_TOESTEMMING` (the youth's signals play no part) and after it as
    `BEHEERDER_NA_TOESTEMMING`; their own home's group as `BEHEERDER`. Youths and parents
    read as `GEZIN`; coordinators, behavioural scientists and admins as `COORDINATOR`.
    """
    if voorstel is None or not user.is_beheerder:
        return publiek.publiek_voor(user)
    if voorstel.volledig_gedeeld_op is None:
        return Audience.BEHEERDER_VOOR_TOESTEMMING
    return Audience.BEHEERDER_NA_TOESTEMMING


def stem_van(audience: Audience, jongere: Jongere, *, ouder: bool = False) -> Stem:
    """The voice an explanation about `jongere` is written in for `audience`: the family's
    speaks to the youth ("je"), or with `ouder` to a parent about their child by first name;
    every professional reads about the youth by first name, except a home's manager who may
    not know the name yet (before consent) or reads their own group: "de jongere"."""
    if audience is Audience.GEZIN:
        return Stem(Aanspreekvorm.OUDER, jongere.roepnaam) if ouder else JONGERE
    if audience in (Audience.BEHEERDER_VOOR_TOESTEMMING, Audience.BEHEERDER):
        return Stem(Aanspreekvorm.PROFESSIONEEL)
    return Stem(Aanspreekvorm.PROFESSIONEEL, jongere.roepnaam)


def stem_voor(user: User, jongere: Jongere, voorstel: Voorstel | None = None) -> Stem:
    """The voice `user` reads matching output about `jongere` in (see `stem_van`)."""
    return stem_van(publiek_voor(user, voorstel), jongere, ouder=user.is_ouder)


def sleutel(audience: Audience, stem: Stem) -> str:
    """The key a proposal keeps the explanation for this reader under: the audience's own,
    or for a parent `OUDER_SLEUTEL`."""
    if audience is Audience.GEZIN and stem.vorm is Aanspreekvorm.OUDER:
        return OUDER_SLEUTEL
    return audience.value
