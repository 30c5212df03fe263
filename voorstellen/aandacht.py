"""What the proposal workflow asks of a person now, for the start page (`kern.aandacht`)."""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _

from accounts.models import User
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Soort
from voorstellen.models import Voorstel, VoorstelStatus


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not user.is_authenticated or not user.is_active:
        return []
    voorstellen = Voorstel.objects.for_user(user).select_related("voorziening", "jongere")
    groepen: list[Aandachtsgroep] = []
    if user.is_coordinator:
        te_laat = list(
            voorstellen.filter(
                status=VoorstelStatus.VERSTUURD, te_laat_gemeld_op__isnull=False
            ).order_by("antwoord_uiterlijk")
        )
        groepen.append(
            Aandachtsgroep(
                kop=_("Woning antwoordt te laat"),
                volgorde=10,
                jongeren=[v.jongere_id for v in te_laat],
                soort=Soort.VOORSTEL,
                punten=[
                    Aandachtspunt(
                        titel=_("%(jongere)s bij %(woning)s")
                        % {"jongere": v.jongere, "woning": v.voorziening.naam},
                        url=v.get_absolute_url(),
                        detail=_("Antwoord was uiterlijk %(datum)s")
                        % {"datum": formats.date_format(v.antwoord_uiterlijk, "j F Y")}
                        if v.antwoord_uiterlijk
                        else "",
                        uiterlijk=v.antwoord_uiterlijk,
                        dringend=True,
                    )
                    for v in te_laat
                ],
            )
        )
    if user.is_beheerder:
        te_beantwoorden = voorstellen.filter(status=VoorstelStatus.VERSTUURD).order_by(
            "antwoord_uiterlijk"
        )
        groepen.append(
            Aandachtsgroep(
                kop=_("Voorstellen om te beantwoorden"),
                volgorde=10,
                punten=[
                    Aandachtspunt(
                        # The home reads the pseudonym until placement, never the name.
                        titel=_("%(jongere)s bij %(woning)s")
                        % {"jongere": v.pseudoniem, "woning": v.voorziening.naam},
                        url=v.get_absolute_url(),
                        detail=_("Antwoord uiterlijk %(datum)s")
                        % {"datum": formats.date_format(v.antwoord_uiterlijk, "j F Y")}
                        if v.antwoord_uiterlijk
                        else "",
                        uiterlijk=v.antwoord_uiterlijk,
                        dringend=v.is_te_laat,
                    )
                    for v in te_beantwoorden
                ],
            )
        )
    return groepen
