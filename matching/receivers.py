"""Hooks the group recompute onto the homes app's announcement of a group change."""

from __future__ import annotations

import logging
from typing import Any

from kombu.exceptions import OperationalError as BrokerError

from matching import services, tasks
from voorzieningen.signals import groep_gewijzigd

logger = logging.getLogger(__name__)


def recompute_on_group_change(sender: Any, voorziening_id: int, **kwargs: Any) -> None:
    # The signal is sent after commit, so the worker will see the new rows.
    try:
        tasks.herbereken_groepsbeeld.delay(voorziening_id)
    except (BrokerError, ConnectionError, TimeoutError):
        # The broker is unreachable: keep the picture right at the cost of a slower
        # request rather than leave it stale until the next change.
        logger.warning(
            "broker unreachable; recomputing group of home %s in-process", voorziening_id
        )
        services.herbereken_groepsbeeld(voorziening_id=voorziening_id)


def connect() -> None:
    groep_gewijzigd.connect(recompute_on_group_change, dispatch_uid="matching.recompute_group")
