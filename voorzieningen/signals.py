"""The announcement that a home's group changed (an arrival, a departure, a profile change).

The matching app connects the group-risk recompute (a Celery task) to `groep_gewijzigd`.
The signal is sent inside the transaction that makes the change, so a receiver can record
its follow-up work in that same transaction: a receiver queues tasks through the outbox
(`kern.uitgesteld.na_commit`), which hands them to the broker only after the commit, so
no task runs for a change that was rolled back, none runs before the worker can read the new
rows, and none is lost when the broker is down. Receivers do nothing outside the database.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.dispatch import Signal

# Sent with the keyword argument `voorziening_id` (int); the sender is the Voorziening class.
groep_gewijzigd = Signal()


def announce_group_change(voorziening_id: int) -> None:
    """Raise the home's group version and send `groep_gewijzigd`, both in the current
    transaction."""
    from voorzieningen.models import Voorziening

    with transaction.atomic():
        Voorziening.objects.filter(pk=voorziening_id).update(groep_versie=F("groep_versie") + 1)
        groep_gewijzigd.send(sender=Voorziening, voorziening_id=voorziening_id)
