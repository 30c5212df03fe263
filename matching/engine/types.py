"""The engine's inputs and outputs: small immutable records, no behaviour.

Inputs are what the ORM adapter or the JSON scenario adapter hand in; outputs are what the
pages, the scenario command and the group-picture task read. Everything is frozen so one result
object can safely be shared between homes (the ranking reuses identical factors) and so nobody
downstream can quietly change an explanation after the engine wrote it.

Codes (needs, care profiles, attention signals, settings) are the vocabulary in
`matching.engine.vocabulary`; the adapters validate them, the engine trusts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, Protocol

from kern.publiek import Audience

Gender = Literal["m", "v", "x"]
Setting = Literal["woonwijk", "instellingsterrein"]
RiskLevel = Literal["laag", "verhoogd", "hoog"]

# A protective zone's radius: above 0 and at most this many kilometres.
MAX_PROTECTIVE_RADIUS_KM = 300.0


@dataclass(frozen=True, slots=True)
class Point:
    """A WGS84 coordinate in decimal degrees."""

    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Need:
    """One underlying need from the youth's analysis; importance 1 (nice) to 3 (essential)."""

    code: str
    importance: int

    def __post_init__(self) -> None:
        if not 1 <= self.importance <= 3:
            raise ValueError(f"need {self.code!r}: importance must be 1-3")


@dataclass(frozen=True, slots=True)
class Priorities:
    """What the youth and parents find important, 0 (not) to 3 (very); 2 is neutral."""

    nabijheid: int = 2
    onderwijs: int = 2
    groep: int = 2
    team: int = 2
    behoeften: int = 2

    def __post_init__(self) -> None:
        # Checked here, once per youth: the weights index a table by these levels.
        for name in ("nabijheid", "onderwijs", "groep", "team", "behoeften"):
            if not 0 <= getattr(self, name) <= 3:
                raise ValueError(f"priority {name} must be 0-3")


@dataclass(frozen=True, slots=True)
class ProtectiveZone:
    """A place the youth must be kept away from, with a radius: a home inside may not be
    proposed. Only the point and the radius reach the engine; the place's name and the
    reason stay with the professionals who set the zone."""

    location: Point
    radius_km: float

    def __post_init__(self) -> None:
        if not 0 < self.radius_km <= MAX_PROTECTIVE_RADIUS_KM:
            raise ValueError(
                f"protective zone radius must be above 0 and at most {MAX_PROTECTIVE_RADIUS_KM}"
            )


@dataclass(frozen=True, slots=True)
class Youth:
    ref: str
    birth_date: date
    gender: Gender
    location: Point | None
    school_location: Point | None
    needed_from: date
    machtiging_gesloten: bool
    care_profile: str
    care_intensity: str
    needs: tuple[Need, ...] = ()
    attention: frozenset[str] = frozenset()
    priorities: Priorities = field(default_factory=Priorities)
    protective_zones: tuple[ProtectiveZone, ...] = ()


def resident_ref(number: int) -> str:
    """The pseudonym of a home's resident: their number in order of arrival, from 1
    ("bewoner 2"). The one place this rule lives; pages pair it with the manager's own
    labels through `matching.adapters.met_aanduiding`, never by reading the text back."""
    return f"bewoner {number}"


@dataclass(frozen=True, slots=True)
class Resident:
    """A current resident. `ref` is a pseudonym (`resident_ref`), never a name."""

    ref: str
    birth_date: date
    gender: Gender
    care_profile: str
    care_intensity: str
    attention: frozenset[str] = frozenset()
    planned_end: date | None = None


@dataclass(frozen=True, slots=True)
class Vacancy:
    available_from: date


PolicyKind = Literal["gender", "no_closed_authorisation", "need"]


@dataclass(frozen=True, slots=True)
class AdmissionPolicy:
    """One rule of a home's own admission policy (see `matching.engine.policy`).

    `value` is the gender the home takes ("m" or "v") for `gender`, the need code the home
    cannot meet for `need`, and empty for `no_closed_authorisation`. A `hard` rule blocks
    with `reason`, the home's own words; otherwise it is a preference that costs points.
    """

    kind: PolicyKind
    value: str
    hard: bool
    reason: str


@dataclass(frozen=True, slots=True)
class Home:
    ref: str
    location: Point | None
    setting: Setting
    closed: bool
    max_residents: int
    age_min: int
    age_max: int
    offers: frozenset[str]
    staff_on_shift: int
    team_size: int
    team_turnover_12m: float
    vacancies: tuple[Vacancy, ...] = ()
    residents: tuple[Resident, ...] = ()
    opens_on: date | None = None
    policies: tuple[AdmissionPolicy, ...] = ()


class GroupMember(Protocol):
    """Anything that can live in a group: a `Resident`, or the candidate `Youth`."""

    @property
    def birth_date(self) -> date: ...

    @property
    def gender(self) -> str: ...

    @property
    def care_profile(self) -> str: ...

    @property
    def care_intensity(self) -> str: ...

    @property
    def attention(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class Factor:
    """One part of the score: `points` out of `max_points`, explained in the active language
    (Dutch unless a reader chose another: `matching.engine.i18n`)."""

    code: str
    points: float
    max_points: float
    explanation: str


@dataclass(frozen=True, slots=True)
class Reason:
    """A blocking reason or an attention point: a stable code plus an explanation in the
    active language (`matching.engine.i18n`)."""

    code: str
    explanation: str


@dataclass(frozen=True, slots=True)
class GroupRisk:
    """The risk of a group's composition, with aggregated reasons (never per resident).

    The reasons are written for one audience (see `kern.publiek`): for the
    home's own managers they may name the attention signals in the group ("meer jongeren met
    agressie"); for everyone else each such sentence is one group-level sentence naming none.
    """

    level: RiskLevel
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ResidentImpact:
    """What an admission means for one current resident; for that home's manager only."""

    resident_ref: str
    explanations: tuple[str, ...]

    @property
    def summary(self) -> str:
        return f"{self.resident_ref}: {'; '.join(self.explanations)}"


@dataclass(frozen=True, slots=True)
class GroupSummary:
    """The aggregated picture of a group, safe to store and show: no per-resident data.

    Counts are (code, count) pairs sorted by code, so the summary compares and serialises
    deterministically.
    """

    size: int
    age_min: int | None
    age_max: int | None
    genders: tuple[tuple[str, int], ...]
    care_profiles: tuple[tuple[str, int], ...]
    care_intensities: tuple[tuple[str, int], ...]
    attention: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class HomeResult:
    """The whole answer for one home, explained for one `audience`.

    An eligible home has `score` (0-100, the sum of the factor points), its factors, attention
    points and what the admission means per resident. A blocked home is explained, not scored:
    `score` is None, `factors`, `attention` and `resident_impacts` are empty, and `blocking`
    says why and what would change it. Both carry the current group's risk and the risk with
    this youth added.
    """

    home: Home
    eligible: bool
    score: float | None
    blocking: tuple[Reason, ...]
    attention: tuple[Reason, ...]
    factors: tuple[Factor, ...]
    group_risk: GroupRisk
    group_risk_after: GroupRisk
    resident_impacts: tuple[ResidentImpact, ...]
    audience: Audience

    def for_audience(self, audience: Audience) -> HomeResult:
        """This result, after checking it was written for `audience`: pages call it where
        they hand a result to a template, so a result meant for another reader fails loudly
        instead of being shown."""
        if audience is not self.audience:
            raise WrongAudience(f"written for {self.audience}, shown to {audience}")
        return self


class WrongAudience(Exception):
    """An explanation was about to reach a reader it was not written for."""
