"""Changes that a client may safely send twice: the `Idempotency-Key` header.

A provider's system that loses the answer to "publish this vacancy" (a timeout, a restart)
sends the same request again with the same key and gets the first answer back, instead of a
second vacancy. Per API key:

* the same key with the same request (method, path, body) replays the stored answer, with
  the header `Idempotency-Replayed: true`;
* the same key with another request is refused (422): a key names one change;
* only successful answers are kept, for `BEWAAR_UREN` hours. A refused change changed
  nothing, so sending it again is simply tried again.

The key's row is written in the same transaction as the change, so two requests with one
key at the same moment queue up on the unique index and the second one replays the first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from api.models import ApiSleutel, IdempotentAntwoord
from api.problemen import Probleem

BEWAAR_UREN = 24
KOP = "Idempotency-Key"
_GELDIG = re.compile(r"[\x21-\x7e]{1,200}")


def _hash(request: Request) -> str:
    inhoud = json.dumps(request.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method} {request.path}\n{inhoud}".encode()).hexdigest()


def idempotent(request: Request, uitvoeren: Callable[[], Response]) -> Response:
    """Run `uitvoeren` once per Idempotency-Key of this API key; replay it afterwards."""
    sleutel = request.auth
    assert isinstance(sleutel, ApiSleutel)
    waarde = request.headers.get(KOP, "")
    if not waarde:
        raise Probleem(
            400,
            "idempotentie-sleutel-ontbreekt",
            _("Idempotency-Key ontbreekt"),
            _(
                "Stuur bij elke wijziging een eigen Idempotency-Key mee (bijvoorbeeld een "
                "UUID). Stuurt u hetzelfde verzoek opnieuw, gebruik dan dezelfde sleutel."
            ),
        )
    if not _GELDIG.fullmatch(waarde):
        raise Probleem(
            400,
            "idempotentie-sleutel-ongeldig",
            _("Idempotency-Key is ongeldig"),
            _("Een Idempotency-Key is 1 tot 200 leesbare tekens, zonder spaties."),
        )
    verzoek = _hash(request)
    bewaard = IdempotentAntwoord.objects.filter(sleutel=sleutel, idempotentie=waarde).first()
    if bewaard is not None:
        return _herhaal(bewaard, verzoek)
    try:
        with transaction.atomic():
            IdempotentAntwoord.objects.filter(
                sleutel=sleutel, aangemaakt_op__lt=timezone.now() - dt.timedelta(hours=BEWAAR_UREN)
            ).delete()
            rij = IdempotentAntwoord.objects.create(
                sleutel=sleutel,
                idempotentie=waarde,
                methode=request.method or "",
                pad=request.path[:300],
                verzoek_hash=verzoek,
                status=0,
            )
            response = uitvoeren()
            rij.status = response.status_code
            rij.antwoord = response.data
            rij.save(update_fields=["status", "antwoord"])
    except IntegrityError:
        # Another request with this key committed first: answer as it did.
        bewaard = IdempotentAntwoord.objects.filter(sleutel=sleutel, idempotentie=waarde).first()
        if bewaard is None:
            raise
        return _herhaal(bewaard, verzoek)
    return response


def _herhaal(bewaard: IdempotentAntwoord, verzoek: str) -> Response:
    if bewaard.verzoek_hash != verzoek:
        raise Probleem(
            422,
            "idempotentie-sleutel-hergebruikt",
            _("Idempotency-Key al gebruikt"),
            _(
                "Deze Idempotency-Key hoort bij een ander verzoek. Gebruik voor elke nieuwe "
                "wijziging een nieuwe sleutel."
            ),
        )
    response = Response(bewaard.antwoord, status=bewaard.status)
    response["Idempotency-Replayed"] = "true"
    return response
