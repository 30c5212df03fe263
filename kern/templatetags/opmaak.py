"""Template filters for dates, times and numbers: the helpers of `kern.opmaak`, so a page
writes them exactly as a notice or a chart does."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template

from kern import opmaak

register = template.Library()


@register.filter
def datum(waarde: date | None) -> str:
    """{{ dag|datum }} → "3 december 2026"; nothing for no date."""
    return opmaak.datum(waarde) if waarde else ""


@register.filter
def datum_tijd(waarde: datetime | None) -> str:
    """{{ moment|datum_tijd }} → "donderdag 3 december 2026 om 17:30"."""
    return opmaak.datum_tijd(waarde) if waarde else ""


@register.filter
def tijdstip(waarde: datetime | None) -> str:
    """{{ moment|tijdstip }} → "3 december 2026, 17:30"."""
    return opmaak.tijdstip(waarde) if waarde else ""


@register.filter
def getal(waarde: float | int | Decimal | None, decimalen: int | None = None) -> str:
    """{{ uren|getal:1 }} → "4,0"; as the charts write their figures."""
    if waarde is None or waarde == "":
        return ""
    return opmaak.getal(waarde, decimalen)
