"""Youths and their shared explanatory analysis (gedeelde verklarende analyse, GVA).

An analysis is versioned: one row per version. A version that was put to the family for
endorsement never changes again; whoever changes it makes a new version, so every
endorsement stays tied to the exact text that was endorsed. See `jongeren/services.py`
for the workflows that create and move versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern.choices import Geslacht, Signaal, Zorgintensiteit, Zorgprofiel

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

# A KWV takes youths from 8 up to and including 23 (DOMAIN.md).
LEEFTIJD_MIN = 8
LEEFTIJD_MAX = 23


def leeftijd_op(geboortedatum: date, op: date) -> int:
    """Age in whole years on `op` (a birthday on 29 February counts from 1 March)."""
    jaren = op.year - geboortedatum.year
    if (op.month, op.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


class JuridischKader(models.TextChoices):
    VRIJWILLIG = "vrijwillig", _("Vrijwillig")
    OTS = "ots", _("Ondertoezichtstelling (OTS)")
    MACHTIGING_GESLOTEN = "machtiging_gesloten", _("Machtiging gesloten jeugdhulp")


class Maatregel(models.TextChoices):
    """The child protection measure a judge imposed, if any (DOMAIN.md, "Who decides")."""

    GEEN = "geen", _("Geen maatregel")
    OTS = "ots", _("Ondertoezichtstelling (OTS)")
    VOOGDIJ = "voogdij", _("Voogdij")
    VOORLOPIGE_VOOGDIJ = "voorlopige_voogdij", _("Voorlopige voogdij")


class Fase(models.TextChoices):
    ANALYSE = "analyse", _("Analyse")
    ZOEKEN = "zoeken", _("Zoeken")
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    GEPLAATST = "geplaatst", _("Geplaatst")


class SchoolNiveau(models.TextChoices):
    BASIS = "basis", _("Basisonderwijs")
    SPECIAAL = "speciaal", _("(Voortgezet) speciaal onderwijs")
    PRAKTIJK = "praktijk", _("Praktijkonderwijs")
    VMBO = "vmbo", _("Vmbo")
    HAVO = "havo", _("Havo")
    VWO = "vwo", _("Vwo")
    MBO = "mbo", _("Mbo")
    HBO = "hbo", _("Hbo of universiteit")
    GEEN = "geen", _("Nu geen school of werk")


class JongereQuerySet(models.QuerySet["Jongere"]):
    def for_user(self, user: User | AnonymousUser) -> JongereQuerySet:
        """The youths `user` may see at all; views 404 on anything outside this set.

        Coordinators see the youths of their own organisation (colleagues stand in for each
        other), admins see all, a youth only themselves, a parent only their linked children.
        Managers of homes see none here: they get a pseudonymised profile with a proposal.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_functioneel_beheerder:
            return self.all()
        if user.is_coordinator:
            if user.organisatie_id is None:
                return self.none()
            return self.filter(organisatie_id=user.organisatie_id)
        if user.is_jongere:
            return self.filter(account=user)
        if user.is_ouder:
            return self.filter(ouders=user)
        if user.is_jeugdbeschermer:
            return self.filter(jeugdbeschermer=user)
        return self.none()


class GezinsRol(models.TextChoices):
    """Who in the family speaks: the youth, or a parent (or carer)."""

    JONGERE = "jongere", _("Jongere")
    OUDER = "ouder", _("Ouder of verzorger")


