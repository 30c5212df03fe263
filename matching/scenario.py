"""The JSON scenario adapter: a scenario dict in, the engine's ranking as a JSON-able dict out.

It implements the scenario contract (SCENARIOS.md): the same engine the web pages use, fed
from a file instead of the ORM. Input is checked field by field, in the contract's order, and
the first problem is reported as one line that names the field
(`homes[3].residents[0].birth_date: not a date`). Unknown keys are ignored, so every key the
engine needs is required, apart from the few the contract calls optional: a typo in an
optional key would otherwise silently drop data.

`youth.protective_zones` is optional (absent or null: none); each zone needs a `location` and
a `radius_km` above 0 and at most 300.

Beyond the contract the adapter accepts `planned_end` on a resident and `opens_on` on a home
(both optional ISO dates), and `location` of the youth may be absent or null. A home may carry
its own admission policy, `admission_policies` (optional, default none): a list of
`{"kind": "gender" | "no_closed_authorisation" | "need", "value": …, "hard": true | false,
"reason": "…"}`, where `value` is `"m"` or `"v"` for `gender` (the gender the home takes), a
need code for `need` (a need the home cannot meet) and absent for the other kind; see
`matching.engine.policy` for what each does. Residents get the
pseudonyms "bewoner 1", "bewoner 2", ... by position. The output holds only the contract's keys:
what an admission means per resident is for the home's own manager, not for a shared file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from kern.publiek import (
    SCENARIO_DEFAULT,
    Audience,
)
from matching.engine import (
    AdmissionPolicy,
    Factor,
    GroupRisk,
    Home,
    HomeResult,
    Need,
    Point,
    Priorities,
    ProtectiveZone,
    Reason,
    Resident,
    Vacancy,
    Youth,
    rank_homes,
)
from matching.engine.types import (
    MAX_PROTECTIVE_RADIUS_KM,
    Gender,
    PolicyKind,
    Setting,
    resident_ref,
)
from matching.engine.vocabulary import (
    ATTENTION_SIGNALS,
    CARE_INTENSITIES,
    CARE_PROFILES,
    NEEDS,
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIRST_YEAR = 1900
_LAST_YEAR = 2200
_GENDERS: dict[str, Gender] = {"m": "m", "v": "v", "x": "x"}
# Same codes as vocabulary.SETTINGS, typed as the engine's Literal.
_SETTINGS: dict[str, Setting] = {"woonwijk": "woonwijk", "instellingsterrein": "instellingsterrein"}
_PRIORITY_NAMES = ("nabijheid", "onderwijs", "groep", "team", "behoeften")
_POLICY_KINDS: dict[str, PolicyKind] = {
    "gender": "gender",
    "no_closed_authorisation": "no_closed_authorisation",
    "need": "need",
}
_POLICY_GENDERS = {"m": "m", "v": "v"}


class ScenarioError(ValueError):
    """Bad scenario input; `str()` is the one line to show: `path: message`."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Scenario:
    today: date
    youth: Youth
    homes: tuple[Home, ...]


# --- entry points ---------------------------------------------------------------------------


def parse_json(text: str) -> object:
    """Decode scenario text, turning a JSON syntax error into a one-line ScenarioError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ScenarioError(
            "input", f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        # json's decoder recurses per nesting level: "[[[[..." deep enough is not a syntax error.
        raise ScenarioError("input", "nested too deeply") from None
    except ValueError:
        # An integer literal longer than Python's int-conversion limit (4300 digits).
        raise ScenarioError("input", "not valid JSON (a number is too long)") from None


def load_scenario(data: object) -> Scenario:
    """Check a decoded scenario and build the engine's records from it."""
    root = _object(data, "input")
    today = _date(_required(root, "today", ""), "today")
    youth = _youth(_required(root, "youth", ""), "youth")
    homes = _list(_required(root, "homes", ""), "homes", _home)
    if youth.birth_date > today:
        raise ScenarioError("youth.birth_date", "must not be after today")
    seen: set[str] = set()
    for index, home in enumerate(homes):
        if home.ref in seen:
            raise ScenarioError(f"homes[{index}].ref", f"duplicate ref '{home.ref}'")
        seen.add(home.ref)
        for number, resident in enumerate(home.residents):
            if resident.birth_date > today:
                raise ScenarioError(
                    f"homes[{index}].residents[{number}].birth_date", "must not be after today"
                )
    return Scenario(today=today, youth=youth, homes=homes)


