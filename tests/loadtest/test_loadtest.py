"""The cheap parts of `make loadtest`: the scaled demo data, the refusal of SQLite, the
one-line summary and the loopback-only HTTP switch. The load test itself is a benchmark
(`make loadtest`), not part of the suite."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from accounts.models import Organisatie, Rol, User
from demo.schaalgebruikers import beheerder_email, coordinator_email, jongere_email, ouder_email
from jongeren.models import Jongere
from loadtest.run import database_fout, main
from loadtest.samenvatting import samenvatting
from voorstellen.models import Voorstel, VoorstelStatus
from voorzieningen.models import Voorziening

ROOT = Path(__file__).resolve().parents[2]


def _aantallen() -> tuple[int, int, int, int]:
    return (
        Voorziening.objects.count(),
        Jongere.objects.count(),
        Voorstel.objects.count(),
        User.objects.count(),
    )


@pytest.mark.django_db
def test_scaled_demo_has_the_asked_numbers_and_a_second_run_adds_nothing(
    settings: Settings,
) -> None:
    settings.DEBUG = True
    call_command("seed_demo_schaal", woningen=60, jongeren=40, verbosity=0)
    eerste = _aantallen()
    assert eerste[:2] == (60, 40)

    call_command("seed_demo_schaal", woningen=60, jongeren=40, verbosity=0)
    assert _aantallen() == eerste


@pytest.mark.django_db
def test_scaled_demo_is_realistic_for_every_simulated_user(settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo_schaal", woningen=60, jongeren=40, verbosity=0)

    # Homes of the generated providers have a team, residents and vacancies.
    gegenereerd = Voorziening.objects.exclude(aanbieder__naam__in=_demo_aanbieders())
    assert gegenereerd.count() == 60 - 26
    assert all(woning.teamleden.exists() for woning in gegenereerd)
    assert gegenereerd.filter(plaatsingen__einde__isnull=True).distinct().count() > 20
    assert gegenereerd.filter(vacatures__isnull=False).distinct().count() > 5
    # Every youth has an analysis; proposals exist in several states.
    assert not Jongere.objects.filter(analyses__isnull=True).exclude(roepnaam="Wessel").exists()
    statussen = set(Voorstel.objects.values_list("status", flat=True))
    assert {VoorstelStatus.VERSTUURD, VoorstelStatus.INTERESSE} <= statussen
    assert len(statussen) >= 4

    # Each simulated professional has an account of their own, with the demo password.
    for nummer in range(1, 31):
        coordinator = User.objects.get(email=coordinator_email(nummer))
        assert coordinator.rol == Rol.COORDINATOR
        assert coordinator.check_password("passendeplek-demo")
    for nummer in range(1, 41):
        assert User.objects.get(email=beheerder_email(nummer)).rol == Rol.BEHEERDER
    # Each professional has the demo authenticator the simulated users compute codes from.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.accounts import DEMO_TOTP_GEHEIM
    from demo.schaalgebruikers import TOTP_GEHEIM

    assert TOTP_GEHEIM == DEMO_TOTP_GEHEIM
    assert TOTPDevice.objects.filter(user__email__endswith="@schaal.example.org").count() == 70
    # Family 1 is a youth and a parent with a sent proposal to read.
    jongere = Jongere.objects.get(account__email=jongere_email(1))
    assert jongere.ouders.filter(email=ouder_email(1)).exists()
    assert jongere.voorstellen.exclude(verstuurd_op=None).exists()
    # Coordinators of a municipality see that municipality's youths.
    coordinator = User.objects.get(email=coordinator_email(1))
    assert Jongere.objects.for_user(coordinator).count() >= 2


def test_every_coordinator_gets_youths_at_every_stage_at_full_scale() -> None:
    from demo.management.commands.seed_demo_schaal import coordinator_van, fase

    stadia: dict[int, set[str]] = {}
    for nummer in range(500 - 14):
        stadia.setdefault(coordinator_van(nummer), set()).add(fase(nummer))
    assert sorted(stadia) == list(range(1, 31))
    assert all(gezien == {"analyse", "zoeken", "voorstel"} for gezien in stadia.values())


def _demo_aanbieders() -> list[str]:
    from demo.voorzieningen import WONINGEN

    return sorted({woning.aanbieder for woning in WONINGEN})


@pytest.mark.django_db
def test_scaled_demo_refuses_without_debug(settings: Settings) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("seed_demo_schaal", woningen=30, jongeren=20, verbosity=0)
    assert not Organisatie.objects.exists()


@pytest.mark.parametrize("url", ["", "sqlite:///db.sqlite3", "sqlite:////tmp/x.db"])
def test_loadtest_refuses_sqlite_with_a_clear_message(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([], environ={"DATABASE_URL": url}) == 2
    fout = capsys.readouterr().err
    assert "PostgreSQL" in fout
    assert "SQLite" in fout


def test_make_loadtest_on_sqlite_stops_before_touching_anything() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "loadtest.run"],
        cwd=ROOT,
        env={**env, "DATABASE_URL": "sqlite:///loadtest-should-not-exist.sqlite3"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "refuses SQLite" in result.stderr
    assert not (ROOT / "loadtest-should-not-exist.sqlite3").exists()


def test_postgres_urls_are_accepted() -> None:
    assert database_fout("postgres://postgres@127.0.0.1:5432/passendeplek_load") is None
    assert database_fout("postgresql://u:p@db/x") is None
    assert database_fout("mysql://u@db/x") is not None


@dataclass
class Totaal:
    """Locust's aggregated statistics as the summary reads them (importing locust here would
    monkey-patch the whole test run with gevent)."""

    num_requests: int
    num_failures: int
    tijden: list[float]

    def get_response_time_percentile(self, percent: float) -> float:
        return sorted(self.tijden)[int(percent * len(self.tijden)) - 1]


def test_summary_has_the_totals_of_the_whole_run() -> None:
    totaal = Totaal(
        num_requests=100, num_failures=1, tijden=[float(ms) for ms in range(10, 1010, 10)]
    )
    cijfers = samenvatting(totaal, users=30)
    assert cijfers == {
        "users": 30,
        "requests": 100,
        "failures": 1,
        "p50_ms": 500,
        "p95_ms": 950,
        "p99_ms": 990,
    }
    assert json.loads(json.dumps(cijfers)) == cijfers


def test_summary_rounds_fractional_milliseconds() -> None:
    cijfers = samenvatting(Totaal(3, 0, [0.25, 12.345, 480.04]), users=30)
    assert (cijfers["p50_ms"], cijfers["p99_ms"]) == (0.2, 12.3)


def _instellingen(**extra: str) -> dict[str, object]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "PORTAL_URL": "https://127.0.0.1",
        "TASKS_IN_PROCESS": "1",
        **extra,
    }
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({n: getattr(s, n) for n in ['SECURE_SSL_REDIRECT', "
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(json.loads(result.stdout))


def test_production_stays_https_only_unless_plain_http_is_asked_for() -> None:
    assert _instellingen() == {
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SECURE_HSTS_SECONDS": 60 * 60 * 24 * 365,
    }
    assert _instellingen(DJANGO_PLAIN_HTTP_LOOPBACK="1") == {
        "SECURE_SSL_REDIRECT": False,
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_HSTS_SECONDS": 0,
    }


@pytest.mark.django_db
def test_a_simulated_professional_logs_in_through_both_steps(
    settings: Settings, live_server: Any
) -> None:
    """The load test's login against the real portal: password form, then the TOTP code."""
    import requests

    from loadtest.inloggen import log_in

    settings.DEBUG = True
    settings.TWEESTAPS_VERPLICHT = True
    call_command("seed_demo_schaal", woningen=30, jongeren=20, verbosity=0)
    settings.DEBUG = False
    # Plain HTTP to the live server, as DJANGO_PLAIN_HTTP_LOOPBACK gives the load test.
    settings.CSRF_COOKIE_SECURE = settings.SESSION_COOKIE_SECURE = False
    with requests.Session() as sessie:
        log_in(sessie, live_server.url, coordinator_email(1))
        antwoord = sessie.get(live_server.url + "/jongeren/")
    assert antwoord.status_code == 200
    assert urlsplit(antwoord.url).path == "/jongeren/"