class Jongere(models.Model):
    """A youth who needs a place. No national ID number: the portal does not need one."""

    roepnaam = models.CharField(
        _("roepnaam"), max_length=60, help_text=_("Voornaam of een schuilnaam.")
    )
    geboortedatum = models.DateField(_("geboortedatum"))
    geslacht = models.CharField(_("geslacht"), max_length=1, choices=Geslacht.choices)
    woonplaats = models.CharField(
        _("woonplaats van het gezin"),
        max_length=100,
        help_text=_("Plaatsnaam of postcode. We zoeken de coördinaten zelf op."),
    )
    lat = models.FloatField(_("breedtegraad gezin"), null=True, blank=True)
    lon = models.FloatField(_("lengtegraad gezin"), null=True, blank=True)
    school_naam = models.CharField(_("school"), max_length=150, blank=True)
    school_niveau = models.CharField(
        _("schoolniveau"), max_length=20, choices=SchoolNiveau.choices, blank=True
    )
    school_plaats = models.CharField(_("plaats van de school"), max_length=100, blank=True)
    school_lat = models.FloatField(_("breedtegraad school"), null=True, blank=True)
    school_lon = models.FloatField(_("lengtegraad school"), null=True, blank=True)
    juridisch_kader = models.CharField(
        _("juridisch kader"),
        max_length=30,
        choices=JuridischKader.choices,
        default=JuridischKader.VRIJWILLIG,
    )
    machtiging_einde = models.DateField(
        _("einddatum machtiging"),
        null=True,
        blank=True,
        help_text=_("Alleen bij een machtiging gesloten jeugdhulp."),
    )
    maatregel = models.CharField(
        _("maatregel"),
        max_length=30,
        choices=Maatregel.choices,
        default=Maatregel.GEEN,
        help_text=_("De maatregel van de kinderrechter, als die er is."),
    )
    machtiging_uhp_van = models.DateField(
        _("machtiging uithuisplaatsing geldig vanaf"),
        null=True,
        blank=True,
        help_text=_("Bij een OTS: de machtiging van de rechter om buiten huis te plaatsen."),
    )
    machtiging_uhp_tot = models.DateField(
        _("machtiging uithuisplaatsing geldig tot en met"), null=True, blank=True
    )
    jeugdbeschermer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("jeugdbeschermer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="beschermde_jongeren",
        limit_choices_to={"rol": "jeugdbeschermer"},
        help_text=_("De jeugdbeschermer van de gecertificeerde instelling (bij OTS of voogdij)."),
    )
    ouders_zonder_gezag = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ouders zonder gezag"),
        related_name="kinderen_zonder_gezag",
        blank=True,
        help_text=_(
            "Gekoppelde ouders die geen ouderlijk gezag hebben. Zij krijgen algemene "
            "informatie, niet het dossier, en beslissen niet mee."
        ),
    )
    ouders_zien_analyse = models.BooleanField(
        _("ouders lezen de analyse en de aandachtssignalen mee"),
        default=True,
        help_text=_("Vanaf 16 jaar kiest de jongere dit zelf."),
    )
    ouders_verborgen = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ouders die de analyse niet lezen"),
        related_name="kinderen_verborgen",
        blank=True,
        help_text=_(
            "Vanaf 16 jaar kiest de jongere per ouder: deze ouders lezen de analyse en de "
            "aandachtssignalen niet, de andere ouders wel."
        ),
    )
    nodig_vanaf = models.DateField(_("plek nodig vanaf"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coördinator"),
        on_delete=models.PROTECT,
        related_name="jongeren_als_coordinator",
    )
    organisatie = models.ForeignKey(
        "accounts.Organisatie",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="jongeren",
        help_text=_("De gemeente of regio van de coördinator."),
    )
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account van de jongere"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jongere_profiel",
    )
    ouders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ouders of verzorgers"),
        related_name="kinderen",
        blank=True,
    )
    fase = models.CharField(_("fase"), max_length=20, choices=Fase.choices, default=Fase.ANALYSE)
    zoeken_sinds = models.DateTimeField(
        _("eerste keer gezocht op"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer voor het eerst een woning is gezocht. Vier weken daarna, zonder plek, "
            "gaat de casus naar het regionale expertteam."
        ),
    )
    broers_zussen = models.ManyToManyField(
        "self",
        verbose_name=_("broers en zussen"),
        symmetrical=True,
        blank=True,
        help_text=_(
            "Broers en zussen die ook een plek zoeken: de portal zoekt woningen waar ze samen "
            "kunnen wonen, en de verdeling houdt ze samen waar dat kan."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = JongereQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["nodig_vanaf", "roepnaam"]
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        constraints = [
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__isnull=False, lon__isnull=False),
                name="jongere_lat_lon_samen",
            ),
            models.CheckConstraint(
                condition=Q(school_lat__isnull=True, school_lon__isnull=True)
                | Q(school_lat__isnull=False, school_lon__isnull=False),
                name="jongere_school_lat_lon_samen",
            ),
            models.CheckConstraint(
                condition=Q(machtiging_uhp_van__isnull=True)
                | Q(machtiging_uhp_tot__isnull=True)
                | Q(machtiging_uhp_tot__gte=models.F("machtiging_uhp_van")),
                name="jongere_machtiging_uhp_volgorde",
            ),
            models.CheckConstraint(
                condition=Q(machtiging_einde__isnull=True)
                | Q(juridisch_kader=JuridischKader.MACHTIGING_GESLOTEN),
                name="jongere_machtiging_einde_alleen_bij_machtiging",
            ),
        ]

    def __str__(self) -> str:
        return self.roepnaam

    def leeftijd_op(self, op: date) -> int:
        return leeftijd_op(self.geboortedatum, op)

    def rol_van(self, user: User | AnonymousUser) -> GezinsRol | None:
        """The family role `user` has for this youth: the youth themselves or a linked
        parent (None: not family). The one definition every page and step asks."""
        if not user.is_authenticated:
            return None
        if user.is_jongere and self.account_id == user.pk:
            return GezinsRol.JONGERE
        if user.is_ouder and self.ouders.filter(pk=user.pk).exists():
            return GezinsRol.OUDER
        return None

    def heeft_gezag(self, ouder: User) -> bool:
        """Does this linked parent hold parental authority? Under (provisional)
        guardianship no parent does: the guardian holds it instead."""
        if self.maatregel in {Maatregel.VOOGDIJ, Maatregel.VOORLOPIGE_VOOGDIJ}:
            return False
        return not self.ouders_zonder_gezag.filter(pk=ouder.pk).exists()

    def ouder_leest_dossier(self, ouder: User) -> bool:
        """Does this linked parent read the file (the analysis and its signals)? With gezag,
        and from the youth's 16th birthday only when the youth shares it."""
        return self.heeft_gezag(ouder) and (self.leeftijd < 16 or self.deelt_met(ouder))

    def deelt_met(self, ouder: User) -> bool:
        """The choice of a youth of 16 or older for this parent: shared, or hidden (from
        all parents at once, or from this one)."""
        return self.ouders_zien_analyse and not self.ouders_verborgen.filter(pk=ouder.pk).exists()

    def machtiging_uhp_geldig_op(self, dag: date) -> bool:
        """Is the court's authorisation for out-of-home placement on file for `dag`?"""
        return (
            self.machtiging_uhp_van is not None
            and self.machtiging_uhp_van <= dag
            and (self.machtiging_uhp_tot is None or dag <= self.machtiging_uhp_tot)
        )

    def gezin(self) -> list[User]:
        """The youth's own account (if any) and the parents' accounts: who decides."""
        return [*([self.account] if self.account is not None else []), *self.ouders.order_by("pk")]

    @property
    def leeftijd(self) -> int:
        return self.leeftijd_op(timezone.localdate())

    @property
    def heeft_machtiging_gesloten(self) -> bool:
        """May this youth go to a closed home when the place is needed?"""
        return self.juridisch_kader == JuridischKader.MACHTIGING_GESLOTEN and (
            self.machtiging_einde is None or self.machtiging_einde >= self.nodig_vanaf
        )

    def markeer_gezocht(self, now: datetime | None = None) -> None:
        """Remember the first search (only the first: later searches do not move it)."""
        now = now or timezone.now()
        if self.zoeken_sinds is None:
            Jongere.objects.filter(pk=self.pk, zoeken_sinds__isnull=True).update(zoeken_sinds=now)
            self.zoeken_sinds = now

    def actuele_analyse(self) -> VerklarendeAnalyse | None:
        """The newest version that is not a draft, else the newest draft (None: none yet).

        This is the version a search uses; whether it is endorsed shows in its status.
        """
        versies = self.analyses.order_by("-versie")
        return versies.exclude(status=VerklarendeAnalyse.Status.CONCEPT).first() or versies.first()

    def nieuwste_analyse(self) -> VerklarendeAnalyse | None:
        """The newest version, whatever its status: the one being worked on."""
        return self.analyses.order_by("-versie").first()

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.geboortedatum and self.nodig_vanaf:
            leeftijd = self.leeftijd_op(self.nodig_vanaf)
            if not LEEFTIJD_MIN <= leeftijd <= LEEFTIJD_MAX:
                errors["geboortedatum"] = _(
                    "Op de datum dat een plek nodig is, is deze jongere %(leeftijd)s jaar. "
                    "Een kleinschalige woonvoorziening neemt alleen jongeren van 8 tot en met "
                    "23 jaar op. Kijk de geboortedatum en de datum 'plek nodig vanaf' na."
                ) % {"leeftijd": leeftijd}
        if self.juridisch_kader == JuridischKader.MACHTIGING_GESLOTEN:
            if self.machtiging_einde is None:
                errors["machtiging_einde"] = _(
                    "Vul de einddatum van de machtiging gesloten jeugdhulp in."
                )
        elif self.machtiging_einde is not None:
            errors["machtiging_einde"] = _(
                "Laat dit leeg: alleen bij een machtiging gesloten jeugdhulp hoort een einddatum."
            )
        if self.machtiging_uhp_van is not None and self.maatregel != Maatregel.OTS:
            errors["machtiging_uhp_van"] = _(
                "Een machtiging uithuisplaatsing hoort bij een ondertoezichtstelling (OTS)."
            )
        if (
            self.machtiging_uhp_van is not None
            and self.machtiging_uhp_tot is not None
            and self.machtiging_uhp_tot < self.machtiging_uhp_van
        ):
            errors["machtiging_uhp_tot"] = _("De einddatum ligt voor de begindatum.")
        if self.machtiging_uhp_tot is not None and self.machtiging_uhp_van is None:
            errors["machtiging_uhp_van"] = _("Vul ook de begindatum van de machtiging in.")
        if errors:
            raise ValidationError(errors)


