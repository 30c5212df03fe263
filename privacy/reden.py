"""The stated purpose: a reader whose role does not imply a youth's data (the functional
admin, who has no caseload) says why before reading it. The answer is remembered in the
session for that youth for `GELDIG`, and the access-log entries carry it instead of a purpose
guessed from the role."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from accounts.models import User

GELDIG = dt.timedelta(hours=1)
SESSIE_SLEUTEL = "inzage_redenen"


def reden_vereist(request: HttpRequest) -> bool:
    """Whose role implies no purpose: the functional admin reads youths outside any
    caseload of their own."""
    user = request.user
    return isinstance(user, User) and user.is_functioneel_beheerder


def opgegeven(request: HttpRequest, jongere: int | None) -> tuple[str, str] | None:
    """The purpose and reason stated for this youth in this session, if still valid."""
    session = getattr(request, "session", None)
    if jongere is None or session is None:
        return None
    gegeven = session.get(SESSIE_SLEUTEL, {}).get(str(jongere))
    if not gegeven:
        return None
    if dt.datetime.fromisoformat(gegeven["tot"]) < timezone.now():
        return None
    return gegeven["doel"], gegeven["reden"]


def onthoud(request: HttpRequest, jongere: int, doel: str, reden: str) -> None:
    nu = timezone.now()
    redenen = {
        sleutel: waarde
        for sleutel, waarde in request.session.get(SESSIE_SLEUTEL, {}).items()
        if dt.datetime.fromisoformat(waarde["tot"]) >= nu
    }
    redenen[str(jongere)] = {"doel": doel, "reden": reden, "tot": (nu + GELDIG).isoformat()}
    request.session[SESSIE_SLEUTEL] = redenen


def vraag_reden(request: HttpRequest, *, jongere: int) -> HttpResponse | None:
    if request.method not in {"GET", "HEAD"} or not reden_vereist(request):
        return None
    if opgegeven(request, jongere) is not None:
        return None
    query = urlencode({"volgende": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('privacy:reden', args=[jongere])}?{query}")
