"""The safety rules of group composition: what each one is called and how it is explained.

Fit and safety are different questions (DOMAIN.md, "Safety in group composition"): these rules
protect children from the combinations the field fears most, and they cost points of the
fixed ``veiligheid`` factor that no family priority changes. The weights and levels are in
`config.SAFETY_RULES`; when a rule fires is decided in `group.py`, where a group is folded
into integers. This module holds what does not depend on a particular group: one bit per
rule variant, and the Dutch sentences for each (msgids, translated when they are read:
`matching.engine.i18n`).

Every variant has three sentences: one about the group (a reason of the group risk), one
addressed to the youth (an attention point: "Met jou erbij ..."), the same about the youth
for parents and professionals ("Met Noor erbij ..."), and a short one for the
``veiligheid`` factor. A variant that rests on attention signals (`signal_based`) is never
named to a reader who may not know the residents' signals, unless only the youth's own
signals are involved (see `kern.publiek`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kern.publiek import Stem
from matching.engine import config
from matching.engine.config import SafetyLevel
from matching.engine.i18n import _, gettext_noop
from matching.engine.stem import zeg

# The numbers the sentences name, filled into their placeholders.
_VALUES = {
    "kind": config.CHILD_AGE,
    "volwassen": config.ADULT_AGE,
    "minderjarig": config.MINOR_WITH_ADULT_AGE,
    "jaren": config.SEXUAL_SAFETY_AGE_GAP,
}


@cache
def _text(msgid: str, _language: str) -> str:
    """`msgid` in the active language (`_language`, which keys the memo) with the numbers
    filled in. An empty msgid would fetch the catalogue's header: it stays empty."""
    return _(msgid) % _VALUES if msgid else ""


@cache
def _about(msgid: str, _language: str, stem: Stem) -> str:
    """`msgid` (a sentence about the youth) in the active language, numbers and the youth's
    name for this voice filled in."""
    return zeg(stem, "", _(msgid), _VALUES)


@dataclass(frozen=True, slots=True)
class Variant:
    name: str
    bit: int
    code: str
    level: SafetyLevel
    penalty: float
    signal_based: bool
    group_msgid: str
    youth_msgid: str
    about_msgid: str
    factor_msgid: str

    # Each takes the active language (`matching.engine.i18n.language()`), which the caller
    # has at hand: these run for many groups per request, and the memo is per language.

    def group_text(self, language: str) -> str:
        """The sentence about the group (a reason of the group risk)."""
        return _text(self.group_msgid, language)

    def youth_text(self, voice: tuple[str, Stem]) -> str:
        """The sentence about the youth's arrival (an attention point), in the reader's
        voice: `voice` is the active language and the `Stem`."""
        language, stem = voice
        if stem.tot_jongere:
            return _text(self.youth_msgid, language)
        return _about(self.about_msgid, language, stem)

    def factor_text(self, language: str) -> str:
        """The short sentence for the `veiligheid` factor."""
        return _text(self.factor_msgid, language)