def _valideer_signalen(waarde: object) -> None:
    if not isinstance(waarde, list) or not all(isinstance(code, str) for code in waarde):
        raise ValidationError(_("Aandachtssignalen moeten een lijst met codes zijn."))
    onbekend = sorted(set(waarde) - set(Signaal.values))
    if onbekend:
        raise ValidationError(
            _("Onbekend aandachtssignaal: %(codes)s.") % {"codes": ", ".join(onbekend)}
        )


PRIORITEIT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(3)]


def _prioriteit(label: Any) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(label, default=2, validators=PRIORITEIT_VALIDATORS)


@dataclass(frozen=True)
class Prioriteit:
    """One of the family's search priorities: its field, and its name as the family reads
    it (addressed to the youth) and as professionals read it (about the youth)."""

    veld: str
    voor_gezin: Any
    voor_professional: Any


# The search priorities, in the order the family sees them: the one definition.
PRIORITEIT_SOORTEN = (
    Prioriteit(
        "prioriteit_nabijheid",
        _("Dichtbij familie en vrienden"),
        _("Dichtbij familie en vrienden"),
    ),
    Prioriteit(
        "prioriteit_onderwijs", _("Op je eigen school blijven"), _("Op de eigen school blijven")
    ),
    Prioriteit(
        "prioriteit_groep",
        _("Goed passen bij de andere jongeren"),
        _("Goed passen bij de andere jongeren"),
    ),
    Prioriteit("prioriteit_team", _("Een vast team dat bij je past"), _("Een vast team dat past")),
    Prioriteit("prioriteit_behoeften", _("Wat je nodig hebt"), _("Wat de jongere nodig heeft")),
)
# (field, the family's words): the forms and pages the family reads.
PRIORITEITEN = [(p.veld, p.voor_gezin) for p in PRIORITEIT_SOORTEN]
# (field, the professionals' words): search, profile for a home, printouts.
PRIORITEITEN_PROFESSIONEEL = [(p.veld, p.voor_professional) for p in PRIORITEIT_SOORTEN]
PRIORITEIT_KEUZES = [
    (0, _("Niet belangrijk")),
    (1, _("Een beetje belangrijk")),
    (2, _("Belangrijk")),
    (3, _("Heel belangrijk")),
]