def test_the_second_step_code_follows_rfc_6238() -> None:
    from loadtest.inloggen import totp

    # RFC 6238, appendix B (SHA-1, secret "12345678901234567890"), last six digits.
    geheim = base64.b32encode(b"12345678901234567890").decode()
    assert totp(geheim, moment=59) == "287082"
    assert totp(geheim, moment=1111111109) == "081804"
    assert totp(geheim, moment=20000000000) == "353130"


@pytest.mark.django_db
def test_scaled_demo_gives_every_simulated_user_of_a_bigger_load_test_an_account(
    settings: Settings,
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.schaalgebruikers import verdeling

    settings.DEBUG = True
    call_command("seed_demo_schaal", woningen=30, jongeren=40, gebruikers=70, verbosity=0)
    nodig = verdeling(70)
    assert nodig["coordinator"] > 30
    for nummer in range(1, nodig["coordinator"] + 1):
        coordinator = User.objects.get(email=coordinator_email(nummer))
        assert coordinator.check_password("passendeplek-demo")
        assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
        assert Jongere.objects.for_user(coordinator).exists()
    for nummer in range(1, nodig["beheerder"] + 1):
        assert User.objects.get(email=beheerder_email(nummer)).rol == Rol.BEHEERDER
    for nummer in range(1, (nodig["gezin"] + 1) // 2 + 1):
        assert Jongere.objects.filter(account__email=jongere_email(nummer)).exists()
    # The first thirty keep their municipality: five per municipality, in order.
    eerste = User.objects.get(email=coordinator_email(6)).organisatie
    assert eerste is not None and eerste.naam == "Gemeente Leeuwarden — Jeugdteam"


@pytest.mark.django_db
def test_scaled_demo_says_when_the_youths_are_too_few_for_the_families_asked(
    settings: Settings,
) -> None:
    settings.DEBUG = True
    with pytest.raises(CommandError, match="geef meer --jongeren"):
        call_command("seed_demo_schaal", woningen=30, jongeren=20, gebruikers=100, verbosity=0)
    assert not Voorziening.objects.exists()


def test_static_files_are_collected_again_only_when_a_source_changed(tmp_path: Path) -> None:
    from loadtest.run import static_actueel

    (tmp_path / "static" / "css").mkdir(parents=True)
    bron = tmp_path / "static" / "css" / "site.css"
    bron.write_text("body {}")
    (tmp_path / "requirements.txt").write_text("django==6.1\n")
    assert not static_actueel(tmp_path)  # never collected
    (tmp_path / "staticfiles").mkdir()
    manifest = tmp_path / "staticfiles" / "staticfiles.json"
    manifest.write_text("{}")
    os.utime(manifest, (2_000_000_000, 2_000_000_000))
    os.utime(bron, (1_000_000_000, 1_000_000_000))
    os.utime(tmp_path / "requirements.txt", (1_000_000_000, 1_000_000_000))
    assert static_actueel(tmp_path)
    os.utime(bron, (2_000_000_100, 2_000_000_100))  # the stylesheet changed since
    assert not static_actueel(tmp_path)


def test_the_cpu_of_the_web_processes_is_read_from_the_process_tree() -> None:
    from loadtest.run import cpu_seconden

    voor = cpu_seconden(os.getpid())
    if voor is None:
        pytest.skip("no /proc on this system")
    einde = time.process_time() + 0.2
    while time.process_time() < einde:
        pass
    na = cpu_seconden(os.getpid())
    assert na is not None and na - voor >= 0.15
    assert cpu_seconden(2**22 + 17) is None  # no such process
