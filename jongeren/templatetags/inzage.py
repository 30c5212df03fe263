"""Dates of the data export in words: the JSON keeps ISO 8601, the page says "3 maart 2026"."""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.dateformat import format as datum_format

register = template.Library()


@register.filter
def leesbaar(waarde: object) -> object:
    """An ISO date or date-time string as "3 maart 2026" or "3 maart 2026, 14:05"."""
    if not isinstance(waarde, str) or not waarde:
        return waarde
    try:
        if "T" in waarde:
            return datum_format(datetime.fromisoformat(waarde), "j F Y, H:i")
        return datum_format(date.fromisoformat(waarde), "j F Y")
    except ValueError:
        return waarde
