"""One event, one way of writing it: a meeting's moment reads the same in the notice and on
the proposal page (in Dutch words, in Amsterdam time), and a chart's figure
reads the same as the one in the table under it."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Melding, User
from voorstellen import services as flow
from voorstellen.models import Kennismaking, Voorstel


def _ingelogd(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_meeting_reads_the_same_in_the_notice_and_on_the_proposal_page(
    coordinator: User, beheerder: User, ouder_user: User, verstuurd: Voorstel
) -> None:
    voorstel = flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    # A Thursday evening in Amsterdam: in UTC it is an hour earlier, so a wrong time zone
    # anywhere shows as 16:30.
    dag = timezone.localdate() + dt.timedelta(days=7)
    while dag.weekday() != 3:
        dag += dt.timedelta(days=1)
    moment = dt.datetime.combine(dag, dt.time(17, 30), tzinfo=ZoneInfo("Europe/Amsterdam"))
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=beheerder,
        soort=Kennismaking.Soort.BEZOEK,
        datum=moment,
        plaats="De Linde",
    )
    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    maanden += ["september", "oktober", "november", "december"]
    verwacht = f"donderdag {dag.day} {maanden[dag.month - 1]} {dag.year} om 17:30"

    melding = Melding.objects.get(ontvanger=coordinator, tekst__contains="kennismaking")
    assert verwacht in melding.tekst
    pagina = _ingelogd(coordinator).get(voorstel.get_absolute_url()).content.decode()
    assert verwacht in pagina
    gezin = _ingelogd(ouder_user).get(voorstel.get_absolute_url()).content.decode()
    assert verwacht in gezin
    meldingen = _ingelogd(coordinator).get(reverse("meldingen")).content.decode()
    assert verwacht in meldingen
    for tekst in (melding.tekst, pagina, gezin):
        assert not re.search(r"\d{2}-\d{2}-\d{4}", tekst)
        assert "16:30" not in tekst


def test_a_charts_figure_reads_as_in_its_table(coordinator: User, verstuurd: Voorstel) -> None:
    assert verstuurd.verstuurd_op is not None
    Voorstel.objects.filter(pk=verstuurd.pk).update(
        beantwoord_op=verstuurd.verstuurd_op + dt.timedelta(hours=4)
    )
    client = _ingelogd(coordinator)
    for pagina in (
        reverse("plaatsingstafel:stabiliteit"),
        reverse("plaatsingstafel:regio"),
    ):
        html = client.get(pagina).content.decode()
        grafiek = re.findall(r'class="grafiek-waarde">([^<]*) u</text>', html)
        assert grafiek == ["4,0"], pagina
        assert "<td>4,0</td>" in html, pagina
        assert "4.0" not in html.split("<main")[1]
