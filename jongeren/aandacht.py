"""What the youths app asks of a person now, for the start page (`kern.aandacht`):
an analysis version that waits for their endorsement."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from jongeren.models import Instemming, Jongere, VerklarendeAnalyse
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Soort


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not user.is_authenticated or not user.is_active:
        return []
    if not (user.is_coordinator or user.is_jongere or user.is_ouder):
        return []
    jongeren = Jongere.objects.for_user(user)
    if user.is_coordinator:
        # Their own youths: what a colleague's youth needs is on the colleague's page.
        jongeren = jongeren.filter(coordinator=user)
    analyses = VerklarendeAnalyse.objects.filter(
        jongere__in=jongeren, status=VerklarendeAnalyse.Status.TER_INSTEMMING
    ).select_related("jongere")
    if user.is_coordinator:
        # One coordinator's answer is enough for the organisation.
        analyses = analyses.exclude(instemmingen__rol=Instemming.Rol.COORDINATOR)
    else:
        analyses = analyses.exclude(Q(instemmingen__persoon=user))
    wachtend = list(analyses.order_by("pk"))

    def punt(analyse: VerklarendeAnalyse) -> Aandachtspunt:
        jongere = analyse.jongere
        if user.is_coordinator:
            return Aandachtspunt(
                titel=_("Analyse van %(naam)s, versie %(versie)s")
                % {"naam": jongere, "versie": analyse.versie},
                url=reverse("jongeren:detail", args=[jongere.pk]),
            )
        if user.is_jongere:
            titel = _("Lees wat er over jou staat. Klopt het?")
        else:
            titel = _("Lees wat er over %(kind)s staat. Klopt het?") % {"kind": jongere.roepnaam}
        return Aandachtspunt(
            titel=titel,
            url=reverse("jongeren:mijn_jongere", args=[jongere.pk]),
            dringend=True,
        )

    return [
        Aandachtsgroep(
            kop=_("Analyse wacht op jouw instemming")
            if user.is_coordinator
            else _("Zeg of je het eens bent"),
            volgorde=15,
            jongeren=[a.jongere_id for a in wachtend],
            soort=Soort.ANALYSE,
            punten=[punt(a) for a in wachtend],
        )
    ]
