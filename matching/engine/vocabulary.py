"""The shared vocabulary (codes from DOMAIN.md) with the Dutch words the explanations use.

Codes are stable identifiers stored in the database and in scenario files; the labels are
written for B1 readers (youths and parents read them too). Admins may extend the vocabulary
later; until then these dictionaries are the single list the adapters validate against.

Dates are written in Dutch here as well ("1 maart 2027"): one tiny function instead of the
`locale` module, which is process-global, slow and not installed the same way everywhere.
"""

from __future__ import annotations

from datetime import date

# Needs and offers share their codes. Per code: the noun phrase used for a missing need
# ("Deze woning biedt geen <label>") and the sentence used when the home offers it.
NEEDS: dict[str, tuple[str, str]] = {
    "rust_structuur": ("rust en structuur", "De woning biedt rust en structuur"),
    "een_op_een_aandacht": ("één-op-één aandacht", "Er is tijd voor één-op-één aandacht"),
    "traumasensitief": ("traumasensitieve aanpak", "Het team werkt traumasensitief"),
    "lvb_passend": (
        "aanpak die past bij een licht verstandelijke beperking (LVB)",
        "Het team weet hoe je werkt met jongeren met een licht verstandelijke beperking (LVB)",
    ),
    "autisme_passend": (
        "autismevriendelijke aanpak",
        "De woning en het team zijn autismevriendelijk",
    ),
    "gezinsgericht": ("gezinsgerichte aanpak", "Het team werkt samen met je familie"),
    "onderwijs_op_maat": ("onderwijs op maat", "Er is hulp bij onderwijs op maat"),
    "buitenruimte": ("buitenruimte", "De woning heeft buitenruimte"),
    "terugtrekplek": ("plek om je terug te trekken", "Er is een plek om je terug te trekken"),
    "cultuursensitief": ("cultuursensitieve aanpak", "Het team werkt cultuursensitief"),
    "mensenhandel_expertise": (
        "kennis van mensenhandel",
        "Het team heeft kennis van mensenhandel",
    ),
    "delictgedrag_expertise": (
        "kennis van delictgedrag",
        "Het team heeft ervaring met delictgedrag",
    ),
    "psychiatrie_expertise": (
        "psychiatrische kennis",
        "Het team heeft psychiatrische kennis of een vaste GGZ-partner",
    ),
    "verslavingszorg": ("hulp bij verslaving", "Er is hulp bij verslaving"),
    "zelfstandigheidstraining": (
        "training in zelfstandig wonen",
        "Je kunt hier oefenen met zelfstandig wonen",
    ),
}


def need_label(code: str) -> str:
    """Noun phrase for a need; a code added by an admin later reads as its own words."""
    known = NEEDS.get(code)
    return known[0] if known else code.replace("_", " ")


def need_sentence(code: str) -> str:
    """Sentence for a need the home offers."""
    known = NEEDS.get(code)
    return known[1] if known else f"De woning biedt {code.replace('_', ' ')}"


IMPORTANCE_LABELS: dict[int, str] = {1: "fijn om te hebben", 2: "belangrijk", 3: "heel belangrijk"}

CARE_PROFILES: dict[str, str] = {
    "internaliserend": "naar binnen gericht (bijvoorbeeld angst of somberheid)",
    "externaliserend": "naar buiten gericht gedrag",
    "trauma": "trauma",
    "lvb": "licht verstandelijke beperking",
    "psychiatrisch": "psychiatrische problemen",
    "ontwikkeling": "ontwikkelingsproblemen",
}

CARE_INTENSITIES: dict[str, str] = {"laag": "laag", "midden": "midden", "hoog": "hoog"}

# Sensitive signals: these words may appear in aggregated group reasons, never next to a
# resident's pseudonym in anything a family or another home can read.
ATTENTION_SIGNALS: dict[str, str] = {
    "seksueel_grensoverschrijdend": "seksueel grensoverschrijdend gedrag",
    "slachtoffer_mensenhandel": "slachtofferschap van mensenhandel",
    "suicidaliteit": "suïcidaliteit",
    "zelfbeschadiging": "zelfbeschadiging",
    "agressie": "agressie",
    "verslaving": "verslaving",
    "criminaliteit": "criminaliteit",
    "weglopen": "weglopen",
}

SETTINGS: dict[str, str] = {
    "woonwijk": "in een gewone woonwijk",
    "instellingsterrein": "op het terrein van een instelling",
}

GENDERS: dict[str, str] = {"m": "jongen", "v": "meisje", "x": "anders of onbekend"}

_MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def youths_text(count: int) -> str:
    """`1 jongere`, `3 jongeren`."""
    return "1 jongere" if count == 1 else f"{count} jongeren"


def places_text(count: int) -> str:
    """`1 plek`, `4 plekken`."""
    return "1 plek" if count == 1 else f"{count} plekken"


def format_date(day: date) -> str:
    """Write a date the Dutch way: `1 maart 2027`."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
