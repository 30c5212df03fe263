"""Right of access (AVG art. 15): everything the portal holds about one youth.

One plain structure feeds both the printable page and the JSON download, so the two can
never say different things. It includes the attention signals: the youth (and their parent)
has a right to see their own data, even where other pages keep signals for professionals.
It also holds how the portal scored each proposed home (as written for the family), the
searches coordinators saved, and who looked at the data (the access log in the family's
words). Nothing in it is about another youth, and no resident's signal is named.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Melding, User
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.choices import Omgeving, Signaal
from kern.publiek import Audience
from matching.adapters import HomeFilter
from matching.models import Zoekopdracht
from privacy.bewaren import GEANONIMISEERD
from privacy.models import Inzage
from voorstellen.models import Voorstel, VoorstelStatus
from voorstellen.publiek import sleutel, stem_van
from voorstellen.services import uitleg_voor
from voorzieningen.models import Plaatsing, Voorziening


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
                "wie": str(i.persoon) if i.persoon else analyse.jongere.roepnaam,
                "rol": str(i.get_rol_display()),
                "akkoord": i.akkoord,
                "opmerking": i.opmerking,
                "op": _tijd(i.op),
                "vastgelegd_door_coordinator": _persoon(i.vastgelegd_door)
                if i.vastgelegd_door_id
                else None,
                "bevestigd_op": _tijd(i.bevestigd_op),
            }
            for i in analyse.instemmingen.select_related("persoon", "vastgelegd_door").order_by(
                "op", "pk"
            )
        ],
    }


# What the family reads about the group instead of the group factor's own text (the same
# words as their proposal page): how the group would be, never who is in it.
GROEP_VOOR_GEZIN = {
    "laag": gettext_noop("De groep past goed bij jou, denken we."),
    "verhoogd": gettext_noop("Over de groep zijn een paar dingen om samen te bespreken."),
}
GROEP_VOOR_GEZIN_ANDERS = gettext_noop("Over de groep moeten we eerst goed praten.")
# The same for a parent, about their child by first name (docs/schrijfwijzer.md).
GROEP_VOOR_OUDER_LAAG = gettext_noop("De groep past goed bij %(naam)s, denken we.")


def _matching(voorstel: Voorstel, voor: User | None) -> dict[str, Any] | None:
    """How the portal scored the home for the youth (profiling, AVG art. 15(1)(h)): the
    score and its explanation as written for the youth and parents (`Audience.GEZIN`), so
    never another person's attention signals (kern.publiek), in the voice of who asks (a
    parent reads about their child by name). The group factor keeps its points; its text is
    the family's sentence about the group, as on their proposal page."""
    ouder = voor is not None and voor.is_ouder
    stem = stem_van(Audience.GEZIN, voorstel.jongere, ouder=ouder)
    uitleg = voorstel.uitleg_voor(Audience.GEZIN, sleutel(Audience.GEZIN, stem))
    if uitleg is None and voorstel.jongere.roepnaam != GEANONIMISEERD:
        # Kept before explanations were stored per reader: computed now, as their page does.
        uitleg = uitleg_voor(voorstel, Audience.GEZIN, stem)
    if uitleg is None:
        return None
    groep = uitleg.get("groep_na") or {}
    niveau = groep.get("niveau")
    over_groep = (
        _(GROEP_VOOR_OUDER_LAAG) % {"naam": voorstel.jongere.roepnaam}
        if ouder and niveau == "laag"
        else _(GROEP_VOOR_GEZIN.get(str(niveau), GROEP_VOOR_GEZIN_ANDERS))
    )
    return {
        "score": uitleg.get("score"),
        "factoren": [
            {
                "uitleg": over_groep if factor.get("code") == "groep" else factor.get("uitleg", ""),
                "punten": factor.get("punten"),
                "maximum": factor.get("max"),
            }
            for factor in uitleg.get("factoren", [])
        ],
        "aandachtspunten": list(uitleg.get("aandacht", [])),
        "groep_met_jongere": niveau,
    }


