"""Liveness and readiness probes for the load balancer and docker-compose; the privacy and
accessibility statements."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answers; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


def _database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ready(url: str) -> bool:
    # A broker that accepts the connection and then never answers must not hang the probe
    # (and pile up the probes behind it): every wait is bounded.
    opties = {"socket_connect_timeout": 2, "socket_timeout": 2}
    try:
        with Connection(url, connect_timeout=2, transport_options=opties) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Ready when the database answers and, if a broker is configured, the broker too."""
    checks = {"database": "ok" if _database_ready() else "unavailable"}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = "ok" if _broker_ready(settings.CELERY_BROKER_URL) else "unavailable"
    else:
        checks["broker"] = "in-process"
    ready = "unavailable" not in checks.values()
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503
    )


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    """What the portal keeps, who sees it, for how long, and your rights. Open to everyone."""
    return render(request, "privacy.html", {"bewaar_jaren": settings.BEWAARTERMIJN_JONGERE_JAREN})


@require_GET
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: the standard, how it is tested, what is not yet good,
    and where to report a problem. Open to everyone."""
    return render(
        request,
        "toegankelijkheid.html",
        {
            "contact_email": settings.TOEGANKELIJKHEID_EMAIL,
            "uitnodiging_dagen": settings.UITNODIGING_GELDIG_DAGEN,
        },
    )
