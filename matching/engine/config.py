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

The score (0-100) is the sum of seven factors. Each factor computes a *fraction* between 0 and
1 (how well this home does on it) and earns `fraction * max_points` points:

====================  =========================================================  ==========
factor                what the fraction measures                                 priority
====================  =========================================================  ==========
``behoeften``         share of the youth's needs the home offers, weighted by    behoeften
                      importance (1-3)
``groep``             the whole group *after* the youth joins: 1 minus the       groep
                      penalties below (size, look-alike care profiles, age
                      spread, pairs that influence each other, ratio, load)
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

``max_points`` per factor = ``BASE_WEIGHTS[factor] * PRIORITY_MULTIPLIERS[priority]``,
normalised so the seven maxima add up to exactly 100.0 (largest-remainder rounding to one
decimal). The family's priorities (0-3, default 2 = neutral) therefore shift weight between
factors without changing the scale. Priority 0 still keeps a quarter of the base weight: the
family may say "distance hardly matters to us", but a professional judgement such as group fit
never drops out of the picture entirely. Factors the family does not weigh (``omgeving``,
``beschikbaarheid``) use the neutral multiplier.

When a distance cannot be measured because the *youth* has no location, that factor's weight is
left out before normalising (max_points 0, explained), so the other factors share the 100. When
the *home* has no location the factor keeps its weight and earns 0 points, with an attention
point: an unknown distance must not look like a short one.

Points per factor are rounded to one decimal and the score is the rounded sum of those rounded
points, so the factors shown always add up to the score exactly. A blocked home is explained,
not scored: it gets no score, no factors and no attention points, only its blocking reasons.

Codes
=====

Blocking (the hard limits): ``geen_plek``, ``groep_vol``, ``gesloten_zonder_machtiging``,
``leeftijd_kwv``, ``leeftijd_woning``, ``onverenigbare_combinatie``; and a home's own hard
admission rule, ``toelatingsbeleid``, with the home's reason (``matching.engine.policy``).

Attention points (never blocking): ``opent_binnenkort``, ``plek_later_vrij``,
``leeftijdsgrens_woning``, ``groepsgrootte``, ``zelfde_zorgprofiel``, ``leeftijdsverschil``,
``beinvloeding_<agressie|verslaving|zelfbeschadiging|criminaliteit>``, ``risico_werving``,
``school_ver``, ``locatie_onbekend``, ``teamverloop``, ``personeelsbezetting``,
``voorkeur_woning`` (a preference in the home's admission policy the youth does not fit).
Group attention points are raised only for what this youth's arrival adds; what the group
already carries shows in the home's current group risk.

Group risk levels
=================

``assess_group`` turns a group (residents, or residents plus the candidate) into a level:

* ``hoog`` when any *severe* rule fires: the absolute incompatibility, criminal involvement next
  to a trafficking victim (recruitment), more members than places (or than 6), or
  ``EXTERNALISING_HIGH`` or more youths with externalising behaviour; also when
  ``STACKED_CONCERNS`` or more *concerns* fire together;
* ``verhoogd`` when at least one *concern* fires: a group of 5-6, fewer than one staff member
  per ``YOUTHS_PER_STAFF`` youths, ``LOOKALIKE_RISK_COUNT`` or more with the same care profile,
  ``EXTERNALISING_CONCERN`` or more with externalising behaviour, a pair that can influence each
  other negatively (``INFLUENCE_GROUPS``), an age spread of ``AGE_SPREAD_LARGE`` years or more,
  or ``HIGH_INTENSITY_CONCERN`` or more youths with high care intensity;
* ``laag`` otherwise.
"""

from __future__ import annotations

from typing import Final

# --- Hard limits (DOMAIN.md) -------------------------------------------------------------

KWV_AGE_MIN: Final = 8
KWV_AGE_MAX: Final = 23
KWV_MAX_GROUP: Final = 6

# The one absolute incompatibility named by the sources: never in the same group.
INCOMPATIBLE_PAIR: Final = ("seksueel_grensoverschrijdend", "slachtoffer_mensenhandel")

# --- Factor weights ----------------------------------------------------------------------

FACTOR_ORDER: Final = (
    "behoeften",
    "groep",
    "nabijheid",
    "onderwijs",
    "team",
    "omgeving",
    "beschikbaarheid",
)

# Ordered by how strongly the sources support them (DOMAIN.md "what makes a good fit"):
# needs and group composition lead, then nearness, team and availability.
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
# but nothing was confirmed either.
NO_NEEDS_FRACTION: Final = 1.0

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

# --- Group composition -------------------------------------------------------------------

PREFERRED_GROUP_SIZE: Final = 4
GROUP_SIZE_PENALTY: Final[dict[int, float]] = {5: 0.10, 6: 0.20}

# Youths with similar care needs copy and amplify each other's behaviour; for externalising
# behaviour that effect is strongest. Penalty per extra member sharing a profile.
LOOKALIKE_PENALTY: Final = 0.10
EXTERNALISING_LOOKALIKE_PENALTY: Final = 0.20
LOOKALIKE_RISK_COUNT: Final = 3
EXTERNALISING_CONCERN: Final = 2
EXTERNALISING_HIGH: Final = 3

# Age spread (oldest minus youngest, whole years) in the group.
AGE_SPREAD_MODERATE: Final = 4
AGE_SPREAD_LARGE: Final = 5
AGE_SPREAD_MODERATE_PENALTY: Final = 0.10
AGE_SPREAD_LARGE_PENALTY: Final = 0.25
# Between the candidate and one resident: from this gap on the manager is told.
RESIDENT_AGE_GAP: Final = 4

# Signals through which youths can pull each other down. Two or more members in the same
# group, each with a signal from the set, form a pair. (code, signals, Dutch label).
INFLUENCE_GROUPS: Final[tuple[tuple[str, frozenset[str], str], ...]] = (
    ("agressie", frozenset({"agressie"}), "agressie"),
    ("verslaving", frozenset({"verslaving"}), "verslaving"),
    (
        "zelfbeschadiging",
        frozenset({"suicidaliteit", "zelfbeschadiging"}),
        "suïcidaliteit of zelfbeschadiging",
    ),
    ("criminaliteit", frozenset({"criminaliteit"}), "criminaliteit"),
)
INFLUENCE_PAIR_PENALTY: Final = 0.15

# Criminal involvement next to a trafficking victim: serious risk of recruitment.
RECRUITMENT_PAIR: Final = ("criminaliteit", "slachtoffer_mensenhandel")
RECRUITMENT_PENALTY: Final = 0.30

RATIO_GROUP_PENALTY: Final = 0.10
HIGH_INTENSITY_CONCERN: Final = 3
HIGH_INTENSITY_PENALTY: Final = 0.10

STACKED_CONCERNS: Final = 3

# --- A home's own admission policy (policy.py) -------------------------------------------

# A preference about who lives in the group (gender, a closed-care authorisation) that the
# youth does not fit costs this share of the group factor's maximum, each.
POLICY_PREFERENCE_PENALTY: Final = 0.25
