"""Changes to a home's group, capacity and vacancies: one function for each.

Every function locks the home's row (`select_for_update`) before it reads the resident
counter, so two requests for the last place queue up instead of both seeing one free
place; the database constraint `bewoners_aantal <= max_bewoners` stays the last guard.
A change to the group (arrival, departure, profile change) is announced with
`announce_group_change`, which sends `groep_gewijzigd` inside the change's transaction.

The rules kept here, for a home:

* places taken (`bewoners_aantal`) = stays without a registered departure;
* vacancies that hold a place (open or reserved) <= free places, so a home never
  advertises more places than it has. An arrival without a chosen vacancy fills the
  earliest open one when needed, so filling a place and registering it are one step.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any, Protocol

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisatie, User
from accounts.rules import hoort_bij_organisatie, is_beheerder, is_functioneel_beheerder
from kern import opmaak
from kern.choices import Signaal
from kern.models import Kenmerk
from voorzieningen import haken
from voorzieningen.haken import Kandidaat
from voorzieningen.models import Plaatsing, Toelatingsregel, Vacature, Voorziening
from voorzieningen.signals import announce_group_change

logger = logging.getLogger(__name__)

# Fields of a resident's profile that may be changed after arrival; the first set
# changes the group picture and is announced to matching.
GROEPSVELDEN = frozenset(
    {"geboortemaand", "geslacht", "zorgprofiel", "zorgintensiteit", "signalen"}
)
PROFIELVELDEN = GROEPSVELDEN | {"aanduiding", "geplande_einde", "toelichting"}

# How far ahead a vacancy may be published.
VACATURE_MAX_VOORUIT_DAGEN = 365


class WoningVol(ValidationError):
    """The home has no free place left (also when another request just took it)."""


class GeenVrijePlek(ValidationError):
    """Every free place already has an open or reserved vacancy."""


def _controleer_beheer(door: User, voorziening: Voorziening) -> None:
    if not rules.has_perm("voorzieningen.beheer_voorziening", door, voorziening):
        raise PermissionDenied


def _vergrendel(voorziening: Voorziening | int) -> Voorziening:
    pk = voorziening if isinstance(voorziening, int) else voorziening.pk
    return Voorziening.objects.select_for_update().get(pk=pk)


def _wijzig_teller(woning: Voorziening, verschil: int) -> None:
    """Move the resident counter; the check constraint refuses an over-full home."""
    try:
        with transaction.atomic():
            Voorziening.objects.filter(pk=woning.pk).update(
                bewoners_aantal=F("bewoners_aantal") + verschil
            )
    except IntegrityError:
        raise _vol(woning) from None
    woning.bewoners_aantal += verschil


def _vol(woning: Voorziening) -> WoningVol:
    return WoningVol(
        _("%(naam)s is vol: alle %(max)s plekken zijn bezet. Er is niets opgeslagen.")
        % {"naam": woning.naam, "max": woning.max_bewoners},
        code="vol",
    )


def normaliseer_signalen(signalen: Iterable[str]) -> list[str]:
    """Distinct codes in the vocabulary's order, so equal sets compare equal."""
    gekozen = set(signalen)
    return [code for code in Signaal.values if code in gekozen] + sorted(
        gekozen - set(Signaal.values)
    )


def vacaturedatum_fout(datum: dt.date, voorziening: Voorziening, vandaag: dt.date) -> str | None:
    """Why `datum` cannot start a vacancy, or None when it can."""
    if datum < vandaag:
        return _("Deze datum ligt in het verleden. Kies vandaag of een latere datum.")
    if datum > vandaag + dt.timedelta(days=VACATURE_MAX_VOORUIT_DAGEN):
        return _(
            "Zo ver vooruit kun je geen vacature plaatsen. Kies een datum binnen een jaar "
            "(uiterlijk %(grens)s)."
        ) % {"grens": opmaak.datum(vandaag + dt.timedelta(days=VACATURE_MAX_VOORUIT_DAGEN))}
    if voorziening.opent_op and datum < voorziening.opent_op:
        return _("De woning opent pas op %(datum)s. Kies die datum of later.") % {
            "datum": opmaak.datum(voorziening.opent_op)
        }
    return None


# --- The home ----------------------------------------------------------------------------