def run_scenario(data: object, audience: Audience = SCENARIO_DEFAULT) -> dict[str, object]:
    """Rank the scenario's homes and return the contract's output dict, as `audience`
    would read it (by default the reader who may know everything in a scenario)."""
    scenario = load_scenario(data)
    results = rank_homes(scenario.youth, scenario.homes, scenario.today, audience=audience)
    return result_to_dict(scenario.youth, results)


def result_to_dict(youth: Youth, results: list[HomeResult]) -> dict[str, object]:
    """The contract's output: keys in the contract's order, nothing per resident."""
    return {"youth": youth.ref, "ranking": [_home_result(result) for result in results]}


def dumps(output: dict[str, object]) -> str:
    """Serialise the output deterministically, readable Dutch (no \\u escapes), with newline."""
    return json.dumps(output, ensure_ascii=False, indent=2) + "\n"


# --- output ---------------------------------------------------------------------------------


def _home_result(result: HomeResult) -> dict[str, object]:
    return {
        "home": result.home.ref,
        "eligible": result.eligible,
        "score": result.score,
        "blocking": [_reason(reason) for reason in result.blocking],
        "attention": [_reason(reason) for reason in result.attention],
        "factors": [_factor(factor) for factor in result.factors],
        "group_risk": _risk(result.group_risk),
        "group_risk_after": _risk(result.group_risk_after),
    }


def _reason(reason: Reason) -> dict[str, object]:
    return {"code": reason.code, "explanation": reason.explanation}


def _factor(factor: Factor) -> dict[str, object]:
    return {
        "code": factor.code,
        "points": factor.points,
        "max_points": factor.max_points,
        "explanation": factor.explanation,
    }


def _risk(risk: GroupRisk) -> dict[str, object]:
    return {"level": risk.level, "reasons": list(risk.reasons)}


# --- input: records -------------------------------------------------------------------------


def _youth(value: object, path: str) -> Youth:
    obj = _object(value, path)
    return Youth(
        ref=_text(_required(obj, "ref", path), f"{path}.ref"),
        birth_date=_date(_required(obj, "birth_date", path), f"{path}.birth_date"),
        gender=_choice(_required(obj, "gender", path), f"{path}.gender", _GENDERS),
        location=_optional(obj, "location", path, _point),
        school_location=_optional(obj, "school_location", path, _point),
        needed_from=_date(_required(obj, "needed_from", path), f"{path}.needed_from"),
        machtiging_gesloten=_bool(
            _required(obj, "machtiging_gesloten", path), f"{path}.machtiging_gesloten"
        ),
        care_profile=_code(
            _required(obj, "care_profile", path), f"{path}.care_profile", CARE_PROFILES
        ),
        care_intensity=_code(
            _required(obj, "care_intensity", path), f"{path}.care_intensity", CARE_INTENSITIES
        ),
        needs=_needs(_required(obj, "needs", path), f"{path}.needs"),
        attention=_codes(_required(obj, "attention", path), f"{path}.attention", ATTENTION_SIGNALS),
        priorities=_optional(obj, "priorities", path, _priorities) or Priorities(),
        protective_zones=_optional(obj, "protective_zones", path, _protective_zones) or (),
    )


def _protective_zones(value: object, path: str) -> tuple[ProtectiveZone, ...]:
    return _list(value, path, _protective_zone)


