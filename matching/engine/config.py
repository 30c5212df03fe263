"""Every weight and threshold of the matching engine, in one place.

The scoring model
=================

Hard limits first. A home is *not eligible* only for the reasons DOMAIN.md names: no free place
(or the group would grow past the home's maximum or past 6), a closed home without a
*machtiging gesloten jeugdhulp*, the youth's age outside 8-23 or outside the home's age range,
and the one absolute incompatibility in a group (sexually transgressive behaviour next to a
victim of human trafficking). Each blocking reason says what would change it. Everything else
costs points and/or raises an attention point; nothing is excluded silently, because thinking in
exclusion criteria is what leaves the most complex youths without a place.

The score (0-100) is the sum of eight factors. Each factor computes a *fraction* between 0 and
1 (how well this home does on it) and earns `fraction * max_points` points. Seven of them
measure *fit*; the eighth, ``veiligheid``, measures *safety* and is kept apart on purpose:

====================  =========================================================  ==========
factor                what the fraction measures                                 priority
====================  =========================================================  ==========
``veiligheid``        the group *after* the youth joins: 1 minus the penalties   (fixed)
                      of the safety rules that fire (``SAFETY_RULES``, below)
``behoeften``         share of the youth's needs the home offers, weighted by    behoeften
                      importance (1-3); ``NO_NEEDS_FRACTION`` when the analysis
                      lists no needs (unknown is not perfect)
``groep``             the whole group *after* the youth joins: 1 minus the       groep
                      penalties below (size, look-alike care profiles, ages
                      across developmental bands, pairs that influence each
                      other, ratio, load)
``nabijheid``         distance home - family: full up to ``FAMILY_FULL_KM``,     nabijheid
                      zero from ``FAMILY_ZERO_KM``, linear in between
``onderwijs``         distance home - school of origin (family location when     onderwijs
                      no school is known), same shape with the school limits
``team``              stability (turnover), team size, staff ratio 1:4           team
``omgeving``          ``SETTING_FRACTIONS``: woonwijk 1.0, instellingsterrein    (neutral)
                      0.4
``beschikbaarheid``   1.0 when a place is free by the needed date, falling to 0  (neutral)
                      at ``LATE_ZERO_DAYS`` days late
====================  =========================================================  ==========

``veiligheid`` always has ``SAFETY_POINTS`` (20) of the 100: no priority of the family changes
it, because the family's priorities weigh *fit* and may never weigh away the safety of the
newcomer or of the residents. The seven fit factors share the other 80: ``max_points`` per fit
factor = ``BASE_WEIGHTS[factor] * PRIORITY_MULTIPLIERS[priority]``, normalised so the fit maxima
add up to exactly 80.0 (largest-remainder rounding to one decimal). The family's priorities
(0-3, default 2 = neutral) therefore shift weight between fit factors without changing the
scale. Priority 0 still keeps a quarter of the base weight: the family may say "distance hardly
matters to us", but a professional judgement such as group fit never drops out of the picture
entirely. Fit factors the family does not weigh (``omgeving``, ``beschikbaarheid``) use the
neutral multiplier.

A *severe* safety rule costs at least ``0.8 * SAFETY_POINTS`` = 16 points, whatever the
priorities: between two homes that differ only by a severe safety concern, the safe home leads
by more than 15 points.

**``hoog`` cannot look excellent.** When the group would be ``hoog`` with the youth in it (for
any reason, safety or fit), the fit points are scaled down (in proportion, largest remainder)
so that they add up to at most ``HIGH_RISK_SCORE_CAP - SAFETY_POINTS``: the score is then at
most ``HIGH_RISK_SCORE_CAP`` (60), lower still when safety points were lost. The ``veiligheid``
factor says so, and the attention point ``groepsrisico_hoog`` makes the proposal workflow ask
for the behavioural scientist's counter-check (it asks whenever attention points exist).

When a distance cannot be measured because the *youth* has no location, that factor's weight is
left out before normalising (max_points 0, explained), so the other fit factors share the 80.
When the *home* has no location the factor keeps its weight and earns 0 points, with an
attention point: an unknown distance must not look like a short one.

Points per factor are rounded to one decimal and the score is the rounded sum of those rounded
points, so the factors shown always add up to the score exactly. A blocked home is explained,
not scored: it gets no score, no factors and no attention points, only its blocking reasons.

A competence of the team counts as what the home offers (next to the home's own features) only
when enough current team members have it to be there on every shift:
``competence_holders_needed`` = max(``COMPETENCE_MIN_HOLDERS``, ``COMPETENCE_HOLDERS_PER_STAFF``
x staff on shift). One person cannot work every 24-hour shift, and leave or illness must not
leave the group without it. (Applied by the ORM adapter; a scenario file lists the offers.)

Safety rules
============

Each rule fires between two *different* members of the group (the newcomer or a resident, in
either direction) and has its own attention code. Per code the worst variant counts once.

==============================  =================================================  ==========
code                            when                                               level
==============================  =================================================  ==========
``risico_uitbuiting``           ``criminaliteit`` next to a trafficking victim or   severe
                                an ``lvb`` youth; penalty 1.0 when either of the
                                two also runs away (``weglopen``)
``samen_weglopen``              two youths who run away; severe when one of them   concern /
                                is a trafficking victim                            severe
``seksuele_veiligheid``         ``seksueel_grensoverschrijdend`` next to a child   severe /
                                under ``CHILD_AGE`` (severe), next to a youth       concern
                                ``SEXUAL_SAFETY_AGE_GAP``+ years younger or an
                                ``lvb`` youth (concern). Next to a trafficking
                                victim it is the absolute incompatibility (above)
``victimisatie``                ``agressie`` next to a youth at least               concern
                                ``VICTIMISATION_AGE_GAP`` year younger with an
                                internalising or trauma care profile
``minderjarige_met_volwassene``  under ``MINOR_WITH_ADULT_AGE`` with someone of    note /
                                ``ADULT_AGE``+ needs a reason (note); under         concern
                                ``CHILD_AGE`` with an adult is a concern
``enige_van_geslacht``          the only girl, or the only boy, among              concern
                                ``ONLY_GENDER_OTHERS`` or more others
``leeftijdsfase``               developmental bands (``DEVELOPMENTAL_BANDS``: under  concern
                                12, 12-15, 16-17, 18+): a member two or more bands
                                away from every other member
==============================  =================================================  ==========

Attention points are raised for the rules the youth is part of (a pair with the youth in it, or
the youth being the only one or two bands away); a rule that fires between residents alone
shows in the home's current group risk, and costs safety points because the youth would live
in it. For readers who may not know the residents' signals (``kern.publiek``) a
rule that rests on a resident's signal is the group-level ``groepsrisico`` instead.

Codes
=====

Blocking (the hard limits): ``geen_plek``, ``groep_vol``, ``gesloten_zonder_machtiging``,
``leeftijd_kwv``, ``leeftijd_woning``, ``onverenigbare_combinatie`` (``groepssamenstelling``
for readers who may not know the residents' signals); and a home's own hard admission rule,
``toelatingsbeleid``, with the home's reason (``matching.engine.policy``).

Attention points (never blocking): ``opent_binnenkort``, ``plek_later_vrij``,
``leeftijdsgrens_woning``, ``groepsgrootte``, ``zelfde_zorgprofiel``,
``beinvloeding_<agressie|verslaving|zelfbeschadiging|criminaliteit>``, the safety codes above,
``groepsrisico`` (neutral), ``groepsrisico_hoog``, ``school_ver``, ``locatie_onbekend``,
``teamverloop``, ``personeelsbezetting``, ``voorkeur_woning`` (a preference in the home's
admission policy the youth does not fit). Group attention points are raised only for what this
youth's arrival adds; what the group already carries shows in the home's current group risk.

Group risk levels
=================

``assess_group`` turns a group (residents, or residents plus the candidate) into a level:

* ``hoog`` when any *severe* rule fires: the absolute incompatibility, a severe safety rule,
  more members than places (or than 6), or ``EXTERNALISING_HIGH`` or more youths with
  externalising behaviour; also when ``STACKED_CONCERNS`` or more *concerns* fire together;
* ``verhoogd`` when at least one *concern* fires: a safety rule at concern level, a group of
  5-6, fewer than one staff member per ``YOUTHS_PER_STAFF`` youths, ``LOOKALIKE_RISK_COUNT``
  or more with the same care profile, ``EXTERNALISING_CONCERN`` or more with externalising
  behaviour, a pair that can influence each other negatively (``INFLUENCE_GROUPS``), or
  ``HIGH_INTENSITY_CONCERN`` or more youths with high care intensity;
* ``laag`` otherwise. A *note* (a minor living with an adult) is listed among the reasons but
  does not raise the level.
"""

