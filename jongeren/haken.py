"""The questions about youths that only the apps above this one can answer (see
`kern.haken`): `voorstellen` knows which proposals run for a youth."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kern.haken import Haak

if TYPE_CHECKING:
    from jongeren.models import BeschermdeZone

# A protective zone was just set: the homes of the youth's open proposals inside it, by name.
open_voorstellen_in_zone: Haak[Callable[[BeschermdeZone], list[str]]] = Haak(
    "welke open voorstellen van deze jongere gaan naar een woning in deze zone?"
)

# The search and the proposal page: this youth's running proposals, per home id, as
# (status label, link to the proposal) for whoever asks.
lopende_voorstellen: Haak[Callable[[int], dict[int, tuple[str, str]]]] = Haak(
    "welke voorstellen lopen er voor deze jongere, per woning?"
)

# The youth's pages link to the current stay (perspective, mentor, transition checklist):
# its id, or None when the youth lives in no home through the portal.
huidig_verblijf: Haak[Callable[[int], int | None]] = Haak("in welk verblijf woont deze jongere nu?")
