"""The proposal workflow: a proposal of a home for a youth, its events, the family's
decisions, the meeting, the consent to share, and the counter-check of a group risk.

The tables keep the names they had before the workflow left `matching` (see the migrations).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kern import opmaak
from kern.publiek import Audience
from matching.models import Risiconiveau

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class VoorstelStatus(models.TextChoices):
    """The states of a proposal; the allowed moves between them are in
    `voorstellen.services.OVERGANGEN`, the one place that defines them."""

    CONCEPT = "concept", _("Concept")
    VERSTUURD = "verstuurd", _("Wacht op antwoord van de woning")
    INTERESSE = "interesse", _("Woning heeft interesse")
    KENNISMAKING_GEPLAND = "kennismaking_gepland", _("Kennismaking gepland")
    KENNISMAKING_GEHOUDEN = "kennismaking_gehouden", _("Kennismaking gehouden")
    AKKOORD = "akkoord", _("Iedereen zegt ja")
    GEPLAATST = "geplaatst", _("Geplaatst")
    AFGEWEZEN = "afgewezen", _("Afgewezen door de woning")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")
    VERLOPEN = "verlopen", _("Verlopen")


# Proposals that still hold a home's and the family's attention; at most
# VOORSTEL_MAX_OPEN of them per youth.
OPEN_STATUSSEN = (
    VoorstelStatus.VERSTUURD,
    VoorstelStatus.INTERESSE,
    VoorstelStatus.KENNISMAKING_GEPLAND,
    VoorstelStatus.KENNISMAKING_GEHOUDEN,
    VoorstelStatus.AKKOORD,
)
EIND_STATUSSEN = (
    VoorstelStatus.GEPLAATST,
    VoorstelStatus.AFGEWEZEN,
    VoorstelStatus.INGETROKKEN,
    VoorstelStatus.VERLOPEN,
)


# An emergency placement skips steps; its explanatory analysis must follow within this many days.
SPOED_ANALYSE_DAGEN = 14


class Afwijsreden(models.TextChoices):
    """Why a home is not interested: structured, because these reasons are data to learn from."""

    GEEN_PERSONEEL = "geen_personeel", _("Geen personele capaciteit")
    IMPACT_BEWONERS = "impact_bewoners", _("Impact op de huidige bewoners")
    VEILIGHEID = "veiligheid", _("Gezondheid en veiligheid")
    BUITEN_EXPERTISE = "buiten_expertise", _("Zorgvraag valt buiten onze expertise")
    ANDERS = "anders", _("Anders")


# The orders "where it stands" reads a proposal's decisions, consents and counter-checks in:
# the same for a list that fetched them ahead (`met_stand`) and for one proposal that did not.
def _besluiten_op_volgorde() -> models.QuerySet[Besluit]:
    return Besluit.objects.select_related("persoon", "vastgelegd_door").order_by("op", "pk")


def _deeltoestemmingen_op_volgorde() -> models.QuerySet[Deeltoestemming]:
    return Deeltoestemming.objects.order_by("op", "pk")


def _tegenspraken_nieuwste_eerst() -> models.QuerySet[Tegenspraak]:
    return Tegenspraak.objects.order_by("-op", "-pk")


class VoorstelQuerySet(models.QuerySet["Voorstel"]):
    def for_user(self, user: User | AnonymousUser) -> VoorstelQuerySet:
        """The proposals `user` is party to; views 404 on anything else.

        Coordinators: proposals for their organisation's youths (colleagues stand in).
        Managers: proposals sent to their provider's homes, never drafts. The youth and the
        parents: their own proposals, never drafts. Admins: all.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_functioneel_beheerder:
            return self.all()
        if user.is_coordinator:
            if user.organisatie_id is None:
                return self.none()
            return self.filter(jongere__organisatie_id=user.organisatie_id)
        verstuurd = self.exclude(status=VoorstelStatus.CONCEPT)
        if user.is_beheerder:
            if user.organisatie_id is None:
                return self.none()
            return verstuurd.filter(voorziening__aanbieder_id=user.organisatie_id)
        if user.is_jongere:
            return verstuurd.filter(jongere__account=user)
        if user.is_ouder:
            return verstuurd.filter(jongere__ouders=user).distinct()
        if user.is_jeugdbeschermer:
            return verstuurd.filter(jongere__jeugdbeschermer=user)
        return self.none()

    def open(self) -> VoorstelQuerySet:
        return self.filter(status__in=OPEN_STATUSSEN)

    def met_stand(self) -> VoorstelQuerySet:
        """With everything "where it stands" reads (`voorstellen.stand`) fetched ahead: a
        list of proposals costs the same handful of queries however long it is."""
        from jongeren.beslissers import ouders_vooraf

        return self.select_related(
            "jongere__jeugdbeschermer", "voorziening", "kennismaking"
        ).prefetch_related(
            models.Prefetch(
                "besluiten", queryset=_besluiten_op_volgorde(), to_attr="besluiten_vooraf"
            ),
            models.Prefetch(
                "deeltoestemmingen",
                queryset=_deeltoestemmingen_op_volgorde(),
                to_attr="deeltoestemmingen_vooraf",
            ),
            models.Prefetch(
                "tegenspraken",
                queryset=_tegenspraken_nieuwste_eerst(),
                to_attr="tegenspraken_vooraf",
            ),
            *ouders_vooraf("jongere__"),
        )

    def spoed_zonder_analyse(self) -> VoorstelQuerySet:
        """Emergency placements whose analysis has not followed yet: started as an emergency,
        not ended without a placement, and the youth has no endorsed analysis. They stay on
        the coordinator's and the region's list until the analysis is endorsed."""
        return (
            self.filter(spoed_sinds__isnull=False)
            .exclude(
                status__in=[
                    VoorstelStatus.AFGEWEZEN,
                    VoorstelStatus.INGETROKKEN,
                    VoorstelStatus.VERLOPEN,
                ]
            )
            .exclude(jongere__analyses__status="gedragen")
            .order_by("spoed_sinds", "pk")
        )


