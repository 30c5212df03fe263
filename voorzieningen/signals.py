"""The announcement that a home's group changed (an arrival, a departure, a profile change).

The matching issue connects the group-risk recompute (a Celery task) to `groep_gewijzigd`.
The signal is sent only after the surrounding transaction commits: a receiver that
enqueues a task must never see a change that was rolled back, nor run before the worker
can read the new rows.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

# Sent with the keyword argument `voorziening_id` (int); the sender is the Voorziening class.
groep_gewijzigd = Signal()


def announce_group_change(voorziening_id: int) -> None:
    """Raise the home's group version now, and send `groep_gewijzigd` once the current
    transaction commits."""
    from voorzieningen.models import Voorziening

    Voorziening.objects.filter(pk=voorziening_id).update(groep_versie=F("groep_versie") + 1)
    transaction.on_commit(
        lambda: groep_gewijzigd.send(sender=Voorziening, voorziening_id=voorziening_id)
    )
