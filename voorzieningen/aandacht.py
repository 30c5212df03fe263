"""What the homes app asks of a person now, for the start page (`kern.aandacht`): the
manager's vacancies to confirm, the coordinator's new vacancies nearby, and the transition
checklist of a resident of 17½+ with open items (for the youth, the coordinator, the home)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jongeren.models import Fase, Jongere
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Soort
from voorzieningen import verblijf
from voorzieningen.models import Overgangspunt, Plaatsing, Vacature, Voorziening

# How far back the coordinator's "new vacancies" look.
NIEUW_DAGEN = 7


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not user.is_authenticated or not user.is_active:
        return []
    if user.is_beheerder:
        return [_te_bevestigen(user), _overgang(user)]
    if user.is_coordinator:
        return [_nieuwe_vacatures(user), _overgang(user)]
    if user.is_jongere:
        return [_overgang(user)]
    return []


def _overgang(user: User) -> Aandachtsgroep:
    """Current stays of residents of 17½ and older whose transition checklist still has
    open items: for the youth themselves, their own coordinator and the home's manager."""
    verblijven = Plaatsing.objects.lopend().select_related("jongere", "voorziening")
    if user.is_beheerder:
        verblijven = verblijven.filter(voorziening__in=Voorziening.objects.managed_by(user))
    elif user.is_coordinator:
        verblijven = verblijven.filter(
            jongere__in=Jongere.objects.for_user(user).filter(coordinator=user)
        )
    else:
        verblijven = verblijven.filter(jongere__account=user)
    vandaag = timezone.localdate()
    open_ = [
        (p, verblijf.open_punten(p))
        for p in verblijven.order_by("aankomst", "pk")
        if p.aankomst <= vandaag and p.overgang_nu(vandaag)
    ]
    open_ = [(p, punten) for p, punten in open_ if punten]

    def punt(plaatsing: Plaatsing, punten: list[Overgangspunt]) -> Aandachtspunt:
        onderwerpen = ", ".join(str(p.get_onderwerp_display()).lower() for p in punten)
        if user.is_jongere:
            titel = _("Klaar voor 18: nog %(aantal)s dingen om te regelen") % {
                "aantal": len(punten)
            }
        else:
            wie = plaatsing.jongere.roepnaam if plaatsing.jongere else plaatsing.aanduiding
            titel = _("%(wie)s (%(woning)s): overgangslijst nog niet af") % {
                "wie": wie or _("Een bewoner"),
                "woning": plaatsing.voorziening.naam,
            }
        return Aandachtspunt(
            titel=titel,
            url=reverse("voorzieningen:verblijf", args=[plaatsing.pk]) + "#overgang",
            detail=_("Open: %(onderwerpen)s") % {"onderwerpen": onderwerpen},
        )

    return Aandachtsgroep(
        kop=_("Klaar voor 18") if user.is_jongere else _("Overgang naar 18: nog te regelen"),
        volgorde=30,
        jongeren=[p.jongere_id for p, _punten in open_ if p.jongere_id is not None],
        soort=Soort.BEWONER,
        punten=[punt(p, punten) for p, punten in open_],
    )


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
