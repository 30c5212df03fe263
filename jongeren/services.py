"""Workflows around a youth's analysis: versions, endorsement and invitations.

The version rules, in one place:

* There is at most one *open* version per youth (status concept or ter_instemming);
  the database enforces it.
* A draft (concept) is edited in place: nobody has been asked to endorse it yet.
* A version that was put to the family (ter_instemming, gedragen) never changes. When the
  coordinator edits it, a new draft is made as a copy; a version that was still waiting
  for answers is then marked vervangen, its answers stay on record.
* When the youth or a parent changes their own words or the search priorities, that is a
  change of the shared text as well: on a draft it is saved in place, otherwise a new
  version is made straight away, put to everyone again (ter_instemming), and the one it
  replaces is marked vervangen. So every endorsement stays tied to the text that was
  endorsed, and the history shows who changed what.
* A version becomes gedragen when the youth, each linked parent and a coordinator of the
  youth's organisation have all agreed with it (the latest answer of each counts).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Rol, User
from jongeren.models import (
    PRIORITEITEN,
    AnalyseBehoefte,
    Instemming,
    InstemmingStand,
    Jongere,
    Uitnodiging,
    VerklarendeAnalyse,
)
from jongeren.rules import is_coordinator_van
from kern.models import Kenmerk
from kern.uitgesteld import na_commit

Status = VerklarendeAnalyse.Status

# The fields of one version that make up its content (what a new version copies).
INHOUD_VELDEN = VerklarendeAnalyse.INHOUD_VELDEN

# Why a version cannot yet go to the family, per missing part (shown to the coordinator).
ONTBREKEND_BERICHT: dict[str, Promise] = {
    "krachten": gettext_lazy("Beschrijf de krachten en het positieve gedrag."),
    "wat_werkt": gettext_lazy("Beschrijf wat werkt: wanneer gaat het goed?"),
    "behoeften": gettext_lazy("Kies minstens één behoefte met een belang."),
    "zorgprofiel": gettext_lazy("Kies een zorgprofiel."),
    "zorgintensiteit": gettext_lazy("Kies een zorgintensiteit."),
}


@dataclass(frozen=True)
class BehoefteInvoer:
    kenmerk: Kenmerk
    belang: int
    toelichting: str = ""


def ontbrekend_bericht(deel: str) -> str:
    return str(ONTBREKEND_BERICHT[deel])


def _vergrendel(jongere: Jongere) -> Jongere:
    """Lock the youth's row: version numbers and statuses change one writer at a time."""
    return Jongere.objects.select_for_update().get(pk=jongere.pk)


def _behoeften_van(analyse: VerklarendeAnalyse) -> list[BehoefteInvoer]:
    return [
        BehoefteInvoer(kenmerk=b.kenmerk, belang=b.belang, toelichting=b.toelichting)
        for b in analyse.behoeften.select_related("kenmerk")
    ]


def _behoeften_sleutel(behoeften: list[BehoefteInvoer]) -> set[tuple[int, int, str]]:
    return {(b.kenmerk.pk, b.belang, b.toelichting) for b in behoeften}


def _is_gelijk(
    analyse: VerklarendeAnalyse, inhoud: dict[str, Any], behoeften: list[BehoefteInvoer] | None
) -> bool:
    for veld, waarde in inhoud.items():
        huidig = getattr(analyse, veld)
        if veld == "signalen":
            if sorted(huidig) != sorted(waarde):
                return False
        elif huidig != waarde:
            return False
    return behoeften is None or _behoeften_sleutel(behoeften) == _behoeften_sleutel(
        _behoeften_van(analyse)
    )


def _volgende_versie(jongere: Jongere) -> int:
    hoogste = jongere.analyses.aggregate(hoogste=Max("versie"))["hoogste"]
    return (hoogste or 0) + 1


def _zet_behoeften(analyse: VerklarendeAnalyse, behoeften: list[BehoefteInvoer]) -> None:
    analyse.behoeften.all().delete()
    AnalyseBehoefte.objects.bulk_create(
        AnalyseBehoefte(
            analyse=analyse, kenmerk=b.kenmerk, belang=b.belang, toelichting=b.toelichting
        )
        for b in behoeften
    )


