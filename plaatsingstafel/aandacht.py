"""What the placement table asks of the region's expert team now, for the start page
(`kern.aandacht`): the escalated cases of its own region, by case number, never by name
(`plaatsingstafel.escalatie`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Soort
from plaatsingstafel.escalatie import casussen
from plaatsingstafel.regio import eigen_regio


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not (user.is_authenticated and user.is_active and user.is_expertteam):
        return []
    regio = eigen_regio(user)
    if regio is None:
        return []
    lijst = casussen(regio)
    pagina = reverse("plaatsingstafel:expertteam")
    return [
        Aandachtsgroep(
            kop=_("Casussen voor het expertteam"),
            volgorde=10,
            jongeren=[casus.jongere_id for casus in lijst],
            soort=Soort.PROFIEL,
            punten=[
                Aandachtspunt(
                    titel=casus.nummer,
                    url=f"{pagina}#casus-{casus.jongere_id}",
                    detail=", ".join(str(reden) for reden in casus.waarom),
                )
                for casus in lijst
            ],
        )
    ]
