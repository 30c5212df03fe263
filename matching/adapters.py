"""The ORM adapter: loads what the engine needs from the database, in a fixed few queries.

One query per table, as plain tuples (`values_list`), then the engine's dataclasses are
built in Python. The number of queries does not grow with the number of homes, which is
what keeps a ranking of 10,000 homes within a few times a bare fetch of the same rows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, cast

from django.db.models import Count, QuerySet, TextField
from django.db.models.functions import Cast

from jongeren.models import Jongere, VerklarendeAnalyse
from kern.models import Kenmerk
from kern.publiek import Stem, standaardstem
from matching import zoekindex
from matching.engine import (
    AdmissionPolicy,
    Audience,
    Home,
    HomeResult,
    Need,
    Point,
    Priorities,
    ProtectiveZone,
    Resident,
    Vacancy,
    Youth,
    evaluate_home,
    rank_homes,
)
from matching.engine import config as engine_config
from matching.engine.geo import DistanceFrom
from matching.engine.types import Gender, PolicyKind, ResidentImpact, Setting, resident_ref
from voorzieningen.models import (
    Plaatsing,
    Teamlid,
    Toelatingsregel,
    Vacature,
    Voorziening,
    verloop,
)


def home_ref(pk: int) -> str:
    # Zero-padded so that ties broken "by ref" follow the numeric order of the ids.
    return f"{pk:09d}"


def home_pk(ref: str) -> int:
    return int(ref)


def _point(lat: float | None, lon: float | None) -> Point | None:
    return Point(lat, lon) if lat is not None and lon is not None else None


def signalen_tellen_mee(analyse: VerklarendeAnalyse | None) -> bool:
    """Whether this analysis version's attention signals steer a search.

    Only an endorsed version, or one whose signals a coordinator released with a recorded
    reason, does: signals decide eligibility and group texts, so a version anyone can type
    and search with would let them probe which homes house which residents.
    """
    if analyse is None:
        return False
    return analyse.status == VerklarendeAnalyse.Status.GEDRAGEN or analyse.signalen_vrijgegeven


def youth_from_jongere(
    jongere: Jongere, analyse: VerklarendeAnalyse | None, *, alle_signalen: bool = False
) -> Youth:
    """The engine's view of a youth, from the profile and the analysis version given.

    Without an analysis (or with a draft that lacks them) the care profile falls back to a
    neutral guess and needs are empty; the search page shows that the analysis is missing.
    A search uses the attention signals only when `signalen_tellen_mee`; the steps that
    change the world (sending, answering, placing) pass `alle_signalen=True`, because the
    hard limits protect children whatever the state of the paperwork.
    The youth's protective zones go in as points and radii (their place names and reasons
    stay in the database).
    """
    needs: tuple[Need, ...] = ()
    attention: frozenset[str] = frozenset()
    priorities = Priorities()
    care_profile, care_intensity = "ontwikkeling", "midden"
    if analyse is not None:
        needs = tuple(
            Need(code, belang)
            for code, belang in analyse.behoeften.order_by(
                "-belang", "kenmerk__volgorde"
            ).values_list("kenmerk__code", "belang")
        )
        if alle_signalen or signalen_tellen_mee(analyse):
            attention = frozenset(analyse.signalen or ())
        priorities = Priorities(
            nabijheid=analyse.prioriteit_nabijheid,
            onderwijs=analyse.prioriteit_onderwijs,
            groep=analyse.prioriteit_groep,
            team=analyse.prioriteit_team,
            behoeften=analyse.prioriteit_behoeften,
        )
        care_profile = analyse.zorgprofiel or care_profile
        care_intensity = analyse.zorgintensiteit or care_intensity
    return Youth(
        ref=f"jongere-{jongere.pk}",
        birth_date=jongere.geboortedatum,
        gender=cast(Gender, jongere.geslacht),
        location=_point(jongere.lat, jongere.lon),
        school_location=_point(jongere.school_lat, jongere.school_lon),
        needed_from=jongere.nodig_vanaf,
        machtiging_gesloten=jongere.heeft_machtiging_gesloten,
        care_profile=care_profile,
        care_intensity=care_intensity,
        needs=needs,
        attention=attention,
        priorities=priorities,
        protective_zones=tuple(
            ProtectiveZone(Point(lat, lon), straal)
            for lat, lon, straal in jongere.beschermde_zones.order_by("pk").values_list(
                "lat", "lon", "straal_km"
            )
        ),
    )


@dataclass(frozen=True)
class HomeFilter:
    """Narrowing of the candidate homes that a coordinator asked for.

    Everything but the distance is done in SQL; the distance needs the youth's location
    and is applied to the ranked results (`within_distance`).
    """

    gesloten: bool | None = None
    omgeving: str | None = None
    beschikbaar_op: date | None = None
    met_opent_binnenkort: bool = True
    max_afstand_km: int | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "gesloten": self.gesloten,
            "omgeving": self.omgeving,
            "beschikbaar_op": self.beschikbaar_op.isoformat() if self.beschikbaar_op else None,
            "met_opent_binnenkort": self.met_opent_binnenkort,
            "max_afstand_km": self.max_afstand_km,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> HomeFilter:
        beschikbaar = data.get("beschikbaar_op")
        return cls(
            gesloten=data.get("gesloten"),
            omgeving=data.get("omgeving") or None,
            beschikbaar_op=date.fromisoformat(beschikbaar) if beschikbaar else None,
            met_opent_binnenkort=bool(data.get("met_opent_binnenkort", True)),
            max_afstand_km=data.get("max_afstand_km"),
        )


def apply_filter(homes: list[Home], filters: HomeFilter, today: date) -> list[Home]:
    """Keep the homes that pass the coordinator's filters (all but the distance)."""
    kept = homes
    if filters.gesloten is not None:
        kept = [home for home in kept if home.closed == filters.gesloten]
    if filters.omgeving:
        kept = [home for home in kept if home.setting == filters.omgeving]
    if not filters.met_opent_binnenkort:
        kept = [home for home in kept if home.opens_on is None or home.opens_on <= today]
    if filters.beschikbaar_op:
        day = filters.beschikbaar_op
        kept = [
            home
            for home in kept
            if any(vacancy.available_from <= day for vacancy in home.vacancies)
        ]
    return kept


