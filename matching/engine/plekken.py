"""How many youths a home can take in one go: its open vacancies, within the room left."""

from __future__ import annotations

from matching.engine import config as engine_config
from matching.engine.types import Home


def capaciteit(home: Home) -> int:
    """Places this home can fill in one round: its open vacancies, within the room left.

    Residents who will have left by the first vacancy's date do not take room, as in the
    engine's own check for a full group. Both the joint allocation and the search for
    siblings who want to live together count places with this.
    """
    if not home.vacancies:
        return 0
    places = min(home.max_residents, engine_config.KWV_MAX_GROUP)
    first = min(vacancy.available_from for vacancy in home.vacancies)
    staying = sum(1 for r in home.residents if r.planned_end is None or r.planned_end > first)
    return max(0, min(len(home.vacancies), places - staying))
