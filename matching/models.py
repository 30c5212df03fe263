from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KenmerkQuerySet(models.QuerySet["Kenmerk"]):
    def actief(self) -> KenmerkQuerySet:
        return self.filter(actief=True)


class Kenmerk(models.Model):
    """A need of a youth and, with the same code, what a home or team offers.

    The starting set comes from the field's vocabulary; admins add codes here. A code
    is never deleted once used, only switched off, so old analyses stay readable.
    """

    code = models.SlugField(_("code"), max_length=50, unique=True)
    naam = models.CharField(
        _("naam"), max_length=120, help_text=_("Kort, in gewone taal: 'rust en structuur'.")
    )
    aanbod_zin = models.CharField(
        _("zin als het aanbod er is"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: 'De woning biedt rust en structuur'."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=100)

    objects = KenmerkQuerySet.as_manager()

    class Meta:
        ordering = ["volgorde", "naam"]
        verbose_name = _("kenmerk (behoefte of aanbod)")
        verbose_name_plural = _("kenmerken (behoeften en aanbod)")

    def __str__(self) -> str:
        return self.naam


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
        return f"{self.jongere} ({self.gemaakt_op:%d-%m-%Y})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("matching:zoekopdracht", args=[self.jongere_id, self.pk])
