"""Throttles for what an attacker would repeat: wrong passwords from one client for any
address, reset links, and invitation links.

django-axes counts wrong passwords per address and client; this module adds the limits
axes has no second limit for. Each limit counts per key (a client address, an e-mail
address) in a fixed window of AXES_COOLOFF_TIME, in the database (`Drempelteller`), so
every web process counts the same requests. Keys are stored as a keyed hash: the table
holds no address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import Drempelteller
from kern.inzage import client_adres


@dataclass(frozen=True)
class Drempel:
    naam: str
    instelling: str  # the setting that holds the maximum per window

    @property
    def maximum(self) -> int:
        return int(getattr(settings, self.instelling))


INLOG_PER_CLIENT = Drempel("inlog-client", "INLOG_FOUTEN_PER_CLIENT")
HERSTEL_PER_ADRES = Drempel("herstel-adres", "HERSTEL_PER_ADRES")
HERSTEL_PER_CLIENT = Drempel("herstel-client", "HERSTEL_PER_CLIENT")
UITNODIGING_PER_ADRES = Drempel("uitnodiging-adres", "UITNODIGING_PER_ADRES")
UITNODIGING_PER_CLIENT = Drempel("uitnodiging-client", "UITNODIGING_PER_CLIENT")


def normaliseer_adres(adres: object) -> str:
    """An e-mail address the way login matches it: trimmed, case-insensitive."""
    return str(adres or "").strip().lower()


def axes_gebruikersnaam(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """AXES_USERNAME_CALLABLE: the address axes counts, written the way login matches it."""
    bron: Any = credentials if credentials else getattr(request, "POST", {})
    return normaliseer_adres(bron.get(settings.AXES_USERNAME_FORM_FIELD))


def _sleutel(drempel: Drempel, waarde: str) -> str:
    return salted_hmac(f"accounts.drempel.{drempel.naam}", waarde, algorithm="sha256").hexdigest()


def _venster_begin(nu: datetime) -> datetime:
    venster = int(settings.AXES_COOLOFF_TIME.total_seconds())
    begin = int(nu.timestamp()) // venster * venster
    return datetime.fromtimestamp(begin, tz=nu.tzinfo)


def aantal(drempel: Drempel, waarde: str) -> int:
    """How often `waarde` was counted for `drempel` in the current window."""
    begin = _venster_begin(timezone.now())
    rij = Drempelteller.objects.filter(sleutel=_sleutel(drempel, waarde)).first()
    return rij.aantal if rij is not None and rij.venster_begin == begin else 0


def overschreden(drempel: Drempel, waarde: str | None) -> bool:
    return waarde is not None and aantal(drempel, waarde) >= drempel.maximum


def tel(drempel: Drempel, waarde: str | None) -> int:
    """Count one more for `waarde` (nothing for None); returns the count in this window."""
    if waarde is None:
        return 0
    sleutel = _sleutel(drempel, waarde)
    begin = _venster_begin(timezone.now())
    for _poging in range(2):
        try:
            with transaction.atomic():
                rij, nieuw = Drempelteller.objects.select_for_update().get_or_create(
                    sleutel=sleutel, defaults={"venster_begin": begin, "aantal": 1}
                )
                if not nieuw:
                    rij.aantal = rij.aantal + 1 if rij.venster_begin == begin else 1
                    rij.venster_begin = begin
                    rij.save(update_fields=["aantal", "venster_begin"])
                return rij.aantal
        except IntegrityError:
            continue  # another process created the row at the same moment: count on it
    return drempel.maximum


def ruim_op() -> int:
    """Delete counts whose window is over."""
    return Drempelteller.objects.filter(venster_begin__lt=_venster_begin(timezone.now())).delete()[
        0
    ]


def te_vaak(request: HttpRequest) -> HttpResponse:
    """The answer once a limit is reached: the same for every address."""
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/te_vaak.html", {"minuten": minuten}, status=429)


@receiver(user_login_failed)
def _tel_fout_wachtwoord(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if request is not None:
        tel(INLOG_PER_CLIENT, client_adres(request))