class Voorstel(models.Model):
    """A coordinator's proposal of one home for one youth, from draft to placement.

    What the engine said at sending time is kept (`uitleg_per_publiek`), once for every
    reader (`kern.publiek`): the factor explanations, the attention points that
    call for a counter-check, the group risk after admission. State changes go through
    `voorstellen.services` only, which writes the timeline (`VoorstelGebeurtenis`) and
    tells the people concerned.
    """

    jongere = models.ForeignKey(
        "jongeren.Jongere",
        verbose_name=_("jongere"),
        on_delete=models.PROTECT,
        related_name="voorstellen",
    )
    voorziening = models.ForeignKey(
        "voorzieningen.Voorziening",
        verbose_name=_("voorziening"),
        on_delete=models.PROTECT,
        related_name="voorstellen",
    )
    analyse = models.ForeignKey(
        "jongeren.VerklarendeAnalyse",
        verbose_name=_("analyseversie"),
        on_delete=models.PROTECT,
        related_name="voorstellen",
        null=True,
        blank=True,
    )
    gemaakt_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="voorstellen_gemaakt",
    )
    motivatie = models.TextField(
        _("motivatie"),
        blank=True,
        help_text=_(
            "Kort: waarom deze woning bij deze jongere past. Het gezin leest dit; de woning "
            "pas als het gezin toestemming gaf om te delen."
        ),
    )
    # What the home reads before consent, besides the structured profile (see
    # jongeren/profiel.py): written for strangers, so without names or places.
    tekst_voor_woning = models.TextField(
        _("tekst voor de woning"),
        blank=True,
        help_text=_(
            "Wat de woning over de jongere leest voordat het gezin toestemming gaf: zonder "
            "namen van mensen, plaatsen, scholen of afstanden."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=VoorstelStatus.choices,
        default=VoorstelStatus.CONCEPT,
        db_index=True,
    )
    # One explanation per reader, keyed by `Audience` value: read it with `uitleg_voor`.
    uitleg_per_publiek = models.JSONField(
        _("uitleg van de matching, per lezer"), default=dict, blank=True
    )
    verstuurd_op = models.DateTimeField(_("verstuurd op"), null=True, blank=True)
    antwoord_uiterlijk = models.DateTimeField(_("antwoord uiterlijk"), null=True, blank=True)
    te_laat_gemeld_op = models.DateTimeField(
        _("te laat gemeld op"),
        null=True,
        blank=True,
        help_text=_("Gezet als de woning niet op tijd antwoordde; de coördinator is dan gemeld."),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    afwijsreden = models.CharField(
        _("reden"), max_length=30, choices=Afwijsreden.choices, blank=True
    )
    antwoord_toelichting = models.TextField(_("toelichting bij het antwoord"), blank=True)
    volledig_gedeeld_op = models.DateTimeField(
        _("volledige analyse gedeeld sinds"), null=True, blank=True
    )
    plaatsing = models.OneToOneField(
        "voorzieningen.Plaatsing",
        verbose_name=_("plaatsing"),
        on_delete=models.PROTECT,
        related_name="voorstel",
        null=True,
        blank=True,
    )
    spoed_sinds = models.DateTimeField(
        _("spoedplaatsing sinds"),
        null=True,
        blank=True,
        help_text=_(
            "Gezet als de coördinator stappen overslaat omdat de plaatsing niet kan wachten. "
            "De analyse moet dan binnen 14 dagen volgen."
        ),
    )
    spoed_reden = models.TextField(_("reden voor de spoedplaatsing"), blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = VoorstelQuerySet.as_manager()

    history = HistoricalRecords(table_name="matching_historicalvoorstel")

    class Meta:
        db_table = "matching_voorstel"
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        indexes = [models.Index(fields=["status", "antwoord_uiterlijk"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("voorstellen:voorstel", args=[self.pk])

    @property
    def titel(self) -> str:
        """The proposal as people name it: "Noor → De Linde". For whoever may know the youth
        by name; a home's manager reads `pseudoniem` until the analysis is shared."""
        return f"{self.jongere.roepnaam} → {self.voorziening.naam}"

    @property
    def pseudoniem(self) -> str:
        """What the home calls the youth until placement: no name, a stable number."""
        return f"Voorstel {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSSEN

    @property
    def is_spoed(self) -> bool:
        return self.spoed_sinds is not None

    @property
    def analyse_uiterlijk(self) -> date | None:
        """For an emergency placement: the day by which the analysis must be endorsed."""
        if self.spoed_sinds is None:
            return None
        return timezone.localdate(self.spoed_sinds) + timedelta(days=SPOED_ANALYSE_DAGEN)

    def analyse_te_laat(self, vandaag: date | None = None) -> bool:
        uiterlijk = self.analyse_uiterlijk
        return uiterlijk is not None and (vandaag or timezone.localdate()) > uiterlijk

    @property
    def is_te_laat(self) -> bool:
        return self.te_laat_gemeld_op is not None and self.status == VoorstelStatus.VERSTUURD

    def uitleg_voor(self, audience: Audience, sleutel: str = "") -> dict[str, Any] | None:
        """The stored explanation as `audience` reads it (None: none kept for that reader;
        `voorstellen.services.uitleg_voor` then computes it). `sleutel`: the key of one
        voice of it (`voorstellen.publiek.sleutel`), by default the audience's own."""
        uitleg = self.uitleg_per_publiek.get(sleutel or audience.value)
        return uitleg if isinstance(uitleg, dict) else None

    @property
    def aandachtspunten(self) -> list[str]:
        """The attention points as the coordinator reads them (they decide whether a
        counter-check is needed; every reader's version has points when this one has)."""
        for audience in (Audience.COORDINATOR, Audience.BEHEERDER_NA_TOESTEMMING):
            uitleg = self.uitleg_voor(audience)
            if uitleg is not None:
                return list(uitleg.get("aandacht", []))
        return []

    @property
    def tegenspraak_nodig(self) -> bool:
        """A counter-check is required when the engine left attention points open."""
        return bool(self.aandachtspunten)

    def laatste_tegenspraak(self) -> Tegenspraak | None:
        vooraf: list[Tegenspraak] | None = getattr(self, "tegenspraken_vooraf", None)
        if vooraf is not None:
            return vooraf[0] if vooraf else None
        return _tegenspraken_nieuwste_eerst().filter(voorstel=self).first()

    def besluiten_op_volgorde(self) -> list[Besluit]:
        """Every decision recorded on this proposal, oldest first."""
        vooraf: list[Besluit] | None = getattr(self, "besluiten_vooraf", None)
        if vooraf is not None:
            return vooraf
        return list(_besluiten_op_volgorde().filter(voorstel=self))

    def deeltoestemmingen_op_volgorde(self) -> list[Deeltoestemming]:
        """Every answer about sharing the whole analysis, oldest first."""
        vooraf: list[Deeltoestemming] | None = getattr(self, "deeltoestemmingen_vooraf", None)
        if vooraf is not None:
            return vooraf
        return list(_deeltoestemmingen_op_volgorde().filter(voorstel=self))

    def kennismaking_of_none(self) -> Kennismaking | None:
        try:
            return self.kennismaking
        except Kennismaking.DoesNotExist:
            return None


# Timeline steps in words (steps that are status changes fall back to the new status).
WAT_LABELS = {
    "maak": _("Concept gemaakt"),
    "stuur": _("Verstuurd naar de woning"),
    "interesse": _("De woning heeft interesse"),
    "afwijzen": _("De woning heeft geen interesse"),
    "plan_kennismaking": _("Kennismaking gepland"),
    "kennismaking_gehouden": _("Kennismaking gehouden"),
    "kennismaking_notitie": _("Notities over de kennismaking"),
    "iedereen_ja": _("Iedereen zegt ja"),
    "niet_meer_iedereen_ja": _("Niet meer iedereen zegt ja"),
    "besluit_ja": _("Keuze: ja"),
    "besluit_twijfel": _("Keuze: twijfel"),
    "besluit_nee": _("Keuze: nee"),
    "besluit_overschreven": _("Geplaatst ondanks nee, met machtiging (reden vastgelegd)"),
    "besluit_bevestigd": _("Vastgelegd besluit bevestigd door de persoon zelf"),
    "toestemming": _("Toestemming om de analyse te delen"),
    "toestemming_nee": _("Geen toestemming om de analyse te delen"),
    "toestemming_ingetrokken": _("Toestemming om de analyse te delen ingetrokken"),
    "analyse_niet_meer_gedeeld": _("De woning leest weer alleen het profiel zonder naam"),
    "toestemming_overschreven": _("Analyse gedeeld zonder toestemming van iedereen"),
    "analyse_gedeeld": _("De hele analyse is gedeeld met de woning"),
    "tegenspraak_akkoord": _("Tegenspraak: akkoord"),
    "tegenspraak_bezwaar": _("Tegenspraak: bezwaar"),
    "plaats": _("Geplaatst"),
    "trek_in": _("Ingetrokken"),
    "te_laat": _("Geen antwoord binnen de termijn"),
    "verloop": _("Verlopen"),
    "spoed": _("Spoedplaatsing: stappen overgeslagen"),
    "herbeoordeeld": _("Opnieuw beoordeeld: de groep in de woning veranderde"),
}


class VoorstelGebeurtenis(models.Model):
    """One line of a proposal's timeline: who (and in which role) did what, when, and why."""

    voorstel = models.ForeignKey(
        Voorstel, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="tijdlijn"
    )
    door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leeg: het portaal zelf (bijvoorbeeld een verlopen termijn)."),
    )
    rol = models.CharField(_("rol"), max_length=30, blank=True)
    wat = models.CharField(_("wat"), max_length=40)
    van_status = models.CharField(_("van"), max_length=30, blank=True)
    naar_status = models.CharField(_("naar"), max_length=30, blank=True)
    waarom = models.TextField(_("waarom"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now, db_index=True)

    class Meta:
        db_table = "matching_voorstelgebeurtenis"
        ordering = ["op", "pk"]
        verbose_name = _("gebeurtenis bij een voorstel")
        verbose_name_plural = _("tijdlijn van voorstellen")

    def __str__(self) -> str:
        return f"{opmaak.tijdstip(self.op)} {self.wat}"

    @property
    def wat_label(self) -> str:
        """The step in words; a status change names the new status."""
        label = WAT_LABELS.get(self.wat)
        if label is None and self.naar_status in VoorstelStatus.values:
            label = VoorstelStatus(self.naar_status).label
        return str(label or self.wat)


class Besluit(models.Model):
    """One person's decision on a proposal. A new decision is a new row: the latest counts,
    the earlier ones stay as history.

    `sleutel` says whose decision it is, as `jongeren.beslissers` names people ("jongere",
    "ouder:<id>", "jeugdbeschermer", "gezag"): whether it counts follows from those rules.
    A decision the coordinator recorded from a conversation has `vastgelegd_door` (and
    who was present, how and when); the person confirms it later with `bevestigd_op`. An
    override (`overschreven`) is the coordinator placing over this person's "no" where the
    law allows it, with the reason in `opmerking` (required by the service; erasure may
    empty it later, as for every free text).
    """

    class Keuze(models.TextChoices):
        JA = "ja", _("Ja")
        TWIJFEL = "twijfel", _("Ik twijfel")
        NEE = "nee", _("Nee")

    class Rol(models.TextChoices):
        JONGERE = "jongere", _("Jongere")
        OUDER = "ouder", _("Ouder")
        JEUGDBESCHERMER = "jeugdbeschermer", _("Jeugdbeschermer")

    class Hoe(models.TextChoices):
        GESPREK = "gesprek", _("In een gesprek")
        TELEFOON = "telefoon", _("Aan de telefoon")
        VIDEO = "video", _("In een videogesprek")
        BRIEF = "brief", _("Per brief")

    voorstel = models.ForeignKey(
        Voorstel, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="besluiten"
    )
    persoon = models.ForeignKey(
        "accounts.User",
        verbose_name=_("persoon"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Leeg: iemand zonder account; de coördinator legde het vast."),
    )
    sleutel = models.CharField(_("wie"), max_length=40, db_index=True)
    naam = models.CharField(_("naam"), max_length=150, blank=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    keuze = models.CharField(_("keuze"), max_length=10, choices=Keuze.choices)
    opmerking = models.TextField(_("opmerking"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)
    vastgelegd_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("vastgelegd door de coördinator"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    hoe = models.CharField(_("hoe"), max_length=10, choices=Hoe.choices, blank=True)
    gesprek_op = models.DateTimeField(_("wanneer gesproken"), null=True, blank=True)
    aanwezig = models.CharField(_("wie waren erbij"), max_length=300, blank=True)
    overschreven = models.BooleanField(_("geplaatst ondanks nee (met reden)"), default=False)
    bevestigd_op = models.DateTimeField(_("bevestigd door de persoon op"), null=True, blank=True)

    class Meta:
        db_table = "matching_besluit"
        ordering = ["-op", "-pk"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(persoon__isnull=False) | models.Q(vastgelegd_door__isnull=False),
                name="besluit_eigen_of_vastgelegd",
            ),
            models.CheckConstraint(
                condition=models.Q(vastgelegd_door__isnull=True)
                | (~models.Q(hoe="") & models.Q(gesprek_op__isnull=False))
                | models.Q(overschreven=True),
                name="besluit_vastgelegd_met_hoe_en_wanneer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon or self.naam}: {self.get_keuze_display()}"

    @property
    def is_vastgelegd(self) -> bool:
        """Recorded by the coordinator, not given by the person in the portal."""
        return self.vastgelegd_door_id is not None


class Kennismaking(models.Model):
    """The getting-acquainted meeting of a proposal; re-planning updates it (the timeline
    keeps the earlier dates)."""

    class Soort(models.TextChoices):
        BEZOEK = "bezoek", _("Op bezoek in de woning")
        MEE_ETEN = "mee_eten", _("Mee-eten")
        TEAM_EN_JONGEREN = "team_jongeren", _("Kennismaken met het team en de jongeren")

    voorstel = models.OneToOneField(
        Voorstel, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="kennismaking"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    datum = models.DateTimeField(_("datum en tijd"))
    plaats = models.CharField(_("plaats"), max_length=200)
    notitie_woning = models.TextField(_("notities van de woning"), blank=True)
    notitie_coordinator = models.TextField(_("notities van de coördinator"), blank=True)
    gehouden_op = models.DateTimeField(_("gehouden op"), null=True, blank=True)

    class Meta:
        db_table = "matching_kennismaking"
        verbose_name = _("kennismaking")
        verbose_name_plural = _("kennismakingen")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {opmaak.tijdstip(self.datum)}"


class Toestemming(models.Model):
    """A coordinator's override: the full analysis shared without everyone's consent, with
    a reason. Per proposal, because sharing is for one home.

    Rows with rol jongere/ouder are from before consent was kept per person
    (`Deeltoestemming`); the migration moved them there.
    """

    class Rol(models.TextChoices):
        JONGERE = "jongere", _("Jongere")
        OUDER = "ouder", _("Ouder")
        OVERSCHREVEN = "overschreven", _("Coördinator (zonder toestemming, met reden)")

    voorstel = models.ForeignKey(
        Voorstel, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="toestemmingen"
    )
    persoon = models.ForeignKey(
        "accounts.User", verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    reden = models.TextField(_("reden"), blank=True)
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        db_table = "matching_toestemming"
        ordering = ["op", "pk"]
        verbose_name = _("delen zonder toestemming van iedereen")
        verbose_name_plural = _("delen zonder toestemming van iedereen")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(rol="overschreven") | ~models.Q(reden=""),
                name="toestemming_overschrijven_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.persoon} ({self.get_rol_display()})"


class Deeltoestemming(models.Model):
    """One person's answer to "may this home read the whole analysis?": yes or no.

    A new answer is a new row: the latest per person (`sleutel`, as `jongeren.beslissers`
    names people) counts, the earlier ones stay as history. A "no" after a "yes" is a
    withdrawal (`is_intrekking`): the home reads the profile without a name again. Who has
    to consent follows from the rules in `voorstellen.services.nodig_voor_delen`; one
    person's answer never stands in for another's.
    """

    class Keuze(models.TextChoices):
        JA = "ja", _("Ja, dat mag")
        NEE = "nee", _("Nee, liever niet")

    voorstel = models.ForeignKey(
        Voorstel,
        verbose_name=_("voorstel"),
        on_delete=models.CASCADE,
        related_name="deeltoestemmingen",
    )
    sleutel = models.CharField(_("wie"), max_length=40, db_index=True)
    persoon = models.ForeignKey(
        "accounts.User", verbose_name=_("persoon"), on_delete=models.PROTECT, related_name="+"
    )
    keuze = models.CharField(_("keuze"), max_length=10, choices=Keuze.choices)
    is_intrekking = models.BooleanField(
        _("ingetrokken"),
        default=False,
        help_text=_("Een nee nadat deze persoon eerder ja zei."),
    )
    op = models.DateTimeField(_("op"), default=timezone.now)

    class Meta:
        ordering = ["-op", "-pk"]
        verbose_name = _("toestemming om de analyse te delen")
        verbose_name_plural = _("toestemmingen om de analyse te delen")

    def __str__(self) -> str:
        return f"{self.persoon}: {self.get_keuze_display()}"


class Tegenspraak(models.Model):
    """The behavioural scientist's counter-check: sign-off or objection, with reasons.
    The latest row counts; an objection blocks placement until a later sign-off.

    It is four eyes: never signed by the proposal's author or the youth's own coordinator
    (`voorstellen.services.teken_tegenspraak`). It judges the group as it was when signed,
    so it keeps that group: the stays in the home (`bewoners`) and the group's risk with
    the youth added (`risico_na`). A resident arriving or leaving, or a higher risk since,
    voids it (`voorstellen.services.tegenspraak_vervallen`).
    """

    class Oordeel(models.TextChoices):
        AKKOORD = "akkoord", _("Akkoord")
        BEZWAAR = "bezwaar", _("Bezwaar")

    voorstel = models.ForeignKey(
        Voorstel, verbose_name=_("voorstel"), on_delete=models.CASCADE, related_name="tegenspraken"
    )
    door = models.ForeignKey(
        "accounts.User", verbose_name=_("door"), on_delete=models.PROTECT, related_name="+"
    )
    oordeel = models.CharField(_("oordeel"), max_length=10, choices=Oordeel.choices)
    toelichting = models.TextField(_("toelichting"))
    op = models.DateTimeField(_("op"), default=timezone.now)
    bewoners = models.JSONField(
        _("bewoners bij het tekenen"),
        null=True,
        blank=True,
        help_text=_("De verblijven in de woning toen getekend werd (ids). Leeg: niet bekend."),
    )
    risico_na = models.CharField(
        _("groepsrisico met de jongere erbij, bij het tekenen"),
        max_length=10,
        choices=Risiconiveau.choices,
        blank=True,
    )

    class Meta:
        db_table = "matching_tegenspraak"
        ordering = ["-op", "-pk"]
        verbose_name = _("tegenspraak")
        verbose_name_plural = _("tegenspraken")

    def __str__(self) -> str:
        return f"{self.get_oordeel_display()} ({self.door})"


# --- The search index: the engine's view of every home, shared by all processes ----------
