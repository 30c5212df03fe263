"""Background work for privacy: the retention job."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from privacy import bewaren

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def anonimiseer() -> dict[str, Any]:
    """Nightly (CELERY_BEAT_SCHEDULE "anonimiseren"), what `manage.py anonimiseer` does:
    youths and directly registered residents past the retention period
    (BEWAARTERMIJN_JONGERE_JAREN), and the history deleted youths left. Anonymising again
    changes nothing, so a repeated run is harmless. Returns, and logs, the counts per table
    (no names)."""
    samenvatting = bewaren.voer_uit()
    logger.info("retention: %s", samenvatting.regel())
    return samenvatting.als_dict()
