"""`Authorization: Bearer <key>`: the provider's key stands for its manager."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from api.models import ApiSleutel
from api.sleutels import vind_sleutel


class SleutelAuthenticatie(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiSleutel] | None:
        # Read as text: a header with characters outside Latin-1 is refused below instead
        # of failing inside DRF's byte conversion.
        kop = str(request.META.get("HTTP_AUTHORIZATION", "")).split()
        if not kop:
            return None
        if kop[0].lower() != self.keyword.lower():
            raise exceptions.AuthenticationFailed(
                _("Gebruik de kop Authorization: Bearer gevolgd door de API-sleutel.")
            )
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(
                _("Na Bearer hoort precies één API-sleutel, zonder spaties.")
            )
        sleutel = kop[1]
        if not sleutel.isascii():
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ongeldig."))
        record = vind_sleutel(sleutel)
        if record is None:
            raise exceptions.AuthenticationFailed(
                _(
                    "Deze API-sleutel is onbekend of ingetrokken. Vraag de beheerder van het "
                    "portaal om een nieuwe."
                )
            )
        return record.gebruiker, record

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'
