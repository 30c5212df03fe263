"""The search index: every home as the matching engine sees it, shared by all processes.

A search ranks every home in the country. Building the engine's view of 10,000 homes from
their tables (team figures, offers, residents, vacancies) takes several hundred milliseconds,
so it is kept, once, in the database (`ZoekindexWoning`, one row per home) and brought up to
date home by home:

1. Every change to what the engine reads of a home (the home itself, its team, residents,
   vacancies, offers, team competences) records a `ZoekindexWijziging` row in the change's
   own transaction (`matching.receivers`): the mark commits or rolls back with the change and
   is never lost.
2. After the commit, the process that made the change takes it in (`werk_bij`): it loads
   that home from its tables and writes its row with a new version number. If that process
   dies first, the mark stays and the next search anywhere, or the periodic task, takes it in.
3. Time alone changes a home's view at midnight (ages, team figures, stays that start or
   end) and when a vacancy runs out of confirmation; each row says until when it holds
   (`geldig_tot`) and is taken in again after that.

Every process keeps a copy of the rows it read (`_Spiegel`) and brings it up to date at the
start of every search with two indexed queries: the rows written since the highest version
it has seen, and the marks not yet taken in (whose homes it then loads from their tables
itself, so it never answers from a home that changed). A second web server therefore gives
the same answer as the first; a restarted worker reads the rows instead of rebuilding them.

Why no change is missed although version numbers are handed out before their transaction
commits (a later number may become visible before an earlier one): a row is only rewritten
in the transaction that also removes its marks (or while it is past its `geldig_tot`), so
until that transaction commits the home stays visibly marked or expired, and every process
that reads past the later number loads that home from its tables in the same search.
Writers lock the rows they write and only write a home whose version and marks are still
the ones they saw before loading it, so an older load never overwrites a newer one.

The ranking of every home per youth is kept too (`ranglijst`): it is a function of the homes
and the youth, kept per process only as a memo of that function. After a change it is
brought up to date by scoring just the changed homes again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import json
import threading
import time
from collections import OrderedDict, defaultdict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone, translation

from matching.engine import Home, HomeResult, Point, Resident, Vacancy, Youth
from matching.engine.types import AdmissionPolicy, resident_ref
from matching.models import ZoekindexBijwerking, ZoekindexWijziging, ZoekindexWoning
from voorzieningen.models import Vacature, Voorziening, vacature_bevestig_dagen

# Raised when the stored form of a home changes, so rows in the old form are read again.
FORMAAT = 2
# Rows written per statement.
SCHRIJF_PER_KEER = 1000
# A deleted home's empty row is kept this long, so every process hears it is gone; each
# process reads the whole index again at least this often.
BEWAAR_LEGE_RIJEN = dt.timedelta(days=2)
SPIEGEL_MAX_LEEFTIJD = 12 * 3600.0
# Marks the process that made a change takes in after its commit, at most; more (a change
# to the vocabulary touches every home) are left to the periodic task and the searches.
NA_COMMIT_MAX = 500


def recept() -> str:
    """What a row's contents depend on besides the home itself: the storage format and how
    long a vacancy stays visible without confirmation."""
    return f"{FORMAAT}:{vacature_bevestig_dagen()}"


# --- Stored form of a home --------------------------------------------------------------


def _datum(waarde: dt.date | None) -> str | None:
    return waarde.isoformat() if waarde is not None else None


def codeer(home: Home) -> str:
    """A home as compact JSON (the ref is the row's key, residents are numbered by order)."""
    plek = home.location
    return json.dumps(
        [
            [plek.lat, plek.lon] if plek is not None else None,
            home.setting,
            home.closed,
            home.max_residents,
            home.age_min,
            home.age_max,
            sorted(home.offers),
            home.staff_on_shift,
            home.team_size,
            home.team_turnover_12m,
            [vacancy.available_from.isoformat() for vacancy in home.vacancies],
            [
                [
                    resident.birth_date.isoformat(),
                    resident.gender,
                    resident.care_profile,
                    resident.care_intensity,
                    sorted(resident.attention),
                    _datum(resident.planned_end),
                ]
                for resident in home.residents
            ],
            _datum(home.opens_on),
            [[rule.kind, rule.value, rule.hard, rule.reason] for rule in home.policies],
        ],
        separators=(",", ":"),
    )


# Every field of the engine's `Home`, in the stored form (a test checks that none is missing).
OPGESLAGEN_VELDEN = frozenset(
    {
        "ref",
        "location",
        "setting",
        "closed",
        "max_residents",
        "age_min",
        "age_max",
        "offers",
        "staff_on_shift",
        "team_size",
        "team_turnover_12m",
        "vacancies",
        "residents",
        "opens_on",
        "policies",
    }
)


_GEEN: frozenset[str] = frozenset()


def decodeer(ref: str, inhoud: str) -> Home:
    (
        plek,
        setting,
        closed,
        max_residents,
        age_min,
        age_max,
        offers,
        staff,
        team_size,
        turnover,
        vacancies,
        residents,
        opens_on,
        policies,
    ) = json.loads(inhoud)
    datum = dt.date.fromisoformat
    return Home(
        ref=ref,
        location=Point(plek[0], plek[1]) if plek is not None else None,
        setting=setting,
        closed=closed,
        max_residents=max_residents,
        age_min=age_min,
        age_max=age_max,
        offers=frozenset(offers) if offers else _GEEN,
        staff_on_shift=staff,
        team_size=team_size,
        team_turnover_12m=turnover,
        vacancies=tuple(Vacancy(datum(vanaf)) for vanaf in vacancies),
        residents=tuple(
            Resident(
                ref=resident_ref(nummer),
                birth_date=datum(born),
                gender=gender,
                care_profile=profile,
                care_intensity=intensity,
                attention=frozenset(attention) if attention else _GEEN,
                planned_end=datum(einde) if einde else None,
            )
            for nummer, (born, gender, profile, intensity, attention, einde) in enumerate(
                residents, start=1
            )
        ),
        opens_on=datum(opens_on) if opens_on else None,
        policies=tuple(
            AdmissionPolicy(kind=kind, value=value, hard=hard, reason=reason)
            for kind, value, hard, reason in policies
        ),
    )


@contextmanager
def _zonder_gc() -> Iterator[None]:
    """Building tens of thousands of small records triggers the cyclic garbage collector
    over and over (it walks every object in the process); none of them form cycles."""
    aan = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if aan:
            gc.enable()


# --- Marking changes --------------------------------------------------------------------

_na_commit_gepland = threading.Event()
_bundel: ContextVar[set[int] | None] = ContextVar("zoekindex_bundel", default=None)


@contextmanager
def gebundeld() -> Iterator[None]:
    """Marks made inside are written once, at the end (one insert instead of one per row
    when thousands of team members, residents or homes are deleted or made at once)."""
    bundel: set[int] = set()
    token = _bundel.set(bundel)
    try:
        yield
    finally:
        _bundel.reset(token)
    markeer(bundel)


def markeer(woning_ids: Iterable[int | None]) -> None:
    """Record that these homes changed, in the current transaction; after its commit this
    process takes them into the index."""
    ids = sorted({int(pk) for pk in woning_ids if pk is not None})
    if not ids:
        return
    bundel = _bundel.get()
    if bundel is not None:
        bundel.update(ids)
        return
    ZoekindexWijziging.objects.bulk_create(
        [ZoekindexWijziging(woning_id=pk) for pk in ids], batch_size=SCHRIJF_PER_KEER
    )
    _na_commit_gepland.set()
    verbinding = transaction.get_connection()
    # Once per transaction (a callback registered in a savepoint that rolled back is gone
    # from this list, so the next mark registers it again).
    if not any(wacht[1] is _na_commit for wacht in getattr(verbinding, "run_on_commit", ())):
        transaction.on_commit(_na_commit, robust=True)


def markeer_alle() -> None:
    """Every home changed (the vocabulary's codes changed)."""
    markeer(Voorziening.objects.values_list("pk", flat=True))


def _na_commit() -> None:
    # Several transactions may have registered this; the first one does the work for all of
    # them (and for any other marks waiting).
    if not _na_commit_gepland.is_set():
        return
    _na_commit_gepland.clear()
    werk_bij(max_woningen=NA_COMMIT_MAX)


# --- Writing rows -----------------------------------------------------------------------


def _middernacht_na(now: dt.datetime) -> dt.datetime:
    morgen = timezone.localdate(now) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(morgen, dt.time.min))


