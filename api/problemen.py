"""Errors as RFC 9457 problem details (`application/problem+json`), in Dutch, naming the field.

Every error of the API has the same shape:

    {"type": "https://passendeplek.nl/api/problemen/validatie", "title": "…", "status": 400,
     "detail": "…", "instance": "/api/v1/…", "fouten": [{"veld": "beschikbaar_vanaf",
     "melding": "…"}]}

`fouten` lists what is wrong per field (`veld` is null for what concerns the request as a
whole; nested fields read `toelatingsbeleid[0].reden`). Validation by the services (the same
rules as the web pages) comes back the same way as validation of the request's shape.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

logger = logging.getLogger(__name__)

PROBLEEM = "application/problem+json"
TYPE_BASIS = "https://passendeplek.nl/api/problemen/"


class ProbleemRenderer(JSONRenderer):
    """Lets a client that asks for problem details only still get an answer."""

    media_type = PROBLEEM


class Probleem(exceptions.APIException):
    """An error of our own with its type, e.g. a reused idempotency key."""

    def __init__(self, status_code: int, soort: str, titel: str, detail: str) -> None:
        super().__init__(detail=detail)
        self.status_code = status_code
        self.soort = soort
        self.titel = titel


def _fouten(detail: Any, pad: str = "") -> Iterator[dict[str, Any]]:
    """Flatten DRF's nested error detail into (field path, message) pairs."""
    if isinstance(detail, dict):
        for veld, sub in detail.items():
            if isinstance(veld, int) or str(veld).isdigit():
                # A list's item (ListField gives {index: errors}): written as `talen[0]`.
                yield from _fouten(sub, f"{pad}[{veld}]")
                continue
            naam = None if veld in {"non_field_errors", "__all__"} else str(veld)
            volgend = pad if naam is None else (f"{pad}.{naam}" if pad else naam)
            yield from _fouten(sub, volgend)
    elif isinstance(detail, list):
        if detail and all(isinstance(item, (dict, list)) for item in detail):
            for index, item in enumerate(detail):
                if item:
                    yield from _fouten(item, f"{pad}[{index}]")
        else:
            for item in detail:
                yield from _fouten(item, pad)
    else:
        yield {"veld": pad or None, "melding": str(detail)}


def _validatie(fouten: list[dict[str, Any]]) -> dict[str, Any]:
    velden = [fout["veld"] for fout in fouten if fout["veld"]]
    if velden:
        detail = _("Niet alles klopt. Kijk bij: %(velden)s.") % {
            "velden": ", ".join(dict.fromkeys(velden))
        }
    else:
        detail = " ".join(fout["melding"] for fout in fouten) or _("Dit verzoek klopt niet.")
    return {"soort": "validatie", "titel": _("Het verzoek klopt niet"), "detail": detail}


def _django_fout(fout: ValidationError) -> list[dict[str, Any]]:
    if hasattr(fout, "error_dict"):
        return [
            {"veld": None if veld == "__all__" else veld, "melding": melding}
            for veld, lijst in fout.message_dict.items()
            for melding in lijst
        ]
    return [{"veld": None, "melding": melding} for melding in fout.messages]


def probleem(
    request_pad: str,
    status_code: int,
    soort: str,
    titel: str,
    detail: str,
    fouten: list[dict[str, Any]] | None = None,
    kopregels: dict[str, str] | None = None,
) -> Response:
    data: dict[str, Any] = {
        "type": TYPE_BASIS + soort,
        "title": titel,
        "status": status_code,
        "detail": detail,
        "instance": request_pad,
    }
    if fouten:
        data["fouten"] = fouten
    response = Response(data, status=status_code, content_type=PROBLEEM)
    for naam, waarde in (kopregels or {}).items():
        response[naam] = waarde
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """DRF's exception handler, for every error of the API (including unexpected ones)."""
    request = context.get("request")
    from rest_framework.views import set_rollback  # views imports this module's renderer

    pad = request.path if request is not None else ""
    set_rollback()
    kop: dict[str, str] = {}
    fouten: list[dict[str, Any]] = []
    if isinstance(exc, Probleem):
        return probleem(pad, exc.status_code, exc.soort, exc.titel, str(exc.detail))
    if isinstance(exc, ValidationError):
        fouten = _django_fout(exc)
        if not hasattr(exc, "error_dict"):
            # A service refusing a step for the state things are in, not for a bad field:
            # a vacancy already withdrawn, no free place left, a proposal answered already.
            return probleem(
                pad,
                409,
                "conflict",
                _("Dit kan nu niet"),
                " ".join(fout["melding"] for fout in fouten),
                fouten=fouten,
            )
        return probleem(pad, 400, fouten=fouten, **_velden(_validatie(fouten)))
    if isinstance(exc, exceptions.ValidationError):
        fouten = list(_fouten(exc.detail))
        return probleem(pad, 400, fouten=fouten, **_velden(_validatie(fouten)))
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return probleem(
            pad,
            404,
            "niet-gevonden",
            _("Niet gevonden"),
            _("Dit bestaat niet, of het hoort niet bij de woningen van uw organisatie."),
        )
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        detail = (
            str(exc.detail)
            if isinstance(exc, exceptions.AuthenticationFailed)
            else _("Stuur een API-sleutel mee: Authorization: Bearer <sleutel>.")
        )
        return probleem(
            pad,
            401,
            "niet-ingelogd",
            _("Geen geldige API-sleutel"),
            detail,
            kopregels={"WWW-Authenticate": 'Bearer realm="api"'},
        )
    if isinstance(exc, (PermissionDenied, exceptions.PermissionDenied)):
        return probleem(
            pad, 403, "geen-toegang", _("Geen toegang"), _("Dit mag deze API-sleutel niet.")
        )
    if isinstance(exc, exceptions.Throttled):
        wacht = int(exc.wait or 60)
        kop["Retry-After"] = str(wacht)
        return probleem(
            pad,
            429,
            "te-veel-verzoeken",
            _("Te veel verzoeken"),
            _(
                "Deze sleutel deed te veel verzoeken in één minuut. Probeer het over %(s)s "
                "seconden opnieuw."
            )
            % {"s": wacht},
            kopregels=kop,
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        return probleem(
            pad,
            405,
            "methode-niet-toegestaan",
            _("Methode niet toegestaan"),
            _("%(methode)s kan hier niet.") % {"methode": request.method if request else ""},
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return probleem(
            pad,
            415,
            "verkeerd-formaat",
            _("Verkeerd formaat"),
            _("Stuur de gegevens als JSON, met Content-Type: application/json."),
        )
    if isinstance(exc, exceptions.ParseError):
        return probleem(
            pad, 400, "geen-json", _("Het verzoek klopt niet"), _("Dit is geen geldige JSON.")
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return probleem(
            pad,
            406,
            "niet-acceptabel",
            _("Niet acceptabel"),
            _("Deze API antwoordt in JSON (application/json)."),
        )
    if isinstance(exc, exceptions.APIException):
        return probleem(pad, exc.status_code, "fout", _("Het verzoek lukte niet"), str(exc.detail))
    logger.exception("onverwachte fout in de API bij %s", pad)
    return probleem(
        pad,
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        "serverfout",
        _("Er ging iets mis"),
        _("Er ging bij ons iets mis. Er is niets opgeslagen. Probeer het later opnieuw."),
    )


def _velden(soort: dict[str, Any]) -> dict[str, Any]:
    return {"soort": soort["soort"], "titel": soort["titel"], "detail": soort["detail"]}
