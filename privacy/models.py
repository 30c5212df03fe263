"""The access log (NEN 7513): every read or change of a youth's data, append-only.

The table keeps the name it had before the log moved here (see the migrations). Entries are
written through `kern.inzage`, which the apps below this one call; `privacy.audit` is the
writer behind it.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisatie, Rol, User
from kern.inzage import Actie, Doel, Soort, Toegang


class InzageQuerySet(models.QuerySet["Inzage"]):
    def voor_jongere(self, jongere_ref: int) -> InzageQuerySet:
        """What the youth and their parents may read: successful accesses to this youth."""
        return self.filter(jongere_ref=jongere_ref, uitkomst=Toegang.GELUKT)

    def update(self, **kwargs: Any) -> int:
        raise InzageOnveranderlijk("Regels in het toegangslog veranderen niet.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise InzageOnveranderlijk("Regels in het toegangslog worden niet verwijderd.")


class Inzage(models.Model):
    """One access to a youth's data (NEN 7513): who, in which role, what, why, when.

    Append-only: a row is never changed or removed (on PostgreSQL a trigger enforces
    this too). The relations carry no database constraint and do nothing on delete, so
    an entry outlives the person, the organisation and the youth it names; role and
    name are copied at the moment of access because people change roles.
    """

    Actie = Actie
    Toegang = Toegang
    Soort = Soort
    Doel = Doel

    id = models.UUIDField(_("gebeurtenis"), primary_key=True, default=uuid.uuid4, editable=False)
    op = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    actie = models.CharField(_("actie"), max_length=10, choices=Actie.choices)
    uitkomst = models.CharField(_("uitkomst"), max_length=10, choices=Toegang.choices)
    gebruiker = models.ForeignKey(
        User,
        verbose_name=_("gebruiker"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    gebruiker_naam = models.CharField(_("naam gebruiker"), max_length=300, blank=True)
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, blank=True)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    voorziening = models.ForeignKey(
        "voorzieningen.Voorziening",
        verbose_name=_("woning"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bij een KWV-beheerder: de woning waarvoor de gegevens bekeken zijn."),
    )
    # The youth's id as a plain number: it stays after the youth is anonymised or removed.
    jongere_ref = models.IntegerField(_("jongere (id)"), null=True, db_index=True)
    soort = models.CharField(_("soort gegevens"), max_length=20, choices=Soort.choices)
    doel = models.CharField(_("doel"), max_length=30, choices=Doel.choices)
    adres = models.GenericIPAddressField(_("adres van de client"), null=True, blank=True)
    pad = models.CharField(_("pagina"), max_length=300, blank=True)
    na_signaalwijziging = models.BooleanField(
        _("zoeken na een wijziging van de aandachtssignalen"),
        default=False,
        help_text=_(
            "De aandachtssignalen die dit zoeken sturen, veranderden sinds het vorige zoeken "
            "voor deze jongere."
        ),
    )

    objects = InzageQuerySet.as_manager()

    class Meta:
        db_table = "accounts_inzage"
        ordering = ["-op"]
        verbose_name = _("inzage")
        verbose_name_plural = _("toegangslog")
        indexes = [models.Index(fields=["jongere_ref", "-op"])]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.gebruiker_naam} {self.actie} {self.soort}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise InzageOnveranderlijk("Een regel in het toegangslog verandert niet.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise InzageOnveranderlijk("Een regel in het toegangslog wordt niet verwijderd.")


class InzageOnveranderlijk(Exception):
    """Raised on an attempt to change or remove an access-log entry."""
