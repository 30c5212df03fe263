"""The matching engine's answers to questions the homes app asks (`voorzieningen.haken`):
may a newcomer join a group, and what would a candidate mean for each resident."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.utils import timezone

from accounts.models import User
from kern.publiek import publiek_voor
from matching.adapters import load_homes, met_aanduiding, newcomer_check
from matching.engine import Youth, evaluate_home
from matching.engine.types import Gender
from voorzieningen.haken import Groepstoets, Kandidaat


def _als_youth(kandidaat: Kandidaat, *, ref: str, nodig_vanaf: dt.date) -> Youth:
    """A candidate as the engine sees a newcomer: only what the group needs. The court
    order a closed home asks for is the manager's business here, so it is taken as given."""
    return Youth(
        ref=ref,
        birth_date=kandidaat.geboortemaand,
        gender=cast(Gender, kandidaat.geslacht),
        location=None,
        school_location=None,
        needed_from=nodig_vanaf,
        machtiging_gesloten=True,
        care_profile=kandidaat.zorgprofiel,
        care_intensity=kandidaat.zorgintensiteit,
        attention=kandidaat.signalen,
    )


def groepstoets(voorziening_id: int, kandidaat: Kandidaat) -> Groepstoets | None:
    """The engine's hard limits on the group for a resident registered directly."""
    now = timezone.now()
    result = newcomer_check(
        voorziening_id,
        _als_youth(kandidaat, ref="nieuwe bewoner", nodig_vanaf=kandidaat.aankomst),
        today=timezone.localdate(now),
        now=now,
    )
    if result is None:
        return None
    if result.eligible:
        return Groepstoets(blokkades=())
    return Groepstoets(
        blokkades=tuple((reason.code, reason.explanation) for reason in result.blocking)
    )


def gevolgen_per_bewoner(
    voorziening_id: int, kandidaat: Kandidaat, user: User
) -> tuple[Any, list[tuple[Any, str]]]:
    """What admitting `kandidaat` would mean for each current resident, for this reader,
    next to the manager's own label for each resident."""
    now = timezone.now()
    today = timezone.localdate(now)
    (home,) = load_homes(today=today, now=now, only=[voorziening_id])
    youth = _als_youth(kandidaat, ref="kandidaat", nodig_vanaf=today)
    result = evaluate_home(youth, home, today, audience=publiek_voor(user))
    return result, met_aanduiding(result, voorziening_id, today)