# Everything a manager edits on the profile page; never the resident counter.
PROFIEL_VELDEN_VOORZIENING = [
    "naam",
    "adres",
    "postcode",
    "plaats",
    "provincie",
    "lat",
    "lon",
    "omgeving",
    "gesloten",
    "max_bewoners",
    "voorkeur_bewoners",
    "leeftijd_min",
    "leeftijd_max",
    "medewerkers_per_dienst",
    "ouderdeelname",
    "ouderdeelname_toelichting",
    "beschrijving",
    "opent_op",
    # What a family wants to picture.
    "eigen_kamer",
    "kamers_toelichting",
    "toegankelijkheid",
    "huisdieren",
    "eigen_huisdier",
    "roken",
    "huisregels",
    "talen",
    "talen_anders",
    "voeding",
    "geloof_cultuur",
    "geloof_cultuur_toelichting",
]


@transaction.atomic
def bewaar_voorziening(
    *, voorziening: Voorziening, door: User, aanbod: Iterable[Kenmerk]
) -> Voorziening:
    """Create a home or save its edited profile, checking capacity against the live counter.

    The counter is never written from here: the instance a form filled may hold a count
    read before someone else's arrival, so an existing home is saved field by field.
    """
    if voorziening.pk is None:
        if not _mag_aanmaken(door, voorziening.aanbieder):
            raise PermissionDenied
        voorziening.bewoners_aantal = 0
        voorziening.full_clean()
        voorziening.save()
    else:
        _controleer_beheer(door, voorziening)
        actueel = _vergrendel(voorziening)
        bezet = actueel.bewoners_aantal
        vacatures = actueel.vacatures.in_gebruik().count()
        if voorziening.max_bewoners < bezet:
            raise ValidationError(
                {
                    "max_bewoners": _(
                        "Er wonen nu %(aantal)s jongeren; het maximum kan niet lager."
                    )
                    % {"aantal": bezet}
                }
            )
        if voorziening.max_bewoners < bezet + vacatures:
            raise ValidationError(
                {
                    "max_bewoners": _(
                        "Er wonen %(aantal)s jongeren en er staan %(vacatures)s vacatures open. "
                        "Trek eerst een vacature in."
                    )
                    % {"aantal": bezet, "vacatures": vacatures}
                }
            )
        voorziening.bewoners_aantal = bezet
        voorziening.full_clean()
        voorziening.save(update_fields=[*PROFIEL_VELDEN_VOORZIENING, "gewijzigd_op"])
        # Places and staff per shift are part of the group's risk (size, ratio 1:4).
        if (voorziening.max_bewoners, voorziening.medewerkers_per_dienst) != (
            actueel.max_bewoners,
            actueel.medewerkers_per_dienst,
        ):
            announce_group_change(voorziening.pk)
    voorziening.aanbod.set(aanbod)
    logger.info("voorziening %s bewaard door gebruiker %s", voorziening.pk, door.pk)
    return voorziening


class Bijlage(Protocol):
    """Rows saved with a home in the same step (the profile page's formsets)."""

    instance: Any

    def save(self) -> Any: ...


@transaction.atomic
def bewaar_voorziening_met(
    *,
    voorziening: Voorziening,
    door: User,
    aanbod: Iterable[Kenmerk],
    bijlagen: Iterable[Bijlage] = (),
) -> Voorziening:
    """Save a home's profile together with its schools, partners, rules and photos: all of
    it or, when one part is refused, none of it."""
    bewaard = bewaar_voorziening(voorziening=voorziening, door=door, aanbod=aanbod)
    for bijlage in bijlagen:
        bijlage.instance = bewaard
        bijlage.save()
    return bewaard


@transaction.atomic
def werk_woningprofiel_bij(
    *,
    voorziening: Voorziening,
    door: User,
    velden: dict[str, Any],
    aanbod: Iterable[Kenmerk] | None = None,
    toelatingsregels: Iterable[dict[str, Any]] | None = None,
) -> Voorziening:
    """A partial update of a home's profile (the provider API): the given fields, offers
    and admission rules, checked as the profile page checks them, as one step."""
    for veld, waarde in velden.items():
        setattr(voorziening, veld, waarde)
    bewaar_voorziening(
        voorziening=voorziening,
        door=door,
        aanbod=aanbod if aanbod is not None else list(voorziening.aanbod.all()),
    )
    if toelatingsregels is not None:
        vervang_toelatingsbeleid(voorziening=voorziening, door=door, regels=toelatingsregels)
    elif "gesloten" in velden and (fout := toelating_fout(voorziening)):
        raise ValidationError({"gesloten": fout})
    return voorziening


def toelating_fout(voorziening: Voorziening) -> str | None:
    """Why the home's admission rules do not fit the home itself, or None."""
    if (
        voorziening.gesloten
        and voorziening.toelatingsregels.filter(
            soort=Toelatingsregel.Soort.GEEN_MACHTIGING
        ).exists()
    ):
        return _(
            "Een gesloten woning is juist voor jongeren met een machtiging gesloten jeugdhulp. "
            "De regel 'geen jongeren met een machtiging' past daar niet bij."
        )
    return None


