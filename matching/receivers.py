"""Hooks the group recompute onto the homes app's announcement of a group change."""

from __future__ import annotations

import logging
from typing import Any

from django.db.models.signals import m2m_changed, post_delete
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from matching import services, tasks
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening
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


def touch_home(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted team member, resident or vacancy, or changed offers or competences, mark
    the home as changed, so the search's cache of homes notices (`adapters.fingerprint`)."""
    if kwargs.get("action", "post").split("_")[0] != "post":
        return  # m2m_changed also fires before the change
    if isinstance(instance, Voorziening):
        homes = Voorziening.objects.filter(pk=instance.pk)
    elif hasattr(instance, "voorziening_id"):
        homes = Voorziening.objects.filter(pk=instance.voorziening_id)
    else:
        # Changed from the vocabulary's side (rare, admin only): any home may be affected.
        homes = Voorziening.objects.all()
    homes.update(gewijzigd_op=timezone.now())


def connect() -> None:
    groep_gewijzigd.connect(recompute_on_group_change, dispatch_uid="matching.recompute_group")
    for model in (Teamlid, Plaatsing, Vacature):
        post_delete.connect(touch_home, sender=model, dispatch_uid=f"matching.touch.{model}")
    for through in (Voorziening.aanbod.through, Teamlid.competenties.through):
        m2m_changed.connect(touch_home, sender=through, dispatch_uid=f"matching.touch.{through}")
