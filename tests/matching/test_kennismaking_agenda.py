"""The getting-acquainted meeting in one's calendar: a download and a mail attachment.

The entry carries the time and a link, never who or where: the names of the youth and the
home, the address and the notes stay behind the login.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import User
from privacy.models import Inzage
from voorstellen import services as flow
from voorstellen.models import Voorstel

GEVOELIG = ["Noor", "De Linde", "Lindelaan", "trauma", "Rustig huis", "zelfbeschadiging"]


def _plan(voorstel: Voorstel, door: User, wanneer: dt.datetime) -> None:
    flow.plan_kennismaking(
        voorstel=voorstel, door=door, soort="bezoek", datum=wanneer, plaats="Lindelaan 1, De Linde"
    )


@pytest.fixture
def gepland(verstuurd: Voorstel, beheerder: User) -> tuple[Voorstel, dt.datetime]:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    wanneer = (timezone.now() + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    _plan(verstuurd, beheerder, wanneer)
    return verstuurd, wanneer


def _afspraak(inhoud: bytes | str) -> Any:
    (afspraak,) = Calendar.from_ical(inhoud).walk("VEVENT")
    return afspraak


def _client(persoon: User) -> Client:
    client = Client()
    client.force_login(persoon)
    return client


def test_everyone_party_to_the_proposal_downloads_the_meeting_without_names(
    gepland: tuple[Voorstel, dt.datetime],
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    voorstel, wanneer = gepland
    for persoon in (coordinator, beheerder, jongere_user, ouder_user):
        response = _client(persoon).get(reverse("voorstellen:kennismaking_ics", args=[voorstel.pk]))

        assert response.status_code == 200, persoon
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="kennismaking.ics"'
        afspraak = _afspraak(response.content)
        assert afspraak["DTSTART"].dt == wanneer
        assert afspraak["DTEND"].dt - afspraak["DTSTART"].dt == dt.timedelta(minutes=90)
        assert voorstel.get_absolute_url() in str(afspraak["URL"])
        assert "LOCATION" not in afspraak
        tekst = response.content.decode()
        for woord in GEVOELIG:
            assert woord.lower() not in tekst.lower(), (woord, persoon)
    assert Inzage.objects.filter(actie="export", soort="voorstel").count() == 4


def test_someone_else_gets_no_meeting(
    gepland: tuple[Voorstel, dt.datetime],
    coordinator2: User,
    beheerder2: User,
    andere_jongere_user: User,
) -> None:
    voorstel, _wanneer = gepland
    url = reverse("voorstellen:kennismaking_ics", args=[voorstel.pk])
    for persoon in (coordinator2, beheerder2, andere_jongere_user):
        assert _client(persoon).get(url).status_code == 404, persoon
    assert Client().get(url).status_code == 302


def test_no_meeting_planned_means_nothing_to_download(
    verstuurd: Voorstel, coordinator: User
) -> None:
    url = reverse("voorstellen:kennismaking_ics", args=[verstuurd.pk])

    assert _client(coordinator).get(url).status_code == 404


def test_re_planning_keeps_the_entry_and_raises_its_sequence(
    gepland: tuple[Voorstel, dt.datetime], coordinator: User
) -> None:
    voorstel, wanneer = gepland
    url = reverse("voorstellen:kennismaking_ics", args=[voorstel.pk])
    eerst = _afspraak(_client(coordinator).get(url).content)

    _plan(voorstel, coordinator, wanneer + dt.timedelta(days=1))
    daarna = _afspraak(_client(coordinator).get(url).content)

    assert daarna["UID"] == eerst["UID"]
    assert int(daarna["SEQUENCE"]) == int(eerst["SEQUENCE"]) + 1
    assert daarna["DTSTART"].dt == wanneer + dt.timedelta(days=1)


def test_the_proposal_page_links_the_calendar_entry(
    gepland: tuple[Voorstel, dt.datetime], jongere_user: User
) -> None:
    voorstel, _wanneer = gepland
    html = _client(jongere_user).get(voorstel.get_absolute_url()).content.decode()

    assert reverse("voorstellen:kennismaking_ics", args=[voorstel.pk]) in html


def test_the_planning_mail_carries_the_meeting_and_no_details(
    verstuurd: Voorstel,
    beheerder: User,
    coordinator: User,
    jongere_user: User,
    ouder_user: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    wanneer = (timezone.now() + dt.timedelta(days=2)).replace(second=0, microsecond=0)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        _plan(verstuurd, coordinator, wanneer)

    ontvangers = sorted(adres for bericht in mail.outbox for adres in bericht.to)
    assert ontvangers == sorted(
        [coordinator.email, beheerder.email, jongere_user.email, ouder_user.email]
    )
    for bericht in mail.outbox:
        ((naam, inhoud, soort),) = bericht.attachments
        assert (naam, soort) == ("kennismaking.ics", "text/calendar; method=PUBLISH")
        assert _afspraak(inhoud)["DTSTART"].dt == wanneer
        # Django hands text attachments back as text.
        ics = inhoud if isinstance(inhoud, str) else inhoud.decode()
        tekst = f"{bericht.subject}\n{bericht.body}\n{ics}"
        for woord in GEVOELIG:
            assert woord.lower() not in tekst.lower(), woord
        assert "agenda" in bericht.body


def test_other_steps_mail_without_a_calendar_entry(
    verstuurd: Voorstel,
    beheerder: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)

    assert mail.outbox
    assert all(not bericht.attachments for bericht in mail.outbox)