@transaction.atomic
def vervang_toelatingsbeleid(
    *, voorziening: Voorziening, door: User, regels: Iterable[dict[str, Any]]
) -> list[Toelatingsregel]:
    """Replace the home's admission rules by `regels` (dicts of `Toelatingsregel` fields).

    Each rule is checked as the profile page checks it; an error names the rule's place in
    the list (`toelatingsbeleid[1].reden`) and nothing is saved.
    """
    _controleer_beheer(door, voorziening)
    woning = _vergrendel(voorziening)
    woning.toelatingsregels.all().delete()
    bewaard = []
    for index, gegevens in enumerate(regels):
        regel = Toelatingsregel(voorziening=woning, **gegevens)
        try:
            regel.full_clean()
        except ValidationError as fout:
            raise ValidationError(
                {
                    f"toelatingsbeleid[{index}]" + ("" if veld == "__all__" else f".{veld}"): (
                        meldingen
                    )
                    for veld, meldingen in fout.message_dict.items()
                }
            ) from None
        regel.save()
        bewaard.append(regel)
    past_niet = toelating_fout(woning)
    if past_niet:
        raise ValidationError({"toelatingsbeleid": past_niet})
    # The search's cache of homes notices a change by the home's change time.
    Voorziening.objects.filter(pk=woning.pk).update(gewijzigd_op=timezone.now())
    logger.info("toelatingsbeleid van %s vervangen door gebruiker %s", woning.pk, door.pk)
    return bewaard


def _mag_aanmaken(door: User, aanbieder: Organisatie) -> bool:
    return bool(
        is_functioneel_beheerder(door)
        or (is_beheerder(door) and hoort_bij_organisatie(door, aanbieder.pk))
    )


@transaction.atomic
def herbereken_bewoners_aantal(*, voorziening: Voorziening) -> int:
    """Set the counter from the stays themselves (repair after a data import)."""
    woning = _vergrendel(voorziening)
    aantal = woning.plaatsingen.lopend().count()
    if aantal > woning.max_bewoners:
        raise _vol(woning)
    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=aantal)
    voorziening.bewoners_aantal = aantal
    return aantal


# --- Residents ------------------------------------------------------------------------


@transaction.atomic
def registreer_aankomst(
    *,
    voorziening: Voorziening,
    door: User,
    geboortemaand: dt.date,
    geslacht: str,
    zorgprofiel: str,
    zorgintensiteit: str,
    signalen: Iterable[str],
    aankomst: dt.date,
    geplande_einde: dt.date | None = None,
    vacature: Vacature | None = None,
    aanduiding: str = "",
    via_voorstel: bool = False,
) -> Plaatsing:
    """Register a resident's arrival; fills a vacancy in the same step.

    Raises `WoningVol` when no place is left, also when a concurrent request took the
    last one first; nothing is saved then. `via_voorstel=True` is for the matching app's
    placement of an accepted proposal: the youth's coordinator or the home's manager places
    there, and that service has checked that they may (the home agreed earlier in the
    proposal).
    """
    if not via_voorstel:
        _controleer_beheer(door, voorziening)
    woning = _vergrendel(voorziening)
    if woning.is_vol:
        raise _vol(woning)

    gekozen: Vacature | None = None
    if vacature is not None:
        gekozen = (
            Vacature.objects.select_for_update()
            .filter(pk=vacature.pk, voorziening=woning)
            .in_gebruik()
            .first()
        )
        if gekozen is None:
            raise ValidationError(
                {"vacature": _("Deze vacature is niet meer open. Kies een andere.")}
            )

    plaatsing = Plaatsing(
        voorziening=woning,
        aanduiding=aanduiding,
        geboortemaand=geboortemaand.replace(day=1),
        geslacht=geslacht,
        zorgprofiel=zorgprofiel,
        zorgintensiteit=zorgintensiteit,
        signalen=normaliseer_signalen(signalen),
        aankomst=aankomst,
        geplande_einde=geplande_einde,
    )
    plaatsing.full_clean()
    if not via_voorstel:
        # A proposal was checked by the placement itself; a direct registration is checked
        # here, against the group as it is with the home's row locked.
        _controleer_groep(woning, plaatsing)
    plaatsing.save()
    _wijzig_teller(woning, +1)

    if gekozen is None:
        # One place fewer may leave one vacancy too many; the arrival fills it.
        te_veel = woning.vacatures.in_gebruik().count() - woning.vrije_plaatsen
        if te_veel > 0:
            gekozen = (
                woning.vacatures.select_for_update()
                .filter(status=Vacature.Status.OPEN)
                .order_by("beschikbaar_vanaf", "pk")
                .first()
            )
            if gekozen is None:
                raise ValidationError(
                    _(
                        "De laatste vrije plek is gereserveerd voor een voorstel. "
                        "Kies die vacature als deze jongere via dat voorstel komt."
                    ),
                    code="gereserveerd",
                )
    if gekozen is not None:
        gekozen.status = Vacature.Status.VERVULD
        gekozen.plaatsing = plaatsing
        gekozen.save(update_fields=["status", "plaatsing", "gewijzigd_op"])

    voorziening.bewoners_aantal = woning.bewoners_aantal
    announce_group_change(woning.pk)
    logger.info("aankomst %s in voorziening %s door gebruiker %s", plaatsing.pk, woning.pk, door.pk)
    return plaatsing


