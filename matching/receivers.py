"""Hooks the group recompute onto the homes app's announcement of a group change."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete
from django.utils import timezone

from accounts.uitgesteld import na_commit
from voorzieningen.models import Plaatsing, Teamlid, Toelatingsregel, Vacature, Voorziening
from voorzieningen.signals import groep_gewijzigd


def recompute_on_group_change(sender: Any, voorziening_id: int, **kwargs: Any) -> None:
    # Sent inside the change's transaction: the outbox row commits (or rolls back) with the
    # change, and the task reaches the broker after the commit, or later if it is down.
    na_commit("matching.tasks.herbereken_groepsbeeld", voorziening_id)


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
    for model in (Teamlid, Plaatsing, Vacature, Toelatingsregel):
        post_delete.connect(touch_home, sender=model, dispatch_uid=f"matching.touch.{model}")
    for through in (Voorziening.aanbod.through, Teamlid.competenties.through):
        m2m_changed.connect(touch_home, sender=through, dispatch_uid=f"matching.touch.{through}")
