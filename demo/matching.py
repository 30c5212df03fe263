"""Demo step: every home gets its stored group picture."""

from __future__ import annotations

from matching.models import Groepsbeeld
from matching.services import herbereken_groepsbeeld
from voorzieningen.models import Voorziening


def seed(log: list[str]) -> None:
    ids = list(Voorziening.objects.values_list("pk", flat=True))
    for pk in ids:
        herbereken_groepsbeeld(voorziening_id=pk)
    log.append(f"{Groepsbeeld.objects.count()} groepsbeelden berekend")
