"""Celery tasks of the matching app. Tasks take ids and call a service."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError, transaction

from accounts.mail import met_herkansing
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
    from accounts.uitgesteld import na_commit
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


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def mail_voorstel_gewijzigd(
    self: Task[Any, Any], voorstel_id: int, ontvanger_ids: list[int]
) -> int:
    """E-mail people that something changed in a proposal (no details, just a link). One
    mail per person: a failure is tried again (or kept as failed) for that person and those
    after them only, so nobody gets the mail twice because of someone else's."""
    from matching.voorstellen import mail_voorstel_gewijzigd as mail

    verstuurd = 0
    for nummer, ontvanger_id in enumerate(ontvanger_ids):
        gelukt = met_herkansing(
            self,
            partial(mail, voorstel_id=voorstel_id, ontvanger_ids=[ontvanger_id]),
            args=[voorstel_id, ontvanger_ids[nummer:]],
        )
        if gelukt is None:
            break  # given up: the rest is kept as failed, in one row
        verstuurd += gelukt
    return verstuurd


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=2,
    max_retries=5,
)
def mail_kennismaking(voorstel_id: int, ontvanger_ids: list[int]) -> int:
    """E-mail that a meeting was planned, with the meeting for the calendar attached."""
    from matching.voorstellen import mail_kennismaking as mail

    return mail(voorstel_id=voorstel_id, ontvanger_ids=ontvanger_ids)


@shared_task
def verloop_voorstellen() -> str:
    """Mark overdue proposals and expire forgotten ones (scheduled by Celery beat)."""
    from matching.voorstellen import verloop_voorstellen as verloop

    result = verloop()
    return f"{result.te_laat} te laat, {result.verlopen} verlopen"


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


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # The computation itself stops searching after a few seconds; these catch a region so
    # large that scoring alone runs away (the page says so instead of waiting forever).
    soft_time_limit=9 * 60,
    time_limit=10 * 60,
)
def bereken_verdeling(verdeling_id: int) -> str:
    """The placement table's joint allocation (on the solver queue: CELERY_TASK_ROUTES)."""
    from matching.verdeling import bereken

    return bereken(verdeling_id=verdeling_id)


@shared_task
def ruim_verdelingen_op() -> int:
    """The placement tables' computations past VERDELING_BEWAAR_DAGEN (Celery beat, daily)."""
    from matching.verdeling import ruim_op

    return ruim_op()