class VerklarendeAnalyse(models.Model):
    """One version of a youth's shared explanatory analysis."""

    # The free texts of a version, in the order the form shows them.
    TEKSTVELDEN = (
        "factoren",
        "krachten",
        "wat_werkt",
        "behoeften_toelichting",
        "belangrijk_jongere",
        "belangrijk_ouders",
        "netwerk",
    )
    # Everything that makes up a version's content (what a new version copies, what the
    # form edits, what the admin shows); the needs are rows of their own (AnalyseBehoefte).
    INHOUD_VELDEN = (
        "factoren",
        "krachten",
        "wat_werkt",
        "behoeften_toelichting",
        "zorgprofiel",
        "zorgintensiteit",
        "signalen",
        "belangrijk_jongere",
        "belangrijk_ouders",
        "netwerk",
        *(p.veld for p in PRIORITEIT_SOORTEN),
    )

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        TER_INSTEMMING = "ter_instemming", _("Ter instemming")
        GEDRAGEN = "gedragen", _("Gedragen")
        VERVANGEN = "vervangen", _("Vervangen")

    jongere = models.ForeignKey(
        Jongere, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="analyses"
    )
    versie = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT
    )
    factoren = models.TextField(
        _("factoren die de problemen beïnvloeden"),
        blank=True,
        help_text=_("Wat heeft de problemen beïnvloed, en wat doet dat nu nog?"),
    )
    krachten = models.TextField(
        _("krachten en positief gedrag"), blank=True, help_text=_("Wat gaat goed?")
    )
    wat_werkt = models.TextField(
        _("wat werkt"),
        blank=True,
        help_text=_("In welke omstandigheden laat de jongere positief gedrag zien?"),
    )
    behoeften_toelichting = models.TextField(_("toelichting op de behoeften"), blank=True)
    zorgprofiel = models.CharField(
        _("zorgprofiel"), max_length=20, choices=Zorgprofiel.choices, blank=True
    )
    zorgintensiteit = models.CharField(
        _("zorgintensiteit"), max_length=10, choices=Zorgintensiteit.choices, blank=True
    )
    signalen = models.JSONField(
        _("aandachtssignalen"),
        default=list,
        blank=True,
        validators=[_valideer_signalen],
        help_text=_("Vertrouwelijk: alleen de coördinator en functioneel beheer zien dit."),
    )
    belangrijk_jongere = models.TextField(_("wat de jongere belangrijk vindt"), blank=True)
    belangrijk_ouders = models.TextField(_("wat de ouders belangrijk vinden"), blank=True)
    netwerk = models.TextField(
        _("netwerk"), blank=True, help_text=_("Familie, vrienden, school, clubs.")
    )
    prioriteit_nabijheid = _prioriteit(_("prioriteit: dichtbij familie en netwerk"))
    prioriteit_onderwijs = _prioriteit(_("prioriteit: eigen school"))
    prioriteit_groep = _prioriteit(_("prioriteit: passen bij de groep"))
    prioriteit_team = _prioriteit(_("prioriteit: passend team"))
    prioriteit_behoeften = _prioriteit(_("prioriteit: behoeften"))
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    gemaakt_op = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    gewijzigd_op = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)
    voorgelegd_op = models.DateTimeField(_("ter instemming voorgelegd op"), null=True, blank=True)
    gedragen_op = models.DateTimeField(_("gedragen sinds"), null=True, blank=True)
    # The attention signals steer a search only once this version is endorsed, or once a
    # coordinator released them with a reason (a youth without family accounts, a crisis):
    # see `matching.adapters.signalen_tellen_mee`. When they last changed is kept so that a
    # search right after a change shows as such in the access log.
    signalen_gewijzigd_op = models.DateTimeField(
        _("aandachtssignalen gewijzigd op"), null=True, blank=True, editable=False
    )
    signalen_vrijgegeven_op = models.DateTimeField(
        _("aandachtssignalen vrijgegeven op"), null=True, blank=True, editable=False
    )
    signalen_vrijgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aandachtssignalen vrijgegeven door"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    signalen_vrijgave_reden = models.TextField(
        _("reden om de aandachtssignalen vrij te geven"), blank=True, editable=False
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["jongere", "-versie"]
        verbose_name = _("verklarende analyse (versie)")
        verbose_name_plural = _("verklarende analyses (versies)")
        constraints = [
            models.UniqueConstraint(fields=["jongere", "versie"], name="analyse_versie_uniek"),
            # Only one version is open at a time, so there is never doubt about which
            # text the family is asked to endorse.
            models.UniqueConstraint(
                fields=["jongere"],
                condition=Q(status__in=["concept", "ter_instemming"]),
                name="analyse_een_open_versie",
            ),
            models.CheckConstraint(condition=Q(versie__gte=1), name="analyse_versie_vanaf_1"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{veld}__gte": 0, f"{veld}__lte": 3}),
                    name=f"analyse_{veld}_0_3",
                )
                for veld, _label in PRIORITEITEN
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jongere} — versie {self.versie}"

    @property
    def is_concept(self) -> bool:
        return self.status == self.Status.CONCEPT

    @property
    def ter_instemming(self) -> bool:
        return self.status == self.Status.TER_INSTEMMING

    @property
    def is_gedragen(self) -> bool:
        return self.status == self.Status.GEDRAGEN

    @property
    def signalen_vrijgegeven(self) -> bool:
        """A coordinator let this version's signals count before it was endorsed."""
        return self.signalen_vrijgegeven_op is not None

    def prioriteiten(self, *, voor_gezin: bool = True) -> list[tuple[str, Any, int]]:
        """(field name, label, value) for the five search priorities, in the family's words
        or (`voor_gezin=False`) the professionals'."""
        soorten = PRIORITEITEN if voor_gezin else PRIORITEITEN_PROFESSIONEEL
        return [(veld, label, getattr(self, veld)) for veld, label in soorten]

    def prioriteiten_in_woorden(self, *, voor_gezin: bool) -> list[tuple[str, int, str]]:
        """(label, value, how important in words) per priority, for a page to show."""
        woorden = dict(PRIORITEIT_KEUZES)
        return [
            (str(label), waarde, str(woorden[waarde]).lower())
            for _veld, label, waarde in self.prioriteiten(voor_gezin=voor_gezin)
        ]

    def ontbrekende_delen(self) -> list[str]:
        """What must still be filled in before this version can go to the family.

        Both "important to" texts may stay empty (the family adds them); the priorities
        always have a value (default 2).
        """
        ontbreekt: list[str] = []
        if not self.krachten.strip():
            ontbreekt.append("krachten")
        if not self.wat_werkt.strip():
            ontbreekt.append("wat_werkt")
        if not self.pk or not self.behoeften.exists():
            ontbreekt.append("behoeften")
        if not self.zorgprofiel:
            ontbreekt.append("zorgprofiel")
        if not self.zorgintensiteit:
            ontbreekt.append("zorgintensiteit")
        return ontbreekt

    def instemming_per_persoon(self) -> list[InstemmingStand]:
        """Who must endorse this version, and each one's latest answer on it.

        The youth, every linked parent who reads the file and a coordinator of the youth's
        organisation. The youth's own voice is not optional: without an account it is the
        coordinator who records it from a conversation (`Instemming.vastgelegd_door`).
        """
        laatste: dict[tuple[str, int | None], Instemming] = {}
        coordinator_antwoord: Instemming | None = None
        jongere_antwoord: Instemming | None = None
        jongere = self.jongere
        for antwoord in self.instemmingen.select_related("persoon", "vastgelegd_door").order_by(
            "op", "pk"
        ):
            laatste[(antwoord.rol, antwoord.persoon_id)] = antwoord
            if antwoord.rol == Instemming.Rol.COORDINATOR:
                coordinator_antwoord = antwoord
            elif antwoord.rol == Instemming.Rol.JONGERE and antwoord.persoon_id in {
                None,
                jongere.account_id,
            }:
                # The youth's own answer, or one the coordinator recorded for them.
                jongere_antwoord = antwoord
        standen = [
            InstemmingStand(
                rol=Instemming.Rol.JONGERE,
                persoon=jongere.account,
                naam=jongere.roepnaam,
                antwoord=jongere_antwoord,
            )
        ]
        for ouder in jongere.ouders.order_by("first_name", "email"):
            if not jongere.ouder_leest_dossier(ouder):
                # A parent without gezag, or whom a 16+ youth does not share the analysis
                # with, does not read it and so does not endorse it.
                continue
            standen.append(
                InstemmingStand(
                    rol=Instemming.Rol.OUDER,
                    persoon=ouder,
                    naam=str(ouder),
                    antwoord=laatste.get((Instemming.Rol.OUDER, ouder.pk)),
                )
            )
        coordinator = coordinator_antwoord.persoon if coordinator_antwoord else jongere.coordinator
        standen.append(
            InstemmingStand(
                rol=Instemming.Rol.COORDINATOR,
                persoon=coordinator,
                naam=str(coordinator),
                antwoord=coordinator_antwoord,
            )
        )
        return standen

    def iedereen_akkoord(self) -> bool:
        return all(stand.akkoord for stand in self.instemming_per_persoon())


