"""Group composition: the aggregated picture of a group and the risk it carries.

The same code answers two questions: "how is this home's group now?" (stored as the home's
group picture, recomputed when a resident arrives or leaves) and "how would it be if this youth
joined?" (during a search). Reasons are aggregated sentences about the group; they never tie a
signal to one resident, because other homes and families may read them.

Ranking evaluates thousands of groups per request, so a group is first folded into a
`GroupState`: a small tuple of integers (counts packed into bit fields, signals as bit masks).
Adding the candidate to a home's state is then one more fold step (`join`), the rules are a
handful of integer tests, and what a packed count means (which profiles, which pairs) is looked
up in small tables filled on first use. Most groups raise nothing, and share one ready-made
answer.

The safety rules (`matching.engine.safety`) that fire between two members whatever the day
(signals and care profiles, and age gaps, which are differences of birth dates) are found while
folding: each member is compared with what the members before it carry, so a pair is always
two different members. The rules that depend on ages on a given day (a child under 12, a
minor with an adult, developmental bands) and on the whole group (the only girl or boy) are
read from the folded state by `safety_rules`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import NamedTuple

from kern.publiek import GROUP_SIGNALS_NEUTRAL, JONGERE, Audience
from matching.engine import config, safety
from matching.engine.i18n import _, gettext_noop, in_language, ngettext
from matching.engine.i18n import language as language_now
from matching.engine.types import GroupMember, GroupRisk, GroupSummary, RiskLevel
from matching.engine.vocabulary import (
    ATTENTION_SIGNALS,
    CARE_PROFILES,
    places_text,
    youths_text,
)

_EMPTY = gettext_noop("Er woont nu niemand; de groep wordt nog gevormd.")


@cache
def empty_group_risk(language: str) -> GroupRisk:
    """The risk of a home where nobody lives yet, in the active `language`."""
    return GroupRisk(level="laag", reasons=(_(_EMPTY),))


# --- Encoding members as integers ------------------------------------------------------------

# Per-profile and per-influence-group member counts are packed into one int, FIELD bits each.
# 8 bits hold up to 255 members, far above any group this code will see.
FIELD = 8
_FIELD_MASK = (1 << FIELD) - 1
_YEAR = 10000  # one year in YYYYMMDD numbers

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
_SIGNAL_BITS = (1 << len(SIGNAL_BIT)) - 1
_SGG = SIGNAL_BIT[config.SEXUAL]
_SMH = SIGNAL_BIT[config.TRAFFICKING]
_CRIM = SIGNAL_BIT[config.CRIMINAL]
_RUN = SIGNAL_BIT[config.ABSCONDING]
_AGGR = SIGNAL_BIT[config.AGGRESSION]
# Bits a member carries beyond its signals, for the safety rules: a care profile, or two of
# its own signals together. They sit above the signal bits in the same mask.
LVB = 1 << len(SIGNAL_BIT)
INTERNAL = LVB << 1  # internalising or trauma care profile: who aggression can victimise
CRIM_RUN = LVB << 2  # criminal involvement, and runs away
VULNERABLE_RUN = LVB << 3  # a trafficking victim or lvb youth who runs away
VICTIM_RUN = LVB << 4  # a trafficking victim who runs away
_PROFILE_BITS: dict[str, int] = {
    config.VULNERABLE_PROFILE: LVB,
    **dict.fromkeys(config.VICTIMISATION_PROFILES, INTERNAL),
}

_INFLUENCE = tuple(
    (index * FIELD, sum(SIGNAL_BIT[signal] for signal in signals), label)
    for index, (_key, signals, label) in enumerate(config.INFLUENCE_GROUPS)
)

_R = safety.BIT
# Safety rules between two members that depend on what they carry alone: (what the newer
# member has, what an earlier member has, rule, whether the earlier side is a signal). Both
# directions are listed, so a pair is found whichever of the two came first.
_PAIR_RULES: tuple[tuple[int, int, int, bool], ...] = (
    (_SGG, _SMH, safety.INCOMPATIBLE, True),
    (_SMH, _SGG, safety.INCOMPATIBLE, True),
    (_CRIM, _SMH, _R["uitbuiting"], True),
    (_CRIM, LVB, _R["uitbuiting"], False),
    (_SMH, _CRIM, _R["uitbuiting"], True),
    (LVB, _CRIM, _R["uitbuiting"], True),
    (CRIM_RUN, _SMH, _R["uitbuiting_weglopen"], True),
    (CRIM_RUN, LVB, _R["uitbuiting_weglopen"], False),
    (_CRIM, VULNERABLE_RUN, _R["uitbuiting_weglopen"], True),
    (_SMH, CRIM_RUN, _R["uitbuiting_weglopen"], True),
    (LVB, CRIM_RUN, _R["uitbuiting_weglopen"], True),
    (VULNERABLE_RUN, _CRIM, _R["uitbuiting_weglopen"], True),
    (_RUN, _RUN, _R["samen_weglopen"], True),
    (VICTIM_RUN, _RUN, _R["slachtoffer_weglopen"], True),
    (_RUN, VICTIM_RUN, _R["slachtoffer_weglopen"], True),
    (_SGG, LVB, _R["seksueel_lvb"], False),
    (LVB, _SGG, _R["seksueel_lvb"], True),
)
_SEXUAL_GAP = config.SEXUAL_SAFETY_AGE_GAP * _YEAR
_VICTIMISATION_GAP = config.VICTIMISATION_AGE_GAP * _YEAR
_SEXUAL_YOUNGER = _R["seksueel_jonger"]
_VICTIMISATION = _R["victimisatie"]

# The lookup tables below are filled on first use and keyed by small values (a set of
# signals, a packed count, a member's bits), so they stay small and are safe to keep for the
# process.
_attention_codes: dict[frozenset[str], tuple[int, int]] = {}
# Per member's bits: the pair rules it can be part of, and every bit a partner could carry.
_pair_rules_of: dict[int, tuple[tuple[tuple[int, int, bool], ...], int]] = {}


def encode_attention(attention: frozenset[str]) -> tuple[int, int]:
    """(signal bits, packed influence-group units) for one member's attention signals. The
    bits include the pairs of a member's own signals that the safety rules read."""
    code = _attention_codes.get(attention)
    if code is None:
        bits = 0
        for signal in attention:
            bits |= SIGNAL_BIT.get(signal, 0)
        units = sum(1 << shift for shift, mask, _label in _INFLUENCE if bits & mask)
        if bits & _RUN:
            bits |= (CRIM_RUN if bits & _CRIM else 0) | (
                VULNERABLE_RUN | VICTIM_RUN if bits & _SMH else 0
            )
        code = _attention_codes[attention] = (bits, units)
    return code


