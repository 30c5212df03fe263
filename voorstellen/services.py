"""The proposal workflow: from draft to placement, one `do`-style function per step.

The allowed moves are the table `OVERGANGEN` below, and nowhere else: every step calls
`_ga_over`, which refuses a move that is not in the table with `VoorstelFout` (a Dutch
message the pages show as is), writes the timeline and leaves the status changed. Every
step runs under `transaction.atomic` with the proposal's row locked, so a double submit or
two people acting at once queue up and the second one gets a clear refusal. Notices and
e-mails go out after the commit (`_vertel`): a rolled-back step tells nobody anything.

Decisions made here, in short:

* Sending checks the home with the engine (`evaluate_home`) at that moment: only an
  eligible home gets a proposal, at most `VOORSTEL_MAX_OPEN` open ones per youth, one open
  proposal per youth and home. Nothing is sent to "all homes".
* Sending does not reserve a vacancy. Three parallel proposals would otherwise hold three
  places that other youths need; the place is taken at placement, under the home's row
  lock, and a home that filled up in the meantime gives a clear refusal.
* The family decides per person (`Besluit`, newest row counts). When the meeting was held
  and the youth (if they have an account) and every parent said yes, the proposal moves to
  AKKOORD by itself; a later "twijfel" or "nee" moves it back.
* Every step that changes the world asks the engine again about the group as it is then
  (`groepscontrole`): sending, the home's "interested", placing (also when the home's
  manager registers the arrival). A home the engine now blocks (a hard limit, e.g. the
  absolute incompatibility or a protective zone) stops the step with the engine's reasons,
  and nothing is saved. The score kept on the stay is the one computed at placement.
* A counter-check (`Tegenspraak`) is required when the engine left attention points or the
  group would be high-risk; the latest counter-check must be a sign-off before placement.
  It is four eyes (never the proposal's author or the youth's own coordinator), and it is
  void once a resident arrived or left or the group's risk rose since it was signed.
* Sending needs a motivation: the family reads why this home. The pages show a summary
  first and send only after it was confirmed.
* The full analysis is shared with the home once everyone who decides or co-decides said
  yes to sharing, each for themselves (`Deeltoestemming`), or after a coordinator's
  override with a reason (`Toestemming`). A later "no" (a withdrawal, or a "no" to the
  proposal itself) stops the sharing again: the home reads the profile without a name.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Rol, User
from accounts.rules import is_gedragswetenschapper
from accounts.services import meld
from jongeren import beslissers
from jongeren.beslissers import Beslissers, Betrokkene, Wie
from jongeren.models import Fase, Jongere, Maatregel
from jongeren.profiel import fout_in_tekst_voor_woning
from jongeren.rules import is_coordinator_van
from kern import opmaak
from kern.publiek import Stem
from kern.uitgesteld import na_commit
from matching.adapters import home_for_arrival, load_homes, youth_from_jongere
from matching.engine import Audience, HomeResult, evaluate_home
from voorstellen.models import (
    Afwijsreden,
    Besluit,
    Deeltoestemming,
    Kennismaking,
    Tegenspraak,
    Toestemming,
    Voorstel,
    VoorstelGebeurtenis,
    VoorstelStatus,
)
from voorstellen.publiek import OUDER_SLEUTEL, sleutel, stem_van
from voorzieningen.models import Plaatsing, Vacature, Voorziening
from voorzieningen.rules import is_beheerder_van_aanbieder
from voorzieningen.services import registreer_aankomst

logger = logging.getLogger(__name__)

S = VoorstelStatus

# action -> (states it may start from, state it ends in). The one definition of the flow.
OVERGANGEN: dict[str, tuple[frozenset[str], str]] = {
    "stuur": (frozenset({S.CONCEPT}), S.VERSTUURD),
    "interesse": (frozenset({S.VERSTUURD}), S.INTERESSE),
    "afwijzen": (frozenset({S.VERSTUURD}), S.AFGEWEZEN),
    "plan_kennismaking": (
        frozenset({S.INTERESSE, S.KENNISMAKING_GEPLAND}),
        S.KENNISMAKING_GEPLAND,
    ),
    "kennismaking_gehouden": (frozenset({S.KENNISMAKING_GEPLAND}), S.KENNISMAKING_GEHOUDEN),
    "iedereen_ja": (frozenset({S.KENNISMAKING_GEHOUDEN}), S.AKKOORD),
    "niet_meer_iedereen_ja": (frozenset({S.AKKOORD}), S.KENNISMAKING_GEHOUDEN),
    "plaats": (frozenset({S.AKKOORD}), S.GEPLAATST),
    "spoed": (
        frozenset({S.VERSTUURD, S.INTERESSE, S.KENNISMAKING_GEPLAND, S.KENNISMAKING_GEHOUDEN}),
        S.AKKOORD,
    ),
    "trek_in": (
        frozenset(
            {
                S.CONCEPT,
                S.VERSTUURD,
                S.INTERESSE,
                S.KENNISMAKING_GEPLAND,
                S.KENNISMAKING_GEHOUDEN,
                S.AKKOORD,
            }
        ),
        S.INGETROKKEN,
    ),
    "verloop": (frozenset({S.VERSTUURD}), S.VERLOPEN),
}

# Steps that change nothing in the status but are allowed only in these states.
BESLUIT_STATUSSEN = frozenset(
    {S.INTERESSE, S.KENNISMAKING_GEPLAND, S.KENNISMAKING_GEHOUDEN, S.AKKOORD}
)
TEGENSPRAAK_STATUSSEN = frozenset({S.KENNISMAKING_GEHOUDEN, S.AKKOORD})
TOESTEMMING_STATUSSEN = frozenset(
    {S.VERSTUURD, S.INTERESSE, S.KENNISMAKING_GEPLAND, S.KENNISMAKING_GEHOUDEN, S.AKKOORD}
)


# Set by `zonder_mail()`: the demo seeding leaves notices but sends no e-mail.
_zonder_mail: ContextVar[bool] = ContextVar("zonder_mail", default=False)


@contextmanager
def zonder_mail() -> Iterator[None]:
    """Run steps without e-mails (the in-portal notices are still left). For the demo."""
    token = _zonder_mail.set(True)
    try:
        yield
    finally:
        _zonder_mail.reset(token)


class VoorstelFout(ValidationError):
    """A step that is not allowed now; the message says why, in Dutch, for the page."""


MOTIVATIE_NODIG = gettext_lazy(
    "Schrijf op waarom deze woning past. Het gezin leest dit voordat het kiest."
)


# --- settings and dates ----------------------------------------------------------------


def antwoord_werkdagen() -> int:
    return int(settings.VOORSTEL_ANTWOORD_WERKDAGEN)


def verloop_werkdagen() -> int:
    return int(settings.VOORSTEL_VERLOOP_WERKDAGEN)


def max_open() -> int:
    return int(settings.VOORSTEL_MAX_OPEN)


def werkdagen_later(moment: dt.datetime, dagen: int) -> dt.datetime:
    """`moment` plus `dagen` working days (Monday to Friday), same time of day.

    Sent on a Saturday or Sunday, counting starts on Monday; public holidays are not
    known to the portal and count as working days.
    """
    lokaal = timezone.localtime(moment)
    while lokaal.weekday() >= 5:
        lokaal = (lokaal + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    over = dagen
    while over > 0:
        lokaal += dt.timedelta(days=1)
        if lokaal.weekday() < 5:
            over -= 1
    return lokaal


# --- helpers -----------------------------------------------------------------------------


def _rol_van(door: User | None) -> str:
    if door is None:
        return "portaal"
    if door.is_coordinator and door.is_gedragswetenschapper:
        return "gedragswetenschapper"
    return str(door.rol)


def _vergrendel(voorstel: Voorstel) -> Voorstel:
    return (
        Voorstel.objects.select_for_update()
        .select_related("jongere", "voorziening", "voorziening__aanbieder")
        .get(pk=voorstel.pk)
    )


def _log(
    voorstel: Voorstel,
    *,
    door: User | None,
    wat: str,
    van: str = "",
    naar: str = "",
    waarom: str = "",
    op: dt.datetime | None = None,
) -> VoorstelGebeurtenis:
    return VoorstelGebeurtenis.objects.create(
        voorstel=voorstel,
        door=door,
        rol=_rol_van(door),
        wat=wat,
        van_status=van,
        naar_status=naar,
        waarom=waarom,
        op=op or timezone.now(),
    )


def _ga_over(
    voorstel: Voorstel,
    actie: str,
    *,
    door: User | None,
    waarom: str = "",
    op: dt.datetime | None = None,
) -> None:
    """Move `voorstel` (locked by the caller) by `actie`, or refuse with a Dutch message."""
    van_statussen, naar = OVERGANGEN[actie]
    if voorstel.status not in van_statussen:
        raise VoorstelFout(
            _("Dit kan nu niet: het voorstel heeft de status '%(status)s'.")
            % {"status": voorstel.get_status_display()},
            code="ongeldige_overgang",
        )
    van = voorstel.status
    voorstel.status = naar
    voorstel.save(update_fields=["status", "gewijzigd_op"])
    _log(voorstel, door=door, wat=actie, van=van, naar=naar, waarom=waarom, op=op)


def _controleer_coordinator(voorstel: Voorstel, door: User) -> None:
    if not is_coordinator_van(door, voorstel.jongere):
        raise VoorstelFout(_("Alleen de coördinator van deze jongere kan dit doen."), code="rol")


def _controleer_beheerder(voorstel: Voorstel, door: User) -> None:
    if not is_beheerder_van_aanbieder(door, voorstel.voorziening):
        raise VoorstelFout(_("Alleen de beheerder van deze woning kan dit doen."), code="rol")


def gezin_rol(voorstel: Voorstel, persoon: User) -> str | None:
    """'jongere' or 'ouder' when `persoon` is the youth or a parent of this proposal."""
    gezinsrol = voorstel.jongere.rol_van(persoon)
    return Besluit.Rol(gezinsrol.value) if gezinsrol is not None else None


def beheerders(voorziening: Voorziening) -> list[User]:
    return list(
        User.objects.filter(
            rol=Rol.BEHEERDER, organisatie_id=voorziening.aanbieder_id, is_active=True
        )
    )


def _coordinatoren(voorstel: Voorstel) -> list[User]:
    mensen = [voorstel.gemaakt_door]
    if voorstel.jongere.coordinator_id and voorstel.jongere.coordinator is not None:
        mensen.append(voorstel.jongere.coordinator)
    return mensen


def _vertel(
    voorstel: Voorstel,
    ontvangers: Iterable[User],
    tekst: str,
    *,
    mail: str = "voorstellen.tasks.mail_voorstel_gewijzigd",
) -> None:
    """A notice in the portal and an e-mail, after the commit, to each of `ontvangers`.

    `tekst` is the in-portal notice; it never names the youth to the home. The e-mail says
    only that something changed and links to the login (no details at all); `mail` is the
    task that sends it.
    """
    unieke = {user.pk: user for user in ontvangers if user is not None and user.is_active}
    if not unieke:
        return
    meld(ontvangers=unieke.values(), tekst=tekst, url=voorstel.get_absolute_url())
    if _zonder_mail.get():
        return
    na_commit(mail, voorstel.pk, sorted(unieke))


# Everyone who reads a proposal's explanation, each from their own version (kern/publiek.py).
# The steps decide with the coordinator's reading: it uses all of the youth's signals and
# names no resident's, so its reasons may be repeated to anyone party to the proposal.
VOORSTEL_PUBLIEK = (
    Audience.COORDINATOR,
    Audience.GEZIN,
    Audience.BEHEERDER_VOOR_TOESTEMMING,
    Audience.BEHEERDER_NA_TOESTEMMING,
)
BESLISSEND = Audience.COORDINATOR


def _home_results(
    voorstel: Voorstel,
    *,
    now: dt.datetime,
    publiek: Iterable[Audience] = VOORSTEL_PUBLIEK,
    ouder: bool = False,
) -> dict[Audience, HomeResult] | None:
    """The engine's answer for the proposal's home now, once per reader, each in that
    reader's voice (`voorstellen.publiek.stem_van`; `ouder`: the family's version for a
    parent). The youth's signals always count here (`alle_signalen`): these are the steps
    that change the world."""
    today = timezone.localdate(now)
    homes = load_homes(today=today, now=now, only=[voorstel.voorziening_id])
    if not homes:
        return None
    youth = youth_from_jongere(
        voorstel.jongere, voorstel.jongere.actuele_analyse(), alle_signalen=True
    )
    jongere = voorstel.jongere
    return {
        audience: evaluate_home(
            youth,
            homes[0],
            today,
            audience=audience,
            stem=stem_van(audience, jongere, ouder=ouder),
        )
        for audience in publiek
    }


def _home_results_om_te_bewaren(
    voorstel: Voorstel,
    *,
    now: dt.datetime,
    publiek: Iterable[Audience] = VOORSTEL_PUBLIEK,
    ouder: bool = False,
) -> dict[Audience, HomeResult] | None:
    """`_home_results` written in the portal's own language (settings.LANGUAGE_CODE), for an
    explanation that is kept: whoever's step computes it, every reader later reads the same
    text."""
    with translation.override(settings.LANGUAGE_CODE):
        return _home_results(voorstel, now=now, publiek=publiek, ouder=ouder)


def _ouderversie(voorstel: Voorstel, *, now: dt.datetime) -> HomeResult | None:
    """The family's explanation in the parents' voice, to keep next to the youth's."""
    results = _home_results_om_te_bewaren(voorstel, now=now, publiek=[Audience.GEZIN], ouder=True)
    return results[Audience.GEZIN] if results else None