class OnveiligeGroep(ValidationError):
    """The matching engine blocks this newcomer in this group (a hard limit on the group)."""


def _controleer_groep(woning: Voorziening, nieuw: Plaatsing) -> None:
    """Refuse a direct registration the matching engine blocks for this group, with the
    engine's own reasons: the same hard limits a proposal must pass (among them the
    absolute incompatibility), asked about the newcomer joining the current residents."""
    result = haken.groepstoets.roep(
        woning.pk,
        Kandidaat(
            geboortemaand=nieuw.geboortemaand,
            geslacht=nieuw.geslacht,
            zorgprofiel=nieuw.zorgprofiel,
            zorgintensiteit=nieuw.zorgintensiteit,
            signalen=frozenset(nieuw.signalen),
            aankomst=nieuw.aankomst,
        ),
    )
    if result is None or result.toegestaan:
        return
    if any(code in {"groep_vol", "geen_plek"} for code, _uitleg in result.blokkades):
        # Places are this service's own count: a full home gets the usual message.
        raise _vol(woning)
    raise OnveiligeGroep(
        _("Deze jongere kan niet in deze groep komen. Er is niets opgeslagen. %(redenen)s")
        % {"redenen": " ".join(uitleg for _code, uitleg in result.blokkades)},
        code="onveilig",
    )


@transaction.atomic
def registreer_vertrek(
    *,
    plaatsing: Plaatsing,
    door: User,
    einde: dt.date,
    eindreden: str,
    opzegtermijn_dagen: int | None = None,
    toelichting: str = "",
    vacature_vanaf: dt.date | None = None,
) -> Plaatsing:
    """Register that a resident left; optionally open the freed place as a vacancy."""
    _controleer_beheer(door, plaatsing.voorziening)
    woning = _vergrendel(plaatsing.voorziening_id)
    actueel = Plaatsing.objects.select_for_update().get(pk=plaatsing.pk)
    if actueel.einde is not None:
        raise ValidationError(_("Het vertrek van deze bewoner is al geregistreerd."), code="al_weg")
    if einde > timezone.localdate():
        raise ValidationError(
            {
                "einde": _(
                    "Een vertrek registreer je op of na de dag van vertrek. "
                    "Een vertrek dat nog komt, zet je bij 'gepland einde'."
                )
            }
        )
    actueel.einde = einde
    actueel.eindreden = eindreden
    actueel.opzegtermijn_dagen = opzegtermijn_dagen
    if toelichting:
        actueel.toelichting = toelichting
    actueel.full_clean()
    actueel.save(
        update_fields=["einde", "eindreden", "opzegtermijn_dagen", "toelichting", "gewijzigd_op"]
    )
    _wijzig_teller(woning, -1)
    if vacature_vanaf is not None:
        _maak_vacature(woning, vacature_vanaf)
    plaatsing.voorziening.bewoners_aantal = woning.bewoners_aantal
    announce_group_change(woning.pk)
    logger.info("vertrek %s uit voorziening %s door gebruiker %s", actueel.pk, woning.pk, door.pk)
    return actueel


