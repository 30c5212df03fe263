"""Middleware of the whole portal: the request id with its log line, and the language."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from kern.logs import REQUEST_ID, geldig_request_id

logger = logging.getLogger("passendeplek.request")


class RequestIdMiddleware:
    """Gives every request an id, logged on every line the request (and the tasks it
    starts) writes, and returned in the X-Request-ID header so a person reporting a problem
    can quote it. A proxy's X-Request-ID is taken over only when a proxy is configured
    (DJANGO_TRUSTED_PROXIES); from anyone else it could be made up. Ends with one log line
    per request: method, path (never the query string), status and duration."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        van_proxy = request.META.get("HTTP_X_REQUEST_ID", "")
        if not (settings.INZAGE_VERTROUWDE_PROXIES and geldig_request_id(van_proxy)):
            van_proxy = ""
        token = REQUEST_ID.set(van_proxy or uuid.uuid4().hex)
        begin = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = REQUEST_ID.get()
            # Health checks every few seconds would drown the log.
            niveau = logging.DEBUG if request.path in ("/healthz", "/readyz") else logging.INFO
            pad = _pad_zonder_sleutels(request)
            logger.log(
                niveau,
                "%s %s %s",
                request.method,
                pad,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": pad,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - begin) * 1000, 1),
                },
            )
            return response
        finally:
            REQUEST_ID.reset(token)


# URL parts that open an account (an invitation's or a password reset's link) never reach
# a log: someone reading the log could use them.
_SLEUTELS = ("token", "uidb64")


def _pad_zonder_sleutels(request: HttpRequest) -> str:
    pad = request.path
    match = request.resolver_match
    if match is not None:
        for naam in _SLEUTELS:
            waarde = match.kwargs.get(naam)
            if waarde:
                pad = pad.replace(str(waarde), "…")
    return pad


# Language choice: Dutch unless the person picked another language in the footer.
#
# Django's LocaleMiddleware also follows the browser's Accept-Language header. Our users
# are Dutch professionals and families whose phones are often set to English; they expect
# the Dutch portal, so only an explicit choice (the language cookie) switches language.


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