def _home_result(voorstel: Voorstel, *, now: dt.datetime) -> HomeResult | None:
    """The deciding reading of the home now (see `BESLISSEND`)."""
    results = _home_results(voorstel, now=now, publiek=[BESLISSEND])
    return results[BESLISSEND] if results else None


@dataclass(frozen=True)
class Groepscontrole:
    """The engine on the home's current group, for a step that changes the world.

    `result` is the engine's answer for this youth joining the group as it is now (the
    place the youth takes counts as free: places are counted under the home's lock);
    `bewoners` the stays in the home now, to tell whether the group changed since a
    counter-check was signed.
    """

    result: HomeResult
    bewoners: list[int]

    @property
    def blokkade(self) -> str | None:
        """The engine's blocking reasons, as it gives them, or None when the home can."""
        if self.result.eligible:
            return None
        return " ".join(reason.explanation for reason in self.result.blocking)

    @property
    def tegenspraak_nodig(self) -> bool:
        """Open attention points, or a group whose risk would be high, need a counter-check."""
        return bool(self.result.attention) or self.result.group_risk_after.level == "hoog"


def bewoners_nu(voorziening_id: int) -> list[int]:
    """The stays that hold a place in the home now (no registered departure), by id."""
    return sorted(
        Plaatsing.objects.lopend()
        .filter(voorziening_id=voorziening_id)
        .values_list("pk", flat=True)
    )


def groepscontrole(voorstel: Voorstel, *, now: dt.datetime | None = None) -> Groepscontrole | None:
    """Run the engine's hard limits and safety rules for this proposal on the current group,
    with the youth's current analysis and protective zones. None: the home is gone."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    home = home_for_arrival(voorstel.voorziening_id, today=today, now=now)
    if home is None:
        return None
    youth = youth_from_jongere(
        voorstel.jongere, voorstel.jongere.actuele_analyse(), alle_signalen=True
    )
    return Groepscontrole(
        result=evaluate_home(youth, home, today, audience=BESLISSEND),
        bewoners=bewoners_nu(voorstel.voorziening_id),
    )


def _eis_geen_blokkade(controle: Groepscontrole | None, stap: str) -> Groepscontrole:
    """Stop the step, with the engine's reasons, when the home cannot take the youth now."""
    if controle is None:
        raise VoorstelFout(_("Deze woning bestaat niet meer."), code="niet_geschikt")
    blokkade = controle.blokkade
    if blokkade is not None:
        raise VoorstelFout(
            _(
                "%(stap)s kan niet: deze woning kan deze jongere nu niet opnemen. %(redenen)s "
                "Er is niets opgeslagen."
            )
            % {"stap": stap, "redenen": blokkade},
            code="niet_geschikt",
        )
    return controle


_RISICO_ORDE = {"laag": 0, "verhoogd": 1, "hoog": 2}


def tegenspraak_vervallen(tegenspraak: Tegenspraak, controle: Groepscontrole) -> bool:
    """A counter-check judges the group as it was: it no longer counts once a resident
    arrived or left since, or the group's risk with the youth added rose. One signed
    before the portal kept the group (no `bewoners`) cannot be shown to still hold."""
    if tegenspraak.bewoners is None or not tegenspraak.risico_na:
        return True
    if sorted(tegenspraak.bewoners) != controle.bewoners:
        return True
    nu = _RISICO_ORDE[controle.result.group_risk_after.level]
    return nu > _RISICO_ORDE.get(tegenspraak.risico_na, 0)


def mag_tegenspraak_geven(voorstel: Voorstel, door: User) -> bool:
    """Four eyes: a behavioural scientist of the youth's organisation who did not make
    the proposal and is not the youth's own coordinator."""
    return bool(
        is_gedragswetenschapper(door)
        and is_coordinator_van(door, voorstel.jongere)
        and door.pk not in {voorstel.gemaakt_door_id, voorstel.jongere.coordinator_id}
    )


def wie_mag_tegenspraak_geven(voorstel: Voorstel) -> list[User]:
    """The people who may sign this proposal's counter-check, for the page."""
    return [
        persoon
        for persoon in User.objects.filter(
            rol=Rol.COORDINATOR,
            is_gedragswetenschapper=True,
            is_active=True,
            organisatie_id=voorstel.jongere.organisatie_id,
        ).order_by("first_name", "email")
        if mag_tegenspraak_geven(voorstel, persoon)
    ]


