"""Celery tasks of the matching app. Tasks take ids and call a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction

from matching import services

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    retry_jitter=True,
    max_retries=5,
)
def herbereken_groepsbeeld(voorziening_id: int) -> str:
    """Recompute a home's group picture. Safe to run twice or out of order (see service)."""
    result = services.herbereken_groepsbeeld(voorziening_id=voorziening_id)
    if result.groepsbeeld is None:
        return "verdwenen"
    return result.groepsbeeld.niveau


@shared_task(acks_late=True)
def herbereken_alle_groepsbeelden() -> int:
    """Nightly: ages move on with the calendar, so every picture is recomputed once a day
    even when nobody arrived or left (run by Celery beat, see CELERY_BEAT_SCHEDULE)."""
    from kern.uitgesteld import na_commit
    from voorzieningen.models import Voorziening

    with transaction.atomic():
        ids = list(Voorziening.objects.values_list("pk", flat=True))
        for voorziening_id in ids:
            na_commit("matching.tasks.herbereken_groepsbeeld", voorziening_id)
    return len(ids)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=5,
)
def groepsbeeld_veranderd(voorziening_id: int) -> None:
    """A home's group picture changed materially: notices, proposals, saved searches."""
    services.groepsbeeld_veranderd(voorziening_id=voorziening_id)


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=2,
    max_retries=5,
)
def werk_zoekindex_bij() -> int:
    """Take into the search index what the processes that made changes left behind, the
    rows that time made stale (every row at midnight), and homes without a row (made in
    bulk). Run by Celery beat; searches do the same for whatever they meet first."""
    from matching import zoekindex

    zoekindex.vul_aan()
    gedaan = zoekindex.werk_alles_bij(per_keer=2000)
    zoekindex.ruim_op()
    return gedaan
