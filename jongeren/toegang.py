"""Which youth a request may reach: one place for the lookup every youth page starts with."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from jongeren.models import Jongere
from kern.inzage import Soort, log_geweigerd


def jongere_voor(request: HttpRequest, pk: int) -> Jongere:
    """The youth, if this user may see them; otherwise 404 (never 403: no hint it exists).

    A refusal is written to the access log under the id that was asked for.
    """
    try:
        return get_object_or_404(
            Jongere.objects.for_user(request.user).select_related("coordinator", "account"), pk=pk
        )
    except Http404:
        log_geweigerd(request, jongere=pk, soort=Soort.PROFIEL)
        raise
