"""Background work for privacy: the retention job."""

from __future__ import annotations

import logging
from io import StringIO

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)


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
