"""The placement table's joint allocations: one computation per request, run in the
background. The table keeps its name from before the move out of `matching`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class VerdelingStatus(models.TextChoices):
    WACHTEND = "wachtend", _("Wacht op een rekenproces")
    BEZIG = "bezig", _("Bezig met rekenen")
    KLAAR = "klaar", _("Klaar")
    ONMOGELIJK = "onmogelijk", _("Geen verdeling mogelijk")
    MISLUKT = "mislukt", _("Mislukt")
    GESTOPT = "gestopt", _("Gestopt")


class Verdeling(models.Model):
    """One computation of the joint allocation for a placement table: what it was asked
    (`invoer`, the allocation's whole request), how far it is, and its answer.

    Computed by a Celery worker on a queue of its own (`plaatsingstafel.verdeling`); a second
    request with the same inputs gets this one instead of a new computation. Advice for one meeting,
    kept for `VERDELING_BEWAAR_DAGEN` days.
    """

    regio = models.ForeignKey(
        "accounts.Regio",
        verbose_name=_("regio"),
        on_delete=models.CASCADE,
        related_name="verdelingen",
    )
    gevraagd_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("gevraagd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    jongeren = models.ManyToManyField(
        "jongeren.Jongere", verbose_name=_("jongeren"), related_name="verdelingen"
    )
    sleutel = models.CharField(
        _("sleutel"),
        max_length=64,
        help_text=_("Vingerafdruk van de invoer: dezelfde invoer geeft dezelfde verdeling."),
    )
    invoer = models.JSONField(_("invoer"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VerdelingStatus.choices,
        default=VerdelingStatus.WACHTEND,
    )
    advies = models.JSONField(_("advies"), null=True, blank=True)
    melding = models.TextField(
        _("melding"), blank=True, help_text=_("Waarom er geen verdeling is of wat er misging.")
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        db_table = "matching_verdeling"
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("verdeling")
        verbose_name_plural = _("verdelingen")
        indexes = [models.Index(fields=["regio", "sleutel"], name="verdeling_sleutel_idx")]

    def __str__(self) -> str:
        return f"Verdeling {self.pk} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("plaatsingstafel:verdeling", args=[self.pk])

    @property
    def loopt(self) -> bool:
        return self.status in (VerdelingStatus.WACHTEND, VerdelingStatus.BEZIG)