from __future__ import annotations

from typing import Final, Literal

from matching.engine.i18n import gettext_noop

# --- Hard limits (DOMAIN.md) -------------------------------------------------------------

KWV_AGE_MIN: Final = 8
KWV_AGE_MAX: Final = 23
KWV_MAX_GROUP: Final = 6

# The one absolute incompatibility named by the sources: never in the same group.
INCOMPATIBLE_PAIR: Final = ("seksueel_grensoverschrijdend", "slachtoffer_mensenhandel")

# --- Factor weights ----------------------------------------------------------------------

FACTOR_ORDER: Final = (
    "veiligheid",
    "behoeften",
    "groep",
    "nabijheid",
    "onderwijs",
    "team",
    "omgeving",
    "beschikbaarheid",
)

# Safety has a fixed share of the 100 points that no priority changes.
SAFETY_POINTS: Final = 20.0
# A home whose group would be `hoog` with the youth in it scores at most this.
HIGH_RISK_SCORE_CAP: Final = 60.0

# The fit factors, ordered by how strongly the sources support them (DOMAIN.md "what makes
# a good fit"): needs and group composition lead, then nearness, team and availability.
# Relative weights: they are normalised to the 100 - SAFETY_POINTS fit points.
BASE_WEIGHTS: Final[dict[str, float]] = {
    "behoeften": 28.0,
    "groep": 26.0,
    "nabijheid": 12.0,
    "onderwijs": 10.0,
    "team": 10.0,
    "omgeving": 6.0,
    "beschikbaarheid": 8.0,
}

