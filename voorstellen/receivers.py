"""How the proposal workflow follows changes elsewhere."""

from __future__ import annotations

from typing import Any


def herbeoordeel(sender: Any, voorziening_id: int, **kwargs: Any) -> None:
    """A home's group picture changed: re-evaluate every open proposal to it."""
    from voorstellen.services import herbeoordeel_voorstellen

    herbeoordeel_voorstellen(voorziening_id=voorziening_id)
