"""Housekeeping on a schedule: each job removes only what ran out, logs what it removed,
and removes nothing more when it runs again."""

from __future__ import annotations

import importlib
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery.schedules import crontab
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts import tasks
from accounts.models import ActieveSessie, Drempelteller, User
from config.celery_app import app
from kern.models import UitgesteldeTaak

GOED = "een-goed-wachtwoord"


def test_beat_runs_every_housekeeping_job_with_a_task_that_exists() -> None:
    schema = settings.CELERY_BEAT_SCHEDULE
    verwacht = {
        "anonimiseren": "privacy.tasks.anonimiseer",
        "sessies-opruimen": "accounts.tasks.ruim_sessies_op",
        "inlogpogingen-opruimen": "accounts.tasks.ruim_inlogpogingen_op",
        "uitgestelde-taken-opruimen": "accounts.tasks.ruim_uitgestelde_taken_op",
        "uitgestelde-taken": "accounts.tasks.verstuur_uitgestelde_taken",
        "voorstel-termijnen": "voorstellen.tasks.voorstel_termijnen",
        "groepsbeelden-elke-nacht": "matching.tasks.herbereken_alle_groepsbeelden",
        "zoekindex": "matching.tasks.werk_zoekindex_bij",
        "zoekindex-na-middernacht": "matching.tasks.werk_zoekindex_bij",
        "verdelingen-opruimen": "plaatsingstafel.tasks.ruim_verdelingen_op",
    }
    assert {naam: job["task"] for naam, job in schema.items()} == verwacht
    for job in schema.values():
        module, _, _naam = str(job["task"]).rpartition(".")
        importlib.import_module(module)  # what the worker's autodiscovery imports
        assert job["task"] in app.tasks, job["task"]
    # The daily jobs run at night, once a day.
    for naam in (
        "anonimiseren",
        "sessies-opruimen",
        "uitgestelde-taken-opruimen",
        "verdelingen-opruimen",
        "zoekindex-na-middernacht",
    ):
        nacht = schema[naam]["schedule"]
        assert isinstance(nacht, crontab)
        uren, minuten = nacht.hour, nacht.minute  # type: ignore[attr-defined]
        assert len(uren) == 1 and next(iter(uren)) < 6
        assert len(minuten) == 1


def _sessie(gebruiker: User, *, verlopen: bool) -> str:
    store = SessionStore()
    store["_auth_user_id"] = str(gebruiker.pk)
    store.create()
    assert store.session_key is not None
    if verlopen:
        Session.objects.filter(session_key=store.session_key).update(
            expire_date=timezone.now() - timedelta(minutes=1)
        )
    ActieveSessie.objects.create(gebruiker=gebruiker, sessie_sleutel=store.session_key)
    return store.session_key


def test_expired_sessions_and_their_index_rows_are_cleared_live_ones_kept(
    coordinator: User, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="accounts.tasks")
    oud = _sessie(coordinator, verlopen=True)
    levend = _sessie(coordinator, verlopen=False)
    ActieveSessie.objects.create(gebruiker=coordinator, sessie_sleutel="al-lang-weg")

    assert tasks.ruim_sessies_op.apply().get() == {"sessies": 1, "index": 2}
    assert list(Session.objects.values_list("session_key", flat=True)) == [levend]
    assert list(ActieveSessie.objects.values_list("sessie_sleutel", flat=True)) == [levend]
    assert not Session.objects.filter(session_key=oud).exists()
    assert tasks.ruim_sessies_op.apply().get() == {"sessies": 0, "index": 0}
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.tasks"] == [
        "sessions cleared: 1 expired sessions, 2 index rows",
        "sessions cleared: 0 expired sessions, 0 index rows",
    ]


def _inloggen(email: str, wachtwoord: str, *, client: str, proxy: str = "10.0.0.1") -> int:
    """A login through a reverse proxy at `proxy` for the client at `client`."""
    response = Client().post(
        reverse("login"),
        {"username": email, "password": wachtwoord},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=client,
    )
    return response.status_code


