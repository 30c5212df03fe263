"""The rate limit: at most `API_PER_MINUUT` calls per key per clock minute.

Counted on the key's own row, in the database, so every web process counts the same calls
(a per-process cache would let four processes allow four times the limit). One UPDATE moves
the window and the count together; a call over the limit gets 429 with Retry-After.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.utils import timezone
from rest_framework.throttling import BaseThrottle

from api.models import ApiSleutel

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


def per_minuut() -> int:
    return int(settings.API_PER_MINUUT)


class PerSleutel(BaseThrottle):
    def allow_request(self, request: Request, view: APIView) -> bool:
        sleutel = request.auth
        if not isinstance(sleutel, ApiSleutel):
            return True  # no key, no access: the permission check has refused already
        nu = timezone.now()
        minuut = nu.replace(second=0, microsecond=0)
        ApiSleutel.objects.filter(pk=sleutel.pk).update(
            venster_aantal=Case(
                When(venster_begin=minuut, then=F("venster_aantal") + 1), default=Value(1)
            ),
            venster_begin=minuut,
            laatst_gebruikt_op=nu,
        )
        aantal = (
            ApiSleutel.objects.filter(pk=sleutel.pk)
            .values_list("venster_aantal", flat=True)
            .first()
        )
        self.nu = nu
        return aantal is not None and aantal <= per_minuut()

    def wait(self) -> float | None:
        nu = getattr(self, "nu", None) or timezone.now()
        return max(1.0, math.ceil(60 - nu.second - nu.microsecond / 1e6))
