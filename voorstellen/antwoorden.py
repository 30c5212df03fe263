"""The proposal workflow's answers to questions the homes app asks (`voorzieningen.haken`)."""

from __future__ import annotations

from accounts.models import User
from voorstellen.models import Voorstel, VoorstelStatus


def wachtende_voorstellen(user: User) -> dict[int, list[Voorstel]]:
    """For the manager's dashboard: proposals waiting for an answer, per home id."""
    per_woning: dict[int, list[Voorstel]] = {}
    for item in (
        Voorstel.objects.for_user(user)
        .filter(status=VoorstelStatus.VERSTUURD)
        .order_by("antwoord_uiterlijk")
    ):
        per_woning.setdefault(item.voorziening_id, []).append(item)
    return per_woning


def heeft_voorstel_naar(user: User, voorziening_id: int) -> bool:
    """Whether `user` sees a proposal to this home (the family of a proposed youth)."""
    return Voorstel.objects.for_user(user).filter(voorziening_id=voorziening_id).exists()