# Which family priority scales which factor; factors not listed use the neutral priority.
FACTOR_PRIORITY: Final[dict[str, str]] = {
    "behoeften": "behoeften",
    "groep": "groep",
    "nabijheid": "nabijheid",
    "onderwijs": "onderwijs",
    "team": "team",
}
NEUTRAL_PRIORITY: Final = 2

# Indexed by priority 0-3. Priority 0 keeps a quarter of the weight on purpose (see above).
PRIORITY_MULTIPLIERS: Final = (0.25, 0.5, 1.0, 1.5)

# --- Needs -------------------------------------------------------------------------------

# A youth whose analysis lists no needs gets this share of the points: nothing is missing,
# but nothing was confirmed either, so no home can look like a perfect answer to them.
NO_NEEDS_FRACTION: Final = 0.5

# A team competence is the home's offer only when this many current team members have it:
# at least COMPETENCE_MIN_HOLDERS, and COMPETENCE_HOLDERS_PER_STAFF per staff member on a
# shift (see the module docstring).
COMPETENCE_MIN_HOLDERS: Final = 2
COMPETENCE_HOLDERS_PER_STAFF: Final = 2


def competence_holders_needed(staff_on_shift: int) -> int:
    """How many current team members must have a competence for it to cover the shifts."""
    return max(COMPETENCE_MIN_HOLDERS, COMPETENCE_HOLDERS_PER_STAFF * staff_on_shift)


# --- Distance ----------------------------------------------------------------------------

FAMILY_FULL_KM: Final = 10
FAMILY_ZERO_KM: Final = 100
# Daily travel to the school of origin gets hard sooner than visiting family.
SCHOOL_FULL_KM: Final = 15
SCHOOL_ZERO_KM: Final = 50
SCHOOL_ATTENTION_KM: Final = 30

# --- Surroundings ------------------------------------------------------------------------

SETTING_FRACTIONS: Final[dict[str, float]] = {"woonwijk": 1.0, "instellingsterrein": 0.4}

# --- Availability ------------------------------------------------------------------------

LATE_ZERO_DAYS: Final = 90
# Warn when the youth grows past the home's upper age limit within this many years after
# moving in: the aim is that youths are not moved on.
AGE_OUT_WARNING_YEARS: Final = 1

# --- Team --------------------------------------------------------------------------------

YOUTHS_PER_STAFF: Final = 4
TURNOVER_STABLE: Final = 0.10  # at or below: full stability
TURNOVER_ZERO: Final = 0.50  # at or above: no stability points
TURNOVER_ATTENTION: Final = 0.30
# A fixed, small team: too few people cannot cover 24/7 shifts, too many mean many faces.
TEAM_SIZE_MIN: Final = 5
TEAM_SIZE_MAX: Final = 10
TEAM_SIZE_SMALL_FRACTION: Final = 0.5
TEAM_SIZE_LARGE_FRACTION: Final = 0.6
TEAM_SHARE_STABILITY: Final = 0.6
TEAM_SHARE_SIZE: Final = 0.2
TEAM_SHARE_RATIO: Final = 0.2

# --- Group composition (fit) -------------------------------------------------------------

PREFERRED_GROUP_SIZE: Final = 4
GROUP_SIZE_PENALTY: Final[dict[int, float]] = {5: 0.10, 6: 0.20}

# Youths with similar care needs copy and amplify each other's behaviour; for externalising
# behaviour that effect is strongest. Penalty per extra member sharing a profile.
LOOKALIKE_PENALTY: Final = 0.10
EXTERNALISING_LOOKALIKE_PENALTY: Final = 0.20
LOOKALIKE_RISK_COUNT: Final = 3
EXTERNALISING_CONCERN: Final = 2
EXTERNALISING_HIGH: Final = 3

