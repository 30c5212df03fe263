"""WCAG 2.1 A/AA with axe-core, in Chromium, on every page of every role.

The pages come from the access matrix (tests/trust/test_access_matrix.py): every URL a
role may open (expected 200) is opened as that role, checked at desktop width and again
at 390 px (a phone), and every form on it that has fields is sent empty, so the page
with the error messages is checked too. A new URL is in the matrix, so it is checked here
without anyone adding it. On top of that: the error pages (403, 404, an expired form),
states the matrix's world does not reach, and the parts htmx swaps in.

Zero violations is the only passing result; no axe rule is switched off.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from accounts.models import Rol, User
from jongeren import services as jongeren_services
from jongeren.models import Jongere, VerklarendeAnalyse
from plaatsingstafel.escalatie import geescaleerd
from plaatsingstafel.models import Verdeling, VerdelingStatus
from plaatsingstafel.regio import laad_regiodata, regio_voor
from plaatsingstafel.verdeling import bereken, vraag_verdeling
from tests.conftest import PASSWORD
from tests.e2e.axe import fouten
from tests.e2e.conftest import DESKTOP, PHONE, log_in_als, tweede_factor
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.trust.test_access_matrix import MATRIX
from tests.trust.wereld import World, bouw_wereld
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
)
from voorstellen import services as flow
from voorstellen.models import Kennismaking, Voorstel
from voorzieningen.models import Plaatsing, Voorziening

# One person per role. The behavioural scientist is a coordinator with a flag: the matrix's
# coordinator column says which pages they open, and some pages show them more.
ROLLEN = (
    "anon",
    "coordinator",
    "gedragswetenschapper",
    "beheerder",
    "jongere_user",
    "ouder_user",
    "admin_user",
    "jeugdbeschermer_user",
    "expertteam",
)
MATRIX_KOLOM = {"gedragswetenschapper": "coordinator"}


@dataclass
class Sweep:
    wereld: World
    users: dict[str, User]
    tweede_voorstel: Voorstel
    verdeling: Verdeling
    lopende_verdeling: Verdeling
    ilse: Jongere
    ilse_analyse: VerklarendeAnalyse
    ilse_verblijf: Plaatsing


@pytest.fixture
def sweep(e2e_db: None, personas: dict[str, User]) -> Sweep:
    """The trust tests' world, moved on so that the pages show their forms: Noor's proposal
    is past the getting-acquainted meeting (the family and the youth protection worker
    decide, the behavioural scientist may weigh in), a second proposal (Daan's) waits for the
    home's answer, and Daan's case went to the region's expert team."""
    wereld = bouw_wereld(personas)
    users = dict(personas)
    users["gedragswetenschapper"] = UserFactory.create(
        email="fenna@example.org",
        first_name="Fenna",
        rol=Rol.COORDINATOR,
        organisatie=personas["coordinator"].organisatie,
        is_gedragswetenschapper=True,
    )
    beheerder = personas["beheerder"]
    voorstel = flow.beantwoord_voorstel(voorstel=wereld.voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=beheerder,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() - dt.timedelta(minutes=10),
        plaats="De Linde",
    )
    flow.leg_kennismaking_vast(voorstel=voorstel, door=beheerder, notitie="Rustig gesprek.")
    daan = Jongere.objects.get(account=personas["andere_jongere_user"])
    AnalyseFactory.create(jongere=daan, status=VerklarendeAnalyse.Status.GEDRAGEN)
    # Daan searches for five weeks without a place: his case is on the expert team's start
    # page and its summary page.
    Jongere.objects.filter(pk=daan.pk).update(zoeken_sinds=timezone.now() - dt.timedelta(weeks=5))
    esch = VoorzieningFactory.create(aanbieder=beheerder.organisatie, naam="De Esch")
    VacatureFactory.create(voorziening=esch)
    tweede = flow.maak_voorstel(
        jongere=daan, voorziening=esch, door=personas["coordinator"], motivatie="Dicht bij school."
    )
    tweede = flow.stuur_voorstel(voorstel=tweede, door=personas["coordinator"])
    # The placement table's advice, computed (in-process: there is no broker), and one that
    # is still running (the page follows it).
    coordinator = personas["coordinator"]
    regio = regio_voor(coordinator, None)
    assert regio is not None
    assert geescaleerd(regio).filter(pk=daan.pk).exists()
    data = laad_regiodata(coordinator, regio)
    verdeling, _bestond = vraag_verdeling(
        door=coordinator,
        regio=regio,
        verzoek=data.verzoek(
            today=timezone.localdate(), vast={}, uitgesloten=frozenset(), iedereen=False
        ),
        jongeren=data.jongeren.values(),
    )
    lopend = Verdeling.objects.create(
        regio=regio,
        gevraagd_door=coordinator,
        sleutel="1" * 64,
        invoer=verdeling.invoer,
        status=VerdelingStatus.BEZIG,
        gestart_op=timezone.now(),
    )
    lopend.jongeren.set(data.jongeren.values())
    # Ilse, 17½ and without an account, lives in De Esch: her stay shows the transition
    # checklist, the coordinator records her mentor and her agreement with the analysis.
    ilse = JongereFactory.create(
        roepnaam="Ilse",
        coordinator=coordinator,
        geboortedatum=timezone.localdate() - dt.timedelta(days=int(17.6 * 365.25)),
        nodig_vanaf=timezone.localdate() - dt.timedelta(days=100),
    )
    ilse_analyse = AnalyseFactory.create(
        jongere=ilse, status=VerklarendeAnalyse.Status.TER_INSTEMMING, voorgelegd_op=timezone.now()
    )
    TeamlidFactory.create(voorziening=esch, naam="Anouk")
    verblijf = PlaatsingFactory.create(
        voorziening=esch, jongere=ilse, geboortemaand=ilse.geboortedatum.replace(day=1)
    )
    return Sweep(wereld, users, tweede, verdeling, lopend, ilse, ilse_analyse, verblijf)


@dataclass(frozen=True)
class Pagina:
    wat: str
    url: str
    status: int = 200


def paginas(sweep: Sweep, rol: str) -> list[Pagina]:
    """Every page this role opens, by the matrix; its first 403 and 404; the extra states."""
    kolom = MATRIX_KOLOM.get(rol, rol)
    wereld = sweep.wereld
    # The JSON, CSV and calendar downloads, the photos and the API schema are files,
    # not pages (in this world a refused one may well be a download).
    paginanamen = [
        naam
        for naam in sorted(MATRIX)
        if not naam.endswith(("_json", "_csv", "_ics"))
        and naam not in {"voorzieningen:foto", "api:schema"}
    ]
    uit = [Pagina(naam, wereld.url(naam)) for naam in paginanamen if MATRIX[naam][kolom] == 200]
    for status in (403, 404):
        naam = next((n for n in paginanamen if MATRIX[n][kolom] == status), None)
        if naam is not None:
            uit.append(Pagina(f"{naam} ({status})", wereld.url(naam), status))
    noor = wereld.noor.pk
    if rol == "anon":
        uit.append(Pagina("onbekende pagina (404)", "/bestaat-niet/", 404))
    if rol in {"coordinator", "gedragswetenschapper", "beheerder", "admin_user"}:
        uit.append(
            Pagina(
                "voorstel dat op antwoord wacht",
                reverse("voorstellen:voorstel", args=[sweep.tweede_voorstel.pk]),
            )
        )
    if rol in {"coordinator", "gedragswetenschapper", "beheerder"}:
        # A stay of a youth of 17½: the transition checklist and its form.
        for naam in ("voorzieningen:verblijf", "voorzieningen:verblijf_overgang"):
            uit.append(Pagina(f"{naam} (17½)", reverse(naam, args=[sweep.ilse_verblijf.pk])))
    if rol in {"coordinator", "gedragswetenschapper"}:
        # For a youth without an account: her mentor and her agreement, from a talk.
        uit.append(
            Pagina(
                "mentorkeuze vastleggen (zonder account)",
                reverse("voorzieningen:verblijf_mentor", args=[sweep.ilse_verblijf.pk]),
            )
        )
        uit.append(
            Pagina(
                "instemming vastleggen uit een gesprek",
                reverse(
                    "jongeren:instemming_vastleggen",
                    args=[sweep.ilse.pk, sweep.ilse_analyse.versie],
                ),
            )
        )
    if rol in {"coordinator", "admin_user"}:
        # Filters with nonsense values: the page says what is wrong and still answers.
        uit.append(
            Pagina(
                "zoeken met foute filters",
                reverse("matching:zoeken", args=[noor])
                + "?max_afstand_km=0&beschikbaar_op=1900-01-01&gesloten=soms",
            )
        )
        # Two homes side by side: the comparison table, scrolling in its region at 390 px.
        esch = Voorziening.objects.get(naam="De Esch")
        uit.append(
            Pagina(
                "twee woningen vergelijken",
                reverse("matching:vergelijk", args=[noor])
                + f"?woning={wereld.woning.pk}&woning={esch.pk}",
            )
        )
        uit.append(
            Pagina(
                "overzicht woningen met foute filters",
                reverse("voorzieningen:lijst") + "?max_afstand_km=-3&pagina=999",
            )
        )
        # The placement table's advice, computed: the result cards and their explanations.
        uit.append(
            Pagina(
                "gezamenlijke verdeling berekend",
                reverse("plaatsingstafel:verdeling", args=[sweep.verdeling.pk]),
            )
        )
        uit.append(
            Pagina(
                "gezamenlijke verdeling die nog rekent",
                reverse("plaatsingstafel:verdeling", args=[sweep.lopende_verdeling.pk]),
            )
        )
    if rol == "admin_user":
        uit.append(
            Pagina(
                "inzagelog met foute filters",
                reverse("privacy:inzage_log") + "?van=gisteren&jongere=x",
            )
        )
    return uit


LEEGMAKEN = """form => {
  form.noValidate = true;
  for (const el of form.elements) {
    if (el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
    if (el.type === "radio" || el.type === "checkbox") el.checked = false;
    else if (el.tagName === "SELECT") el.selectedIndex = el.multiple ? -1 : 0;
    else el.value = "";
  }
}"""
FORMULIEREN = "main form[method=post]"
VELDEN = "input:not([type=hidden]):not([type=submit]), textarea, select"


def _open(page: Any, live_server: Any, pagina: Pagina) -> None:
    antwoord = page.goto(live_server.url + pagina.url)
    assert antwoord is not None
    assert antwoord.status == pagina.status, f"{pagina.wat}: status {antwoord.status}"
    # What is folded away (<details>) is checked too: axe skips what is not shown.
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")


def _leeg_versturen(page: Any, live_server: Any, pagina: Pagina) -> list[str]:
    """Send every form with fields empty (browser checks off), and check the answer page:
    the error messages, or wherever a form that allows empty fields leads."""
    gevonden: list[str] = []
    aantal = page.locator(FORMULIEREN).count()
    for i in range(aantal):
        _open(page, live_server, pagina)
        formulieren = page.locator(FORMULIEREN)
        if formulieren.count() <= i:
            break  # an earlier empty form changed the page (it was allowed to be empty)
        formulier = formulieren.nth(i)
        if formulier.locator(VELDEN).count() == 0:
            continue  # a single button: an action, not a form to fill in
        formulier.evaluate(LEEGMAKEN)
        formulier.locator("button[type=submit], button:not([type])").first.click()
        page.wait_for_load_state("networkidle")
        gevonden += fouten(page, f"{pagina.wat}, formulier {i + 1} leeg verstuurd")
    return gevonden


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_page_of_every_role_meets_wcag_21_aa(
    page: Any, live_server: Any, sweep: Sweep, rol: str
) -> None:
    if rol != "anon":
        log_in_als(page, live_server, sweep.users[rol])
    gevonden: list[str] = []
    bekeken = paginas(sweep, rol)
    for pagina in bekeken:
        page.set_viewport_size(DESKTOP)
        _open(page, live_server, pagina)
        gevonden += fouten(page, pagina.wat)
        page.set_viewport_size(PHONE)
        gevonden += fouten(page, f"{pagina.wat} (390 px)")
        page.set_viewport_size(DESKTOP)
        if pagina.status == 200:
            gevonden += _leeg_versturen(page, live_server, pagina)
    assert len(bekeken) >= 3
    assert not gevonden, f"{len(gevonden)} violations:\n" + "\n".join(gevonden)


def _zonder_fouten(gevonden: list[str]) -> None:
    assert not gevonden, f"{len(gevonden)} violations:\n" + "\n".join(gevonden)


def _beide_breedtes(page: Any, waar: str) -> list[str]:
    page.set_viewport_size(DESKTOP)
    gevonden = fouten(page, waar)
    page.set_viewport_size(PHONE)
    gevonden += fouten(page, f"{waar} (390 px)")
    page.set_viewport_size(DESKTOP)
    return gevonden


def test_parts_swapped_in_by_htmx_meet_wcag_21_aa(
    page: Any, live_server: Any, sweep: Sweep
) -> None:
    """What htmx puts in the page after a filter or a post is checked after the swap."""
    noor = sweep.wereld.noor
    gevonden: list[str] = []

    log_in_als(page, live_server, sweep.users["coordinator"])
    page.goto(live_server.url + reverse("matching:zoeken", args=[noor.pk]))
    with page.expect_response(lambda r: "omgeving=" in r.url):
        page.get_by_label("Omgeving").select_option("woonwijk")
    page.wait_for_load_state("networkidle")
    gevonden += _beide_breedtes(page, "zoeken, na een filter")
    with page.expect_response(lambda r: "max_afstand_km=" in r.url):
        page.get_by_label("Maximale afstand tot familie (km)").fill("1")
        page.get_by_role("button", name="Toon woningen").click()
    page.wait_for_load_state("networkidle")
    gevonden += _beide_breedtes(page, "zoeken, na een filter zonder uitkomst")

    page.goto(live_server.url + reverse("jongeren:lijst"))
    with page.expect_response(lambda r: "q=" in r.url):
        page.get_by_label("Zoek op naam").fill("No")
    page.wait_for_load_state("networkidle")
    gevonden += _beide_breedtes(page, "mijn jongeren, na zoeken")

    page.goto(live_server.url + reverse("voorzieningen:lijst"))
    eerste_keuzelijst = page.locator("main form select").first
    with page.expect_response(lambda r: "?" in r.url):
        eerste_keuzelijst.select_option(index=1)
    page.wait_for_load_state("networkidle")
    gevonden += _beide_breedtes(page, "overzicht woningen, na een filter")

    # The placement table's computation finishes while its page is open: htmx swaps the
    # advice in place of the progress.
    lopend = sweep.lopende_verdeling
    page.goto(live_server.url + lopend.get_absolute_url())
    expect(page.locator("progress")).to_have_count(1)
    bereken(verdeling_id=lopend.pk)
    expect(page.get_by_role("heading", name="Voorstel voor de tafel")).to_be_visible()
    expect(page.locator("#stand-melding")).to_contain_text("De berekening is klaar")
    gevonden += _beide_breedtes(page, "gezamenlijke verdeling, na het rekenen")

    page.goto(live_server.url + reverse("meldingen"))
    page.get_by_role("button", name=re.compile("Markeer")).click()
    expect(page.get_by_role("button", name=re.compile("Markeer"))).to_have_count(0)
    gevonden += _beide_breedtes(page, "meldingen, na markeren als gelezen")

    log_in_als(page, live_server, sweep.users["beheerder"])
    page.goto(live_server.url + reverse("voorzieningen:beheer", args=[sweep.wereld.woning.pk]))
    bevestigen = page.locator("form[hx-post]").first
    bevestigen.get_by_role("button").click()
    page.wait_for_load_state("networkidle")
    gevonden += _beide_breedtes(page, "woning beheren, na vacature bevestigen")

    log_in_als(page, live_server, sweep.users["jongere_user"])
    page.goto(live_server.url + sweep.wereld.voorstel.get_absolute_url())
    page.get_by_label("Ik twijfel").check()
    page.get_by_label("Wil je iets uitleggen?").fill("Ik wil nog een keer kijken.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Je keuze is opgeslagen.")
    gevonden += _beide_breedtes(page, "voorstel gezin, na kiezen")
    _zonder_fouten(gevonden)


def test_error_pages_and_one_off_states_meet_wcag_21_aa(
    page: Any, live_server: Any, sweep: Sweep
) -> None:
    """Pages the matrix does not open: an expired form, the second login step, logging
    out, a real reset link, a locked login, an analysis waiting for the family's answer,
    and the manager registering an arrival (with a refused date first)."""
    gevonden: list[str] = []

    # A form sent after its security token was lost (e.g. cookies cleared): 403.
    page.goto(live_server.url + reverse("login"))
    page.context.clear_cookies()
    page.get_by_label("E-mailadres").fill("iemand@example.org")
    page.get_by_label("Wachtwoord").fill("x")
    with page.expect_response(lambda r: r.request.method == "POST") as antwoord:
        page.get_by_role("button", name="Inloggen").click()
    assert antwoord.value.status == 403
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het formulier is verlopen")
    assert page.locator("html").get_attribute("lang") == "nl"
    gevonden += _beide_breedtes(page, "verlopen formulier (403)")

    # The second login step: the code page, sent empty and with a wrong code.
    coordinator = sweep.users["coordinator"]
    tweede_factor(coordinator)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mailadres").fill(coordinator.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(reverse("login_code"))))
    gevonden += _beide_breedtes(page, "code van de tweede stap")
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    expect(page.locator(".errorlist").first).to_be_visible()
    gevonden += _beide_breedtes(page, "code van de tweede stap, leeg verstuurd")
    page.get_by_label("Code uit je authenticator-app").fill("000000")
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_load_state()
    gevonden += _beide_breedtes(page, "code van de tweede stap, foute code")

    log_in_als(page, live_server, sweep.users["ouder_user"])
    page.goto(live_server.url + reverse("jongeren:mijn"))
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_load_state()
    gevonden += _beide_breedtes(page, "uitgelogd")

    ouder = sweep.users["ouder_user"]
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(ouder.pk)),
            "token": default_token_generator.make_token(ouder),
        },
    )
    page.goto(live_server.url + link)
    page.wait_for_load_state()
    gevonden += _beide_breedtes(page, "nieuw wachtwoord kiezen")
    wachtwoorden = page.locator("main input[type=password]")
    wachtwoorden.nth(0).fill("een-lang-wachtwoord-1")
    wachtwoorden.nth(1).fill("een-ander-wachtwoord-2")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator(".errorlist, .error-summary").first).to_be_visible()
    gevonden += _beide_breedtes(page, "nieuw wachtwoord, twee verschillende")

    page.context.clear_cookies()
    for _poging in range(settings.AXES_FAILURE_LIMIT):
        page.goto(live_server.url + reverse("login"))
        page.get_by_label("E-mailadres").fill(ouder.email)
        page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
    gevonden += _beide_breedtes(page, "te vaak fout ingelogd")

    # Daan's new analysis waits for his answer: his answer page, also sent empty.
    daan = Jongere.objects.get(account=sweep.users["andere_jongere_user"])
    analyse = AnalyseFactory.create(jongere=daan)
    jongeren_services.leg_voor(analyse=analyse, door=sweep.users["coordinator"])
    log_in_als(page, live_server, sweep.users["andere_jongere_user"])
    reactie = Pagina("reactie op de analyse", reverse("jongeren:mijn_reactie", args=[daan.pk]))
    _open(page, live_server, reactie)
    gevonden += _beide_breedtes(page, reactie.wat)
    gevonden += _leeg_versturen(page, live_server, reactie)
    for naam in ("jongeren:mijn", "jongeren:mijn_jongere"):
        url = reverse(naam, args=[daan.pk]) if naam.endswith("jongere") else reverse(naam)
        _open(page, live_server, Pagina(naam, url))
        gevonden += _beide_breedtes(page, f"{naam}, analyse ter instemming")
    log_in_als(page, live_server, sweep.users["coordinator"])
    _open(page, live_server, Pagina("detail", reverse("jongeren:detail", args=[daan.pk])))
    gevonden += _beide_breedtes(page, "jongere, analyse ter instemming")

    # Noor and her parent say yes: the manager's arrival form, a refused date, the arrival.
    voorstel = sweep.wereld.voorstel
    for persoon in ("jongere_user", "ouder_user"):
        flow.neem_besluit(voorstel=voorstel, door=sweep.users[persoon], keuze="ja")
    voorstel.refresh_from_db()
    if voorstel.tegenspraak_nodig:
        flow.teken_tegenspraak(
            voorstel=voorstel,
            door=sweep.users["gedragswetenschapper"],
            akkoord=True,
            toelichting="Past, met een vaste mentor.",
        )
    assert flow.kan_plaatsen(voorstel) is None
    log_in_als(page, live_server, sweep.users["beheerder"])
    _open(page, live_server, Pagina("voorstel, akkoord", voorstel.get_absolute_url()))
    gevonden += _beide_breedtes(page, "voorstel woning, aankomst registreren")
    aankomst = page.get_by_role("region", name="Aankomst registreren")
    morgen = timezone.localdate() + dt.timedelta(days=1)
    aankomst.locator("form").evaluate("f => { f.noValidate = true; }")  # past the max date
    aankomst.get_by_label(re.compile(r"^Datum van aankomst")).fill(morgen.isoformat())
    aankomst.get_by_role("button", name="Aankomst registreren").click()
    expect(page.locator("#id_aankomst_error")).to_contain_text(
        "Een aankomst registreer je op of na de dag"
    )
    gevonden += _beide_breedtes(page, "voorstel woning, aankomst in de toekomst")
    # The page kept what was typed; the manager corrects the date.
    aankomst = page.get_by_role("region", name="Aankomst registreren")
    veld = aankomst.get_by_label(re.compile(r"^Datum van aankomst"))
    expect(veld).to_have_value(morgen.isoformat())
    veld.fill(timezone.localdate().isoformat())
    aankomst.get_by_role("button", name="Aankomst registreren").click()
    expect(page.get_by_text("De aankomst is geregistreerd.")).to_be_visible()
    gevonden += _beide_breedtes(page, "voorstel woning, aangekomen")
    log_in_als(page, live_server, sweep.users["jongere_user"])
    _open(page, live_server, Pagina("voorstel gezin, geplaatst", voorstel.get_absolute_url()))
    gevonden += _beide_breedtes(page, "voorstel gezin, geplaatst")
    _zonder_fouten(gevonden)


