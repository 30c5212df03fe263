"""The access log (NEN 7513): every read or change of a youth's data, append-only.

The table keeps the name it had before the log moved here (see the migrations). Entries are
written through `kern.inzage`, which the apps below this one call; `privacy.audit` is the
writer behind it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisatie, Rol, User
from kern.inzage import Actie, Doel, Soort, Toegang


class InzageQuerySet(models.QuerySet["Inzage"]):
    def voor_jongere(self, jongere_ref: int) -> InzageQuerySet:
        """What the youth and their parents may read: successful accesses to this youth."""
        return self.filter(jongere_ref=jongere_ref, uitkomst=Toegang.GELUKT)

    def pseudonimiseer(self, gebruiker_ids: Iterable[int]) -> int:
        """The one sanctioned change: the readable name of these users' entries becomes a
        pseudonym (the same one for every entry of a user); the entries themselves stay,
        and so does the hash chain (the name is outside the hash). Returns how many entries
        changed. On PostgreSQL the trigger allows exactly this and nothing else."""
        totaal = 0
        for gebruiker_id in sorted(set(gebruiker_ids)):
            rijen = self.filter(gebruiker_id=gebruiker_id).exclude(
                gebruiker_naam__startswith=PSEUDONIEM_BEGIN
            )
            totaal += models.QuerySet.update(rijen, gebruiker_naam=pseudoniem(gebruiker_id))
        return totaal

    def bulk_create(  # type: ignore[override]
        self, objs: Iterable[Inzage], batch_size: int | None = None
    ) -> list[Inzage]:
        """New entries, chained in the order given (no conflict options: an entry is new)."""
        regels = list(objs)
        with transaction.atomic():
            _vergrendel_keten()
            _koppel(regels)
            models.QuerySet.bulk_create(self, regels, batch_size=batch_size)
        return regels

    def update(self, **kwargs: Any) -> int:
        raise InzageOnveranderlijk("Regels in het toegangslog veranderen niet.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise InzageOnveranderlijk("Regels in het toegangslog worden niet verwijderd.")


PSEUDONIEM_BEGIN = "gewist-"
# One key for the chain's lock on PostgreSQL (pg_advisory_xact_lock takes a bigint).
KETEN_SLOT = 7513_0001


def pseudoniem(gebruiker_id: int) -> str:
    """A stable pseudonym for an erased user: the same for all their entries, not
    reversible without the secret key."""
    sleutel = settings.SECRET_KEY.encode()
    code = hmac.new(sleutel, f"inzage-gebruiker:{gebruiker_id}".encode(), "sha256").hexdigest()
    return f"{PSEUDONIEM_BEGIN}{code[:12]}"


# The fields the hash covers, in this order. Not `gebruiker_naam`: a readable copy that
# erasure may pseudonymise. Not `hash` itself.
KETEN_VELDEN = (
    "id",
    "volgnummer",
    "vorige_hash",
    "op",
    "actie",
    "uitkomst",
    "gebruiker_id",
    "rol",
    "organisatie_id",
    "voorziening_id",
    "jongere_ref",
    "soort",
    "doel",
    "doel_opgegeven",
    "reden",
    "adres",
    "pad",
    "querystring",
    "sessie",
    "user_agent",
    "na_signaalwijziging",
)


def _canoniek(waarde: Any) -> Any:
    if isinstance(waarde, uuid.UUID):
        return str(waarde)
    if hasattr(waarde, "isoformat"):
        return waarde.astimezone(dt.UTC).isoformat()
    return waarde


def keten_hash(velden: dict[str, Any]) -> str:
    """sha256 over a canonical serialisation (sorted JSON) of an entry's chained fields."""
    tekst = json.dumps(
        {veld: _canoniek(velden[veld]) for veld in KETEN_VELDEN},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def _vergrendel_keten() -> None:
    """Only one writer extends the chain at a time (until its transaction ends)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [KETEN_SLOT])


def _koppel(regels: Sequence[Inzage]) -> None:
    """Give new entries their place in the chain: number, previous hash, own hash. Call
    inside the transaction that inserts them, after `_vergrendel_keten`."""
    laatste = Inzage.objects.order_by("-volgnummer").values_list("volgnummer", "hash").first()
    nummer, vorige = laatste if laatste is not None else (0, "")
    for regel in regels:
        nummer += 1
        regel.volgnummer = nummer
        regel.vorige_hash = vorige
        regel.hash = keten_hash({veld: getattr(regel, veld) for veld in KETEN_VELDEN})
        vorige = regel.hash


class Inzage(models.Model):
    """One access to a youth's data (NEN 7513): who, in which role, what, why, when.

    Append-only: a row is never changed or removed (on PostgreSQL a trigger enforces
    this too, and the portal's runtime role may only SELECT and INSERT). The one exception
    is `InzageQuerySet.pseudonimiseer`. Each entry carries the hash of the one before it
    (`manage.py access_log --verify` checks the chain). The relations carry no database
    constraint and do nothing on delete, so an entry outlives the person, the organisation
    and the youth it names; role and name are copied at the moment of access because
    people change roles.
    """

    Actie = Actie
    Toegang = Toegang
    Soort = Soort
    Doel = Doel

    id = models.UUIDField(_("gebeurtenis"), primary_key=True, default=uuid.uuid4, editable=False)
    # Indexed together with the sequence number (Meta.indexes): the log is read newest first.
    op = models.DateTimeField(_("tijdstip"), default=timezone.now)
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
    querystring = models.CharField(_("zoekvraag in het adres"), max_length=500, blank=True)
    sessie = models.CharField(
        _("sessie"),
        max_length=64,
        blank=True,
        help_text=_("Een hash van de sessiesleutel, niet de sleutel zelf."),
    )
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    doel_opgegeven = models.BooleanField(
        _("doel opgegeven"),
        default=False,
        help_text=_("De gebruiker gaf het doel zelf op; anders volgt het uit de rol."),
    )
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    volgnummer = models.BigIntegerField(_("volgnummer"), unique=True, editable=False)
    vorige_hash = models.CharField(_("hash van de vorige regel"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, editable=False)
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
        indexes = [
            models.Index(fields=["jongere_ref", "-op"]),
            # The admin's log page pages through this index (`privacy.views.bladzijde`)
            # and date filters are ranges on it: a page costs the same with a million
            # entries as with a hundred.
            models.Index(fields=["op", "volgnummer"], name="inzage_op_volgnummer"),
        ]

    def __str__(self) -> str:
        return f"{self.op:%Y-%m-%d %H:%M} {self.gebruiker_naam} {self.actie} {self.soort}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise InzageOnveranderlijk("Een regel in het toegangslog verandert niet.")
        kwargs["force_insert"] = True
        with transaction.atomic():
            _vergrendel_keten()
            _koppel([self])
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise InzageOnveranderlijk("Een regel in het toegangslog wordt niet verwijderd.")


class InzageOnveranderlijk(Exception):
    """Raised on an attempt to change or remove an access-log entry."""