def _lees_uit_bron(
    ids: Collection[int] | None, *, today: dt.date, now: dt.datetime
) -> tuple[dict[int, Home], dict[int, dt.datetime]]:
    """The homes (all of them for `ids=None`) from their own tables, and until when each
    view holds: midnight, or earlier when a visible vacancy runs out of confirmation."""
    from matching.adapters import home_pk, load_homes

    with _zonder_gc():
        homes = {home_pk(home.ref): home for home in load_homes(today=today, now=now, only=ids)}
    vacatures = Vacature.objects.zichtbaar(now)
    if ids is not None:
        vacatures = vacatures.filter(voorziening_id__in=ids)
    eerste = dict(
        vacatures.order_by()
        .values("voorziening_id")
        .annotate(eerste=Min("laatst_bevestigd"))
        .values_list("voorziening_id", "eerste")
    )
    middernacht = _middernacht_na(now)
    bevestig = dt.timedelta(days=vacature_bevestig_dagen())
    geldig = {
        pk: min(middernacht, eerste[pk] + bevestig) if pk in eerste else middernacht for pk in homes
    }
    return homes, geldig


def _ververs(
    ids: Collection[int],
    gezien_wijzigingen: Mapping[int, set[int]],
    *,
    today: dt.date,
    now: dt.datetime,
) -> dict[int, Home | None]:
    """Load these homes from their tables and write their rows, except where somebody else
    wrote a newer one meanwhile. Returns what was loaded (None: the home is gone), whether
    or not it was written: the caller answers from it either way.

    `gezien_wijzigingen` holds the marks per home the caller saw before calling; only those
    are removed, so a change recorded while the home was being loaded stays marked.
    """
    if not ids:
        return {}
    volgorde = sorted(ids)
    gezien_versie = dict(
        ZoekindexWoning.objects.filter(woning_id__in=volgorde).values_list("woning_id", "versie")
    )
    alles = len(volgorde) > 2000 and len(volgorde) * 2 > Voorziening.objects.count()
    homes, geldig = _lees_uit_bron(None if alles else volgorde, today=today, now=now)
    geladen: dict[int, Home | None] = {pk: homes.get(pk) for pk in volgorde}
    huidig_recept = recept()
    with transaction.atomic():
        bijwerking = ZoekindexBijwerking.objects.create()
        # Rows that do not exist yet are made first, so that every writer locks the same rows
        # in the same order.
        ZoekindexWoning.objects.bulk_create(
            [ZoekindexWoning(woning_id=pk) for pk in volgorde if pk not in gezien_versie],
            ignore_conflicts=True,
            batch_size=SCHRIJF_PER_KEER,
        )
        nu_versie = dict(
            ZoekindexWoning.objects.select_for_update()
            .filter(woning_id__in=volgorde)
            .order_by("woning_id")
            .values_list("woning_id", "versie")
        )
        nu_wijzigingen: dict[int, set[int]] = defaultdict(set)
        for pk, wijziging in ZoekindexWijziging.objects.filter(woning_id__in=volgorde).values_list(
            "woning_id", "pk"
        ):
            nu_wijzigingen[pk].add(wijziging)
        schrijven = [
            pk
            for pk in volgorde
            if nu_versie.get(pk, 0) == gezien_versie.get(pk, 0)
            and nu_wijzigingen.get(pk, set()) <= gezien_wijzigingen.get(pk, set())
        ]
        weg = [wijziging for pk in schrijven for wijziging in nu_wijzigingen.get(pk, ())]
        for begin in range(0, len(weg), SCHRIJF_PER_KEER):
            ZoekindexWijziging.objects.filter(pk__in=weg[begin : begin + SCHRIJF_PER_KEER]).delete()
        rijen = [
            ZoekindexWoning(
                woning_id=pk,
                versie=bijwerking.pk,
                geldig_tot=geldig.get(pk),
                recept=huidig_recept,
                inhoud=codeer(home) if (home := geladen[pk]) is not None else "",
            )
            for pk in schrijven
        ]
        ZoekindexWoning.objects.bulk_create(
            rijen,
            update_conflicts=True,
            unique_fields=["woning_id"],
            update_fields=["versie", "geldig_tot", "recept", "inhoud"],
            batch_size=SCHRIJF_PER_KEER,
        )
        ZoekindexBijwerking.objects.filter(pk=bijwerking.pk).update(woningen=len(rijen))
    return geladen


