"""From the start page to done, one journey per role, on the demo data.

Every person lands on "Wat vraagt nu jouw aandacht" after logging in (professionals with
the second step, as in production). Each journey follows the FIRST item on that page,
does the work the item asks for, and comes back to the start page through the menu, where
the item is gone. The demo seed gives most roles their first item; the fixtures below add
what the demo does not have (a lock-out for the functional admin, a proposal past the
getting-acquainted meeting for the youth protection worker's ward).
"""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect
from pytest_django import Settings

from accounts.models import User
from demo.accounts import DEMO_PASSWORD, DEMO_TOTP_GEHEIM
from jongeren.models import Instemming, Jongere
from tests.e2e.conftest import PHONE
from voorstellen.models import Besluit, Tegenspraak, Voorstel, VoorstelStatus

START = "Wat vraagt nu jouw aandacht"


@pytest.fixture
def demo(e2e_db: None, settings: Settings) -> None:
    """The demo data, with the second login step as in production."""
    call_command("seed_demo", "--force", verbosity=0)
    settings.TWEESTAPS_VERPLICHT = True


def _log_in(page: Any, live_server: Any, email: str) -> User:
    """Log in through the forms; a professional also types the code of the demo
    authenticator (README)."""
    user = User.objects.get(email=email)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    if user.is_professional:
        page.wait_for_url(re.compile(re.escape(reverse("login_code"))))
        code = totp(b32decode(DEMO_TOTP_GEHEIM))
        page.get_by_label("Code uit je authenticator-app").fill(f"{code:06d}")
        page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(START)
    assert page.url == live_server.url + reverse("start")
    return user


def _volg_eerste_punt(page: Any, kop: str) -> str:
    """Follow the first item of the first group, which must be `kop`; return its title."""
    groep = page.get_by_role("main").get_by_role("region").first
    expect(groep.get_by_role("heading", level=2)).to_contain_text(kop)
    link = groep.get_by_role("link").first
    titel = link.inner_text().strip()
    link.click()
    return titel


def _terug_naar_start(page: Any) -> None:
    """Through the main menu; on a phone it sits behind "Menu" (a <details>)."""
    menu = page.locator("details.pp-menu > summary")
    if menu.is_visible():
        menu.click()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Start", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(START)


def _niet_meer_op_start(page: Any, titel: str) -> None:
    expect(page.get_by_role("main").get_by_role("link", name=titel, exact=True)).to_have_count(0)


def test_coordinator_endorses_the_analysis_waiting_for_them(
    page: Any, live_server: Any, demo: None
) -> None:
    coordinator = _log_in(page, live_server, "coordinator@example.org")
    titel = _volg_eerste_punt(page, "Analyse wacht op jouw instemming")
    naam = re.match(r"Analyse van (\w+), versie", titel)
    assert naam, titel
    expect(page.get_by_role("heading", level=1)).to_have_text(naam.group(1))
    page.get_by_role("button", name="Ik sta als coördinator achter deze versie").click()
    expect(
        page.get_by_role("button", name="Ik sta als coördinator achter deze versie")
    ).to_have_count(0)

    assert Instemming.objects.filter(
        persoon=coordinator,
        analyse__jongere__roepnaam=naam.group(1),
        analyse__jongere__coordinator=coordinator,
    ).exists()
    _terug_naar_start(page)
    _niet_meer_op_start(page, titel)


def test_manager_answers_the_proposal_waiting_for_an_answer(
    page: Any, live_server: Any, demo: None
) -> None:
    _log_in(page, live_server, "beheerder@example.org")
    titel = _volg_eerste_punt(page, "Voorstellen om te beantwoorden")
    voorstel = Voorstel.objects.get(pk=int(page.url.rstrip("/").rsplit("/", 1)[1]))
    # The home reads the pseudonym, never the youth's name.
    expect(page.get_by_role("main")).not_to_contain_text(voorstel.jongere.roepnaam)
    page.get_by_label("Wij hebben interesse").check()
    page.get_by_label("Toelichting").fill("Er is plek en het team past bij deze vraag.")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Je antwoord is opgeslagen.")).to_be_visible()

    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.INTERESSE
    _terug_naar_start(page)
    _niet_meer_op_start(page, titel)