def _bewaar(analyse: VerklarendeAnalyse) -> None:
    # full_clean checks the signal codes and the 0-3 priorities before the database does.
    analyse.full_clean(exclude=["jongere", "gemaakt_door"], validate_constraints=False)
    analyse.save()


def _maak_versie(
    *,
    jongere: Jongere,
    door: User,
    basis: VerklarendeAnalyse | None,
    inhoud: dict[str, Any],
    behoeften: list[BehoefteInvoer] | None,
    status: str,
) -> VerklarendeAnalyse:
    """A new version: `basis` copied, with `inhoud` and `behoeften` laid over it."""
    if basis is not None and basis.status == Status.TER_INSTEMMING:
        # Close the open version first: the database allows only one open version.
        basis.status = Status.VERVANGEN
        basis.save(update_fields=["status", "gewijzigd_op"])
    nu = timezone.now()
    nieuw = VerklarendeAnalyse(
        jongere=jongere,
        versie=_volgende_versie(jongere),
        status=status,
        gemaakt_door=door,
        gemaakt_op=nu,
        voorgelegd_op=nu if status == Status.TER_INSTEMMING else None,
    )
    if basis is not None:
        for veld in INHOUD_VELDEN:
            setattr(nieuw, veld, getattr(basis, veld))
        nieuw.signalen_gewijzigd_op = basis.signalen_gewijzigd_op
    for veld, waarde in inhoud.items():
        setattr(nieuw, veld, waarde)
    if sorted(nieuw.signalen or []) != sorted((basis.signalen or []) if basis else []):
        nieuw.signalen_gewijzigd_op = nu
    _bewaar(nieuw)
    if behoeften is None:
        behoeften = _behoeften_van(basis) if basis is not None else []
    _zet_behoeften(nieuw, behoeften)
    if status == Status.TER_INSTEMMING:
        _vervang_oudere(nieuw)
    return nieuw


def _vervang_oudere(analyse: VerklarendeAnalyse) -> None:
    """A version put to the family replaces every older endorsed or waiting version."""
    analyse.jongere.analyses.filter(
        versie__lt=analyse.versie, status__in=[Status.GEDRAGEN, Status.TER_INSTEMMING]
    ).update(status=Status.VERVANGEN, gewijzigd_op=timezone.now())


@transaction.atomic
def nieuwe_versie(
    *, jongere: Jongere, door: User, basis: VerklarendeAnalyse | None = None
) -> VerklarendeAnalyse:
    """Start a new draft, copied from `basis` (usually the newest version) or empty."""
    jongere = _vergrendel(jongere)
    if jongere.analyses.filter(status=Status.CONCEPT).exists():
        raise ValidationError(_("Er is al een concept. Werk dat eerst bij."))
    return _maak_versie(
        jongere=jongere, door=door, basis=basis, inhoud={}, behoeften=None, status=Status.CONCEPT
    )


@transaction.atomic
def bewaar_analyse(
    *,
    jongere: Jongere,
    door: User,
    inhoud: dict[str, Any],
    behoeften: list[BehoefteInvoer],
) -> tuple[VerklarendeAnalyse, bool]:
    """The coordinator saves the analysis form. Returns the draft and whether anything changed.

    A draft is updated in place; a version already put to the family is copied into a new
    draft (only when something actually changed, so opening and saving the form is harmless).
    """
    jongere = _vergrendel(jongere)
    laatste = jongere.nieuwste_analyse()
    if laatste is not None and _is_gelijk(laatste, inhoud, behoeften):
        return laatste, False
    if laatste is not None and laatste.is_concept:
        signalen_voor = sorted(laatste.signalen or [])
        for veld, waarde in inhoud.items():
            setattr(laatste, veld, waarde)
        if sorted(laatste.signalen or []) != signalen_voor:
            laatste.signalen_gewijzigd_op = timezone.now()
        _bewaar(laatste)
        _zet_behoeften(laatste, behoeften)
        return laatste, True
    nieuw = _maak_versie(
        jongere=jongere,
        door=door,
        basis=laatste,
        inhoud=inhoud,
        behoeften=behoeften,
        status=Status.CONCEPT,
    )
    return nieuw, True


