"""The safety rules of group composition: what each one is called and how it is explained.

Fit and safety are different questions (DOMAIN.md, "Safety in group composition"): these rules
protect children from the combinations the field fears most, and they cost points of the
fixed ``veiligheid`` factor that no family priority changes. The weights and levels are in
`config.SAFETY_RULES`; when a rule fires is decided in `group.py`, where a group is folded
into integers. This module holds what does not depend on a particular group: one bit per
rule variant, and the Dutch sentences for each.

Every variant has three sentences: one about the group (a reason of the group risk), one
addressed to the youth (an attention point: "Met jou erbij ..."), and a short one for the
``veiligheid`` factor. A variant that rests on attention signals (`signal_based`) is never
named to a reader who may not know the residents' signals, unless only the youth's own
signals are involved (see `kern.publiek`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from matching.engine import config
from matching.engine.config import SafetyLevel


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    bit: int
    code: str
    level: SafetyLevel
    penalty: float
    signal_based: bool
    group_text: str
    youth_text: str
    factor_text: str


_CHILD = config.CHILD_AGE
_ADULT = config.ADULT_AGE
_MINOR = config.MINOR_WITH_ADULT_AGE
_GAP = config.SEXUAL_SAFETY_AGE_GAP

# (signal_based, group text, youth text, factor text) per variant in config.SAFETY_RULES.
# `enige_van_geslacht` names a gender and a count; its sentences are filled in by
# `only_gender_texts`.
_TEXTS: dict[str, tuple[bool, str, str, str]] = {
    "uitbuiting": (
        True,
        "Criminaliteit naast een jongere die kwetsbaar is voor uitbuiting (slachtoffer van "
        "mensenhandel of een licht verstandelijke beperking): groot risico op werving.",
        "Met jou erbij woont een jongere met criminaliteit samen met een jongere die kwetsbaar "
        "is voor uitbuiting (slachtoffer van mensenhandel of een licht verstandelijke "
        "beperking). Dat is een groot risico op werving, bijvoorbeeld voor drugshandel of door "
        "een loverboy. Bespreek vooraf hoe de woning dat voorkomt.",
        "Risico op uitbuiting: criminaliteit naast een jongere die daar kwetsbaar voor is.",
    ),
    "uitbuiting_weglopen": (
        True,
        "Criminaliteit naast een jongere die kwetsbaar is voor uitbuiting, en een van hen loopt "
        "weg: zeer groot risico op werving.",
        "Met jou erbij woont een jongere met criminaliteit samen met een jongere die kwetsbaar "
        "is voor uitbuiting (slachtoffer van mensenhandel of een licht verstandelijke "
        "beperking), en een van hen loopt weg. Weglopen maakt werving nog makkelijker. Bespreek "
        "vooraf hoe de woning dat voorkomt.",
        "Groot risico op uitbuiting: criminaliteit naast een jongere die daar kwetsbaar voor "
        "is, en weglopen.",
    ),
    "samen_weglopen": (
        True,
        "Meer jongeren die weglopen: ze kunnen elkaar meetrekken.",
        "Met jou erbij wonen er meer jongeren die weglopen. Jongeren die weglopen trekken elkaar "
        "vaak mee. Bespreek hoe het team daarmee omgaat.",
        "Meer jongeren die weglopen.",
    ),
    "slachtoffer_weglopen": (
        True,
        "Een slachtoffer van mensenhandel dat wegloopt, naast een andere jongere die wegloopt: "
        "groot risico dat ze samen weglopen en weer in handen van uitbuiters komen.",
        "Met jou erbij woont een slachtoffer van mensenhandel dat wegloopt samen met een andere "
        "jongere die wegloopt. Samen weglopen brengt het slachtoffer weer in gevaar. Bespreek "
        "vooraf hoe de woning dat voorkomt.",
        "Groot risico: een slachtoffer van mensenhandel en een andere jongere die allebei "
        "weglopen.",
    ),
    "seksueel_kind": (
        True,
        f"Seksueel grensoverschrijdend gedrag naast een kind jonger dan {_CHILD}: niet veilig "
        "voor het kind.",
        "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
        f"kind jonger dan {_CHILD}. Dat is niet veilig voor het kind. Bespreek vooraf of en hoe "
        "de woning het kind kan beschermen.",
        f"Niet veilig: seksueel grensoverschrijdend gedrag naast een kind jonger dan {_CHILD}.",
    ),
    "seksueel_jonger": (
        True,
        f"Seksueel grensoverschrijdend gedrag naast een jongere die {_GAP} jaar of meer jonger is.",
        "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
        f"jongere die {_GAP} jaar of meer jonger is. Bespreek hoe de woning de jongste "
        "beschermt.",
        f"Seksueel grensoverschrijdend gedrag naast iemand die {_GAP} jaar of meer jonger is.",
    ),
    "seksueel_lvb": (
        True,
        "Seksueel grensoverschrijdend gedrag naast een jongere met een licht verstandelijke "
        "beperking.",
        "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
        "jongere met een licht verstandelijke beperking. Bespreek hoe de woning die jongere "
        "beschermt.",
        "Seksueel grensoverschrijdend gedrag naast een jongere met een licht verstandelijke "
        "beperking.",
    ),
    "victimisatie": (
        True,
        "Agressie naast een jongere die jonger is en angstig, somber of getraumatiseerd: "
        "risico dat die het slachtoffer wordt.",
        "Met jou erbij woont een jongere met agressie samen met een jongere die jonger is en "
        "angstig, somber of getraumatiseerd. Die kan het slachtoffer worden. Bespreek hoe het "
        "team dat voorkomt.",
        "Agressie naast een jongere die jonger en kwetsbaar is.",
    ),
    "kind_met_volwassene": (
        False,
        f"Een kind jonger dan {_CHILD} woont samen met een volwassene ({_ADULT} jaar of ouder).",
        f"Met jou erbij woont een kind jonger dan {_CHILD} samen met een volwassene ({_ADULT} "
        "jaar of ouder). Bespreek vooraf waarom dat hier toch past en hoe het kind veilig is.",
        f"Een kind jonger dan {_CHILD} samen met een volwassene.",
    ),
    "minderjarige_met_volwassene": (
        False,
        f"Een jongere onder de {_MINOR} woont samen met een volwassene ({_ADULT} jaar of ouder); "
        "daar is een goede reden voor nodig.",
        f"Met jou erbij woont een jongere onder de {_MINOR} samen met een volwassene ({_ADULT} "
        "jaar of ouder). Daar is een goede reden voor nodig; schrijf die op in het voorstel.",
        f"Een jongere onder de {_MINOR} samen met een volwassene.",
    ),
    "enige_van_geslacht": (False, "", "", ""),
    "leeftijdsfase": (
        False,
        "Eén jongere is veel jonger of ouder dan alle anderen: er liggen twee of meer "
        "leeftijdsfasen tussen (onder 12, 12 tot 16, 16 tot 18, 18 en ouder).",
        "Met jou erbij ben jij veel jonger of ouder dan alle anderen: er liggen twee of meer "
        "leeftijdsfasen tussen (onder 12, 12 tot 16, 16 tot 18, 18 en ouder). Dan is het "
        "moeilijk om aansluiting te vinden, en het kan minder veilig zijn.",
        "Eén jongere is veel jonger of ouder dan alle anderen.",
    ),
}

VARIANTS: tuple[Variant, ...] = tuple(
    Variant(name, 1 << index, code, level, penalty, *_TEXTS[name])
    for index, (name, (code, level, penalty)) in enumerate(config.SAFETY_RULES.items())
)
BIT: dict[str, int] = {variant.name: variant.bit for variant in VARIANTS}
# The absolute incompatibility is found the same way as the rules (a pair of two members),
# but it is a hard limit, not a rule with points: its bit comes after theirs.
INCOMPATIBLE = 1 << len(VARIANTS)

# Rules that rest on attention signals, and per level.
SIGNAL_BASED = sum(variant.bit for variant in VARIANTS if variant.signal_based)
SEVERE = sum(variant.bit for variant in VARIANTS if variant.level == "severe")
CONCERN = sum(variant.bit for variant in VARIANTS if variant.level == "concern")
ALL_RULES = sum(variant.bit for variant in VARIANTS)

# Per code, its variants from worst to mildest (by penalty; ties in the table's order).
BY_CODE: dict[str, tuple[Variant, ...]] = {}
for _variant in VARIANTS:
    BY_CODE.setdefault(_variant.code, ())
    BY_CODE[_variant.code] = tuple(
        sorted((*BY_CODE[_variant.code], _variant), key=lambda v: -v.penalty)
    )
CODE_BITS: dict[str, int] = {
    code: sum(variant.bit for variant in variants) for code, variants in BY_CODE.items()
}

_worst_memo: dict[int, tuple[Variant, ...]] = {}


def worst_per_code(rules: int) -> tuple[Variant, ...]:
    """The worst variant of each code among `rules`, in the order of config.SAFETY_RULES."""
    worst = _worst_memo.get(rules)
    if worst is None:
        worst = _worst_memo[rules] = tuple(
            next(variant for variant in variants if variant.bit & rules)
            for variants in BY_CODE.values()
            if CODE_BITS[variants[0].code] & rules
        )
    return worst


def penalty(rules: int) -> float:
    """What the rules cost the `veiligheid` fraction: per code the worst variant."""
    return sum(variant.penalty for variant in worst_per_code(rules))


_GENDER_WORDS = {"v": ("meisje", "zij"), "m": ("jongen", "hij")}


@cache
def only_gender_texts(gender: str, others: int) -> tuple[str, str, str, str]:
    """(group text, youth text when the youth is the only one, youth text when a resident
    becomes the only one, factor text) for the only girl or boy among `others` others."""
    noun, pronoun = _GENDER_WORDS[gender]
    one = f"één {noun} tussen {others} anderen"
    return (
        f"Er is {one}: {pronoun} kan zich alleen en minder veilig voelen.",
        f"Met jou erbij ben je het enige {noun} in de groep, tussen {others} anderen. Je kunt je "
        "dan alleen en minder veilig voelen; bespreek wat je nodig hebt.",
        f"Met jou erbij is er {one}. {pronoun.capitalize()} kan zich dan alleen en minder "
        "veilig voelen; bespreek hoe het team daarop let.",
        f"Er is {one}.",
    )
