"""The start page "Wat vraagt nu jouw aandacht": what waits for this person, linked to where
it is done; nothing from another organisation; an empty state that says so."""

from __future__ import annotations

import datetime as dt
import re

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from jongeren.models import Fase, Jongere
from privacy.models import Inzage
from tests.factories import tweede_stap_gedaan
from voorstellen import services as flow
from voorstellen.models import Besluit, Kennismaking, Voorstel
from voorzieningen.models import Vacature, Voorziening


def _start(client: Client, user: User) -> str:
    client.force_login(user)
    response = client.get(reverse("start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    return html


def test_empty_start_page_says_nothing_waits(client: Client, coordinator: User) -> None:
    html = _start(client, coordinator)
    assert "Wat vraagt nu jouw aandacht" in html
    assert "Er wacht nu niets op jou." in html
    # The role's usual overview stays one click away.
    assert f'href="{reverse("jongeren:lijst")}"' in html


def test_family_empty_state_in_plain_words(client: Client, jongere_user: User) -> None:
    html = _start(client, jongere_user)
    assert "Er wacht nu niets op jou. Je krijgt een bericht als er iets is." in html
    assert f'href="{reverse("jongeren:mijn")}"' in html


def test_manager_sees_the_proposal_to_answer_with_its_deadline(
    client: Client, verstuurd: Voorstel, beheerder: User, beheerder2: User
) -> None:
    html = _start(client, beheerder)
    assert "Voorstellen om te beantwoorden" in html
    assert f'href="{verstuurd.get_absolute_url()}"' in html
    assert "Antwoord uiterlijk" in html
    # The home reads a pseudonym, never the youth's name.
    assert "Noor" not in html
    # Another provider's manager sees nothing of it.
    other = _start(Client(), beheerder2)
    assert verstuurd.get_absolute_url() not in other
    assert "Er wacht nu niets op jou." in other


def test_coordinator_sees_an_overdue_answer_and_the_read_is_logged(
    client: Client, verstuurd: Voorstel, coordinator: User, coordinator2: User
) -> None:
    assert "Woning antwoordt te laat" not in _start(client, coordinator)
    Voorstel.objects.filter(pk=verstuurd.pk).update(
        antwoord_uiterlijk=timezone.now() - dt.timedelta(days=1),
        te_laat_gemeld_op=timezone.now(),
    )
    voor = Inzage.objects.filter(gebruiker=coordinator).count()
    html = _start(client, coordinator)
    assert "Woning antwoordt te laat" in html
    assert f'href="{verstuurd.get_absolute_url()}"' in html
    assert Inzage.objects.filter(gebruiker=coordinator).count() > voor
    # A coordinator of another municipality sees nothing of it.
    other = _start(Client(), coordinator2)
    assert verstuurd.get_absolute_url() not in other


def _plan(voorstel: Voorstel, beheerder: User) -> None:
    flow.beantwoord_voorstel(voorstel=voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=voorstel.gemaakt_door,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() + dt.timedelta(days=1),
        plaats="Lindelaan 1",
    )


def test_family_sees_the_coming_meeting_with_date_and_place(
    client: Client, verstuurd: Voorstel, beheerder: User, jongere_user: User, ouder_user: User
) -> None:
    _plan(verstuurd, beheerder)
    html = _start(client, jongere_user)
    assert "Je gaat kennismaken bij De Linde" in html
    assert "Lindelaan 1" in html
    assert f'href="{verstuurd.get_absolute_url()}"' in html
    ouder = _start(Client(), ouder_user)
    assert "Noor gaat kennismaken bij De Linde" in ouder


def test_manager_sees_a_meeting_held_but_not_recorded(
    client: Client, verstuurd: Voorstel, beheerder: User
) -> None:
    _plan(verstuurd, beheerder)
    assert "nog niet vastgelegd" not in _start(client, beheerder)
    Kennismaking.objects.filter(voorstel=verstuurd).update(
        datum=timezone.now() - dt.timedelta(hours=2)
    )
    html = _start(client, beheerder)
    assert "Kennismaking geweest, nog niet vastgelegd" in html
    assert f'href="{verstuurd.get_absolute_url()}"' in html


def test_decisions_flow_from_family_to_coordinator_to_arrival(
    client: Client,
    gehouden: Voorstel,
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    andere_jongere_user: User,
) -> None:
    # The family is asked to choose, each in their own voice.
    assert "Wil je naar De Linde?" in _start(client, jongere_user)
    assert "Wil je dat Noor naar De Linde gaat?" in _start(Client(), ouder_user)
    # Another family sees nothing of it.
    assert gehouden.get_absolute_url() not in _start(Client(), andere_jongere_user)
    assert "Het gezin heeft gekozen" not in _start(Client(), coordinator)

    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze=Besluit.Keuze.JA)
    assert "Wil je naar De Linde?" not in _start(client, jongere_user)
    html = _start(Client(), coordinator)
    assert "Het gezin heeft gekozen" in html
    assert f'href="{gehouden.get_absolute_url()}"' in html

    flow.neem_besluit(voorstel=gehouden, door=ouder_user, keuze=Besluit.Keuze.JA)
    html = _start(Client(), coordinator)
    assert "Klaar om te plaatsen" in html and gehouden.get_absolute_url() in html
    assert gehouden.get_absolute_url() not in _start(Client(), coordinator2)
    manager = _start(Client(), beheerder)
    assert "Aankomst om te registreren" in manager and gehouden.get_absolute_url() in manager
    assert "Noor" not in manager


def test_manager_is_asked_to_confirm_a_stale_vacancy(
    client: Client, de_linde: Voorziening, beheerder: User, beheerder2: User
) -> None:
    assert "Vacatures om te bevestigen" not in _start(client, beheerder)
    Vacature.objects.filter(voorziening=de_linde).update(
        laatst_bevestigd=timezone.now() - dt.timedelta(days=90)
    )
    html = _start(client, beheerder)
    assert "Vacatures om te bevestigen" in html
    assert f'href="{reverse("voorzieningen:beheer", args=[de_linde.pk])}"' in html
    assert "Vacatures om te bevestigen" not in _start(Client(), beheerder2)


def test_coordinator_sees_new_vacancies_in_their_region_only(
    client: Client,
    noor: Jongere,
    de_linde: Voorziening,
    wadzicht: Voorziening,
    coordinator: User,
) -> None:
    kop = "Nieuwe vacatures in je regio"
    assert kop not in _start(client, coordinator)  # nobody of theirs is searching yet
    Jongere.objects.filter(pk=noor.pk).update(fase=Fase.ZOEKEN)
    html = _start(client, coordinator)
    assert kop in html
    assert f'href="{reverse("voorzieningen:detail", args=[de_linde.pk])}"' in html
    assert "Huize Wadzicht" not in html  # another region
    # A vacancy older than a week is not new.
    Vacature.objects.filter(voorziening=de_linde).update(
        aangemaakt_op=timezone.now() - dt.timedelta(days=8)
    )
    assert kop not in _start(client, coordinator)


# --- The functional admin ------------------------------------------------------------------


def test_admin_empty_state(client: Client, admin_user: User) -> None:
    html = _start(client, admin_user)
    assert "Er wacht nu niets op jou." in html
    assert f'href="{reverse("beheer_start")}"' in html


def test_admin_sees_refused_access_and_the_link_filters_the_log(
    client: Client, noor: Jongere, coordinator2: User, admin_user: User
) -> None:
    ander = Client()
    ander.force_login(coordinator2)
    assert ander.get(reverse("jongeren:detail", args=[noor.pk])).status_code == 404
    assert Inzage.objects.filter(gebruiker=coordinator2, uitkomst="geweigerd").exists()
    html = _start(client, admin_user)
    assert "Ongebruikelijke toegang" in html
    link = re.search(r'href="([^"]*uitkomst=geweigerd[^"]*)"', html)
    assert link is not None
    tweede_stap_gedaan(client, admin_user)
    log = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    naam = Inzage.objects.filter(gebruiker=coordinator2).values_list("gebruiker_naam", flat=True)[0]
    assert naam in log
    # Refusals are not the other users' business.
    assert "Ongebruikelijke toegang" not in _start(Client(), coordinator2)


def test_admin_sees_current_lockouts(client: Client, admin_user: User) -> None:
    AccessAttempt.objects.create(
        username="iemand@example.org",
        ip_address="10.0.0.9",
        user_agent="test",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )
    html = _start(client, admin_user)
    assert "Nu geblokkeerd" in html and "iemand@example.org" in html
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert "Nu geblokkeerd" not in _start(client, admin_user)


@override_settings(TWEESTAPS_VERPLICHT=True)
def test_admin_is_told_who_has_no_second_step_yet(coordinator: User, admin_user: User) -> None:
    from accounts.aandacht import voor_gebruiker

    groepen = voor_gebruiker(admin_user)
    titels = [punt.titel for groep in groepen for punt in groep.punten]
    assert any(coordinator.email in punt.detail for groep in groepen for punt in groep.punten)
    assert titels
    TOTPDevice.objects.create(user=coordinator, name="telefoon", confirmed=True)
    groepen = voor_gebruiker(admin_user)
    assert not any(coordinator.email in punt.detail for groep in groepen for punt in groep.punten)
    # Nobody else is told.
    assert voor_gebruiker(coordinator) == []


@override_settings(TWEESTAPS_VERPLICHT=True)
def test_the_new_professional_roles_without_a_second_step_are_listed_too(
    admin_user: User, jeugdbeschermer_user: User, expertteam: User
) -> None:
    from accounts.aandacht import voor_gebruiker

    details = [punt.detail for groep in voor_gebruiker(admin_user) for punt in groep.punten]
    assert jeugdbeschermer_user.email in details
    assert expertteam.email in details


# --- The behavioural scientist, the youth protection worker, the expert team ---------------


def _met_aandachtspunt(voorstel: Voorstel) -> Voorstel:
    Voorstel.objects.filter(pk=voorstel.pk).update(
        uitleg_per_publiek={
            lezer: {**uitleg, "aandacht": ["Let op: zelfde zorgprofiel."]}
            for lezer, uitleg in voorstel.uitleg_per_publiek.items()
        }
    )
    voorstel.refresh_from_db()
    return voorstel


def test_behavioural_scientist_is_asked_for_a_counter_check_until_it_is_signed(
    client: Client, gehouden: Voorstel, gedragswetenschapper: User, coordinator: User
) -> None:
    kop = "Tegenspraak gevraagd"
    assert kop not in _start(client, gedragswetenschapper)  # no open attention points
    voorstel = _met_aandachtspunt(gehouden)
    html = _start(client, gedragswetenschapper)
    assert kop in html and f'href="{voorstel.get_absolute_url()}"' in html
    # Four eyes: the youth's own coordinator is not asked.
    assert kop not in _start(Client(), coordinator)
    flow.teken_tegenspraak(
        voorstel=voorstel, door=gedragswetenschapper, akkoord=True, toelichting="Besproken."
    )
    assert kop not in _start(client, gedragswetenschapper)


def test_youth_protection_worker_is_asked_to_decide_for_their_ward_only(
    client: Client, gehouden: Voorstel, jeugdbeschermer_user: User
) -> None:
    kop = "Jouw besluit gevraagd"
    assert kop not in _start(client, jeugdbeschermer_user)  # not their ward
    Jongere.objects.filter(pk=gehouden.jongere_id).update(jeugdbeschermer=jeugdbeschermer_user)
    html = _start(client, jeugdbeschermer_user)
    assert kop in html and "Jouw besluit over Noor bij De Linde" in html
    assert f'href="{gehouden.get_absolute_url()}"' in html


def test_expert_team_sees_its_regions_escalated_cases_by_number_only(
    client: Client, noor: Jongere, expertteam: User, coordinator: User
) -> None:
    kop = "Casussen voor het expertteam"
    assert kop not in _start(client, expertteam)
    Jongere.objects.filter(pk=noor.pk).update(
        fase=Fase.ZOEKEN, zoeken_sinds=timezone.now() - dt.timedelta(weeks=5)
    )
    voor = Inzage.objects.filter(gebruiker=expertteam).count()
    html = _start(client, expertteam)
    assert kop in html and f"Casus {noor.pk}" in html
    assert f'href="{reverse("plaatsingstafel:expertteam")}#casus-{noor.pk}"' in html
    assert "Noor" not in html
    assert Inzage.objects.filter(gebruiker=expertteam).count() > voor
    # The expert team's list is not on anyone else's start page.
    assert kop not in _start(Client(), coordinator)