def test_lock_outs_are_cleared_after_their_cool_off_and_login_records_after_the_retention(
    coordinator: User, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="accounts.tasks")
    for _ in range(5):
        _inloggen(coordinator.email, "fout", client="198.51.100.7")
    assert _inloggen(coordinator.email, GOED, client="198.51.100.7") == 429
    assert tasks.ruim_inlogpogingen_op.apply().get() == {
        "pogingen": 0,
        "inlogregels": 0,
        "foutregels": 0,
        "drempels": 0,
    }
    # The lock-out is still running: clearing must not lift it.
    assert _inloggen(coordinator.email, GOED, client="198.51.100.7") == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    # The count of this client's wrong passwords (accounts.drempel), its window over.
    assert Drempelteller.objects.count() == 1
    Drempelteller.objects.update(venster_begin=F("venster_begin") - settings.AXES_COOLOFF_TIME)
    oud = timezone.now() - timedelta(days=settings.BEWAARTERMIJN_INLOGLOG_DAGEN + 1)
    for tijd in (oud, timezone.now()):
        regel = AccessLog.objects.create(username=coordinator.email, ip_address="198.51.100.8")
        AccessLog.objects.filter(pk=regel.pk).update(attempt_time=tijd)
        fout = AccessFailureLog.objects.create(username="x@example.org", ip_address="198.51.100.9")
        AccessFailureLog.objects.filter(pk=fout.pk).update(attempt_time=tijd)
    voor = AccessLog.objects.count()

    assert tasks.ruim_inlogpogingen_op.apply().get() == {
        "pogingen": 1,
        "inlogregels": 1,
        "foutregels": 1,
        "drempels": 1,
    }
    assert not AccessAttempt.objects.exists()
    assert AccessLog.objects.count() == voor - 1
    assert AccessFailureLog.objects.count() == 1
    assert tasks.ruim_inlogpogingen_op.apply().get() == {
        "pogingen": 0,
        "inlogregels": 0,
        "foutregels": 0,
        "drempels": 0,
    }
    regels = [r.getMessage() for r in caplog.records if r.name == "accounts.tasks"]
    assert regels[1] == (
        "login records cleared: 1 expired lock-out counts, 1 throttle counts, 1 login and "
        "1 failure records "
        f"older than {settings.BEWAARTERMIJN_INLOGLOG_DAGEN} days"
    )
    assert _inloggen(coordinator.email, GOED, client="198.51.100.7") == 302


def test_behind_a_configured_proxy_one_clients_wrong_passwords_do_not_lock_out_another(
    coordinator: User, settings: Settings
) -> None:
    settings.INZAGE_VERTROUWDE_PROXIES = 1
    for _ in range(5):
        _inloggen(coordinator.email, "fout", client="198.51.100.66")
    assert _inloggen(coordinator.email, GOED, client="198.51.100.66") == 429
    # The real person, elsewhere, behind the same proxy.
    assert _inloggen(coordinator.email, GOED, client="203.0.113.5") == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}


def test_without_a_configured_proxy_the_forwarded_address_is_not_believed(
    coordinator: User, settings: Settings
) -> None:
    settings.INZAGE_VERTROUWDE_PROXIES = 0
    # A client that makes up a new X-Forwarded-For for every try is still one client.
    for nummer in range(5):
        _inloggen(coordinator.email, "fout", client=f"192.0.2.{nummer}", proxy="203.0.113.9")
    assert _inloggen(coordinator.email, GOED, client="192.0.2.99", proxy="203.0.113.9") == 429


def test_failed_tasks_are_cleared_after_the_retention_waiting_ones_never(
    db: None, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="accounts.tasks")
    lang_geleden = timezone.now() - timedelta(days=settings.BEWAARTERMIJN_MISLUKT_DAGEN + 1)
    mislukt = UitgesteldeTaak.Status.MISLUKT
    oud = UitgesteldeTaak.objects.create(
        taak="t.oud", status=mislukt, laatste_poging_op=lang_geleden
    )
    recent = UitgesteldeTaak.objects.create(
        taak="t.recent", status=mislukt, laatste_poging_op=timezone.now()
    )
    wacht = UitgesteldeTaak.objects.create(taak="t.wacht", laatste_poging_op=lang_geleden)

    assert tasks.ruim_uitgestelde_taken_op.apply().get() == 1
    assert set(UitgesteldeTaak.objects.values_list("pk", flat=True)) == {recent.pk, wacht.pk}
    assert not UitgesteldeTaak.objects.filter(pk=oud.pk).exists()
    assert tasks.ruim_uitgestelde_taken_op.apply().get() == 0
    assert [r.getMessage() for r in caplog.records if r.name == "accounts.tasks"] == [
        f"outbox cleared: 1 failed tasks older than {settings.BEWAARTERMIJN_MISLUKT_DAGEN} days",
        f"outbox cleared: 0 failed tasks older than {settings.BEWAARTERMIJN_MISLUKT_DAGEN} days",
    ]


def test_without_beat_one_command_runs_the_nightly_jobs(db: None) -> None:
    from io import StringIO

    from django.core.management import call_command

    lang_geleden = timezone.now() - timedelta(days=settings.BEWAARTERMIJN_MISLUKT_DAGEN + 1)
    UitgesteldeTaak.objects.create(
        taak="t.oud", status=UitgesteldeTaak.Status.MISLUKT, laatste_poging_op=lang_geleden
    )
    uit = StringIO()
    call_command("onderhoud", stdout=uit)
    regels = uit.getvalue().splitlines()
    assert regels[0].startswith("anonimiseer: 0 jongere(n) geanonimiseerd (bewaartermijn 2 jaar")
    assert regels[1:] == [
        "sessies: 0 verlopen, 0 indexregels verwijderd",
        "inlogpogingen: 0 verlopen tellingen, 0 inlogregels en 0 foutregels verwijderd",
        "mislukte taken: 1 verwijderd",
        "verdelingen: 0 verwijderd",
        "zoekindex: 0 woningen bijgewerkt",
    ]
    assert not UitgesteldeTaak.objects.exists()
