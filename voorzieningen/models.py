"""Homes (KWV), their teams, their residents and their vacancies.

The numbers that matching relies on are guarded twice: by form and service validation
with a Dutch message for the person, and by database constraints, so that no import,
admin edit or race between two requests can store a home with seven residents.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jongeren.models import SchoolNiveau
from kern import opmaak
from kern.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# The field's quality definition of a KWV (DOMAIN.md): at most six youths, aged 8 to 23,
# at least one staff member for every four youths present.
MAX_BEWONERS = 6
VOORKEUR_BEWONERS = 4
LEEFTIJD_MIN = 8
LEEFTIJD_MAX = 23
JONGEREN_PER_MEDEWERKER = 4


def vacature_bevestig_dagen() -> int:
    """Days after which an unconfirmed vacancy stops counting as open (setting, default 14)."""
    return int(getattr(settings, "VACATURE_BEVESTIG_DAGEN", 14))


def leeftijd_op(geboortemaand: dt.date, op: dt.date) -> int:
    """Age in whole years on `op` for someone born in the month of `geboortemaand`.

    Only the birth month is stored, so the birthday is taken as the first of that month:
    at most a few weeks early, which is precise enough for a group's age range.
    """
    jaren = op.year - geboortemaand.year
    if (op.month, op.day) < (geboortemaand.month, 1):
        jaren -= 1
    return jaren


def verloop(gezien: int, vertrokken: int) -> float:
    return vertrokken / gezien if gezien else 0.0


class Provincie(models.TextChoices):
    GRONINGEN = "Groningen", "Groningen"
    FRIESLAND = "Friesland", "Friesland"
    DRENTHE = "Drenthe", "Drenthe"
    OVERIJSSEL = "Overijssel", "Overijssel"
    FLEVOLAND = "Flevoland", "Flevoland"
    GELDERLAND = "Gelderland", "Gelderland"
    UTRECHT = "Utrecht", "Utrecht"
    NOORD_HOLLAND = "Noord-Holland", "Noord-Holland"
    ZUID_HOLLAND = "Zuid-Holland", "Zuid-Holland"
    ZEELAND = "Zeeland", "Zeeland"
    NOORD_BRABANT = "Noord-Brabant", "Noord-Brabant"
    LIMBURG = "Limburg", "Limburg"


class Ouderdeelname(models.TextChoices):
    """How parents can take part in daily life at the home."""

    MEE_ETEN = "mee_eten", _("Mee-eten")
    LOGEREN = "logeren", _("Blijven slapen (logeren)")
    ACTIVITEITEN = "activiteiten", _("Meedoen met activiteiten")
    VRIJ_BEZOEK = "vrij_bezoek", _("Op bezoek komen zonder afspraak")
    GESPREKKEN = "gesprekken", _("Meepraten in gesprekken over de hulp")
    OUDERAVONDEN = "ouderavonden", _("Ouderavonden en contact met andere ouders")


def validate_signalen(value: object) -> None:
    """Attention signals are stored as a JSON list of distinct `Signaal` codes."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Signalen moeten een lijst met codes zijn."), code="invalid")
    onbekend = sorted(set(value) - set(Signaal.values))
    if onbekend:
        raise ValidationError(
            _("Onbekend signaal: %(codes)s."), code="invalid", params={"codes": ", ".join(onbekend)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Een signaal staat er dubbel in."), code="invalid")


def validate_ouderdeelname(value: object) -> None:
    if not isinstance(value, list) or not set(value) <= set(Ouderdeelname.values):
        raise ValidationError(_("Kies alleen uit de vaste mogelijkheden."), code="invalid")


# --- What a family wants to know about a home ------------------------------------------


class Toegankelijkheid(models.TextChoices):
    """How accessible the building is, for a youth (or a parent) with a disability."""

    ROLSTOEL = "rolstoel", _("Rolstoeltoegankelijk: geen drempels, brede deuren")
    SLAAPKAMER_BENEDEN = "slaapkamer_beneden", _("Een slaapkamer op de begane grond")
    AANGEPASTE_BADKAMER = "aangepaste_badkamer", _("Een aangepaste badkamer")
    LIFT = "lift", _("Een lift of traplift")
    PRIKKELARM = "prikkelarm", _("Een prikkelarme kamer om tot rust te komen")


class Rookbeleid(models.TextChoices):
    ROOKVRIJ = "rookvrij", _("Roken mag nergens, ook niet in de tuin")
    BUITEN = "buiten", _("Roken mag alleen buiten, op een vaste plek")


class Taal(models.TextChoices):
    """Languages the team speaks besides (or instead of) Dutch."""

    NEDERLANDS = "nl", _("Nederlands")
    FRIES = "fy", _("Fries")
    ENGELS = "en", _("Engels")
    ARABISCH = "ar", _("Arabisch")
    TURKS = "tr", _("Turks")
    TAMAZIGHT = "zgh", _("Tamazight (Berbers)")
    PAPIAMENTS = "pap", _("Papiaments")
    POOLS = "pl", _("Pools")
    OEKRAIENS = "uk", _("Oekraïens")
    TIGRINYA = "ti", _("Tigrinya")
    SOMALISCH = "so", _("Somalisch")
    GEBARENTAAL = "ngt", _("Nederlandse Gebarentaal")


class Voeding(models.TextChoices):
    HALAL = "halal", _("Halal eten")
    KOOSJER = "koosjer", _("Koosjer eten")
    VEGETARISCH = "vegetarisch", _("Vegetarisch eten")
    VEGANISTISCH = "veganistisch", _("Veganistisch eten")
    GLUTENVRIJ = "glutenvrij", _("Glutenvrij eten")
    LACTOSEVRIJ = "lactosevrij", _("Lactosevrij eten")


class GeloofCultuur(models.TextChoices):
    """Room the home makes for a youth's religion and culture."""

    GEBEDSPLEK = "gebedsplek", _("Een rustige plek om te bidden")
    GEBEDSHUIS = "gebedshuis", _("Hulp om naar de kerk, moskee, synagoge of tempel te gaan")
    VASTEN = "vasten", _("Rekening houden met vasten, zoals de ramadan")
    FEESTDAGEN = "feestdagen", _("De feestdagen van de jongeren vieren we mee")


@deconstructible
class Keuzelijst:
    """A JSON list of distinct codes from one fixed list (a multiple-choice field)."""

    def __init__(self, keuzes: str) -> None:
        # The dotted name of the choices, so the validator deconstructs for migrations.
        self.keuzes = keuzes

    def codes(self) -> list[str]:
        module, _punt, naam = self.keuzes.rpartition(".")
        return list(getattr(import_module(module), naam).values)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
            raise ValidationError(_("Kies alleen uit de vaste mogelijkheden."), code="invalid")
        if not set(value) <= set(self.codes()):
            raise ValidationError(_("Kies alleen uit de vaste mogelijkheden."), code="invalid")
        if len(set(value)) != len(value):
            raise ValidationError(_("Een keuze staat er dubbel in."), code="invalid")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Keuzelijst) and other.keuzes == self.keuzes

    def __hash__(self) -> int:
        return hash(self.keuzes)


def _labels(codes: list[str], keuzes: type[models.TextChoices]) -> list[str]:
    """The labels of stored codes, in the list's own order; unknown codes are left out."""
    return [str(keuze.label) for keuze in keuzes if keuze.value in codes]


# --- Voorziening -----------------------------------------------------------------------


class VoorzieningQuerySet(models.QuerySet["Voorziening"]):
    def met_teamcijfers(self, op: dt.date) -> VoorzieningQuerySet:
        """Annotate team size on `op` and the counts behind the turnover of the 12 months
        up to `op`; the one definition of both, used per home and for the whole ranking.

        `team_gezien` counts everyone who worked here at some moment in the 365 days up to
        and including `op` (those in the team a year ago plus those who joined since);
        `team_vertrokken` those of them whose end date falls in that window.
        """
        begon = Q(teamleden__begindatum__lte=op)
        blijft = Q(teamleden__einddatum__isnull=True) | Q(teamleden__einddatum__gt=op)
        gezien = begon & (
            Q(teamleden__einddatum__isnull=True)
            | Q(teamleden__einddatum__gt=op - dt.timedelta(days=365))
        )
        return self.annotate(
            team_grootte=models.Count("teamleden", filter=begon & blijft),
            team_gezien=models.Count("teamleden", filter=gezien),
            team_vertrokken=models.Count(
                "teamleden", filter=gezien & Q(teamleden__einddatum__lte=op)
            ),
        )

    def managed_by(self, user: User | AnonymousUser) -> VoorzieningQuerySet:
        """The homes this person may manage: a manager their provider's, an admin all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_functioneel_beheerder:
            return self.all()
        if user.is_beheerder and user.organisatie_id is not None:
            return self.filter(aanbieder_id=user.organisatie_id)
        return self.none()

    def for_user(self, user: User | AnonymousUser) -> VoorzieningQuerySet:
        """The homes this person may look at: coordinators and admins search them all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_coordinator or user.is_functioneel_beheerder:
            return self.all()
        return self.managed_by(user)

    def met_zichtbare_vacatures(self, now: dt.datetime) -> VoorzieningQuerySet:
        """Annotate `open_vacatures` (confirmed recently) and `eerste_vacature` (its date)."""
        zichtbaar = Vacature.zichtbaar_filter(now, prefix="vacatures__")
        return self.annotate(
            open_vacatures=models.Count("vacatures", filter=zichtbaar, distinct=True),
            eerste_vacature=models.Min("vacatures__beschikbaar_vanaf", filter=zichtbaar),
        )


class Voorziening(models.Model):
    """A small-scale residential home (KWV) of a care provider."""

    aanbieder = models.ForeignKey(
        "accounts.Organisatie",
        verbose_name=_("zorgaanbieder"),
        on_delete=models.PROTECT,
        related_name="voorzieningen",
        limit_choices_to={"soort": "zorgaanbieder"},
    )
    naam = models.CharField(_("naam"), max_length=120)
    adres = models.CharField(_("adres"), max_length=200, help_text=_("Straat en huisnummer."))
    postcode = models.CharField(_("postcode"), max_length=7, help_text=_("Bijvoorbeeld 9401 AB."))
    plaats = models.CharField(_("plaats"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=20, choices=Provincie.choices)
    lat = models.FloatField(
        _("breedtegraad"),
        validators=[
            MinValueValidator(50.7, _("Deze breedtegraad ligt niet in Nederland (50,7 tot 53,6).")),
            MaxValueValidator(53.6, _("Deze breedtegraad ligt niet in Nederland (50,7 tot 53,6).")),
        ],
        help_text=_("WGS84, bijvoorbeeld 53.2190."),
    )
    lon = models.FloatField(
        _("lengtegraad"),
        validators=[
            MinValueValidator(3.3, _("Deze lengtegraad ligt niet in Nederland (3,3 tot 7,3).")),
            MaxValueValidator(7.3, _("Deze lengtegraad ligt niet in Nederland (3,3 tot 7,3).")),
        ],
        help_text=_("WGS84, bijvoorbeeld 6.5680."),
    )
    omgeving = models.CharField(
        _("omgeving"), max_length=20, choices=Omgeving.choices, default=Omgeving.WOONWIJK
    )
    gesloten = models.BooleanField(
        _("gesloten voorziening"),
        default=False,
        help_text=_("Alleen voor jongeren met een machtiging gesloten jeugdhulp."),
    )
    max_bewoners = models.PositiveSmallIntegerField(
        _("maximaal aantal bewoners"),
        default=VOORKEUR_BEWONERS,
        validators=[
            MinValueValidator(1, _("Er moet plek zijn voor minstens één jongere.")),
            MaxValueValidator(
                MAX_BEWONERS,
                _("Een kleinschalige woonvoorziening heeft hoogstens 6 bewoners."),
            ),
        ],
    )
    voorkeur_bewoners = models.PositiveSmallIntegerField(
        _("gewenst aantal bewoners"),
        default=VOORKEUR_BEWONERS,
        validators=[
            MinValueValidator(1, _("Het gewenste aantal is minstens 1.")),
            MaxValueValidator(MAX_BEWONERS, _("Het gewenste aantal is hoogstens 6.")),
        ],
        help_text=_("De groepsgrootte die jullie het liefst hebben; 4 of minder werkt het best."),
    )
    leeftijd_min = models.PositiveSmallIntegerField(
        _("jongste leeftijd"),
        default=12,
        validators=[
            MinValueValidator(LEEFTIJD_MIN, _("Een KWV is voor jongeren van 8 tot en met 23.")),
            MaxValueValidator(LEEFTIJD_MAX, _("Een KWV is voor jongeren van 8 tot en met 23.")),
        ],
    )
    leeftijd_max = models.PositiveSmallIntegerField(
        _("oudste leeftijd"),
        default=18,
        validators=[
            MinValueValidator(LEEFTIJD_MIN, _("Een KWV is voor jongeren van 8 tot en met 23.")),
            MaxValueValidator(LEEFTIJD_MAX, _("Een KWV is voor jongeren van 8 tot en met 23.")),
        ],
    )
    aanbod = models.ManyToManyField(
        "kern.Kenmerk",
        verbose_name=_("wat de woning biedt"),
        related_name="voorzieningen",
        blank=True,
    )
    medewerkers_per_dienst = models.PositiveSmallIntegerField(
        _("medewerkers per dienst"),
        default=1,
        validators=[
            MinValueValidator(1, _("Er is altijd minstens één medewerker op de groep.")),
            MaxValueValidator(12, _("Vul het gewone aantal per dienst in, hoogstens 12.")),
        ],
        help_text=_("Hoeveel medewerkers er gewoonlijk tegelijk op de groep zijn."),
    )
    ouderdeelname = models.JSONField(
        _("hoe ouders meedoen"),
        default=list,
        blank=True,
        validators=[validate_ouderdeelname],
    )
    ouderdeelname_toelichting = models.CharField(
        _("toelichting voor ouders"), max_length=300, blank=True
    )
    beschrijving = models.TextField(
        _("beschrijving"),
        blank=True,
        help_text=_("Kort en in gewone taal: jongeren en ouders lezen dit."),
    )
    # What a family wants to picture: the rooms, the building, daily life.
    eigen_kamer = models.BooleanField(_("iedere jongere heeft een eigen slaapkamer"), default=True)
    kamers_toelichting = models.CharField(
        _("over de kamers"),
        max_length=300,
        blank=True,
        help_text=_(
            "Bijvoorbeeld: twee jongeren delen een badkamer; je mag je kamer zelf inrichten."
        ),
    )
    toegankelijkheid = models.JSONField(
        _("toegankelijkheid van het gebouw"),
        default=list,
        blank=True,
        validators=[Keuzelijst("voorzieningen.models.Toegankelijkheid")],
    )
    huisdieren = models.CharField(
        _("huisdieren in huis"),
        max_length=200,
        blank=True,
        help_text=_("Welke dieren wonen er, bijvoorbeeld: een hond en twee katten. Leeg: geen."),
    )
    eigen_huisdier = models.BooleanField(
        _("een eigen huisdier meenemen kan, in overleg"), default=False
    )
    roken = models.CharField(_("roken"), max_length=20, choices=Rookbeleid.choices, blank=True)
    huisregels = models.TextField(
        _("huisregels"),
        blank=True,
        help_text=_("De belangrijkste afspraken in huis, in gewone taal: eten, bedtijd, telefoon."),
    )
    talen = models.JSONField(
        _("talen die het team spreekt"),
        default=list,
        blank=True,
        validators=[Keuzelijst("voorzieningen.models.Taal")],
    )
    talen_anders = models.CharField(
        _("andere talen"),
        max_length=200,
        blank=True,
        help_text=_("Talen die niet in de lijst staan."),
    )
    voeding = models.JSONField(
        _("eten"),
        default=list,
        blank=True,
        validators=[Keuzelijst("voorzieningen.models.Voeding")],
    )
    geloof_cultuur = models.JSONField(
        _("geloof en cultuur"),
        default=list,
        blank=True,
        validators=[Keuzelijst("voorzieningen.models.GeloofCultuur")],
    )
    geloof_cultuur_toelichting = models.CharField(
        _("over geloof en cultuur"), max_length=300, blank=True
    )
    opent_op = models.DateField(
        _("opent op"),
        null=True,
        blank=True,
        help_text=_("Alleen invullen als de woning nog niet open is."),
    )
    # Kept by the services under select_for_update; the constraint below is the last guard.
    bewoners_aantal = models.PositiveSmallIntegerField(
        _("aantal bewoners"), default=0, editable=False
    )
    # Raised by every change to the group (see signals.announce_group_change), so the stored
    # group picture can tell an old recompute from a new one.
    groep_versie = models.PositiveIntegerField(_("groepsversie"), default=0, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = VoorzieningQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["naam"]
        verbose_name = _("voorziening")
        verbose_name_plural = _("voorzieningen")
        constraints = [
            models.UniqueConstraint(
                fields=["aanbieder", "naam"], name="voorziening_naam_uniek_per_aanbieder"
            ),
            models.CheckConstraint(
                condition=Q(max_bewoners__gte=1, max_bewoners__lte=MAX_BEWONERS),
                name="voorziening_max_bewoners_1_6",
                violation_error_message=_(
                    "Een kleinschalige woonvoorziening heeft 1 tot en met 6 plekken."
                ),
            ),
            models.CheckConstraint(
                condition=Q(voorkeur_bewoners__gte=1, voorkeur_bewoners__lte=F("max_bewoners")),
                name="voorziening_voorkeur_tot_max",
                violation_error_message=_("Het gewenste aantal kan niet boven het maximum."),
            ),
            models.CheckConstraint(
                condition=Q(leeftijd_min__gte=LEEFTIJD_MIN, leeftijd_max__lte=LEEFTIJD_MAX),
                name="voorziening_leeftijd_8_23",
                violation_error_message=_("Een KWV is voor jongeren van 8 tot en met 23."),
            ),
            models.CheckConstraint(
                condition=Q(leeftijd_min__lte=F("leeftijd_max")),
                name="voorziening_leeftijd_min_tot_max",
                violation_error_message=_("De oudste leeftijd kan niet lager zijn dan de jongste."),
            ),
            models.CheckConstraint(
                condition=Q(medewerkers_per_dienst__gte=1),
                name="voorziening_medewerkers_per_dienst_min_1",
                violation_error_message=_("Er is altijd minstens één medewerker op de groep."),
            ),
            models.CheckConstraint(
                condition=Q(bewoners_aantal__lte=F("max_bewoners")),
                name="voorziening_bewoners_tot_max",
                violation_error_message=_("Er wonen meer jongeren dan het maximum toestaat."),
            ),
            models.CheckConstraint(
                condition=Q(omgeving__in=Omgeving.values), name="voorziening_omgeving_geldig"
            ),
        ]
        indexes = [models.Index(fields=["provincie", "plaats"], name="voorziening_plaats_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.plaats})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.leeftijd_min is not None
            and self.leeftijd_max is not None
            and self.leeftijd_min > self.leeftijd_max
        ):
            errors["leeftijd_max"] = gettext(
                "De oudste leeftijd kan niet lager zijn dan de jongste."
            )
        if (
            self.voorkeur_bewoners is not None
            and self.max_bewoners is not None
            and self.voorkeur_bewoners > self.max_bewoners
        ):
            errors["voorkeur_bewoners"] = gettext("Het gewenste aantal kan niet boven het maximum.")
        if self.max_bewoners is not None and self.max_bewoners < self.bewoners_aantal:
            errors["max_bewoners"] = gettext(
                "Er wonen nu %(aantal)s jongeren; het maximum kan niet lager."
            ) % {"aantal": self.bewoners_aantal}
        if errors:
            raise ValidationError(errors)

    def get_ouderdeelname_display(self) -> list[str]:
        return [
            str(Ouderdeelname(code).label)
            for code in self.ouderdeelname
            if code in Ouderdeelname.values
        ]

    def get_toegankelijkheid_display(self) -> list[str]:
        return _labels(self.toegankelijkheid, Toegankelijkheid)

    def get_talen_display(self) -> list[str]:
        return _labels(self.talen, Taal)

    def get_voeding_display(self) -> list[str]:
        return _labels(self.voeding, Voeding)

    def get_geloof_cultuur_display(self) -> list[str]:
        return _labels(self.geloof_cultuur, GeloofCultuur)

    # Occupancy ---------------------------------------------------------------------

    @property
    def vrije_plaatsen(self) -> int:
        return max(self.max_bewoners - self.bewoners_aantal, 0)

    @property
    def is_vol(self) -> bool:
        return self.bewoners_aantal >= self.max_bewoners

    def opent_binnenkort(self, op: dt.date | None = None) -> bool:
        """A home that is not open yet: it can be found, but is marked."""
        return self.opent_op is not None and self.opent_op > (op or timezone.localdate())

    def vacatures_in_gebruik(self) -> int:
        """Vacancies that hold a free place: open (confirmed or not) and reserved ones."""
        return self.vacatures.filter(
            status__in=[Vacature.Status.OPEN, Vacature.Status.GERESERVEERD]
        ).count()

    # Team ----------------------------------------------------------------------------

    def team_grootte(self, op: dt.date) -> int:
        """Number of team members working here on `op` (started, not yet left)."""
        return self.teamleden.actief(op).count()

    def verloop_12m(self, op: dt.date) -> float:
        """Turnover: the share (0 to 1) of the team of the last 12 months that left in
        them (see `VoorzieningQuerySet.met_teamcijfers`). No team: no turnover (0.0)."""
        home = Voorziening.objects.met_teamcijfers(op).get(pk=self.pk)
        return verloop(getattr(home, "team_gezien"), getattr(home, "team_vertrokken"))  # noqa: B009

    @property
    def jongeren_per_medewerker(self) -> float | None:
        """Residents per staff member on a shift (None in an empty home)."""
        if not self.bewoners_aantal:
            return None
        return self.bewoners_aantal / self.medewerkers_per_dienst

    @property
    def breekt_personeelsnorm(self) -> bool:
        """True when fewer than one staff member per four residents is on the group."""
        return self.bewoners_aantal > JONGEREN_PER_MEDEWERKER * self.medewerkers_per_dienst

    # Group composition ---------------------------------------------------------------

    def samenstelling(self, op: dt.date | None = None) -> Groepssamenstelling:
        """Who lives here now, in counts only: never individual residents. (The group
        picture with its risk is `matching.models.Groepsbeeld`.)

        Attention signals are left out on purpose: this is what coordinators may see.
        """
        op = op or timezone.localdate()
        bewoners = list(
            self.plaatsingen.actief(op).values_list("geboortemaand", "geslacht", "zorgprofiel")
        )
        leeftijden = sorted(leeftijd_op(bewoner[0], op) for bewoner in bewoners)
        geslachten = Counter(bewoner[1] for bewoner in bewoners)
        profielen = Counter(bewoner[2] for bewoner in bewoners)
        return Groepssamenstelling(
            aantal=len(bewoners),
            jongste=leeftijden[0] if leeftijden else None,
            oudste=leeftijden[-1] if leeftijden else None,
            geslachten=[
                (str(Geslacht(code).label), aantal)
                for code in Geslacht.values
                if (aantal := geslachten[code])
            ],
            zorgprofielen=[
                (str(Zorgprofiel(code).label), aantal)
                for code in Zorgprofiel.values
                if (aantal := profielen[code])
            ],
        )


@dataclass(frozen=True)
class Groepssamenstelling:
    """Counts only: how many residents, their age range, gender mix and care profiles."""

    aantal: int
    jongste: int | None
    oudste: int | None
    geslachten: list[tuple[str, int]]
    zorgprofielen: list[tuple[str, int]]


class Onderwijs(models.Model):
    """A school or education arrangement near the home."""

    class Soort(models.TextChoices):
        REGULIER = "regulier", _("Regulier onderwijs")
        SPECIAAL = "speciaal", _("Speciaal onderwijs")
        ONDERWIJS_ZORG = "onderwijs_zorg", _("Onderwijs-zorgarrangement")

    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.CASCADE, related_name="onderwijs", verbose_name=_("woning")
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    naam = models.CharField(_("naam"), max_length=150)
    afstand_km = models.DecimalField(
        _("afstand in km"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(0, _("Een afstand is 0 of meer.")),
            MaxValueValidator(99, _("Vul een afstand onder de 100 km in.")),
        ],
    )
    niveaus = models.JSONField(
        _("niveaus"),
        default=list,
        blank=True,
        validators=[Keuzelijst("jongeren.models.SchoolNiveau")],
        help_text=_("Op welke niveaus jongeren hier les krijgen."),
    )

    class Meta:
        ordering = ["afstand_km", "naam"]
        verbose_name = _("onderwijs in de buurt")
        verbose_name_plural = _("onderwijs in de buurt")
        constraints = [
            models.CheckConstraint(condition=Q(afstand_km__gte=0), name="onderwijs_afstand_min_0")
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_soort_display()}, {self.afstand_km} km)"

    def get_niveaus_display(self) -> list[str]:
        return _labels(self.niveaus, SchoolNiveau)


class Behandelpartner(models.Model):
    """A treatment partner that comes to the home, so a youth need not move for care."""

    voorziening = models.ForeignKey(
        Voorziening,
        on_delete=models.CASCADE,
        related_name="behandelpartners",
        verbose_name=_("woning"),
    )
    naam = models.CharField(_("naam"), max_length=150)
    behandeling = models.CharField(
        _("wat zij bieden"), max_length=200, help_text=_("Bijvoorbeeld: traumabehandeling, GGZ.")
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = _("behandelpartner")
        verbose_name_plural = _("behandelpartners")

    def __str__(self) -> str:
        return self.naam


# --- Admission policy --------------------------------------------------------------------


class Toelatingsregel(models.Model):
    """One rule of a home's admission policy, in the home's own words.

    A hard rule makes the home not eligible for a youth it does not fit, with the home's
    reason as the explanation; a preference costs points and raises an attention point.
    The matching engine reads these as `AdmissionPolicy` (matching.engine.policy). Age is
    not a rule here: the home's age range already is one.
    """

    class Soort(models.TextChoices):
        GESLACHT = "geslacht", _("Alleen meisjes of alleen jongens")
        GEEN_MACHTIGING = (
            "geen_machtiging",
            _("Geen jongeren met een machtiging gesloten jeugdhulp"),
        )
        BEHOEFTE = "behoefte", _("Iets wat een jongere nodig heeft en wij niet kunnen bieden")

    class Sterkte(models.TextChoices):
        HARD = "hard", _("Harde regel: de woning komt dan niet in aanmerking")
        VOORKEUR = "voorkeur", _("Voorkeur: het telt mee, maar sluit niemand uit")

    class Geslacht(models.TextChoices):
        MEISJES = "v", _("Alleen meisjes")
        JONGENS = "m", _("Alleen jongens")

    voorziening = models.ForeignKey(
        Voorziening,
        on_delete=models.CASCADE,
        related_name="toelatingsregels",
        verbose_name=_("woning"),
    )
    soort = models.CharField(_("regel"), max_length=20, choices=Soort.choices)
    geslacht = models.CharField(
        _("wie"),
        max_length=1,
        choices=Geslacht.choices,
        blank=True,
        help_text=_("Alleen bij de regel over meisjes of jongens."),
    )
    kenmerk = models.ForeignKey(
        "kern.Kenmerk",
        verbose_name=_("wat wij niet kunnen bieden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Alleen bij de regel over wat een jongere nodig heeft."),
    )
    sterkte = models.CharField(
        _("hoe streng"), max_length=10, choices=Sterkte.choices, default=Sterkte.VOORKEUR
    )
    reden = models.CharField(
        _("waarom"),
        max_length=300,
        help_text=_(
            "In jullie eigen woorden. Coördinatoren, jongeren en ouders lezen dit als de "
            "regel een jongere raakt."
        ),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["soort", "pk"]
        verbose_name = _("toelatingsregel")
        verbose_name_plural = _("toelatingsbeleid")
        constraints = [
            models.CheckConstraint(
                condition=(Q(soort="geslacht") & Q(geslacht__in=["v", "m"]) & Q(kenmerk=None))
                | (Q(soort="behoefte") & Q(geslacht="") & ~Q(kenmerk=None))
                | (Q(soort="geen_machtiging") & Q(geslacht="") & Q(kenmerk=None)),
                name="toelatingsregel_velden_bij_soort",
                violation_error_message=_("Deze regel is niet volledig ingevuld."),
            ),
            models.CheckConstraint(
                condition=Q(sterkte__in=["hard", "voorkeur"]), name="toelatingsregel_sterkte"
            ),
            models.CheckConstraint(condition=~Q(reden=""), name="toelatingsregel_met_reden"),
            models.UniqueConstraint(
                fields=["voorziening", "soort"],
                condition=~Q(soort="behoefte"),
                name="toelatingsregel_eenmaal_per_soort",
                violation_error_message=_("Deze regel staat er al."),
            ),
            models.UniqueConstraint(
                fields=["voorziening", "kenmerk"],
                condition=Q(soort="behoefte"),
                name="toelatingsregel_eenmaal_per_behoefte",
                violation_error_message=_("Deze regel staat er al."),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.soort == self.Soort.GESLACHT:
            if self.geslacht not in self.Geslacht.values:
                errors["geslacht"] = gettext("Kies: alleen meisjes of alleen jongens.")
            self.kenmerk = None
        elif self.soort == self.Soort.BEHOEFTE:
            if self.kenmerk_id is None:
                errors["kenmerk"] = gettext("Kies wat jullie niet kunnen bieden.")
            self.geslacht = ""
        else:
            self.geslacht = ""
            self.kenmerk = None
        if not (self.reden or "").strip():
            errors["reden"] = gettext("Schrijf kort op waarom. Dat lezen anderen bij de regel.")
        if errors:
            raise ValidationError(errors)

    def omschrijving(self) -> str:
        """The rule in words: "Alleen meisjes", "Kan niet bieden: verslavingszorg"."""
        if self.soort == self.Soort.GESLACHT:
            return str(self.Geslacht(self.geslacht).label) if self.geslacht else ""
        if self.soort == self.Soort.BEHOEFTE:
            naam = self.kenmerk.naam if self.kenmerk is not None else ""
            return gettext("Kan niet bieden: %(wat)s") % {"wat": naam}
        return str(self.Soort.GEEN_MACHTIGING.label)


# --- Photos --------------------------------------------------------------------------------


class FotoWoning(models.Model):
    """A photo of a home, as the portal re-encoded it: pixels only, no hidden metadata.

    Stored in the database rather than in a media folder: a home has a handful, each a few
    hundred kilobytes, and a photo is served only to signed-in people who may see the home
    (`voorzieningen.views.foto`), never as a public file.
    """

    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.CASCADE, related_name="fotos", verbose_name=_("woning")
    )
    inhoud = models.BinaryField(_("foto (JPEG)"), editable=False)
    breedte = models.PositiveSmallIntegerField(_("breedte"), editable=False)
    hoogte = models.PositiveSmallIntegerField(_("hoogte"), editable=False)
    beschrijving = models.CharField(
        _("wat staat er op de foto"),
        max_length=200,
        help_text=_(
            "Voor wie de foto niet kan zien, bijvoorbeeld: de woonkamer met een grote tafel. "
            "Geen mensen op de foto."
        ),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["volgorde", "pk"]
        verbose_name = _("foto van de woning")
        verbose_name_plural = _("foto's van de woning")

    def __str__(self) -> str:
        return self.beschrijving


# --- Team ------------------------------------------------------------------------------


class TeamlidQuerySet(models.QuerySet["Teamlid"]):
    def actief(self, op: dt.date) -> TeamlidQuerySet:
        """Members who work here on `op`: started on or before it, not yet left."""
        return self.filter(begindatum__lte=op).filter(
            Q(einddatum__isnull=True) | Q(einddatum__gt=op)
        )


class Teamlid(models.Model):
    """A team member, with no more personal data than the matching needs."""

    class Functie(models.TextChoices):
        PEDAGOGISCH_MEDEWERKER = "pedagogisch_medewerker", _("Pedagogisch medewerker")
        PERSOONLIJK_BEGELEIDER = "persoonlijk_begeleider", _("Persoonlijk begeleider")
        GEDRAGSWETENSCHAPPER = "gedragswetenschapper", _("Gedragswetenschapper")
        TEAMLEIDER = "teamleider", _("Teamleider")
        ERVARINGSDESKUNDIGE = "ervaringsdeskundige", _("Ervaringsdeskundige")
        NACHTMEDEWERKER = "nachtmedewerker", _("Nachtmedewerker")
        ANDERS = "anders", _("Andere functie")

    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.CASCADE, related_name="teamleden", verbose_name=_("woning")
    )
    naam = models.CharField(
        _("voornaam of initialen"),
        max_length=50,
        help_text=_("Geen achternaam nodig: jongeren en ouders zien deze naam."),
    )
    functie = models.CharField(_("functie"), max_length=30, choices=Functie.choices)
    competenties = models.ManyToManyField(
        "kern.Kenmerk", verbose_name=_("competenties"), related_name="teamleden", blank=True
    )
    jaren_ervaring = models.PositiveSmallIntegerField(
        _("jaren ervaring in de jeugdzorg"),
        default=0,
        validators=[MaxValueValidator(50, _("Vul hoogstens 50 jaar in."))],
    )
    begindatum = models.DateField(_("in het team sinds"))
    einddatum = models.DateField(_("uit het team op"), null=True, blank=True)
    # Lets the matching adapter notice a changed team without reading every member.
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = TeamlidQuerySet.as_manager()

    class Meta:
        ordering = ["naam", "begindatum"]
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("begindatum")),
                name="teamlid_einde_na_begin",
                violation_error_message=_("De einddatum ligt voor de datum waarop iemand begon."),
            ),
        ]
        indexes = [models.Index(fields=["voorziening", "einddatum"], name="teamlid_actief_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_functie_display()})"

    def clean(self) -> None:
        super().clean()
        if self.einddatum and self.begindatum and self.einddatum < self.begindatum:
            raise ValidationError(
                {"einddatum": _("De einddatum ligt voor de datum waarop iemand begon.")}
            )


# --- Residents ---------------------------------------------------------------------------


class PlaatsingQuerySet(models.QuerySet["Plaatsing"]):
    def actief(self, op: dt.date) -> PlaatsingQuerySet:
        """Residents living in the home on `op`: arrived on or before it, not yet left."""
        return self.filter(aankomst__lte=op).filter(Q(einde__isnull=True) | Q(einde__gt=op))

    def lopend(self) -> PlaatsingQuerySet:
        """Stays without a registered departure: these hold a place (`bewoners_aantal`)."""
        return self.filter(einde__isnull=True)


class Plaatsing(models.Model):
    """One stay of one resident in a home, with the minimal profile the group picture needs."""

    class Eindreden(models.TextChoices):
        GEPLAND = "gepland", _("Geplande overgang")
        TERUG_NAAR_HUIS = "terug_naar_huis", _("Terug naar huis")
        GEZIN_PLEEGZORG = "gezin_pleegzorg", _("Naar een gezin of pleegzorg")
        ZELFSTANDIG = "zelfstandig", _("Zelfstandig wonen")
        BREUK_VEILIGHEID = "breuk_veiligheid", _("Voortijdig beëindigd: veiligheid")
        BREUK_ANDERS = "breuk_anders", _("Voortijdig beëindigd: andere reden")
        OP_VERZOEK_JONGERE = "op_verzoek_jongere", _("Op verzoek van de jongere")

    # What counts as a breakdown (a stay ended early, against the plan): the one definition
    # the outcomes, the stability figures and the regional picture count by.
    EINDREDENEN_BREUK = frozenset({Eindreden.BREUK_VEILIGHEID, Eindreden.BREUK_ANDERS})

    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.PROTECT, related_name="plaatsingen", verbose_name=_("woning")
    )
    aanduiding = models.CharField(
        _("eigen aanduiding"),
        max_length=20,
        blank=True,
        help_text=_(
            "Zodat jullie de bewoner herkennen, bijvoorbeeld initialen. "
            "Alleen jullie zien dit; geen volledige naam."
        ),
    )
    geboortemaand = models.DateField(_("geboortemaand"), help_text=_("Jaar en maand."))
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices)
    zorgprofiel = models.CharField(_("zorgprofiel"), max_length=20, choices=Zorgprofiel.choices)
    zorgintensiteit = models.CharField(
        _("zorgintensiteit"), max_length=10, choices=Zorgintensiteit.choices
    )
    signalen = models.JSONField(
        _("aandachtssignalen"), default=list, blank=True, validators=[validate_signalen]
    )
    jongere = models.ForeignKey(
        "jongeren.Jongere",
        verbose_name=_("jongere"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plaatsingen",
        help_text=_("Gezet als de bewoner via een voorstel in het portaal kwam."),
    )
    aankomst = models.DateField(_("aankomst"))
    geplande_einde = models.DateField(_("gepland einde"), null=True, blank=True)
    einde = models.DateField(_("vertrokken op"), null=True, blank=True)
    eindreden = models.CharField(
        _("reden van vertrek"), max_length=20, choices=Eindreden.choices, blank=True
    )
    opzegtermijn_dagen = models.PositiveSmallIntegerField(
        _("aangekondigd (dagen vooraf)"), null=True, blank=True
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    # What the matching said when the stay began, so outcomes can calibrate the score
    # (the "uitkomsten" page). Empty for residents registered outside a proposal.
    score_bij_plaatsing = models.FloatField(
        _("score bij plaatsing"),
        null=True,
        blank=True,
        help_text=_("De score van de matching (0-100) toen de jongere via een voorstel kwam."),
    )
    aandachtspunten_bij_plaatsing = models.PositiveSmallIntegerField(
        _("aandachtspunten bij plaatsing"), null=True, blank=True
    )
    synthetisch = models.BooleanField(
        _("synthetische demogegevens"),
        default=False,
        help_text=_("Verzonnen verblijf uit de demodata; telt niet als echte uitkomst."),
    )
    # The resident's own mentor, chosen from the home's team after arrival: by the youth,
    # or recorded by the coordinator for a youth without an account.
    mentor = models.ForeignKey(
        Teamlid,
        verbose_name=_("mentor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_van",
    )
    mentor_gekozen_op = models.DateTimeField(_("mentor gekozen op"), null=True, blank=True)
    mentor_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentorkeuze vastgelegd door de coördinator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: de jongere koos zelf."),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = PlaatsingQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["aankomst", "pk"]
        verbose_name = _("plaatsing (bewoner)")
        verbose_name_plural = _("plaatsingen (bewoners)")
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=F("aankomst")),
                name="plaatsing_einde_na_aankomst",
                violation_error_message=_("De vertrekdatum ligt voor de aankomst."),
            ),
            models.CheckConstraint(
                condition=Q(geplande_einde__isnull=True) | Q(geplande_einde__gt=F("aankomst")),
                name="plaatsing_gepland_einde_na_aankomst",
                violation_error_message=_("Het geplande einde ligt niet na de aankomst."),
            ),
            models.CheckConstraint(
                # A stay that ended has a reason; a current stay has none.
                condition=Q(einde__isnull=True, eindreden="")
                | (Q(einde__isnull=False) & ~Q(eindreden="")),
                name="plaatsing_eindreden_bij_einde",
                violation_error_message=_("Bij een vertrek hoort een reden, en alleen dan."),
            ),
            models.CheckConstraint(
                condition=Q(geslacht__in=Geslacht.values), name="plaatsing_geslacht_geldig"
            ),
            models.CheckConstraint(
                condition=Q(zorgprofiel__in=Zorgprofiel.values), name="plaatsing_profiel_geldig"
            ),
            models.CheckConstraint(
                condition=Q(zorgintensiteit__in=Zorgintensiteit.values),
                name="plaatsing_intensiteit_geldig",
            ),
        ]
        indexes = [
            models.Index(fields=["voorziening", "einde"], name="plaatsing_actief_idx"),
        ]

    def __str__(self) -> str:
        wie = self.aanduiding or self.get_geslacht_display()
        return f"{wie}, {self.get_zorgprofiel_display()} ({self.voorziening.naam})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.geboortemaand:
            self.geboortemaand = self.geboortemaand.replace(day=1)
        if self.geboortemaand and self.aankomst:
            leeftijd = leeftijd_op(self.geboortemaand, self.aankomst)
            if not LEEFTIJD_MIN <= leeftijd <= LEEFTIJD_MAX:
                errors["geboortemaand"] = gettext(
                    "Bij aankomst zou deze jongere %(leeftijd)s jaar zijn. Een KWV is voor "
                    "jongeren van 8 tot en met 23. Kijk de geboortemaand na."
                ) % {"leeftijd": leeftijd}
        if self.aankomst and self.einde and self.einde < self.aankomst:
            errors["einde"] = gettext("De vertrekdatum ligt voor de aankomst (%(aankomst)s).") % {
                "aankomst": opmaak.datum(self.aankomst)
            }
        if self.aankomst and self.geplande_einde and self.geplande_einde <= self.aankomst:
            errors["geplande_einde"] = gettext("Het geplande einde ligt niet na de aankomst.")
        if self.einde and not self.eindreden:
            errors["eindreden"] = gettext("Kies de reden van vertrek.")
        if errors:
            raise ValidationError(errors)

    def leeftijd(self, op: dt.date | None = None) -> int:
        return leeftijd_op(self.geboortemaand, op or timezone.localdate())

    def get_signalen_display(self) -> list[str]:
        return [str(Signaal(code).label) for code in self.signalen if code in Signaal.values]

    @property
    def is_breuk(self) -> bool:
        return self.eindreden in self.EINDREDENEN_BREUK

    def overgang_vanaf(self) -> dt.date:
        """The day this resident turns 17½: from then on the stay prepares for 18."""
        geboren = self.jongere.geboortedatum if self.jongere is not None else self.geboortemaand
        return overgang_vanaf(geboren)

    def overgang_nu(self, op: dt.date | None = None) -> bool:
        """Does the transition checklist apply now: a current stay of a resident of 17½+?"""
        return self.einde is None and (op or timezone.localdate()) >= self.overgang_vanaf()

    def overgangslijst(self) -> list[Overgangspunt]:
        """The four items of the transition checklist, in order; an item nobody touched yet
        is an unsaved row with status "nog niet geregeld"."""
        opgeslagen = {p.onderwerp: p for p in self.overgangspunten.select_related("door")}
        return [
            opgeslagen.get(onderwerp) or Overgangspunt(plaatsing=self, onderwerp=onderwerp)
            for onderwerp in Overgangspunt.Onderwerp.values
        ]


def overgang_vanaf(geboortedatum: dt.date) -> dt.date:
    """The day someone born on `geboortedatum` turns 17½ (the end of a short month counts)."""
    jaar, maand = geboortedatum.year + 17, geboortedatum.month + 6
    if maand > 12:
        jaar, maand = jaar + 1, maand - 12
    return dt.date(jaar, maand, min(geboortedatum.day, calendar.monthrange(jaar, maand)[1]))


class Overgangspunt(models.Model):
    """One item of the transition checklist of a resident from 17½: what must be arranged
    before 18 (housing, income, school or work, continued youth care until 23). The youth,
    the coordinator and the home's manager keep it up; the history keeps every change."""

    class Onderwerp(models.TextChoices):
        WONEN = "wonen", _("Wonen")
        INKOMEN = "inkomen", _("Inkomen")
        SCHOOL_WERK = "school_werk", _("School of werk")
        VERLENGDE_JEUGDHULP = "verlengde_jeugdhulp", _("Verlengde jeugdhulp (tot 23 jaar)")

    class Status(models.TextChoices):
        OPEN = "open", _("Nog niet geregeld")
        BEZIG = "bezig", _("Mee bezig")
        GEREGELD = "geregeld", _("Geregeld")
        NIET_NODIG = "niet_nodig", _("Niet nodig")

    # An item with one of these statuses needs no more attention.
    AFGEROND = frozenset({Status.GEREGELD, Status.NIET_NODIG})

    plaatsing = models.ForeignKey(
        Plaatsing,
        verbose_name=_("verblijf"),
        on_delete=models.CASCADE,
        related_name="overgangspunten",
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=30, choices=Onderwerp.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    notitie = models.TextField(_("notitie"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laatst gewijzigd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["plaatsing", "onderwerp"]
        verbose_name = _("punt op de overgangslijst")
        verbose_name_plural = _("overgangslijst (vanaf 17½)")
        constraints = [
            models.UniqueConstraint(
                fields=["plaatsing", "onderwerp"], name="overgangspunt_uniek_per_verblijf"
            ),
            models.CheckConstraint(
                condition=Q(
                    onderwerp__in=["wonen", "inkomen", "school_werk", "verlengde_jeugdhulp"]
                ),
                name="overgangspunt_onderwerp_geldig",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "bezig", "geregeld", "niet_nodig"]),
                name="overgangspunt_status_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_onderwerp_display()}: {self.get_status_display()}"

    @property
    def is_afgerond(self) -> bool:
        return self.status in self.AFGEROND


# --- Vacancies -----------------------------------------------------------------------


class VacatureQuerySet(models.QuerySet["Vacature"]):
    def zichtbaar(self, now: dt.datetime) -> VacatureQuerySet:
        """Open vacancies confirmed within VACATURE_BEVESTIG_DAGEN: what searchers see."""
        return self.filter(Vacature.zichtbaar_filter(now))

    def te_bevestigen(self, now: dt.datetime) -> VacatureQuerySet:
        """Open vacancies that went unconfirmed too long: the manager is asked to confirm."""
        grens = now - dt.timedelta(days=vacature_bevestig_dagen())
        return self.filter(status=Vacature.Status.OPEN, laatst_bevestigd__lt=grens)

    def in_gebruik(self) -> VacatureQuerySet:
        """Vacancies that hold a place: open and reserved ones."""
        return self.filter(status__in=[Vacature.Status.OPEN, Vacature.Status.GERESERVEERD])


class Vacature(models.Model):
    """A free place in a home from a date, kept true by regular confirmation."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        GERESERVEERD = "gereserveerd", _("Gereserveerd voor een voorstel")
        VERVULD = "vervuld", _("Vervuld")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    voorziening = models.ForeignKey(
        Voorziening, on_delete=models.CASCADE, related_name="vacatures", verbose_name=_("woning")
    )
    beschikbaar_vanaf = models.DateField(_("vrij vanaf"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    laatst_bevestigd = models.DateTimeField(_("laatst bevestigd"), default=timezone.now)
    plaatsing = models.OneToOneField(
        Plaatsing,
        verbose_name=_("vervuld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="vacature",
    )
    aangemaakt_op = models.DateTimeField(_("geplaatst op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    objects = VacatureQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["beschikbaar_vanaf", "pk"]
        verbose_name = _("vacature")
        verbose_name_plural = _("vacatures")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "gereserveerd", "vervuld", "ingetrokken"]),
                name="vacature_status_geldig",
            ),
        ]
        indexes = [
            models.Index(fields=["voorziening", "status"], name="vacature_woning_status_idx"),
            models.Index(fields=["status", "laatst_bevestigd"], name="vacature_zichtbaar_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.voorziening.naam}: vrij vanaf {opmaak.datum(self.beschikbaar_vanaf)}"

    @staticmethod
    def zichtbaar_filter(now: dt.datetime, prefix: str = "") -> Q:
        grens = now - dt.timedelta(days=vacature_bevestig_dagen())
        return Q(
            **{f"{prefix}status": Vacature.Status.OPEN, f"{prefix}laatst_bevestigd__gte": grens}
        )

    def is_verlopen(self, now: dt.datetime | None = None) -> bool:
        """An open vacancy not confirmed in time: hidden from searchers until confirmed."""
        grens = (now or timezone.now()) - dt.timedelta(days=vacature_bevestig_dagen())
        return self.status == self.Status.OPEN and self.laatst_bevestigd < grens

    def dagen_sinds_bevestiging(self, now: dt.datetime | None = None) -> int:
        return ((now or timezone.now()) - self.laatst_bevestigd).days

    def dagen_open(self, now: dt.datetime | None = None) -> int:
        return ((now or timezone.now()) - self.aangemaakt_op).days


class Perspectief(models.Model):
    """Where a stay is heading, as reviewed over time: each review is a new row, the newest
    counts, the earlier ones are the history."""

    class Richting(models.TextChoices):
        THUIS = "thuis", _("Terug naar huis")
        PLEEGGEZIN = "pleeggezin", _("Pleeggezin")
        ZELFSTANDIG = "zelfstandig", _("Zelfstandig wonen")
        ANDERE_ZORG = "andere_zorg", _("Een andere vorm van zorg")

    plaatsing = models.ForeignKey(
        Plaatsing,
        verbose_name=_("verblijf"),
        on_delete=models.CASCADE,
        related_name="perspectieven",
    )
    richting = models.CharField(_("perspectief"), max_length=20, choices=Richting.choices)
    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    op = models.DateTimeField(_("besproken op"), default=timezone.now)

    class Meta:
        ordering = ["-op", "-pk"]
        verbose_name = _("perspectief")
        verbose_name_plural = _("perspectieven")

    def __str__(self) -> str:
        return f"{self.get_richting_display()} ({opmaak.datum(self.op)})"
