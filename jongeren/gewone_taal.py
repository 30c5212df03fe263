"""The analysis in plain Dutch (B1) for the youth and their parents.

Professionals read the field names of the model; the family reads these. The attention
signals have plain words only for one place: the family's consent to share the analysis
with a home, where the youth and the parents who decide must know what the home will
read about them (`voorstellen.lezing.wat_gedeeld_wordt`). They never read a resident's.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kern.choices import Signaal, Zorgintensiteit, Zorgprofiel

# Headings on the family's page and in their "what changed" view.
VELD_GEWOON: dict[str, str | Promise] = {
    "factoren": _("Wat meespeelt"),
    "krachten": _("Wat goed gaat"),
    "wat_werkt": _("Wat helpt"),
    "behoeften": _("Wat je nodig hebt"),
    "behoeften_toelichting": _("Meer over wat je nodig hebt"),
    "zorgprofiel": _("Waar je hulp bij nodig hebt"),
    "zorgintensiteit": _("Hoeveel hulp je nodig hebt"),
    "belangrijk_jongere": _("Wat de jongere zelf belangrijk vindt"),
    "belangrijk_ouders": _("Wat de ouders belangrijk vinden"),
    "netwerk": _("Mensen om je heen"),
    "prioriteit_nabijheid": _("Dichtbij familie en vrienden"),
    "prioriteit_onderwijs": _("Op je eigen school blijven"),
    "prioriteit_groep": _("Goed passen bij de andere jongeren"),
    "prioriteit_team": _("Een vast team dat bij je past"),
    "prioriteit_behoeften": _("Wat je nodig hebt"),
}

ZORGPROFIEL_GEWOON: dict[str, str | Promise] = {
    Zorgprofiel.INTERNALISEREND: _(
        "Zorgen en spanning houd je vaak binnen. Bijvoorbeeld: je bent somber of bang."
    ),
    Zorgprofiel.EXTERNALISEREND: _(
        "Zorgen en spanning laat je vaak naar buiten zien. Bijvoorbeeld: je wordt snel boos."
    ),
    Zorgprofiel.TRAUMA: _("Je hebt nare dingen meegemaakt. Die hebben nog veel invloed."),
    Zorgprofiel.LVB: _("Leren en dingen begrijpen kost je meer tijd dan anderen."),
    Zorgprofiel.PSYCHIATRISCH: _("Je hebt hulp nodig van een psychiater of psycholoog."),
    Zorgprofiel.ONTWIKKELING: _("Je ontwikkeling gaat anders dan bij de meeste jongeren."),
}

ZORGINTENSITEIT_GEWOON: dict[str, str | Promise] = {
    Zorgintensiteit.LAAG: _("Een beetje hulp"),
    Zorgintensiteit.MIDDEN: _("Best veel hulp"),
    Zorgintensiteit.HOOG: _("Veel hulp, elke dag"),
}

BELANG_GEWOON: dict[int, str | Promise] = {
    1: _("een beetje belangrijk"),
    2: _("belangrijk"),
    3: _("heel belangrijk"),
}

SIGNAAL_GEWOON: dict[str, str | Promise] = {
    Signaal.SEKSUEEL_GRENSOVERSCHRIJDEND: _("Seksueel gedrag dat over grenzen van anderen gaat"),
    Signaal.SLACHTOFFER_MENSENHANDEL: _("Uitgebuit of gedwongen door anderen (mensenhandel)"),
    Signaal.SUICIDALITEIT: _("Gedachten over zelfdoding"),
    Signaal.ZELFBESCHADIGING: _("Jezelf pijn doen"),
    Signaal.AGRESSIE: _("Heel boos worden, dreigen of slaan"),
    Signaal.VERSLAVING: _("Verslaafd zijn, bijvoorbeeld aan drugs of alcohol"),
    Signaal.CRIMINALITEIT: _("In aanraking gekomen met de politie"),
    Signaal.WEGLOPEN: _("Weglopen"),
}
