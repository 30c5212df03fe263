"""The shared vocabulary and the outbox: the models every other app builds on.

Both tables keep the names they had before the apps were split (see the migrations).
"""

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
        db_table = "matching_kenmerk"
        ordering = ["volgorde", "naam"]
        verbose_name = _("kenmerk (behoefte of aanbod)")
        verbose_name_plural = _("kenmerken (behoeften en aanbod)")

    def __str__(self) -> str:
        return self.naam


class UitgesteldeTaak(models.Model):
    """Background work waiting to be handed to the task queue (the outbox), or work that
    failed for good (the dead letters).

    Written in the same transaction as the change that causes it and removed once the
    broker has it, so a recompute or an e-mail is neither lost when Redis is down nor
    sent for a change that was rolled back. See `kern.uitgesteld`. A task that gives up
    (an e-mail after its last try, see `accounts.mail`) comes back as a row with status
    "mislukt": visible in the admin, where it can be sent again, until the daily clean-up
    removes it after BEWAARTERMIJN_MISLUKT_DAGEN.
    """

    class Status(models.TextChoices):
        WACHT = "wacht", _("wacht op de takenwachtrij")
        MISLUKT = "mislukt", _("mislukt, niet meer geprobeerd")

    taak = models.CharField(_("taak"), max_length=200)
    argumenten = models.JSONField(_("argumenten"), default=list)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WACHT
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    pogingen = models.PositiveIntegerField(_("mislukte pogingen"), default=0)
    laatste_poging_op = models.DateTimeField(_("laatste poging op"), null=True, blank=True)
    laatste_fout = models.CharField(_("laatste fout"), max_length=300, blank=True)
    # The id of the request that caused the work, so the task's log lines carry it too.
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)

    class Meta:
        db_table = "accounts_uitgesteldetaak"
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "laatste_poging_op"])]
        verbose_name = _("uitgestelde taak")
        verbose_name_plural = _("uitgestelde taken")

    def __str__(self) -> str:
        return self.taak