def _uitleg(
    results: dict[Audience, HomeResult], ouder: HomeResult | None = None
) -> dict[str, object]:
    """What the engine said, kept with the proposal: one version per reader, keyed by the
    audience, and the parents' version of the family's under `OUDER_SLEUTEL` (read it back
    with `Voorstel.uitleg_voor`). Per-resident impacts are left out: they are for the home's
    manager and computed live on their page.

    Kept in the portal's own language: the results are computed under
    `translation.override(settings.LANGUAGE_CODE)` (see `_home_results_om_te_bewaren`), so a
    kept explanation is never partly in the language of whoever sent the proposal."""
    uitleg: dict[str, object] = {
        audience.value: _uitleg_voor_een(result) for audience, result in results.items()
    }
    if ouder is not None:
        uitleg[OUDER_SLEUTEL] = _uitleg_voor_een(ouder)
    return uitleg


def _uitleg_voor_een(result: HomeResult) -> dict[str, object]:
    return {
        "score": result.score,
        "factoren": [
            {"code": f.code, "punten": f.points, "max": f.max_points, "uitleg": f.explanation}
            for f in result.factors
        ],
        "aandacht": [reason.explanation for reason in result.attention],
        "groep_na": {
            "niveau": result.group_risk_after.level,
            "redenen": list(result.group_risk_after.reasons),
        },
    }


def uitleg_voor(
    voorstel: Voorstel, audience: Audience, stem: Stem | None = None
) -> dict[str, object] | None:
    """The stored explanation of the proposal as `audience` reads it, in the voice `stem`
    (by default the audience's own for this proposal: `voorstellen.publiek.stem_van`).

    A proposal sent before explanations were kept per reader has none for this reader yet:
    it is computed now from the current group and kept (None when the home is gone).
    """
    stem = stem or stem_van(audience, voorstel.jongere)
    key = sleutel(audience, stem)
    bewaard = voorstel.uitleg_voor(audience, key)
    if bewaard is not None or voorstel.status == S.CONCEPT:
        return bewaard
    results = _home_results_om_te_bewaren(
        voorstel, now=timezone.now(), publiek=[audience], ouder=key == OUDER_SLEUTEL
    )
    if results is None:
        return None
    nieuw = _uitleg_voor_een(results[audience])
    uitleg = dict(voorstel.uitleg_per_publiek)
    uitleg[key] = nieuw
    Voorstel.objects.filter(pk=voorstel.pk).update(uitleg_per_publiek=uitleg)
    voorstel.uitleg_per_publiek = uitleg
    return nieuw


# --- the steps ---------------------------------------------------------------------------


@transaction.atomic
def maak_voorstel(
    *,
    jongere: Jongere,
    voorziening: Voorziening,
    door: User,
    motivatie: str = "",
    tekst_voor_woning: str = "",
) -> Voorstel:
    """A draft proposal; nothing is sent and nobody is told yet.

    `tekst_voor_woning` is what the home reads before consent (jongeren/profiel.py); it may
    not name what the portal knows of the youth (name, town, school, the family's names).
    """
    voorstel = Voorstel(
        jongere=jongere,
        voorziening=voorziening,
        gemaakt_door=door,
        motivatie=motivatie.strip(),
        tekst_voor_woning=tekst_voor_woning.strip(),
        analyse=jongere.actuele_analyse(),
    )
    _controleer_coordinator(voorstel, door)
    fout = fout_in_tekst_voor_woning(jongere, voorstel.tekst_voor_woning)
    if fout is not None:
        raise VoorstelFout({"tekst_voor_woning": fout}, code="namen")
    voorstel.save()
    _log(voorstel, door=door, wat="maak", naar=S.CONCEPT, waarom=voorstel.motivatie)
    return voorstel


@transaction.atomic
def maak_en_stuur_voorstel(
    *,
    jongere: Jongere,
    voorziening: Voorziening,
    door: User,
    motivatie: str,
    tekst_voor_woning: str,
    versturen: bool,
    now: dt.datetime | None = None,
) -> Voorstel:
    """The coordinator's "make proposal" form in one step: a draft, sent at once unless
    kept as a draft. A proposal that cannot be sent is not kept as a draft either."""
    voorstel = maak_voorstel(
        jongere=jongere,
        voorziening=voorziening,
        door=door,
        motivatie=motivatie,
        tekst_voor_woning=tekst_voor_woning,
    )
    if versturen:
        voorstel = stuur_voorstel(voorstel=voorstel, door=door, now=now)
    return voorstel


@transaction.atomic
def stuur_voorstel(
    *,
    voorstel: Voorstel,
    door: User,
    now: dt.datetime | None = None,
    motivatie: str | None = None,
) -> Voorstel:
    """Send a draft to the home: checked with the engine, at most VOORSTEL_MAX_OPEN open,
    never without a motivation (`motivatie` replaces the draft's own when given)."""
    now = now or timezone.now()
    # Lock the youth first: two coordinators sending at once count the open ones in turn.
    Jongere.objects.select_for_update().filter(pk=voorstel.jongere_id).first()
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    if actueel.status != S.CONCEPT:
        _ga_over(actueel, "stuur", door=door)  # refuses with the status message
    if motivatie is not None:
        actueel.motivatie = motivatie.strip()
    if not actueel.motivatie:
        raise VoorstelFout({"motivatie": MOTIVATIE_NODIG}, code="motivatie")
    if actueel.jongere.fase == Fase.GEPLAATST:
        raise VoorstelFout(_("Deze jongere is al geplaatst."), code="geplaatst")
    open_voorstellen = Voorstel.objects.open().filter(jongere_id=actueel.jongere_id)
    if open_voorstellen.filter(voorziening_id=actueel.voorziening_id).exists():
        raise VoorstelFout(
            _("Er loopt al een voorstel voor deze jongere bij deze woning."), code="dubbel"
        )
    if open_voorstellen.count() >= max_open():
        raise VoorstelFout(
            _(
                "Deze jongere heeft al %(max)s open voorstellen. Rond er eerst een af of trek "
                "er een in."
            )
            % {"max": max_open()},
            code="max_open",
        )
    results = _home_results_om_te_bewaren(actueel, now=now)
    result = results[BESLISSEND] if results else None
    if results is None or result is None or not result.eligible:
        if result is not None and translation.get_language() != settings.LANGUAGE_CODE:
            # Nothing is kept: the sender reads why in their own language.
            result = _home_result(actueel, now=now) or result
        redenen = " ".join(r.explanation for r in result.blocking) if result else ""
        raise VoorstelFout(
            _("Deze woning komt nu niet in aanmerking. %(redenen)s") % {"redenen": redenen},
            code="niet_geschikt",
        )
    actueel.uitleg_per_publiek = _uitleg(results, _ouderversie(actueel, now=now))
    actueel.analyse = actueel.jongere.actuele_analyse()
    actueel.verstuurd_op = now
    actueel.antwoord_uiterlijk = werkdagen_later(now, antwoord_werkdagen())
    actueel.save(
        update_fields=[
            "motivatie",
            "uitleg_per_publiek",
            "analyse",
            "verstuurd_op",
            "antwoord_uiterlijk",
            "gewijzigd_op",
        ]
    )
    _ga_over(actueel, "stuur", door=door, waarom=actueel.motivatie, op=now)
    actueel.jongere.markeer_gezocht(now)
    if actueel.jongere.fase in {Fase.ANALYSE, Fase.ZOEKEN}:
        actueel.jongere.fase = Fase.VOORGESTELD
        actueel.jongere.save(update_fields=["fase", "gewijzigd_op"])
    _vertel(
        actueel,
        beheerders(actueel.voorziening),
        _("Nieuw voorstel voor %(woning)s. Geef antwoord voor %(datum)s.")
        % {
            "woning": actueel.voorziening.naam,
            "datum": opmaak.datum_tijd(actueel.antwoord_uiterlijk),
        },
    )
    _vertel(actueel, actueel.jongere.gezin(), _("Er is een voorstel voor een woning voor jou."))
    return actueel


