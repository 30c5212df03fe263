"""The look of the portal in a real browser, on the demo data.

- Every page each demo account reaches by clicking from its start page (breadth-first, a few
  of each kind) renders (one heading, no error page) and is no wider than the window at
  390 px (a phone) and at 1280 px (WCAG 1.4.10, reflow).
- The header is one row at 1280 px and a compact bar on a phone, whose <details> menu opens
  without JavaScript.
- With SCHERMAFDRUKKEN=1 the test also writes one screenshot per role into
  docs/schermafdrukken/ (the README shows them); without it, it still visits each of those
  pages and fails when one does not render.
"""

from __future__ import annotations

import os
import re
from collections import Counter, deque
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from accounts.models import User
from jongeren.models import Jongere
from tests.e2e.conftest import DESKTOP, PHONE, log_in_als

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "docs" / "schermafdrukken"


def _schermafdruk_paden() -> dict[str, tuple[str, Any]]:
    """Per role: the demo account and the page that shows that role's work best."""
    eerste_jongere = Jongere.objects.filter(account__email="jongere@example.org").first()
    return {
        "coordinator": (
            "coordinator@example.org",
            reverse("jongeren:detail", args=[eerste_jongere.pk])
            if eerste_jongere
            else reverse("jongeren:lijst"),
        ),
        "gedragswetenschapper": (
            "gedragswetenschapper@example.org",
            reverse("plaatsingstafel:stabiliteit"),
        ),
        "regio": ("coordinator@example.org", reverse("plaatsingstafel:regio")),
        "beheerder": ("beheerder@example.org", reverse("voorzieningen:dashboard")),
        "jongere": ("jongere@example.org", reverse("start")),
        "ouder": ("ouder@example.org", reverse("voorstellen:mijn_voorstellen")),
        "functioneel-beheerder": ("admin@example.org", reverse("start")),
    }


@pytest.fixture
def demo(e2e_db: None) -> None:
    call_command("seed_demo", "--force", verbosity=0)


def _rendert(page: Any, url: str) -> None:
    antwoord = page.goto(url)
    assert antwoord is not None and antwoord.status == 200, f"{url}: {antwoord and antwoord.status}"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_be_visible()


def _past(page: Any, waar: str) -> None:
    breedte = page.evaluate("document.documentElement.scrollWidth")
    venster = page.viewport_size["width"]
    assert breedte <= venster, f"{waar}: {breedte} px wide in a {venster} px window"


# The demo accounts whose pages the crawl visits: one per role (the second coordinator and
# manager see the same pages with other records).
DEMO_ACCOUNTS = (
    "coordinator@example.org",
    "gedragswetenschapper@example.org",
    "beheerder@example.org",
    "jongere@example.org",
    "ouder@example.org",
    "jeugdbeschermer@example.org",
    "expertteam@example.org",
    "admin@example.org",
)
MAX_PAGINAS = 120  # per account
PER_SOORT = 2  # pages per kind of page (the same path with other numbers)
# Files, not pages; leaving or changing things; not the portal's own pages.
OVERSLAAN = re.compile(
    r"\.(csv|ics|json|pdf|svg|png|jpe?g|ico)$"
    r"|^/(static|media|api|taal)/|^/(healthz|readyz)$"
    r"|/logout/|/delete/|/fotos/"
    # The admin site is Django's own (its record pages are checked with axe-core in
    # test_beheer_toegankelijk.py): here its index and its lists.
    r"|^/beheer/django/.*/(add|history|change|password)/$|^/beheer/django/.*/\d+/"
)
DJANGO_ADMIN = "/beheer/django/"


def _soort(url: str) -> str:
    """The kind of page: the path with its numbers left out, and the names of the query's
    parameters (a list filtered, or its second page, is the same kind of page)."""
    delen = urlsplit(url)
    sleutels = ",".join(sorted({k for k, _v in parse_qsl(delen.query)}))
    return re.sub(r"\d+", "#", delen.path) + "?" + sleutels


def _links(page: Any, live_server: Any) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    uit = []
    for href in hrefs:
        url = urldefrag(href).url
        pad = urlsplit(url).path
        if not url.startswith(live_server.url + "/") or OVERSLAAN.search(pad):
            continue
        if pad.startswith(DJANGO_ADMIN) and urlsplit(url).query:
            continue  # the admin's filters and sort orders: the same list again
        uit.append(url)
    return uit