def _open_wijzigingen(limiet: int | None = None) -> dict[int, set[int]]:
    wijzigingen: dict[int, set[int]] = defaultdict(set)
    rijen = ZoekindexWijziging.objects.order_by("pk").values_list("woning_id", "pk")
    for pk, wijziging in rijen[:limiet] if limiet else rijen:
        wijzigingen[pk].add(wijziging)
    return wijzigingen


def werk_bij(*, max_woningen: int | None = None, now: dt.datetime | None = None) -> int:
    """Take the recorded changes, and rows past their `geldig_tot`, into the index.
    Returns the number of homes loaded again."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    wijzigingen = _open_wijzigingen(max_woningen * 20 if max_woningen else None)
    verlopen = set(
        ZoekindexWoning.objects.filter(geldig_tot__lte=now).values_list("woning_id", flat=True)
    )
    ids = sorted(set(wijzigingen) | verlopen)
    if max_woningen is not None:
        ids = ids[:max_woningen]
    _ververs(ids, wijzigingen, today=today, now=now)
    return len(ids)


def werk_alles_bij(*, per_keer: int | None = None, rondes: int = 50) -> int:
    """`werk_bij` until nothing is left (a home that changes again while it is being read
    waits for the next round)."""
    totaal = 0
    for _ronde in range(rondes):
        gedaan = werk_bij(max_woningen=per_keer)
        if not gedaan:
            break
        totaal += gedaan
    return totaal


def ruim_op(now: dt.datetime | None = None) -> int:
    """Forget homes deleted more than `BEWAAR_LEGE_RIJEN` ago (every process has read its
    copy again since: `SPIEGEL_MAX_LEEFTIJD`) and the record of old updates."""
    grens = (now or timezone.now()) - BEWAAR_LEGE_RIJEN
    recent = ZoekindexBijwerking.objects.filter(gemaakt_op__gte=grens).order_by("pk").first()
    if recent is None:
        return 0
    weg, _ = (
        ZoekindexWoning.objects.filter(inhoud="", versie__lt=recent.pk).exclude(versie=0).delete()
    )
    ZoekindexBijwerking.objects.filter(pk__lt=recent.pk).delete()
    return weg


def vul_aan() -> int:
    """Mark homes that have no row at all (made in bulk, past the signals); with the rows of
    another format or vacancy setting. Run by the periodic task and `manage.py zoekindex`."""
    zonder = list(
        Voorziening.objects.exclude(pk__in=ZoekindexWoning.objects.values("woning_id")).values_list(
            "pk", flat=True
        )
    )
    ander = list(
        ZoekindexWoning.objects.exclude(recept=recept())
        .exclude(inhoud="")
        .values_list("woning_id", flat=True)
    )
    with transaction.atomic():
        markeer([*zonder, *ander])
    return len(zonder) + len(ander)


def herbouw() -> int:
    """Every home again from its tables (after a data import, or to measure)."""
    with transaction.atomic():
        markeer_alle()
        markeer(
            ZoekindexWoning.objects.exclude(
                woning_id__in=Voorziening.objects.values("pk")
            ).values_list("woning_id", flat=True)
        )
    return werk_alles_bij()


# --- This process's copy ----------------------------------------------------------------


class Woningen(list[Home]):
    """The homes as of one generation of this process's copy."""

    generatie: int = -1
    spiegel: _Spiegel | None = None