@transaction.atomic
def beantwoord_voorstel(
    *,
    voorstel: Voorstel,
    door: User,
    interesse: bool,
    reden: str = "",
    toelichting: str = "",
    now: dt.datetime | None = None,
) -> Voorstel:
    """The home's answer: interested, or not with a structured reason ('anders' needs text)."""
    actueel = _vergrendel(voorstel)
    _controleer_beheerder(actueel, door)
    toelichting = toelichting.strip()
    if not interesse:
        if reden not in Afwijsreden.values:
            raise VoorstelFout({"reden": _("Kies een reden.")}, code="reden")
        if reden == Afwijsreden.ANDERS and not toelichting:
            raise VoorstelFout(
                {"toelichting": _("Schrijf kort op wat de reden is.")}, code="toelichting"
            )
    elif actueel.status == S.VERSTUURD:
        # Saying yes moves the proposal on: only when the home can still take the youth
        # with the group as it is now. Saying no is always possible.
        _eis_geen_blokkade(groepscontrole(actueel, now=now), _("Interesse tonen"))
    _ga_over(
        actueel,
        "interesse" if interesse else "afwijzen",
        door=door,
        waarom=toelichting if interesse else f"{reden}: {toelichting}".rstrip(": "),
        op=now,
    )
    actueel.beantwoord_op = now or timezone.now()
    actueel.afwijsreden = "" if interesse else reden
    actueel.antwoord_toelichting = toelichting
    actueel.save(
        update_fields=["beantwoord_op", "afwijsreden", "antwoord_toelichting", "gewijzigd_op"]
    )
    # Coordinators read many proposals: the notice names this one as they do.
    if interesse:
        tekst = _("%(voorstel)s: de woning heeft interesse.")
    else:
        tekst = _("%(voorstel)s: de woning heeft het voorstel afgewezen.")
        _fase_terug_als_niets_open(actueel.jongere)
    _vertel(actueel, _coordinatoren(actueel), tekst % {"voorstel": actueel.titel})
    _vertel(
        actueel,
        actueel.jongere.gezin(),
        _("Er is iets veranderd in het voorstel voor %(woning)s.")
        % {"woning": actueel.voorziening.naam},
    )
    return actueel


@transaction.atomic
def plan_kennismaking(
    *, voorstel: Voorstel, door: User, soort: str, datum: dt.datetime, plaats: str
) -> Kennismaking:
    """Plan (or re-plan) the getting-acquainted meeting: coordinator or the home's manager."""
    actueel = _vergrendel(voorstel)
    _controleer_partij_professional(actueel, door)
    if soort not in Kennismaking.Soort.values:
        raise VoorstelFout({"soort": _("Kies wat voor kennismaking het is.")}, code="soort")
    if datum < timezone.now() - dt.timedelta(hours=1):
        raise VoorstelFout({"datum": _("Deze datum ligt in het verleden.")}, code="datum")
    _ga_over(
        actueel,
        "plan_kennismaking",
        door=door,
        waarom=f"{opmaak.datum_tijd(datum)}, {plaats}",
    )
    kennismaking, _nieuw = Kennismaking.objects.update_or_create(
        voorstel=actueel, defaults={"soort": soort, "datum": datum, "plaats": plaats.strip()}
    )
    tekst = _("De kennismaking voor %(woning)s is gepland op %(datum)s.") % {
        "woning": actueel.voorziening.naam,
        "datum": opmaak.datum_tijd(datum),
    }
    _vertel(
        actueel,
        [*_coordinatoren(actueel), *beheerders(actueel.voorziening), *actueel.jongere.gezin()],
        tekst,
        # The mail carries the meeting as a calendar entry (voorstellen.kalender).
        mail="voorstellen.tasks.mail_kennismaking",
    )
    return kennismaking


def _controleer_partij_professional(voorstel: Voorstel, door: User) -> None:
    if door.is_beheerder:
        _controleer_beheerder(voorstel, door)
    else:
        _controleer_coordinator(voorstel, door)


@transaction.atomic
def leg_kennismaking_vast(*, voorstel: Voorstel, door: User, notitie: str) -> Kennismaking:
    """Record the meeting as held, with this side's notes. The first side to record it moves
    the proposal on; the other side may add their notes afterwards."""
    actueel = _vergrendel(voorstel)
    _controleer_partij_professional(actueel, door)
    kennismaking = Kennismaking.objects.select_for_update().filter(voorstel=actueel).first()
    if kennismaking is None:
        raise VoorstelFout(_("Er is nog geen kennismaking gepland."), code="geen_kennismaking")
    if actueel.status == S.KENNISMAKING_GEPLAND:
        if kennismaking.datum > timezone.now():
            raise VoorstelFout(
                _("De kennismaking is nog niet geweest: die staat op %(datum)s.")
                % {"datum": opmaak.datum_tijd(kennismaking.datum)},
                code="nog_niet",
            )
        _ga_over(actueel, "kennismaking_gehouden", door=door)
        kennismaking.gehouden_op = timezone.now()
        _vertel(
            actueel,
            actueel.jongere.gezin(),
            _("De kennismaking is geweest. Wat vind jij ervan? Zeg het in het portaal."),
        )
        _vertel(
            actueel,
            [*_coordinatoren(actueel), *beheerders(actueel.voorziening)],
            _("De kennismaking voor %(woning)s is vastgelegd.")
            % {"woning": actueel.voorziening.naam},
        )
    elif actueel.status not in {S.KENNISMAKING_GEHOUDEN, S.AKKOORD}:
        raise VoorstelFout(
            _("Dit kan nu niet: het voorstel heeft de status '%(status)s'.")
            % {"status": actueel.get_status_display()},
            code="ongeldige_overgang",
        )
    else:
        _log(actueel, door=door, wat="kennismaking_notitie")
    if door.is_beheerder:
        kennismaking.notitie_woning = notitie.strip()
    else:
        kennismaking.notitie_coordinator = notitie.strip()
    kennismaking.save()
    return kennismaking


@dataclass(frozen=True)
class Stand:
    """Where one person with a say stands: their latest decision (own, recorded by the
    coordinator, or the coordinator's override), or none yet."""

    betrokkene: Betrokkene
    besluit: Besluit | None

    @property
    def naam(self) -> str:
        return self.betrokkene.naam

    @property
    def moet_instemmen(self) -> bool:
        return self.betrokkene.moet_instemmen

    @property
    def ja(self) -> bool:
        return self.besluit is not None and self.besluit.keuze == Besluit.Keuze.JA


def beslissers_van(voorstel: Voorstel) -> Beslissers:
    """Who decides about this proposal (`jongeren.beslissers`, the one place of the rules)."""
    return beslissers.voor_jongere(voorstel.jongere)


def stand_van_besluiten(voorstel: Voorstel, wie: Beslissers | None = None) -> list[Stand]:
    """Per person with a say (deciding, co-deciding, heard, informed): their latest decision.
    `wie`: who decides, when the caller has it already."""
    laatste: dict[str, Besluit] = {}
    for besluit in voorstel.besluiten_op_volgorde():
        laatste[besluit.sleutel] = besluit
    betrokkenen = (wie or beslissers_van(voorstel)).betrokkenen
    return [Stand(b, laatste.get(b.sleutel)) for b in betrokkenen]


def iedereen_ja(voorstel: Voorstel) -> bool:
    """Exactly the agreement the rules require: everyone who decides or co-decides said
    yes (or the coordinator placed over a "no" where the law allows it). A parent without
    gezag, a child under 12 or someone only informed never blocks."""
    nodig = [s for s in stand_van_besluiten(voorstel) if s.moet_instemmen]
    return bool(nodig) and all(s.ja for s in nodig)


def _rol_voor(betrokkene: Betrokkene) -> str:
    return {
        Wie.JONGERE: Besluit.Rol.JONGERE,
        Wie.OUDER: Besluit.Rol.OUDER,
        Wie.JEUGDBESCHERMER: Besluit.Rol.JEUGDBESCHERMER,
    }[betrokkene.wie]


def _na_besluit(actueel: Voorstel, door: User, wie: str) -> None:
    if actueel.status == S.KENNISMAKING_GEHOUDEN and iedereen_ja(actueel):
        _ga_over(actueel, "iedereen_ja", door=None)
    elif actueel.status == S.AKKOORD and not iedereen_ja(actueel):
        _ga_over(actueel, "niet_meer_iedereen_ja", door=None)
    _vertel(
        actueel,
        [m for m in _coordinatoren(actueel) if m.pk != door.pk],
        _("%(voorstel)s: %(naam)s heeft gekozen.") % {"voorstel": actueel.titel, "naam": wie},
    )


def _eis_besluit_status(actueel: Voorstel) -> None:
    if actueel.status not in BESLUIT_STATUSSEN:
        raise VoorstelFout(
            _("Je kunt nu niet meer kiezen: het voorstel heeft de status '%(status)s'.")
            % {"status": actueel.get_status_display()},
            code="ongeldige_overgang",
        )


