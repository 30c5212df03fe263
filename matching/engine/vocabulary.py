"""The shared vocabulary (codes from DOMAIN.md) with the Dutch words the explanations use.

Codes are stable identifiers stored in the database and in scenario files; the labels are
written for B1 readers (youths and parents read them too). Admins may extend the vocabulary
later; until then these dictionaries are the single list the adapters validate against.

The words are Dutch msgids, marked with `gettext_noop`: these tables are filled at import
time, and the functions below translate them when a sentence is written (`matching.engine.i18n`).
Dates are written by one tiny function as well ("1 maart 2027"), with the month's name from the
catalogue, instead of the `locale` module, which is process-global, slow and not installed the
same way everywhere.
"""

from __future__ import annotations

from datetime import date

from matching.engine.i18n import _, gettext_noop, ngettext

# Needs and offers share their codes. Per code: the noun phrase used for a missing need
# ("Deze woning biedt geen <label>") and the sentence used when the home offers it.
NEEDS: dict[str, tuple[str, str]] = {
    "rust_structuur": (
        gettext_noop("rust en structuur"),
        gettext_noop("De woning biedt rust en structuur"),
    ),
    "een_op_een_aandacht": (
        gettext_noop("één-op-één aandacht"),
        gettext_noop("Er is tijd voor één-op-één aandacht"),
    ),
    "traumasensitief": (
        gettext_noop("traumasensitieve aanpak"),
        gettext_noop("Het team werkt traumasensitief"),
    ),
    "lvb_passend": (
        gettext_noop("aanpak die past bij een licht verstandelijke beperking (LVB)"),
        gettext_noop(
            "Het team weet hoe je werkt met jongeren met een licht verstandelijke beperking (LVB)"
        ),
    ),
    "autisme_passend": (
        gettext_noop("autismevriendelijke aanpak"),
        gettext_noop("De woning en het team zijn autismevriendelijk"),
    ),
    "gezinsgericht": (
        gettext_noop("samenwerking met de familie"),
        gettext_noop("Het team werkt samen met de familie"),
    ),
    "onderwijs_op_maat": (
        gettext_noop("onderwijs op maat"),
        gettext_noop("Er is hulp bij onderwijs op maat"),
    ),
    "buitenruimte": (gettext_noop("buitenruimte"), gettext_noop("De woning heeft buitenruimte")),
    "terugtrekplek": (
        gettext_noop("plek om je terug te trekken"),
        gettext_noop("Er is een plek om je terug te trekken"),
    ),
    "cultuursensitief": (
        gettext_noop("cultuursensitieve aanpak"),
        gettext_noop("Het team werkt cultuursensitief"),
    ),
    "mensenhandel_expertise": (
        gettext_noop("kennis van mensenhandel"),
        gettext_noop("Het team heeft kennis van mensenhandel"),
    ),
    "delictgedrag_expertise": (
        gettext_noop("kennis van delictgedrag"),
        gettext_noop("Het team heeft ervaring met delictgedrag"),
    ),
    "psychiatrie_expertise": (
        gettext_noop("psychiatrische kennis"),
        gettext_noop("Het team heeft psychiatrische kennis of een vaste GGZ-partner"),
    ),
    "verslavingszorg": (
        gettext_noop("hulp bij verslaving"),
        gettext_noop("Er is hulp bij verslaving"),
    ),
    "zelfstandigheidstraining": (
        gettext_noop("training in zelfstandig wonen"),
        gettext_noop("Je kunt hier oefenen met zelfstandig wonen"),
    ),
}


def need_label(code: str) -> str:
    """Noun phrase for a need; a code added by an admin later reads as its own words."""
    known = NEEDS.get(code)
    return _(known[0]) if known else code.replace("_", " ")


def need_sentence(code: str) -> str:
    """Sentence for a need the home offers."""
    known = NEEDS.get(code)
    if known:
        return _(known[1])
    return _("De woning biedt %(aanbod)s") % {"aanbod": code.replace("_", " ")}


IMPORTANCE_LABELS: dict[int, str] = {
    1: gettext_noop("fijn om te hebben"),
    2: gettext_noop("belangrijk"),
    3: gettext_noop("heel belangrijk"),
}


def importance_label(importance: int) -> str:
    """`heel belangrijk`, in the active language."""
    return _(IMPORTANCE_LABELS[importance])


CARE_PROFILES: dict[str, str] = {
    "internaliserend": gettext_noop("naar binnen gericht (bijvoorbeeld angst of somberheid)"),
    "externaliserend": gettext_noop("naar buiten gericht gedrag"),
    "trauma": gettext_noop("trauma"),
    "lvb": gettext_noop("licht verstandelijke beperking"),
    "psychiatrisch": gettext_noop("psychiatrische problemen"),
    "ontwikkeling": gettext_noop("ontwikkelingsproblemen"),
}


def care_profile_label(code: str) -> str:
    """The words for a care profile; a code added by an admin later reads as itself."""
    known = CARE_PROFILES.get(code)
    return _(known) if known else code


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
    gettext_noop("januari"),
    gettext_noop("februari"),
    gettext_noop("maart"),
    gettext_noop("april"),
    gettext_noop("mei"),
    gettext_noop("juni"),
    gettext_noop("juli"),
    gettext_noop("augustus"),
    gettext_noop("september"),
    gettext_noop("oktober"),
    gettext_noop("november"),
    gettext_noop("december"),
)


def youths_text(count: int) -> str:
    """`1 jongere`, `3 jongeren`."""
    return ngettext("%(count)s jongere", "%(count)s jongeren", count) % {"count": count}


def places_text(count: int) -> str:
    """`1 plek`, `4 plekken`."""
    return ngettext("%(count)s plek", "%(count)s plekken", count) % {"count": count}


def format_date(day: date) -> str:
    """Write a date the Dutch way: `1 maart 2027` (in English `1 March 2027`)."""
    # Translators: a date, e.g. "1 maart 2027"; the month is translated on its own.
    return _("%(day)s %(month)s %(year)s") % {
        "day": day.day,
        "month": _(_MONTHS[day.month - 1]),
        "year": day.year,
    }