# (signal_based, group text, youth text, the same about the youth, factor text) per variant in
# config.SAFETY_RULES. The text about the youth (parents and professionals read it) names them
# with `%(naam)s` (`matching.engine.stem`).
# `enige_van_geslacht` names a gender and a count; its sentences are filled in by
# `only_gender_texts`.
_TEXTS: dict[str, tuple[bool, str, str, str, str]] = {
    "uitbuiting": (
        True,
        gettext_noop(
            "Criminaliteit naast een jongere die kwetsbaar is voor uitbuiting (slachtoffer van "
            "mensenhandel of een licht verstandelijke beperking): groot risico op werving."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met criminaliteit samen met een jongere die kwetsbaar "
            "is voor uitbuiting. Denk aan een slachtoffer van mensenhandel of een jongere met een "
            "licht verstandelijke beperking. Dat is een groot risico op werving, bijvoorbeeld voor "
            "drugshandel of door een loverboy. Bespreek vooraf hoe de woning dat voorkomt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met criminaliteit samen met een jongere die "
            "kwetsbaar is voor uitbuiting. Denk aan een slachtoffer van mensenhandel of een "
            "jongere met een licht verstandelijke beperking. Dat is een groot risico op werving, "
            "bijvoorbeeld voor drugshandel of door een loverboy. Bespreek vooraf hoe de woning dat "
            "voorkomt."
        ),
        gettext_noop(
            "Risico op uitbuiting: criminaliteit naast een jongere die daar kwetsbaar voor is."
        ),
    ),
    "uitbuiting_weglopen": (
        True,
        gettext_noop(
            "Criminaliteit naast een jongere die kwetsbaar is voor uitbuiting, en een van hen "
            "loopt weg: zeer groot risico op werving."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met criminaliteit samen met een jongere die kwetsbaar "
            "is voor uitbuiting. Denk aan een slachtoffer van mensenhandel of een jongere met een "
            "licht verstandelijke beperking. Een van hen loopt weg, en dat maakt werving nog "
            "makkelijker. Bespreek vooraf hoe de woning dat voorkomt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met criminaliteit samen met een jongere die "
            "kwetsbaar is voor uitbuiting. Denk aan een slachtoffer van mensenhandel of een "
            "jongere met een licht verstandelijke beperking. Een van hen loopt weg, en dat maakt "
            "werving nog makkelijker. Bespreek vooraf hoe de woning dat voorkomt."
        ),
        gettext_noop(
            "Groot risico op uitbuiting: criminaliteit naast een jongere die daar kwetsbaar voor "
            "is, en weglopen."
        ),
    ),
    "samen_weglopen": (
        True,
        gettext_noop("Meer jongeren die weglopen: ze kunnen elkaar meetrekken."),
        gettext_noop(
            "Met jou erbij wonen er meer jongeren die weglopen. Jongeren die weglopen trekken "
            "elkaar vaak mee. Bespreek hoe het team daarmee omgaat."
        ),
        gettext_noop(
            "Met %(naam)s erbij wonen er meer jongeren die weglopen. Jongeren die weglopen "
            "trekken elkaar vaak mee. Bespreek hoe het team daarmee omgaat."
        ),
        gettext_noop("Meer jongeren die weglopen."),
    ),
    "slachtoffer_weglopen": (
        True,
        gettext_noop(
            "Een slachtoffer van mensenhandel dat wegloopt, naast een andere jongere die wegloopt: "
            "groot risico dat ze samen weglopen en weer in handen van uitbuiters komen."
        ),
        gettext_noop(
            "Met jou erbij woont een slachtoffer van mensenhandel dat wegloopt samen met een "
            "andere jongere die wegloopt. Samen weglopen brengt het slachtoffer weer in gevaar. "
            "Bespreek vooraf hoe de woning dat voorkomt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een slachtoffer van mensenhandel dat wegloopt samen met een "
            "andere jongere die wegloopt. Samen weglopen brengt het slachtoffer weer in gevaar. "
            "Bespreek vooraf hoe de woning dat voorkomt."
        ),
        gettext_noop(
            "Groot risico: een slachtoffer van mensenhandel en een andere jongere die allebei "
            "weglopen."
        ),
    ),
    "seksueel_kind": (
        True,
        gettext_noop(
            "Seksueel grensoverschrijdend gedrag naast een kind jonger dan %(kind)s: niet veilig "
            "voor het kind."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
            "kind jonger dan %(kind)s. Dat is niet veilig voor het kind. Bespreek vooraf of en hoe "
            "de woning het kind kan beschermen."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met seksueel grensoverschrijdend gedrag samen "
            "met een kind jonger dan %(kind)s. Dat is niet veilig voor het kind. Bespreek vooraf "
            "of en hoe de woning het kind kan beschermen."
        ),
        gettext_noop(
            "Niet veilig: seksueel grensoverschrijdend gedrag naast een kind jonger dan %(kind)s."
        ),
    ),
    "seksueel_jonger": (
        True,
        gettext_noop(
            "Seksueel grensoverschrijdend gedrag naast een jongere die %(jaren)s jaar of meer "
            "jonger is."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
            "jongere die %(jaren)s jaar of meer jonger is. Bespreek hoe de woning de jongste "
            "beschermt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met seksueel grensoverschrijdend gedrag samen "
            "met een jongere die %(jaren)s jaar of meer jonger is. Bespreek hoe de woning de "
            "jongste beschermt."
        ),
        gettext_noop(
            "Seksueel grensoverschrijdend gedrag naast iemand die %(jaren)s jaar of meer jonger is."
        ),
    ),
    "seksueel_lvb": (
        True,
        gettext_noop(
            "Seksueel grensoverschrijdend gedrag naast een jongere met een licht verstandelijke "
            "beperking."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met seksueel grensoverschrijdend gedrag samen met een "
            "jongere met een licht verstandelijke beperking. Bespreek hoe de woning die jongere "
            "beschermt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met seksueel grensoverschrijdend gedrag samen "
            "met een jongere met een licht verstandelijke beperking. Bespreek hoe de woning die "
            "jongere beschermt."
        ),
        gettext_noop(
            "Seksueel grensoverschrijdend gedrag naast een jongere met een licht verstandelijke "
            "beperking."
        ),
    ),
    "victimisatie": (
        True,
        gettext_noop(
            "Agressie naast een jongere die jonger is en angstig, somber of getraumatiseerd: "
            "risico dat die het slachtoffer wordt."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere met agressie samen met een jongere die jonger is. Die "
            "jongere is angstig, somber of getraumatiseerd, en kan het slachtoffer worden. "
            "Bespreek hoe het team dat voorkomt."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere met agressie samen met een jongere die jonger "
            "is. Die jongere is angstig, somber of getraumatiseerd, en kan het slachtoffer worden. "
            "Bespreek hoe het team dat voorkomt."
        ),
        gettext_noop("Agressie naast een jongere die jonger en kwetsbaar is."),
    ),
    "kind_met_volwassene": (
        False,
        gettext_noop(
            "Een kind jonger dan %(kind)s woont samen met een volwassene (%(volwassen)s jaar of "
            "ouder)."
        ),
        gettext_noop(
            "Met jou erbij woont een kind jonger dan %(kind)s samen met een volwassene "
            "(%(volwassen)s jaar of ouder). Bespreek vooraf waarom dat hier toch past en hoe het "
            "kind veilig is."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een kind jonger dan %(kind)s samen met een volwassene "
            "(%(volwassen)s jaar of ouder). Bespreek vooraf waarom dat hier toch past en hoe het "
            "kind veilig is."
        ),
        gettext_noop("Een kind jonger dan %(kind)s samen met een volwassene."),
    ),
    "minderjarige_met_volwassene": (
        False,
        gettext_noop(
            "Een jongere onder de %(minderjarig)s woont samen met een volwassene (%(volwassen)s "
            "jaar of ouder). Daar is een goede reden voor nodig."
        ),
        gettext_noop(
            "Met jou erbij woont een jongere onder de %(minderjarig)s samen met een volwassene "
            "(%(volwassen)s jaar of ouder). Daar is een goede reden voor nodig; schrijf die op in "
            "het voorstel."
        ),
        gettext_noop(
            "Met %(naam)s erbij woont een jongere onder de %(minderjarig)s samen met een "
            "volwassene (%(volwassen)s jaar of ouder). Daar is een goede reden voor nodig; "
            "schrijf die op in het voorstel."
        ),
        gettext_noop("Een jongere onder de %(minderjarig)s samen met een volwassene."),
    ),
    "enige_van_geslacht": (False, "", "", "", ""),
    "leeftijdsfase": (
        False,
        gettext_noop(
            "Eén jongere is veel jonger of ouder dan alle anderen. Er liggen twee of meer "
            "leeftijdsfasen tussen (onder 12, 12 tot 16, 16 tot 18, 18 en ouder)."
        ),
        gettext_noop(
            "Met jou erbij ben jij veel jonger of ouder dan alle anderen. Er liggen twee of meer "
            "leeftijdsfasen tussen (onder 12, 12 tot 16, 16 tot 18, 18 en ouder). Dan is het "
            "moeilijk om aansluiting te vinden, en het kan minder veilig zijn."
        ),
        gettext_noop(
            "In deze groep is %(naam)s veel jonger of ouder dan alle anderen. Er liggen twee of "
            "meer leeftijdsfasen tussen (onder 12, 12 tot 16, 16 tot 18, 18 en ouder). Dan is "
            "het moeilijk om aansluiting te vinden, en het kan minder veilig zijn."
        ),
        gettext_noop("Eén jongere is veel jonger of ouder dan alle anderen."),
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


# Per gender: (group text, youth text when the youth is the only one, youth text when a
# resident becomes the only one, factor text, and the two youth texts again about the youth
# for parents and professionals), written out per gender so that a translation can use its
# own words and grammar for each.
_ONLY_GENDER: dict[str, tuple[str, str, str, str, str, str]] = {
    "v": (
        gettext_noop(
            "Er is één meisje tussen %(others)s anderen: zij kan zich alleen en minder veilig "
            "voelen."
        ),
        gettext_noop(
            "Met jou erbij ben je het enige meisje in de groep, tussen %(others)s anderen. Je "
            "kunt je dan alleen en minder veilig voelen; bespreek wat je nodig hebt."
        ),
        gettext_noop(
            "Met jou erbij is er één meisje tussen %(others)s anderen. Zij kan zich dan alleen "
            "en minder veilig voelen; bespreek hoe het team daarop let."
        ),
        gettext_noop("Er is één meisje tussen %(others)s anderen."),
        gettext_noop(
            "%(naam)s zou het enige meisje in de groep zijn, tussen %(others)s anderen. Dan kan "
            "%(naam)s zich alleen en minder veilig voelen; bespreek wat %(naam)s nodig heeft."
        ),
        gettext_noop(
            "Met %(naam)s erbij is er één meisje tussen %(others)s anderen. Zij kan zich dan "
            "alleen en minder veilig voelen; bespreek hoe het team daarop let."
        ),
    ),
    "m": (
        gettext_noop(
            "Er is één jongen tussen %(others)s anderen: hij kan zich alleen en minder veilig "
            "voelen."
        ),
        gettext_noop(
            "Met jou erbij ben je het enige jongen in de groep, tussen %(others)s anderen. Je "
            "kunt je dan alleen en minder veilig voelen; bespreek wat je nodig hebt."
        ),
        gettext_noop(
            "Met jou erbij is er één jongen tussen %(others)s anderen. Hij kan zich dan alleen "
            "en minder veilig voelen; bespreek hoe het team daarop let."
        ),
        gettext_noop("Er is één jongen tussen %(others)s anderen."),
        gettext_noop(
            "%(naam)s zou de enige jongen in de groep zijn, tussen %(others)s anderen. Dan kan "
            "%(naam)s zich alleen en minder veilig voelen; bespreek wat %(naam)s nodig heeft."
        ),
        gettext_noop(
            "Met %(naam)s erbij is er één jongen tussen %(others)s anderen. Hij kan zich dan "
            "alleen en minder veilig voelen; bespreek hoe het team daarop let."
        ),
    ),
}


@cache
def only_gender_texts(
    gender: str, others: int, voice: tuple[str, Stem]
) -> tuple[str, str, str, str]:
    """(group text, youth text when the youth is the only one, youth text when a resident
    becomes the only one, factor text) for the only girl or boy among `others` others, in
    the active language and the reader's voice (`voice`, as `Variant.youth_text`)."""
    stem = voice[1]
    msgids = _ONLY_GENDER[gender]
    values = {"others": others}
    group, youth_alone, resident_alone, factor = (_(msgid) % values for msgid in msgids[:4])
    if not stem.tot_jongere:
        youth_alone = zeg(stem, "", _(msgids[4]), values)
        resident_alone = zeg(stem, "", _(msgids[5]), values)
    return group, youth_alone, resident_alone, factor
