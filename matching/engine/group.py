"""Group composition: the aggregated picture of a group and the risk it carries.

The same code answers two questions: "how is this home's group now?" (stored as the home's
group picture, recomputed when a resident arrives or leaves) and "how would it be if this youth
joined?" (during a search). Reasons are aggregated sentences about the group; they never tie a
signal to one resident, because other homes and families may read them.

Ranking evaluates thousands of groups per request, so a group is first folded into a
`GroupState`: a small tuple of integers (counts packed into bit fields, signals as bit masks).
Adding the candidate to a home's state is then one more fold step, the rules are a handful of
integer tests, and what a packed count means (which profiles, which pairs) is looked up in small
tables filled on first use. Most groups raise nothing, and share one ready-made answer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from matching.engine import config
from matching.engine.audience import GROUP_SIGNALS_NEUTRAL, Audience
from matching.engine.types import GroupMember, GroupRisk, GroupSummary, RiskLevel
from matching.engine.vocabulary import ATTENTION_SIGNALS, CARE_PROFILES, places_text, youths_text

EMPTY_GROUP_RISK = GroupRisk(
    level="laag", reasons=("Er woont nu niemand; de groep wordt nog gevormd.",)
)

# --- Encoding members as integers ------------------------------------------------------------

# Per-profile and per-influence-group member counts are packed into one int, FIELD bits each.
# 8 bits hold up to 255 members, far above any group this code will see.
FIELD = 8
_FIELD_MASK = (1 << FIELD) - 1

# Known profiles get fixed fields; a profile an admin adds later gets the next free field the
# first time it is seen (fields only need to tell profiles apart, never to mean anything).
_profile_fields: dict[str, int] = {profile: index for index, profile in enumerate(CARE_PROFILES)}
_profile_units: dict[str, int] = {
    profile: 1 << (index * FIELD) for profile, index in _profile_fields.items()
}
_EXTERNALISING = "externaliserend"

# One bit per attention signal; a signal outside the vocabulary gets no bit and so takes part
# in no rule (it is still counted, by name, in the group summary).
SIGNAL_BIT: dict[str, int] = {signal: 1 << index for index, signal in enumerate(ATTENTION_SIGNALS)}
_SGG = SIGNAL_BIT[config.INCOMPATIBLE_PAIR[0]]
_SMH = SIGNAL_BIT[config.INCOMPATIBLE_PAIR[1]]
_CRIM = SIGNAL_BIT[config.RECRUITMENT_PAIR[0]]
_VICTIM = SIGNAL_BIT[config.RECRUITMENT_PAIR[1]]
_INFLUENCE = tuple(
    (index * FIELD, sum(SIGNAL_BIT[signal] for signal in signals), label)
    for index, (_key, signals, label) in enumerate(config.INFLUENCE_GROUPS)
)

# The lookup tables below are filled on first use and keyed by small values (a set of
# signals, a packed count), so they stay small and are safe to keep for the process.
_attention_codes: dict[frozenset[str], tuple[int, int]] = {}


def encode_attention(attention: frozenset[str]) -> tuple[int, int]:
    """(signal bits, packed influence-group units) for one member's attention signals."""
    code = _attention_codes.get(attention)
    if code is None:
        bits = 0
        for signal in attention:
            bits |= SIGNAL_BIT.get(signal, 0)
        units = sum(1 << shift for shift, mask, _label in _INFLUENCE if bits & mask)
        code = _attention_codes[attention] = (bits, units)
    return code


def profile_unit(profile: str) -> int:
    """What one member with this care profile adds to `GroupState.profiles`."""
    unit = _profile_units.get(profile)
    if unit is None:
        index = _profile_fields.setdefault(profile, len(_profile_fields))
        unit = _profile_units.setdefault(profile, 1 << (index * FIELD))
    return unit


def day_number(day: date) -> int:
    """A date as the integer YYYYMMDD, so whole-year ages are one subtraction."""
    return day.year * 10000 + day.month * 100 + day.day


def age_on(birth_date: date, day: date) -> int:
    """Age in whole years on `day`. Someone born on 29 February turns a year older on
    1 March in non-leap years (0228 is below 0229)."""
    return (day_number(day) - day_number(birth_date)) // 10000


