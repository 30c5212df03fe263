"""Session rules that hold on every page: idle timeout, a professional's working day, the
second login step, and no caching of pages with personal data."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.koppelen import GEEN_TOESTEL, mag_zelf_koppelen
from accounts.models import User
from accounts.tweestaps import is_geverifieerd, met_volgende, moet_tweede_stap, toestel

LAATST_ACTIEF = "laatst_actief"
INGELOGD_OP = "ingelogd_op"
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


def _uitloggen(request: HttpRequest, melding: str) -> HttpResponse:
    logout(request)
    messages.info(request, melding)
    return _naar(request, _met_volgende(reverse("login"), request))


class InactiviteitMiddleware:
    """Logs anyone out after SESSIE_INACTIEF_MINUTEN without a request, and a professional
    also SESSIE_MAX_UREN after logging in, however active (one working day).

    The session store expires the session after the idle time too (set_expiry), so an idle
    session also ends on the server; this middleware adds the explanation on the login page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User):
            limiet = settings.SESSIE_INACTIEF_MINUTEN * 60
            nu = int(time.time())
            laatst = request.session.get(LAATST_ACTIEF)
            if isinstance(laatst, int) and nu - laatst > limiet:
                return _uitloggen(
                    request,
                    _(
                        "Je bent uitgelogd omdat je %(minuten)d minuten niets hebt gedaan. "
                        "Log opnieuw in om verder te gaan."
                    )
                    % {"minuten": settings.SESSIE_INACTIEF_MINUTEN},
                )
            ingelogd = request.session.get(INGELOGD_OP)
            if not isinstance(ingelogd, int):
                # A session from before this rule: its day starts now.
                request.session[INGELOGD_OP] = ingelogd = nu
            if user.is_professional and nu - ingelogd > settings.SESSIE_MAX_UREN * 3600:
                return _uitloggen(
                    request,
                    _(
                        "Je bent uitgelogd omdat je %(uren)d uur geleden bent ingelogd. "
                        "Log opnieuw in om verder te gaan."
                    )
                    % {"uren": settings.SESSIE_MAX_UREN},
                )
            if not isinstance(laatst, int) or nu - laatst >= BIJWERKEN_NA_SECONDEN:
                request.session[LAATST_ACTIEF] = nu
                request.session.set_expiry(limiet)
        return self.get_response(request)


class GeenCacheMiddleware:
    """`Cache-Control: no-store` (and private, no-cache) on every response to a logged-in
    user: a shared computer's browser cache or a proxy must not keep a youth's page.
    Static files never get here (whitenoise answers them earlier)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response


class TweestapsMiddleware:
    """Sends a logged-in user who still owes the second step to that step.

    Only the pages needed to pass it (and logging out, the language switch and the public
    pages) stay open until then.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @cached_property
    def open_paden(self) -> frozenset[str]:
        namen = [
            "login_code",
            "login_herstelcode",
            "tweestaps",
            "logout",
            "set_language",
            "privacy",
        ]
        return frozenset(reverse(naam) for naam in namen) | {"/healthz", "/readyz"}

    @cached_property
    def koppelen_pad(self) -> str:
        return reverse("koppelen", args=["x"]).removesuffix("x/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        # Decided once per request; the menu (accounts.context_processors) reads it too.
        request.tweede_stap_open = (  # type: ignore[attr-defined]
            isinstance(user, User) and not is_geverifieerd(user) and moet_tweede_stap(user)
        )
        if (
            request.tweede_stap_open  # type: ignore[attr-defined]
            and request.path_info not in self.open_paden
            and not request.path_info.startswith(self.koppelen_pad)
            and not request.path_info.startswith(settings.STATIC_URL or "/static/")
        ):
            assert isinstance(user, User)
            if toestel(user) is not None:
                return _naar(request, _met_volgende(reverse("login_code"), request))
            if not mag_zelf_koppelen(request, user):
                # A professional without an app and without an admin's link.
                return _uitloggen(request, str(GEEN_TOESTEL))
            return _naar(request, _met_volgende(reverse("tweestaps"), request))
        return self.get_response(request)