@transaction.atomic
def bewaar_en_leg_voor(
    *,
    jongere: Jongere,
    door: User,
    inhoud: dict[str, Any],
    behoeften: list[BehoefteInvoer],
    voorleggen: bool,
) -> tuple[VerklarendeAnalyse, bool]:
    """Save the coordinator's edit and, when asked, put the draft to the family, as one
    step: either both happen or neither (a draft that cannot go yet is not saved either)."""
    analyse, gewijzigd = bewaar_analyse(
        jongere=jongere, door=door, inhoud=inhoud, behoeften=behoeften
    )
    if voorleggen and analyse.is_concept:
        analyse = leg_voor(analyse=analyse, door=door)
    return analyse, gewijzigd


@transaction.atomic
def leg_voor(*, analyse: VerklarendeAnalyse, door: User) -> VerklarendeAnalyse:
    """Put a complete draft to the youth, the parents and the coordinator for endorsement."""
    _vergrendel(analyse.jongere)
    analyse = VerklarendeAnalyse.objects.select_related("jongere").get(pk=analyse.pk)
    if not analyse.is_concept:
        raise ValidationError(_("Alleen een concept kan ter instemming worden voorgelegd."))
    ontbreekt = analyse.ontbrekende_delen()
    if ontbreekt:
        raise ValidationError([ontbrekend_bericht(deel) for deel in ontbreekt])
    analyse.status = Status.TER_INSTEMMING
    analyse.voorgelegd_op = timezone.now()
    analyse.save(update_fields=["status", "voorgelegd_op", "gewijzigd_op"])
    _vervang_oudere(analyse)
    return analyse


@transaction.atomic
def geef_signalen_vrij(*, analyse: VerklarendeAnalyse, door: User, reden: str) -> None:
    """Let this version's attention signals count in searches before it is endorsed.

    For a youth whose family cannot endorse (yet): no accounts, a crisis. The reason is
    kept with the version and the release counts as a change of the signals, so the next
    search shows in the access log as one made right after a change.
    """
    _vergrendel(analyse.jongere)
    analyse = VerklarendeAnalyse.objects.get(pk=analyse.pk)
    if analyse.is_concept:
        raise ValidationError(
            _("Een concept telt niet mee in het zoeken. Leg de analyse eerst voor.")
        )
    if analyse.status == Status.VERVANGEN:
        raise ValidationError(_("Deze versie is vervangen door een nieuwere."))
    if analyse.is_gedragen or analyse.signalen_vrijgegeven:
        raise ValidationError(_("De aandachtssignalen van deze versie tellen al mee."))
    if not reden.strip():
        raise ValidationError(_("Schrijf op waarom de signalen nu al moeten meetellen."))
    nu = timezone.now()
    analyse.signalen_vrijgegeven_op = nu
    analyse.signalen_vrijgegeven_door = door
    analyse.signalen_vrijgave_reden = reden.strip()
    analyse.signalen_gewijzigd_op = nu
    analyse.save(
        update_fields=[
            "signalen_vrijgegeven_op",
            "signalen_vrijgegeven_door",
            "signalen_vrijgave_reden",
            "signalen_gewijzigd_op",
            "gewijzigd_op",
        ]
    )


def rol_bij(persoon: User, jongere: Jongere) -> str | None:
    """In which role `persoon` answers on this youth's analysis (None: not at all)."""
    gezinsrol = jongere.rol_van(persoon)
    if gezinsrol is not None:
        return Instemming.Rol(gezinsrol.value)
    if is_coordinator_van(persoon, jongere):
        return Instemming.Rol.COORDINATOR
    return None


