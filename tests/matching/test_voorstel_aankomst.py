"""The home's manager registers the arrival of an agreed proposal: the service and the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import Fase
from tests.conftest import PASSWORD
from voorstellen import services as flow
from voorstellen.models import Voorstel, VoorstelStatus
from voorzieningen.models import Plaatsing, Vacature, Voorziening

S = VoorstelStatus


def _client(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _detail(voorstel: Voorstel) -> str:
    return reverse("voorstellen:voorstel", args=[voorstel.pk])


def _plaatsen(voorstel: Voorstel) -> str:
    return reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "plaatsen"])


@pytest.fixture
def akkoord(gehouden: Voorstel, jongere_user: User, ouder_user: User) -> Voorstel:
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    gehouden.refresh_from_db()
    assert gehouden.status == S.AKKOORD
    return gehouden


def _met_aandachtspunt(voorstel: Voorstel) -> Voorstel:
    Voorstel.objects.filter(pk=voorstel.pk).update(
        uitleg_per_publiek={
            lezer: {**uitleg, "aandacht": ["Let op: zelfde zorgprofiel."]}
            for lezer, uitleg in voorstel.uitleg_per_publiek.items()
        }
    )
    voorstel.refresh_from_db()
    return voorstel


# --- the service -------------------------------------------------------------------------


def test_manager_of_the_home_registers_the_arrival(
    akkoord: Voorstel, beheerder: User, coordinator: User, jongere_user: User, ouder_user: User
) -> None:
    vacature = akkoord.voorziening.vacatures.get()
    flow.plaats(voorstel=akkoord, door=beheerder, aankomst=timezone.localdate())
    akkoord.refresh_from_db()
    vacature.refresh_from_db()
    assert akkoord.status == S.GEPLAATST
    assert akkoord.jongere.fase == Fase.GEPLAATST
    plaatsing = Plaatsing.objects.get(voorziening=akkoord.voorziening, jongere=akkoord.jongere)
    assert akkoord.plaatsing == plaatsing and plaatsing.aankomst == timezone.localdate()
    assert vacature.status == Vacature.Status.VERVULD
    assert Voorziening.objects.get(pk=akkoord.voorziening_id).bewoners_aantal == 1
    stap = akkoord.tijdlijn.get(wat="plaats")
    assert stap.door == beheerder and stap.rol == "beheerder"
    # The coordinator and the family hear it; the manager who did it gets no notice of it.
    assert Melding.objects.filter(ontvanger=coordinator, tekst__contains="de beheerder").exists()
    for persoon in (jongere_user, ouder_user):
        assert Melding.objects.filter(ontvanger=persoon, tekst__contains="Het is rond").exists()
    assert not Melding.objects.filter(ontvanger=beheerder, tekst__contains="komt wonen").exists()


def test_manager_of_another_provider_cannot_register_it(
    akkoord: Voorstel, beheerder2: User
) -> None:
    with pytest.raises(flow.VoorstelFout, match="beheerder van deze woning"):
        flow.plaats(voorstel=akkoord, door=beheerder2, aankomst=timezone.localdate())
    akkoord.refresh_from_db()
    assert akkoord.status == S.AKKOORD and akkoord.plaatsing is None
    assert not Plaatsing.objects.filter(jongere=akkoord.jongere).exists()


def test_manager_cannot_register_before_everyone_said_yes(
    gehouden: Voorstel, beheerder: User, jongere_user: User
) -> None:
    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze="ja")  # the parent not yet
    with pytest.raises(flow.VoorstelFout, match="iedereen ja heeft gezegd"):
        flow.plaats(voorstel=gehouden, door=beheerder, aankomst=timezone.localdate())
    assert not Plaatsing.objects.filter(jongere=gehouden.jongere).exists()


def test_manager_waits_for_the_required_counter_check(
    akkoord: Voorstel, beheerder: User, gedragswetenschapper: User
) -> None:
    _met_aandachtspunt(akkoord)
    with pytest.raises(flow.VoorstelFout, match="tegenspraak"):
        flow.plaats(voorstel=akkoord, door=beheerder, aankomst=timezone.localdate())
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=False, toelichting="Te druk."
    )
    with pytest.raises(flow.VoorstelFout, match="bezwaar"):
        flow.plaats(voorstel=akkoord, door=beheerder, aankomst=timezone.localdate())
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Met extra inzet."
    )
    flow.plaats(voorstel=akkoord, door=beheerder, aankomst=timezone.localdate())
    akkoord.refresh_from_db()
    assert akkoord.status == S.GEPLAATST


def test_coordinator_still_places_and_the_home_hears_it(
    akkoord: Voorstel, coordinator: User, beheerder: User
) -> None:
    flow.plaats(voorstel=akkoord, door=coordinator, aankomst=timezone.localdate())
    akkoord.refresh_from_db()
    assert akkoord.status == S.GEPLAATST
    assert akkoord.tijdlijn.get(wat="plaats").door == coordinator
    assert Melding.objects.filter(ontvanger=beheerder, tekst__contains="komt wonen").exists()


# --- the page ----------------------------------------------------------------------------


def test_manager_sees_the_form_only_when_the_arrival_can_be_registered(
    gehouden: Voorstel, beheerder: User, jongere_user: User, ouder_user: User
) -> None:
    client = _client(beheerder)
    html = client.get(_detail(gehouden)).content.decode()
    assert "Aankomst registreren" in html
    assert "iedereen ja heeft gezegd" in html  # the reason, and no form yet
    assert _plaatsen(gehouden) not in html

    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    html = client.get(_detail(gehouden)).content.decode()
    assert _plaatsen(gehouden) in html
    assert f'value="{timezone.localdate().isoformat()}"' in html  # today by default


def test_manager_sees_why_a_counter_check_holds_it_up(akkoord: Voorstel, beheerder: User) -> None:
    _met_aandachtspunt(akkoord)
    html = _client(beheerder).get(_detail(akkoord)).content.decode()
    assert "eerst moet een gedragswetenschapper tegenspraak geven" in html
    assert _plaatsen(akkoord) not in html


def test_manager_registers_the_arrival_on_the_page(akkoord: Voorstel, beheerder: User) -> None:
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    client = _client(beheerder)
    response = client.post(_plaatsen(akkoord), {"aankomst": gisteren.isoformat()}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "De aankomst is geregistreerd" in html
    assert "Aangekomen" in html
    akkoord.refresh_from_db()
    assert akkoord.status == S.GEPLAATST
    assert akkoord.plaatsing is not None and akkoord.plaatsing.aankomst == gisteren
    beheer = client.get(reverse("voorzieningen:beheer", args=[akkoord.voorziening_id]))
    assert akkoord.jongere.roepnaam in beheer.content.decode()


@pytest.mark.parametrize(
    ("dagen", "melding"),
    [
        (1, "Een aankomst registreer je op of na de dag van aankomst."),
        (-31, "meer dan 30 dagen terug"),
    ],
)
def test_manager_gets_a_dutch_message_for_a_wrong_date(
    akkoord: Voorstel, beheerder: User, dagen: int, melding: str
) -> None:
    datum = timezone.localdate() + dt.timedelta(days=dagen)
    response = _client(beheerder).post(
        _plaatsen(akkoord), {"aankomst": datum.isoformat()}, follow=True
    )
    assert melding in response.content.decode()
    akkoord.refresh_from_db()
    assert akkoord.status == S.AKKOORD


def test_coordinator_may_place_ahead_but_not_beyond_the_margin(
    akkoord: Voorstel, coordinator: User
) -> None:
    client = _client(coordinator)
    te_ver = timezone.localdate() + dt.timedelta(days=31)
    response = client.post(_plaatsen(akkoord), {"aankomst": te_ver.isoformat()}, follow=True)
    assert "meer dan 30 dagen vooruit" in response.content.decode()
    volgende_week = timezone.localdate() + dt.timedelta(days=7)
    client.post(_plaatsen(akkoord), {"aankomst": volgende_week.isoformat()})
    akkoord.refresh_from_db()
    assert akkoord.status == S.GEPLAATST
    assert akkoord.plaatsing is not None and akkoord.plaatsing.aankomst == volgende_week


def test_manager_of_another_provider_gets_a_404(akkoord: Voorstel, beheerder2: User) -> None:
    response = _client(beheerder2).post(
        _plaatsen(akkoord), {"aankomst": timezone.localdate().isoformat()}
    )
    assert response.status_code == 404
    akkoord.refresh_from_db()
    assert akkoord.status == S.AKKOORD