def _kruip(page: Any, live_server: Any, email: str) -> tuple[list[str], list[str]]:
    """Breadth-first over the same-origin links from the start page (GET only, as the
    person can click them); return the pages visited and what is wrong on them."""
    start = live_server.url + reverse("start")
    wachtrij, soorten = deque([start]), Counter[str]()
    gevonden_op = {start: "login"}  # each page and where its link was found
    bezocht: list[str] = []
    fout: list[str] = []
    while wachtrij and len(bezocht) < MAX_PAGINAS:
        url = wachtrij.popleft()
        page.set_viewport_size(DESKTOP)
        antwoord = page.goto(url)
        pad = url.removeprefix(live_server.url)
        bezocht.append(pad)
        if antwoord is None or antwoord.status != 200:
            fout.append(
                f"{email} {pad}: status {antwoord and antwoord.status} "
                f"(linked from {gevonden_op[url].removeprefix(live_server.url)})"
            )
            continue
        if page.locator("h1").count() != 1:
            fout.append(f"{email} {pad}: {page.locator('h1').count()} h1 headings")
        for venster in (DESKTOP, PHONE):
            page.set_viewport_size(venster)
            breedte = page.evaluate("document.documentElement.scrollWidth")
            if breedte > page.evaluate("window.innerWidth"):
                fout.append(f"{email} {pad}: {breedte} px wide at {venster['width']} px")
        for link in _links(page, live_server):
            # A list filtered, sorted or paged is looked at once; records twice.
            delen = urlsplit(link)
            per_soort = 1 if delen.query or delen.path.startswith(DJANGO_ADMIN) else PER_SOORT
            if link in gevonden_op or soorten[_soort(link)] >= per_soort:
                continue
            gevonden_op[link] = url
            soorten[_soort(link)] += 1
            wachtrij.append(link)
    return bezocht, fout


def test_every_page_of_every_demo_account_fits_at_390_and_1280_px(
    page: Any, live_server: Any, demo: None
) -> None:
    """WCAG 1.4.10 (reflow) on every page a demo account reaches by clicking: nothing
    scrolls sideways at 390 px (a phone) or 1280 px. Every page answers 200 with one h1."""
    fout: list[str] = []
    for email in DEMO_ACCOUNTS:
        log_in_als(page, live_server, User.objects.get(email=email))
        bezocht, gevonden = _kruip(page, live_server, email)
        fout += gevonden
        assert len(bezocht) >= 5, f"{email}: only {bezocht}"
    assert not fout, f"{len(fout)} problems:\n" + "\n".join(fout)


def test_header_is_one_row_on_a_desktop_and_a_compact_bar_on_a_phone(
    page: Any, live_server: Any, demo: None
) -> None:
    log_in_als(page, live_server, User.objects.get(email="coordinator@example.org"))
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("jongeren:lijst"))
    kop = page.locator("header.utrecht-page-header")
    assert kop.bounding_box()["height"] <= 72, "the header wraps at 1280 px"
    expect(page.locator(".pp-menu")).to_be_hidden()
    page.set_viewport_size(PHONE)
    assert kop.bounding_box()["height"] <= 72, "the header is not a compact bar on a phone"
    expect(page.locator(".pp-menu-breed")).to_be_hidden()


def test_the_phone_menu_opens_without_javascript(
    browser: Any, live_server: Any, demo: None
) -> None:
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="nl-NL")
    try:
        tab = context.new_page()
        log_in_als(tab, live_server, User.objects.get(email="coordinator@example.org"))
        tab.goto(live_server.url + reverse("start"))
        menu = tab.locator(".pp-menu")
        link = menu.get_by_role("link", name="Mijn jongeren")
        expect(link).to_be_hidden()
        menu.get_by_text("Menu").click()
        expect(link).to_be_visible()
        link.click()
        expect(tab.get_by_role("heading", level=1)).to_be_visible()
        assert tab.url.endswith(reverse("jongeren:lijst"))
    finally:
        context.close()


def test_screenshot_pages_render_and_are_saved_when_asked(
    page: Any, live_server: Any, demo: None
) -> None:
    opslaan = os.environ.get("SCHERMAFDRUKKEN") == "1"
    if opslaan:
        SCHERMAFDRUKKEN.mkdir(parents=True, exist_ok=True)
    for naam, (email, pad) in _schermafdruk_paden().items():
        log_in_als(page, live_server, User.objects.get(email=email))
        page.set_viewport_size(DESKTOP)
        _rendert(page, live_server.url + pad)
        _past(page, naam)
        if opslaan:
            page.screenshot(path=str(SCHERMAFDRUKKEN / f"{naam}.png"))
    page.set_viewport_size(PHONE)
    email, pad = _schermafdruk_paden()["jongere"]
    log_in_als(page, live_server, User.objects.get(email=email))
    _rendert(page, live_server.url + pad)
    if opslaan:
        page.screenshot(path=str(SCHERMAFDRUKKEN / "jongere-telefoon.png"))


def test_the_proposal_summary_and_the_data_export_print_without_the_portal_around_them(
    page: Any, live_server: Any, demo: None
) -> None:
    from voorstellen.models import Voorstel

    log_in_als(page, live_server, User.objects.get(email="coordinator@example.org"))
    voorstel = Voorstel.objects.filter(jongere__account__email="jongere@example.org").first()
    assert voorstel is not None
    noor = voorstel.jongere
    page.emulate_media(media="print")
    for pad in (
        reverse("voorstellen:voorstel_afdruk", args=[voorstel.pk]),
        reverse("privacy:gegevens", args=[noor.pk]),
    ):
        _rendert(page, live_server.url + pad)
        expect(page.locator("header.utrecht-page-header")).to_be_hidden()
        expect(page.locator("footer.utrecht-page-footer")).to_be_hidden()
        for formulier in page.locator("main form").all():
            expect(formulier).to_be_hidden()
        kleur = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert kleur in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), kleur
