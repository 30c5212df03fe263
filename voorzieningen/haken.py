"""The questions about homes that only the apps above this one can answer (see `kern.haken`).

`matching` answers what the matching engine says about a newcomer; `voorstellen` answers
which proposals involve a home.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kern.haken import Haak

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Kandidaat:
    """A newcomer as the group sees them: the group-relevant profile and no more."""

    geboortemaand: dt.date
    geslacht: str
    zorgprofiel: str
    zorgintensiteit: str
    signalen: frozenset[str]
    aankomst: dt.date


@dataclass(frozen=True)
class Groepstoets:
    """The engine's answer to "may this newcomer join this group?": the blocking reasons as
    (code, explanation); none means yes."""

    blokkades: tuple[tuple[str, str], ...]

    @property
    def toegestaan(self) -> bool:
        return not self.blokkades


# A direct registration of a resident must pass the engine's hard limits on the group.
# None: the home has no group to test against (it is gone).
groepstoets: Haak[Callable[[int, Kandidaat], Groepstoets | None]] = Haak(
    "mag deze nieuwe bewoner in deze groep komen?"
)

# The manager's "new resident" page: what a candidate would mean for each current resident,
# written for `user`. Returns the engine's result and (impact, the manager's label) pairs.
gevolgen_per_bewoner: Haak[Callable[[int, Kandidaat, User], tuple[Any, list[tuple[Any, str]]]]] = (
    Haak("wat betekent deze kandidaat voor elke bewoner?")
)

# The manager's dashboard: per home id, the proposals waiting for this manager's answer.
wachtende_voorstellen: Haak[Callable[[User], dict[int, list[Any]]]] = Haak(
    "welke voorstellen wachten op het antwoord van deze beheerder?"
)

# Photos: besides who may look at a home, the youth and parents of a proposal to it.
heeft_voorstel_naar: Haak[Callable[[User, int], bool]] = Haak(
    "heeft deze gebruiker een voorstel naar deze woning?"
)