def _gezin_kiest(page: Any, live_server: Any, email: str) -> None:
    """The youth or the parent, on a phone: the proposal in plain words, then a choice."""
    persoon = _log_in(page, live_server, email)
    titel = _volg_eerste_punt(page, "Jij mag kiezen")
    page.get_by_label("Ja", exact=True).check()
    page.get_by_label(re.compile(r"^Wil je iets uitleggen")).fill("Het voelde goed daar.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the proposal is {width} px wide on a phone"

    besluit = Besluit.objects.get(persoon=persoon)
    assert (besluit.keuze, besluit.opmerking) == (Besluit.Keuze.JA, "Het voelde goed daar.")
    _terug_naar_start(page)
    _niet_meer_op_start(page, titel)


def test_youth_decides_on_the_proposal_on_her_phone(
    telefoon: Any, live_server: Any, demo: None
) -> None:
    _gezin_kiest(telefoon, live_server, "jongere@example.org")


def test_parent_decides_on_the_proposal_on_her_phone(
    telefoon: Any, live_server: Any, demo: None
) -> None:
    _gezin_kiest(telefoon, live_server, "ouder@example.org")


def test_behavioural_scientist_signs_the_counter_check(
    page: Any, live_server: Any, demo: None
) -> None:
    fenna = _log_in(page, live_server, "gedragswetenschapper@example.org")
    titel = _volg_eerste_punt(page, "Tegenspraak gevraagd")
    tegenspraak = page.get_by_role("region", name="Tegenspraak")
    tegenspraak.get_by_label("Akkoord", exact=True).check()
    tegenspraak.get_by_label("Afweging").fill("De aandachtspunten zijn besproken met het team.")
    tegenspraak.get_by_role("button", name="Tegenspraak vastleggen").click()
    expect(page.get_by_text("Je tegenspraak is vastgelegd.")).to_be_visible()

    getekend = Tegenspraak.objects.get(door=fenna)
    assert getekend.oordeel == Tegenspraak.Oordeel.AKKOORD
    _terug_naar_start(page)
    _niet_meer_op_start(page, titel)


@pytest.fixture
def blokkade(demo: None) -> None:
    """A colleague locked herself out (the demo's professionals all have their second
    step, so this is the admin's first item)."""
    AccessAttempt.objects.create(
        username="coordinator2@example.org",
        ip_address="10.0.0.9",
        user_agent="Firefox",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
        attempt_time=timezone.now(),
    )


def test_functional_admin_lifts_the_lock_out(page: Any, live_server: Any, blokkade: None) -> None:
    _log_in(page, live_server, "admin@example.org")
    titel = _volg_eerste_punt(page, "Nu geblokkeerd na te veel foute pogingen")
    assert titel == "coordinator2@example.org"
    page.get_by_role("button", name="Verwijderen", exact=True).click()
    page.get_by_role("button", name=re.compile(r"^Ja, ik weet het zeker")).click()
    expect(page.get_by_text(re.compile(r"is met succes verwijderd"))).to_be_visible()

    assert not AccessAttempt.objects.filter(username=titel).exists()
    page.goto(live_server.url + reverse("start"))
    _niet_meer_op_start(page, titel)


@pytest.fixture
def besluit_van_de_voogd(demo: None) -> Voorstel:
    """Fenna (11, supervision order with the court's authorisation) had her getting-
    acquainted meeting in the demo: the youth protection worker co-decides."""
    return Voorstel.objects.get(
        jongere__jeugdbeschermer__email="jeugdbeschermer@example.org",
        jongere__roepnaam="Fenna",
        status=VoorstelStatus.KENNISMAKING_GEHOUDEN,
    )


def test_youth_protection_worker_decides_for_her_ward(
    telefoon: Any, live_server: Any, besluit_van_de_voogd: Voorstel
) -> None:
    karin = _log_in(telefoon, live_server, "jeugdbeschermer@example.org")
    titel = _volg_eerste_punt(telefoon, "Jouw besluit gevraagd")
    assert "Fenna" in titel
    telefoon.get_by_label("Ja", exact=True).check()
    telefoon.get_by_role("button", name="Opslaan").click()
    expect(telefoon.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")

    besluit = Besluit.objects.get(voorstel=besluit_van_de_voogd, persoon=karin)
    assert besluit.keuze == Besluit.Keuze.JA
    _terug_naar_start(telefoon)
    _niet_meer_op_start(telefoon, titel)


def test_expert_team_reads_the_escalated_case_without_a_name(
    page: Any, live_server: Any, demo: None
) -> None:
    _log_in(page, live_server, "expertteam@example.org")
    titel = _volg_eerste_punt(page, "Casussen voor het expertteam")
    casus = page.get_by_role("region", name=titel)
    expect(casus).to_be_visible()
    expect(casus).to_contain_text("Waarom hier:")
    jongere = Jongere.objects.get(pk=int(titel.rsplit(" ", 1)[1]))
    expect(page.get_by_role("main")).not_to_contain_text(jongere.roepnaam)
    expect(page.get_by_role("main")).not_to_contain_text(jongere.woonplaats)
    # The case stays on the start page until the youth has a place: the expert team
    # thinks along, the coordinator places.
    _terug_naar_start(page)
    expect(page.get_by_role("main").get_by_role("link", name=titel, exact=True)).to_be_visible()
