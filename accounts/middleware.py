"""Session rules that hold on every page: idle timeout and the second login step."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import User
from accounts.tweestaps import is_geverifieerd, met_volgende, moet_tweede_stap, toestel

LAATST_ACTIEF = "laatst_actief"
# The session is written at most once a minute just to move the idle clock on.
BIJWERKEN_NA_SECONDEN = 60


def _naar(request: HttpRequest, url: str) -> HttpResponse:
    """A redirect that also works for an htmx request (which would swap the page in)."""
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return HttpResponseRedirect(url)


def _met_volgende(url: str, request: HttpRequest) -> str:
    if request.method == "GET" and not getattr(request, "htmx", False):
        return met_volgende(url, request.get_full_path())
    return url


class InactiviteitMiddleware:
    """Logs a professional out after SESSIE_INACTIEF_MINUTEN without a request.

    The session store expires the session after the same time (set_expiry), so an idle
    session also ends on the server; this middleware adds the explanation on the login page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_professional:
            limiet = settings.SESSIE_INACTIEF_MINUTEN * 60
            nu = int(time.time())
            laatst = request.session.get(LAATST_ACTIEF)
            if isinstance(laatst, int) and nu - laatst > limiet:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Je bent uitgelogd omdat je %(minuten)d minuten niets hebt gedaan. "
                        "Log opnieuw in om verder te gaan."
                    )
                    % {"minuten": settings.SESSIE_INACTIEF_MINUTEN},
                )
                return _naar(request, _met_volgende(reverse("login"), request))
            if not isinstance(laatst, int) or nu - laatst >= BIJWERKEN_NA_SECONDEN:
                request.session[LAATST_ACTIEF] = nu
                request.session.set_expiry(limiet)
        return self.get_response(request)


class TweestapsMiddleware:
    """Sends a logged-in user who still owes the second step to that step.

    Only the pages needed to pass it (and logging out, the language switch and the public
    pages) stay open until then.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def open_paden(self) -> frozenset[str]:
        namen = ["login_code", "tweestaps", "logout", "set_language", "privacy"]
        return frozenset(reverse(naam) for naam in namen) | {"/healthz", "/readyz"}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # Decided once per request; the menu (accounts.context_processors) reads it too.
        request.tweede_stap_open = (  # type: ignore[attr-defined]
            isinstance(user, User) and not is_geverifieerd(user) and moet_tweede_stap(user)
        )
        if (
            request.tweede_stap_open  # type: ignore[attr-defined]
            and request.path_info not in self.open_paden
            and not request.path_info.startswith(settings.STATIC_URL or "/static/")
        ):
            assert isinstance(user, User)
            stap = "login_code" if toestel(user) else "tweestaps"
            return _naar(request, _met_volgende(reverse(stap), request))
        return self.get_response(request)
