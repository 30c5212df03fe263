"""Background work for youths: sending invitation e-mails."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from jongeren.services import mail_uitnodiging


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError, ConnectionError),
    retry_backoff=2,
    max_retries=5,
)
def stuur_uitnodiging(uitnodiging_id: int, basis_url: str) -> None:
    """E-mail the one-time link; takes an id so the task never carries a stale row. Not sent
    once the link was used (a retried or repeated task then does nothing)."""
    mail_uitnodiging(uitnodiging_id=uitnodiging_id, basis_url=basis_url)