@transaction.atomic
def neem_besluit(*, voorstel: Voorstel, door: User, keuze: str, opmerking: str = "") -> Besluit:
    """The youth, a parent or the youth protection worker says yes / doubt / no. Whether
    it counts follows from `jongeren.beslissers`: a parent without gezag is heard, not
    counted. A later decision is a new row; the same decision submitted twice (double
    click) is stored once."""
    actueel = _vergrendel(voorstel)
    sleutel = beslissers.sleutel_van(actueel.jongere, door)
    betrokkene = beslissers_van(actueel).van(sleutel) if sleutel else None
    if betrokkene is None:
        raise VoorstelFout(
            _("Alleen de jongere, de ouders en de jeugdbeschermer kunnen hier kiezen."),
            code="rol",
        )
    if keuze not in Besluit.Keuze.values:
        raise VoorstelFout({"keuze": _("Kies ja, twijfel of nee.")}, code="keuze")
    _eis_besluit_status(actueel)
    opmerking = opmerking.strip()
    vorige = actueel.besluiten.filter(sleutel=betrokkene.sleutel).order_by("-op", "-pk").first()
    if (
        vorige is not None
        and vorige.persoon_id == door.pk
        and not vorige.is_vastgelegd
        and (vorige.keuze, vorige.opmerking) == (keuze, opmerking)
    ):
        return vorige
    besluit = Besluit.objects.create(
        voorstel=actueel,
        persoon=door,
        sleutel=betrokkene.sleutel,
        naam=str(door),
        rol=_rol_voor(betrokkene),
        keuze=keuze,
        opmerking=opmerking,
    )
    _log(actueel, door=door, wat=f"besluit_{keuze}", waarom=opmerking)
    _na_besluit(actueel, door, door.first_name or door.email)
    if keuze == Besluit.Keuze.NEE:
        # A "no" to the home is also a "no" to sharing with it.
        gedeeld = next(
            (s for s in stand_van_delen(actueel) if s.betrokkene.sleutel == betrokkene.sleutel),
            None,
        )
        if gedeeld is not None and gedeeld.ja:
            _leg_toestemming_vast(actueel, door, betrokkene.sleutel, Deeltoestemming.Keuze.NEE)
    return besluit


@transaction.atomic
def leg_besluit_vast(
    *,
    voorstel: Voorstel,
    door: User,
    sleutel: str,
    keuze: str,
    hoe: str,
    gesprek_op: dt.datetime,
    aanwezig: str,
    opmerking: str = "",
) -> Besluit:
    """The coordinator records a person's view or decision from a conversation: who, when,
    how, who was present. It is marked as recorded by the coordinator; the person confirms
    it later if they get an account (`bevestig_besluit`)."""
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    betrokkene = beslissers_van(actueel).van(sleutel)
    if betrokkene is None:
        raise VoorstelFout({"sleutel": _("Kies wie het besluit nam.")}, code="wie")
    if keuze not in Besluit.Keuze.values:
        raise VoorstelFout({"keuze": _("Kies ja, twijfel of nee.")}, code="keuze")
    if hoe not in Besluit.Hoe.values:
        raise VoorstelFout({"hoe": _("Kies hoe jullie spraken.")}, code="hoe")
    if gesprek_op > timezone.now():
        raise VoorstelFout({"gesprek_op": _("Dit gesprek ligt in de toekomst.")}, code="wanneer")
    _eis_besluit_status(actueel)
    besluit = Besluit.objects.create(
        voorstel=actueel,
        persoon=None,
        sleutel=betrokkene.sleutel,
        naam=betrokkene.naam,
        rol=_rol_voor(betrokkene),
        keuze=keuze,
        opmerking=opmerking.strip(),
        vastgelegd_door=door,
        hoe=hoe,
        gesprek_op=gesprek_op,
        aanwezig=aanwezig.strip(),
    )
    _log(
        actueel,
        door=door,
        wat=f"besluit_{keuze}",
        waarom=_("Vastgelegd door de coördinator voor %(naam)s (%(hoe)s).")
        % {"naam": betrokkene.naam, "hoe": besluit.get_hoe_display().lower()},
    )
    _na_besluit(actueel, door, betrokkene.naam)
    return besluit


@transaction.atomic
def bevestig_besluit(*, besluit: Besluit, door: User) -> Besluit:
    """The person confirms what the coordinator recorded for them."""
    actueel = (
        Besluit.objects.select_for_update().select_related("voorstel__jongere").get(pk=besluit.pk)
    )
    if not actueel.is_vastgelegd or actueel.overschreven:
        raise VoorstelFout(_("Hier is niets te bevestigen."), code="bevestigen")
    if beslissers.sleutel_van(actueel.voorstel.jongere, door) != actueel.sleutel:
        raise VoorstelFout(_("Alleen de persoon zelf bevestigt dit."), code="rol")
    if actueel.bevestigd_op is None:
        actueel.bevestigd_op = timezone.now()
        actueel.persoon = door
        actueel.save(update_fields=["bevestigd_op", "persoon"])
        _log(actueel.voorstel, door=door, wat="besluit_bevestigd")
    return actueel


@transaction.atomic
def overschrijf_besluit(*, voorstel: Voorstel, door: User, sleutel: str, reden: str) -> Besluit:
    """The coordinator places over a person's "no" where the law allows it (under a
    supervision order with the court's authorisation for out-of-home placement on file),
    with a reason. Never over the youth protection worker, a youth of 12 or older, or
    without a valid authorisation."""
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    betrokkene = beslissers_van(actueel).van(sleutel)
    if betrokkene is None or not betrokkene.moet_instemmen:
        raise VoorstelFout({"sleutel": _("Kies wie het besluit nam.")}, code="wie")
    if not betrokkene.overschrijfbaar:
        raise VoorstelFout(
            _(
                "Dit mag niet: het besluit van %(naam)s telt. Alleen bij een "
                "ondertoezichtstelling met een geldige machtiging uithuisplaatsing kan een "
                "plaatsing doorgaan als een ouder nee zegt."
            )
            % {"naam": betrokkene.naam},
            code="niet_overschrijfbaar",
        )
    reden = reden.strip()
    if not reden:
        raise VoorstelFout({"reden": _("Schrijf op waarom de plaatsing toch doorgaat.")})
    _eis_besluit_status(actueel)
    besluit = Besluit.objects.create(
        voorstel=actueel,
        persoon=None,
        sleutel=betrokkene.sleutel,
        naam=betrokkene.naam,
        rol=_rol_voor(betrokkene),
        keuze=Besluit.Keuze.JA,
        opmerking=reden,
        vastgelegd_door=door,
        overschreven=True,
    )
    _log(actueel, door=door, wat="besluit_overschreven", waarom=reden)
    _na_besluit(actueel, door, betrokkene.naam)
    return besluit


def volledig_gedeeld(voorstel: Voorstel) -> bool:
    return voorstel.volledig_gedeeld_op is not None


# --- consent to share the whole analysis ---------------------------------------------------


def nodig_voor_delen(voorstel: Voorstel, wie: Beslissers | None = None) -> list[Betrokkene]:
    """Whose consent the home needs before it reads the whole analysis: exactly the people
    who decide or co-decide about the placement (`jongeren.beslissers`). A child under 12
    is heard, a parent without gezag or of a youth of 16 or older is informed: their
    answer is not asked. Someone not in the portal cannot consent here; the coordinator
    may then share with a reason (`overschrijf_toestemming`)."""
    return (wie or beslissers_van(voorstel)).moeten_instemmen()


@dataclass(frozen=True)
class DeelStand:
    """Where one person whose consent is needed stands: their latest answer, or none."""

    betrokkene: Betrokkene
    toestemming: Deeltoestemming | None

    @property
    def ja(self) -> bool:
        return self.toestemming is not None and self.toestemming.keuze == Deeltoestemming.Keuze.JA


def stand_van_delen(voorstel: Voorstel, wie: Beslissers | None = None) -> list[DeelStand]:
    laatste: dict[str, Deeltoestemming] = {}
    for toestemming in voorstel.deeltoestemmingen_op_volgorde():
        laatste[toestemming.sleutel] = toestemming
    return [DeelStand(b, laatste.get(b.sleutel)) for b in nodig_voor_delen(voorstel, wie)]


def iedereen_deelt(voorstel: Voorstel) -> bool:
    """Everyone whose consent is needed said yes, each for themselves."""
    standen = stand_van_delen(voorstel)
    return bool(standen) and all(s.ja for s in standen)


def _overschrijving_geldt(voorstel: Voorstel) -> bool:
    """A coordinator's override counts until someone says no to sharing after it."""
    laatste = (
        voorstel.toestemmingen.filter(rol=Toestemming.Rol.OVERSCHREVEN).order_by("-op").first()
    )
    if laatste is None:
        return False
    return not voorstel.deeltoestemmingen.filter(
        keuze=Deeltoestemming.Keuze.NEE, op__gt=laatste.op
    ).exists()


def _laatste_besluit(voorstel: Voorstel, sleutel: str) -> Besluit | None:
    return voorstel.besluiten.filter(sleutel=sleutel).order_by("-op", "-pk").first()


def waarom_geen_toestemming(voorstel: Voorstel, user: User) -> str | None:
    """Why `user` is not asked for consent on this proposal now (None: they are).

    Only the person themselves answers, only when their consent is needed, while the
    proposal runs, and not after they said no to the proposal itself: sharing with a home
    they do not want would go against their own decision.
    """
    sleutel = beslissers.sleutel_van(voorstel.jongere, user)
    if sleutel is None or sleutel not in {b.sleutel for b in nodig_voor_delen(voorstel)}:
        return _("Jouw toestemming is hier niet nodig.")
    if voorstel.status not in TOESTEMMING_STATUSSEN:
        return _("Dit voorstel loopt niet meer.")
    besluit = _laatste_besluit(voorstel, sleutel)
    if besluit is not None and besluit.keuze == Besluit.Keuze.NEE:
        return _("Je zei nee tegen deze woning. Daarom vragen we je niet om de analyse te delen.")
    return None