@transaction.atomic
def geef_instemming(
    *, analyse: VerklarendeAnalyse, persoon: User, akkoord: bool, opmerking: str = ""
) -> Instemming:
    """Record an answer on a version; when everyone agrees, the version is gedragen."""
    _vergrendel(analyse.jongere)
    analyse = VerklarendeAnalyse.objects.select_related("jongere").get(pk=analyse.pk)
    rol = rol_bij(persoon, analyse.jongere)
    if rol is None:
        raise ValidationError(_("Je kunt niet reageren op deze analyse."))
    if not analyse.ter_instemming:
        raise ValidationError(
            _("Deze versie ligt niet (meer) ter instemming. Kijk naar de nieuwste versie.")
        )
    opmerking = opmerking.strip()
    if not akkoord and not opmerking:
        raise ValidationError({"opmerking": _("Schrijf op wat er anders moet.")})
    instemming = Instemming.objects.create(
        analyse=analyse, persoon=persoon, rol=rol, akkoord=akkoord, opmerking=opmerking
    )
    if analyse.iedereen_akkoord():
        analyse.status = Status.GEDRAGEN
        analyse.gedragen_op = timezone.now()
        analyse.save(update_fields=["status", "gedragen_op", "gewijzigd_op"])
    return instemming


@transaction.atomic
def bewaar_woorden_gezin(
    *, jongere: Jongere, persoon: User, woorden: str, prioriteiten: dict[str, int]
) -> tuple[VerklarendeAnalyse, bool]:
    """The youth or a parent saves what they find important and the search priorities.

    The youth writes `belangrijk_jongere`, a parent `belangrijk_ouders`. Returns the version
    that now holds their words and whether anything changed (see the module docstring).
    """
    jongere = _vergrendel(jongere)
    rol = rol_bij(persoon, jongere)
    if rol == Instemming.Rol.JONGERE:
        veld = "belangrijk_jongere"
    elif rol == Instemming.Rol.OUDER:
        veld = "belangrijk_ouders"
    else:
        raise ValidationError(_("Je kunt deze analyse niet aanpassen."))
    toegestaan = {veld for veld, _label in PRIORITEITEN}
    if set(prioriteiten) - toegestaan or any(
        not isinstance(w, int) or not 0 <= w <= 3 for w in prioriteiten.values()
    ):
        raise ValidationError(_("Kies bij elke keuze een waarde van 0 tot en met 3."))
    laatste = jongere.nieuwste_analyse()
    if laatste is None:
        raise ValidationError(_("Er is nog geen analyse om aan te vullen."))
    inhoud: dict[str, Any] = {veld: woorden.strip(), **prioriteiten}
    if _is_gelijk(laatste, inhoud, behoeften=None):
        return laatste, False
    if laatste.is_concept:
        for naam, waarde in inhoud.items():
            setattr(laatste, naam, waarde)
        _bewaar(laatste)
        return laatste, True
    nieuw = _maak_versie(
        jongere=jongere,
        door=persoon,
        basis=laatste,
        inhoud=inhoud,
        behoeften=None,
        status=Status.TER_INSTEMMING,
    )
    return nieuw, True


# --- Invitations --------------------------------------------------------------------------

_TOKEN_SALT = "jongeren.uitnodiging"  # noqa: S105 - a signing namespace, not a secret


class UitnodigingOngeldig(Exception):
    """The link was tampered with or never issued."""


class UitnodigingVerlopen(Exception):
    """The link is older than settings.UITNODIGING_GELDIG_DAGEN."""


class UitnodigingGebruikt(Exception):
    """The link was already used (or a later invitation for the same person was)."""


def maak_token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(uitnodiging.pk, salt=_TOKEN_SALT)


