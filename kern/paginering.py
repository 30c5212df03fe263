"""Pagination the same way on every list page: `?pagina=N`, out-of-range numbers show the
last page, and `includes/pagination.html` renders the links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def pagina(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    per_pagina: int,
    *,
    parameter: str = "pagina",
) -> Page[Any]:
    """The page of `items` the request asks for in `parameter`."""
    return Paginator(items, per_pagina).get_page(request.GET.get(parameter))
