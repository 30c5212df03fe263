"""Workflows of the matching app that touch several models.

The group picture of a home is recomputed here (called by the Celery task), and when it
changes materially the saved searches that involve the home are re-ranked and the people
concerned get an in-portal notice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Rol, User
from accounts.services import meld
from jongeren.models import Jongere
from kern.uitgesteld import na_commit
from matching import signals
from matching.adapters import HomeFilter, home_pk, rank_for, residents_by_home
from matching.engine import Audience, assess_group, group_summary
from matching.models import Groepsbeeld, Zoekopdracht
from voorzieningen.models import Voorziening

logger = logging.getLogger(__name__)

# How many of the best homes a saved search keeps, and so which homes it "involves".
ZOEKOPDRACHT_TOP = 10


@dataclass(frozen=True)
class Herberekening:
    groepsbeeld: Groepsbeeld | None
    wezenlijk_veranderd: bool


def herbereken_groepsbeeld(*, voorziening_id: int, today: date | None = None) -> Herberekening:
    """Recompute and store a home's group picture. Idempotent: the same group gives the
    same picture, and a picture computed from an older group version is never stored over
    a newer one. The reasons are kept in the portal's own language, whoever's step (and so
    whoever's language) set the recomputation off."""
    today = today or timezone.localdate()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        home = (
            Voorziening.objects.filter(pk=voorziening_id)
            .values("groep_versie", "max_bewoners", "medewerkers_per_dienst")
            .first()
        )
        if home is None:
            return Herberekening(None, wezenlijk_veranderd=False)
        members = residents_by_home([voorziening_id], today).get(voorziening_id, [])
        # Stored in two readings: the home's own managers', and everyone else's.
        risk, risk_openbaar = (
            assess_group(
                members,
                today,
                max_residents=home["max_bewoners"],
                staff_on_shift=home["medewerkers_per_dienst"],
                audience=audience,
            )
            for audience in (Audience.BEHEERDER, Audience.COORDINATOR)
        )
        summary = group_summary(members, today)
        values = {
            "aantal": summary.size,
            "jongste": summary.age_min,
            "oudste": summary.age_max,
            "geslachten": dict(summary.genders),
            "zorgprofielen": dict(summary.care_profiles),
            "zorgintensiteiten": dict(summary.care_intensities),
            "signalen": dict(summary.attention),
            "niveau": risk.level,
            "redenen": list(risk.reasons),
            "redenen_openbaar": list(risk_openbaar.reasons),
            "groep_versie": home["groep_versie"],
            "berekend_op": timezone.now(),
        }
        stored, created = Groepsbeeld.objects.select_for_update().get_or_create(
            voorziening_id=voorziening_id, defaults=values
        )
        if created:
            previous = None
        else:
            if stored.groep_versie > home["groep_versie"]:
                # A newer group version was already stored by another run: keep it.
                return Herberekening(stored, wezenlijk_veranderd=False)
            previous = Groepsbeeld(niveau=stored.niveau, aantal=stored.aantal)
            for field, value in values.items():
                setattr(stored, field, value)
            stored.save()
        changed = stored.wezenlijk_anders_dan(previous) and previous is not None
        if changed:
            na_commit("matching.tasks.groepsbeeld_veranderd", voorziening_id)
    return Herberekening(stored, wezenlijk_veranderd=changed)


def groepsbeeld_veranderd(*, voorziening_id: int) -> None:
    """Tell the home's managers, re-evaluate every open proposal to the home, and re-rank
    and report every saved search involving it."""
    home = Voorziening.objects.select_related("aanbieder").get(pk=voorziening_id)
    managers = User.objects.filter(rol=Rol.BEHEERDER, organisatie_id=home.aanbieder_id)
    meld(
        ontvangers=managers,
        tekst=f"Het groepsbeeld van {home.naam} is veranderd.",
        url=reverse("voorzieningen:detail", args=[home.pk]),
    )
    signals.groepsbeeld_veranderd.send(sender=Groepsbeeld, voorziening_id=voorziening_id)
    for zoekopdracht in Zoekopdracht.objects.met_voorziening(voorziening_id).select_related(
        "jongere", "gemaakt_door"
    ):
        ververs_zoekopdracht(zoekopdracht=zoekopdracht)
        maker = zoekopdracht.gemaakt_door
        if not Jongere.objects.for_user(maker).filter(pk=zoekopdracht.jongere_id).exists():
            continue  # moved to another organisation, or deactivated: no longer told
        meld(
            ontvangers=[maker],
            tekst=(
                f"De bewaarde zoekopdracht voor {zoekopdracht.jongere.roepnaam} is opnieuw "
                f"berekend: het groepsbeeld van {home.naam} veranderde."
            ),
            url=zoekopdracht.get_absolute_url(),
        )


def ververs_zoekopdracht(*, zoekopdracht: Zoekopdracht, now: datetime | None = None) -> None:
    now = now or timezone.now()
    jongere = zoekopdracht.jongere
    results = rank_for(
        jongere,
        jongere.actuele_analyse(),
        today=timezone.localdate(now),
        now=now,
        filters=HomeFilter.from_dict(zoekopdracht.filters),
        # Only scores and homes are kept, but a saved search is the coordinator's.
        audience=Audience.COORDINATOR,
    )
    best = [result for result in results if result.eligible][:ZOEKOPDRACHT_TOP]
    zoekopdracht.resultaat = [[home_pk(result.home.ref), result.score] for result in best]
    zoekopdracht.save(update_fields=["resultaat", "bijgewerkt_op"])
    zoekopdracht.voorzieningen.set([home_pk(result.home.ref) for result in best])
