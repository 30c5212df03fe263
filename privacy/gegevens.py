"""Right of access (AVG art. 15): everything the portal holds about one youth.

One plain structure feeds both the printable page and the JSON download, so the two can
never say different things. It includes the attention signals: the youth (and their parent)
has a right to see their own data, even where other pages keep signals for professionals.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Melding, User
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.choices import Signaal
from kern.publiek import Audience
from voorstellen.models import Voorstel, VoorstelStatus
from voorzieningen.models import Plaatsing


def _tijd(waarde: datetime | date | None) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, datetime):
        return timezone.localtime(waarde).isoformat(timespec="minutes")
    return waarde.isoformat()


def _persoon(persoon: User | None) -> str:
    return str(persoon) if persoon is not None else _("het portaal zelf")


def _analyse(analyse: VerklarendeAnalyse) -> dict[str, Any]:
    return {
        "versie": analyse.versie,
        "status": str(analyse.get_status_display()),
        "gemaakt_op": _tijd(analyse.gemaakt_op),
        "gemaakt_door": _persoon(analyse.gemaakt_door),
        "gedragen_op": _tijd(analyse.gedragen_op),
        "factoren": analyse.factoren,
        "krachten": analyse.krachten,
        "wat_werkt": analyse.wat_werkt,
        "behoeften": [
            {
                "behoefte": b.kenmerk.naam,
                "belang": str(b.get_belang_display()),
                "toelichting": b.toelichting,
            }
            for b in analyse.behoeften.select_related("kenmerk")
        ],
        "behoeften_toelichting": analyse.behoeften_toelichting,
        "zorgprofiel": str(analyse.get_zorgprofiel_display()),
        "zorgintensiteit": str(analyse.get_zorgintensiteit_display()),
        "aandachtssignalen": [
            str(Signaal(code).label) for code in analyse.signalen if code in Signaal.values
        ],
        "belangrijk_jongere": analyse.belangrijk_jongere,
        "belangrijk_ouders": analyse.belangrijk_ouders,
        "netwerk": analyse.netwerk,
        "prioriteiten": [
            {"wat": str(label), "waarde": waarde} for _veld, label, waarde in analyse.prioriteiten()
        ],
        "instemmingen": [
            {
                "wie": _persoon(i.persoon),
                "rol": str(i.get_rol_display()),
                "akkoord": i.akkoord,
                "opmerking": i.opmerking,
                "op": _tijd(i.op),
            }
            for i in analyse.instemmingen.select_related("persoon").order_by("op", "pk")
        ],
    }


def _matching(voorstel: Voorstel) -> dict[str, Any] | None:
    """How the portal scored the home for the youth (profiling, AVG art. 15(1)(h)), as the
    family reads it: no other person's signals (kern.publiek)."""
    uitleg = voorstel.uitleg_voor(Audience.GEZIN) or voorstel.uitleg_voor(Audience.COORDINATOR)
    if uitleg is None:
        return None
    groep = uitleg.get("groep_na") or {}
    return {
        "score": uitleg.get("score"),
        "factoren": [
            {
                "uitleg": factor.get("uitleg", ""),
                "punten": factor.get("punten"),
                "maximum": factor.get("max"),
            }
            for factor in uitleg.get("factoren", [])
        ],
        "aandachtspunten": list(uitleg.get("aandacht", [])),
        "groep_met_jongere": groep.get("niveau"),
    }


def _voorstel(voorstel: Voorstel) -> dict[str, Any]:
    kennismaking = voorstel.kennismaking_of_none()
    return {
        "matching": _matching(voorstel),
        "nummer": voorstel.pk,
        "woning": voorstel.voorziening.naam,
        "status": str(voorstel.get_status_display()),
        "gemaakt_op": _tijd(voorstel.aangemaakt_op),
        "verstuurd_op": _tijd(voorstel.verstuurd_op),
        "motivatie": voorstel.motivatie,
        "tekst_voor_woning": voorstel.tekst_voor_woning,
        "antwoord_woning": str(voorstel.get_afwijsreden_display()) if voorstel.afwijsreden else "",
        "antwoord_toelichting": voorstel.antwoord_toelichting,
        "analyse_gedeeld_op": _tijd(voorstel.volledig_gedeeld_op),
        "kennismaking": None
        if kennismaking is None
        else {
            "soort": str(kennismaking.get_soort_display()),
            "datum": _tijd(kennismaking.datum),
            "plaats": kennismaking.plaats,
            "notitie_woning": kennismaking.notitie_woning,
            "notitie_coordinator": kennismaking.notitie_coordinator,
        },
        "tijdlijn": [
            {
                "op": _tijd(g.op),
                "wat": g.wat_label,
                "door": _persoon(g.door),
                "waarom": g.waarom,
            }
            for g in voorstel.tijdlijn.select_related("door")
        ],
        "besluiten": [
            {
                "wie": _persoon(b.persoon),
                "rol": str(b.get_rol_display()),
                "keuze": str(b.get_keuze_display()),
                "opmerking": b.opmerking,
                "op": _tijd(b.op),
            }
            for b in voorstel.besluiten.select_related("persoon").order_by("op", "pk")
        ],
        "toestemmingen": [
            {
                "wie": _persoon(t.persoon),
                "rol": str(t.get_rol_display()),
                "reden": t.reden,
                "op": _tijd(t.op),
            }
            for t in voorstel.toestemmingen.select_related("persoon")
        ],
        "tegenspraak": [
            {
                "door": _persoon(t.door),
                "oordeel": str(t.get_oordeel_display()),
                "toelichting": t.toelichting,
                "op": _tijd(t.op),
            }
            for t in voorstel.tegenspraken.select_related("door").order_by("op", "pk")
        ],
    }