def _filters(filters: dict[str, Any]) -> list[str]:
    """A saved search's filters in words."""
    filter_ = HomeFilter.from_dict(filters)
    woorden = []
    if filter_.max_afstand_km:
        woorden.append(_("Hoogstens %(km)s km van de familie") % {"km": filter_.max_afstand_km})
    if filter_.gesloten is not None:
        woorden.append(_("Alleen gesloten") if filter_.gesloten else _("Alleen open"))
    if filter_.omgeving in Omgeving.values:
        woorden.append(str(Omgeving(filter_.omgeving).label))
    if filter_.beschikbaar_op:
        woorden.append(
            _("Plek vrij op of voor %(datum)s") % {"datum": filter_.beschikbaar_op.isoformat()}
        )
    if not filter_.met_opent_binnenkort:
        woorden.append(_("Zonder woningen die binnenkort opengaan"))
    return woorden


def _zoekopdrachten(jongere: Jongere) -> list[dict[str, Any]]:
    """The searches a coordinator saved for the youth: the filters and the best homes with
    their scores at the last computation."""
    opdrachten = list(
        Zoekopdracht.objects.filter(jongere=jongere)
        .select_related("gemaakt_door")
        .order_by("gemaakt_op", "pk")
    )
    ids = {rij[0] for o in opdrachten for rij in o.resultaat if rij}
    namen = dict(Voorziening.objects.filter(pk__in=ids).values_list("pk", "naam"))
    return [
        {
            "gemaakt_op": _tijd(o.gemaakt_op),
            "gemaakt_door": _persoon(o.gemaakt_door),
            "berekend_op": _tijd(o.bijgewerkt_op),
            "filters": _filters(o.filters),
            "woningen": [
                {"woning": namen.get(vid, _("een woning die er niet meer is")), "score": score}
                for vid, score in o.resultaat
            ],
        }
        for o in opdrachten
    ]


def _wie_keek(jongere: Jongere, voor: User | None) -> list[dict[str, Any]]:
    """Who read or changed the youth's data, when, what and why: the access log as the youth
    and parents read it on "Wie heeft mijn gegevens bekeken?" (the same words)."""
    # Imported here: the views import this module for the export pages.
    from privacy.views import momenten

    regels = Inzage.objects.voor_jongere(jongere.pk).select_related("organisatie", "voorziening")
    return [
        {"op": _tijd(m.op), "wie": m.wie, "wat": m.wat, "waarom": m.waarom}
        for m in momenten(regels, voor, jongere)
    ]


def _voorstel(voorstel: Voorstel, voor: User | None) -> dict[str, Any]:
    kennismaking = voorstel.kennismaking_of_none()
    return {
        "matching": _matching(voorstel, voor),
        "nummer": voorstel.pk,
        "titel": voorstel.titel,
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
                "wie": b.naam or _persoon(b.persoon),
                "rol": str(b.get_rol_display()),
                "keuze": str(b.get_keuze_display()),
                "opmerking": b.opmerking,
                "op": _tijd(b.op),
                "vastgelegd_door_coordinator": _persoon(b.vastgelegd_door)
                if b.vastgelegd_door
                else None,
                "hoe": str(b.get_hoe_display()) if b.hoe else "",
                "gesprek_op": _tijd(b.gesprek_op),
                "aanwezig": b.aanwezig,
                "geplaatst_ondanks_nee": b.overschreven,
                "bevestigd_op": _tijd(b.bevestigd_op),
            }
            for b in voorstel.besluiten.select_related("persoon", "vastgelegd_door").order_by(
                "op", "pk"
            )
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
        "toestemming_per_persoon": [
            {
                "wie": _persoon(d.persoon),
                "keuze": str(d.get_keuze_display()),
                "ingetrokken": d.is_intrekking,
                "op": _tijd(d.op),
            }
            for d in voorstel.deeltoestemmingen.select_related("persoon").order_by("op", "pk")
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
        "mentor": plaatsing.mentor.naam if plaatsing.mentor else None,
        "mentor_vastgelegd_door_coordinator": plaatsing.mentor_vastgelegd_door_id is not None,
        "perspectief": [
            {
                "richting": str(p.get_richting_display()),
                "toelichting": p.toelichting,
                "op": _tijd(p.op),
            }
            for p in plaatsing.perspectieven.all()
        ],
        "overgangslijst": [
            {
                "onderwerp": str(p.get_onderwerp_display()),
                "status": str(p.get_status_display()),
                "notitie": p.notitie,
            }
            for p in plaatsing.overgangspunten.all()
        ],
    }