@dataclass(eq=False)
class _Spiegel:
    recept: str
    gelezen_op: float = field(default_factory=time.monotonic)
    woningen: dict[int, Home] = field(default_factory=dict)
    hoogste: int = 0
    generatie: int = 0
    lijst: Woningen | None = None
    # (generation, refs of the homes that changed in it), oldest first.
    geschiedenis: deque[tuple[int, frozenset[str]]] = field(
        default_factory=lambda: deque(maxlen=512)
    )

    def gewijzigd_sinds(self, generatie: int) -> frozenset[str] | None:
        """Refs of the homes changed after `generatie`; None when that is too long ago."""
        if generatie == self.generatie:
            return frozenset()
        if not self.geschiedenis or self.geschiedenis[0][0] > generatie + 1:
            return None
        refs: set[str] = set()
        for gen, gewijzigd in self.geschiedenis:
            if gen > generatie:
                refs |= gewijzigd
        return frozenset(refs)

    def neem_over(self, nieuw: Mapping[int, Home | None]) -> None:
        from matching.adapters import home_ref

        gewijzigd = set()
        for pk, home in nieuw.items():
            oud = self.woningen.get(pk)
            if home is None:
                if oud is not None:
                    del self.woningen[pk]
                    gewijzigd.add(home_ref(pk))
            elif oud != home:
                self.woningen[pk] = home
                gewijzigd.add(home_ref(pk))
        if gewijzigd or self.lijst is None:
            self.generatie += 1
            self.geschiedenis.append((self.generatie, frozenset(gewijzigd)))
            lijst = Woningen(self.woningen[pk] for pk in sorted(self.woningen))
            lijst.generatie = self.generatie
            lijst.spiegel = self
            self.lijst = lijst


_spiegel: _Spiegel | None = None
_slot = threading.RLock()


def vergeet() -> None:
    """Drop this process's copy and rankings (the next search reads the index again)."""
    global _spiegel
    with _slot:
        _spiegel = None
        _ranglijsten.clear()


def vergeet_ranglijsten() -> None:
    with _slot:
        _ranglijsten.clear()


