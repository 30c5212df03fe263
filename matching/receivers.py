"""Hooks the group recompute and the search index onto changes to the homes."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from kern.models import Kenmerk
from kern.uitgesteld import na_commit
from matching import zoekindex
from voorzieningen.models import Plaatsing, Teamlid, Toelatingsregel, Vacature, Voorziening
from voorzieningen.signals import groep_gewijzigd


def recompute_on_group_change(sender: Any, voorziening_id: int, **kwargs: Any) -> None:
    # Sent inside the change's transaction: the outbox row commits (or rolls back) with the
    # change, and the task reaches the broker after the commit, or later if it is down.
    na_commit("matching.tasks.herbereken_groepsbeeld", voorziening_id)


def mark_for_search_index(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A home, or its team, residents, vacancies, admission rules, offers or team competences
    changed (saved, deleted, added or removed): record it for the search index, in the same
    transaction."""
    action = kwargs.get("action")
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed also fires before the change
    if isinstance(instance, Voorziening):
        zoekindex.markeer([instance.pk])
    elif isinstance(instance, (Teamlid, Plaatsing, Vacature, Toelatingsregel)):
        zoekindex.markeer([instance.voorziening_id])
    elif isinstance(instance, Kenmerk):
        # Offers or competences changed from the vocabulary's side (admin only).
        pk_set = kwargs.get("pk_set")
        if pk_set is None:  # cleared: any home may have offered it
            zoekindex.markeer_alle()
        elif sender is Voorziening.aanbod.through:
            zoekindex.markeer(pk_set)
        else:
            zoekindex.markeer(
                Teamlid.objects.filter(pk__in=pk_set).values_list("voorziening_id", flat=True)
            )


def remember_vocabulary_code(sender: Any, instance: Kenmerk, **kwargs: Any) -> None:
    instance._vorige_code = (  # type: ignore[attr-defined]
        Kenmerk.objects.filter(pk=instance.pk).values_list("code", flat=True).first()
        if instance.pk
        else None
    )


def vocabulary_code_changed(sender: Any, instance: Kenmerk, created: bool, **kwargs: Any) -> None:
    """Homes offer codes: a renamed code changes what every home offers."""
    if not created and getattr(instance, "_vorige_code", instance.code) != instance.code:
        zoekindex.markeer_alle()


def connect() -> None:
    groep_gewijzigd.connect(recompute_on_group_change, dispatch_uid="matching.recompute_group")
    for model in (Voorziening, Teamlid, Plaatsing, Vacature, Toelatingsregel):
        for naam, signal in (("save", post_save), ("delete", post_delete)):
            signal.connect(
                mark_for_search_index,
                sender=model,
                dispatch_uid=f"matching.zoekindex.{naam}.{model.__name__}",
            )
    for through in (Voorziening.aanbod.through, Teamlid.competenties.through):
        m2m_changed.connect(
            mark_for_search_index, sender=through, dispatch_uid=f"matching.zoekindex.{through}"
        )
    pre_save.connect(
        remember_vocabulary_code, sender=Kenmerk, dispatch_uid="matching.zoekindex.kenmerk_pre"
    )
    post_save.connect(
        vocabulary_code_changed, sender=Kenmerk, dispatch_uid="matching.zoekindex.kenmerk_post"
    )