def test_the_check_finds_what_is_wrong(page: Any, live_server: Any) -> None:
    """The sweep is not vacuous: axe reports an image without text and an unlabelled field."""
    page.set_content(
        '<html lang="nl"><head><title>Kapot</title></head><body><main>'
        '<img src="/static/favicon.svg"><input type="text"></main></body></html>'
    )
    gevonden = " ".join(fouten(page, "kapot", tellen=False))
    assert "image-alt" in gevonden
    assert "label" in gevonden


def test_sending_with_a_summary_and_consent_per_person_meet_wcag_21_aa(
    page: Any, live_server: Any, sweep: Sweep
) -> None:
    """The steps the matrix cannot open: a draft's motivation step with its error, the
    summary before sending, and the family's consent given and withdrawn."""
    gevonden: list[str] = []
    coordinator = sweep.users["coordinator"]
    daan = Jongere.objects.get(account=sweep.users["andere_jongere_user"])
    hoeve = VoorzieningFactory.create(
        aanbieder=sweep.users["beheerder"].organisatie, naam="De Hoeve"
    )
    VacatureFactory.create(voorziening=hoeve)
    concept = flow.maak_voorstel(jongere=daan, voorziening=hoeve, door=coordinator)

    log_in_als(page, live_server, coordinator)
    page.goto(live_server.url + concept.get_absolute_url())
    page.get_by_role("button", name="Versturen naar de woning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versturen: De Hoeve voor Daan")
    page.get_by_role("button", name="Verder").click()
    expect(page.locator(".error-summary")).to_be_visible()
    gevonden += _beide_breedtes(page, "versturen, motivatie ontbreekt")
    page.get_by_label("Waarom past deze woning?").fill("Dicht bij school.")
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Controleer het voorstel: De Hoeve voor Daan"
    )
    gevonden += _beide_breedtes(page, "versturen, samenvatting")
    page.get_by_role("button", name="Versturen", exact=True).click()
    expect(page.get_by_text("Het voorstel is verstuurd naar de woning.")).to_be_visible()

    log_in_als(page, live_server, sweep.users["jongere_user"])
    page.goto(live_server.url + sweep.wereld.voorstel.get_absolute_url())
    delen = page.locator("#delen")
    delen.get_by_label("Ja, dat mag").check()
    delen.get_by_role("button", name="Keuze over delen bewaren").click()
    expect(page.get_by_text("Je gaf toestemming.")).to_be_visible()
    gevonden += _beide_breedtes(page, "voorstel gezin, toestemming gegeven")
    page.locator("#delen").get_by_role("button", name="Toestemming intrekken").click()
    expect(
        page.get_by_text("De woning leest nu weer alleen het profiel zonder naam.")
    ).to_be_visible()
    gevonden += _beide_breedtes(page, "voorstel gezin, toestemming ingetrokken")
    _zonder_fouten(gevonden)
