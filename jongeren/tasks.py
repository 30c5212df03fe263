"""Background work for youths: sending invitation e-mails."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, shared_task

from accounts.mail import met_herkansing
from jongeren.services import mail_uitnodiging

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def stuur_uitnodiging(self: Task[Any, Any], uitnodiging_id: int, basis_url: str) -> None:
    """E-mail the one-time link; takes an id so the task never carries a stale row. Not sent
    once the link was used (a retried or repeated task then does nothing)."""
    met_herkansing(
        self, lambda: mail_uitnodiging(uitnodiging_id=uitnodiging_id, basis_url=basis_url)
    )