class AnalyseBehoefte(models.Model):
    """An underlying need of the youth, as a vocabulary code with its importance."""

    class Belang(models.IntegerChoices):
        BEETJE = 1, _("1 — een beetje belangrijk")
        BELANGRIJK = 2, _("2 — belangrijk")
        HEEL = 3, _("3 — heel belangrijk")

    analyse = models.ForeignKey(
        VerklarendeAnalyse,
        verbose_name=_("analyse"),
        on_delete=models.CASCADE,
        related_name="behoeften",
    )
    kenmerk = models.ForeignKey(
        "kern.Kenmerk",
        verbose_name=_("behoefte"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    belang = models.PositiveSmallIntegerField(
        _("belang"),
        choices=Belang.choices,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["-belang", "kenmerk__volgorde", "kenmerk__naam"]
        verbose_name = _("behoefte in een analyse")
        verbose_name_plural = _("behoeften in analyses")
        constraints = [
            models.UniqueConstraint(fields=["analyse", "kenmerk"], name="behoefte_uniek"),
            models.CheckConstraint(
                condition=Q(belang__gte=1, belang__lte=3), name="behoefte_belang_1_3"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kenmerk} ({self.belang})"


class Instemming(models.Model):
    """One person's answer on one version: agree, or ask for a change with a comment.

    Rows are never edited: a changed mind is a new row, and the latest one counts.
    """

    class Rol(models.TextChoices):
        JONGERE = "jongere", _("Jongere")
        OUDER = "ouder", _("Ouder of verzorger")
        COORDINATOR = "coordinator", _("Coördinator")

    analyse = models.ForeignKey(
        VerklarendeAnalyse,
        verbose_name=_("analyse"),
        on_delete=models.CASCADE,
        related_name="instemmingen",
    )

    class Hoe(models.TextChoices):
        """How the coordinator heard an endorsement they record."""

        GESPREK = "gesprek", _("In een gesprek")
        TELEFOON = "telefoon", _("Aan de telefoon")
        VIDEO = "video", _("In een videogesprek")
        BRIEF = "brief", _("Per brief")

    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        related_name="instemmingen",
        null=True,
        blank=True,
        help_text=_("Leeg: een jongere zonder account; de coördinator legde het vast."),
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    akkoord = models.BooleanField(
        _("akkoord"), help_text=_("Aan: eens met deze versie. Uit: vraagt om een wijziging.")
    )
    opmerking = models.TextField(_("opmerking"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)
    # Recorded by the coordinator from a conversation with someone who does not use the
    # portal (yet): who, when, how, who was present; the person confirms it later.
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vastgelegd door de coördinator"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    hoe = models.CharField(_("hoe"), max_length=10, choices=Hoe.choices, blank=True)
    gesprek_op = models.DateTimeField(_("wanneer gesproken"), null=True, blank=True)
    aanwezig = models.CharField(_("wie waren erbij"), max_length=300, blank=True)
    bevestigd_op = models.DateTimeField(_("bevestigd door de persoon op"), null=True, blank=True)

    class Meta:
        ordering = ["-op"]
        verbose_name = _("instemming")
        verbose_name_plural = _("instemmingen")
        indexes = [models.Index(fields=["analyse", "rol", "persoon"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(persoon__isnull=False) | Q(vastgelegd_door__isnull=False),
                name="instemming_eigen_of_vastgelegd",
            ),
            models.CheckConstraint(
                condition=Q(vastgelegd_door__isnull=True)
                | (~Q(hoe="") & Q(gesprek_op__isnull=False)),
                name="instemming_vastgelegd_met_hoe_en_wanneer",
            ),
        ]

    def __str__(self) -> str:
        antwoord = _("akkoord") if self.akkoord else _("vraagt wijziging")
        wie = self.persoon or self.analyse.jongere
        return f"{wie} ({self.get_rol_display()}): {antwoord}"

    @property
    def is_vastgelegd(self) -> bool:
        """Recorded by the coordinator, not given by the person in the portal."""
        return self.vastgelegd_door_id is not None


@dataclass(frozen=True)
class InstemmingStand:
    """Where one required endorser stands on a version (not stored; computed)."""

    rol: str
    persoon: User | None
    naam: str
    antwoord: Instemming | None

    @property
    def akkoord(self) -> bool:
        return self.antwoord is not None and self.antwoord.akkoord

    @property
    def rol_label(self) -> str:
        return str(Instemming.Rol(self.rol).label)


class Uitnodiging(models.Model):
    """An e-mailed, one-time link with which a youth or parent sets their password.

    The link carries this row's id, signed with a timestamp (so it expires after
    settings.UITNODIGING_GELDIG_DAGEN); `gebruikt_op` makes it one-time.

    The coordinator sees the address as typed (`email`), never whose account it is: an
    address that already belongs to an account that cannot be used here (another kind of
    account, one that is switched off, another youth's) gets no `persoon` and no link, only
    an e-mail saying so, to the address's owner.
    """

    jongere = models.ForeignKey(
        Jongere, verbose_name=_("jongere"), on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    persoon = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigde"),
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        null=True,
        blank=True,
        help_text=_("Leeg: het adres hoort bij een account dat hier niet kan worden gebruikt."),
    )
    rol = models.CharField(_("als"), max_length=20, choices=Instemming.Rol.choices[:2])
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verstuurd door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        ordering = ["-verstuurd_op"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(rol__in=["jongere", "ouder"]), name="uitnodiging_rol_gezin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_rol_display()})"

    def verloopt_op(self) -> datetime:
        return self.verstuurd_op + timedelta(days=settings.UITNODIGING_GELDIG_DAGEN)

    @property
    def is_verlopen(self) -> bool:
        return timezone.now() > self.verloopt_op()


# A protective zone's radius in km: above 0 and at most this (the engine uses the same limit).
ZONE_STRAAL_MAX_KM = 300


class BeschermdeZone(models.Model):
    """A place this youth must be kept away from, with a radius: no home inside it may be
    proposed (a hard limit in the matching engine).

    A legal or safety decision by a professional, e.g. after trafficking or a threat from
    the network. The place and the reason stay with the coordinators of the youth's
    organisation: the engine gets only the point and the radius, and what families and
    homes read says that a zone exists, never where or why.
    """

    jongere = models.ForeignKey(
        Jongere,
        verbose_name=_("jongere"),
        on_delete=models.CASCADE,
        related_name="beschermde_zones",
    )
    plaats = models.CharField(
        _("plaats"), max_length=100, help_text=_("Plaatsnaam of postcode van het midden.")
    )
    lat = models.FloatField(_("breedtegraad"))
    lon = models.FloatField(_("lengtegraad"))
    straal_km = models.FloatField(
        _("straal (km)"),
        validators=[MaxValueValidator(ZONE_STRAAL_MAX_KM)],
        help_text=_("Geen woning binnen deze afstand van de plaats. Hoogstens 300 km."),
    )
    reden = models.TextField(
        _("reden"),
        help_text=_("Waarom deze jongere hier weg moet blijven. Alleen voor professionals."),
    )
    ingesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingesteld door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    ingesteld_op = models.DateTimeField(_("ingesteld op"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["jongere", "ingesteld_op", "pk"]
        verbose_name = _("beschermde zone")
        verbose_name_plural = _("beschermde zones")
        constraints = [
            models.CheckConstraint(
                condition=Q(straal_km__gt=0, straal_km__lte=ZONE_STRAAL_MAX_KM),
                name="beschermde_zone_straal_0_300",
                violation_error_message=_(
                    "De straal moet groter zijn dan 0 km en hoogstens 300 km."
                ),
            ),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="beschermde_zone_coordinaten_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jongere}: {self.plaats} ({self.straal_km:g} km)"
