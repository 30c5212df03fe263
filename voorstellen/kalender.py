"""The getting-acquainted meeting as a calendar entry (iCalendar, RFC 5545).

The same entry is downloaded from the proposal page and attached to the mail that says a
meeting was planned. It holds the time and a link, nothing else: no name of the youth, the
home or its address, because a calendar entry travels to phones and calendar services that
the portal does not control. Who, where and why are one click away, behind the login.

One proposal has one meeting, so the entry's UID is the proposal's; re-planning raises the
SEQUENCE, and calendars replace the old time with the new one.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event

from voorstellen.models import Kennismaking

# A visit or a meal takes about this long; the entry needs an end.
DUUR = dt.timedelta(minutes=90)
ONDERWERP = "Kennismaking (Passende Plek)"


def uid(kennismaking: Kennismaking) -> str:
    return f"kennismaking-voorstel-{kennismaking.voorstel_id}@passendeplek.nl"


def kennismaking_ics(kennismaking: Kennismaking, *, now: dt.datetime | None = None) -> bytes:
    url = f"{settings.PORTAL_URL}{kennismaking.voorstel.get_absolute_url()}"
    kalender = Calendar()
    kalender.add("prodid", "-//Passende Plek//Kennismaking//NL")
    kalender.add("version", "2.0")
    kalender.add("method", "PUBLISH")
    afspraak = Event()
    afspraak.add("uid", uid(kennismaking))
    afspraak.add("dtstamp", (now or timezone.now()).astimezone(dt.UTC))
    afspraak.add("dtstart", kennismaking.datum.astimezone(dt.UTC))
    afspraak.add("dtend", (kennismaking.datum + DUUR).astimezone(dt.UTC))
    afspraak.add("summary", ONDERWERP)
    afspraak.add(
        "description",
        f"Een kennismaking via Passende Plek. Log in om te lezen waar het is en wie er komen: "
        f"{url}",
    )
    afspraak.add("url", url)
    afspraak.add("status", "CONFIRMED")
    afspraak.add(
        "sequence",
        kennismaking.voorstel.tijdlijn.filter(wat="plan_kennismaking").count(),
    )
    herinnering = Alarm()
    herinnering.add("action", "DISPLAY")
    herinnering.add("description", ONDERWERP)
    herinnering.add("trigger", -dt.timedelta(days=1))
    afspraak.add_component(herinnering)
    kalender.add_component(afspraak)
    return kalender.to_ical()