class GroupState(NamedTuple):
    """A group folded into numbers: everything the risk rules need, nothing per member.

    `signals` holds the bit of every signal at least one member has; `incompatible` and
    `recruitment` are only set when two *different* members carry the two signals of a pair.
    Birth dates are YYYYMMDD integers (0 in an empty group).
    """

    size: int
    profiles: int  # packed member count per care profile
    high_intensity: int
    signals: int
    influence: int  # packed member count per influence group (config.INFLUENCE_GROUPS)
    incompatible: bool
    recruitment: bool
    oldest_birth: int
    newest_birth: int

    def profile_count(self, profile: str) -> int:
        unit = profile_unit(profile)
        return (self.profiles // unit) & _FIELD_MASK

    def age_range(self, day: int) -> tuple[int, int] | None:
        """(youngest, oldest) age on `day` (YYYYMMDD), or None for an empty group."""
        if not self.size:
            return None
        return (day - self.newest_birth) // 10000, (day - self.oldest_birth) // 10000


EMPTY_STATE = GroupState(0, 0, 0, 0, 0, False, False, 0, 0)


def fold(members: Iterable[GroupMember], start: GroupState = EMPTY_STATE) -> GroupState:
    """The state of `start`'s group with `members` added."""
    size, profiles, high, signals, influence, incompatible, recruitment, oldest, newest = start
    units = _profile_units  # local: this loop runs for every resident of every home
    for member in members:
        profiles += units.get(member.care_profile) or profile_unit(member.care_profile)
        if member.care_intensity == "hoog":
            high += 1
        birth = member.birth_date
        born = birth.year * 10000 + birth.month * 100 + birth.day  # day_number(), inlined
        if not size:
            oldest = newest = born
        elif born < oldest:
            oldest = born
        elif born > newest:
            newest = born
        size += 1
        attention = member.attention
        if attention:
            bits, influence_units = encode_attention(attention)
            influence += influence_units
            # `signals` still holds only the earlier members here, so a pair found now is
            # always between two different members.
            if (bits & _SGG and signals & _SMH) or (bits & _SMH and signals & _SGG):
                incompatible = True
            if (bits & _CRIM and signals & _VICTIM) or (bits & _VICTIM and signals & _CRIM):
                recruitment = True
            signals |= bits
    return GroupState(
        size, profiles, high, signals, influence, incompatible, recruitment, oldest, newest
    )


class ProfileMix(NamedTuple):
    """What the care profiles of a group add up to (see `profile_mix`)."""

    counts: tuple[tuple[str, int], ...]  # (profile, members), by profile code
    externalising: int
    lookalike_penalty: float  # for the group factor: per extra member sharing a profile
    lookalike_concerns: tuple[str, ...]  # risk reasons for many members with one profile


_profile_mixes: dict[int, ProfileMix] = {}


def profile_mix(profiles: int) -> ProfileMix:
    """The profile picture of a packed `GroupState.profiles` value (memoised)."""
    mix = _profile_mixes.get(profiles)
    if mix is None:
        # Sorted by code: fields of profiles added at run time depend on the order seen.
        counts = tuple(
            sorted(
                (profile, count)
                for profile, index in _profile_fields.items()
                if (count := (profiles >> (index * FIELD)) & _FIELD_MASK)
            )
        )
        penalty = 0.0
        concerns: list[str] = []
        for profile, count in counts:
            if profile == _EXTERNALISING:
                penalty += (count - 1) * config.EXTERNALISING_LOOKALIKE_PENALTY
                continue
            penalty += (count - 1) * config.LOOKALIKE_PENALTY
            if count >= config.LOOKALIKE_RISK_COUNT:
                concerns.append(
                    f"{count} jongeren met hetzelfde zorgprofiel "
                    f"({CARE_PROFILES.get(profile, profile)}): ze kunnen elkaars gedrag "
                    "overnemen."
                )
        externalising = dict(counts).get(_EXTERNALISING, 0)
        mix = _profile_mixes[profiles] = ProfileMix(counts, externalising, penalty, tuple(concerns))
    return mix


_influence_labels: dict[int, tuple[str, ...]] = {0: ()}


def influence_labels(influence: int) -> tuple[str, ...]:
    """Labels of the influence groups with two or more members, from a packed count."""
    labels = _influence_labels.get(influence)
    if labels is None:
        labels = _influence_labels[influence] = tuple(
            label for shift, _mask, label in _INFLUENCE if (influence >> shift) & _FIELD_MASK >= 2
        )
    return labels


# --- Risk ------------------------------------------------------------------------------------


def staff_text(staff_on_shift: int, size: int) -> str:
    """`2 begeleiders op de groep voor 5 jongeren`."""
    if staff_on_shift == 0:
        return f"Geen vaste begeleider op de groep voor {youths_text(size)}"
    noun = "begeleider" if staff_on_shift == 1 else "begeleiders"
    return f"{staff_on_shift} {noun} op de groep voor {youths_text(size)}"


_ONE_MEMBER_RISK = GroupRisk(
    "laag", ("Eén jongere in de groep; geen risico's in de samenstelling.",)
)
_MIXED_RISK = GroupRisk(
    "laag", ("Gemengde groep: ieder heeft een ander zorgprofiel. Geen bijzondere risico's.",)
)
_CALM_RISK = GroupRisk("laag", ("Geen bijzondere risico's in de samenstelling van de groep.",))


# Memo of `risk_of_state`: a pure function of small hashable values, and a search page
# asks the same question for every home's current group on every request. Each entry holds
# both versions (signals named, signals not named). Bounded: cleared when it grows past
# `_RISK_MEMO_MAX` entries.
_risk_memo: dict[
    tuple[GroupState, tuple[int, int] | None, int, int], tuple[GroupRisk, GroupRisk]
] = {}
_RISK_MEMO_MAX = 200_000


def risk_of_state(
    state: GroupState,
    ages: tuple[int, int] | None,
    *,
    max_residents: int,
    staff_on_shift: int,
    names_signals: bool,
) -> GroupRisk:
    """The risk level and aggregated reasons for a folded group (thresholds: config.py).

    `ages` is the group's (youngest, oldest) age on the day that matters. With
    `names_signals` false, every reason that rests on members' attention signals is replaced
    by one group-level sentence that names none (`GROUP_SIGNALS_NEUTRAL`): for every reader
    who may not know them. The level is the same either way.
    """
    key = (state, ages, max_residents, staff_on_shift)
    both = _risk_memo.get(key)
    if both is None:
        if len(_risk_memo) >= _RISK_MEMO_MAX:
            _risk_memo.clear()
        both = _risk_memo[key] = _risk_of_state(
            state, ages, max_residents=max_residents, staff_on_shift=staff_on_shift
        )
    return both[0] if names_signals else both[1]


def _risk_of_state(
    state: GroupState, ages: tuple[int, int] | None, *, max_residents: int, staff_on_shift: int
) -> tuple[GroupRisk, GroupRisk]:
    """(named, neutral) versions of the same risk."""
    size = state.size
    if not size:
        return EMPTY_GROUP_RISK, EMPTY_GROUP_RISK
    mix = profile_mix(state.profiles)
    labels = influence_labels(state.influence)
    places = min(max_residents, config.KWV_MAX_GROUP)
    understaffed = size > staff_on_shift * config.YOUTHS_PER_STAFF
    wide = ages is not None and ages[1] - ages[0] >= config.AGE_SPREAD_LARGE
    if not (
        state.incompatible
        or state.recruitment
        or size > places
        or size > config.PREFERRED_GROUP_SIZE
        or understaffed
        or mix.externalising >= config.EXTERNALISING_CONCERN
        or mix.lookalike_concerns
        or labels
        or wide
        or state.high_intensity >= config.HIGH_INTENSITY_CONCERN
    ):
        # Most groups: nothing to report, and a shared answer saves building one.
        if size == 1:
            return _ONE_MEMBER_RISK, _ONE_MEMBER_RISK
        calm = _MIXED_RISK if len(mix.counts) == size else _CALM_RISK
        return calm, calm

    severe: list[str] = []
    concerns: list[str] = []
    # Sentences that rest on residents' attention signals, for the public version.
    signal_based: set[str] = set()
    if state.incompatible:
        severe.append(
            "In de groep zit een combinatie die nooit samen mag wonen: seksueel "
            "grensoverschrijdend gedrag en slachtofferschap van mensenhandel."
        )
    if state.recruitment:
        severe.append(
            "In de groep zitten criminaliteit en slachtofferschap van mensenhandel samen: "
            "groot risico op werving."
        )
    if size > places:
        severe.append(
            f"{youths_text(size)} in de groep, terwijl de woning {places_text(places)} heeft."
        )
    elif size > config.PREFERRED_GROUP_SIZE:
        concerns.append(
            f"Groep van {size} jongeren: groter dan de voorkeur van "
            f"{config.PREFERRED_GROUP_SIZE} of minder."
        )
    if understaffed:
        concerns.append(
            f"{staff_text(staff_on_shift, size)}: minder dan 1 op {config.YOUTHS_PER_STAFF}."
        )
    externalising = mix.externalising
    if externalising >= config.EXTERNALISING_HIGH:
        severe.append(
            f"{externalising} jongeren met naar buiten gericht gedrag: grote kans dat ze "
            "elkaar opjutten."
        )
    elif externalising >= config.EXTERNALISING_CONCERN:
        concerns.append(
            f"{externalising} jongeren met naar buiten gericht gedrag: kans dat ze elkaar opjutten."
        )
    concerns.extend(mix.lookalike_concerns)
    for label in labels:
        concerns.append(f"Meer jongeren met {label}: ze kunnen elkaar negatief beïnvloeden.")
        signal_based.add(concerns[-1])
    if wide and ages is not None:
        concerns.append(f"Groot leeftijdsverschil in de groep: van {ages[0]} tot {ages[1]} jaar.")
    if state.high_intensity >= config.HIGH_INTENSITY_CONCERN:
        concerns.append(
            f"{state.high_intensity} jongeren met een hoge zorgintensiteit: veel vraag aan het "
            "team."
        )

    level: RiskLevel = "hoog" if severe else "verhoogd"
    if not severe and len(concerns) >= config.STACKED_CONCERNS:
        level = "hoog"
        concerns.append("Meerdere risico's tegelijk maken de groep kwetsbaar.")
    reasons = (*severe, *concerns)
    if state.incompatible or state.recruitment:
        signal_based.update(reasons[: int(state.incompatible) + int(state.recruitment)])
    named = GroupRisk(level=level, reasons=reasons)
    if not signal_based:
        return named, named
    neutral = tuple(reason for reason in reasons if reason not in signal_based)
    return named, GroupRisk(level=level, reasons=(GROUP_SIGNALS_NEUTRAL, *neutral))


def assess_group(
    members: Iterable[GroupMember],
    today: date,
    *,
    max_residents: int,
    staff_on_shift: int,
    audience: Audience,
) -> GroupRisk:
    """The risk of a group: the residents alone, or residents plus a candidate youth,
    explained for `audience`.

    Ages are taken on `today`; `max_residents` and `staff_on_shift` are the home's.
    """
    state = fold(members)
    return risk_of_state(
        state,
        state.age_range(day_number(today)),
        max_residents=max_residents,
        staff_on_shift=staff_on_shift,
        names_signals=audience.names_resident_signals,
    )


def group_summary(members: Iterable[GroupMember], today: date) -> GroupSummary:
    """The aggregated group picture to store for a home: counts only, nothing per resident."""
    members = list(members)
    ages = [age_on(member.birth_date, today) for member in members]
    signals: Counter[str] = Counter()
    for member in members:
        signals.update(member.attention)
    return GroupSummary(
        size=len(members),
        age_min=min(ages) if ages else None,
        age_max=max(ages) if ages else None,
        genders=_sorted_counts(Counter(member.gender for member in members)),
        care_profiles=_sorted_counts(Counter(member.care_profile for member in members)),
        care_intensities=_sorted_counts(Counter(member.care_intensity for member in members)),
        attention=_sorted_counts(signals),
    )


def _sorted_counts(counts: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counts.items()))