def within_distance(
    results: list[HomeResult], youth: Youth, max_km: int | None
) -> list[HomeResult]:
    """Keep the homes within `max_km` of the family; without a family location, keep all."""
    if max_km is None or youth.location is None:
        return results
    origin = DistanceFrom(youth.location)
    return [
        result
        for result in results
        if result.home.location is not None and origin.km(result.home.location) <= max_km
    ]


def residents_by_home(
    home_ids: Iterable[int] | QuerySet[Any], today: date
) -> dict[int, list[Resident]]:
    """The current residents per home, pseudonymised in order of arrival ("bewoner 1")."""
    residents: dict[int, list[Resident]] = defaultdict(list)
    no_signals: frozenset[str] = frozenset()
    for home_id, born, gender, profile, intensity, signals, planned_end in (
        Plaatsing.objects.actief(today)
        .filter(voorziening_id__in=home_ids)
        .order_by("voorziening_id", "aankomst", "pk")
        # As text: most residents have no signals, and decoding "[]" twenty thousand
        # times through the JSON field costs more than the query.
        .annotate(signalen_tekst=Cast("signalen", TextField()))
        .values_list(
            "voorziening_id",
            "geboortemaand",
            "geslacht",
            "zorgprofiel",
            "zorgintensiteit",
            "signalen_tekst",
            "geplande_einde",
        )
    ):
        members = residents[home_id]
        members.append(
            Resident(
                ref=resident_ref(len(members) + 1),
                birth_date=born,
                gender=cast(Gender, gender),
                care_profile=profile,
                care_intensity=intensity,
                attention=frozenset(json.loads(signals)) if signals != "[]" else no_signals,
                planned_end=planned_end,
            )
        )
    return residents


# A home's admission rules as the engine names their kinds.
_POLICY_KINDS: dict[str, PolicyKind] = {
    Toelatingsregel.Soort.GESLACHT: "gender",
    Toelatingsregel.Soort.GEEN_MACHTIGING: "no_closed_authorisation",
    Toelatingsregel.Soort.BEHOEFTE: "need",
}


