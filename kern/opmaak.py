"""Dates, times and numbers as readers of the portal write them: one helper for each, used
by pages, notices, mails and charts alike, so one event never reads two ways.

Dates are written out in words in the active language ("3 december 2026"); a moment is
first put in the portal's own time zone (settings.TIME_ZONE, Europe/Amsterdam), so a notice
made by a worker and a page made for a browser show the same hour. Numbers use the active
language's decimal sign (a comma in Dutch).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def getal(waarde: float | int | Decimal, decimalen: int | None = None) -> str:
    """A number as Dutch readers write it (1.234,5), in the active language's format.
    Without `decimalen`: whole numbers without decimals, others with one."""
    if decimalen is None:
        decimalen = 0 if float(waarde).is_integer() else 1
    return formats.number_format(waarde, decimal_pos=decimalen, use_l10n=True, force_grouping=True)


def datum(dag: date) -> str:
    """A day in words: "3 december 2026". A moment is first put in the portal's time zone."""
    if isinstance(dag, datetime):
        dag = timezone.localtime(dag) if timezone.is_aware(dag) else dag
    return formats.date_format(dag, "j F Y", use_l10n=True)


def datum_tijd(moment: datetime) -> str:
    """A moment with its weekday and time, in the portal's time zone:
    "donderdag 3 december 2026 om 17:30"."""
    lokaal = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    # Translators: a moment, e.g. "donderdag 3 december 2026 om 17:30".
    return _("%(dag)s om %(tijd)s") % {
        "dag": formats.date_format(lokaal, "l j F Y", use_l10n=True),
        "tijd": formats.time_format(lokaal, "H:i", use_l10n=True),
    }


def tijdstip(moment: datetime) -> str:
    """A moment without its weekday, for lists and logs: "3 december 2026, 17:30"."""
    lokaal = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return formats.date_format(lokaal, "j F Y, H:i", use_l10n=True)
