"""Escalation to the region's expert table (regionaal expertteam).

A waiting youth's case goes to the expert table when three homes declined, or four weeks
after the first search without a place (DOMAIN.md, "Escalation"; the same thresholds as the
allocation's advice, `ESCALATIE_AFWIJZINGEN` and `ESCALATIE_WEKEN`).

Computed on read, not by a periodic task: the rule is a cheap query over one region's
waiting youths, and on read it is always current. A decline, a placement or an endorsed
analysis changes the list the moment it happens, and there is no stored flag that a missed
run could leave stale or that would need undoing when the youth is placed.

What the expert table reads is a summary, no more than it needs to think along: a case
number instead of a name, the age, the care profile and intensity, the family's most
important needs, the declines with their structured reasons (never the home's free text,
which may name residents), how long the search takes, and whom to call. No town, no school,
no family, no attention signals: those stay with the coordinator (kern/publiek.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Regio
from jongeren.models import Jongere
from plaatsingstafel.allocatie import ESCALATIE_AFWIJZINGEN, ESCALATIE_WEKEN
from plaatsingstafel.regio import wachtende_jongeren
from voorstellen.models import Afwijsreden, VoorstelStatus

MAX_BEHOEFTEN = 3


@dataclass(frozen=True)
class Casus:
    """One escalated case as the expert table reads it."""

    jongere_id: int
    nummer: str
    leeftijd: int
    zorgprofiel: str
    zorgintensiteit: str
    behoeften: list[str]
    afwijzingen: int
    afwijsredenen: list[tuple[str, int]]
    weken_gezocht: int | None
    waarom: list[str]
    coordinator: str
    organisatie: str
    broers_zussen: int = 0


def geescaleerd(regio: Regio, *, now: dt.datetime | None = None) -> QuerySet[Jongere]:
    """The region's waiting youths whose case goes to the expert table."""
    now = now or timezone.now()
    grens = now - dt.timedelta(weeks=ESCALATIE_WEKEN)
    return (
        Jongere.objects.filter(wachtende_jongeren(regio))
        .annotate(
            aantal_afwijzingen=Count(
                "voorstellen", filter=Q(voorstellen__status=VoorstelStatus.AFGEWEZEN)
            )
        )
        .filter(Q(aantal_afwijzingen__gte=ESCALATIE_AFWIJZINGEN) | Q(zoeken_sinds__lte=grens))
        .order_by("zoeken_sinds", "pk")
    )


def aantal_geescaleerd(regio: Regio, *, now: dt.datetime | None = None) -> int:
    return geescaleerd(regio, now=now).count()


def casussen(regio: Regio, *, now: dt.datetime | None = None) -> list[Casus]:
    now = now or timezone.now()
    vandaag = timezone.localdate(now)
    uitkomst = []
    jongeren = geescaleerd(regio, now=now).select_related("coordinator", "organisatie")
    for jongere in jongeren.prefetch_related("broers_zussen"):
        afwijzingen: int = jongere.aantal_afwijzingen  # type: ignore[attr-defined]
        redenen = Counter(
            jongere.voorstellen.filter(status=VoorstelStatus.AFGEWEZEN).values_list(
                "afwijsreden", flat=True
            )
        )
        weken = (now - jongere.zoeken_sinds).days // 7 if jongere.zoeken_sinds else None
        waarom = []
        if afwijzingen >= ESCALATIE_AFWIJZINGEN:
            waarom.append(_("%(n)s keer afgewezen") % {"n": afwijzingen})
        if weken is not None and weken >= ESCALATIE_WEKEN:
            waarom.append(_("%(n)s weken zoeken zonder plek") % {"n": weken})
        analyse = jongere.actuele_analyse()
        uitkomst.append(
            Casus(
                jongere_id=jongere.pk,
                nummer=_("Casus %(nummer)s") % {"nummer": jongere.pk},
                leeftijd=jongere.leeftijd_op(vandaag),
                zorgprofiel=str(analyse.get_zorgprofiel_display()) if analyse else "",
                zorgintensiteit=str(analyse.get_zorgintensiteit_display()) if analyse else "",
                behoeften=[
                    b.kenmerk.naam
                    for b in analyse.behoeften.select_related("kenmerk")[:MAX_BEHOEFTEN]
                ]
                if analyse
                else [],
                afwijzingen=afwijzingen,
                afwijsredenen=[
                    (str(Afwijsreden(code).label) if code in Afwijsreden.values else code, n)
                    for code, n in redenen.most_common()
                    if code
                ],
                weken_gezocht=weken,
                waarom=waarom,
                coordinator=str(jongere.coordinator) if jongere.coordinator else "",
                organisatie=jongere.organisatie.naam,
                broers_zussen=len(jongere.broers_zussen.all()),
            )
        )
    return uitkomst
