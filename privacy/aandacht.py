"""What the access log asks of the functional admin now, for the start page
(`kern.aandacht`): refused accesses of the last days, per person."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Toegang
from privacy.models import Inzage

# How far back the refused accesses are shown.
GEWEIGERD_DAGEN = 7


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not (user.is_authenticated and user.is_active and user.is_functioneel_beheerder):
        return []
    vanaf = timezone.localdate() - dt.timedelta(days=GEWEIGERD_DAGEN)
    per_persoon = (
        Inzage.objects.filter(uitkomst=Toegang.GEWEIGERD, op__date__gte=vanaf)
        .values("gebruiker_naam")
        .annotate(aantal=Count("pk"), laatst=Max("op"))
        .order_by("-laatst")[:50]
    )
    log = reverse("privacy:inzage_log")
    return [
        Aandachtsgroep(
            kop=_("Ongebruikelijke toegang: geweigerd in de laatste %(dagen)s dagen")
            % {"dagen": GEWEIGERD_DAGEN},
            volgorde=30,
            punten=[
                Aandachtspunt(
                    titel=rij["gebruiker_naam"] or _("(onbekend)"),
                    url=log
                    + "?"
                    + urlencode(
                        {
                            "gebruiker": rij["gebruiker_naam"],
                            "uitkomst": Toegang.GEWEIGERD.value,
                            "vanaf": vanaf.isoformat(),
                        }
                    ),
                    detail=ngettext(
                        "%(aantal)s keer geweigerd", "%(aantal)s keer geweigerd", rij["aantal"]
                    )
                    % {"aantal": rij["aantal"]},
                    dringend=True,
                )
                for rij in per_persoon
            ],
        )
    ]
