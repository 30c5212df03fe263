from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from kern import opmaak
from kern.publiek import Audience

if TYPE_CHECKING:
    pass


class Risiconiveau(models.TextChoices):
    LAAG = "laag", _("Laag")
    VERHOOGD = "verhoogd", _("Verhoogd")
    HOOG = "hoog", _("Hoog")


class Groepsbeeld(models.Model):
    """The stored picture of a home's current group, kept up to date by a Celery task.

    Counts only, never individual residents. `signalen` holds aggregated counts of
    attention signals: the home's own manager and admins may see them, nobody else.
    `groep_versie` is the home's group version the picture was computed from, so a slow
    recompute can never write an older picture over a newer one.
    """

    voorziening = models.OneToOneField(
        "voorzieningen.Voorziening",
        verbose_name=_("voorziening"),
        on_delete=models.CASCADE,
        related_name="groepsbeeld_opgeslagen",
    )
    aantal = models.PositiveSmallIntegerField(_("aantal bewoners"), default=0)
    jongste = models.PositiveSmallIntegerField(_("jongste (jaar)"), null=True, blank=True)
    oudste = models.PositiveSmallIntegerField(_("oudste (jaar)"), null=True, blank=True)
    geslachten = models.JSONField(_("geslachten"), default=dict, blank=True)
    zorgprofielen = models.JSONField(_("zorgprofielen"), default=dict, blank=True)
    zorgintensiteiten = models.JSONField(_("zorgintensiteiten"), default=dict, blank=True)
    signalen = models.JSONField(_("aandachtssignalen (aantallen)"), default=dict, blank=True)
    niveau = models.CharField(_("risico"), max_length=10, choices=Risiconiveau.choices)
    redenen = models.JSONField(_("redenen"), default=list, blank=True)
    # The same, with every reason that rests on a resident's signal replaced by a general
    # sentence: what coordinators read (in a group of two, "meer jongeren met agressie"
    # would name both).
    redenen_openbaar = models.JSONField(_("redenen voor anderen"), default=list, blank=True)
    groep_versie = models.PositiveIntegerField(_("groepsversie"), default=0)
    berekend_op = models.DateTimeField(_("berekend op"))

    class Meta:
        verbose_name = _("groepsbeeld")
        verbose_name_plural = _("groepsbeelden")

    def __str__(self) -> str:
        return f"{self.voorziening}: {self.get_niveau_display()}"

    def redenen_voor(self, audience: Audience) -> list[str]:
        """The reasons as `audience` may read them: naming residents' signals only for the
        home's own managers (see `kern.publiek`)."""
        return list(self.redenen if audience.names_resident_signals else self.redenen_openbaar)

    def wezenlijk_anders_dan(self, other: Groepsbeeld | None) -> bool:
        """A change people should hear about: another risk level or another group size."""
        return other is None or (self.niveau, self.aantal) != (other.niveau, other.aantal)


class ZoekopdrachtQuerySet(models.QuerySet["Zoekopdracht"]):
    def met_voorziening(self, voorziening_id: int) -> ZoekopdrachtQuerySet:
        return self.filter(voorzieningen=voorziening_id)


class Zoekopdracht(models.Model):
    """A search a coordinator saved for a youth, with its best homes at the last ranking.

    It is re-ranked when the group picture of one of those homes changes, so the
    coordinator hears when a candidate home became a better or worse fit.
    """

    jongere = models.ForeignKey(
        "jongeren.Jongere",
        verbose_name=_("jongere"),
        on_delete=models.CASCADE,
        related_name="zoekopdrachten",
    )
    gemaakt_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("gemaakt door"),
        on_delete=models.PROTECT,
        related_name="zoekopdrachten",
    )
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    resultaat = models.JSONField(
        _("beste woningen"), default=list, blank=True, help_text=_("[voorziening-id, score]")
    )
    voorzieningen = models.ManyToManyField(
        "voorzieningen.Voorziening",
        verbose_name=_("voorzieningen in het resultaat"),
        related_name="zoekopdrachten",
        blank=True,
    )
    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = ZoekopdrachtQuerySet.as_manager()

    class Meta:
        ordering = ["-bijgewerkt_op"]
        verbose_name = _("bewaarde zoekopdracht")
        verbose_name_plural = _("bewaarde zoekopdrachten")

    def __str__(self) -> str:
        return f"{self.jongere} ({opmaak.datum(self.gemaakt_op)})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:zoekopdracht", args=[self.jongere_id, self.pk])


# --- Proposals (voorstellen) ---------------------------------------------------------------


class ZoekindexWoning(models.Model):
    """One home as the matching engine sees it, for every search in every process.

    Written by `matching.zoekindex` from the homes' own tables, home by home, whenever a
    change to that home is recorded (`ZoekindexWijziging`) or time alone changes the view
    (`geldig_tot`: midnight, or a vacancy running out of confirmation). No foreign key: a
    deleted home leaves its row with empty contents, so that every process learns it is gone.
    """

    woning_id = models.BigIntegerField(_("woning"), primary_key=True)
    versie = models.BigIntegerField(
        _("versie"),
        default=0,
        db_index=True,
        help_text=_("Het nummer van de bijwerking die deze rij het laatst schreef."),
    )
    geldig_tot = models.DateTimeField(_("geldig tot"), null=True, blank=True, db_index=True)
    recept = models.CharField(_("recept"), max_length=40, blank=True)
    inhoud = models.TextField(
        _("inhoud"), blank=True, help_text=_("JSON; leeg als de woning niet meer bestaat.")
    )

    class Meta:
        verbose_name = _("woning in de zoekindex")
        verbose_name_plural = _("zoekindex")

    def __str__(self) -> str:
        return f"woning {self.woning_id} (versie {self.versie})"


class ZoekindexWijziging(models.Model):
    """A change to a home that the search index has not taken in yet. Written in the same
    transaction as the change itself, so it is never lost; removed once taken in."""

    woning_id = models.BigIntegerField(_("woning"), db_index=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("wijziging voor de zoekindex")
        verbose_name_plural = _("wijzigingen voor de zoekindex")

    def __str__(self) -> str:
        return f"woning {self.woning_id}"


class ZoekindexBijwerking(models.Model):
    """One update of the search index. Its number is the version of the rows it wrote:
    processes ask for the rows above the highest version they have seen."""

    gemaakt_op = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    woningen = models.PositiveIntegerField(_("woningen"), default=0)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("bijwerking van de zoekindex")
        verbose_name_plural = _("bijwerkingen van de zoekindex")

    def __str__(self) -> str:
        return f"bijwerking {self.pk}"


# --- The placement table's joint allocation, computed in the background -------------------