# Developmental bands: a member's band is the number of these ages they have reached, so
# under 12 is band 0, 12-15 band 1, 16-17 band 2 and 18+ band 3. Neighbouring bands in one
# group are ordinary; ages over more bands cost fit points (by the span from the youngest's
# band to the oldest's), and a member two bands away from everyone else is a safety rule.
DEVELOPMENTAL_BANDS: Final = (12, 16, 18)
BAND_SPAN_PENALTY: Final[dict[int, float]] = {2: 0.10, 3: 0.25}
# Between the candidate and one resident: from this gap on the manager is told.
RESIDENT_AGE_GAP: Final = 4

# Signals through which youths can pull each other down. Two or more members in the same
# group, each with a signal from the set, form a pair. (code, signals, Dutch label, a msgid).
INFLUENCE_GROUPS: Final[tuple[tuple[str, frozenset[str], str], ...]] = (
    ("agressie", frozenset({"agressie"}), gettext_noop("agressie")),
    ("verslaving", frozenset({"verslaving"}), gettext_noop("verslaving")),
    (
        "zelfbeschadiging",
        frozenset({"suicidaliteit", "zelfbeschadiging"}),
        gettext_noop("suïcidaliteit of zelfbeschadiging"),
    ),
    ("criminaliteit", frozenset({"criminaliteit"}), gettext_noop("criminaliteit")),
)
INFLUENCE_PAIR_PENALTY: Final = 0.15

RATIO_GROUP_PENALTY: Final = 0.10
HIGH_INTENSITY_CONCERN: Final = 3
HIGH_INTENSITY_PENALTY: Final = 0.10

STACKED_CONCERNS: Final = 3

# --- A home's own admission policy (policy.py) -------------------------------------------

# A preference about who lives in the group (gender, a closed-care authorisation) that the
# youth does not fit costs this share of the group factor's maximum, each.
POLICY_PREFERENCE_PENALTY: Final = 0.25

# --- Safety rules ------------------------------------------------------------------------

# The signals and care profiles the safety rules read.
SEXUAL: Final = "seksueel_grensoverschrijdend"
TRAFFICKING: Final = "slachtoffer_mensenhandel"
CRIMINAL: Final = "criminaliteit"
ABSCONDING: Final = "weglopen"
AGGRESSION: Final = "agressie"
VULNERABLE_PROFILE: Final = "lvb"
VICTIMISATION_PROFILES: Final = frozenset({"internaliserend", "trauma"})

CHILD_AGE: Final = 12  # under this: a child
MINOR_WITH_ADULT_AGE: Final = 16  # under this, living with an adult needs a reason
ADULT_AGE: Final = 18
SEXUAL_SAFETY_AGE_GAP: Final = 4  # years younger
VICTIMISATION_AGE_GAP: Final = 1  # years younger
ONLY_GENDER_OTHERS: Final = 3

SafetyLevel = Literal["severe", "concern", "note"]

# Every variant of every safety rule: (attention code, level, penalty on the `veiligheid`
# fraction). Per code only the worst variant that fires counts; the penalties of different
# codes add up (the fraction never drops below 0).
SAFETY_RULES: Final[dict[str, tuple[str, SafetyLevel, float]]] = {
    "uitbuiting": ("risico_uitbuiting", "severe", 0.8),
    "uitbuiting_weglopen": ("risico_uitbuiting", "severe", 1.0),
    "samen_weglopen": ("samen_weglopen", "concern", 0.3),
    "slachtoffer_weglopen": ("samen_weglopen", "severe", 0.8),
    "seksueel_kind": ("seksuele_veiligheid", "severe", 0.8),
    "seksueel_jonger": ("seksuele_veiligheid", "concern", 0.35),
    "seksueel_lvb": ("seksuele_veiligheid", "concern", 0.35),
    "victimisatie": ("victimisatie", "concern", 0.3),
    "kind_met_volwassene": ("minderjarige_met_volwassene", "concern", 0.3),
    "minderjarige_met_volwassene": ("minderjarige_met_volwassene", "note", 0.15),
    "enige_van_geslacht": ("enige_van_geslacht", "concern", 0.2),
    "leeftijdsfase": ("leeftijdsfase", "concern", 0.25),
}

# The attention codes a group's composition can raise for a youth (the allocation reads
# these to tell what a second newcomer in the same home adds).
GROUP_ATTENTION_CODES: Final = frozenset(
    {
        "groepsgrootte",
        "zelfde_zorgprofiel",
        "personeelsbezetting",
        "groepsrisico",
        "groepsrisico_hoog",
        *(code for code, _level, _penalty in SAFETY_RULES.values()),
        *(f"beinvloeding_{key}" for key, _signals, _label in INFLUENCE_GROUPS),
    }
)
