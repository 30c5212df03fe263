"""The invitation link's limits: per client for any link, and per invitation address for
the passwords chosen through it (the counts themselves: `accounts.drempel`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from accounts.drempel import (
    UITNODIGING_PER_ADRES,
    UITNODIGING_PER_CLIENT,
    normaliseer_adres,
    te_vaak,
    tel,
)
from jongeren import services
from kern.inzage import client_adres


def uitnodiging_begrensd(
    view: Callable[[HttpRequest, str], HttpResponse],
) -> Callable[[HttpRequest, str], HttpResponse]:
    """For the invitation link's page: every request counts for the client, and every
    password chosen counts for the invitation's address."""

    @wraps(view)
    def begrensd(request: HttpRequest, token: str) -> HttpResponse:
        if tel(UITNODIGING_PER_CLIENT, client_adres(request)) > UITNODIGING_PER_CLIENT.maximum:
            return te_vaak(request)
        if request.method == "POST":
            adres = _adres_van_uitnodiging(token)
            if tel(UITNODIGING_PER_ADRES, adres) > UITNODIGING_PER_ADRES.maximum:
                return te_vaak(request)
        return view(request, token)

    return begrensd


def _adres_van_uitnodiging(token: str) -> str | None:
    try:
        return normaliseer_adres(services.lees_token(token).email)
    except (
        services.UitnodigingGebruikt,
        services.UitnodigingVerlopen,
        services.UitnodigingOngeldig,
    ):
        return None
