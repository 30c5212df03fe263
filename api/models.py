"""API keys of care providers, and the answers kept for idempotent retries.

A key belongs to one manager of one provider and acts as that manager, only for that
provider's homes. The key itself is shown once, when it is made; the database keeps only its
SHA-256 hash, so a copy of the database opens nothing. (A key is 256 random bits, so a fast
hash is enough: there is no dictionary to try.)
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiSleutelQuerySet(models.QuerySet["ApiSleutel"]):
    def geldig(self) -> ApiSleutelQuerySet:
        return self.filter(ingetrokken_op__isnull=True)


class ApiSleutel(models.Model):
    naam = models.CharField(
        _("omschrijving"),
        max_length=100,
        help_text=_("Waarvoor de sleutel is, bijvoorbeeld: het roostersysteem van de aanbieder."),
    )
    gebruiker = models.ForeignKey(
        "accounts.User",
        verbose_name=_("beheerder"),
        on_delete=models.PROTECT,
        related_name="api_sleutels",
        limit_choices_to={"rol": "beheerder", "is_active": True},
        help_text=_(
            "De sleutel werkt als deze beheerder, alleen voor de woningen van diens aanbieder."
        ),
    )
    aanbieder = models.ForeignKey(
        "accounts.Organisatie",
        verbose_name=_("zorgaanbieder"),
        on_delete=models.PROTECT,
        related_name="api_sleutels",
    )
    # The first characters of the key, so people can tell their keys apart; never enough to use.
    begin = models.CharField(_("begint met"), max_length=12, editable=False)
    sleutel_hash = models.CharField(
        _("hash van de sleutel"), max_length=64, unique=True, editable=False
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("aangemaakt door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    ingetrokken_op = models.DateTimeField(
        _("ingetrokken op"), null=True, blank=True, editable=False
    )
    ingetrokken_door = models.ForeignKey(
        "accounts.User",
        verbose_name=_("ingetrokken door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    laatst_gebruikt_op = models.DateTimeField(
        _("laatst gebruikt op"), null=True, blank=True, editable=False
    )
    # The rate limit's window (a minute) and the calls made in it; see api.throttling.
    venster_begin = models.DateTimeField(null=True, blank=True, editable=False)
    venster_aantal = models.PositiveIntegerField(default=0, editable=False)

    objects = ApiSleutelQuerySet.as_manager()

    class Meta:
        ordering = ["-aangemaakt_op", "-pk"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        indexes = [models.Index(fields=["gebruiker", "ingetrokken_op"])]

    def __str__(self) -> str:
        return f"{self.naam} ({self.begin}…)"

    @property
    def is_geldig(self) -> bool:
        return self.ingetrokken_op is None


class IdempotentAntwoord(models.Model):
    """The answer to a change made with an `Idempotency-Key`, so a retry gets the same answer
    instead of doing the change twice. Kept for `api.idempotentie.BEWAAR_UREN` hours."""

    sleutel = models.ForeignKey(ApiSleutel, on_delete=models.CASCADE, related_name="+")
    idempotentie = models.CharField(_("Idempotency-Key"), max_length=200)
    methode = models.CharField(max_length=10)
    pad = models.CharField(max_length=300)
    verzoek_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    antwoord = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bewaard API-antwoord")
        verbose_name_plural = _("bewaarde API-antwoorden")
        constraints = [
            models.UniqueConstraint(
                fields=["sleutel", "idempotentie"], name="idempotentie_eenmaal_per_sleutel"
            ),
            models.CheckConstraint(condition=~Q(idempotentie=""), name="idempotentie_niet_leeg"),
        ]

    def __str__(self) -> str:
        return f"{self.methode} {self.pad}"
