"""Background work for youths: sending invitation e-mails, and the retention job."""

from __future__ import annotations

import logging
from io import StringIO
from typing import Any

from celery import Task, shared_task
from django.core.management import call_command

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


@shared_task(acks_late=True)
def anonimiseer() -> str:
    """Nightly: `manage.py anonimiseer`, the retention period (BEWAARTERMIJN_JONGERE_JAREN).
    Anonymising again changes nothing, so a repeated run is harmless. Its one line of
    output (counts and the cut-off date, no names) goes to the log."""
    uitvoer = StringIO()
    call_command("anonimiseer", stdout=uitvoer)
    regel = uitvoer.getvalue().strip()
    logger.info("retention: %s", regel)
    return regel