def gegevens_over(jongere: Jongere, *, voor: User | None) -> dict[str, Any]:
    """Everything about `jongere`, readable, for the right of access.

    `voor` is the youth or parent asking: only their own notices are included (a parent
    does not get the youth's notices, nor the other way round), and only their own contact
    details: nobody reads another family member's e-mail address. A parent who may not read
    the file (`jongeren.lees_dossier`: without gezag, or a 16+ youth does not share it) gets
    the general part only: no analysis, no attention signals, no proposals. None: a
    coordinator makes the export to hand over, with everything.
    """
    dossier = voor is None or voor.has_perm("jongeren.lees_dossier", jongere)

    def adres(email: str | None) -> str | None:
        if email is None or voor is None or email.lower() == voor.email.lower():
            return email
        return _("(niet zichtbaar: contactgegevens van een ander gezinslid)")

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
            "maatregel": str(jongere.get_maatregel_display()),
            "machtiging_uithuisplaatsing": {
                "van": _tijd(jongere.machtiging_uhp_van),
                "tot": _tijd(jongere.machtiging_uhp_tot),
            }
            if jongere.machtiging_uhp_van
            else None,
            "jeugdbeschermer": _persoon(jongere.jeugdbeschermer)
            if jongere.jeugdbeschermer
            else None,
            "ouders_lezen_analyse_mee": jongere.ouders_zien_analyse,
            "account_jongere": adres(jongere.account.email) if jongere.account else None,
            "ouders": [
                {
                    "naam": str(ouder),
                    "email": adres(ouder.email),
                    "gezag": jongere.heeft_gezag(ouder),
                    "leest_analyse_mee": jongere.ouder_leest_dossier(ouder),
                }
                for ouder in jongere.ouders.order_by("first_name", "email")
            ],
            "eerste_keer_gezocht": _tijd(jongere.zoeken_sinds),
            "broers_zussen": [
                ander.roepnaam for ander in jongere.broers_zussen.order_by("roepnaam", "pk")
            ],
            "aangemaakt_op": _tijd(jongere.aangemaakt_op),
            "gewijzigd_op": _tijd(jongere.gewijzigd_op),
        },
        "analyses": [_analyse(a) for a in analyses] if dossier else [],
        "uitnodigingen": [
            {
                # The address as typed: not whose account it turned out to be.
                "aan": adres(u.email),
                "als": str(u.get_rol_display()),
                "verstuurd_door": _persoon(u.verstuurd_door),
                "verstuurd_op": _tijd(u.verstuurd_op),
                "gebruikt_op": _tijd(u.gebruikt_op),
            }
            for u in jongere.uitnodigingen.select_related("verstuurd_door")
        ],
        "voorstellen": [_voorstel(v, voor) for v in voorstellen] if dossier else [],
        "plaatsingen": [_plaatsing(p) for p in plaatsingen] if dossier else [],
        "zoekopdrachten": _zoekopdrachten(jongere) if dossier else [],
        "wie_keek": _wie_keek(jongere, voor) if dossier else [],
        "alleen_algemeen": not dossier,
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