def member_bits(attention_bits: int, profile: str) -> int:
    """Everything the rules read of one member: signal bits plus care-profile bits."""
    bits = attention_bits | _PROFILE_BITS.get(profile, 0)
    if bits & LVB and bits & _RUN:
        bits |= VULNERABLE_RUN
    return bits


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


def band(age: int) -> int:
    """The developmental band of an age: 0 under 12, 1 for 12-15, 2 for 16-17, 3 for 18+."""
    return bisect_right(config.DEVELOPMENTAL_BANDS, age)


_GIRL = 1
_BOY = 1 << FIELD


class Member(NamedTuple):
    """One member folded into numbers: what `join` adds to a group."""

    bits: int  # signal and profile bits (`member_bits`)
    influence: int  # packed influence-group units
    profile: int  # `profile_unit`
    high: int  # 1 for high care intensity
    born: int  # birth date as YYYYMMDD
    gender: int  # _GIRL, _BOY or 0


def encode_member(member: GroupMember) -> Member:
    attention = member.attention
    attention_bits, influence = encode_attention(attention) if attention else (0, 0)
    profile = member.care_profile
    birth = member.birth_date
    gender = member.gender
    return Member(
        member_bits(attention_bits, profile),
        influence,
        _profile_units.get(profile) or profile_unit(profile),
        1 if member.care_intensity == "hoog" else 0,
        birth.year * 10000 + birth.month * 100 + birth.day,  # day_number(), inlined
        _GIRL if gender == "v" else _BOY if gender == "m" else 0,
    )