def _plaatsing(plaatsing: Plaatsing) -> dict[str, Any]:
    return {
        "woning": plaatsing.voorziening.naam,
        "aankomst": _tijd(plaatsing.aankomst),
        "gepland_einde": _tijd(plaatsing.geplande_einde),
        "vertrokken_op": _tijd(plaatsing.einde),
        "reden_van_vertrek": str(plaatsing.get_eindreden_display()) if plaatsing.eindreden else "",
        "zorgprofiel": str(plaatsing.get_zorgprofiel_display()),
        "zorgintensiteit": str(plaatsing.get_zorgintensiteit_display()),
        "aandachtssignalen": plaatsing.get_signalen_display(),
        "toelichting": plaatsing.toelichting,
    }


def gegevens_over(jongere: Jongere, *, voor: User | None) -> dict[str, Any]:
    """Everything about `jongere`, readable, for the right of access.

    `voor` is the youth or parent asking: only their own notices are included (a parent
    does not get the youth's notices, nor the other way round). None: a coordinator makes
    the export to hand over, with the notices to the youth and every linked parent.
    """
    ontvangers = (
        [voor]
        if voor is not None
        else [*([jongere.account] if jongere.account else []), *jongere.ouders.all()]
    )
    analyses = jongere.analyses.select_related("gemaakt_door").order_by("versie")
    voorstellen = (
        Voorstel.objects.filter(jongere=jongere)
        .exclude(status=VoorstelStatus.CONCEPT)
        .select_related("voorziening")
        .order_by("aangemaakt_op", "pk")
    )
    plaatsingen = Plaatsing.objects.filter(jongere=jongere).select_related("voorziening")
    return {
        "gemaakt_op": _tijd(timezone.now()),
        "profiel": {
            "roepnaam": jongere.roepnaam,
            "geboortedatum": _tijd(jongere.geboortedatum),
            "geslacht": str(jongere.get_geslacht_display()),
            "woonplaats_gezin": jongere.woonplaats,
            "coordinaten_gezin": [jongere.lat, jongere.lon] if jongere.lat is not None else None,
            "school": jongere.school_naam,
            "schoolniveau": str(jongere.get_school_niveau_display())
            if jongere.school_niveau
            else "",
            "plaats_school": jongere.school_plaats,
            "coordinaten_school": [jongere.school_lat, jongere.school_lon]
            if jongere.school_lat is not None
            else None,
            "juridisch_kader": str(jongere.get_juridisch_kader_display()),
            "einde_machtiging": _tijd(jongere.machtiging_einde),
            "plek_nodig_vanaf": _tijd(jongere.nodig_vanaf),
            "fase": str(jongere.get_fase_display()),
            "coordinator": _persoon(jongere.coordinator),
            "organisatie": jongere.organisatie.naam,
            "account_jongere": jongere.account.email if jongere.account else None,
            "ouders": [
                {"naam": str(ouder), "email": ouder.email}
                for ouder in jongere.ouders.order_by("first_name", "email")
            ],
            "eerste_keer_gezocht": _tijd(jongere.zoeken_sinds),
            "broers_zussen": [
                ander.roepnaam for ander in jongere.broers_zussen.order_by("roepnaam", "pk")
            ],
            "aangemaakt_op": _tijd(jongere.aangemaakt_op),
            "gewijzigd_op": _tijd(jongere.gewijzigd_op),
        },
        "analyses": [_analyse(a) for a in analyses],
        "uitnodigingen": [
            {
                # The address as typed: not whose account it turned out to be.
                "aan": u.email,
                "als": str(u.get_rol_display()),
                "verstuurd_door": _persoon(u.verstuurd_door),
                "verstuurd_op": _tijd(u.verstuurd_op),
                "gebruikt_op": _tijd(u.gebruikt_op),
            }
            for u in jongere.uitnodigingen.select_related("verstuurd_door")
        ],
        "voorstellen": [_voorstel(v) for v in voorstellen],
        "plaatsingen": [_plaatsing(p) for p in plaatsingen],
        "meldingen": [
            {
                "aan": _persoon(m.ontvanger),
                "tekst": m.tekst,
                "op": _tijd(m.aangemaakt_op),
                "gelezen_op": _tijd(m.gelezen_op),
            }
            for m in Melding.objects.filter(ontvanger__in=ontvangers).select_related("ontvanger")
        ],
    }