def policies_by_home(home_ids: Iterable[int] | QuerySet[Any]) -> dict[int, list[AdmissionPolicy]]:
    """Each home's own admission rules (`Toelatingsregel`), in one query."""
    policies: dict[int, list[AdmissionPolicy]] = defaultdict(list)
    for home_id, soort, geslacht, code, sterkte, reden in (
        Toelatingsregel.objects.filter(voorziening_id__in=home_ids)
        .order_by("voorziening_id", "soort", "pk")
        .values_list("voorziening_id", "soort", "geslacht", "kenmerk__code", "sterkte", "reden")
    ):
        policies[home_id].append(
            AdmissionPolicy(
                kind=_POLICY_KINDS[soort],
                value=geslacht or code or "",
                hard=sterkte == Toelatingsregel.Sterkte.HARD,
                reason=reden,
            )
        )
    return policies


def load_homes(*, today: date, now: datetime, only: Iterable[int] | None = None) -> list[Home]:
    """Every (filtered) home as the engine sees it, in seven queries whatever their number.

    Team figures and the team members per competence are counted by the database (one row
    per home, or per home and competence, not per team member) and offers are read as ids,
    so the rows that travel are few and small.
    """
    homes_qs = Voorziening.objects.all()
    if only is not None:
        homes_qs = homes_qs.filter(pk__in=list(only))
    rows = list(homes_qs.met_teamcijfers(today).values_list(*HOME_COLUMNS, *TEAM_COLUMNS))
    if not rows:
        return []
    ids = homes_qs.values("pk")
    code_of = dict(Kenmerk.objects.values_list("pk", "code"))

    offers: dict[int, set[str]] = defaultdict(set)
    for home_id, kenmerk_id in Voorziening.aanbod.through.objects.filter(
        voorziening_id__in=ids
    ).values_list("voorziening_id", "kenmerk_id"):
        offers[home_id].add(code_of[kenmerk_id])
    # What the current team can do counts as what the home offers, but only when enough of
    # the team has it to be there on every shift (`config.competence_holders_needed`): one
    # person cannot work every shift. Counted by the database, one row per home and code.
    staff_of = {row[0]: row[HOME_COLUMNS.index("medewerkers_per_dienst")] for row in rows}
    for home_id, kenmerk_id, holders in (
        Teamlid.objects.actief(today)
        .filter(voorziening_id__in=ids, competenties__isnull=False)
        .order_by()
        .values("voorziening_id", "competenties")
        # One row per member and competence (the link table holds each pair once), so
        # counting rows counts distinct members, without the sort a DISTINCT count needs.
        .annotate(houders=Count("pk"))
        .values_list("voorziening_id", "competenties", "houders")
    ):
        if holders >= engine_config.competence_holders_needed(staff_of[home_id]):
            offers[home_id].add(code_of[kenmerk_id])

    residents = residents_by_home(ids, today)

    vacancies: dict[int, list[Vacancy]] = defaultdict(list)
    for home_id, available in (
        Vacature.objects.zichtbaar(now)
        .filter(voorziening_id__in=ids)
        .order_by("beschikbaar_vanaf")
        .values_list("voorziening_id", "beschikbaar_vanaf")
    ):
        vacancies[home_id].append(Vacancy(available))

    policies = policies_by_home(ids)

    no_offers: frozenset[str] = frozenset()
    return [
        Home(
            ref=home_ref(pk),
            location=_point(lat, lon),
            setting=cast(Setting, omgeving),
            closed=gesloten,
            max_residents=max_b,
            age_min=age_min,
            age_max=age_max,
            offers=frozenset(offers[pk]) if pk in offers else no_offers,
            staff_on_shift=staff,
            team_size=team_size,
            team_turnover_12m=verloop(seen, left),
            vacancies=tuple(vacancies.get(pk, ())),
            residents=tuple(residents.get(pk, ())),
            opens_on=opent_op,
            policies=tuple(policies.get(pk, ())),
        )
        for (
            pk,
            lat,
            lon,
            omgeving,
            gesloten,
            max_b,
            age_min,
            age_max,
            staff,
            opent_op,
            team_size,
            seen,
            left,
        ) in rows
    ]


HOME_COLUMNS = (
    "pk",
    "lat",
    "lon",
    "omgeving",
    "gesloten",
    "max_bewoners",
    "leeftijd_min",
    "leeftijd_max",
    "medewerkers_per_dienst",
    "opent_op",
)
TEAM_COLUMNS = ("team_grootte", "team_gezien", "team_vertrokken")


