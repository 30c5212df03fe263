"""Celery tasks of the proposal workflow. Tasks take ids and call a service."""

from __future__ import annotations

from functools import partial
from typing import Any

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError

from accounts.mail import met_herkansing


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def mail_voorstel_gewijzigd(
    self: Task[Any, Any], voorstel_id: int, ontvanger_ids: list[int]
) -> int:
    """E-mail people that something changed in a proposal (no details, just a link). One
    mail per person: a failure is tried again (or kept as failed) for that person and those
    after them only, so nobody gets the mail twice because of someone else's."""
    from voorstellen.services import mail_voorstel_gewijzigd as mail

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
    from voorstellen.services import mail_kennismaking as mail

    return mail(voorstel_id=voorstel_id, ontvanger_ids=ontvanger_ids)


@shared_task
def voorstel_termijnen() -> str:
    """Mark overdue proposals and expire forgotten ones (scheduled by Celery beat)."""
    from voorstellen.services import bewaak_termijnen

    result = bewaak_termijnen()
    return f"{result.te_laat} te laat, {result.verlopen} verlopen"
