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
