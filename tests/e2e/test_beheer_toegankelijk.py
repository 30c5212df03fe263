"""The admin site meets WCAG 2.1 A/AA too: its index, every list, every "add" page and the
first record's page of each list, on the demo data, checked with axe-core in Chromium.

Django's own widgets that draw their controls in the browser (the search-as-you-type
pickers, the two-list pickers) get their names from static/js/beheer-toegankelijk.js; the
fields editable inside a list get theirs from the admin classes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from tests.e2e.axe import fouten
from tests.e2e.conftest import log_in_als


@pytest.fixture
def demo(e2e_db: None) -> None:
    call_command("seed_demo", "--force", verbosity=0)


def _bekijk(page: Any, live_server: Any, pad: str) -> list[str]:
    antwoord = page.goto(live_server.url + pad)
    assert antwoord is not None and antwoord.status == 200, f"{pad}: {antwoord and antwoord.status}"
    page.wait_for_load_state("load")
    return fouten(page, pad)


def test_every_admin_list_add_and_change_page_passes_axe(
    page: Any, live_server: Any, demo: None
) -> None:
    beheerder = User.objects.get(email="admin@example.org")
    log_in_als(page, live_server, beheerder)
    index = reverse("admin:index")
    gevonden = _bekijk(page, live_server, index)
    lijsten = sorted(
        set(
            page.eval_on_selector_all(
                "#content-main a", "els => els.map(e => e.getAttribute('href'))"
            )
        )
    )
    assert any(pad.endswith("/add/") for pad in lijsten), "the index links to add pages"
    bekeken = 1
    for pad in lijsten:
        gevonden += _bekijk(page, live_server, pad)
        bekeken += 1
        if pad.endswith("/add/"):
            continue
        eerste = page.eval_on_selector_all(
            "#result_list tbody th a", "els => els.slice(0, 1).map(e => e.getAttribute('href'))"
        )
        if eerste:
            page.goto(live_server.url + eerste[0])
            page.wait_for_load_state("load")
            gevonden += fouten(page, eerste[0])
            bekeken += 1
    assert bekeken > 20
    assert not gevonden, "\n".join(gevonden)
