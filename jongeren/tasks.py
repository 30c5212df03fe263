"""Background work for youths: sending invitation e-mails."""

from __future__ import annotations

from celery import shared_task

from jongeren.services import mail_uitnodiging


@shared_task
def stuur_uitnodiging(uitnodiging_id: int, basis_url: str) -> None:
    """E-mail the one-time link; takes an id so the task never carries a stale row."""
    mail_uitnodiging(uitnodiging_id=uitnodiging_id, basis_url=basis_url)