def _protective_zone(value: object, path: str) -> ProtectiveZone:
    obj = _object(value, path)
    location = _point(_required(obj, "location", path), f"{path}.location")
    radius_path = f"{path}.radius_km"
    radius = _required(obj, "radius_km", path)
    if isinstance(radius, bool) or not isinstance(radius, int | float):
        raise ScenarioError(radius_path, "must be a number")
    # Also rejects NaN, which compares false with everything.
    if not 0 < radius <= MAX_PROTECTIVE_RADIUS_KM:
        raise ScenarioError(
            radius_path, f"must be above 0 and at most {MAX_PROTECTIVE_RADIUS_KM:g}"
        )
    return ProtectiveZone(location=location, radius_km=float(radius))


def _needs(value: object, path: str) -> tuple[Need, ...]:
    needs = _list(value, path, _need)
    seen: set[str] = set()
    for index, need in enumerate(needs):
        if need.code in seen:
            raise ScenarioError(f"{path}[{index}].code", f"duplicate code '{need.code}'")
        seen.add(need.code)
    return needs


def _need(value: object, path: str) -> Need:
    obj = _object(value, path)
    return Need(
        code=_code(_required(obj, "code", path), f"{path}.code", NEEDS),
        importance=_int(_required(obj, "importance", path), f"{path}.importance", 1, 3),
    )


def _priorities(value: object, path: str) -> Priorities:
    obj = _object(value, path)
    levels = {
        name: _int(obj[name], f"{path}.{name}", 0, 3) for name in _PRIORITY_NAMES if name in obj
    }
    return Priorities(**levels)


def _home(value: object, path: str) -> Home:
    obj = _object(value, path)

    def field(key: str) -> tuple[object, str]:
        return _required(obj, key, path), f"{path}.{key}"

    ref = _text(*field("ref"))
    location = _point(*field("location"))
    setting = _choice(*field("setting"), _SETTINGS)
    closed = _bool(*field("closed"))
    max_residents = _int(*field("max_residents"), 1, 6)
    age_min = _int(*field("age_min"), 0, 99)
    age_max = _int(*field("age_max"), 0, 99)
    if age_max < age_min:
        raise ScenarioError(f"{path}.age_max", "must not be below age_min")
    offers = _codes(*field("offers"), NEEDS)
    staff_on_shift = _int(*field("staff_on_shift"), 0, 99)
    team_size = _int(*field("team_size"), 0, 999)
    team_turnover = _number(*field("team_turnover_12m"), 0.0, 1.0)
    vacancies = _list(*field("vacancies"), _vacancy)
    residents_value, residents_path = field("residents")
    residents = tuple(
        _resident(item, f"{residents_path}[{index}]", resident_ref(index + 1))
        for index, item in enumerate(_array(residents_value, residents_path))
    )
    return Home(
        ref=ref,
        location=location,
        setting=setting,
        closed=closed,
        max_residents=max_residents,
        age_min=age_min,
        age_max=age_max,
        offers=offers,
        staff_on_shift=staff_on_shift,
        team_size=team_size,
        team_turnover_12m=team_turnover,
        vacancies=vacancies,
        residents=residents,
        opens_on=_optional(obj, "opens_on", path, _date),
        policies=_optional(obj, "admission_policies", path, _policies) or (),
    )


def _policies(value: object, path: str) -> tuple[AdmissionPolicy, ...]:
    return _list(value, path, _policy)


def _policy(value: object, path: str) -> AdmissionPolicy:
    obj = _object(value, path)
    kind = _choice(_required(obj, "kind", path), f"{path}.kind", _POLICY_KINDS)
    rule_value = ""
    if kind == "gender":
        rule_value = _choice(_required(obj, "value", path), f"{path}.value", _POLICY_GENDERS)
    elif kind == "need":
        rule_value = _code(_required(obj, "value", path), f"{path}.value", NEEDS)
    return AdmissionPolicy(
        kind=kind,
        value=rule_value,
        hard=_bool(_required(obj, "hard", path), f"{path}.hard"),
        reason=_text(_required(obj, "reason", path), f"{path}.reason"),
    )