def _werk_delen_bij(voorstel: Voorstel, door: User | None) -> None:
    """Share the whole analysis once everyone whose consent is needed said yes (or the
    coordinator overrode with a reason); stop sharing as soon as that no longer holds.
    The home is told that something changed, never what or who."""
    moet_gedeeld = iedereen_deelt(voorstel) or _overschrijving_geldt(voorstel)
    if moet_gedeeld and voorstel.volledig_gedeeld_op is None:
        voorstel.volledig_gedeeld_op = timezone.now()
        voorstel.save(update_fields=["volledig_gedeeld_op", "gewijzigd_op"])
        _log(voorstel, door=door, wat="analyse_gedeeld")
        _vertel(
            voorstel,
            beheerders(voorstel.voorziening),
            _("U kunt nu de hele analyse lezen bij %(pseudoniem)s.")
            % {"pseudoniem": voorstel.pseudoniem},
        )
    elif not moet_gedeeld and voorstel.volledig_gedeeld_op is not None:
        voorstel.volledig_gedeeld_op = None
        voorstel.save(update_fields=["volledig_gedeeld_op", "gewijzigd_op"])
        _log(voorstel, door=door, wat="analyse_niet_meer_gedeeld")
        _vertel(
            voorstel,
            beheerders(voorstel.voorziening),
            _("Er is iets veranderd bij %(pseudoniem)s.") % {"pseudoniem": voorstel.pseudoniem},
        )


def _leg_toestemming_vast(
    actueel: Voorstel, door: User, sleutel: str, keuze: str
) -> Deeltoestemming:
    vorige = actueel.deeltoestemmingen.filter(sleutel=sleutel).order_by("-op", "-pk").first()
    if vorige is not None and vorige.keuze == keuze:
        return vorige  # the same answer twice (a double click) is kept once
    intrekking = keuze == Deeltoestemming.Keuze.NEE and (
        vorige is not None and vorige.keuze == Deeltoestemming.Keuze.JA
    )
    toestemming = Deeltoestemming.objects.create(
        voorstel=actueel, sleutel=sleutel, persoon=door, keuze=keuze, is_intrekking=intrekking
    )
    if keuze == Deeltoestemming.Keuze.JA:
        wat, tekst = (
            "toestemming",
            _("%(naam)s geeft toestemming om de analyse te delen met %(woning)s."),
        )
    elif intrekking:
        wat, tekst = (
            "toestemming_ingetrokken",
            _("%(naam)s trekt de toestemming in om de analyse te delen met %(woning)s."),
        )
    else:
        wat, tekst = (
            "toestemming_nee",
            _("%(naam)s geeft geen toestemming om de analyse te delen met %(woning)s."),
        )
    _log(actueel, door=door, wat=wat)
    _vertel(
        actueel,
        [m for m in _coordinatoren(actueel) if m.pk != door.pk],
        tekst % {"naam": door.first_name or door.email, "woning": actueel.voorziening.naam},
    )
    _werk_delen_bij(actueel, door)
    return toestemming


@transaction.atomic
def geef_toestemming(
    *, voorstel: Voorstel, door: User, keuze: str = Deeltoestemming.Keuze.JA
) -> Deeltoestemming:
    """A person whose consent is needed answers for themselves: may this home read the
    whole analysis? "nee" after "ja" withdraws the consent, and the home reads the profile
    without a name again. Nobody answers for someone else."""
    actueel = _vergrendel(voorstel)
    if keuze not in Deeltoestemming.Keuze.values:
        raise VoorstelFout({"keuze": _("Kies ja of nee.")}, code="keuze")
    if actueel.status not in TOESTEMMING_STATUSSEN:
        raise VoorstelFout(_("Dit voorstel loopt niet meer."), code="ongeldige_overgang")
    sleutel = beslissers.sleutel_van(actueel.jongere, door)
    waarom = waarom_geen_toestemming(actueel, door)
    if sleutel is None or (waarom is not None and keuze == Deeltoestemming.Keuze.JA):
        raise VoorstelFout(waarom or _("Jouw toestemming is hier niet nodig."), code="rol")
    if waarom is not None and not actueel.deeltoestemmingen.filter(sleutel=sleutel).exists():
        # Withdrawing stays possible for someone who once answered, also after their "no"
        # to the proposal or when the rules no longer ask them.
        raise VoorstelFout(waarom, code="rol")
    return _leg_toestemming_vast(actueel, door, sleutel, keuze)


@transaction.atomic
def overschrijf_toestemming(*, voorstel: Voorstel, door: User, reden: str) -> Toestemming:
    """The coordinator shares the full analysis without (all) consent, with a reason. It
    counts until someone whose consent is needed says no after it."""
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    reden = reden.strip()
    if not reden:
        raise VoorstelFout({"reden": _("Schrijf op waarom je zonder toestemming deelt.")})
    if actueel.status not in TOESTEMMING_STATUSSEN:
        raise VoorstelFout(_("Dit voorstel loopt niet meer."), code="ongeldige_overgang")
    if actueel.volledig_gedeeld_op is not None:
        bestaand = actueel.toestemmingen.filter(rol=Toestemming.Rol.OVERSCHREVEN).last()
        if bestaand is not None:
            return bestaand  # already shared: a double submit changes nothing
    toestemming = Toestemming.objects.create(
        voorstel=actueel, persoon=door, rol=Toestemming.Rol.OVERSCHREVEN, reden=reden
    )
    _log(actueel, door=door, wat="toestemming_overschreven", waarom=reden)
    _vertel(
        actueel,
        actueel.jongere.gezin(),
        _("Er is iets veranderd in het voorstel voor %(woning)s.")
        % {"woning": actueel.voorziening.naam},
    )
    _werk_delen_bij(actueel, door)
    return toestemming


@transaction.atomic
def teken_tegenspraak(
    *, voorstel: Voorstel, door: User, akkoord: bool, toelichting: str
) -> Tegenspraak:
    """The behavioural scientist of the coordinator's organisation signs off or objects."""
    actueel = _vergrendel(voorstel)
    if not (is_gedragswetenschapper(door) and is_coordinator_van(door, actueel.jongere)):
        raise VoorstelFout(
            _("Alleen een gedragswetenschapper van deze organisatie geeft tegenspraak."),
            code="rol",
        )
    if not mag_tegenspraak_geven(actueel, door):
        raise VoorstelFout(
            _(
                "Tegenspraak is vier ogen: wie het voorstel maakte of de coördinator van deze "
                "jongere is, geeft geen tegenspraak. Vraag een andere gedragswetenschapper."
            ),
            code="vier_ogen",
        )
    if actueel.status not in TEGENSPRAAK_STATUSSEN:
        raise VoorstelFout(
            _("Tegenspraak kan na de kennismaking en voor de plaatsing."),
            code="ongeldige_overgang",
        )
    toelichting = toelichting.strip()
    if not toelichting:
        raise VoorstelFout({"toelichting": _("Schrijf je afweging op.")}, code="toelichting")
    oordeel = Tegenspraak.Oordeel.AKKOORD if akkoord else Tegenspraak.Oordeel.BEZWAAR
    # The group this counter-check judges: when it changes, the counter-check is void.
    controle = groepscontrole(actueel)
    tegenspraak = Tegenspraak.objects.create(
        voorstel=actueel,
        door=door,
        oordeel=oordeel,
        toelichting=toelichting,
        bewoners=controle.bewoners if controle else None,
        risico_na=controle.result.group_risk_after.level if controle else "",
    )
    _log(actueel, door=door, wat=f"tegenspraak_{oordeel}", waarom=toelichting)
    _vertel(
        actueel,
        _coordinatoren(actueel),
        _("Tegenspraak bij het voorstel voor %(woning)s: %(oordeel)s.")
        % {"woning": actueel.voorziening.naam, "oordeel": tegenspraak.get_oordeel_display()},
    )
    return tegenspraak


def machtiging_ontbreekt(jongere: Jongere, aankomst: dt.date) -> str | None:
    """Why a placement under a supervision order cannot start on `aankomst` (None: it can).

    Under an OTS an out-of-home placement needs the court's authorisation (machtiging
    uithuisplaatsing) on file, valid on the arrival date. Under guardianship the guardian
    holds gezag and decides on where the youth lives: no authorisation is needed for that.
    """
    if jongere.maatregel != Maatregel.OTS or jongere.leeftijd_op(aankomst) >= 18:
        return None
    if jongere.machtiging_uhp_geldig_op(aankomst):
        return None
    if jongere.machtiging_uhp_van is None:
        return _(
            "Er is een ondertoezichtstelling. Plaatsen kan pas als de machtiging "
            "uithuisplaatsing van de rechter in het dossier staat."
        )
    return _(
        "De machtiging uithuisplaatsing geldt niet op de aankomstdatum %(datum)s. Vraag de "
        "jeugdbeschermer om een (nieuwe) machtiging of kies een datum waarop die geldt."
    ) % {"datum": opmaak.datum(aankomst)}


