"""What needs a person now: the start page asks every app, each app answers for its part.

The start page (in accounts) cannot import the apps above it, so each app registers a
provider in its `AppConfig.ready`: a function that takes the asking user and returns the
groups of items waiting for that user (scoped with the app's own `for_user` querysets).
The page only renders what comes back; an app with nothing to say returns an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Aandachtspunt:
    """One thing waiting for the user: what, a short detail, and where it is done."""

    titel: str
    url: str
    detail: str = ""
    uiterlijk: datetime | None = None
    dringend: bool = False


@dataclass(frozen=True)
class Aandachtsgroep:
    """Items of one kind under a short heading; `volgorde` sorts the groups on the page."""

    kop: str
    punten: list[Aandachtspunt] = field(default_factory=list)
    volgorde: int = 50
    # The youths whose data the group shows, for the access log (`kern.inzage`).
    jongeren: list[int] = field(default_factory=list)
    soort: str = ""  # a `kern.inzage.Soort` value, for the access log


Leverancier = Callable[[Any], list[Aandachtsgroep]]

_leveranciers: dict[str, Leverancier] = {}


def lever(naam: str, leverancier: Leverancier) -> Leverancier:
    """Register an app's provider under a name (registering again replaces it: Django may
    run `ready()` twice in tests)."""
    _leveranciers[naam] = leverancier
    return leverancier


def verzamel(user: Any) -> list[Aandachtsgroep]:
    """All non-empty groups for `user`, in page order."""
    groepen = [
        groep
        for naam in sorted(_leveranciers)
        for groep in _leveranciers[naam](user)
        if groep.punten
    ]
    return sorted(groepen, key=lambda groep: groep.volgorde)