def _vacancy(value: object, path: str) -> Vacancy:
    obj = _object(value, path)
    return Vacancy(
        available_from=_date(_required(obj, "available_from", path), f"{path}.available_from")
    )


def _resident(value: object, path: str, ref: str) -> Resident:
    obj = _object(value, path)
    return Resident(
        ref=ref,
        birth_date=_date(_required(obj, "birth_date", path), f"{path}.birth_date"),
        gender=_choice(_required(obj, "gender", path), f"{path}.gender", _GENDERS),
        care_profile=_code(
            _required(obj, "care_profile", path), f"{path}.care_profile", CARE_PROFILES
        ),
        care_intensity=_code(
            _required(obj, "care_intensity", path), f"{path}.care_intensity", CARE_INTENSITIES
        ),
        attention=_codes(_required(obj, "attention", path), f"{path}.attention", ATTENTION_SIGNALS),
        planned_end=_optional(obj, "planned_end", path, _date),
    )


def _point(value: object, path: str) -> Point:
    obj = _object(value, path)
    return Point(
        lat=_number(_required(obj, "lat", path), f"{path}.lat", -90.0, 90.0),
        lon=_number(_required(obj, "lon", path), f"{path}.lon", -180.0, 180.0),
    )


# --- input: values --------------------------------------------------------------------------


def _required(obj: dict[str, object], key: str, path: str) -> object:
    if key not in obj:
        raise ScenarioError(f"{path}.{key}" if path else key, "required")
    return obj[key]


def _optional[T](
    obj: dict[str, object], key: str, path: str, parse: Callable[[object, str], T]
) -> T | None:
    value = obj.get(key)
    return None if value is None else parse(value, f"{path}.{key}")


def _object(value: object, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise ScenarioError(path, "must be an object")
    return value


def _array(value: object, path: str) -> list[object]:
    if not isinstance(value, list):
        raise ScenarioError(path, "must be a list")
    return value


def _list[T](value: object, path: str, parse: Callable[[object, str], T]) -> tuple[T, ...]:
    return tuple(parse(item, f"{path}[{index}]") for index, item in enumerate(_array(value, path)))


def _text(value: object, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(path, "must be a non-empty string")
    return value


def _bool(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(path, "must be true or false")
    return value


def _int(value: object, path: str, low: int, high: int) -> int:
    # bool is an int in Python; `true` is not a number in a scenario.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioError(path, "must be a whole number")
    if not low <= value <= high:
        raise ScenarioError(path, f"must be {low}-{high}")
    return value


def _number(value: object, path: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(path, "must be a number")
    if not low <= value <= high:  # also rejects NaN
        raise ScenarioError(path, f"must be between {low:g} and {high:g}")
    return float(value)


def _date(value: object, path: str) -> date:
    # date.fromisoformat alone also takes "20261122" and week dates; the contract says
    # YYYY-MM-DD, so check the shape first.
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ScenarioError(path, "not a date")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ScenarioError(path, "not a date") from None
    # Keeps the date arithmetic (birthdays, ages) far away from year 1 and year 9999.
    if not _FIRST_YEAR <= day.year <= _LAST_YEAR:
        raise ScenarioError(path, f"must be between {_FIRST_YEAR} and {_LAST_YEAR}")
    return day


def _choice[T](value: object, path: str, choices: dict[str, T]) -> T:
    if not isinstance(value, str) or value not in choices:
        raise ScenarioError(path, f"must be one of {', '.join(choices)}")
    return choices[value]


def _code(value: object, path: str, vocabulary: Collection[str]) -> str:
    if not isinstance(value, str):
        raise ScenarioError(path, "must be a code (a string)")
    if value not in vocabulary:
        raise ScenarioError(path, f"unknown code '{value}'")
    return value


def _codes(value: object, path: str, vocabulary: Collection[str]) -> frozenset[str]:
    return frozenset(_list(value, path, lambda item, item_path: _code(item, item_path, vocabulary)))
