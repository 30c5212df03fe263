"""A home's result in a few words: for a list a coordinator can scan, and for comparing homes.

The engine explains every factor in full; a list of twenty homes needs less. Per home the
two strongest factors and the weakest one are named (strength is the share of a factor's
maximum it scored, so a small factor at full marks outranks a big one at half), with the
date a place is free. The full explanation stays one click away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.template.defaultfilters import floatformat
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from matching.engine import HomeResult
from matching.engine import config as engine_config
from matching.engine.types import Factor, Home

# Each factor's name in words, in the engine's order (config.FACTOR_ORDER).
FACTOR_NAMEN: dict[str, Promise] = {
    "veiligheid": _("Veiligheid"),
    "behoeften": _("Wat de jongere nodig heeft"),
    "groep": _("De groep"),
    "nabijheid": _("Dicht bij familie"),
    "onderwijs": _("School"),
    "team": _("Het team"),
    "omgeving": _("Omgeving"),
    "beschikbaarheid": _("Wanneer er plek is"),
}


# A result list names the same eight factors and shows the same few point values hundreds of
# times; each is put in words once per language (by the template filter floatformat:1 itself:
# half up, the reader's decimal separator). One by one they were a tenth of the page's time.
@lru_cache(maxsize=16)
def _factor_namen(taal: str | None) -> dict[str, str]:
    return {code: str(naam) for code, naam in FACTOR_NAMEN.items()}


@lru_cache(maxsize=4096)
def _punten_tekst(punten: float, maximum: float, taal: str | None) -> str:
    return gettext("%(punten)s van %(max)s") % {
        "punten": floatformat(punten, 1),
        "max": floatformat(maximum, 1),
    }


def factor_naam(code: str) -> str:
    """The factor's name in the reader's language; an unknown code as itself."""
    return _factor_namen(get_language()).get(code) or code.capitalize()


@dataclass(frozen=True)
class Onderdeel:
    """One factor for a page: its name in words next to the engine's factor."""

    factor: Factor
    naam: str

    @property
    def aandeel(self) -> float:
        """The share of its maximum this factor scored, 0 to 1."""
        if self.factor.max_points <= 0:
            return 0.0
        return self.factor.points / self.factor.max_points

    @property
    def punten(self) -> str:
        """The points in words with one decimal, "7,5 van 10,0", in the reader's language."""
        return _punten_tekst(self.factor.points, self.factor.max_points, get_language())


@dataclass(frozen=True)
class Samenvatting:
    sterkst: tuple[Onderdeel, ...]
    zwakst: Onderdeel | None
    onderdelen: tuple[Onderdeel, ...]


def _volgorde(code: str) -> int:
    order = engine_config.FACTOR_ORDER
    return order.index(code) if code in order else len(order)


def samenvatting(result: HomeResult) -> Samenvatting:
    """The two strongest factors and the weakest, by share of their maximum.

    Ties go to the factor the engine lists first. The weakest is never one of the two
    strongest, so a home with only two factors (or fewer) names no weakest.
    """
    onderdelen = tuple(Onderdeel(f, factor_naam(f.code)) for f in result.factors)
    op_sterkte = sorted(onderdelen, key=lambda o: (-o.aandeel, _volgorde(o.factor.code)))
    sterkst = tuple(op_sterkte[:2])
    rest = op_sterkte[2:]
    zwakst = min(rest, key=lambda o: (o.aandeel, _volgorde(o.factor.code))) if rest else None
    return Samenvatting(sterkst, zwakst, onderdelen)


def vrij_vanaf(home: Home) -> date | None:
    """The first day a youth could move in: the first free place, once the home is open.
    None when the home has no free place at all."""
    if not home.vacancies:
        return None
    eerste = min(vacancy.available_from for vacancy in home.vacancies)
    if home.opens_on is not None and home.opens_on > eerste:
        return home.opens_on
    return eerste
