"""What a home's manager reads about a youth before the family agreed to share more.

A home that receives a proposal first reads a profile without a name. The youth and the
parents have not yet said that this home may read their analysis, so the profile holds
only what a home needs to answer "could we take this youth?": the age when the place is
needed, gender, care profile and intensity, the needs and how important each one is, the
family's priorities, and a short text the coordinator wrote for the home. It never holds
the family's own words, names of relatives, places, schools or distances: those are in
the free texts and in the youth's record, and a home reads them only once the youth and
the parents consented (or the coordinator recorded a reason to share without it).

The profile is built from the marks below and nothing else: every field of the youth,
the analysis and its needs carries one (a test fails for a field without a mark), and
`profiel_voor_woning` reads a field only through `_deelbaar`, which refuses any field not
marked `VOOR_TOESTEMMING`. Adding a field therefore means deciding who may read it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext

from jongeren.models import (
    PRIORITEIT_KEUZES,
    PRIORITEITEN,
    PRIORITEITEN_PROFESSIONEEL,
    Jongere,
    VerklarendeAnalyse,
    leeftijd_op,
)

if TYPE_CHECKING:
    from django.db.models import Model


class Delen(enum.Enum):
    """When a home's manager may read a field of the youth's record."""

    #: In the profile without a name, from the moment the proposal is sent.
    VOOR_TOESTEMMING = "voor_toestemming"
    #: Only once the youth and parents consented to share, or a coordinator overrode.
    NA_TOESTEMMING = "na_toestemming"
    #: Not part of what a home reads: administration of the portal itself.
    NIET = "niet"


VOOR = Delen.VOOR_TOESTEMMING
NA = Delen.NA_TOESTEMMING
NIET = Delen.NIET

JONGERE: dict[str, Delen] = {
    "id": NIET,
    "roepnaam": NA,
    # Only as the age in whole years on the date the place is needed, never the date.
    "geboortedatum": VOOR,
    "geslacht": VOOR,
    "woonplaats": NA,
    "lat": NA,
    "lon": NA,
    "school_naam": NA,
    "school_niveau": NA,
    "school_plaats": NA,
    "school_lat": NA,
    "school_lon": NA,
    "juridisch_kader": NA,
    "machtiging_einde": NA,
    # The judge's measure and its authorisation, like the legal framework: after consent.
    "maatregel": NA,
    "machtiging_uhp_van": NA,
    "machtiging_uhp_tot": NA,
    # Who decides and who reads in the family: never for a home.
    "jeugdbeschermer": NIET,
    "ouders_zonder_gezag": NIET,
    "ouders_zien_analyse": NIET,
    "ouders_verborgen": NIET,
    "nodig_vanaf": VOOR,
    "coordinator": NIET,
    "organisatie": NIET,
    "account": NIET,
    "ouders": NIET,
    "broers_zussen": NIET,
    "zoeken_sinds": NIET,
    "fase": NIET,
    "aangemaakt_op": NIET,
    "gewijzigd_op": NIET,
}

ANALYSE: dict[str, Delen] = {
    "id": NIET,
    "jongere": NIET,
    "versie": NIET,
    "status": NIET,
    # The family's and the professionals' own words: they name people and places.
    "factoren": NA,
    "krachten": NA,
    "wat_werkt": NA,
    "behoeften_toelichting": NA,
    "zorgprofiel": VOOR,
    "zorgintensiteit": VOOR,
    "signalen": NA,
    # When and why the signals may count in a search: the portal's own bookkeeping.
    "signalen_gewijzigd_op": NIET,
    "signalen_vrijgegeven_op": NIET,
    "signalen_vrijgegeven_door": NIET,
    "signalen_vrijgave_reden": NIET,
    "belangrijk_jongere": NA,
    "belangrijk_ouders": NA,
    "netwerk": NA,
    **{veld: VOOR for veld, _label in PRIORITEITEN},
    "gemaakt_door": NIET,
    "gemaakt_op": NIET,
    "gewijzigd_op": NIET,
    "voorgelegd_op": NIET,
    "gedragen_op": NIET,
}

BEHOEFTE: dict[str, Delen] = {
    "id": NIET,
    "analyse": NIET,
    "kenmerk": VOOR,
    "belang": VOOR,
    "toelichting": NA,
}

# The two texts a coordinator writes on a proposal: the motivation is written for the
# family and may say "close to grandma"; the text for the home is written to be read by
# strangers, with the warning not to name people or places.
VOORSTEL: dict[str, Delen] = {
    "tekst_voor_woning": VOOR,
    "motivatie": NA,
}

_TABELLEN: dict[str, dict[str, Delen]] = {
    "jongeren.jongere": JONGERE,
    "jongeren.verklarendeanalyse": ANALYSE,
    "jongeren.analysebehoefte": BEHOEFTE,
    "matching.voorstel": VOORSTEL,
}


def markering(model: type[Model], veld: str) -> Delen | None:
    """The mark of one field (None: the field has no mark, which a test refuses)."""
    return _TABELLEN.get(model._meta.label_lower, {}).get(veld)


def _deelbaar(obj: Model, veld: str) -> object:
    """A field's value, for the profile before consent; refuses any other field."""
    if markering(type(obj), veld) is not VOOR:
        raise ImproperlyConfigured(
            f"{obj._meta.label}.{veld} is not marked shareable before consent; "
            "the profile without a name may not read it."
        )
    return getattr(obj, veld)