class GroupState(NamedTuple):
    """A group folded into numbers: everything the risk rules need, nothing per member.

    `signals` holds the bits of every signal (and profile bit) at least one member has;
    `pairs` the safety rules (and the absolute incompatibility) found between two *different*
    members whatever the day. Birth dates are YYYYMMDD integers (0 in an empty group);
    `births` keeps them all, oldest first, for the rules on ages on a given day. The last
    three fields remember who carries what the age-gap rules compare (0: nobody).
    """

    size: int
    profiles: int  # packed member count per care profile
    high_intensity: int
    signals: int
    influence: int  # packed member count per influence group (config.INFLUENCE_GROUPS)
    pairs: int
    oldest_birth: int
    newest_birth: int
    genders: int  # girls + boys << FIELD
    births: tuple[int, ...]
    sexual_oldest: int  # birth of the oldest member with sexually transgressive behaviour
    aggressive_oldest: int  # birth of the oldest member with aggression
    internal_newest: int  # birth of the youngest member with an internalising/trauma profile

    @property
    def incompatible(self) -> bool:
        return bool(self.pairs & safety.INCOMPATIBLE)

    def profile_count(self, profile: str) -> int:
        unit = profile_unit(profile)
        return (self.profiles // unit) & _FIELD_MASK

    def age_range(self, day: int) -> tuple[int, int] | None:
        """(youngest, oldest) age on `day` (YYYYMMDD), or None for an empty group."""
        if not self.size:
            return None
        return (day - self.newest_birth) // 10000, (day - self.oldest_birth) // 10000


EMPTY_STATE = GroupState(0, 0, 0, 0, 0, 0, 0, 0, 0, (), 0, 0, 0)


def _pairs(
    bits: int,
    born: int,
    signals: int,
    newest: int,
    sexual_oldest: int,
    aggressive_oldest: int,
    internal_newest: int,
) -> tuple[int, int]:
    """The safety rules between a member (its `bits`, born on `born`) and the members before
    it (what the other arguments remember of them): (rules, those of them where the earlier
    member's side is an attention signal)."""
    found = via_signal = 0
    if bits:
        entry = _pair_rules_of.get(bits)
        if entry is None:
            rules = tuple(
                (other, rule, signal_side)
                for own, other, rule, signal_side in _PAIR_RULES
                if bits & own
            )
            partners = 0
            for other, _rule, _signal_side in rules:
                partners |= other
            entry = _pair_rules_of[bits] = (rules, partners)
        rules, partners = entry
        if signals & partners:
            for other, rule, signal_side in rules:
                if signals & other:
                    found |= rule
                    if signal_side:
                        via_signal |= rule
        # Age gaps: born later is younger. The earlier side here is an age or a profile.
        if bits & _SGG and newest >= born + _SEXUAL_GAP:
            found |= _SEXUAL_YOUNGER
        if bits & _AGGR and internal_newest and internal_newest >= born + _VICTIMISATION_GAP:
            found |= _VICTIMISATION
        if bits & INTERNAL and signals & _AGGR and born >= aggressive_oldest + _VICTIMISATION_GAP:
            found |= _VICTIMISATION
            via_signal |= _VICTIMISATION
    if signals & _SGG and born >= sexual_oldest + _SEXUAL_GAP:
        found |= _SEXUAL_YOUNGER
        via_signal |= _SEXUAL_YOUNGER
    return found, via_signal


def join(state: GroupState, member: Member) -> tuple[GroupState, int, int]:
    """`state` with `member` added, plus the safety rules found between the member and the
    members already there: (new state, rules, those of them where the earlier member's side
    is an attention signal). The second tells a reader who may not know the residents'
    signals whether a rule with the candidate can be named to them."""
    bits, influence, profile, high, born, gender = member
    (
        size,
        profiles,
        high_intensity,
        signals,
        state_influence,
        pairs,
        oldest,
        newest,
        genders,
        births,
        sexual_oldest,
        aggressive_oldest,
        internal_newest,
    ) = state
    found = via_signal = 0
    if size and (bits or signals & _SGG):
        found, via_signal = _pairs(
            bits, born, signals, newest, sexual_oldest, aggressive_oldest, internal_newest
        )
    if bits & _SGG and (not signals & _SGG or born < sexual_oldest):
        sexual_oldest = born
    if bits & _AGGR and (not signals & _AGGR or born < aggressive_oldest):
        aggressive_oldest = born
    if bits & INTERNAL and born > internal_newest:
        internal_newest = born
    if not size:
        oldest = newest = born
        births = (born,)
    elif born >= newest:
        newest = born
        births = (*births, born)
    else:
        if born < oldest:
            oldest = born
        at = bisect_right(births, born)
        births = (*births[:at], born, *births[at:])
    return (
        GroupState(
            size + 1,
            profiles + profile,
            high_intensity + high,
            signals | bits,
            state_influence + influence,
            pairs | found,
            oldest,
            newest,
            genders + gender,
            births,
            sexual_oldest,
            aggressive_oldest,
            internal_newest,
        ),
        found,
        via_signal,
    )


def fold(members: Iterable[GroupMember], start: GroupState = EMPTY_STATE) -> GroupState:
    """The state of `start`'s group with `members` added: `join` for each member, written
    out with local numbers because it runs for every resident of every home."""
    (
        size,
        profiles,
        high_intensity,
        signals,
        influence,
        pairs,
        oldest,
        newest,
        genders,
        births,
        sexual_oldest,
        aggressive_oldest,
        internal_newest,
    ) = start
    added: list[int] = []
    units = _profile_units
    profile_bits = _PROFILE_BITS
    for member in members:
        profile = member.care_profile
        profiles += units.get(profile) or profile_unit(profile)
        if member.care_intensity == "hoog":
            high_intensity += 1
        gender = member.gender
        if gender == "v":
            genders += _GIRL
        elif gender == "m":
            genders += _BOY
        birth = member.birth_date
        born = birth.year * 10000 + birth.month * 100 + birth.day  # day_number(), inlined
        attention = member.attention
        bits = profile_bits.get(profile, 0)
        if attention:
            attention_bits, influence_units = encode_attention(attention)
            influence += influence_units
            bits |= attention_bits
            if bits & LVB and bits & _RUN:
                bits |= VULNERABLE_RUN
        if size and (bits or signals & _SGG):
            pairs |= _pairs(
                bits, born, signals, newest, sexual_oldest, aggressive_oldest, internal_newest
            )[0]
        if bits:
            if bits & _SGG and (not signals & _SGG or born < sexual_oldest):
                sexual_oldest = born
            if bits & _AGGR and (not signals & _AGGR or born < aggressive_oldest):
                aggressive_oldest = born
            if bits & INTERNAL and born > internal_newest:
                internal_newest = born
            signals |= bits
        if not size:
            oldest = newest = born
        elif born < oldest:
            oldest = born
        elif born > newest:
            newest = born
        added.append(born)
        size += 1
    if added:
        births = tuple(sorted((*births, *added)))
    return GroupState(
        size,
        profiles,
        high_intensity,
        signals,
        influence,
        pairs,
        oldest,
        newest,
        genders,
        births,
        sexual_oldest,
        aggressive_oldest,
        internal_newest,
    )


def only_genders(state: GroupState) -> int:
    """_GIRL and/or _BOY when the group has only one girl (boy) among enough others."""
    if state.size <= config.ONLY_GENDER_OTHERS:
        return 0
    genders = state.genders
    return (_GIRL if genders & _FIELD_MASK == 1 else 0) | (
        _BOY if (genders >> FIELD) & _FIELD_MASK == 1 else 0
    )


_CHILD_SPAN = config.CHILD_AGE * _YEAR
# With four bands, a member two bands from every other member has all the others on one side
# of them, so it is the youngest or the oldest: the rule only compares those two with the
# member next to them in age. More bands would need a check of every member.
if len(config.DEVELOPMENTAL_BANDS) > 3:
    raise ValueError("group.safety_rules assumes at most four developmental bands")


def safety_rules(state: GroupState, day: int) -> int:
    """Every safety rule that fires in the group with ages on `day` (YYYYMMDD)."""
    rules = state.pairs & safety.ALL_RULES
    size = state.size
    if size < 2:
        return rules
    youngest = (day - state.newest_birth) // _YEAR
    oldest = (day - state.oldest_birth) // _YEAR
    if state.signals & _SGG and youngest < config.CHILD_AGE:
        # Born after `child`: under 12. A pair needs a child and *another* member with the
        # behaviour: two children, or one child and a member with it who is no child.
        child = day - _CHILD_SPAN
        children = size - bisect_right(state.births, child)
        if children >= 2 or state.sexual_oldest <= child:
            rules |= _R["seksueel_kind"]
    if oldest >= config.ADULT_AGE:
        if youngest < config.CHILD_AGE:
            rules |= _R["kind_met_volwassene"]
        elif youngest < config.MINOR_WITH_ADULT_AGE:
            rules |= _R["minderjarige_met_volwassene"]
    if size > config.ONLY_GENDER_OTHERS and only_genders(state):
        rules |= _R["enige_van_geslacht"]
    young_band = band(youngest)
    old_band = band(oldest)
    if old_band - young_band >= 2:
        births = state.births  # oldest first
        if (
            band((day - births[-2]) // _YEAR) - young_band >= 2
            or old_band - band((day - births[1]) // _YEAR) >= 2
        ):
            rules |= _R["leeftijdsfase"]
    return rules


class ProfileMix(NamedTuple):
    """What the care profiles of a group add up to (see `profile_mix`)."""

    counts: tuple[tuple[str, int], ...]  # (profile, members), by profile code
    externalising: int
    lookalike_penalty: float  # for the group factor: per extra member sharing a profile
    # (profile, members) of the profiles so many members share that it is a risk reason.
    lookalikes: tuple[tuple[str, int], ...]


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
        lookalikes: list[tuple[str, int]] = []
        for profile, count in counts:
            if profile == _EXTERNALISING:
                penalty += (count - 1) * config.EXTERNALISING_LOOKALIKE_PENALTY
                continue
            penalty += (count - 1) * config.LOOKALIKE_PENALTY
            if count >= config.LOOKALIKE_RISK_COUNT:
                lookalikes.append((profile, count))
        externalising = dict(counts).get(_EXTERNALISING, 0)
        mix = _profile_mixes[profiles] = ProfileMix(
            counts, externalising, penalty, tuple(lookalikes)
        )
    return mix


def _lookalike_concerns(mix: ProfileMix, language: str) -> list[str]:
    """The risk reasons for many members sharing one care profile."""
    return [
        in_language(_LOOKALIKE, language)
        % {"count": count, "profiel": _profile_label(profile, language)}
        for profile, count in mix.lookalikes
    ]


def _profile_label(profile: str, language: str) -> str:
    known = CARE_PROFILES.get(profile)
    return in_language(known, language) if known else profile


_influence_labels: dict[tuple[int, str], tuple[str, ...]] = {}


def influence_labels(influence: int, language: str) -> tuple[str, ...]:
    """Labels of the influence groups with two or more members, from a packed count, in the
    active `language`."""
    if not influence:
        return ()
    key = (influence, language)
    labels = _influence_labels.get(key)
    if labels is None:
        labels = _influence_labels[key] = tuple(
            _(label)
            for shift, _mask, label in _INFLUENCE
            if (influence >> shift) & _FIELD_MASK >= 2
        )
    return labels


def only_gender_codes(only: int) -> tuple[str, ...]:
    """The gender codes ("v", "m") of an `only_genders` value."""
    return (*(("v",) if only & _GIRL else ()), *(("m",) if only & _BOY else ()))


# --- Risk ------------------------------------------------------------------------------------


def staff_text(staff_on_shift: int, size: int) -> str:
    """`2 begeleiders op de groep voor 5 jongeren`."""
    if staff_on_shift == 0:
        return _("Geen vaste begeleider op de groep voor %(jongeren)s") % {
            "jongeren": youths_text(size)
        }
    return ngettext(
        "%(count)s begeleider op de groep voor %(jongeren)s",
        "%(count)s begeleiders op de groep voor %(jongeren)s",
        staff_on_shift,
    ) % {"count": staff_on_shift, "jongeren": youths_text(size)}


_ONE_MEMBER = gettext_noop("Eén jongere in de groep; geen risico's in de samenstelling.")
_MIXED = gettext_noop(
    "Gemengde groep: ieder heeft een ander zorgprofiel. Geen bijzondere risico's."
)
_CALM = gettext_noop("Geen bijzondere risico's in de samenstelling van de groep.")
_INCOMPATIBLE_GROUP = gettext_noop(
    "In de groep zit een combinatie die nooit samen mag wonen: seksueel "
    "grensoverschrijdend gedrag en slachtofferschap van mensenhandel."
)
_BIG_GROUP = gettext_noop(
    "Groep van %(count)s jongeren: groter dan de voorkeur van %(voorkeur)s of minder."
)
_EXTERNALISING_SEVERE = gettext_noop(
    "%(count)s jongeren met naar buiten gericht gedrag: grote kans dat ze elkaar opjutten."
)
_EXTERNALISING_CONCERN = gettext_noop(
    "%(count)s jongeren met naar buiten gericht gedrag: kans dat ze elkaar opjutten."
)
_HIGH_INTENSITY = gettext_noop(
    "%(count)s jongeren met een hoge zorgintensiteit: veel vraag aan het team."
)
_STACKED = gettext_noop("Meerdere risico's tegelijk maken de groep kwetsbaar.")
_LOOKALIKE = gettext_noop(
    "%(count)s jongeren met hetzelfde zorgprofiel (%(profiel)s): ze kunnen elkaars "
    "gedrag overnemen."
)
_TOO_MANY = gettext_noop("%(jongeren)s in de groep, terwijl de woning %(plekken)s heeft.")
_UNDERSTAFFED = gettext_noop("%(begeleiding)s: minder dan 1 op %(per)s.")
_INFLUENCE_REASON = gettext_noop(
    "Meer jongeren met %(signaal)s: ze kunnen elkaar negatief beïnvloeden."
)


# Memo of `risk_of_state`: a pure function of small hashable values, and a search page
# asks the same question for every home's current group on every request. Each entry holds
# both versions (signals named, signals not named), in one language (the last part of the
# key). Bounded: cleared when it grows past `_RISK_MEMO_MAX` entries.
_risk_memo: dict[tuple[GroupState, int, int, int, str], tuple[GroupRisk, GroupRisk, int]] = {}
_RISK_MEMO_MAX = 200_000


def risk_of_state(
    state: GroupState,
    day: int,
    *,
    max_residents: int,
    staff_on_shift: int,
    names_signals: bool,
    language: str | None = None,
) -> GroupRisk:
    """The risk level and aggregated reasons for a folded group (thresholds: config.py).

    Ages are taken on `day` (YYYYMMDD). With `names_signals` false, every reason that rests
    on members' attention signals is replaced by one group-level sentence that names none
    (`GROUP_SIGNALS_NEUTRAL`): for every reader who may not know them. The level is the same
    either way.
    """
    return risk_and_rules(
        state,
        day,
        max_residents=max_residents,
        staff_on_shift=staff_on_shift,
        names_signals=names_signals,
        language=language,
    )[0]


def risk_and_rules(
    state: GroupState,
    day: int,
    *,
    max_residents: int,
    staff_on_shift: int,
    names_signals: bool,
    language: str | None = None,
) -> tuple[GroupRisk, int]:
    """`risk_of_state`, and the safety rules that fire in the group (`safety_rules`), which
    the risk was built from: the ranking reads both, from the same memo entry. `language` is
    the active language, when the caller has it at hand (`i18n.language()`)."""
    if language is None:
        language = language_now()
    key = (state, day, max_residents, staff_on_shift, language)
    entry = _risk_memo.get(key)
    if entry is None:
        if len(_risk_memo) >= _RISK_MEMO_MAX:
            _risk_memo.clear()
        entry = _risk_memo[key] = _risk_of_state(
            state,
            day,
            max_residents=max_residents,
            staff_on_shift=staff_on_shift,
            language=language,
        )
    return (entry[0] if names_signals else entry[1]), entry[2]


def _risk_of_state(
    state: GroupState, day: int, *, max_residents: int, staff_on_shift: int, language: str
) -> tuple[GroupRisk, GroupRisk, int]:
    """(named, neutral) versions of the same risk, and the safety rules that fire."""
    size = state.size
    if not size:
        empty = empty_group_risk(language)
        return empty, empty, 0
    mix = profile_mix(state.profiles)
    labels = influence_labels(state.influence, language)
    places = min(max_residents, config.KWV_MAX_GROUP)
    understaffed = size > staff_on_shift * config.YOUTHS_PER_STAFF
    rules = safety_rules(state, day)
    if not (
        state.incompatible
        or rules
        or size > places
        or size > config.PREFERRED_GROUP_SIZE
        or understaffed
        or mix.externalising >= config.EXTERNALISING_CONCERN
        or mix.lookalikes
        or labels
        or state.high_intensity >= config.HIGH_INTENSITY_CONCERN
    ):
        # Most groups: nothing to report, and a shared answer saves building one.
        if size == 1:
            one = GroupRisk("laag", (in_language(_ONE_MEMBER, language),))
            return one, one, rules
        calm_text = in_language(_MIXED if len(mix.counts) == size else _CALM, language)
        calm = GroupRisk("laag", (calm_text,))
        return calm, calm, rules

    severe: list[str] = []
    concerns: list[str] = []
    notes: list[str] = []
    # Sentences that rest on members' attention signals, for the neutral version.
    signal_based: set[str] = set()
    if state.incompatible:
        severe.append(in_language(_INCOMPATIBLE_GROUP, language))
        signal_based.add(severe[-1])
    if rules:
        by_level = {"severe": severe, "concern": concerns, "note": notes}
        for variant in safety.worst_per_code(rules):
            if variant.name == "enige_van_geslacht":
                by_level[variant.level].extend(
                    safety.only_gender_texts(gender, size - 1, (language, JONGERE))[0]
                    for gender in _only_codes(state)
                )
            else:
                by_level[variant.level].append(variant.group_text(language))
                if variant.signal_based:
                    signal_based.add(variant.group_text(language))
    if size > places:
        severe.append(
            in_language(_TOO_MANY, language)
            % {"jongeren": youths_text(size), "plekken": places_text(places)}
        )
    elif size > config.PREFERRED_GROUP_SIZE:
        concerns.append(
            in_language(_BIG_GROUP, language)
            % {"count": size, "voorkeur": config.PREFERRED_GROUP_SIZE}
        )
    if understaffed:
        concerns.append(
            in_language(_UNDERSTAFFED, language)
            % {"begeleiding": staff_text(staff_on_shift, size), "per": config.YOUTHS_PER_STAFF}
        )
    externalising = mix.externalising
    if externalising >= config.EXTERNALISING_HIGH:
        severe.append(in_language(_EXTERNALISING_SEVERE, language) % {"count": externalising})
    elif externalising >= config.EXTERNALISING_CONCERN:
        concerns.append(in_language(_EXTERNALISING_CONCERN, language) % {"count": externalising})
    concerns.extend(_lookalike_concerns(mix, language))
    for label in labels:
        concerns.append(in_language(_INFLUENCE_REASON, language) % {"signaal": label})
        signal_based.add(concerns[-1])
    if state.high_intensity >= config.HIGH_INTENSITY_CONCERN:
        concerns.append(in_language(_HIGH_INTENSITY, language) % {"count": state.high_intensity})

    level: RiskLevel = "hoog" if severe else "verhoogd" if concerns else "laag"
    if not severe and len(concerns) >= config.STACKED_CONCERNS:
        level = "hoog"
        concerns.append(in_language(_STACKED, language))
    reasons = (*severe, *concerns, *notes)
    named = GroupRisk(level=level, reasons=reasons)
    if not signal_based:
        return named, named, rules
    neutral = tuple(reason for reason in reasons if reason not in signal_based)
    neutral_risk = GroupRisk(
        level=level, reasons=(in_language(GROUP_SIGNALS_NEUTRAL, language), *neutral)
    )
    return named, neutral_risk, rules


def _only_codes(state: GroupState) -> tuple[str, ...]:
    return only_gender_codes(only_genders(state))


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
    return risk_of_state(
        fold(members),
        day_number(today),
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
