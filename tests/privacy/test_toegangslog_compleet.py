"""Every read of a youth's data is in the access log, with the query string, the session (a
hash of its key) and the browser; a reader whose role implies no purpose states one first;
the admin sees reads per user per day."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, User
from jongeren.models import Jongere
from privacy import bewaren, reden
from privacy.models import Inzage
from tests.factories import geef_reden, tweede_stap_gedaan
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import PlaatsingFactory, VoorzieningFactory
from voorzieningen.models import Voorziening


@pytest.fixture
def noor(coordinator: User) -> Jongere:
    return JongereFactory.create(roepnaam="Noor", coordinator=coordinator)


@pytest.fixture
def de_linde(aanbieder: Organisatie) -> Voorziening:
    return VoorzieningFactory.create(aanbieder=aanbieder, naam="De Linde")


@pytest.fixture
def manager(client: Client, beheerder: User) -> Client:
    client.force_login(beheerder)
    return client


@pytest.fixture
def beheer(client: Client, admin_user: User) -> Client:
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)
    return client


def _bewoners(woning: Voorziening) -> list[tuple[int | None, int | None, str]]:
    return sorted(
        Inzage.objects.filter(soort=Inzage.Soort.BEWONER).values_list(
            "jongere_ref", "voorziening_id", "actie"
        ),
        key=str,
    )


# --- The reads that were missing ------------------------------------------------------------


def test_the_managers_home_page_logs_each_resident_it_shows(
    manager: Client, de_linde: Voorziening, noor: Jongere
) -> None:
    PlaatsingFactory.create(voorziening=de_linde, jongere=noor, signalen=["agressie"])
    PlaatsingFactory.create(voorziening=de_linde)  # registered directly: no youth record

    assert manager.get(reverse("voorzieningen:beheer", args=[de_linde.pk])).status_code == 200

    assert _bewoners(de_linde) == sorted(
        [(noor.pk, de_linde.pk, "read"), (None, de_linde.pk, "read")], key=str
    )


def test_former_residents_are_logged(manager: Client, de_linde: Voorziening, noor: Jongere) -> None:
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    PlaatsingFactory.create(voorziening=de_linde, jongere=noor, einde=gisteren, eindreden="gepland")

    assert manager.get(reverse("voorzieningen:bewoners", args=[de_linde.pk])).status_code == 200

    assert _bewoners(de_linde) == [(noor.pk, de_linde.pk, "read")]


def test_the_new_resident_page_logs_the_residents_it_weighs(
    manager: Client, de_linde: Voorziening, noor: Jongere
) -> None:
    PlaatsingFactory.create(voorziening=de_linde, jongere=noor, signalen=["agressie"])
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=1)
    url = reverse("voorzieningen:nieuwe_bewoner", args=[de_linde.pk])

    manager.get(url)  # the empty form shows nobody
    assert not Inzage.objects.exists()

    kandidaat = {
        "leeftijd": "15",
        "geslacht": "m",
        "zorgprofiel": "externaliserend",
        "zorgintensiteit": "hoog",
    }
    assert manager.get(url, kandidaat).status_code == 200
    assert _bewoners(de_linde) == [(noor.pk, de_linde.pk, "read")]


def test_the_group_risk_naming_signals_is_logged_for_the_homes_own_manager(
    manager: Client, de_linde: Voorziening, noor: Jongere
) -> None:
    from matching.engine.vocabulary import ATTENTION_SIGNALS
    from matching.services import herbereken_groepsbeeld

    for _ in range(3):
        PlaatsingFactory.create(voorziening=de_linde, signalen=sorted(ATTENTION_SIGNALS))
    PlaatsingFactory.create(voorziening=de_linde, jongere=noor, signalen=sorted(ATTENTION_SIGNALS))
    Voorziening.objects.filter(pk=de_linde.pk).update(bewoners_aantal=4)
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    url = reverse("voorzieningen:detail", args=[de_linde.pk])

    assert manager.get(url).status_code == 200
    assert (noor.pk, de_linde.pk, "read") in _bewoners(de_linde)


def test_the_anonimiseer_command_is_logged(noor: Jongere, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bewaren, "over_de_termijn", lambda: [noor])

    call_command("anonimiseer", "--dry-run", stdout=io.StringIO())

    regel = Inzage.objects.get()
    assert (regel.jongere_ref, regel.actie, regel.gebruiker_id) == (noor.pk, "read", None)
    assert regel.gebruiker_naam == "manage.py anonimiseer --dry-run"


def test_reading_the_access_log_is_logged_and_not_shown_on_its_own_page(
    beheer: Client, admin_user: User, noor: Jongere
) -> None:
    response = beheer.get(reverse("privacy:inzage_log"), {"jongere": "Noor"})

    assert response.status_code == 200
    assert response.context["bladzijde"].regels == []
    regel = Inzage.objects.get()
    assert (regel.gebruiker_id, regel.soort, regel.jongere_ref) == (
        admin_user.pk,
        Inzage.Soort.TOEGANGSLOG,
        noor.pk,
    )
    assert regel.querystring == "jongere=Noor"


def test_reading_the_access_log_in_the_admin_site_is_logged(
    beheer: Client, admin_user: User
) -> None:
    assert beheer.get(reverse("admin:privacy_inzage_changelist")).status_code == 200
    regel = Inzage.objects.get()
    assert (regel.gebruiker_id, regel.soort) == (admin_user.pk, Inzage.Soort.TOEGANGSLOG)


# --- What each entry records ------------------------------------------------------------------


def test_an_entry_records_query_string_session_hash_and_browser(
    manager: Client, de_linde: Voorziening, noor: Jongere
) -> None:
    PlaatsingFactory.create(voorziening=de_linde, jongere=noor)
    browser = "Mozilla/5.0 " + "x" * 400

    manager.get(
        reverse("voorzieningen:beheer", args=[de_linde.pk]),
        {"tab": "bewoners"},
        HTTP_USER_AGENT=browser,
    )

    regel = Inzage.objects.get()
    sleutel = manager.session.session_key
    assert sleutel
    assert regel.querystring == "tab=bewoners"
    assert regel.sessie == hashlib.sha256(sleutel.encode()).hexdigest()
    assert sleutel not in regel.sessie
    assert regel.user_agent == browser[:200]
    assert (regel.doel, regel.doel_opgegeven, regel.reden) == (Inzage.Doel.ZORG, False, "")


# --- The stated purpose ("reden") -------------------------------------------------------------


def test_an_admin_states_a_purpose_before_opening_a_youth(beheer: Client, noor: Jongere) -> None:
    url = reverse("admin:jongeren_jongere_change", args=[noor.pk])

    gevraagd = beheer.get(url)
    assert gevraagd.status_code == 302
    assert gevraagd["Location"].startswith(reverse("privacy:reden", args=[noor.pk]))
    assert not Inzage.objects.filter(jongere_ref=noor.pk).exists()

    formulier = beheer.get(gevraagd["Location"])
    assert "Waarom bekijk je deze gegevens?" in formulier.content.decode()
    verder = beheer.post(gevraagd["Location"], {"doel": "klacht", "reden": "Klacht 2024-17"})
    assert verder["Location"] == url

    assert beheer.get(url).status_code == 200
    regel = Inzage.objects.get(jongere_ref=noor.pk)
    assert (regel.doel, regel.doel_opgegeven, regel.reden) == (
        Inzage.Doel.KLACHT,
        True,
        "Klacht 2024-17",
    )


def test_the_stated_purpose_is_per_youth_and_expires(
    beheer: Client, noor: Jongere, coordinator: User
) -> None:
    daan = JongereFactory.create(roepnaam="Daan", coordinator=coordinator)
    geef_reden(beheer, noor.pk)

    assert beheer.get(reverse("admin:jongeren_jongere_change", args=[noor.pk])).status_code == 200
    assert beheer.get(reverse("admin:jongeren_jongere_change", args=[daan.pk])).status_code == 302

    # An hour later the question comes again.
    session = beheer.session
    redenen = session[reden.SESSIE_SLEUTEL]
    redenen[str(noor.pk)]["tot"] = (timezone.now() - dt.timedelta(seconds=1)).isoformat()
    session[reden.SESSIE_SLEUTEL] = redenen
    session.save()
    assert beheer.get(reverse("admin:jongeren_jongere_change", args=[noor.pk])).status_code == 302


def test_other_management_needs_an_explanation(beheer: Client, noor: Jongere) -> None:
    url = reverse("privacy:reden", args=[noor.pk])
    response = beheer.post(url, {"doel": "beheer", "reden": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"reden"}


def test_the_reden_page_sends_nowhere_outside_the_portal(beheer: Client, noor: Jongere) -> None:
    url = reverse("privacy:reden", args=[noor.pk]) + "?volgende=https://kwaad.example/"
    response = beheer.post(url, {"doel": "storing", "reden": "Melding 12"})
    assert response["Location"] == reverse("admin:index")


def test_the_coordinator_of_the_youth_is_not_asked(
    client: Client, coordinator: User, noor: Jongere
) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("jongeren:detail", args=[noor.pk])).status_code == 200
    regel = Inzage.objects.get(jongere_ref=noor.pk)
    assert (regel.doel, regel.doel_opgegeven) == (Inzage.Doel.MATCHING, False)


# --- The admin's report: reads per user per day ------------------------------------------------


def test_reads_per_user_per_day(beheer: Client, coordinator: User, admin_user: User) -> None:
    for jongere in (1, 2, 2):
        Inzage.objects.create(
            actie="read",
            uitkomst="gelukt",
            gebruiker=coordinator,
            gebruiker_naam="Sanne de Vries",
            rol=coordinator.rol,
            jongere_ref=jongere,
            soort="profiel",
            doel="matching",
            op=timezone.now() - dt.timedelta(days=3),
        )

    response = beheer.get(reverse("privacy:inzage_per_dag"))

    assert response.status_code == 200
    [rij] = response.context["regels"]
    assert (rij["gebruiker_naam"], rij["aantal"], rij["jongeren"]) == ("Sanne de Vries", 3, 2)
    html = response.content.decode()
    dag = timezone.localdate() - dt.timedelta(days=3)
    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]
    maanden += ["september", "oktober", "november", "december"]
    assert f"{dag.day} {maanden[dag.month - 1]} {dag.year}" in html
    # The visit itself is logged (and counted from the next visit on).
    assert Inzage.objects.filter(gebruiker=admin_user, soort=Inzage.Soort.TOEGANGSLOG).exists()


def test_the_report_says_so_when_the_log_is_empty(beheer: Client) -> None:
    response = beheer.get(reverse("privacy:inzage_per_dag"))
    assert "Er staat nog niets in het toegangslog." in response.content.decode()


def test_the_report_is_for_admins_only(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    assert client.get(reverse("privacy:inzage_per_dag")).status_code == 403
