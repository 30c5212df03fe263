"""The four journeys through the portal, in a real browser, as the people make them.

1. The coordinator logs in (with the second factor), opens a youth, reads the analysis,
   searches, narrows the list with a filter and proposes a home.
2. The home's manager logs in (with the second factor), finds the proposal on the
   dashboard, answers it, plans the getting-acquainted meeting and records it; when the
   family said yes, registers the youth's arrival and finds her among the home's residents.
3. The youth and a parent, each on a phone: the invitation link from the e-mail, a
   password, the proposal in plain words, and a decision with a comment.
4. The youth's decision again, with the keyboard only.

The data is built with the factories and the workflow services, never with the demo seed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pytest_django import Settings

from accounts.models import Melding, Rol, User
from jongeren import services as jongeren_services
from jongeren.models import Jongere, Uitnodiging, VerklarendeAnalyse
from kern import opmaak
from kern.choices import Omgeving
from tests.conftest import PASSWORD
from tests.e2e.conftest import inloggen, tweede_factor
from tests.jongeren.factories import AnalyseFactory, JongereFactory, jaren_geleden
from tests.voorzieningen.factories import (
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
)
from voorstellen import services as flow
from voorstellen.models import Besluit, Kennismaking, Voorstel, VoorstelStatus
from voorzieningen.models import Plaatsing, Vacature, Voorziening


@dataclass
class Reis:
    noor: Jongere
    linde: Voorziening
    terp: Voorziening


@pytest.fixture
def reis(e2e_db: None, coordinator: User, beheerder: User) -> Reis:
    """Noor (15, endorsed analysis) of the coordinator; two open homes with a free place of
    the manager's provider: De Linde in a neighbourhood, De Terp on an institution's
    grounds."""
    noor = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        krachten="Noor tekent graag en kan goed met dieren.",
        wat_werkt="Rust, een vaste volwassene en weten wat er komt.",
        behoeften=[("rust_structuur", 3)],
    )
    woningen = {}
    for naam, omgeving, lat in (
        ("De Linde", Omgeving.WOONWIJK, 53.21),
        ("De Terp", Omgeving.INSTELLINGSTERREIN, 53.19),
    ):
        woning = VoorzieningFactory.create(
            aanbieder=beheerder.organisatie, naam=naam, omgeving=omgeving, lat=lat, lon=6.57
        )
        TeamlidFactory.create(voorziening=woning)
        TeamlidFactory.create(voorziening=woning)
        VacatureFactory.create(voorziening=woning)
        woningen[naam] = woning
    return Reis(noor, woningen["De Linde"], woningen["De Terp"])


@pytest.fixture
def tweestaps(settings: Settings) -> None:
    """The second factor as in production (the test settings switch it off)."""
    settings.TWEESTAPS_VERPLICHT = True


def test_coordinator_finds_a_home_and_proposes_it(
    page: Any, live_server: Any, reis: Reis, coordinator: User, beheerder: User, tweestaps: None
) -> None:
    geheim = tweede_factor(coordinator)
    inloggen(page, live_server, coordinator.email, PASSWORD, geheim=geheim)
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat vraagt nu jouw aandacht")
    page.get_by_role("link", name="Naar je overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn jongeren")

    page.get_by_role("link", name="Noor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noor")
    page.get_by_role("link", name="Versie 1 lezen").click()
    expect(page.get_by_text("Noor tekent graag en kan goed met dieren.")).to_be_visible()
    page.go_back()

    page.get_by_role("link", name="Zoek passende woningen").click()
    resultaten = page.locator("#resultaten")
    expect(resultaten.get_by_role("link", name="De Linde", exact=True)).to_be_visible()
    expect(resultaten.get_by_role("link", name="De Terp", exact=True)).to_be_visible()

    # The filter updates the list in place (htmx) and puts the filter in the address.
    page.get_by_label("Omgeving").select_option(Omgeving.WOONWIJK)
    expect(resultaten.get_by_role("link", name="De Terp", exact=True)).to_have_count(0)
    expect(page).to_have_url(re.compile(r"omgeving=woonwijk"))
    expect(resultaten.get_by_role("link", name="De Linde", exact=True)).to_be_visible()

    resultaten.get_by_role("link", name="Voorstel maken (De Linde)").click()
    page.get_by_label("Waarom past deze woning?").fill("Rustig huis, dicht bij oma.")
    page.get_by_role("button", name="Verstuur naar de woning").click()
    # First the summary: what goes to whom, and the profile the home reads before consent.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Controleer het voorstel: De Linde voor Noor"
    )
    expect(page.get_by_text("Rustig huis, dicht bij oma.")).to_be_visible()
    expect(page.get_by_text("Het voorstel is verstuurd naar de woning.")).to_have_count(0)
    assert not Voorstel.objects.filter(jongere=reis.noor).exists()
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Het voorstel is verstuurd naar de woning.")).to_be_visible()

    voorstel = Voorstel.objects.get(jongere=reis.noor)
    assert voorstel.voorziening == reis.linde
    assert voorstel.status == VoorstelStatus.VERSTUURD
    assert voorstel.motivatie == "Rustig huis, dicht bij oma."
    assert Melding.objects.filter(ontvanger=beheerder).exists()
    assert page.url.endswith(voorstel.get_absolute_url())


@pytest.fixture
def verstuurd(reis: Reis, coordinator: User, jongere_user: User) -> Voorstel:
    """The coordinator's proposal of De Linde for Noor, sent to the home. Noor has her
    own account (the family decides in journey 2 through the services)."""
    Jongere.objects.filter(pk=reis.noor.pk).update(account=jongere_user)
    voorstel = flow.maak_voorstel(
        jongere=reis.noor, voorziening=reis.linde, door=coordinator, motivatie="Rustig huis."
    )
    return flow.stuur_voorstel(voorstel=voorstel, door=coordinator)


def test_manager_answers_plans_the_meeting_and_registers_the_arrival(
    page: Any,
    live_server: Any,
    verstuurd: Voorstel,
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    tweestaps: None,
) -> None:
    geheim = tweede_factor(beheerder)
    inloggen(page, live_server, beheerder.email, PASSWORD, geheim=geheim)
    # The start page lists the proposal to answer; the dashboard is one click away.
    expect(page.get_by_role("heading", name="Voorstellen om te beantwoorden")).to_be_visible()
    page.get_by_role("link", name="Naar je overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn voorzieningen")

    # The dashboard lists the proposal waiting for an answer, without the youth's name.
    page.get_by_role("link", name=verstuurd.pseudoniem).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(verstuurd.pseudoniem)
    expect(page.locator("main")).not_to_contain_text("Noor")

    page.get_by_label("Wij hebben interesse").check()
    page.get_by_label("Toelichting").fill("Past goed bij onze groep.")
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Je antwoord is opgeslagen.")).to_be_visible()

    # The visit is planned for a few minutes ago: it has just taken place.
    begin = timezone.localtime() - dt.timedelta(minutes=5)
    page.get_by_label("Soort kennismaking").select_option(Kennismaking.Soort.BEZOEK)
    page.get_by_label("Datum en tijd").fill(begin.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(re.compile(r"^Plaats")).fill("De Linde, Lindelaan 1")
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_text("De kennismaking is gepland.")).to_be_visible()

    page.get_by_label("Notities over de kennismaking").fill("Noor voelde zich snel thuis.")
    page.get_by_role("button", name="De kennismaking is geweest").click()
    expect(page.get_by_text("De kennismaking is vastgelegd.")).to_be_visible()

    voorstel = Voorstel.objects.get(pk=verstuurd.pk)
    assert voorstel.status == VoorstelStatus.KENNISMAKING_GEHOUDEN
    assert voorstel.kennismaking.notitie_woning == "Noor voelde zich snel thuis."

    # Before everyone said yes the page says why the arrival cannot be registered yet.
    aankomst = page.get_by_role("region", name="Aankomst registreren")
    expect(aankomst).to_contain_text("iedereen ja heeft gezegd")
    expect(aankomst.get_by_role("button", name="Aankomst registreren")).to_have_count(0)

    # Meanwhile Noor says yes (outside the browser); the proposal is agreed. She is 16
    # here, so her own yes is the agreement the rules require (no parent is linked).
    Jongere.objects.filter(pk=voorstel.jongere_id).update(geboortedatum=jaren_geleden(16))
    flow.neem_besluit(voorstel=voorstel, door=jongere_user, keuze=Besluit.Keuze.JA)
    page.reload()

    # Noor arrives today: the manager registers it, which fills the home's vacancy.
    expect(aankomst.get_by_label(re.compile(r"^Datum van aankomst"))).to_have_value(
        timezone.localdate().isoformat()
    )
    aankomst.get_by_role("button", name="Aankomst registreren").click()
    expect(page.get_by_text("De aankomst is geregistreerd.")).to_be_visible()
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.GEPLAATST
    assert voorstel.tijdlijn.get(wat="plaats").door == beheerder
    assert Melding.objects.filter(ontvanger=coordinator, tekst__contains="Noor").exists()

    page.get_by_role("link", name="Mijn voorzieningen").click()
    page.get_by_role("link", name="De Linde", exact=True).first.click()
    bewoners = page.get_by_role("region", name="Bewoners die nu in de woning wonen")
    expect(bewoners).to_contain_text("Noor")
    expect(bewoners).to_contain_text(opmaak.datum(timezone.localdate()))
    plaatsing = Plaatsing.objects.get(voorziening=verstuurd.voorziening, jongere=verstuurd.jongere)
    assert plaatsing.aankomst == timezone.localdate()
    assert Vacature.objects.get(voorziening=verstuurd.voorziening).status == Vacature.Status.VERVULD


@dataclass
class Gezin:
    voorstel: Voorstel
    links: dict[str, str]  # e-mail address -> the invitation link from the e-mail


@pytest.fixture
def gezin(reis: Reis, coordinator: User, beheerder: User, live_server: Any) -> Gezin:
    """Noor and her mother are invited by e-mail (not yet with an account); the proposal
    of De Linde had its getting-acquainted meeting, so they can decide."""
    for email, rol, voornaam in (
        ("noor@example.org", Rol.JONGERE, "Noor"),
        ("esther@example.org", Rol.OUDER, "Esther"),
    ):
        jongeren_services.nodig_uit(
            jongere=reis.noor,
            door=coordinator,
            email=email,
            rol=rol,
            voornaam=voornaam,
            basis_url=live_server.url,
        )
    links = {}
    for bericht in mail.outbox:
        gevonden = re.search(r"https?://\S+/mijn/welkom/\S+/", str(bericht.body))
        assert gevonden, bericht.body
        links[bericht.to[0]] = gevonden.group(0)
    voorstel = flow.maak_voorstel(
        jongere=reis.noor, voorziening=reis.linde, door=coordinator, motivatie="Rustig huis."
    )
    voorstel = flow.stuur_voorstel(voorstel=voorstel, door=coordinator)
    flow.beantwoord_voorstel(voorstel=voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=beheerder,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() - dt.timedelta(minutes=30),
        plaats="De Linde",
    )
    flow.leg_kennismaking_vast(voorstel=voorstel, door=beheerder, notitie="")
    mail.outbox.clear()
    return Gezin(voorstel, links)


def _kies_wachtwoord(tab: Any, link: str, voornaam: str) -> None:
    tab.goto(link)
    expect(tab.get_by_role("heading", level=1)).to_have_text(f"Welkom, {voornaam}")
    tab.get_by_label("Kies een wachtwoord").fill("zonnebloem-aan-zee-42")
    tab.get_by_label("Typ het wachtwoord nog een keer").fill("zonnebloem-aan-zee-42")
    tab.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(tab.get_by_text("Je bent nu ingelogd.")).to_be_visible()


def _lees_voorstel(tab: Any) -> None:
    # On a phone the menu sits behind "Menu" (a <details>): open it first, as a person does.
    menu = tab.locator("details.pp-menu > summary")
    if menu.is_visible():
        menu.click()
    # The youth reads "Voorstellen voor jou", a parent "Voorstellen voor mijn kind".
    tab.get_by_role("link", name=re.compile(r"^Voorstellen voor (jou|mijn kind)$")).click()
    tab.get_by_role("link", name="De Linde").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("De Linde")
    expect(tab.get_by_text("Een huis in een gewone woonwijk.")).to_be_visible()
    expect(tab.get_by_text("Rustig huis.")).to_be_visible()


def _past_op_het_scherm(tab: Any) -> None:
    """Nothing makes the phone scroll sideways (WCAG 1.4.10, reflow)."""
    breedte = tab.evaluate("document.documentElement.scrollWidth")
    assert breedte <= 390, f"the page is {breedte} px wide on a 390 px phone"


def test_youth_and_parent_decide_on_their_phones(
    telefoon: Any, tweede_telefoon: Any, live_server: Any, gezin: Gezin
) -> None:
    _kies_wachtwoord(telefoon, gezin.links["noor@example.org"], "Noor")
    _lees_voorstel(telefoon)
    _past_op_het_scherm(telefoon)
    telefoon.get_by_label("Ja", exact=True).check()
    telefoon.get_by_label("Wil je iets uitleggen?").fill("Ik wil graag dicht bij oma wonen.")
    telefoon.get_by_role("button", name="Opslaan", exact=True).click()
    # htmx swaps the decision section with the confirmation in it.
    expect(telefoon.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")
    expect(telefoon.get_by_text("Je koos: Ja")).to_be_visible()

    # The mother, on her own phone.
    tab = tweede_telefoon
    _kies_wachtwoord(tab, gezin.links["esther@example.org"], "Esther")
    _lees_voorstel(tab)
    _past_op_het_scherm(tab)
    tab.get_by_label("Ja", exact=True).check()
    tab.get_by_label("Wil je iets uitleggen?").fill("Het team kwam rustig over.")
    tab.get_by_role("button", name="Opslaan", exact=True).click()
    expect(tab.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")

    voorstel = Voorstel.objects.get(pk=gezin.voorstel.pk)
    besluiten = {
        b.persoon.email: (b.keuze, b.opmerking) for b in voorstel.besluiten.all() if b.persoon
    }
    assert besluiten == {
        "noor@example.org": (Besluit.Keuze.JA, "Ik wil graag dicht bij oma wonen."),
        "esther@example.org": (Besluit.Keuze.JA, "Het team kwam rustig over."),
    }
    # Both said yes after the meeting: the proposal is agreed by itself.
    assert voorstel.status == VoorstelStatus.AKKOORD

    # Sharing the whole analysis: each reads what the home would read and answers alone.
    for scherm in (telefoon, tab):
        scherm.reload()
        delen = scherm.locator("#delen")
        expect(delen.get_by_text("De naam: Noor")).to_be_visible()
        delen.get_by_label("Ja, dat mag").check()
        delen.get_by_role("button", name="Keuze over delen bewaren").click()
        expect(scherm.get_by_text("Je gaf toestemming.")).to_be_visible()
    voorstel.refresh_from_db()
    assert voorstel.volledig_gedeeld_op is not None

    # The mother changes her mind: the home reads the profile without a name again.
    tab.locator("#delen").get_by_role("button", name="Toestemming intrekken").click()
    expect(
        tab.get_by_text("De woning leest nu weer alleen het profiel zonder naam.")
    ).to_be_visible()
    voorstel.refresh_from_db()
    assert voorstel.volledig_gedeeld_op is None


FOCUS = """() => {
  const e = document.activeElement;
  const s = getComputedStyle(e);
  const rand = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  return {
    tag: e.tagName.toLowerCase(),
    tekst: (e.innerText || "").trim(),
    label: e.labels && e.labels.length ? e.labels[0].innerText.trim() : "",
    zichtbaar: rand || s.boxShadow !== "none",
  };
}"""


def _tab_tot(tab: Any, gezocht: str, *, max_stappen: int = 60) -> dict[str, Any]:
    """Press Tab until the focus is on the element whose text or label starts with
    `gezocht`; every element on the way must show where the focus is (WCAG 2.4.7)."""
    onderweg = []
    for _stap in range(max_stappen):
        tab.keyboard.press("Tab")
        focus = tab.evaluate(FOCUS)
        assert focus["zichtbaar"], f"the focus cannot be seen on {focus}"
        onderweg.append(focus["tekst"] or focus["label"])
        if (focus["tekst"] or focus["label"]).startswith(gezocht):
            return focus
    raise AssertionError(f"{gezocht!r} is not reachable with Tab; passed {onderweg}")


@pytest.fixture
def noor_met_account(gezin: Gezin) -> User:
    """Noor used her invitation earlier and chose a password."""
    uitnodiging = Uitnodiging.objects.get(persoon__email="noor@example.org")
    return jongeren_services.accepteer_uitnodiging(uitnodiging=uitnodiging, wachtwoord=PASSWORD)


def test_youth_decides_with_the_keyboard_only(
    page: Any, live_server: Any, gezin: Gezin, noor_met_account: User
) -> None:
    page.goto(live_server.url + reverse("login"))
    # The e-mail field has the focus when the page opens.
    page.keyboard.type(noor_met_account.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^https?://[^/]+" + reverse("start") + "$"))

    # The first Tab offers to skip the menu, and the skip link shows itself.
    page.keyboard.press("Tab")
    overslaan = page.evaluate(FOCUS)
    assert overslaan["tekst"] == "Naar de inhoud" and overslaan["zichtbaar"]

    _tab_tot(page, "Voorstellen voor jou")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(reverse("voorstellen:mijn_voorstellen")))
    _tab_tot(page, "De Linde")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(gezin.voorstel.get_absolute_url()))

    # Tab lands on the first choice of the group; the arrow key moves the choice.
    _tab_tot(page, "Ja")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Ik twijfel").is_checked()
    _tab_tot(page, "Wil je iets uitleggen?")
    page.keyboard.type("Ik wil eerst nog een keer gaan kijken.")
    _tab_tot(page, "Opslaan")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")

    besluit = Besluit.objects.get(voorstel=gezin.voorstel, persoon=noor_met_account)
    assert besluit.keuze == Besluit.Keuze.TWIJFEL
    assert besluit.opmerking == "Ik wil eerst nog een keer gaan kijken."
