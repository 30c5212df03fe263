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
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from matching import voorstellen as flow
from matching.models import Kennismaking, Voorstel
from tests.e2e.axe import fouten
from tests.e2e.conftest import DESKTOP, PHONE, log_in_als
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory
from tests.trust.test_access_matrix import MATRIX
from tests.trust.wereld import World, bouw_wereld
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory

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
)
MATRIX_KOLOM = {"gedragswetenschapper": "coordinator"}


@dataclass
class Sweep:
    wereld: World
    users: dict[str, User]
    tweede_voorstel: Voorstel


@pytest.fixture
def personas(
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    beheerder2: User,
    jongere_user: User,
    andere_jongere_user: User,
    ouder_user: User,
    admin_user: User,
) -> dict[str, User]:
    return {
        "coordinator": coordinator,
        "coordinator2": coordinator2,
        "beheerder": beheerder,
        "beheerder2": beheerder2,
        "jongere_user": jongere_user,
        "andere_jongere_user": andere_jongere_user,
        "ouder_user": ouder_user,
        "admin_user": admin_user,
    }


@pytest.fixture
def sweep(e2e_db: None, personas: dict[str, User]) -> Sweep:
    """The trust tests' world, moved on so that the pages show their forms: Noor's proposal
    is past the getting-acquainted meeting (the family decides, the behavioural scientist
    may weigh in), and a second proposal (Daan's) waits for the home's answer."""
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
    esch = VoorzieningFactory.create(aanbieder=beheerder.organisatie, naam="De Esch")
    VacatureFactory.create(voorziening=esch)
    tweede = flow.maak_voorstel(
        jongere=daan, voorziening=esch, door=personas["coordinator"], motivatie="Dicht bij school."
    )
    tweede = flow.stuur_voorstel(voorstel=tweede, door=personas["coordinator"])
    return Sweep(wereld, users, tweede)


@dataclass(frozen=True)
class Pagina:
    wat: str
    url: str
    status: int = 200


def paginas(sweep: Sweep, rol: str) -> list[Pagina]:
    """Every page this role opens, by the matrix; its first 403 and 404; the extra states."""
    kolom = MATRIX_KOLOM.get(rol, rol)
    wereld = sweep.wereld
    uit = [
        Pagina(naam, wereld.url(naam))
        for naam, verwacht in sorted(MATRIX.items())
        # The JSON downloads are files, not pages.
        if verwacht[kolom] == 200 and not naam.endswith("_json")
    ]
    for status in (403, 404):
        naam = next((n for n, v in sorted(MATRIX.items()) if v[kolom] == status), None)
        if naam is not None:
            uit.append(Pagina(f"{naam} ({status})", wereld.url(naam), status))
    noor = wereld.noor.pk
    if rol == "anon":
        uit.append(Pagina("onbekende pagina (404)", "/bestaat-niet/", 404))
    if rol in {"coordinator", "gedragswetenschapper", "beheerder", "admin_user"}:
        uit.append(
            Pagina(
                "voorstel dat op antwoord wacht",
                reverse("matching:voorstel", args=[sweep.tweede_voorstel.pk]),
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
        uit.append(
            Pagina(
                "overzicht woningen met foute filters",
                reverse("voorzieningen:lijst") + "?max_afstand_km=-3&pagina=999",
            )
        )
    if rol == "admin_user":
        uit.append(
            Pagina("inzagelog met foute filters", reverse("inzage_log") + "?van=gisteren&jongere=x")
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