def woningen(*, today: dt.date, now: dt.datetime) -> list[Home]:
    """Every home as the engine sees it on `today` at `now`, from the index."""
    global _spiegel
    if today != timezone.localdate(now):
        # Another day than the clock's (a look ahead or back): straight from the tables.
        from matching.adapters import load_homes

        return load_homes(today=today, now=now)
    with _slot:
        huidig = recept()
        if (
            _spiegel is None
            or _spiegel.recept != huidig
            or time.monotonic() - _spiegel.gelezen_op > SPIEGEL_MAX_LEEFTIJD
        ):
            _spiegel = _Spiegel(recept=huidig)
        spiegel = _spiegel
        rijen = ZoekindexWoning.objects.filter(
            Q(versie__gt=spiegel.hoogste) | Q(geldig_tot__lte=now)
        ).values_list("woning_id", "versie", "geldig_tot", "recept", "inhoud")
        wijzigingen = _open_wijzigingen()
        nieuw: dict[int, Home | None] = {}
        vuil = set(wijzigingen)
        hoogste = spiegel.hoogste
        from matching.adapters import home_ref

        with _zonder_gc():
            for pk, versie, geldig, rij_recept, inhoud in rijen:
                hoogste = max(hoogste, versie)
                if (geldig is not None and geldig <= now) or rij_recept != huidig:
                    vuil.add(pk)
                elif pk not in vuil:
                    nieuw[pk] = decodeer(home_ref(pk), inhoud) if inhoud else None
            if vuil:
                nieuw.update(_ververs(vuil, wijzigingen, today=today, now=now))
            spiegel.hoogste = hoogste
            spiegel.neem_over(nieuw)
        assert spiegel.lijst is not None
        return spiegel.lijst


# --- Rankings ---------------------------------------------------------------------------


def volgorde(result: HomeResult) -> tuple[int, float, str]:
    """The order of `rank_homes` (its documented contract): eligible homes first by score,
    high to low, then the blocked ones; ties by the home's ref."""
    if result.score is None:
        return (1, 0.0, result.home.ref)
    return (0, -result.score, result.home.ref)


@dataclass
class _Ranglijst:
    woningen: list[Home]
    generatie: int
    uitkomst: list[HomeResult]


# Results kept per process, at most (about 1.5 KB each): with 10,000 homes the rankings of
# the last five youths searched (about 75 MB), with 1,000 homes fifty.
RANGLIJST_MAX_RESULTATEN = 50_000
_ranglijsten: OrderedDict[tuple[object, ...], _Ranglijst] = OrderedDict()


def ranglijst(
    youth: Youth,
    homes: list[Home],
    today: dt.date,
    opties: Mapping[str, Any],
    rangschik: Callable[[list[Home]], list[HomeResult]],
) -> list[HomeResult]:
    """The ranking of `homes` for `youth`, as `rangschik` makes it: kept per youth, day,
    engine options (`opties`: everything `rangschik` passes to the engine besides these) and
    the language its explanations are written in, and after a change only the changed homes
    are scored again."""
    sleutel = (youth, today, translation.get_language(), tuple(sorted(opties.items())))
    spiegel = homes.spiegel if isinstance(homes, Woningen) else None
    with _slot:
        bewaard = _ranglijsten.get(sleutel)
        if bewaard is not None and bewaard.woningen is homes:
            _ranglijsten.move_to_end(sleutel)
            return bewaard.uitkomst
        gewijzigd = None
        if (
            bewaard is not None
            and spiegel is not None
            and isinstance(bewaard.woningen, Woningen)
            and bewaard.woningen.spiegel is spiegel
        ):
            gewijzigd = spiegel.gewijzigd_sinds(bewaard.generatie)
        with _zonder_gc():
            if bewaard is not None and gewijzigd is not None and len(gewijzigd) * 4 <= len(homes):
                uitkomst = [r for r in bewaard.uitkomst if r.home.ref not in gewijzigd]
                opnieuw = [home for home in homes if home.ref in gewijzigd] if gewijzigd else []
                for result in rangschik(opnieuw) if opnieuw else ():
                    bisect.insort(uitkomst, result, key=volgorde)
            else:
                uitkomst = rangschik(homes)
        _ranglijsten[sleutel] = _Ranglijst(
            woningen=homes, generatie=getattr(homes, "generatie", -1), uitkomst=uitkomst
        )
        _ranglijsten.move_to_end(sleutel)
        totaal = sum(len(r.uitkomst) for r in _ranglijsten.values())
        while len(_ranglijsten) > 1 and totaal > RANGLIJST_MAX_RESULTATEN:
            _sleutel, oudste = _ranglijsten.popitem(last=False)
            totaal -= len(oudste.uitkomst)
        return uitkomst