@transaction.atomic
def wijzig_bewonersprofiel(*, plaatsing: Plaatsing, door: User, **changes: Any) -> Plaatsing:
    """Change a current resident's profile; a change to the group picture is announced."""
    onbekend = set(changes) - PROFIELVELDEN
    if onbekend:
        raise TypeError(f"wijzig_bewonersprofiel: unknown fields {sorted(onbekend)}")
    _controleer_beheer(door, plaatsing.voorziening)
    woning = _vergrendel(plaatsing.voorziening_id)
    actueel = Plaatsing.objects.select_for_update().get(pk=plaatsing.pk)
    if actueel.einde is not None:
        raise ValidationError(
            _("Deze bewoner is vertrokken; het profiel ligt vast."), code="al_weg"
        )
    if "geboortemaand" in changes:
        changes["geboortemaand"] = changes["geboortemaand"].replace(day=1)
    if "signalen" in changes:
        changes["signalen"] = normaliseer_signalen(changes["signalen"])
    gewijzigd = [veld for veld, waarde in changes.items() if getattr(actueel, veld) != waarde]
    if not gewijzigd:
        return actueel
    for veld in gewijzigd:
        setattr(actueel, veld, changes[veld])
    actueel.full_clean()
    actueel.save(update_fields=[*gewijzigd, "gewijzigd_op"])
    if GROEPSVELDEN.intersection(gewijzigd):
        announce_group_change(woning.pk)
    logger.info("profiel %s gewijzigd (%s) door gebruiker %s", actueel.pk, gewijzigd, door.pk)
    return actueel


# --- Vacancies ---------------------------------------------------------------------------


def _maak_vacature(woning: Voorziening, beschikbaar_vanaf: dt.date) -> Vacature:
    """Create a vacancy in a home whose row the caller has locked."""
    fout = vacaturedatum_fout(beschikbaar_vanaf, woning, timezone.localdate())
    if fout:
        raise ValidationError({"beschikbaar_vanaf": fout})
    in_gebruik = woning.vacatures.in_gebruik().count()
    if in_gebruik >= woning.vrije_plaatsen:
        raise GeenVrijePlek(
            _(
                "Er is geen plek meer om open te zetten: %(bezet)s van de %(max)s plekken "
                "zijn bezet en %(vacatures)s staan al als vacature open."
            )
            % {
                "bezet": woning.bewoners_aantal,
                "max": woning.max_bewoners,
                "vacatures": in_gebruik,
            },
            code="geen_plek",
        )
    return Vacature.objects.create(
        voorziening=woning,
        beschikbaar_vanaf=beschikbaar_vanaf,
        status=Vacature.Status.OPEN,
        laatst_bevestigd=timezone.now(),
    )


@transaction.atomic
def publiceer_vacature(
    *, voorziening: Voorziening, door: User, beschikbaar_vanaf: dt.date
) -> Vacature:
    """Open a free place as a vacancy; refused when every free place already has one."""
    _controleer_beheer(door, voorziening)
    vacature = _maak_vacature(_vergrendel(voorziening), beschikbaar_vanaf)
    logger.info("vacature %s geplaatst door gebruiker %s", vacature.pk, door.pk)
    return vacature


def _vergrendel_vacature(vacature: Vacature, door: User) -> Vacature:
    _controleer_beheer(door, vacature.voorziening)
    _vergrendel(vacature.voorziening_id)
    return Vacature.objects.select_for_update().get(pk=vacature.pk)


@transaction.atomic
def bevestig_vacature(*, vacature: Vacature, door: User) -> Vacature:
    """Confirm that an open vacancy is still free; it shows as open for another period."""
    actueel = _vergrendel_vacature(vacature, door)
    if actueel.status != Vacature.Status.OPEN:
        raise ValidationError(
            _("Deze vacature is %(status)s; alleen een open vacature kun je bevestigen.")
            % {"status": actueel.get_status_display().lower()},
            code="niet_open",
        )
    actueel.laatst_bevestigd = timezone.now()
    actueel.save(update_fields=["laatst_bevestigd", "gewijzigd_op"])
    return actueel


@transaction.atomic
def trek_vacature_in(*, vacature: Vacature, door: User) -> Vacature:
    """Withdraw an open vacancy; a place reserved for a proposal stays reserved."""
    actueel = _vergrendel_vacature(vacature, door)
    if actueel.status == Vacature.Status.GERESERVEERD:
        raise ValidationError(
            _("Deze plek is gereserveerd voor een voorstel. Rond eerst het voorstel af."),
            code="gereserveerd",
        )
    if actueel.status != Vacature.Status.OPEN:
        raise ValidationError(
            _("Deze vacature is al %(status)s.") % {"status": actueel.get_status_display().lower()},
            code="niet_open",
        )
    actueel.status = Vacature.Status.INGETROKKEN
    actueel.save(update_fields=["status", "gewijzigd_op"])
    logger.info("vacature %s ingetrokken door gebruiker %s", actueel.pk, door.pk)
    return actueel