def kan_plaatsen(voorstel: Voorstel, controle: Groepscontrole | None = None) -> str | None:
    """Why this proposal cannot be placed now, or None when it can.

    Asks the engine about the current group (unless `controle` is given): a home that can
    no longer take the youth, or a counter-check that is missing, objected or void since the
    group changed, stops the placement.
    """
    if voorstel.status != S.AKKOORD:
        return _("Plaatsen kan als de kennismaking is geweest en iedereen ja heeft gezegd.")
    controle = controle or groepscontrole(voorstel)
    if controle is None:
        return _("Deze woning bestaat niet meer.")
    blokkade = controle.blokkade
    if blokkade is not None:
        return _("Plaatsen kan niet: deze woning kan deze jongere nu niet opnemen. %(redenen)s") % {
            "redenen": blokkade
        }
    if voorstel.tegenspraak_nodig or controle.tegenspraak_nodig:
        laatste = voorstel.laatste_tegenspraak()
        if laatste is None:
            return _(
                "Er zijn aandachtspunten: eerst moet een gedragswetenschapper tegenspraak geven."
            )
        if laatste.oordeel != Tegenspraak.Oordeel.AKKOORD:
            return _("De gedragswetenschapper heeft bezwaar gemaakt. Plaatsen kan nu niet.")
        if tegenspraak_vervallen(laatste, controle):
            return _(
                "De groep in de woning is veranderd sinds de tegenspraak van %(datum)s. Die "
                "telt niet meer: een gedragswetenschapper moet opnieuw tegenspraak geven."
            ) % {"datum": opmaak.datum_tijd(laatste.op)}
    return None


@transaction.atomic
def plaats(*, voorstel: Voorstel, door: User, aankomst: dt.date) -> Voorstel:
    """Place the youth: the stay, the filled vacancy, the youth's phase, in one transaction.

    Either the youth's coordinator or the manager of the receiving home registers the
    arrival: the manager is the one who sees the youth come in. The home's row is locked
    before its places are counted (in `registreer_aankomst`), so two people placing two
    youths into the last place queue up: the first one gets it, the second one gets
    `VoorstelFout` and nothing of theirs is saved.
    """
    actueel = _vergrendel(voorstel)
    _controleer_partij_professional(actueel, door)
    jongere = Jongere.objects.select_for_update().get(pk=actueel.jongere_id)
    if actueel.status != S.AKKOORD:
        raise VoorstelFout(
            _("Plaatsen kan als de kennismaking is geweest en iedereen ja heeft gezegd."),
            code="ongeldige_overgang",
        )
    if jongere.fase == Fase.GEPLAATST:
        raise VoorstelFout(_("Deze jongere is al geplaatst."), code="geplaatst")
    if (reden := machtiging_ontbreekt(jongere, aankomst)) is not None:
        raise VoorstelFout(reden, code="machtiging")
    # Exactly the agreement the rules require, counted again now (an age band or the
    # measure may have changed since the last decision).
    if not iedereen_ja(actueel):
        raise VoorstelFout(
            _("Plaatsen kan pas als iedereen die beslist ja heeft gezegd."), code="besluit"
        )
    woning = Voorziening.objects.select_for_update().get(pk=actueel.voorziening_id)
    if woning.is_vol:
        raise VoorstelFout(
            _(
                "%(naam)s is vol: de laatste plek is net door iemand anders ingenomen. "
                "Er is niets opgeslagen."
            )
            % {"naam": woning.naam},
            code="vol",
        )
    # The engine again, on the group as it is now that the home's row is locked (no
    # arrival can slip in between): the hard limits, the safety rules, and whether the
    # counter-check still holds for this group.
    controle = _eis_geen_blokkade(groepscontrole(actueel), _("Plaatsen"))
    reden = kan_plaatsen(actueel, controle)
    if reden is not None:
        raise VoorstelFout(reden, code="tegenspraak")
    vacature = (
        Vacature.objects.select_for_update()
        .filter(voorziening=woning, status=Vacature.Status.OPEN)
        .order_by("beschikbaar_vanaf", "pk")
        .first()
    )
    analyse = actueel.analyse or jongere.actuele_analyse()
    youth = youth_from_jongere(jongere, analyse, alle_signalen=True)
    # What the matching says now, just before the youth joins the group, is kept on the
    # stay so that outcomes can later calibrate the score: computed here, never reused.
    score = controle.result.score
    aandacht = len(controle.result.attention)
    try:
        plaatsing = registreer_aankomst(
            voorziening=woning,
            door=door,
            geboortemaand=jongere.geboortedatum.replace(day=1),
            geslacht=jongere.geslacht,
            zorgprofiel=youth.care_profile,
            zorgintensiteit=youth.care_intensity,
            signalen=sorted(youth.attention),
            aankomst=aankomst,
            vacature=vacature,
            aanduiding=jongere.roepnaam,
            via_voorstel=True,
        )
    except ValidationError as fout:
        raise VoorstelFout(fout.messages, code="vol") from None
    plaatsing.jongere = jongere
    plaatsing.score_bij_plaatsing = score
    plaatsing.aandachtspunten_bij_plaatsing = aandacht
    plaatsing.save(
        update_fields=[
            "jongere",
            "score_bij_plaatsing",
            "aandachtspunten_bij_plaatsing",
            "gewijzigd_op",
        ]
    )
    actueel.plaatsing = plaatsing
    actueel.save(update_fields=["plaatsing", "gewijzigd_op"])
    _ga_over(actueel, "plaats", door=door)
    jongere.fase = Fase.GEPLAATST
    jongere.save(update_fields=["fase", "gewijzigd_op"])
    datum = opmaak.datum(aankomst)
    _vertel(
        actueel,
        [m for m in beheerders(woning) if m.pk != door.pk],
        _("%(pseudoniem)s komt wonen in %(woning)s vanaf %(datum)s.")
        % {"pseudoniem": actueel.pseudoniem, "woning": woning.naam, "datum": datum},
    )
    _vertel(
        actueel,
        [m for m in _coordinatoren(actueel) if m.pk != door.pk],
        _("%(naam)s is geplaatst in %(woning)s: aankomst %(datum)s, vastgelegd door %(wie)s.")
        % {
            "naam": jongere.roepnaam,
            "woning": woning.naam,
            "datum": datum,
            "wie": _("de beheerder") if door.is_beheerder else _("de coördinator"),
        },
    )
    _vertel(
        actueel,
        jongere.gezin(),
        _("Het is rond: je gaat wonen in %(woning)s.") % {"woning": woning.naam},
    )
    # The other open proposals for this youth end: the homes should not keep waiting.
    for ander in Voorstel.objects.open().filter(jongere=jongere).exclude(pk=actueel.pk):
        _trek_in(ander, door=door, reden=_("De jongere is in een andere woning geplaatst."))
    return actueel


# The steps an emergency skips, by the status it leaves (in the order they would come).
_OVERGESLAGEN = {
    S.VERSTUURD: (gettext_lazy("antwoord van de woning"), gettext_lazy("kennismaking")),
    S.INTERESSE: (gettext_lazy("kennismaking"),),
    S.KENNISMAKING_GEPLAND: (gettext_lazy("kennismaking"),),
    S.KENNISMAKING_GEHOUDEN: (),
}


def start_spoedplaatsing(
    *, voorstel: Voorstel, door: User, reden: str, now: dt.datetime | None = None
) -> Voorstel:
    """The coordinator makes this proposal an emergency placement: the steps still to come
    before placing (the home's answer, the meeting) are skipped with a stated reason, which
    the timeline keeps together with the steps skipped.

    What is never skipped: the agreement of whoever decides by law (`jongeren.beslissers`;
    the coordinator may record a yes given in a conversation), the engine's check of the
    group and the counter-check at placement (`plaats`), and the endorsed analysis, which
    must follow within `SPOED_ANALYSE_DAGEN` days (`Voorstel.analyse_uiterlijk`).
    """
    now = now or timezone.now()
    reden = reden.strip()
    if not reden:
        raise VoorstelFout(_("Schrijf op waarom het niet kan wachten."), code="reden")
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    overgeslagen = _OVERGESLAGEN.get(VoorstelStatus(actueel.status), ())
    waarom = (
        _("%(reden)s (overgeslagen: %(stappen)s)")
        % {"reden": reden, "stappen": ", ".join(str(stap) for stap in overgeslagen)}
        if overgeslagen
        else reden
    )
    _ga_over(actueel, "spoed", door=door, waarom=waarom, op=now)
    actueel.spoed_sinds = now
    actueel.spoed_reden = reden
    actueel.save(update_fields=["spoed_sinds", "spoed_reden", "gewijzigd_op"])
    _vertel(
        actueel,
        beheerders(actueel.voorziening),
        _("Spoedplaatsing: %(pseudoniem)s kan direct komen wonen in %(woning)s.")
        % {"pseudoniem": actueel.pseudoniem, "woning": actueel.voorziening.naam},
    )
    _vertel(
        actueel,
        actueel.jongere.gezin(),
        _(
            "Het moet snel: er is nu een plek in %(woning)s. Je coördinator vraagt je "
            "meteen of je ja zegt."
        )
        % {"woning": actueel.voorziening.naam},
    )
    return actueel


