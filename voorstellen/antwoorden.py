"""The proposal workflow's answers to questions the homes app asks (`voorzieningen.haken`)."""

from __future__ import annotations

from accounts.models import User
from jongeren.models import BeschermdeZone
from matching.engine.geo import haversine_km
from matching.engine.types import Point
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


def open_voorstellen_in_zone(zone: BeschermdeZone) -> list[str]:
    """Names of the homes of the youth's open proposals that lie inside `zone`."""
    midden = Point(zone.lat, zone.lon)
    return [
        voorstel.voorziening.naam
        for voorstel in Voorstel.objects.open()
        .filter(jongere=zone.jongere)
        .select_related("voorziening")
        if haversine_km(midden, Point(voorstel.voorziening.lat, voorstel.voorziening.lon))
        <= zone.straal_km
    ]


def lopende_voorstellen(jongere_id: int) -> dict[int, tuple[str, str]]:
    """The youth's open proposals, per home id: (status in words, the proposal's page)."""
    return {
        voorstel.voorziening_id: (voorstel.get_status_display(), voorstel.get_absolute_url())
        for voorstel in Voorstel.objects.open().filter(jongere_id=jongere_id)
    }
