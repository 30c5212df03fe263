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
        kop = authentication.get_authorization_header(request).split()
        if not kop:
            return None
        if kop[0].lower() != self.keyword.lower().encode():
            raise exceptions.AuthenticationFailed(
                _("Gebruik de kop Authorization: Bearer gevolgd door de API-sleutel.")
            )
        if len(kop) != 2:
            raise exceptions.AuthenticationFailed(
                _("Na Bearer hoort precies één API-sleutel, zonder spaties.")
            )
        try:
            sleutel = kop[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ongeldig.")) from None
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