def _trek_in(voorstel: Voorstel, *, door: User | None, reden: str) -> None:
    actueel = _vergrendel(voorstel)
    was_verstuurd = actueel.status != S.CONCEPT
    _ga_over(actueel, "trek_in", door=door, waarom=reden)
    if was_verstuurd:
        _vertel(
            actueel,
            beheerders(actueel.voorziening),
            _("%(pseudoniem)s voor %(woning)s is ingetrokken.")
            % {"pseudoniem": actueel.pseudoniem, "woning": actueel.voorziening.naam},
        )
        _vertel(
            actueel,
            actueel.jongere.gezin(),
            _("Het voorstel voor %(woning)s gaat niet door.")
            % {"woning": actueel.voorziening.naam},
        )


@transaction.atomic
def trek_in(*, voorstel: Voorstel, door: User, reden: str) -> Voorstel:
    """The coordinator withdraws a proposal (with a reason), e.g. after a family's 'no'."""
    actueel = _vergrendel(voorstel)
    _controleer_coordinator(actueel, door)
    reden = reden.strip()
    if not reden:
        raise VoorstelFout({"reden": _("Schrijf kort op waarom.")}, code="reden")
    _trek_in(actueel, door=door, reden=reden)
    _fase_terug_als_niets_open(actueel.jongere)
    actueel.refresh_from_db()
    return actueel


def _fase_terug_als_niets_open(jongere: Jongere) -> None:
    if jongere.fase != Fase.VOORGESTELD:
        return
    if not Voorstel.objects.open().filter(jongere=jongere).exists():
        Jongere.objects.filter(pk=jongere.pk).update(fase=Fase.ZOEKEN)


@dataclass(frozen=True)
class Termijnen:
    """What one round of watching the answer deadlines did."""

    te_laat: int
    verlopen: int


def bewaak_termijnen(*, now: dt.datetime | None = None) -> Termijnen:
    """Mark proposals the home did not answer in time, and expire the long-forgotten ones.

    Past `antwoord_uiterlijk` a proposal is marked once (`te_laat_gemeld_op`) and the
    coordinator told; past VOORSTEL_VERLOOP_WERKDAGEN working days since sending it expires.
    Runs from `manage.py voorstel_termijnen` (cron) or the Celery beat task of the same
    name; safe to run as often as you like.
    """
    now = now or timezone.now()
    te_laat = verlopen = 0
    for pk in Voorstel.objects.filter(status=S.VERSTUURD, antwoord_uiterlijk__lt=now).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            actueel = _vergrendel(Voorstel(pk=pk))
            if actueel.status != S.VERSTUURD or actueel.verstuurd_op is None:
                continue
            if now >= werkdagen_later(actueel.verstuurd_op, verloop_werkdagen()):
                _ga_over(actueel, "verloop", door=None, waarom=_("De woning gaf geen antwoord."))
                _fase_terug_als_niets_open(actueel.jongere)
                _vertel(
                    actueel,
                    [*_coordinatoren(actueel), *beheerders(actueel.voorziening)],
                    _("Het voorstel aan %(woning)s is verlopen: er kwam geen antwoord.")
                    % {"woning": actueel.voorziening.naam},
                )
                verlopen += 1
            elif actueel.te_laat_gemeld_op is None:
                actueel.te_laat_gemeld_op = now
                actueel.save(update_fields=["te_laat_gemeld_op", "gewijzigd_op"])
                _log(actueel, door=None, wat="te_laat")
                _vertel(
                    actueel,
                    _coordinatoren(actueel),
                    _("%(voorstel)s: de woning heeft niet op tijd geantwoord.")
                    % {"voorstel": actueel.titel},
                )
                te_laat += 1
    return Termijnen(te_laat=te_laat, verlopen=verlopen)


def mail_voorstel_gewijzigd(*, voorstel_id: int, ontvanger_ids: list[int]) -> int:
    """The e-mail for a change: no details at all, only that something changed and a link.

    Called by the Celery task; a proposal that is gone by now still gets the plain mail
    (it names nothing), a deactivated account gets none.
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    verstuurd = 0
    for persoon in User.objects.filter(pk__in=ontvanger_ids, is_active=True):
        # No name, not even the addressee's: a mail may be read by someone else.
        context = {"url": f"{settings.PORTAL_URL}/meldingen/"}
        onderwerp = render_to_string("voorstellen/email/voorstel_onderwerp.txt", context).strip()
        tekst = render_to_string("voorstellen/email/voorstel.txt", context)
        send_mail(onderwerp, tekst, None, [persoon.email])
        verstuurd += 1
    logger.info("voorstel %s: %s e-mails", voorstel_id, verstuurd)
    return verstuurd


def mail_kennismaking(*, voorstel_id: int, ontvanger_ids: list[int]) -> int:
    """The e-mail for a planned meeting: no details, a link, and the meeting as a calendar
    entry (.ics) that holds only its time and that link. A meeting that is gone by now
    (the proposal ended) gets the plain mail without the entry."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    from voorstellen.kalender import kennismaking_ics

    kennismaking = (
        Kennismaking.objects.select_related("voorstel").filter(voorstel_id=voorstel_id).first()
    )
    bijlage = kennismaking_ics(kennismaking) if kennismaking is not None else None
    verstuurd = 0
    for persoon in User.objects.filter(pk__in=ontvanger_ids, is_active=True):
        context = {"url": f"{settings.PORTAL_URL}/meldingen/", "met_agenda": bijlage is not None}
        onderwerp = render_to_string(
            "voorstellen/email/kennismaking_onderwerp.txt", context
        ).strip()
        bericht = EmailMessage(
            onderwerp,
            render_to_string("voorstellen/email/kennismaking.txt", context),
            None,
            [persoon.email],
        )
        if bijlage is not None:
            bericht.attach("kennismaking.ics", bijlage, "text/calendar; method=PUBLISH")
        bericht.send()
        verstuurd += 1
    logger.info("kennismaking %s: %s e-mails", voorstel_id, verstuurd)
    return verstuurd


def herbeoordeel_voorstellen(*, voorziening_id: int, now: dt.datetime | None = None) -> int:
    """The home's group picture changed materially: run the engine again for every open
    proposal to it, keep the new explanation, note it on the timeline and tell the
    coordinators. A proposal the home can no longer take stays open: the people involved
    decide what to do, and the timeline says why. Returns how many were re-evaluated.

    Everything here is kept (the explanation, the timeline, the notices), so it is written
    in the portal's own language, whoever's step changed the group."""
    with translation.override(settings.LANGUAGE_CODE):
        return _herbeoordeel_voorstellen(voorziening_id=voorziening_id, now=now)


def _herbeoordeel_voorstellen(*, voorziening_id: int, now: dt.datetime | None) -> int:
    now = now or timezone.now()
    aantal = 0
    for pk in (
        Voorstel.objects.open().filter(voorziening_id=voorziening_id).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            voorstel = _vergrendel(Voorstel(pk=pk))
            results = _home_results(voorstel, now=now) if voorstel.is_open else None
            if results is None:
                continue
            result = results[BESLISSEND]
            if result.eligible:
                voorstel.uitleg_per_publiek = _uitleg(results, _ouderversie(voorstel, now=now))
                voorstel.save(update_fields=["uitleg_per_publiek", "gewijzigd_op"])
                waarom = _("De woning past nog; nieuwe score: %(score)s van 100.") % {
                    "score": f"{result.score:.0f}"
                }
            else:
                waarom = _("De woning kan deze jongere nu niet opnemen: %(redenen)s") % {
                    "redenen": " ".join(reden.explanation for reden in result.blocking)
                }
            laatste = voorstel.laatste_tegenspraak()
            controle = groepscontrole(voorstel, now=now)
            if (
                laatste is not None
                and laatste.oordeel == Tegenspraak.Oordeel.AKKOORD
                and controle is not None
                and tegenspraak_vervallen(laatste, controle)
            ):
                waarom += " " + _(
                    "De tegenspraak van %(datum)s telt niet meer: de groep is veranderd. Er is "
                    "opnieuw tegenspraak nodig."
                ) % {"datum": opmaak.datum(laatste.op)}
            _log(voorstel, door=None, wat="herbeoordeeld", waarom=waarom, op=now)
            _vertel(
                voorstel,
                _coordinatoren(voorstel),
                _(
                    "De groep in %(woning)s veranderde; het voorstel voor %(naam)s is opnieuw "
                    "beoordeeld."
                )
                % {"woning": voorstel.voorziening.naam, "naam": voorstel.jongere.roepnaam},
            )
            aantal += 1
    return aantal
