"""Simulated users of a whole region for `make loadtest` (locust, headless).

Three kinds of users, each logged in through the real login form (with the second step
when the portal asks for it) on an account of their own. `make loadtest` logs them in
before the measured minute (LOADTEST_SESSIES: a login costs a deliberately slow password
hash, and people log in once a day, not thirty at once); run by hand, each user logs in
at its start:

* coordinators (weight 3) search homes for their youths and change the filters; filter
  changes are htmx requests that only fetch the result list, as in the browser;
* managers (weight 2) look at their dashboard, their homes and the proposals to them;
* youths and parents (weight 1) read their page and the proposals for them.

Ids are taken from the pages themselves (links), never guessed. Only the loopback address
is accepted as host: the load test never sends traffic anywhere else.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task
from locust.env import Environment
from locust.exception import StopUser

from demo.schaalgebruikers import GEWICHTEN, email_voor
from loadtest.inloggen import InlogFout, log_in
from loadtest.samenvatting import samenvatting

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
HTMX = {"HX-Request": "true", "HX-Target": "resultaten"}

# One account per simulated user: numbers handed out in turn per kind (locust runs the users
# of one process in one interpreter, so a plain counter is enough).
_nummers: dict[str, Iterator[int]] = {soort: itertools.count(1) for soort in GEWICHTEN}


def _sessies() -> dict[str, dict[str, str]]:
    """Session cookies of the warm-up of `make loadtest` (LOADTEST_SESSIES), by e-mail."""
    pad = os.environ.get("LOADTEST_SESSIES")
    return json.loads(Path(pad).read_text(encoding="utf-8")) if pad else {}


SESSIES = _sessies()


@events.test_start.add_listener
def alleen_loopback(environment: Environment, **_kwargs: Any) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"loadtest: only 127.0.0.1 is allowed as host, not {environment.host!r}")


@events.quitting.add_listener
def schrijf_samenvatting(environment: Environment, **_kwargs: Any) -> None:
    """The totals for the last line of `make loadtest` (LOADTEST_SAMENVATTING)."""
    pad = os.environ.get("LOADTEST_SAMENVATTING")
    if pad and environment.runner is not None:
        users = environment.parsed_options.num_users if environment.parsed_options else 0
        cijfers = samenvatting(environment.runner.stats.total, users)
        Path(pad).write_text(json.dumps(cijfers), encoding="utf-8")


def _ids(html: str, patroon: str) -> list[int]:
    return sorted({int(match) for match in re.findall(patroon, html)})


class PortaalGebruiker(HttpUser):
    abstract = True
    soort = ""
    wait_time = between(1, 4)

    def on_start(self) -> None:
        email = email_voor(self.soort, next(_nummers[self.soort]))
        if email in SESSIES:
            # Logged in by the warm-up, through the same form: reuse that session.
            self.client.cookies.update(SESSIES[email])
            return
        start = time.perf_counter()
        try:
            log_in(self.client, "", email)
        except InlogFout as fout:
            events.request.fire(
                request_type="LOGIN",
                name="login",
                response_time=(time.perf_counter() - start) * 1000,
                response_length=0,
                exception=fout,
                context={},
            )
            raise StopUser from fout

    def pagina(self, url: str, name: str) -> str:
        """GET a page; a bounce to the login page or any error status is a failure."""
        with self.client.get(url, name=name, catch_response=True) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(f"status {antwoord.status_code}")
            elif urlsplit(antwoord.url).path.startswith("/accounts/login/"):
                antwoord.failure("sent back to the login page")
            return antwoord.text or ""


class Coordinator(PortaalGebruiker):
    soort = "coordinator"
    weight = GEWICHTEN[soort]

    def on_start(self) -> None:
        super().on_start()
        self.jongere_ids: list[int] = []
        self.woning_ids: list[int] = []
        self.voorstel_ids: list[int] = []
        self.gezocht: int | None = None
        self.lijst()

    def jongere(self) -> int | None:
        return random.choice(self.jongere_ids) if self.jongere_ids else None

    @task(2)
    def lijst(self) -> None:
        html = self.pagina("/jongeren/", "/jongeren/")
        self.jongere_ids = _ids(html, r'href="/jongeren/(\d+)/"') or self.jongere_ids

    @task(1)
    def jongere_bekijken(self) -> None:
        if (pk := self.jongere()) is not None:
            self.pagina(f"/jongeren/{pk}/", "/jongeren/[id]/")

    @task(3)
    def zoeken(self) -> None:
        """Open the search page of a youth: the filter changes that follow are for them."""
        self.gezocht = self.jongere()
        if self.gezocht is not None:
            html = self.pagina(f"/jongeren/{self.gezocht}/zoeken/", "/jongeren/[id]/zoeken/")
            self.woning_ids = _ids(html, r'href="/voorzieningen/(\d+)/"') or self.woning_ids

    @task(6)
    def filter_wijzigen(self) -> None:
        """A filter changed on the search page: htmx fetches only the result list."""
        if self.gezocht is None:
            self.zoeken()
            return
        filters = {
            "max_afstand_km": random.choice(["", "25", "50", "100"]),
            "gesloten": random.choice(["", "open", "gesloten"]),
            "omgeving": random.choice(["", "woonwijk", "instellingsterrein"]),
            "opent_binnenkort": random.choice(["ja", "nee"]),
        }
        if random.random() < 0.2:
            filters["pagina"] = "2"
        with self.client.get(
            f"/jongeren/{self.gezocht}/zoeken/",
            params=filters,
            headers=HTMX,
            name="/jongeren/[id]/zoeken/?filters (htmx)",
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code != 200 or 'id="resultaten"' not in antwoord.text:
                antwoord.failure(f"status {antwoord.status_code}, no result list")

    @task(1)
    def woningen_overzicht(self) -> None:
        html = self.pagina("/voorzieningen/overzicht/", "/voorzieningen/overzicht/")
        self.woning_ids = _ids(html, r'href="/voorzieningen/(\d+)/"') or self.woning_ids

    @task(2)
    def woningen_filteren(self) -> None:
        filters = {
            "provincie": random.choice(["", "Groningen", "Friesland", "Drenthe"]),
            "plaats": random.choice(["", "", "Assen", "Leeuwarden", "Groningen", "Emmen"]),
            "omgeving": random.choice(["", "woonwijk"]),
            "vrij": random.choice(["", "on"]),
        }
        if random.random() < 0.2:
            filters["pagina"] = "2"
        with self.client.get(
            "/voorzieningen/overzicht/",
            params=filters,
            headers=HTMX,
            name="/voorzieningen/overzicht/?filters (htmx)",
            catch_response=True,
        ) as antwoord:
            if antwoord.status_code != 200 or 'id="resultaten"' not in antwoord.text:
                antwoord.failure(f"status {antwoord.status_code}, no result list")

    @task(2)
    def woning_bekijken(self) -> None:
        if self.woning_ids:
            pk = random.choice(self.woning_ids)
            self.pagina(f"/voorzieningen/{pk}/", "/voorzieningen/[id]/")

    @task(1)
    def voorstellen(self) -> None:
        html = self.pagina("/voorstellen/", "/voorstellen/")
        self.voorstel_ids = _ids(html, r'href="/voorstellen/(\d+)/"') or self.voorstel_ids
        if self.voorstel_ids:
            pk = random.choice(self.voorstel_ids)
            self.pagina(f"/voorstellen/{pk}/", "/voorstellen/[id]/")


class Beheerder(PortaalGebruiker):
    soort = "beheerder"
    weight = GEWICHTEN[soort]

    def on_start(self) -> None:
        super().on_start()
        self.woning_ids: list[int] = []
        self.voorstel_ids: list[int] = []
        self.dashboard()

    @task(4)
    def dashboard(self) -> None:
        html = self.pagina("/voorzieningen/", "/voorzieningen/")
        self.woning_ids = _ids(html, r'href="/voorzieningen/(\d+)/beheer/"') or self.woning_ids

    @task(1)
    def dashboard_volgende(self) -> None:
        self.pagina("/voorzieningen/?pagina=2", "/voorzieningen/?pagina=2")

    @task(3)
    def woning(self) -> None:
        if self.woning_ids:
            pk = random.choice(self.woning_ids)
            self.pagina(f"/voorzieningen/{pk}/beheer/", "/voorzieningen/[id]/beheer/")

    @task(1)
    def team(self) -> None:
        if self.woning_ids:
            pk = random.choice(self.woning_ids)
            self.pagina(f"/voorzieningen/{pk}/beheer/team/", "/voorzieningen/[id]/beheer/team/")

    @task(1)
    def bewoners(self) -> None:
        if self.woning_ids:
            pk = random.choice(self.woning_ids)
            self.pagina(
                f"/voorzieningen/{pk}/beheer/bewoners/", "/voorzieningen/[id]/beheer/bewoners/"
            )

    @task(2)
    def voorstellen(self) -> None:
        html = self.pagina("/voorstellen/", "/voorstellen/")
        self.voorstel_ids = _ids(html, r'href="/voorstellen/(\d+)/"') or self.voorstel_ids

    @task(2)
    def voorstel(self) -> None:
        if self.voorstel_ids:
            pk = random.choice(self.voorstel_ids)
            self.pagina(f"/voorstellen/{pk}/", "/voorstellen/[id]/")

    @task(1)
    def meldingen(self) -> None:
        self.pagina("/meldingen/", "/meldingen/")


class Gezin(PortaalGebruiker):
    """A youth or a parent (in turn) reading the proposals for them."""

    soort = "gezin"
    weight = GEWICHTEN[soort]

    def on_start(self) -> None:
        super().on_start()
        self.kind_ids: list[int] = []
        self.voorstel_ids: list[int] = []
        self.mijn()

    @task(2)
    def mijn(self) -> None:
        html = self.pagina("/mijn/", "/mijn/")
        self.kind_ids = _ids(html, r'href="/mijn/(\d+)/') or self.kind_ids

    @task(1)
    def veranderingen(self) -> None:
        if self.kind_ids:
            pk = random.choice(self.kind_ids)
            self.pagina(f"/mijn/{pk}/veranderingen/", "/mijn/[id]/veranderingen/")

    @task(3)
    def voorstellen(self) -> None:
        html = self.pagina("/mijn/voorstellen/", "/mijn/voorstellen/")
        self.voorstel_ids = _ids(html, r'href="/voorstellen/(\d+)/"') or self.voorstel_ids

    @task(4)
    def voorstel(self) -> None:
        if self.voorstel_ids:
            pk = random.choice(self.voorstel_ids)
            self.pagina(f"/voorstellen/{pk}/", "/voorstellen/[id]/")
