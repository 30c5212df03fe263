"""The fixed vocabularies, as Django choices, shared by homes, residents and youths.

Needs and offers are a table (`matching.models.Kenmerk`) because admins extend them;
these lists are fixed because the matching engine's group rules are written in them.
The codes are the ones of `matching.engine.vocabulary`; a test keeps the two in step.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Geslacht(models.TextChoices):
    MAN = "m", _("Jongen / man")
    VROUW = "v", _("Meisje / vrouw")
    ANDERS = "x", _("Anders of onbekend")


class Zorgprofiel(models.TextChoices):
    INTERNALISEREND = "internaliserend", _("Internaliserend (naar binnen gericht)")
    EXTERNALISEREND = "externaliserend", _("Externaliserend (naar buiten gericht)")
    TRAUMA = "trauma", _("Trauma")
    LVB = "lvb", _("Licht verstandelijke beperking (LVB)")
    PSYCHIATRISCH = "psychiatrisch", _("Psychiatrisch")
    ONTWIKKELING = "ontwikkeling", _("Ontwikkelingsproblematiek")


class Zorgintensiteit(models.TextChoices):
    LAAG = "laag", _("Laag")
    MIDDEN = "midden", _("Midden")
    HOOG = "hoog", _("Hoog")


class Signaal(models.TextChoices):
    """Attention signals. Sensitive: shown only to the people the privacy rules name."""

    SEKSUEEL_GRENSOVERSCHRIJDEND = (
        "seksueel_grensoverschrijdend",
        _("Seksueel grensoverschrijdend gedrag"),
    )
    SLACHTOFFER_MENSENHANDEL = "slachtoffer_mensenhandel", _("Slachtoffer van mensenhandel")
    SUICIDALITEIT = "suicidaliteit", _("Suïcidaliteit")
    ZELFBESCHADIGING = "zelfbeschadiging", _("Zelfbeschadiging")
    AGRESSIE = "agressie", _("Agressie")
    VERSLAVING = "verslaving", _("Verslaving")
    CRIMINALITEIT = "criminaliteit", _("Criminaliteit")
    WEGLOPEN = "weglopen", _("Weglopen")


class Omgeving(models.TextChoices):
    WOONWIJK = "woonwijk", _("In een woonwijk")
    INSTELLINGSTERREIN = "instellingsterrein", _("Op een instellingsterrein")
