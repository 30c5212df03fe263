"""Simulated users of a whole region for `make loadtest` (locust, headless).

Three kinds of users, each logged in through the real login form (with the second step
when the portal asks for it) on an account of their own:

* coordinators (weight 3) search homes for their youths and change the filters; filter
  changes are htmx requests that only fetch the result list, as in the browser;
* managers (weight 2) look at their dashboard, their homes and the proposals to them;
* youths and parents (weight 1) read their page and the proposals for them.

Ids are taken from the pages themselves (links), never guessed. Only the loopback address
is accepted as host: the load test never sends traffic anywhere else.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pyotp
from locust import HttpUser, between, events, task
from locust.env import Environment

from loadtest.accounts import (
    TOTP_GEHEIM,
    beheerder_email,
    coordinator_email,
    jongere_email,
    ouder_email,
)

DEMO_WACHTWOORD = "passendeplek-demo"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HTMX = {"HX-Request": "true", "HX-Target": "resultaten"}

# One account per simulated user: numbers handed out in turn (locust runs the users of one
# process in one interpreter, so a plain counter is enough).
_coordinatoren: Iterator[int] = itertools.count(1)
_beheerders: Iterator[int] = itertools.count(1)
_gezinnen: Iterator[int] = itertools.count(1)


@events.test_start.add_listener
def alleen_loopback(environment: Environment, **_kwargs: Any) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"loadtest: only 127.0.0.1 is allowed as host, not {environment.host!r}")


def _ids(html: str, patroon: str) -> list[int]:
    return sorted({int(match) for match in re.findall(patroon, html)})


class PortaalGebruiker(HttpUser):
    abstract = True
    wait_time = between(1, 4)

    def login(self, email: str) -> None:
        pagina = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(pagina.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": email,
                "password": DEMO_WACHTWOORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="/accounts/login/ (POST)",
            catch_response=True,
        ) as antwoord:
            if urlsplit(antwoord.url).path == "/accounts/login/code/":
                antwoord.success()
                self._tweede_stap(antwoord.text)
            elif urlsplit(antwoord.url).path.startswith("/accounts/login/"):
                antwoord.failure(f"login refused for {email}")
                raise RuntimeError(f"login refused for {email}")

    def _tweede_stap(self, html: str) -> None:
        token = CSRF.search(html)
        with self.client.post(
            "/accounts/login/code/",
            data={
                "code": pyotp.TOTP(TOTP_GEHEIM).now(),
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="/accounts/login/code/ (POST)",
            catch_response=True,
        ) as antwoord:
            if urlsplit(antwoord.url).path.startswith("/accounts/login/"):
                antwoord.failure("second step refused")

    def pagina(self, url: str, name: str) -> str:
        """GET a page; a bounce to the login page or any error status is a failure."""
        with self.client.get(url, name=name, catch_response=True) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(f"status {antwoord.status_code}")
            elif urlsplit(antwoord.url).path.startswith("/accounts/login/"):
                antwoord.failure("sent back to the login page")
            return antwoord.text or ""


class Coordinator(PortaalGebruiker):
    weight = 3

    def on_start(self) -> None:
        self.login(coordinator_email(next(_coordinatoren)))
        self.jongere_ids: list[int] = []
        self.woning_ids: list[int] = []
        self.voorstel_ids: list[int] = []
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
        if (pk := self.jongere()) is not None:
            html = self.pagina(f"/jongeren/{pk}/zoeken/", "/jongeren/[id]/zoeken/")
            self.woning_ids = _ids(html, r'href="/voorzieningen/(\d+)/"') or self.woning_ids

    @task(6)
    def filter_wijzigen(self) -> None:
        """A filter changed in the form: htmx fetches only the result list."""
        if (pk := self.jongere()) is None:
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
            f"/jongeren/{pk}/zoeken/",
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
    weight = 2

    def on_start(self) -> None:
        self.login(beheerder_email(next(_beheerders)))
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

    weight = 1

    def on_start(self) -> None:
        nummer = next(_gezinnen)
        # Odd: the youth of family n, even: the parent of the family before.
        gezin = (nummer + 1) // 2
        self.login(jongere_email(gezin) if nummer % 2 else ouder_email(gezin))
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