def _woord(waarde: int) -> str:
    return str(dict(PRIORITEIT_KEUZES)[waarde])


@dataclass(frozen=True)
class Behoefte:
    naam: str
    belang: str


@dataclass(frozen=True)
class Prioriteit:
    label: str
    belang: str


@dataclass(frozen=True)
class ProfielVoorWoning:
    """The profile without a name, exactly as a home reads it before consent."""

    leeftijd: int
    nodig_vanaf: date
    geslacht: str
    zorgprofiel: str
    zorgintensiteit: str
    behoeften: tuple[Behoefte, ...]
    prioriteiten: tuple[Prioriteit, ...]
    tekst: str


def profiel_voor_woning(
    *, jongere: Jongere, analyse: VerklarendeAnalyse | None, tekst_voor_woning: str
) -> ProfielVoorWoning:
    """The profile a home reads before consent; the coordinator's preview shows this one.

    `analyse` is the version the proposal carries (when sending: the youth's current one);
    `tekst_voor_woning` is the coordinator's text for the home.
    """
    geboortedatum = _deelbaar(jongere, "geboortedatum")
    nodig_vanaf = _deelbaar(jongere, "nodig_vanaf")
    assert isinstance(geboortedatum, date) and isinstance(nodig_vanaf, date)
    _deelbaar(jongere, "geslacht")
    geslacht = str(jongere.get_geslacht_display())
    zorgprofiel = zorgintensiteit = ""
    behoeften: list[Behoefte] = []
    prioriteiten: list[Prioriteit] = []
    if analyse is not None:
        if _deelbaar(analyse, "zorgprofiel"):
            zorgprofiel = str(analyse.get_zorgprofiel_display())
        if _deelbaar(analyse, "zorgintensiteit"):
            zorgintensiteit = str(analyse.get_zorgintensiteit_display())
        for behoefte in analyse.behoeften.select_related("kenmerk").order_by(
            "-belang", "kenmerk__volgorde", "kenmerk__naam"
        ):
            kenmerk = _deelbaar(behoefte, "kenmerk")
            belang = _deelbaar(behoefte, "belang")
            assert isinstance(belang, int)
            behoeften.append(Behoefte(naam=str(kenmerk), belang=_woord(belang)))
        for veld, label in PRIORITEITEN_PROFESSIONEEL:
            waarde = _deelbaar(analyse, veld)
            assert isinstance(waarde, int)
            prioriteiten.append(Prioriteit(label=str(label), belang=_woord(waarde)))
    return ProfielVoorWoning(
        leeftijd=leeftijd_op(geboortedatum, nodig_vanaf),
        nodig_vanaf=nodig_vanaf,
        geslacht=geslacht,
        zorgprofiel=zorgprofiel,
        zorgintensiteit=zorgintensiteit,
        behoeften=tuple(behoeften),
        prioriteiten=tuple(prioriteiten),
        tekst=tekst_voor_woning.strip(),
    )


def bekende_namen(jongere: Jongere) -> list[str]:
    """Names and places the portal itself knows about the youth: the youth's name, the
    family's town, the school and its town, the names on the family's accounts.

    A text for the home before consent may not contain any of them. Names the portal
    does not know (a brother, a grandmother's village) only the warning can catch.
    """
    woorden = [
        jongere.roepnaam,
        jongere.woonplaats,
        jongere.school_naam,
        jongere.school_plaats,
    ]
    mensen = list(jongere.ouders.all())
    if jongere.account is not None:
        mensen.append(jongere.account)
    for persoon in mensen:
        woorden += [persoon.first_name, persoon.last_name]
    uniek: dict[str, str] = {}
    for woord in woorden:
        woord = " ".join(woord.split())
        # One letter is an initial, not a name; too short to refuse a text for.
        if len(woord) >= 2:
            uniek.setdefault(woord.casefold(), woord)
    return list(uniek.values())


def namen_in_tekst(jongere: Jongere, tekst: str) -> list[str]:
    """Which of `bekende_namen` occur in `tekst` as whole words (any case)."""
    gevonden = []
    for naam in bekende_namen(jongere):
        patroon = r"\s+".join(re.escape(deel) for deel in naam.split())
        if re.search(rf"(?<!\w){patroon}(?!\w)", tekst, flags=re.IGNORECASE):
            gevonden.append(naam)
    return gevonden


def fout_in_tekst_voor_woning(jongere: Jongere, tekst: str) -> str | None:
    """The Dutch message for a text for the home that names what the portal knows, or None."""
    namen = namen_in_tekst(jongere, tekst)
    if not namen:
        return None
    return gettext(
        "De tekst voor de woning noemt %(namen)s. De woning leest deze tekst voordat het "
        "gezin toestemming gaf. Haal dit weg, of schrijf het algemener, zoals 'haar school' "
        "in plaats van de naam van de school."
    ) % {"namen": ", ".join(f"'{naam}'" for naam in namen)}
