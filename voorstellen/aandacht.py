"""What the proposal workflow asks of a person now, for the start page (`kern.aandacht`)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kern.aandacht import Aandachtsgroep, Aandachtspunt
from kern.inzage import Soort
from voorstellen.models import Voorstel, VoorstelStatus
from voorstellen.services import TEGENSPRAAK_STATUSSEN, mag_tegenspraak_geven
from voorstellen.stand import leest_beperkt, stand_van_zaken


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not user.is_authenticated or not user.is_active:
        return []
    voorstellen = Voorstel.objects.for_user(user).select_related("voorziening", "jongere")
    if user.is_coordinator:
        # Their own: as on the proposals list (colleagues' proposals are on their pages).
        voorstellen = voorstellen.filter(Q(jongere__coordinator=user) | Q(gemaakt_door=user))
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
                    _punt(
                        v,
                        str(v.jongere),
                        _datum(_("Antwoord was uiterlijk %(datum)s"), v.antwoord_uiterlijk),
                        user=user,
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
                    # The home reads the pseudonym until placement, never the name.
                    _punt(
                        v,
                        v.pseudoniem,
                        _datum(_("Antwoord uiterlijk %(datum)s"), v.antwoord_uiterlijk),
                        user=user,
                        uiterlijk=v.antwoord_uiterlijk,
                        dringend=v.is_te_laat,
                    )
                    for v in te_beantwoorden
                ],
            )
        )
    nu = timezone.now()
    if user.is_coordinator:
        besluiten = list(
            voorstellen.filter(status=VoorstelStatus.KENNISMAKING_GEHOUDEN, besluiten__isnull=False)
            .distinct()
            .order_by("pk")
        )
        groepen.append(
            Aandachtsgroep(
                kop=_("Het gezin heeft gekozen"),
                volgorde=20,
                jongeren=[v.jongere_id for v in besluiten],
                soort=Soort.VOORSTEL,
                punten=[_punt(v, str(v.jongere), user=user) for v in besluiten],
            )
        )
    if user.is_coordinator or user.is_beheerder:
        klaar = list(voorstellen.filter(status=VoorstelStatus.AKKOORD).order_by("pk"))
        groepen.append(
            Aandachtsgroep(
                kop=_("Klaar om te plaatsen: iedereen zegt ja")
                if user.is_coordinator
                else _("Aankomst om te registreren"),
                volgorde=30,
                jongeren=[v.jongere_id for v in klaar] if user.is_coordinator else [],
                soort=Soort.VOORSTEL,
                punten=[
                    _punt(v, str(v.jongere) if user.is_coordinator else v.pseudoniem, user=user)
                    for v in klaar
                ],
            )
        )
    if user.is_beheerder:
        niet_vastgelegd = list(
            voorstellen.filter(
                status=VoorstelStatus.KENNISMAKING_GEPLAND, kennismaking__datum__lt=nu
            ).order_by("kennismaking__datum")
        )
        groepen.append(
            Aandachtsgroep(
                kop=_("Kennismaking geweest, nog niet vastgelegd"),
                volgorde=20,
                punten=[_punt(v, v.pseudoniem, user=user) for v in niet_vastgelegd],
            )
        )
    if user.is_coordinator and user.is_gedragswetenschapper:
        groepen.append(_tegenspraak_gevraagd(user))
    if user.is_jongere or user.is_ouder or user.is_jeugdbeschermer:
        groepen.extend(_voor_gezin(user, voorstellen, nu))
    return groepen


def _tegenspraak_gevraagd(user: User) -> Aandachtsgroep:
    """Proposals of the organisation with open attention points and no counter-check yet,
    which this behavioural scientist may sign (four eyes: not their own youth or proposal).
    Organisation-wide on purpose: the counter-check is asked of a colleague."""
    kandidaten = (
        Voorstel.objects.for_user(user)
        .filter(status__in=TEGENSPRAAK_STATUSSEN, tegenspraken__isnull=True)
        .exclude(Q(gemaakt_door=user) | Q(jongere__coordinator=user))
        .select_related("voorziening", "jongere")
        .order_by("pk")
    )
    gevraagd = [v for v in kandidaten if v.tegenspraak_nodig and mag_tegenspraak_geven(v, user)]
    return Aandachtsgroep(
        kop=_("Tegenspraak gevraagd: aandachtspunten om te wegen"),
        volgorde=12,
        jongeren=[v.jongere_id for v in gevraagd],
        soort=Soort.VOORSTEL,
        punten=[_punt(v, str(v.jongere), user=user, dringend=True) for v in gevraagd],
    )


def _stand(voorstel: Voorstel, user: User) -> str:
    """Where the proposal stands and whose turn it is, as on its page (`voorstellen.stand`)."""
    stand = stand_van_zaken(voorstel, user, beperkt=leest_beperkt(voorstel, user))
    return f"{stand.samenvatting}. {stand.beurt}"


def _punt(
    voorstel: Voorstel,
    wie: str,
    detail: str = "",
    *,
    user: User,
    uiterlijk: dt.datetime | None = None,
    dringend: bool = False,
) -> Aandachtspunt:
    return Aandachtspunt(
        titel=_("%(jongere)s bij %(woning)s")
        % {"jongere": wie, "woning": voorstel.voorziening.naam},
        url=voorstel.get_absolute_url(),
        detail=" · ".join(d for d in (detail, _stand(voorstel, user)) if d),
        uiterlijk=uiterlijk,
        dringend=dringend,
    )


def _datum(zin: str, datum: dt.datetime | None) -> str:
    """`zin` with the date in Dutch words, or nothing without a date."""
    return zin % {"datum": formats.date_format(datum, "j F Y")} if datum else ""


def _voor_gezin(
    user: User, voorstellen: QuerySet[Voorstel], nu: dt.datetime
) -> list[Aandachtsgroep]:
    """In plain words: the youth reads "je", a parent reads about their child by name; the
    youth protection worker (who co-decides or decides as guardian) reads the name too."""
    kiezen = list(
        voorstellen.filter(status=VoorstelStatus.KENNISMAKING_GEHOUDEN)
        .exclude(besluiten__persoon=user)
        .order_by("pk")
    )
    komend = list(
        voorstellen.filter(status=VoorstelStatus.KENNISMAKING_GEPLAND, kennismaking__datum__gte=nu)
        .select_related("kennismaking")
        .order_by("kennismaking__datum")
    )

    def titel_kiezen(v: Voorstel) -> str:
        if user.is_jeugdbeschermer:
            return _("Jouw besluit over %(kind)s bij %(woning)s: ja, twijfel of nee") % {
                "kind": v.jongere,
                "woning": v.voorziening.naam,
            }
        if user.is_jongere:
            return _("Wil je naar %(woning)s? Kies ja, twijfel of nee.") % {
                "woning": v.voorziening.naam
            }
        return _("Wil je dat %(kind)s naar %(woning)s gaat? Kies ja, twijfel of nee.") % {
            "kind": v.jongere,
            "woning": v.voorziening.naam,
        }

    def titel_komend(v: Voorstel) -> str:
        if user.is_jongere:
            return _("Je gaat kennismaken bij %(woning)s") % {"woning": v.voorziening.naam}
        return _("%(kind)s gaat kennismaken bij %(woning)s") % {
            "kind": v.jongere,
            "woning": v.voorziening.naam,
        }

    return [
        Aandachtsgroep(
            kop=_("Jouw besluit gevraagd") if user.is_jeugdbeschermer else _("Jij mag kiezen"),
            volgorde=10,
            jongeren=[v.jongere_id for v in kiezen],
            soort=Soort.VOORSTEL,
            punten=[
                Aandachtspunt(
                    titel=titel_kiezen(v),
                    url=v.get_absolute_url(),
                    detail=_stand(v, user),
                    dringend=True,
                )
                for v in kiezen
            ],
        ),
        Aandachtsgroep(
            kop=_("Kennismaken"),
            volgorde=30,
            jongeren=[v.jongere_id for v in komend],
            soort=Soort.VOORSTEL,
            punten=[
                Aandachtspunt(
                    titel=titel_komend(v),
                    url=v.get_absolute_url(),
                    detail=_("Op %(datum)s in %(plaats)s")
                    % {
                        "datum": formats.date_format(
                            timezone.localtime(v.kennismaking.datum), "l j F, H:i"
                        ),
                        "plaats": v.kennismaking.plaats,
                    },
                    uiterlijk=v.kennismaking.datum,
                )
                for v in komend
            ],
        ),
    ]
