"""Eligibility, score and explanation of every home for one youth.

`rank_homes` is called with thousands of homes per request, so the work is split in two:
everything that depends only on the youth (ages, weights, need sentences, distance origins,
which resident signals matter) is prepared once in `_Context`; per home only the comparison is
left. Parts of a result that come out the same for many homes (a factor for the same distance
in km, the same needs met, the same team figures, the same group picture) are built once per
request and shared: the result records are frozen, so sharing them is safe.

A blocked home is explained, not scored: `score=None`, its blocking reasons (each saying what
would change it) and the group pictures, listed after the eligible homes by ref. That matches
DOMAIN.md (only homes that pass the hard limits are proposed) and keeps the common case, a
full home, cheap.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from functools import cache

from kern.publiek import GROUP_SIGNALS_NEUTRAL, Aanspreekvorm, Audience, Stem, standaardstem
from matching.engine import config, safety
from matching.engine.geo import DistanceFrom
from matching.engine.group import (
    EMPTY_STATE,
    SIGNAL_BIT,
    GroupState,
    age_on,
    band,
    day_number,
    empty_group_risk,
    encode_attention,
    encode_member,
    fold,
    influence_labels,
    join,
    only_gender_codes,
    only_genders,
    profile_mix,
    risk_and_rules,
    risk_of_state,
    staff_text,
)
from matching.engine.i18n import _, gettext_noop, language, ngettext
from matching.engine.policy import NO_POLICY, assess_policies, with_group_preferences
from matching.engine.stem import zeg
from matching.engine.types import (
    Factor,
    Home,
    HomeResult,
    Priorities,
    Reason,
    Resident,
    ResidentImpact,
    Youth,
)
from matching.engine.vocabulary import (
    care_profile_label,
    format_date,
    importance_label,
    need_label,
    need_sentence,
    places_text,
    youths_text,
)

_SGG, _SMH = config.INCOMPATIBLE_PAIR
_SEXUAL_BIT = SIGNAL_BIT[config.SEXUAL]

# The sentences below are Dutch msgids (`matching.engine.i18n`): a `_Context` translates
# them once, into the language active when it is made.
_NO_IMPACT = gettext_noop("geen bijzonderheden")
_LEAVES_FIRST = gettext_noop("vertrekt naar verwachting voordat deze jongere komt")
_IMPACT_INCOMPATIBLE = gettext_noop("mag nooit in dezelfde groep als deze jongere (harde grens)")
_IMPACT_LOOKALIKE = gettext_noop("zelfde zorgprofiel, kans op naar elkaar kijken")
# What a safety rule between the youth and one resident means for that resident. The rules
# about the whole group (the only girl or boy, developmental bands) are not about a pair.
_IMPACT_SAFETY = {
    "risico_uitbuiting": gettext_noop(
        "risico op uitbuiting (criminaliteit naast kwetsbaarheid voor werving)"
    ),
    "samen_weglopen": gettext_noop("kans dat ze samen weglopen"),
    "seksuele_veiligheid": gettext_noop(
        "seksuele veiligheid vraagt bescherming (seksueel grensoverschrijdend gedrag naast een "
        "jongere of kwetsbare jongere)"
    ),
    "victimisatie": gettext_noop("risico op slachtofferschap door agressie"),
    "minderjarige_met_volwassene": gettext_noop("minderjarige en volwassene samen in een groep"),
}
_PAIR_SAFETY_RULES = safety.ALL_RULES & ~(
    safety.BIT["enige_van_geslacht"] | safety.BIT["leeftijdsfase"]
)

_AgeRange = tuple[int, int] | None

# For every reader who may not know the residents' signals (kern/publiek.py): one group-level
# attention point and factor sentence for whatever signals meet, and one composition block
# for the absolute incompatibility that does not say what the group holds.
_GROUP_SIGNALS_FACTOR = gettext_noop("Meer risico op negatieve beïnvloeding in deze groep.")
_COMPOSITION_BLOCK = gettext_noop(
    "De samenstelling van de groep laat deze plaatsing niet toe. Dat is een harde grens. Dit "
    "verandert alleen als de groep anders wordt samengesteld; de beheerder van de woning kan "
    "zeggen wanneer dat zo is."
)


# Memo of each home's current group folded into numbers. The ORM adapter keeps the same
# Home objects between searches, so the same residents tuple comes back on every search.
# Keyed by the tuple's id; the entry holds the tuple itself, so the id cannot be reused by
# another object while the entry exists. Bounded: cleared past `_FOLD_MEMO_MAX` entries.
_fold_memo: dict[int, tuple[tuple[Resident, ...], GroupState]] = {}
_FOLD_MEMO_MAX = 100_000


def _current_state(residents: tuple[Resident, ...]) -> GroupState:
    entry = _fold_memo.get(id(residents))
    if entry is not None and entry[0] is residents:
        return entry[1]
    if len(_fold_memo) >= _FOLD_MEMO_MAX:
        _fold_memo.clear()
    state = fold(residents)
    _fold_memo[id(residents)] = (residents, state)
    return state


def rank_homes(
    youth: Youth,
    homes: Iterable[Home],
    today: date,
    *,
    audience: Audience,
    stem: Stem | None = None,
    with_impacts: bool = True,
) -> list[HomeResult]:
    """Every home, eligible ones first by score (high to low), then the blocked ones, each
    explained for `audience` (see `kern.publiek`), in the voice `stem` (by default the
    audience's own: `kern.publiek.standaardstem`).

    Ties are broken by the home's ref, so the order is fully determined by the input.
    What the admission means per resident is written only for audiences that may read the
    residents' signals; `with_impacts=False` leaves it out for them too.
    """
    context = _Context(youth, today, audience=audience, stem=stem, with_impacts=with_impacts)
    results = [context.evaluate(home) for home in homes]
    results.sort(key=_ranking_key)
    return results


def best_homes(
    youth: Youth,
    homes: Iterable[Home],
    today: date,
    count: int,
    *,
    audience: Audience,
    stem: Stem | None = None,
) -> list[HomeResult]:
    """The `count` best eligible homes, exactly as the top of `rank_homes` (same scores,
    same order), without scoring every home.

    Needs, distances and setting depend on the home alone and are cheap; group, team and
    availability are not, and can at most earn their maximum. That gives each home an upper
    bound on its score. Homes are scored from the highest bound down, and the search stops
    once no remaining bound can reach the `count`-th score found: those homes could not
    enter the top. For the placement table's allocation, where each youth needs only its
    best few of hundreds of homes.
    """
    context = _Context(youth, today, audience=audience, stem=stem, with_impacts=False)
    ordered = sorted(((context.upper_bound(home), home.ref, home) for home in homes), key=_by_bound)
    top: list[HomeResult] = []
    for bound, _ref, home in ordered:
        if len(top) >= count and bound < (top[count - 1].score or 0.0):
            break
        result = context.evaluate(home)
        if result.eligible:
            top.append(result)
            top.sort(key=_ranking_key)
            del top[count:]
    return top


def _by_bound(item: tuple[float, str, Home]) -> tuple[float, str]:
    return (-item[0], item[1])


def evaluate_home(
    youth: Youth, home: Home, today: date, *, audience: Audience, stem: Stem | None = None
) -> HomeResult:
    """The result for one home, the same as its entry in `rank_homes`."""
    return _Context(youth, today, audience=audience, stem=stem).evaluate(home)


def _ranking_key(result: HomeResult) -> tuple[int, float, str]:
    if result.score is None:
        return (1, 0.0, result.home.ref)
    return (0, -result.score, result.home.ref)


def max_points_for(
    priorities: Priorities, skipped: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Maximum points per factor for these priorities, adding up to exactly 100.0.

    `veiligheid` always has `config.SAFETY_POINTS`: no priority changes it. The fit factors
    share the rest by their weights and the family's priorities. Skipped factors (a distance
    that cannot be measured) get 0 and their weight goes to the other fit factors. Rounding
    to tenths uses the largest remainder, so the rounded maxima still add up to 100.0;
    remaining ties go to the factor listed first in `config.FACTOR_ORDER`.
    """
    levels = {
        "nabijheid": priorities.nabijheid,
        "onderwijs": priorities.onderwijs,
        "groep": priorities.groep,
        "team": priorities.team,
        "behoeften": priorities.behoeften,
    }
    raw: dict[str, float] = {}
    for factor, weight in config.BASE_WEIGHTS.items():
        if factor in skipped:
            continue
        priority_name = config.FACTOR_PRIORITY.get(factor)
        level = levels[priority_name] if priority_name else config.NEUTRAL_PRIORITY
        raw[factor] = weight * config.PRIORITY_MULTIPLIERS[level]
    safety_tenths = round(config.SAFETY_POINTS * 10)
    fit_tenths = 1000 - safety_tenths
    total = sum(raw.values())
    exact = {factor: weight * fit_tenths / total for factor, weight in raw.items()}
    tenths = {factor: int(value) for factor, value in exact.items()}
    short = fit_tenths - sum(tenths.values())
    by_remainder = sorted(
        exact, key=lambda f: (-(exact[f] - tenths[f]), config.FACTOR_ORDER.index(f))
    )
    for factor in by_remainder[:short]:
        tenths[factor] += 1
    tenths["veiligheid"] = safety_tenths
    return {factor: tenths.get(factor, 0) / 10 for factor in config.FACTOR_ORDER}


def _cap_fit(factors: tuple[Factor, ...], limit: float) -> tuple[Factor, ...]:
    """`factors` (the fit factors) scaled down in proportion so that their points add up to
    at most `limit`; unchanged when they already do. Works in tenths of a point with the
    largest remainder, so the scaled points still add up exactly."""
    tenths = [round(factor.points * 10) for factor in factors]
    total = sum(tenths)
    target = round(limit * 10)
    if total <= target:
        return factors
    scaled = [value * target // total for value in tenths]
    remainders = sorted(range(len(factors)), key=lambda i: (-(tenths[i] * target % total), i))
    for index in remainders[: target - sum(scaled)]:
        scaled[index] += 1
    return tuple(
        Factor(factor.code, value / 10, factor.max_points, factor.explanation)
        for factor, value in zip(factors, scaled, strict=True)
    )


def _birthday(birth_date: date, age: int) -> date:
    """The day someone turns `age`; 29 February becomes 1 March in non-leap years."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return date(birth_date.year + age, 3, 1)


def _linear(km: int, full: int, zero: int) -> float:
    """1.0 up to `full` km, 0.0 from `zero` km, a straight line in between."""
    if km <= full:
        return 1.0
    if km >= zero:
        return 0.0
    return (zero - km) / (zero - full)


def _km_text(km: int) -> str:
    return _("minder dan 1 km") if km == 0 else _("%(km)s km") % {"km": km}


class _Context:
    """Everything about one youth that every home is compared against, prepared once."""

    def __init__(
        self,
        youth: Youth,
        today: date,
        *,
        audience: Audience,
        stem: Stem | None = None,
        with_impacts: bool = True,
    ) -> None:
        if youth.attention and not audience.uses_youth_signals:
            # Before the family agreed to share, the youth's signals play no part at all.
            youth = replace(youth, attention=frozenset())
        self.youth = youth
        self.today = today
        self.audience = audience
        # Every sentence of this request is written in the language active now: the shared
        # memos of team texts are keyed by it, the fixed sentences translated once here.
        self.language = language()
        # The voice every sentence about the youth is written in; the shared memos of
        # sentences are keyed by it as well as by the language.
        self.stem = stem if stem is not None else standaardstem(audience)
        self.voice = (self.language, self.stem)
        self.group_signals_reason = Reason("groepsrisico", _(GROUP_SIGNALS_NEUTRAL))
        self.group_signals_factor = _(_GROUP_SIGNALS_FACTOR)
        self.no_impact = (_(_NO_IMPACT),)
        self.leaves_first = (_(_LEAVES_FIRST),)
        self.impact_lookalike = _(_IMPACT_LOOKALIKE)
        # Whether texts may name (or pair) the residents' attention signals.
        self.names = audience.names_resident_signals
        self.with_impacts = with_impacts and self.names
        # Age and group checks are made for the first day the youth could move in.
        self.on = max(youth.needed_from, today)
        self.on_text = format_date(self.on)
        self.on_number = day_number(self.on)
        self.today_number = day_number(today)
        self.age = age_on(youth.birth_date, self.on)
        self.birth_number = day_number(youth.birth_date)
        # The youth folded into numbers once, and as a group of one: the "after" state of
        # every empty home.
        self.member = encode_member(youth)
        self.alone = join(EMPTY_STATE, self.member)[0]

        skipped: set[str] = set()
        if youth.location is None:
            skipped.add("nabijheid")
        if youth.school_location is None and youth.location is None:
            skipped.add("onderwijs")
        self.max_points = max_points_for(youth.priorities, frozenset(skipped))

        self.family = DistanceFrom(youth.location) if youth.location is not None else None
        # Without a known school, the family's home town is the best guess for where the
        # youth went to school; the explanation says so.
        self.school = (
            DistanceFrom(youth.school_location) if youth.school_location is not None else None
        )

        self._prepare_needs()
        self._prepare_signals()
        self._prepare_fixed_results()
        self._prepare_protective_zones()

        self._needs_cache: dict[int, Factor] = {}
        self._family_cache: dict[int, Factor] = {}
        self._school_cache: dict[int, tuple[Factor, Reason | None]] = {}
        self._team_cache: dict[tuple[int, int, int, int], tuple[Factor, tuple[Reason, ...]]] = {}
        self._availability_cache: dict[tuple[date, bool], Factor] = {}
        self._age_reason_cache: dict[tuple[int, int], Reason] = {}
        self._age_out_cache: dict[int, Reason] = {}
        self._late_place_cache: dict[date, Reason] = {}
        self._same_profile_cache: dict[int, Reason] = {}
        self._impact_cache: dict[tuple[str, int, bool, int, int], ResidentImpact] = {}
        self._group_size_cache: dict[int, Reason] = {}
        self._no_place_cache: dict[date | None, Reason] = {}
        self._group_cache: dict[tuple[int, ...], tuple[Factor, tuple[Reason, ...]]] = {}

    def _zeg(self, jij: str, derde: str, values: dict[str, object] | None = None) -> str:
        """A sentence about the youth in this request's voice (`matching.engine.stem`)."""
        return zeg(self.stem, jij, derde, values)

    # --- preparation --------------------------------------------------------------------

    def _prepare_needs(self) -> None:
        # Most important first; within one importance the analysis's own order is kept.
        needs = sorted(self.youth.needs, key=lambda need: -need.importance)
        self.needs = tuple(
            (
                need.code,
                need.importance,
                self._zeg(
                    _("%(aanbod)s. Dat vroeg je analyse (%(belang)s)."),
                    _("%(aanbod)s. Dat vroeg de analyse van %(naam)s (%(belang)s)."),
                    {
                        "aanbod": need_sentence(need.code),
                        "belang": importance_label(need.importance),
                    },
                ),
                self._zeg(
                    _(
                        "Deze woning biedt geen %(behoefte)s. Dat vroeg je analyse wel "
                        "(%(belang)s)."
                    ),
                    _(
                        "Deze woning biedt geen %(behoefte)s. Dat vroeg de analyse van %(naam)s "
                        "wel (%(belang)s)."
                    ),
                    {
                        "behoefte": need_label(need.code),
                        "belang": importance_label(need.importance),
                    },
                ),
            )
            for need in needs
        )
        self.total_importance = sum(need.importance for need in needs)

    def _prepare_signals(self) -> None:
        """Which residents' signals interact with the youth's own, as bits and as words."""
        attention = self.youth.attention

        # Influence groups the youth belongs to: (signal bits of the group, attention point).
        self.influence_partners: list[tuple[int, Reason]] = []
        impact_texts: dict[str, str] = {}
        for key, signals, label in config.INFLUENCE_GROUPS:
            if signals.isdisjoint(attention):
                continue
            self.influence_partners.append(
                (
                    sum(SIGNAL_BIT[signal] for signal in signals),
                    Reason(
                        f"beinvloeding_{key}",
                        self._zeg(
                            _(
                                "Bij jou en in de groep speelt %(signaal)s: jongeren kunnen "
                                "elkaar daarin negatief beïnvloeden. Bespreek hoe het team "
                                "daarmee omgaat."
                            ),
                            _(
                                "Bij %(naam)s en in de groep speelt %(signaal)s: jongeren kunnen "
                                "elkaar daarin negatief beïnvloeden. Bespreek hoe het team "
                                "daarmee omgaat."
                            ),
                            {"signaal": _(label)},
                        ),
                    )
                    if self.names
                    else self.group_signals_reason,
                )
            )
            for signal in signals:
                impact_texts[signal] = _(
                    "kans dat ze elkaar negatief beïnvloeden (%(signaal)s)"
                ) % {"signaal": _(label)}

        def partners(pairs: tuple[tuple[str, str], ...], text: str) -> int:
            bits = 0
            for own, partner in pairs:
                if own in attention:
                    bits |= SIGNAL_BIT[partner]
                    impact_texts[partner] = text
            return bits

        self.incompatible_partner_bits = partners(
            ((_SGG, _SMH), (_SMH, _SGG)), _(_IMPACT_INCOMPATIBLE)
        )
        self.partner_bits = self.incompatible_partner_bits
        for bits, _reason in self.influence_partners:
            self.partner_bits |= bits
        # (signal bit, text) in signal-code order, so the texts come out in a fixed order.
        self.impact_texts = tuple(
            (SIGNAL_BIT[signal], impact_texts[signal]) for signal in sorted(impact_texts)
        )
        self._prepare_safety()

    def _prepare_safety(self) -> None:
        """What the safety rules need of the youth, and the texts that do not vary."""
        age = self.age
        self.youth_sexual = bool(self.member.bits & _SEXUAL_BIT)
        self.youth_child = age < config.CHILD_AGE
        self.youth_band = band(age)
        # The rules of minors and adults that the youth's own age can be part of.
        self.youth_with_adult = (
            safety.BIT["kind_met_volwassene"]
            if age < config.CHILD_AGE
            else safety.BIT["minderjarige_met_volwassene"]
            if age < config.MINOR_WITH_ADULT_AGE
            else 0
        )
        self.youth_adult = age >= config.ADULT_AGE
        max_points = self.max_points["veiligheid"]
        self.safe_factor = Factor(
            "veiligheid",
            max_points,
            max_points,
            self._zeg(
                _("Geen veiligheidsrisico's in de groep met jou erbij."),
                _("Geen veiligheidsrisico's in de groep met %(naam)s erbij."),
            ),
        )
        self.high_risk_reason = Reason(
            "groepsrisico_hoog",
            self._zeg(
                _(
                    "Met jou erbij is het risico in deze groep hoog. Daarom krijgt deze woning "
                    "hoogstens %(punten)s punten, en kijkt een gedragswetenschapper eerst "
                    "kritisch mee (tegenspraak) voordat de woning wordt voorgesteld."
                ),
                _(
                    "Met %(naam)s erbij is het risico in deze groep hoog. Daarom krijgt deze "
                    "woning hoogstens %(punten)s punten, en kijkt een gedragswetenschapper eerst "
                    "kritisch mee (tegenspraak) voordat de woning wordt voorgesteld."
                ),
                {"punten": f"{config.HIGH_RISK_SCORE_CAP:.0f}"},
            ),
        )
        self._safety_cache: dict[
            tuple[int, int, int, int, int, int, bool], tuple[Factor, tuple[Reason, ...]]
        ] = {}

    def _prepare_fixed_results(self) -> None:
        max_points = self.max_points
        self.closed_reason = Reason(
            "gesloten_zonder_machtiging",
            _(
                "Dit is een gesloten woning. Daarvoor is een machtiging gesloten jeugdhulp van "
                "de kinderrechter nodig, en die is er niet. Met zo'n machtiging kan deze woning "
                "wel."
            )
            if self.stem.vorm is Aanspreekvorm.PROFESSIONEEL
            else _(
                "Dit is een gesloten woning. Daarvoor moet de kinderrechter toestemming geven, "
                "en die is er niet. Met die toestemming kan deze woning wel."
            ),
        )
        self.kwv_age_reason: Reason | None = None
        if not config.KWV_AGE_MIN <= self.age <= config.KWV_AGE_MAX:
            text = self._zeg(
                _(
                    "Je bent dan %(leeftijd)s jaar. Een woning zoals deze is voor jongeren van "
                    "%(min)s tot en met %(max)s jaar."
                ),
                _(
                    "%(naam)s is dan %(leeftijd)s jaar. Een woning zoals deze is voor jongeren "
                    "van %(min)s tot en met %(max)s jaar."
                ),
                {"leeftijd": self.age, "min": config.KWV_AGE_MIN, "max": config.KWV_AGE_MAX},
            )
            if self.age < config.KWV_AGE_MIN:
                turns = _birthday(self.youth.birth_date, config.KWV_AGE_MIN)
                text += " " + _("Vanaf %(datum)s kan het wel.") % {"datum": format_date(turns)}
            self.kwv_age_reason = Reason("leeftijd_kwv", text)
        self.incompatible_reason = (
            Reason(
                "onverenigbare_combinatie",
                self._zeg(
                    _(
                        "Met jou erbij zou in de groep een combinatie ontstaan die nooit samen "
                        "mag wonen: seksueel grensoverschrijdend gedrag en slachtofferschap van "
                        "mensenhandel. Dat is een harde grens. Dit verandert alleen als de groep "
                        "anders wordt samengesteld."
                    ),
                    _(
                        "Met %(naam)s erbij zou in de groep een combinatie ontstaan die nooit "
                        "samen mag wonen: seksueel grensoverschrijdend gedrag en slachtofferschap "
                        "van mensenhandel. Dat is een harde grens. Dit verandert alleen als de "
                        "groep anders wordt samengesteld."
                    ),
                ),
            )
            if self.names
            else Reason("groepssamenstelling", _(_COMPOSITION_BLOCK))
        )
        self.location_unknown_reason = Reason(
            "locatie_onbekend",
            _("De locatie van deze woning is niet bekend, dus de afstand ook niet."),
        )
        self.setting_factors = {
            setting: Factor(
                "omgeving",
                round(fraction * max_points["omgeving"], 1),
                max_points["omgeving"],
                _("De woning staat in een gewone woonwijk.")
                if setting == "woonwijk"
                else _(
                    "De woning staat op het terrein van een instelling. Een gewone woonwijk "
                    "past beter bij wonen zoals thuis."
                ),
            )
            for setting, fraction in config.SETTING_FRACTIONS.items()
        }
        self.family_skipped = Factor(
            "nabijheid",
            0.0,
            max_points["nabijheid"],
            self._zeg(
                _("Er is geen woonplaats van je familie bekend. Afstand telt daarom niet mee."),
                _(
                    "Er is geen woonplaats van de familie van %(naam)s bekend. Afstand telt "
                    "daarom niet mee."
                ),
            ),
        )
        self.school_skipped = Factor(
            "onderwijs",
            0.0,
            max_points["onderwijs"],
            _(
                "Er is geen school van herkomst en geen woonplaats bekend. Afstand tot school "
                "telt daarom niet mee."
            ),
        )
        self.family_unknown = Factor(
            "nabijheid",
            0.0,
            max_points["nabijheid"],
            self._zeg(
                _(
                    "De locatie van deze woning is niet bekend, dus de afstand tot je familie "
                    "ook niet."
                ),
                _(
                    "De locatie van deze woning is niet bekend, dus de afstand tot de familie van "
                    "%(naam)s ook niet."
                ),
            ),
        )
        self.school_unknown = Factor(
            "onderwijs",
            0.0,
            max_points["onderwijs"],
            _("De locatie van deze woning is niet bekend, dus de afstand tot school ook niet."),
        )

    # --- per home -----------------------------------------------------------------------

    def upper_bound(self, home: Home) -> float:
        """No score of this home can be higher: the factors that depend on the home alone
        (needs, distances, setting) as `evaluate` computes them, plus the maximum of the
        others. A little slack covers the rounding of the sum."""
        family, school = self._distances(home, [])
        max_points = self.max_points
        return (
            self._needs(home.offers).points
            + family.points
            + school.points
            + self.setting_factors[home.setting].points
            + max_points["veiligheid"]
            + max_points["groep"]
            + max_points["team"]
            + max_points["beschikbaarheid"]
            + 0.05
        )

    def evaluate(self, home: Home) -> HomeResult:
        on = self.on
        residents = home.residents

        # When could the youth move in: the first free place, once the home is open.
        first_free: date | None = None
        for vacancy in home.vacancies:
            if first_free is None or vacancy.available_from < first_free:
                first_free = vacancy.available_from
        opens_on = home.opens_on
        opening = opens_on is not None and opens_on > on
        start = opens_on if opens_on is not None and opening else on
        move_in = first_free if first_free is not None and first_free > start else start

        # Residents whose stay has ended by moving day are not part of the new group.
        staying = residents
        for resident in residents:
            if resident.planned_end is not None and resident.planned_end <= move_in:
                staying = tuple(
                    r for r in residents if r.planned_end is None or r.planned_end > move_in
                )
                break

        blocking: list[Reason] = []
        places = min(home.max_residents, config.KWV_MAX_GROUP)
        if first_free is None:
            blocking.append(self._no_place_reason(residents))
        elif len(staying) >= places:
            blocking.append(_group_full_reason(staying, places))
        if home.closed and not self.youth.machtiging_gesloten:
            blocking.append(self.closed_reason)
        if self.kwv_age_reason is not None or not home.age_min <= self.age <= home.age_max:
            blocking.append(self._age_reason(home))
        if self.zones:
            zone_reason = self._protective_zone_reason(home)
            if zone_reason is not None:
                blocking.append(zone_reason)
        # The home's own admission rules (matching.engine.policy): hard ones block here.
        policy = (
            assess_policies(self.youth, home.policies, self.stem) if home.policies else NO_POLICY
        )
        blocking.extend(policy.blocking)

        current = _current_state(residents) if residents else EMPTY_STATE
        before = current if staying is residents else fold(staying)
        # The rules the youth is part of (`found`), and of those the ones resting on a
        # resident's signal (`via_signal`), come out of the same fold step.
        if before.size:
            after, found, via_signal = join(before, self.member)
        else:
            after, found, via_signal = self.alone, 0, 0
        # Checked last and only for an otherwise possible home: the reason tells something
        # about the residents, so it is given only where it is the one thing in the way.
        if not blocking and before.signals & self.incompatible_partner_bits:
            blocking.append(self.incompatible_reason)

        before_ages = before.age_range(self.on_number)
        age = self.age
        after_ages = (
            (min(before_ages[0], age), max(before_ages[1], age))
            if before_ages is not None
            else (age, age)
        )
        group_risk = (
            risk_of_state(
                current,
                self.today_number,
                max_residents=home.max_residents,
                staff_on_shift=home.staff_on_shift,
                names_signals=self.names,
                language=self.language,
            )
            if residents
            else empty_group_risk(self.language)
        )
        group_risk_after, rules = risk_and_rules(
            after,
            self.on_number,
            max_residents=home.max_residents,
            staff_on_shift=home.staff_on_shift,
            names_signals=self.names,
            language=self.language,
        )
        if blocking:
            # Explained, not scored: a blocked home may not be proposed, so it gets no score
            # to compare, and no attention points or resident impacts that only matter for a
            # placement. The group pictures stay, they show why and what the group is like.
            return HomeResult(
                home=home,
                eligible=False,
                score=None,
                blocking=tuple(blocking),
                attention=(),
                factors=(),
                group_risk=group_risk,
                group_risk_after=group_risk_after,
                resident_impacts=(),
                audience=self.audience,
            )

        attention: list[Reason] = []
        if opening:
            attention.append(self._opening_reason(start))
        if first_free is not None and first_free > start:
            attention.append(self._late_place_reason(first_free))
        # Growing past the home's age limit within a year of moving in (YYYYMMDD arithmetic).
        moving_day = self.on_number if move_in == on else day_number(move_in)
        if self.birth_number + (home.age_max + 1 - config.AGE_OUT_WARNING_YEARS) * 10000 <= (
            moving_day
        ):
            attention.append(self._age_out_reason(home.age_max))
        high_risk = group_risk_after.level == "hoog"
        if high_risk:
            attention.append(self.high_risk_reason)
        safety_factor, safety_reasons = self._safety(
            before, after, rules, found, via_signal, before_ages, high_risk
        )
        attention.extend(safety_reasons)
        group_factor, group_reasons = self._group(home.staff_on_shift, before, after, after_ages)
        group_factor = with_group_preferences(group_factor, policy)
        attention.extend(group_reasons)
        attention.extend(policy.attention)
        family, school = self._distances(home, attention)
        team, team_reasons = self._team(home, after.size)
        attention.extend(team_reasons)
        fit: tuple[Factor, ...] = (
            self._needs(home.offers - policy.unmet_needs if policy.unmet_needs else home.offers),
            group_factor,
            family,
            school,
            team,
            self.setting_factors[home.setting],
            self._availability(move_in, opening),
        )
        if high_risk:
            # `hoog` cannot look excellent: the fit points are scaled down so that the score
            # stays within the cap, and lower still when safety points were lost.
            fit = _cap_fit(fit, config.HIGH_RISK_SCORE_CAP - self.max_points["veiligheid"])
        factors = (safety_factor, *fit)
        score = round(sum(factor.points for factor in factors), 1)
        return HomeResult(
            home=home,
            eligible=True,
            score=score,
            blocking=(),
            attention=tuple(attention),
            factors=factors,
            group_risk=group_risk,
            group_risk_after=group_risk_after,
            resident_impacts=(
                self._impacts(residents, staying) if residents and self.with_impacts else ()
            ),
            audience=self.audience,
        )

    # --- protective zones ---------------------------------------------------------------

    def _prepare_protective_zones(self) -> None:
        """A professional set places the youth must be kept away from (a legal or safety
        decision): a home inside one is not eligible, whatever else it offers.

        The explanations never say where a zone is or why: the youth's family reads them
        too, and the zone may protect the youth from someone in the family's own network.
        A home whose location is not known cannot be shown to lie outside, so it is not
        eligible either until its location is known.
        """
        self.zones = tuple(
            (DistanceFrom(zone.location), zone.radius_km) for zone in self.youth.protective_zones
        )
        self.zone_inside_reason = Reason(
            "beschermde_zone",
            _(
                "Deze woning ligt binnen een beschermde zone die voor deze jongere is ingesteld. "
                "Dit is een harde grens."
            ),
        )
        self.zone_unknown_reason = Reason(
            "beschermde_zone",
            _(
                "Voor deze jongere is een beschermde zone ingesteld, en de locatie van deze "
                "woning is niet bekend. Pas als bekend is dat de woning erbuiten ligt, kan het "
                "wel."
            ),
        )

    def _protective_zone_reason(self, home: Home) -> Reason | None:
        location = home.location
        if location is None:
            return self.zone_unknown_reason
        for origin, radius_km in self.zones:
            # On the edge counts as inside: the radius is the least distance asked for.
            if origin.km(location) <= radius_km:
                return self.zone_inside_reason
        return None

    # --- blocking reasons and dated attention points -------------------------------------

    def _no_place_reason(self, residents: tuple[Resident, ...]) -> Reason:
        ends = [r.planned_end for r in residents if r.planned_end and r.planned_end >= self.today]
        first_end = min(ends) if ends else None
        reason = self._no_place_cache.get(first_end)
        if reason is None:
            if first_end is not None:
                change = _("Vanaf %(datum)s komt er naar verwachting een plek vrij.") % {
                    "datum": format_date(first_end)
                }
            else:
                change = _("Zodra de woning een plek vrij meldt, kan het wel.")
            reason = self._no_place_cache[first_end] = Reason(
                "geen_plek", _("Er is nu geen plek vrij in deze woning.") + " " + change
            )
        return reason

    def _age_reason(self, home: Home) -> Reason:
        """Why the youth's age blocks this home (only called when it does)."""
        if self.kwv_age_reason is not None:
            return self.kwv_age_reason
        key = (home.age_min, home.age_max)
        reason = self._age_reason_cache.get(key)
        if reason is None:
            text = self._zeg(
                _(
                    "Deze woning is voor jongeren van %(min)s tot en met %(max)s jaar; jij bent "
                    "dan %(leeftijd)s."
                ),
                _(
                    "Deze woning is voor jongeren van %(min)s tot en met %(max)s jaar; %(naam)s "
                    "is dan %(leeftijd)s."
                ),
                {"min": home.age_min, "max": home.age_max, "leeftijd": self.age},
            )
            if self.age < home.age_min:
                turns = _birthday(self.youth.birth_date, home.age_min)
                text += " " + self._zeg(
                    _("Vanaf %(datum)s past je leeftijd wel."),
                    _("Vanaf %(datum)s past de leeftijd van %(naam)s wel."),
                    {"datum": format_date(turns)},
                )
            else:
                text += " " + _("Een woning voor oudere jongeren past beter.")
            reason = self._age_reason_cache[key] = Reason("leeftijd_woning", text)
        return reason

    def _age_out_reason(self, age_max: int) -> Reason:
        reason = self._age_out_cache.get(age_max)
        if reason is None:
            turns = _birthday(self.youth.birth_date, age_max + 1)
            reason = self._age_out_cache[age_max] = Reason(
                "leeftijdsgrens_woning",
                self._zeg(
                    _(
                        "Op %(datum)s word je %(leeftijd)s; deze woning is voor jongeren tot en "
                        "met %(max)s jaar. Bespreek vooraf of je daarna kunt blijven, zodat je "
                        "niet opnieuw hoeft te verhuizen."
                    ),
                    _(
                        "Op %(datum)s wordt %(naam)s %(leeftijd)s; deze woning is voor jongeren "
                        "tot en met %(max)s jaar. Bespreek vooraf of %(naam)s daarna kan "
                        "blijven, zodat er geen nieuwe verhuizing nodig is."
                    ),
                    {"datum": format_date(turns), "leeftijd": age_max + 1, "max": age_max},
                ),
            )
        return reason

    def _opening_reason(self, opens_on: date) -> Reason:
        return Reason(
            "opent_binnenkort",
            self._zeg(
                _(
                    "Deze woning is nieuw en gaat open op %(datum)s. Dat is na de datum dat je "
                    "een plek nodig hebt (%(nodig)s)."
                ),
                _(
                    "Deze woning is nieuw en gaat open op %(datum)s. Dat is na de datum dat "
                    "%(naam)s een plek nodig heeft (%(nodig)s)."
                ),
                {"datum": format_date(opens_on), "nodig": self.on_text},
            ),
        )

    def _late_place_reason(self, first_free: date) -> Reason:
        reason = self._late_place_cache.get(first_free)
        if reason is None:
            reason = self._late_place_cache[first_free] = Reason(
                "plek_later_vrij",
                self._zeg(
                    _(
                        "De plek is pas vrij vanaf %(datum)s. Dat is na de datum dat je een plek "
                        "nodig hebt (%(nodig)s)."
                    ),
                    _(
                        "De plek is pas vrij vanaf %(datum)s. Dat is na de datum dat %(naam)s "
                        "een plek nodig heeft (%(nodig)s)."
                    ),
                    {"datum": format_date(first_free), "nodig": self.on_text},
                ),
            )
        return reason

    # --- factors ------------------------------------------------------------------------

    def _needs(self, offers: frozenset[str]) -> Factor:
        mask = 0
        bit = 1
        for code, _importance, _met, _missing in self.needs:
            if code in offers:
                mask |= bit
            bit <<= 1
        factor = self._needs_cache.get(mask)
        if factor is None:
            factor = self._needs_cache[mask] = self._needs_factor(mask)
        return factor

    def _needs_factor(self, mask: int) -> Factor:
        max_points = self.max_points["behoeften"]
        if not self.needs:
            return Factor(
                "behoeften",
                round(config.NO_NEEDS_FRACTION * max_points, 1),
                max_points,
                self._zeg(
                    _(
                        "In je analyse staat nog niet wat je nodig hebt. Daarom weten we niet of "
                        "deze woning dat biedt. Geen woning krijgt hier dan alle punten. Vul in "
                        "de analyse aan wat je nodig hebt van de woning en het team."
                    ),
                    _(
                        "In de analyse van %(naam)s staat nog niet wat %(naam)s nodig heeft. "
                        "Daarom is niet bekend of deze woning dat biedt. Geen woning krijgt hier "
                        "dan alle punten. Vul in de analyse aan wat %(naam)s nodig heeft van de "
                        "woning en het team."
                    ),
                ),
            )
        met_texts: list[str] = []
        missing_texts: list[str] = []
        met_importance = 0
        for index, (_code, importance, met, missing) in enumerate(self.needs):
            if mask >> index & 1:
                met_texts.append(met)
                met_importance += importance
            else:
                missing_texts.append(missing)
        summary = self._zeg(
            ngettext(
                "Deze woning biedt %(met)s van de %(count)s dingen die je nodig hebt volgens je "
                "analyse.",
                "Deze woning biedt %(met)s van de %(count)s dingen die je nodig hebt volgens je "
                "analyse.",
                len(self.needs),
            ),
            ngettext(
                "Deze woning biedt %(met)s van de %(count)s dingen die %(naam)s nodig heeft "
                "volgens de analyse.",
                "Deze woning biedt %(met)s van de %(count)s dingen die %(naam)s nodig heeft "
                "volgens de analyse.",
                len(self.needs),
            ),
            {"met": len(met_texts), "count": len(self.needs)},
        )
        return Factor(
            "behoeften",
            round(met_importance / self.total_importance * max_points, 1),
            max_points,
            " ".join((summary, *met_texts, *missing_texts)),
        )

    def _distances(self, home: Home, attention: list[Reason]) -> tuple[Factor, Factor]:
        location = home.location
        if location is None:
            if self.family is None and self.school is None:
                return self.family_skipped, self.school_skipped
            attention.append(self.location_unknown_reason)
            family = self.family_skipped if self.family is None else self.family_unknown
            return family, self.school_unknown

        family_km = 0
        if self.family is None:
            family = self.family_skipped
        else:
            family_km = int(self.family.km(location) + 0.5)
            nearby = self._family_cache.get(family_km)
            if nearby is None:
                nearby = self._family_cache[family_km] = self._family_factor(family_km)
            family = nearby

        if self.school is not None:
            school_km = int(self.school.km(location) + 0.5)
        elif self.family is not None:
            school_km = family_km
        else:
            return family, self.school_skipped
        cached = self._school_cache.get(school_km)
        if cached is None:
            cached = self._school_cache[school_km] = self._school_factor(school_km)
        school, reason = cached
        if reason is not None:
            attention.append(reason)
        return family, school

    def _family_factor(self, km: int) -> Factor:
        max_points = self.max_points["nabijheid"]
        return Factor(
            "nabijheid",
            round(_linear(km, config.FAMILY_FULL_KM, config.FAMILY_ZERO_KM) * max_points, 1),
            max_points,
            self._zeg(
                _("Afstand tot de woonplaats van je familie: %(afstand)s."),
                _("Afstand tot de woonplaats van de familie van %(naam)s: %(afstand)s."),
                {"afstand": _km_text(km)},
            ),
        )

    def _school_factor(self, km: int) -> tuple[Factor, Reason | None]:
        max_points = self.max_points["onderwijs"]
        points = round(_linear(km, config.SCHOOL_FULL_KM, config.SCHOOL_ZERO_KM) * max_points, 1)
        if self.school is None:
            text = self._zeg(
                _(
                    "Er is geen school van herkomst bekend. Daarom kijken we naar de afstand tot "
                    "je familie: %(afstand)s."
                ),
                _(
                    "Er is geen school van herkomst bekend. Daarom kijken we naar de afstand tot "
                    "de familie van %(naam)s: %(afstand)s."
                ),
                {"afstand": _km_text(km)},
            )
            return Factor("onderwijs", points, max_points, text), None
        text = self._zeg(
            _("Afstand tot je school van herkomst: %(afstand)s."),
            _("Afstand tot de school van herkomst van %(naam)s: %(afstand)s."),
            {"afstand": _km_text(km)},
        )
        reason = None
        if km <= config.SCHOOL_FULL_KM:
            text += " " + self._zeg(
                _("Je kunt waarschijnlijk op je eigen school blijven."),
                _("%(naam)s kan waarschijnlijk op de eigen school blijven."),
            )
        elif km >= config.SCHOOL_ATTENTION_KM:
            text += " " + self._zeg(
                _("Op je eigen school blijven wordt lastig."),
                _("Op de eigen school blijven wordt lastig voor %(naam)s."),
            )
            reason = Reason(
                "school_ver",
                self._zeg(
                    _(
                        "Je school van herkomst is %(km)s km hier vandaan. Op je eigen school "
                        "blijven wordt lastig; zoek samen naar passend onderwijs in de buurt."
                    ),
                    _(
                        "De school van herkomst van %(naam)s is %(km)s km hier vandaan. Op de "
                        "eigen school blijven wordt lastig; zoek samen naar passend onderwijs "
                        "in de buurt."
                    ),
                    {"km": km},
                ),
            )
        return Factor("onderwijs", points, max_points, text), reason

    def _team(self, home: Home, group_size: int) -> tuple[Factor, tuple[Reason, ...]]:
        key = (
            int(home.team_turnover_12m * 100 + 0.5),
            home.team_size,
            home.staff_on_shift,
            group_size,
        )
        cached = self._team_cache.get(key)
        if cached is None:
            cached = self._team_cache[key] = self._team_factor(*key)
        return cached

    def _team_factor(
        self, percent: int, team_size: int, staff_on_shift: int, group_size: int
    ) -> tuple[Factor, tuple[Reason, ...]]:
        stability, turnover_text, turnover_reason = _team_stability(
            percent, self.language, self.stem.vorm is Aanspreekvorm.PROFESSIONEEL
        )
        size_fit, size_text = _team_size(team_size, self.language)
        ratio_ok, ratio_text, ratio_reason = _team_ratio(staff_on_shift, group_size, self.voice)
        fraction = (
            config.TEAM_SHARE_STABILITY * stability
            + config.TEAM_SHARE_SIZE * size_fit
            + config.TEAM_SHARE_RATIO * (1.0 if ratio_ok else 0.0)
        )
        max_points = self.max_points["team"]
        factor = Factor(
            "team",
            round(fraction * max_points, 1),
            max_points,
            f"{turnover_text} {size_text} {ratio_text}",
        )
        reasons = tuple(reason for reason in (turnover_reason, ratio_reason) if reason)
        return factor, reasons

    def _availability(self, move_in: date, opening: bool) -> Factor:
        key = (move_in, opening)
        factor = self._availability_cache.get(key)
        if factor is None:
            max_points = self.max_points["beschikbaarheid"]
            late = (move_in - self.on).days
            if late <= 0:
                text = self._zeg(
                    _("Er is een plek vrij op de datum dat je die nodig hebt (%(nodig)s)."),
                    _("Er is een plek vrij op de datum dat %(naam)s die nodig heeft (%(nodig)s)."),
                    {"nodig": self.on_text},
                )
            elif opening:
                # Dutch says "dagen" for one day as well; both forms are the same here.
                text = self._zeg(
                    ngettext(
                        "De woning gaat pas open. Er is een plek vanaf %(datum)s: %(count)s "
                        "dagen na de datum dat je een plek nodig hebt.",
                        "De woning gaat pas open. Er is een plek vanaf %(datum)s: %(count)s "
                        "dagen na de datum dat je een plek nodig hebt.",
                        late,
                    ),
                    ngettext(
                        "De woning gaat pas open. Er is een plek vanaf %(datum)s: %(count)s "
                        "dagen na de datum dat %(naam)s een plek nodig heeft.",
                        "De woning gaat pas open. Er is een plek vanaf %(datum)s: %(count)s "
                        "dagen na de datum dat %(naam)s een plek nodig heeft.",
                        late,
                    ),
                    {"datum": format_date(move_in), "count": late},
                )
            else:
                text = self._zeg(
                    ngettext(
                        "De eerste plek is vrij vanaf %(datum)s. Dat is %(count)s dagen na de "
                        "datum dat je een plek nodig hebt.",
                        "De eerste plek is vrij vanaf %(datum)s. Dat is %(count)s dagen na de "
                        "datum dat je een plek nodig hebt.",
                        late,
                    ),
                    ngettext(
                        "De eerste plek is vrij vanaf %(datum)s. Dat is %(count)s dagen na de "
                        "datum dat %(naam)s een plek nodig heeft.",
                        "De eerste plek is vrij vanaf %(datum)s. Dat is %(count)s dagen na de "
                        "datum dat %(naam)s een plek nodig heeft.",
                        late,
                    ),
                    {"datum": format_date(move_in), "count": late},
                )
            fraction = max(0.0, 1.0 - late / config.LATE_ZERO_DAYS)
            factor = Factor("beschikbaarheid", round(fraction * max_points, 1), max_points, text)
            self._availability_cache[key] = factor
        return factor

    # --- group --------------------------------------------------------------------------

    def _group(
        self,
        staff_on_shift: int,
        before: GroupState,
        after: GroupState,
        ages: tuple[int, int],
    ) -> tuple[Factor, tuple[Reason, ...]]:
        """The group factor (fit) for the whole group after the youth joins, and the
        attention points that the youth's own arrival raises: the same for every group that
        agrees in what `_group_factor` reads, so built once per request for each."""
        size = after.size
        key = (
            size,
            int(size > staff_on_shift * config.YOUTHS_PER_STAFF),
            after.profiles,
            before.profile_count(self.youth.care_profile),
            after.influence,
            before.signals,
            after.high_intensity,
            int(after.incompatible),
            *ages,
        )
        cached = self._group_cache.get(key)
        if cached is None:
            cached = self._group_cache[key] = self._group_factor(
                staff_on_shift, before, after, ages
            )
        return cached

    def _group_factor(
        self,
        staff_on_shift: int,
        before: GroupState,
        after: GroupState,
        ages: tuple[int, int],
    ) -> tuple[Factor, tuple[Reason, ...]]:
        size = after.size
        penalty = config.GROUP_SIZE_PENALTY.get(size, 0.0)
        reasons: list[Reason] = []

        if size == 1:
            size_text = self._zeg(
                _("Je zou de enige jongere in de woning zijn; de groep wordt nog gevormd."),
                _("%(naam)s zou de enige jongere in de woning zijn; de groep wordt nog gevormd."),
            )
        elif size <= config.PREFERRED_GROUP_SIZE:
            size_text = self._zeg(
                _("Met jou erbij wonen er %(jongeren)s: een kleine groep."),
                _("Met %(naam)s erbij wonen er %(jongeren)s: een kleine groep."),
                {"jongeren": youths_text(size)},
            )
        else:
            size_text = self._zeg(
                _(
                    "Met jou erbij wonen er %(count)s jongeren: groter dan de voorkeur van "
                    "%(voorkeur)s of minder."
                ),
                _(
                    "Met %(naam)s erbij wonen er %(count)s jongeren: groter dan de voorkeur van "
                    "%(voorkeur)s of minder."
                ),
                {"count": size, "voorkeur": config.PREFERRED_GROUP_SIZE},
            )
            reasons.append(self._group_size_reason(size))
        texts = [size_text]

        # Look-alike care profiles copy and amplify each other, externalising ones the most.
        mix = profile_mix(after.profiles)
        penalty += mix.lookalike_penalty
        same = before.profile_count(self.youth.care_profile)
        if same:
            texts.append(
                ngettext(
                    "Eén andere jongere heeft hetzelfde zorgprofiel; jongeren met dezelfde "
                    "zorgvraag nemen soms elkaars gedrag over.",
                    "%(count)s andere jongeren hebben hetzelfde zorgprofiel; jongeren met "
                    "dezelfde zorgvraag nemen soms elkaars gedrag over.",
                    same,
                )
                % {"count": same}
            )
            reasons.append(self._same_profile_reason(same))
        elif size > 1:
            texts.append(
                self._zeg(
                    _("Niemand anders heeft jouw zorgprofiel: een gemengde groep."),
                    _("Niemand anders heeft het zorgprofiel van %(naam)s: een gemengde groep."),
                )
            )
        if mix.externalising >= config.EXTERNALISING_CONCERN:
            texts.append(
                _("Meerdere jongeren met naar buiten gericht gedrag kunnen elkaar opjutten.")
            )

        if size > 1:
            # Developmental bands: neighbouring bands are ordinary, more costs fit points.
            # (A member two bands away from everyone else is a safety rule, see `_safety`.)
            span = band(ages[1]) - band(ages[0])
            penalty += config.BAND_SPAN_PENALTY.get(span, 0.0)
            if span >= 2:
                texts.append(
                    _(
                        "Leeftijden: van %(jongste)s tot %(oudste)s jaar, verspreid over "
                        "%(fasen)s leeftijdsfasen."
                    )
                    % {"jongste": ages[0], "oudste": ages[1], "fasen": span + 1}
                )
            else:
                texts.append(
                    _("Leeftijden: van %(jongste)s tot %(oudste)s jaar.")
                    % {"jongste": ages[0], "oudste": ages[1]}
                )

        # Pairs that pull each other down: every pair in the group costs points; the attention
        # points name only the pairs this youth would be part of.
        labels = influence_labels(after.influence, self.language)
        if labels:
            penalty += config.INFLUENCE_PAIR_PENALTY * len(labels)
            texts.append(
                _("Kans op negatieve beïnvloeding: %(signalen)s.") % {"signalen": ", ".join(labels)}
                if self.names
                else self.group_signals_factor
            )
            partners = before.signals
            for bits, reason in self.influence_partners:
                if partners & bits and reason not in reasons:
                    reasons.append(reason)
        if size > staff_on_shift * config.YOUTHS_PER_STAFF:
            penalty += config.RATIO_GROUP_PENALTY
            texts.append(_("Te weinig begeleiding voor deze groep."))
        if after.high_intensity >= config.HIGH_INTENSITY_CONCERN:
            penalty += config.HIGH_INTENSITY_PENALTY
            texts.append(_("Veel jongeren met een hoge zorgintensiteit."))

        max_points = self.max_points["groep"]
        if after.incompatible:
            if self.names:
                texts.append(_("In de groep zou een combinatie zitten die nooit samen mag wonen."))
            elif self.group_signals_factor not in texts:
                texts.append(self.group_signals_factor)
            points = 0.0
        else:
            points = round(max(0.0, 1.0 - penalty) * max_points, 1)
        return Factor("groep", points, max_points, " ".join(texts)), tuple(reasons)

    # --- safety -------------------------------------------------------------------------

    def _youth_day_rules(self, before: GroupState, ages_before: tuple[int, int]) -> tuple[int, int]:
        """The safety rules on ages on moving day that the youth would be part of: (rules,
        those of them resting on a resident's signal)."""
        found = via_signal = 0
        youngest, oldest = ages_before
        if self.youth_sexual and youngest < config.CHILD_AGE:
            found |= safety.BIT["seksueel_kind"]
        if self.youth_child and before.signals & _SEXUAL_BIT:
            found |= safety.BIT["seksueel_kind"]
            via_signal |= safety.BIT["seksueel_kind"]
        if self.youth_with_adult and oldest >= config.ADULT_AGE:
            found |= self.youth_with_adult
        if self.youth_adult and youngest < config.MINOR_WITH_ADULT_AGE:
            found |= (
                safety.BIT["kind_met_volwassene"]
                if youngest < config.CHILD_AGE
                else safety.BIT["minderjarige_met_volwassene"]
            )
        # Two bands or more from every resident (bands run 0-3, so the residents cannot be
        # on both sides of the youth at that distance).
        own = self.youth_band
        if band(youngest) >= own + 2 or band(oldest) <= own - 2:
            found |= safety.BIT["leeftijdsfase"]
        return found, via_signal

    def _safety(
        self,
        before: GroupState,
        after: GroupState,
        rules: int,
        found: int,
        via_signal: int,
        ages_before: _AgeRange,
        high_risk: bool,
    ) -> tuple[Factor, tuple[Reason, ...]]:
        """The `veiligheid` factor for the group after the youth joins (`rules`: the safety
        rules that fire in it), and the attention points of the rules the youth would be
        part of.

        Every rule in the group costs points (the youth would live with it); an attention
        point is raised for a rule with the youth in it. For a reader who may not know the
        residents' signals, a rule that rests on one is the group-level sentence instead.
        """
        if not rules and not high_risk:
            # Every rule the youth is part of fires in the group after: none here.
            return self.safe_factor, ()
        only = 0
        if ages_before is not None:
            day_found, day_via = self._youth_day_rules(before, ages_before)
            found = (found & safety.ALL_RULES) | day_found
            via_signal = (via_signal & safety.ALL_RULES) | day_via
            # The only girl or boy because the youth arrives (the youth, or a resident).
            only = only_genders(after) & ~only_genders(before)
            if only:
                found |= safety.BIT["enige_van_geslacht"]
        else:
            found = via_signal = 0
        if self.names:
            via_signal = 0
        counted = rules & safety.BIT["enige_van_geslacht"]
        key = (
            rules,
            found,
            via_signal,
            only,
            only_genders(after) if counted else 0,
            after.size if counted else 0,
            high_risk,
        )
        cached = self._safety_cache.get(key)
        if cached is None:
            cached = self._safety_cache[key] = self._safety_results(
                rules, found, via_signal, only, only_genders(after), after.size, high_risk
            )
        return cached

    def _safety_results(
        self,
        rules: int,
        found: int,
        via_signal: int,
        only: int,
        only_after: int,
        size: int,
        high_risk: bool,
    ) -> tuple[Factor, tuple[Reason, ...]]:
        nameable = found & ~via_signal
        sentences: list[str] = []
        neutral = False
        for variant in safety.worst_per_code(rules):
            if variant.name == "enige_van_geslacht":
                sentences.extend(
                    safety.only_gender_texts(gender, size - 1, self.voice)[3]
                    for gender in only_gender_codes(only_after)
                )
            elif self.names or not variant.signal_based:
                sentences.append(variant.factor_text(self.language))
            else:
                code_bits = safety.CODE_BITS[variant.code]
                if nameable & code_bits:
                    sentences.append(
                        safety.worst_per_code(nameable & code_bits)[0].factor_text(self.language)
                    )
                if rules & code_bits & ~nameable:
                    neutral = True
        if neutral:
            sentences.append(self.group_signals_factor)
        text = " ".join(sentences) if sentences else self.safe_factor.explanation
        if high_risk:
            text += " " + self._zeg(
                _(
                    "Met jou erbij is het risico in de groep hoog. Daarom krijgt deze woning "
                    "hoogstens %(punten)s punten, ook als ze verder goed past."
                ),
                _(
                    "Met %(naam)s erbij is het risico in de groep hoog. Daarom krijgt deze "
                    "woning hoogstens %(punten)s punten, ook als ze verder goed past."
                ),
                {"punten": f"{config.HIGH_RISK_SCORE_CAP:.0f}"},
            )
        max_points = self.max_points["veiligheid"]
        points = round(max(0.0, 1.0 - safety.penalty(rules)) * max_points, 1)
        factor = Factor("veiligheid", points, max_points, text)

        reasons: list[Reason] = []
        for variant in safety.worst_per_code(found):
            if variant.name == "enige_van_geslacht":
                for gender in only_gender_codes(only):
                    texts = safety.only_gender_texts(gender, size - 1, self.voice)
                    alone = gender == self.youth.gender
                    reasons.append(Reason(variant.code, texts[1] if alone else texts[2]))
            elif self.names or not variant.signal_based:
                reasons.append(Reason(variant.code, variant.youth_text(self.voice)))
            else:
                code_bits = safety.CODE_BITS[variant.code]
                if nameable & code_bits:
                    own = safety.worst_per_code(nameable & code_bits)[0]
                    reasons.append(Reason(own.code, own.youth_text(self.voice)))
                if found & code_bits & ~nameable and self.group_signals_reason not in reasons:
                    reasons.append(self.group_signals_reason)
        return factor, tuple(reasons)

    def _group_size_reason(self, size: int) -> Reason:
        reason = self._group_size_cache.get(size)
        if reason is None:
            reason = self._group_size_cache[size] = Reason(
                "groepsgrootte",
                self._zeg(
                    _(
                        "Met jou erbij wonen er %(count)s jongeren. Dat mag, maar een groep van "
                        "%(voorkeur)s of minder werkt beter."
                    ),
                    _(
                        "Met %(naam)s erbij wonen er %(count)s jongeren. Dat mag, maar een groep "
                        "van %(voorkeur)s of minder werkt beter."
                    ),
                    {"count": size, "voorkeur": config.PREFERRED_GROUP_SIZE},
                ),
            )
        return reason

    def _same_profile_reason(self, same: int) -> Reason:
        reason = self._same_profile_cache.get(same)
        if reason is None:
            reason = self._same_profile_cache[same] = Reason(
                "zelfde_zorgprofiel",
                self._zeg(
                    ngettext(
                        "Eén andere jongere heeft hetzelfde zorgprofiel als jij (%(profiel)s). "
                        "Jongeren met dezelfde zorgvraag kunnen elkaars gedrag overnemen en "
                        "versterken.",
                        "%(count)s andere jongeren hebben hetzelfde zorgprofiel als jij "
                        "(%(profiel)s). Jongeren met dezelfde zorgvraag kunnen elkaars gedrag "
                        "overnemen en versterken.",
                        same,
                    ),
                    ngettext(
                        "Eén andere jongere heeft hetzelfde zorgprofiel als %(naam)s "
                        "(%(profiel)s). Jongeren met dezelfde zorgvraag kunnen elkaars gedrag "
                        "overnemen en versterken.",
                        "%(count)s andere jongeren hebben hetzelfde zorgprofiel als %(naam)s "
                        "(%(profiel)s). Jongeren met dezelfde zorgvraag kunnen elkaars gedrag "
                        "overnemen en versterken.",
                        same,
                    ),
                    {"count": same, "profiel": care_profile_label(self.youth.care_profile)},
                ),
            )
        return reason

    def _impacts(
        self, residents: tuple[Resident, ...], staying: tuple[Resident, ...]
    ) -> tuple[ResidentImpact, ...]:
        """What this admission means for each current resident, for the home's manager."""
        on = self.on_number
        age = self.age
        profile = self.youth.care_profile
        partner_bits = self.partner_bits
        cache = self._impact_cache
        impacts: list[ResidentImpact] = []
        for resident in residents:
            if staying is not residents and resident not in staying:
                impacts.append(ResidentImpact(resident.ref, self.leaves_first))
                continue
            gap = abs((on - day_number(resident.birth_date)) // 10000 - age)
            key = (
                resident.ref,
                gap if gap >= config.RESIDENT_AGE_GAP else 0,
                resident.care_profile == profile,
                encode_attention(resident.attention)[0] & partner_bits if resident.attention else 0,
                self._pair_rules(resident),
            )
            impact = cache.get(key)
            if impact is None:
                impact = cache[key] = self._impact(*key)
            impacts.append(impact)
        return tuple(impacts)

    def _pair_rules(self, resident: Resident) -> int:
        """The safety rules between the youth and this one resident."""
        alone = join(EMPTY_STATE, encode_member(resident))[0]
        found = join(alone, self.member)[1]
        ages = alone.age_range(self.on_number)
        if ages is not None:
            found |= self._youth_day_rules(alone, ages)[0]
        return found & _PAIR_SAFETY_RULES

    def _impact(
        self, ref: str, gap: int, same_profile: bool, partners: int, rules: int
    ) -> ResidentImpact:
        texts: list[str] = []
        if gap:
            texts.append(_("grotere leeftijdsafstand (%(jaren)s jaar)") % {"jaren": gap})
        if same_profile:
            texts.append(self.impact_lookalike)
        for bit, text in self.impact_texts:
            if partners & bit and text not in texts:
                texts.append(text)
        texts.extend(_(_IMPACT_SAFETY[variant.code]) for variant in safety.worst_per_code(rules))
        return ResidentImpact(ref, tuple(texts) if texts else self.no_impact)


# The three parts of the team factor depend on one or two small numbers each and not on the
# youth, so they are shared by every request (a few hundred entries at most per language:
# the last argument is the language the sentences are written in, `_Context.language`).


@cache
def _team_stability(
    percent: int, _language: str, professional: bool = True
) -> tuple[float, str, Reason | None]:
    """Stability from the share of the team that left in the past 12 months. Professionals
    read the percentage; the youth and parents read what it means, in plain words."""
    turnover = percent / 100
    values = {"percent": percent}
    if not professional:
        return _team_stability_plain(percent, turnover)
    if turnover <= config.TURNOVER_STABLE:
        text = _("%(percent)s%% van het team is het afgelopen jaar vertrokken: een stabiel team.")
        return 1.0, text % values, None
    stability = max(
        0.0, (config.TURNOVER_ZERO - turnover) / (config.TURNOVER_ZERO - config.TURNOVER_STABLE)
    )
    if turnover < config.TURNOVER_ATTENTION:
        text = _("%(percent)s%% van het team is het afgelopen jaar vertrokken.")
        return stability, text % values, None
    reason = Reason(
        "teamverloop",
        _(
            "%(percent)s%% van het team is het afgelopen jaar vertrokken. Veel wisselingen maken "
            "het moeilijker om vertrouwen op te bouwen."
        )
        % values,
    )
    text = _("%(percent)s%% van het team is het afgelopen jaar vertrokken: veel wisselingen.")
    return stability, text % values, reason


def _team_stability_plain(percent: int, turnover: float) -> tuple[float, str, Reason | None]:
    stability, _text, reason = _team_stability(percent, language(), True)
    if turnover <= config.TURNOVER_STABLE:
        return stability, _("Bijna iedereen in het team werkt er al lang: een vast team."), None
    if turnover < config.TURNOVER_ATTENTION:
        return stability, _("Een paar mensen uit het team zijn het afgelopen jaar weggegaan."), None
    text = _("Veel mensen uit het team zijn het afgelopen jaar weggegaan.")
    plain = (
        Reason(
            reason.code,
            _(
                "Veel mensen uit het team zijn het afgelopen jaar weggegaan. Dan is het moeilijker "
                "om mensen te leren vertrouwen."
            ),
        )
        if reason is not None
        else None
    )
    return stability, text, plain


@cache
def _team_size(team_size: int, _language: str) -> tuple[float, str]:
    """A fixed, small team: too few cannot cover every shift, too many are many faces."""
    values = {"count": team_size}
    # Dutch says "mensen" for one person as well; both forms are the same there.
    if team_size < config.TEAM_SIZE_MIN:
        return (
            config.TEAM_SIZE_SMALL_FRACTION,
            ngettext(
                "Klein team van %(count)s mensen: bij ziekte of verlof wordt het krap.",
                "Klein team van %(count)s mensen: bij ziekte of verlof wordt het krap.",
                team_size,
            )
            % values,
        )
    if team_size > config.TEAM_SIZE_MAX:
        return (
            config.TEAM_SIZE_LARGE_FRACTION,
            _("Team van %(count)s mensen: veel verschillende gezichten.") % values,
        )
    return 1.0, _("Vast team van %(count)s mensen.") % values


@cache
def _team_ratio(
    staff_on_shift: int, group_size: int, voice: tuple[str, Stem]
) -> tuple[bool, str, Reason | None]:
    """Whether the staff on shift meet the ratio for the group with the youth in it.
    `voice` is the active language and the reader's voice (`_Context.voice`)."""
    stem = voice[1]
    values = {"begeleiding": staff_text(staff_on_shift, group_size), "per": config.YOUTHS_PER_STAFF}
    if group_size <= staff_on_shift * config.YOUTHS_PER_STAFF:
        text = zeg(
            stem,
            _("%(begeleiding)s (met jou erbij): genoeg."),
            _("%(begeleiding)s (met %(naam)s erbij): genoeg."),
            values,
        )
        return True, text, None
    reason = Reason(
        "personeelsbezetting",
        zeg(
            stem,
            _("%(begeleiding)s (met jou erbij): minder dan 1 begeleider op %(per)s jongeren."),
            _("%(begeleiding)s (met %(naam)s erbij): minder dan 1 begeleider op %(per)s jongeren."),
            values,
        ),
    )
    text = zeg(
        stem,
        _("%(begeleiding)s (met jou erbij): minder dan 1 op %(per)s."),
        _("%(begeleiding)s (met %(naam)s erbij): minder dan 1 op %(per)s."),
        values,
    )
    return False, text, reason


def _group_full_reason(staying: tuple[Resident, ...], places: int) -> Reason:
    text = _("De groep is vol: %(jongeren)s op %(plekken)s.") % {
        "jongeren": youths_text(len(staying)),
        "plekken": places_text(places),
    }
    # A place frees up once enough residents have left to make room for one more.
    ends = sorted(r.planned_end for r in staying if r.planned_end is not None)
    needed = len(staying) + 1 - places
    if len(ends) >= needed:
        text += " " + _("Vanaf %(datum)s komt er een plek vrij.") % {
            "datum": format_date(ends[needed - 1])
        }
    else:
        text += " " + _("Zodra er een bewoner vertrekt, kan het wel.")
    return Reason("groep_vol", text)
