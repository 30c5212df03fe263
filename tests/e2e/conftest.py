"""A real browser for the end-to-end and accessibility tests.

The system Chromium (Debian's `chromium` package) drives pytest-django's live server; no
browser is ever downloaded. Without /usr/bin/chromium the tests skip with the reason (and
under CI=true a skip is a failure, see tests/conftest.py). When a test fails, a screenshot
and the page's HTML land in test-results/ for the person reading the failure.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.factories import tweede_stap_gedaan

# Playwright's sync API runs an event loop in the test thread; Django would then refuse
# the factories' (synchronous) database calls in that same thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep each phase's report on the test, so the page fixture knows it failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rapport_{report.when}", report)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.e2e.axe import TELLING

    if TELLING["gecontroleerd"]:
        terminalreporter.write_line(
            f"axe-core (WCAG 2.1 A/AA): {TELLING['gecontroleerd']} page states checked, "
            f"{TELLING['fouten']} violations"
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # Screenshots of an earlier run would pass for failures of this one.
    shutil.rmtree(RESULTS, ignore_errors=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


def _bewaar_bij_fout(request: pytest.FixtureRequest, page: Any) -> None:
    rapport = getattr(request.node, "rapport_call", None)
    if rapport is None or not rapport.failed:
        return
    RESULTS.mkdir(exist_ok=True)
    naam = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(RESULTS / f"{naam}.png"), full_page=True)
        (RESULTS / f"{naam}.html").write_text(page.content(), encoding="utf-8")
    except Exception as exc:  # the page may have crashed: say so instead of hiding the failure
        (RESULTS / f"{naam}.txt").write_text(f"no screenshot: {exc}\n", encoding="utf-8")


def _nieuwe_pagina(
    browser: Any, request: pytest.FixtureRequest, viewport: dict[str, int]
) -> Iterator[Any]:
    context = browser.new_context(viewport=viewport, locale="nl-NL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        _bewaar_bij_fout(request, page)
        context.close()


@pytest.fixture
def page(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh desktop browser tab (own cookies) on the live server."""
    yield from _nieuwe_pagina(browser, request, DESKTOP)


@pytest.fixture
def telefoon(browser: Any, live_server: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh tab the size of a phone (390 by 844)."""
    yield from _nieuwe_pagina(browser, request, PHONE)


@pytest.fixture
def tweede_telefoon(
    browser: Any, live_server: Any, request: pytest.FixtureRequest
) -> Iterator[Any]:
    """Another phone, for a second person in the same journey."""
    yield from _nieuwe_pagina(browser, request, PHONE)


@pytest.fixture
def e2e_db(transactional_db: None) -> None:
    """The live server reads the database from another thread: a transactional database.
    Asked for by name so tests/conftest.py puts the starting vocabulary back after a flush."""


def log_in_als(page: Any, live_server: Any, user: User) -> None:
    """Give the browser tab a session of `user` without the login forms (for page sweeps;
    the journeys log in through the forms). Professionals are past the second step, as in
    production."""
    client = Client()
    client.force_login(user)
    if user.is_professional:
        tweede_stap_gedaan(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def tweede_factor(user: User) -> str:
    """Give a professional an authenticator app (a TOTP device) and return its secret in
    base32, as the app would hold it after scanning the QR code."""
    device = TOTPDevice.objects.create(user=user, name="Telefoon", confirmed=True)
    return base64.b32encode(device.bin_key).decode()


def inloggen(page: Any, live_server: Any, email: str, wachtwoord: str, *, geheim: str) -> None:
    """Log in through the forms, as a person does: the password, then the code that the
    authenticator app shows now."""
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(re.escape(reverse("login_code"))))
    page.get_by_label("Code uit je authenticator-app").fill(pyotp.TOTP(geheim).now())
    page.get_by_role("button", name="Controleren").click()
    page.wait_for_url(lambda url: reverse("login_code") not in url)
