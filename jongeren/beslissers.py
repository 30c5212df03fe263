"""Who decides about a placement: computed in one place from age, measure and gezag.

The rules (DOMAIN.md, "Who decides"; a product rule, not legal advice):

- Under 12: the parents with parental authority (gezag) decide; the child is heard.
- 12 to 15: the youth and the parents with gezag decide together.
- 16 and 17: the youth decides; parents are informed only when the youth agrees.
- 18 and older: the young adult alone.
- Under a supervision order (OTS) the parents keep gezag and the certified institution's
  youth protection worker (jeugdbeschermer) co-decides. With the court's authorisation for
  out-of-home placement (machtiging uithuisplaatsing) on file, the coordinator may record a
  placement over a parent's "no", with a reason: the court has already decided.
- Under (provisional) guardianship no parent holds gezag: the guardian (the jeugdbeschermer)
  decides in their place.
- A parent without gezag is informed in general terms and never blocks.

The functions here are pure: `wie_beslist` takes plain values and returns a typed result.
`voor_jongere` reads those values from a youth; pages and the proposal flow call that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from jongeren.models import Jongere


class Inbreng(StrEnum):
    """How much say one person has."""

    BESLIST = "beslist"
    BESLIST_MEE = "beslist_mee"
    WORDT_GEHOORD = "wordt_gehoord"
    WORDT_GEINFORMEERD = "wordt_geinformeerd"

    @property
    def label(self) -> str:
        return {
            Inbreng.BESLIST: _("beslist"),
            Inbreng.BESLIST_MEE: _("beslist mee"),
            Inbreng.WORDT_GEHOORD: _("wordt gehoord"),
            Inbreng.WORDT_GEINFORMEERD: _("wordt geïnformeerd"),
        }[self]


class Leeftijdsgroep(StrEnum):
    ONDER_12 = "onder_12"
    VAN_12_TOT_16 = "12_15"
    VAN_16_TOT_18 = "16_17"
    VOLWASSEN = "18_plus"


class Wie(StrEnum):
    JONGERE = "jongere"
    OUDER = "ouder"
    JEUGDBESCHERMER = "jeugdbeschermer"


# Keys for people who must decide but are not (yet) linked in the portal: the coordinator
# records their decision from a conversation.
SLEUTEL_JONGERE = "jongere"
SLEUTEL_JEUGDBESCHERMER = "jeugdbeschermer"
SLEUTEL_GEZAG_ONBEKEND = "gezag"


def sleutel_ouder(pk: int) -> str:
    return f"ouder:{pk}"


MAATREGEL_GEEN = "geen"
MAATREGEL_OTS = "ots"
VOOGDIJ_MAATREGELEN = frozenset({"voogdij", "voorlopige_voogdij"})


@dataclass(frozen=True)
class Ouder:
    sleutel: str
    naam: str
    heeft_gezag: bool


@dataclass(frozen=True)
class Betrokkene:
    """One person and their say in a placement."""

    sleutel: str
    naam: str
    wie: Wie
    inbreng: Inbreng
    waarom: str
    # May the coordinator place over this person's "no" (with a recorded reason)?
    overschrijfbaar: bool = False
    # Only for parents of a 16+ youth: informed only when the youth agrees.
    alleen_met_toestemming_jongere: bool = False

    @property
    def moet_instemmen(self) -> bool:
        return self.inbreng in {Inbreng.BESLIST, Inbreng.BESLIST_MEE}


@dataclass(frozen=True)
class Beslissers:
    leeftijd: int
    leeftijdsgroep: Leeftijdsgroep
    maatregel: str
    betrokkenen: tuple[Betrokkene, ...]
    # Does an out-of-home placement need the court's authorisation on file?
    machtiging_nodig: bool

    def moeten_instemmen(self) -> list[Betrokkene]:
        return [b for b in self.betrokkenen if b.moet_instemmen]

    def van(self, sleutel: str) -> Betrokkene | None:
        return next((b for b in self.betrokkenen if b.sleutel == sleutel), None)


def leeftijdsgroep(leeftijd: int) -> Leeftijdsgroep:
    if leeftijd < 12:
        return Leeftijdsgroep.ONDER_12
    if leeftijd < 16:
        return Leeftijdsgroep.VAN_12_TOT_16
    if leeftijd < 18:
        return Leeftijdsgroep.VAN_16_TOT_18
    return Leeftijdsgroep.VOLWASSEN


def _jongere(groep: Leeftijdsgroep, naam: str) -> Betrokkene:
    if groep == Leeftijdsgroep.ONDER_12:
        return Betrokkene(
            SLEUTEL_JONGERE,
            naam,
            Wie.JONGERE,
            Inbreng.WORDT_GEHOORD,
            _("Jonger dan 12: we vragen wat je ervan vindt. Je mening telt mee."),
        )
    if groep == Leeftijdsgroep.VAN_12_TOT_16:
        return Betrokkene(
            SLEUTEL_JONGERE,
            naam,
            Wie.JONGERE,
            Inbreng.BESLIST,
            _("Vanaf 12 jaar beslis je samen met wie het gezag heeft."),
        )
    if groep == Leeftijdsgroep.VAN_16_TOT_18:
        return Betrokkene(
            SLEUTEL_JONGERE,
            naam,
            Wie.JONGERE,
            Inbreng.BESLIST,
            _("Vanaf 16 jaar beslis je zelf."),
        )
    return Betrokkene(
        SLEUTEL_JONGERE,
        naam,
        Wie.JONGERE,
        Inbreng.BESLIST,
        _("Vanaf 18 jaar beslis je alleen."),
    )


def _ouder(groep: Leeftijdsgroep, ouder: Ouder, *, voogdij: bool, machtiging: bool) -> Betrokkene:
    if voogdij:
        return Betrokkene(
            ouder.sleutel,
            ouder.naam,
            Wie.OUDER,
            Inbreng.WORDT_GEINFORMEERD,
            _("Er is voogdij: de voogd beslist. Deze ouder hoort in het algemeen hoe het gaat."),
        )
    if not ouder.heeft_gezag:
        return Betrokkene(
            ouder.sleutel,
            ouder.naam,
            Wie.OUDER,
            Inbreng.WORDT_GEINFORMEERD,
            _("Deze ouder heeft geen gezag: hoort in het algemeen hoe het gaat."),
        )
    if groep in {Leeftijdsgroep.VAN_16_TOT_18, Leeftijdsgroep.VOLWASSEN}:
        return Betrokkene(
            ouder.sleutel,
            ouder.naam,
            Wie.OUDER,
            Inbreng.WORDT_GEINFORMEERD,
            _(
                "De jongere is 16 of ouder en beslist zelf. "
                "Ouders horen het als de jongere dat goed vindt."
            ),
            alleen_met_toestemming_jongere=True,
        )
    return Betrokkene(
        ouder.sleutel,
        ouder.naam,
        Wie.OUDER,
        Inbreng.BESLIST,
        _("Deze ouder heeft gezag en beslist mee over waar de jongere gaat wonen.")
        if groep == Leeftijdsgroep.VAN_12_TOT_16
        else _("Deze ouder heeft gezag en beslist."),
        overschrijfbaar=machtiging,
    )


def wie_beslist(
    *,
    leeftijd: int,
    maatregel: str,
    ouders: Sequence[Ouder],
    jongere_naam: str,
    jeugdbeschermer_naam: str | None,
    machtiging_uhp: bool = False,
) -> Beslissers:
    """Who decides, co-decides, is heard or is informed about a placement.

    `machtiging_uhp`: the court's authorisation for out-of-home placement is on file (only
    meaningful under OTS). Nobody is left out: a required person who is not linked in the
    portal appears with a placeholder key, so their decision can be recorded.
    """
    groep = leeftijdsgroep(leeftijd)
    volwassen = groep == Leeftijdsgroep.VOLWASSEN
    maatregel = MAATREGEL_GEEN if volwassen else maatregel
    voogdij = maatregel in VOOGDIJ_MAATREGELEN
    ots = maatregel == MAATREGEL_OTS
    overschrijfbaar = ots and machtiging_uhp
    betrokkenen = [_jongere(groep, jongere_naam)]
    betrokkenen += [_ouder(groep, o, voogdij=voogdij, machtiging=overschrijfbaar) for o in ouders]
    if voogdij:
        betrokkenen.append(
            Betrokkene(
                SLEUTEL_JEUGDBESCHERMER,
                jeugdbeschermer_naam or _("De voogd (nog niet gekoppeld)"),
                Wie.JEUGDBESCHERMER,
                Inbreng.BESLIST,
                _("Er is voogdij: de voogd van de gecertificeerde instelling heeft het gezag."),
            )
        )
    elif ots:
        betrokkenen.append(
            Betrokkene(
                SLEUTEL_JEUGDBESCHERMER,
                jeugdbeschermer_naam or _("De jeugdbeschermer (nog niet gekoppeld)"),
                Wie.JEUGDBESCHERMER,
                Inbreng.BESLIST_MEE,
                _("Er is een ondertoezichtstelling: de jeugdbeschermer beslist mee."),
            )
        )
    # Under 16 without guardianship someone with gezag must decide. When no linked parent
    # holds it, the decision of the person who does is recorded by the coordinator.
    heeft_gezag = any(o.heeft_gezag for o in ouders)
    onder_16 = groep in {Leeftijdsgroep.ONDER_12, Leeftijdsgroep.VAN_12_TOT_16}
    if onder_16 and not voogdij and not heeft_gezag:
        betrokkenen.append(
            Betrokkene(
                SLEUTEL_GEZAG_ONBEKEND,
                _("Wie het gezag heeft (niet in het portaal)"),
                Wie.OUDER,
                Inbreng.BESLIST,
                _("De coördinator legt het besluit vast uit een gesprek."),
                overschrijfbaar=overschrijfbaar,
            )
        )
    return Beslissers(
        leeftijd=leeftijd,
        leeftijdsgroep=groep,
        maatregel=maatregel,
        betrokkenen=tuple(betrokkenen),
        machtiging_nodig=ots,
    )


# The parents in the order they are listed under "who decides".
OUDERS_VOLGORDE = ("first_name", "email")


def ouders_vooraf(pad: str = "") -> list[Prefetch[Any]]:
    """What `voor_jongere` reads of a youth, fetched ahead for a whole list of them
    (`pad`: the way from the list's rows to the youth, e.g. "jongere__")."""
    from accounts.models import User

    return [
        Prefetch(
            f"{pad}ouders",
            queryset=User.objects.order_by(*OUDERS_VOLGORDE),
            to_attr="ouders_op_naam",
        ),
        Prefetch(f"{pad}ouders_zonder_gezag"),
    ]


def voor_jongere(jongere: Jongere, op: date | None = None) -> Beslissers:
    """`wie_beslist` for this youth: their age on `op` (default today, when they decide);
    the authorisation as on file for the day the place is needed."""
    from django.utils import timezone

    dag = op or timezone.localdate()
    # A list of proposals fetches these ahead for all its youths (`ouders_vooraf`).
    voorafgehaald = getattr(jongere, "ouders_op_naam", None)
    if voorafgehaald is not None:
        ouders_op_naam = voorafgehaald
        zonder_gezag = {o.pk for o in jongere.ouders_zonder_gezag.all()}
    else:
        ouders_op_naam = list(jongere.ouders.order_by(*OUDERS_VOLGORDE))
        zonder_gezag = set(jongere.ouders_zonder_gezag.values_list("pk", flat=True))
    ouders = [Ouder(sleutel_ouder(o.pk), str(o), o.pk not in zonder_gezag) for o in ouders_op_naam]
    beschermer = jongere.jeugdbeschermer
    return wie_beslist(
        leeftijd=jongere.leeftijd_op(dag),
        maatregel=jongere.maatregel,
        ouders=ouders,
        jongere_naam=jongere.roepnaam,
        jeugdbeschermer_naam=str(beschermer) if beschermer is not None else None,
        machtiging_uhp=jongere.machtiging_uhp_geldig_op(max(dag, jongere.nodig_vanaf)),
    )


def sleutel_van(jongere: Jongere, user: object) -> str | None:
    """The key under which `user` appears in `voor_jongere(jongere)` (None: not there)."""
    from accounts.models import User

    if not isinstance(user, User) or not user.is_active:
        return None
    if user.is_jongere and jongere.account_id == user.pk:
        return SLEUTEL_JONGERE
    if user.is_ouder and jongere.ouders.filter(pk=user.pk).exists():
        return sleutel_ouder(user.pk)
    if user.is_jeugdbeschermer and jongere.jeugdbeschermer_id == user.pk:
        return SLEUTEL_JEUGDBESCHERMER
    return None
