"""Unusual search patterns, for the admin's access-log page.

A youth's attention signals decide which homes are eligible and what the group texts say,
so changing them and searching again is how someone could work out which homes house which
residents; a youth without any family in the portal is the easiest to invent for it. Both
are ordinary now and then. The report counts them per person over a recent period and lists
the people for whom they add up, so the admin can ask what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Rol
from jongeren.models import Jongere
from privacy.models import Inzage

PERIODE_DAGEN = 30
# From how many such searches in the period a person is listed.
DREMPEL_NA_WIJZIGING = 5
DREMPEL_ZONDER_GEZIN = 10


@dataclass(frozen=True)
class Zoekpatroon:
    gebruiker_naam: str
    rol: str
    zoekopdrachten: int
    na_signaalwijziging: int
    zonder_gezin: int
    jongeren: int


def opvallende_zoekpatronen(
    *, nu: dt.datetime | None = None, dagen: int = PERIODE_DAGEN
) -> list[Zoekpatroon]:
    """People whose searches in the last `dagen` days often followed a change of the
    youth's signals, or were often for youths without a youth or parent account."""
    sinds = (nu or timezone.now()) - dt.timedelta(days=dagen)
    zoeken = Inzage.objects.filter(
        actie=Inzage.Actie.SEARCH, uitkomst=Inzage.Toegang.GELUKT, op__gte=sinds
    )
    zonder_gezin = list(
        Jongere.objects.filter(
            pk__in=zoeken.values("jongere_ref"), account__isnull=True, ouders__isnull=True
        ).values_list("pk", flat=True)
    )
    rijen = (
        zoeken.values("gebruiker_id", "gebruiker_naam", "rol")
        .annotate(
            zoekopdrachten=Count("id"),
            na_signaalwijziging=Count("id", filter=Q(na_signaalwijziging=True)),
            zonder_gezin=Count("id", filter=Q(jongere_ref__in=zonder_gezin)),
            jongeren=Count("jongere_ref", distinct=True),
        )
        .filter(
            Q(na_signaalwijziging__gte=DREMPEL_NA_WIJZIGING)
            | Q(zonder_gezin__gte=DREMPEL_ZONDER_GEZIN)
        )
        .order_by("-na_signaalwijziging", "-zonder_gezin", "gebruiker_naam")
    )
    return [
        Zoekpatroon(
            gebruiker_naam=rij["gebruiker_naam"] or "—",
            rol=str(Rol(rij["rol"]).label) if rij["rol"] in Rol.values else rij["rol"],
            zoekopdrachten=rij["zoekopdrachten"],
            na_signaalwijziging=rij["na_signaalwijziging"],
            zonder_gezin=rij["zonder_gezin"],
            jongeren=rij["jongeren"],
        )
        for rij in rijen
    ]