def rank_for(
    jongere: Jongere,
    analyse: VerklarendeAnalyse | None,
    *,
    today: date,
    now: datetime,
    filters: HomeFilter | None = None,
    audience: Audience,
    stem: Stem | None = None,
) -> list[HomeResult]:
    filters = filters or HomeFilter()
    youth = youth_from_jongere(jongere, analyse)
    homes = all_homes(today=today, now=now)
    ranked = _ranglijst(youth, homes, today, audience, stem)
    kept = apply_filter(homes, filters, today)
    if kept is homes:
        results = list(ranked)
    else:
        # Filtering the ranking of every home gives what ranking the filtered homes would:
        # each home's result depends only on that home, and the order is fully determined.
        ids = {id(home) for home in kept}
        results = [result for result in ranked if id(result.home) in ids]
    return within_distance(results, youth, filters.max_afstand_km)


# The ranking of every home per youth is kept (see `matching.zoekindex.ranglijst`): a
# coordinator changing the filters on a youth's search page asks for the same youth again and
# again, and filters only leave homes out. After a change only the changed homes are scored
# again. The key holds every engine option besides the youth and the day, the audience
# among them: a ranking's explanations are written for one reader, and rankings made for
# another are never mixed in.


def _ranglijst(
    youth: Youth, homes: list[Home], today: date, audience: Audience, stem: Stem | None
) -> list[HomeResult]:
    # What an admission means per resident is for the home's own manager, not for searches.
    # The voice is part of the key: the same ranking reads differently to another reader.
    opties: dict[str, Any] = {
        "audience": audience,
        "stem": stem or standaardstem(audience),
        "with_impacts": False,
    }
    return zoekindex.ranglijst(
        youth, homes, today, opties, lambda kies: rank_homes(youth, kies, today, **opties)
    )


def all_homes(*, today: date, now: datetime) -> list[Home]:
    """Every home as the engine sees it, from the search index that every process shares
    (`matching.zoekindex`); only the homes that changed are read again."""
    return zoekindex.woningen(today=today, now=now)


# --- The checks at each step that changes a home's group -----------------------------------


def home_for_arrival(voorziening_id: int, *, today: date, now: datetime) -> Home | None:
    """The home as the engine sees it now, for a step where someone will move in.

    The place the newcomer takes counts as free even when no vacancy is published (or it
    went unconfirmed): whether a place is left is counted by the service that registers the
    arrival, under the home's row lock. Everything else is the home as it is: the current
    residents, the home's limits, and so the engine's hard limits and safety rules.
    """
    homes = load_homes(today=today, now=now, only=[voorziening_id])
    if not homes:
        return None
    home = homes[0]
    if home.vacancies:
        return home
    return replace(home, vacancies=(Vacancy(today),))


def newcomer_check(
    voorziening_id: int, newcomer: Youth, *, today: date, now: datetime
) -> HomeResult | None:
    """The engine's answer for a resident a manager registers directly (without a proposal):
    this newcomer joining the home's current group.

    Only the group is asked about: a court order for a closed home and the home's own age
    range are the manager's business when they take someone in themselves, and the place
    is counted by the registration. What the engine still blocks (the absolute
    incompatibility, an age outside 8 to 23, and any other hard limit on the group) stops
    the registration.
    """
    home = home_for_arrival(voorziening_id, today=today, now=now)
    if home is None:
        return None
    open_to_all_ages = replace(home, age_min=0, age_max=99)
    # The manager of the home reads the answer: their own residents' signals may be named.
    return evaluate_home(newcomer, open_to_all_ages, today, audience=Audience.BEHEERDER)


def met_aanduiding(
    result: HomeResult, voorziening_id: int, today: date
) -> list[tuple[ResidentImpact, str]]:
    """Each resident's consequence next to the manager's own label for that resident.

    The engine knows residents only by their number in order of arrival (`resident_ref`);
    the labels are read in that same order. A resident who left since the result was
    computed has no label and is left out."""
    aanduidingen = {
        resident_ref(nummer): aanduiding
        for nummer, aanduiding in enumerate(
            Plaatsing.objects.filter(voorziening_id=voorziening_id)
            .actief(today)
            .order_by("aankomst", "pk")
            .values_list("aanduiding", flat=True),
            start=1,
        )
    }
    return [
        (impact, aanduidingen[impact.resident_ref])
        for impact in result.resident_impacts
        if impact.resident_ref in aanduidingen
    ]
