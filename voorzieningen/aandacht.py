"""What the homes app asks of a person now, for the start page (`kern.aandacht`): the
manager's vacancies to confirm, the coordinator's new vacancies nearby."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jongeren.models import Fase, Jongere
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from voorzieningen.models import Vacature, Voorziening

# How far back the coordinator's "new vacancies" look.
NIEUW_DAGEN = 7


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_beheerder:
        return [_te_bevestigen(user)]
    if user.is_coordinator:
        return [_nieuwe_vacatures(user)]
    return []


def _te_bevestigen(user: User) -> Aandachtsgroep:
    now = timezone.now()
    vacatures = (
        Vacature.objects.te_bevestigen(now)
        .filter(voorziening__in=Voorziening.objects.managed_by(user))
        .select_related("voorziening")
        .order_by("laatst_bevestigd")
    )
    return Aandachtsgroep(
        kop=_("Vacatures om te bevestigen"),
        volgorde=15,
        punten=[
            Aandachtspunt(
                titel=_("%(woning)s: vrij vanaf %(datum)s")
                % {
                    "woning": v.voorziening.naam,
                    "datum": formats.date_format(v.beschikbaar_vanaf, "j F Y"),
                },
                url=reverse("voorzieningen:beheer", args=[v.voorziening_id]),
                detail=_("%(dagen)s dagen niet bevestigd: zoekers zien deze plek nu niet")
                % {"dagen": v.dagen_sinds_bevestiging(now)},
                dringend=True,
            )
            for v in vacatures
        ],
    )


def _nieuwe_vacatures(user: User) -> Aandachtsgroep:
    """Cheap on purpose: no matching run. New visible vacancies in the coordinator's region
    from the last week, in homes whose age range fits one of their searching youths."""
    organisatie = user.organisatie
    if organisatie is None or organisatie.regio_id is None:
        return Aandachtsgroep(kop="")
    now = timezone.now()
    vandaag = timezone.localdate()
    leeftijden = {
        jongere.leeftijd_op(vandaag)
        for jongere in Jongere.objects.for_user(user).filter(coordinator=user, fase=Fase.ZOEKEN)
    }
    if not leeftijden:
        return Aandachtsgroep(kop="")
    past = Q()
    for leeftijd in leeftijden:
        past |= Q(voorziening__leeftijd_min__lte=leeftijd, voorziening__leeftijd_max__gte=leeftijd)
    vacatures = (
        Vacature.objects.zichtbaar(now)
        .filter(
            past,
            aangemaakt_op__gte=now - dt.timedelta(days=NIEUW_DAGEN),
            voorziening__aanbieder__regio_id=organisatie.regio_id,
        )
        .select_related("voorziening")
        .order_by("-aangemaakt_op")[:20]
    )
    return Aandachtsgroep(
        kop=_(
            "Nieuwe vacatures in je regio (laatste %(dagen)s dagen), passend bij de leeftijd "
            "van een jongere die je zoekt; nog niet door de matching gewogen"
        )
        % {"dagen": NIEUW_DAGEN},
        volgorde=40,
        punten=[
            Aandachtspunt(
                titel=_("%(woning)s in %(plaats)s: vrij vanaf %(datum)s")
                % {
                    "woning": v.voorziening.naam,
                    "plaats": v.voorziening.plaats,
                    "datum": formats.date_format(v.beschikbaar_vanaf, "j F Y"),
                },
                url=reverse("voorzieningen:detail", args=[v.voorziening_id]),
            )
            for v in vacatures
        ],
    )
