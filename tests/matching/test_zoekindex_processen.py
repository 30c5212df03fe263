"""Two web servers, one database: a change made through one is in the other's next answer.

Each server is its own gunicorn process with its own copy of the search index, as on two
machines behind a load balancer. Runs on PostgreSQL (the servers and the test share it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from django.test import Client

from accounts.models import Organisatie, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.conftest import vrije_poort
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import PlaatsingFactory, VacatureFactory, VoorzieningFactory
from voorzieningen.models import Vacature

pytestmark = [pytest.mark.postgres]

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _wacht_op(url: str, proces: subprocess.Popen[bytes]) -> None:
    einde = time.monotonic() + 30
    while time.monotonic() < einde:
        if proces.poll() is not None:
            pytest.fail(f"the server at {url} stopped")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as antwoord:  # noqa: S310
                if antwoord.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    pytest.fail(f"the server at {url} did not start")


@pytest.fixture
def twee_servers(database_url: str, transactional_db: None) -> Iterator[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "DATABASE_URL": database_url,
            "DJANGO_PLAIN_HTTP_LOOPBACK": "1",
        }
    )
    processen = []
    urls = []
    try:
        for _ in range(2):
            poort = vrije_poort()
            processen.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "gunicorn",
                        "config.wsgi",
                        "--bind",
                        f"127.0.0.1:{poort}",
                        "--workers",
                        "1",
                        "--no-control-socket",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{poort}")
        for url, proces in zip(urls, processen, strict=True):
            _wacht_op(url, proces)
        yield urls[0], urls[1]
    finally:
        for proces in processen:
            proces.terminate()
            proces.wait(timeout=15)


def _sessie(user: User) -> requests.Session:
    client = Client()
    client.force_login(user)
    sessie = requests.Session()
    sessie.cookies.set("sessionid", client.cookies["sessionid"].value)
    return sessie


def _antwoord(sessie: requests.Session, url: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The search page's answer: eligible homes in order with their score, then the others."""
    pagina = sessie.get(url)
    assert pagina.status_code == 200
    html = pagina.text
    geschikt = re.findall(
        r'<h3><a href="/voorzieningen/(\d+)/">.*?<p class="score"><strong>(\d+)</strong>',
        html,
        re.S,
    )
    niet = re.findall(r'<li><a href="/voorzieningen/(\d+)/">[^<]*</a> \(', html)
    return geschikt, niet


def test_two_web_servers_give_the_same_answer_after_a_change_through_the_other(
    twee_servers: tuple[str, str],
    coordinator: User,
    beheerder: User,
    aanbieder: Organisatie,
) -> None:
    server_a, server_b = twee_servers
    noor: Jongere = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        behoeften=[("rust_structuur", 3)],
    )
    woningen = []
    for nummer in range(4):
        woning = VoorzieningFactory.create(
            aanbieder=aanbieder, naam=f"Huis {nummer}", lat=53.2 + nummer * 0.05, lon=6.5
        )
        PlaatsingFactory.create(voorziening=woning)
        VacatureFactory.create(voorziening=woning)
        woningen.append(woning)
    zoeken = f"/jongeren/{noor.pk}/zoeken/"
    coordinator_sessie = _sessie(coordinator)

    # Both servers have read the homes and ranked them for Noor.
    voor_a = _antwoord(coordinator_sessie, server_a + zoeken)
    assert voor_a == _antwoord(coordinator_sessie, server_b + zoeken)
    assert len(voor_a[0]) == 4 and voor_a[1] == []

    # The manager withdraws the best home's only vacancy, through server A.
    beste = int(voor_a[0][0][0])
    vacature = Vacature.objects.get(voorziening_id=beste)
    intrekken = f"/voorzieningen/{beste}/beheer/vacatures/{vacature.pk}/intrekken/"
    beheerder_sessie = _sessie(beheerder)
    formulier = beheerder_sessie.get(server_a + intrekken)
    assert formulier.status_code == 200
    token = CSRF.search(formulier.text)
    assert token is not None
    gedaan = beheerder_sessie.post(
        server_a + intrekken,
        data={"csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": server_a + intrekken},
    )
    assert gedaan.status_code == 200
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.INGETROKKEN

    # Server B's next answer has it, and it is server A's answer.
    na_b = _antwoord(coordinator_sessie, server_b + zoeken)
    assert str(beste) not in [pk for pk, _score in na_b[0]]
    assert na_b[1] == [str(beste)]
    assert na_b == _antwoord(coordinator_sessie, server_a + zoeken)