def lees_token(token: str) -> Uitnodiging:
    """The invitation behind a link, or one of the three exceptions above."""
    max_age = timedelta(days=settings.UITNODIGING_GELDIG_DAGEN)
    try:
        pk = signing.loads(token, salt=_TOKEN_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise UitnodigingVerlopen from exc
    except signing.BadSignature as exc:
        raise UitnodigingOngeldig from exc
    uitnodiging = (
        Uitnodiging.objects.select_related("persoon", "jongere").filter(pk=pk).first()
        if isinstance(pk, int)
        else None
    )
    if (
        uitnodiging is None
        or uitnodiging.persoon is None
        or not kan_koppelen(uitnodiging.persoon, rol=uitnodiging.rol, jongere=uitnodiging.jongere)
    ):
        raise UitnodigingOngeldig
    if uitnodiging.gebruikt_op is not None:
        raise UitnodigingGebruikt
    if uitnodiging.is_verlopen:
        raise UitnodigingVerlopen
    return uitnodiging


def kan_koppelen(persoon: User, *, rol: str, jongere: Jongere) -> bool:
    """May an invitation for `jongere` as `rol` use this existing account?

    Only an active account of the same kind; for the youth, one that is no other youth's.
    A parent may have children with different coordinators, so a parent's account may be
    invited again for another child: it is linked only when its owner uses the link.
    """
    if persoon.rol != rol or not persoon.is_active:
        return False
    return not (
        rol == Rol.JONGERE
        and Jongere.objects.filter(account=persoon).exclude(pk=jongere.pk).exists()
    )


@transaction.atomic
def nodig_uit(
    *,
    jongere: Jongere,
    door: User,
    email: str,
    rol: str,
    voornaam: str,
    achternaam: str = "",
    basis_url: str,
) -> Uitnodiging:
    """Invite the youth or a parent: make or reuse their account and e-mail a link.

    The coordinator gets the same answer whatever the address belongs to: nobody yet, a
    parent of another family, a youth of another organisation, a professional, an account
    that is switched off. Telling them apart would tell any coordinator who is a client of
    youth care. Only the address's owner hears, by e-mail, when the address cannot be used
    here; such an invitation has no person and no link. The only refusal depends on this
    youth alone (whose account the coordinator can already see), never on the address.

    The e-mail is sent after the transaction commits, so a rolled-back invitation never
    reaches anyone's inbox.
    """
    if rol not in {Rol.JONGERE, Rol.OUDER}:
        raise ValidationError({"rol": _("Nodig een jongere of een ouder uit.")})
    jongere = _vergrendel(jongere)
    email = email.strip().lower()
    persoon: User | None = User.objects.filter(email__iexact=email).first()
    # Depends on this youth only: whether the address is the youth's own account.
    anders_dan_eigen_account = persoon is None or persoon.pk != jongere.account_id
    if rol == Rol.JONGERE and jongere.account_id is not None and anders_dan_eigen_account:
        raise ValidationError(
            {
                "email": _(
                    "Deze jongere heeft al een account met een ander e-mailadres. "
                    "Stuur de uitnodiging opnieuw naar dat adres."
                )
            }
        )
    if persoon is None:
        # No usable password until the person sets one through the link.
        persoon = User.objects.create_user(
            email=email,
            password=None,
            first_name=voornaam.strip(),
            last_name=achternaam.strip(),
            rol=rol,
        )
    elif not kan_koppelen(persoon, rol=rol, jongere=jongere):
        persoon = None
    # Nobody is linked to the youth before they accept: a mistyped address must not open a
    # child's analysis to a stranger, nor make a stranger one of the required endorsers.
    uitnodiging = Uitnodiging.objects.create(
        jongere=jongere, email=email, persoon=persoon, rol=rol, verstuurd_door=door
    )
    na_commit("jongeren.tasks.stuur_uitnodiging", uitnodiging.pk, basis_url)
    return uitnodiging


def mail_uitnodiging(*, uitnodiging_id: int, basis_url: str) -> None:
    """Compose and send the invitation e-mail (called from the Celery task)."""
    uitnodiging = Uitnodiging.objects.select_related("persoon", "jongere", "verstuurd_door").get(
        pk=uitnodiging_id
    )
    if uitnodiging.gebruikt_op is not None:
        return
    context = {
        "uitnodiging": uitnodiging,
        "dagen": settings.UITNODIGING_GELDIG_DAGEN,
        "is_jongere": uitnodiging.rol == Rol.JONGERE,
    }
    if uitnodiging.persoon is None:
        # The address belongs to an account that cannot be used here: its owner hears it,
        # without a link (nothing to set, nothing to link).
        template = "jongeren/email/uitnodiging_niet_mogelijk.txt"
    else:
        template = "jongeren/email/uitnodiging.txt"
        context["link"] = basis_url.rstrip("/") + reverse(
            "jongeren:uitnodiging", args=[maak_token(uitnodiging)]
        )
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = render_to_string("jongeren/email/uitnodiging_onderwerp.txt", context).strip()
        tekst = render_to_string(template, context)
    send_mail(onderwerp, tekst, None, [uitnodiging.email])


@transaction.atomic
def accepteer_uitnodiging(*, uitnodiging: Uitnodiging, wachtwoord: str) -> User:
    """Set the password and use up the link (and any other open link for this person)."""
    uitnodiging = Uitnodiging.objects.select_for_update().get(pk=uitnodiging.pk)
    if uitnodiging.gebruikt_op is not None:
        raise UitnodigingGebruikt
    if uitnodiging.is_verlopen:
        raise UitnodigingVerlopen
    persoon = uitnodiging.persoon
    jongere = _vergrendel(uitnodiging.jongere)
    # Checked again under the lock: the account may have changed since the invitation.
    if persoon is None or not kan_koppelen(persoon, rol=uitnodiging.rol, jongere=jongere):
        raise UitnodigingOngeldig
    if uitnodiging.rol == Rol.JONGERE:
        if jongere.account_id not in (None, persoon.pk):
            raise UitnodigingOngeldig
        jongere.account = persoon
        jongere.save(update_fields=["account", "gewijzigd_op"])
    else:
        jongere.ouders.add(persoon)
    persoon.set_password(wachtwoord)
    persoon.save(update_fields=["password"])
    Uitnodiging.objects.filter(persoon=persoon, gebruikt_op__isnull=True).update(
        gebruikt_op=timezone.now()
    )
    return persoon


@transaction.atomic
def kies_wat_ouders_zien(
    *, jongere: Jongere, door: User, delen: bool, ouder: User | None = None
) -> None:
    """From 16 the youth decides whether parents read the analysis and its signals: all
    parents at once (`ouder=None`), or one parent at a time."""
    if jongere.rol_van(door) is None or not door.is_jongere or jongere.leeftijd < 16:
        raise ValidationError(_("Alleen de jongere zelf kiest dit, vanaf 16 jaar."))
    jongere = _vergrendel(jongere)
    ouders = list(jongere.ouders.all())
    if ouder is not None and ouder not in ouders:
        raise ValidationError(_("Kies een van je eigen ouders."))
    verborgen = {o.pk for o in ouders if not jongere.deelt_met(o)}
    if ouder is None:
        verborgen = set() if delen else {o.pk for o in ouders}
    elif delen:
        verborgen.discard(ouder.pk)
    else:
        verborgen.add(ouder.pk)
    # Hidden from every parent: the one switch; otherwise the parents it is hidden from.
    iedereen = bool(ouders) and verborgen == {o.pk for o in ouders}
    zien = not iedereen and (bool(ouders) or delen)
    if jongere.ouders_zien_analyse != zien:
        jongere.ouders_zien_analyse = zien
        jongere.save(update_fields=["ouders_zien_analyse", "gewijzigd_op"])
    jongere.ouders_verborgen.set([] if not zien else sorted(verborgen))


def mag_instemming_vastleggen(analyse: VerklarendeAnalyse, stand: InstemmingStand) -> bool:
    """May the coordinator record this person's endorsement from a conversation? For the
    youth or a parent who does not use the portal: no account, or one never signed in to."""
    if not analyse.ter_instemming or stand.rol == Instemming.Rol.COORDINATOR:
        return False
    return stand.persoon is None or stand.persoon.last_login is None


def sleutel_van_stand(stand: InstemmingStand) -> str:
    """How the recording form names a person: "jongere" or "ouder:<id>"."""
    if stand.rol == Instemming.Rol.JONGERE:
        return "jongere"
    assert stand.persoon is not None
    return f"ouder:{stand.persoon.pk}"


@transaction.atomic
def leg_instemming_vast(
    *,
    analyse: VerklarendeAnalyse,
    door: User,
    wie: str,
    akkoord: bool,
    hoe: str,
    gesprek_op: Any,
    aanwezig: str,
    opmerking: str = "",
) -> Instemming:
    """The coordinator records the endorsement of the youth or a parent who does not use the
    portal, from a conversation: who, when, how, who was present. It is marked as recorded
    by the coordinator; the person confirms it later if they get an account
    (`bevestig_instemming`). When everyone agrees, the version is gedragen."""
    jongere = _vergrendel(analyse.jongere)
    analyse = VerklarendeAnalyse.objects.select_related("jongere").get(pk=analyse.pk)
    if not is_coordinator_van(door, jongere):
        raise ValidationError(_("Alleen een coördinator van deze jongere legt dit vast."))
    if not analyse.ter_instemming:
        raise ValidationError(
            _("Deze versie ligt niet (meer) ter instemming. Kijk naar de nieuwste versie.")
        )
    stand = next(
        (
            s
            for s in analyse.instemming_per_persoon()
            if s.rol != Instemming.Rol.COORDINATOR and sleutel_van_stand(s) == wie
        ),
        None,
    )
    if stand is None:
        raise ValidationError({"wie": _("Kies wie er instemde.")})
    if not mag_instemming_vastleggen(analyse, stand):
        raise ValidationError(
            {"wie": _("%(naam)s gebruikt het portaal en zegt het zelf.") % {"naam": stand.naam}}
        )
    if hoe not in Instemming.Hoe.values:
        raise ValidationError({"hoe": _("Kies hoe jullie spraken.")})
    if gesprek_op > timezone.now():
        raise ValidationError({"gesprek_op": _("Dit gesprek ligt in de toekomst.")})
    if analyse.voorgelegd_op is not None and gesprek_op < analyse.voorgelegd_op - timedelta(days=1):
        raise ValidationError(
            {"gesprek_op": _("Dit gesprek was voordat deze versie werd voorgelegd.")}
        )
    opmerking = opmerking.strip()
    if not akkoord and not opmerking:
        raise ValidationError({"opmerking": _("Schrijf op wat er anders moet.")})
    instemming = Instemming.objects.create(
        analyse=analyse,
        persoon=stand.persoon,
        rol=stand.rol,
        akkoord=akkoord,
        opmerking=opmerking,
        vastgelegd_door=door,
        hoe=hoe,
        gesprek_op=gesprek_op,
        aanwezig=aanwezig.strip(),
    )
    if analyse.iedereen_akkoord():
        analyse.status = Status.GEDRAGEN
        analyse.gedragen_op = timezone.now()
        analyse.save(update_fields=["status", "gedragen_op", "gewijzigd_op"])
    return instemming


def te_bevestigen(jongere: Jongere, persoon: User) -> list[Instemming]:
    """What the coordinator recorded for this person and they have not confirmed yet."""
    rol = rol_bij(persoon, jongere)
    if rol not in {Instemming.Rol.JONGERE, Instemming.Rol.OUDER}:
        return []
    antwoorden = Instemming.objects.filter(
        analyse__jongere=jongere, rol=rol, vastgelegd_door__isnull=False, bevestigd_op__isnull=True
    ).select_related("analyse", "vastgelegd_door")
    if rol == Instemming.Rol.JONGERE:
        antwoorden = antwoorden.filter(Q(persoon__isnull=True) | Q(persoon=persoon))
    else:
        antwoorden = antwoorden.filter(persoon=persoon)
    return list(antwoorden.order_by("-op", "-pk"))


@transaction.atomic
def bevestig_instemming(*, instemming: Instemming, door: User) -> Instemming:
    """The person confirms what the coordinator recorded for them."""
    actueel = (
        Instemming.objects.select_for_update(of=("self",))
        .select_related("analyse__jongere")
        .get(pk=instemming.pk)
    )
    if actueel.pk not in {i.pk for i in te_bevestigen(actueel.analyse.jongere, door)}:
        raise ValidationError(_("Alleen de persoon zelf bevestigt dit."))
    actueel.bevestigd_op = timezone.now()
    actueel.persoon = door
    actueel.save(update_fields=["bevestigd_op", "persoon"])
    return actueel
