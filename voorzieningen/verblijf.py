"""A youth's stay seen from the people around it: the perspective, the mentor the youth
chose, and from 17½ the transition checklist.

Who may do what with one stay (`rol_bij`): the youth themselves, a parent who reads the
file (`jongeren.lees_dossier`), a coordinator of the youth's organisation and the home's
manager. Everyone else gets a 404 from the views, and a refusal in the access log.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from jongeren.models import Jongere
from voorzieningen.models import Overgangspunt, Plaatsing, Teamlid, Voorziening


class Rol(StrEnum):
    JONGERE = "jongere"
    OUDER = "ouder"
    COORDINATOR = "coordinator"
    BEHEERDER = "beheerder"


# Who keeps the transition checklist up: the youth, the coordinator and the home.
BIJHOUDERS = frozenset({Rol.JONGERE, Rol.COORDINATOR, Rol.BEHEERDER})


def rol_bij(user: User, plaatsing: Plaatsing) -> Rol | None:
    """How `user` stands to this stay (None: not at all)."""
    if not user.is_authenticated or not user.is_active:
        return None
    jongere = plaatsing.jongere
    if user.is_beheerder:
        beheert = Voorziening.objects.managed_by(user).filter(pk=plaatsing.voorziening_id)
        return Rol.BEHEERDER if beheert.exists() else None
    if jongere is None:
        return None
    if not Jongere.objects.for_user(user).filter(pk=jongere.pk).exists():
        return None
    if user.is_coordinator:
        return Rol.COORDINATOR
    if user.is_jongere:
        return Rol.JONGERE
    if user.is_ouder and user.has_perm("jongeren.lees_dossier", jongere):
        return Rol.OUDER
    return None


def huidig_verblijf(jongere_pk: int) -> int | None:
    """The youth's current stay (the newest without a departure), if any."""
    return (
        Plaatsing.objects.filter(jongere_id=jongere_pk, einde__isnull=True)
        .order_by("-aankomst", "-pk")
        .values_list("pk", flat=True)
        .first()
    )


def mag_mentor_kiezen(rol: Rol | None, plaatsing: Plaatsing) -> bool:
    """The youth chooses; the coordinator records the choice only for a youth without an
    account (the youth with an account chooses for themselves)."""
    if rol == Rol.JONGERE:
        return True
    return (
        rol == Rol.COORDINATOR
        and plaatsing.jongere is not None
        and plaatsing.jongere.account_id is None
    )


def mentorkandidaten(plaatsing: Plaatsing) -> list[Teamlid]:
    """The home's team as it is today: who the youth can choose from."""
    return list(plaatsing.voorziening.teamleden.actief(timezone.localdate()).order_by("naam"))


@transaction.atomic
def kies_mentor(*, plaatsing: Plaatsing, door: User, teamlid: Teamlid) -> Plaatsing:
    """The youth chooses their mentor (or the coordinator records the choice for a youth
    without an account, marked as such). Choosing again replaces the choice; the stay's
    history keeps the earlier ones."""
    actueel = (
        Plaatsing.objects.select_for_update(of=("self",))
        .select_related("jongere")
        .get(pk=plaatsing.pk)
    )
    rol = rol_bij(door, actueel)
    if not mag_mentor_kiezen(rol, actueel):
        raise PermissionDenied
    vandaag = timezone.localdate()
    if actueel.einde is not None:
        raise ValidationError(_("Dit verblijf is voorbij."), code="voorbij")
    if actueel.aankomst > vandaag:
        raise ValidationError(
            _("Een mentor kies je na de aankomst in de woning."), code="nog_niet_aangekomen"
        )
    if teamlid.pk not in {t.pk for t in mentorkandidaten(actueel)}:
        raise ValidationError(
            {"mentor": _("Kies iemand uit het team van deze woning.")}, code="niet_in_team"
        )
    actueel.mentor = teamlid
    actueel.mentor_gekozen_op = timezone.now()
    actueel.mentor_vastgelegd_door = door if rol == Rol.COORDINATOR else None
    actueel.save(update_fields=["mentor", "mentor_gekozen_op", "mentor_vastgelegd_door"])
    return actueel


@transaction.atomic
def bewaar_overgang(
    *, plaatsing: Plaatsing, door: User, punten: dict[str, tuple[str, str]]
) -> list[str]:
    """Save the checklist: per item (`onderwerp`) its status and note. Only items that
    changed are written (each change is in the history). Returns the changed items."""
    actueel = (
        Plaatsing.objects.select_for_update(of=("self",))
        .select_related("jongere")
        .get(pk=plaatsing.pk)
    )
    if rol_bij(door, actueel) not in BIJHOUDERS:
        raise PermissionDenied
    if not actueel.overgang_nu():
        raise ValidationError(
            _("De overgangslijst hoort bij een lopend verblijf van een jongere van 17½ of ouder."),
            code="nog_niet",
        )
    onbekend = set(punten) - set(Overgangspunt.Onderwerp.values)
    if onbekend:
        raise ValidationError(_("Onbekend onderwerp op de overgangslijst."), code="onderwerp")
    gewijzigd: list[str] = []
    for punt in actueel.overgangslijst():
        if punt.onderwerp not in punten:
            continue
        status, notitie = punten[punt.onderwerp]
        if status not in Overgangspunt.Status.values:
            raise ValidationError(_("Kies een status."), code="status")
        notitie = notitie.strip()
        if punt.pk is not None and (punt.status, punt.notitie) == (status, notitie):
            continue
        if punt.pk is None and status == Overgangspunt.Status.OPEN and not notitie:
            continue
        punt.status, punt.notitie = status, notitie
        punt.door, punt.gewijzigd_op = door, timezone.now()
        punt.save()
        gewijzigd.append(punt.onderwerp)
    return gewijzigd


def open_punten(plaatsing: Plaatsing) -> list[Overgangspunt]:
    """The checklist items that still need attention."""
    return [p for p in plaatsing.overgangslijst() if not p.is_afgerond]
