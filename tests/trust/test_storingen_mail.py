"""Mail is not lost: against a real SMTP server on a local port that times out, answers
4xx, drops the connection or refuses for good, every mail (the password reset included)
goes through the outbox, is tried again on what may pass, a bounded number of times, and
what fails for good is kept as "mislukt" where an admin sees it and can send it again."""

from __future__ import annotations

import json
import smtplib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import send_mail
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.mail import beschrijving, tijdelijk
from accounts.models import User
from kern.models import UitgesteldeTaak
from tests.trust.smtp import LATER, NIET_BESCHIKBAAR, OK, ONBEKEND, STIL, WEG, smtp_server
from tests.trust.storingen import Ploeg, ploeg, wacht_tot

Capture = Callable[..., Any]
SMTP = "django.core.mail.backends.smtp.EmailBackend"


def _via_smtp(settings: Settings, poort: int) -> None:
    settings.MAILERS = {
        "default": {"BACKEND": SMTP, "OPTIONS": {"host": "127.0.0.1", "port": poort, "timeout": 1}}
    }


@pytest.mark.parametrize(
    ("gedrag", "fout", "tijdelijk_verwacht"),
    [
        (STIL, smtplib.SMTPServerDisconnected, True),  # the client's timeout
        (NIET_BESCHIKBAAR, smtplib.SMTPConnectError, True),
        (LATER, smtplib.SMTPSenderRefused, True),
        (WEG, smtplib.SMTPServerDisconnected, True),
        (ONBEKEND, smtplib.SMTPRecipientsRefused, False),
    ],
)
def test_each_smtp_failure_is_known_as_passing_or_not(
    settings: Settings, gedrag: str, fout: type[Exception], tijdelijk_verwacht: bool
) -> None:
    with smtp_server(gedrag) as server:
        _via_smtp(settings, server.poort)
        with pytest.raises(fout) as info:
            send_mail("Onderwerp", "Tekst", None, ["sanne@example.org"])
    assert tijdelijk(info.value) is tijdelijk_verwacht
    # What the admin and the log get: the kind and the server's answer, no address.
    assert "sanne@example.org" not in beschrijving(info.value)
    assert beschrijving(info.value).startswith(fout.__name__)


def test_a_refused_connection_and_a_lost_database_may_pass_a_bad_configuration_not() -> None:
    from django.db import OperationalError

    assert tijdelijk(ConnectionRefusedError(111, "Connection refused"))
    assert tijdelijk(OperationalError("server closed the connection unexpectedly"))
    assert not tijdelijk(smtplib.SMTPNotSupportedError("STARTTLS extension not supported"))
    assert not tijdelijk(smtplib.SMTPAuthenticationError(535, b"5.7.8 bad credentials"))


def test_the_reset_mail_waits_in_the_outbox_holding_only_the_users_id(
    client: Client, coordinator: User
) -> None:
    antwoord = client.post(reverse("password_reset"), {"email": coordinator.email})
    assert antwoord.status_code == 302
    rij = UitgesteldeTaak.objects.get()
    # No link or token in the database or the queue: the worker makes the link.
    assert (rij.taak, rij.argumenten) == (
        "accounts.tasks.mail_wachtwoord_herstel",
        [coordinator.pk, "nl"],
    )
    assert rij.request_id == antwoord["X-Request-ID"]


def test_in_process_a_failed_mail_is_kept_as_failed_and_an_admin_sends_it_again(
    client: Client,
    coordinator: User,
    admin_user: User,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with smtp_server(LATER) as server:
        _via_smtp(settings, server.poort)
        with django_capture_on_commit_callbacks(execute=True):
            antwoord = client.post(reverse("password_reset"), {"email": coordinator.email})
        # The visitor sees the usual page: the failure is the operator's to handle.
        assert antwoord.status_code == 302
        assert server.ontvangen == []
        rij = UitgesteldeTaak.objects.get()
        assert (rij.status, rij.pogingen) == (UitgesteldeTaak.Status.MISLUKT, 1)
        assert rij.laatste_fout == (
            "SMTPSenderRefused: 451 4.3.0 Temporary failure, try again later"
        )

        beheer = Client()
        beheer.force_login(admin_user)
        lijst = reverse("admin:kern_uitgesteldetaak_changelist")
        pagina = beheer.get(lijst, {"status__exact": "mislukt"})
        assert pagina.status_code == 200
        assert "mislukt, niet meer geprobeerd" in pagina.content.decode()
        assert "accounts.tasks.mail_wachtwoord_herstel" in pagina.content.decode()
        # The server accepts again: the admin sends it.
        with django_capture_on_commit_callbacks(execute=True):
            klaar = beheer.post(
                lijst, {"action": "nu_versturen", "_selected_action": [rij.pk]}, follow=True
            )
        assert "1 taken verstuurd." in klaar.content.decode()
    assert server.verbindingen == [LATER, OK]
    (mail,) = server.ontvangen
    assert mail.ontvangers == [coordinator.email]
    assert "https://testserver/accounts/nieuw-wachtwoord/" in mail.bericht.get_payload()
    assert not UitgesteldeTaak.objects.exists()


# --- With a real worker -----------------------------------------------------------------


@pytest.fixture
def mailwerkers(
    requires_postgres: None, redis_url: str, transactional_db: None, tmp_path: Path
) -> Iterator[Ploeg]:
    with ploeg(redis_url, tmp_path) as werkers:
        yield werkers


def _werker(werkers: Ploeg, poort: int, **extra: str) -> None:
    werkers.werker(
        DJANGO_EMAIL_BACKEND=SMTP,
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(poort),
        DJANGO_EMAIL_TIMEOUT="1",
        MAIL_HERKANSING_SECONDEN="0",
        DJANGO_LOG_FORMAT="json",
        **extra,
    ).start()


def _log(werkers: Ploeg) -> list[dict[str, Any]]:
    regels = []
    for regel in werkers.gemaakt[0].uitvoer().splitlines():
        if regel.startswith("{"):
            regels.append(json.loads(regel))
    return regels


@pytest.mark.postgres
@pytest.mark.redis
def test_a_mail_is_tried_again_after_a_timeout_and_a_451_until_the_server_accepts_it(
    mailwerkers: Ploeg, coordinator: User
) -> None:
    with smtp_server(STIL, LATER, OK) as server:
        _werker(mailwerkers, server.poort, MAIL_POGINGEN="5")
        antwoord = Client().post(reverse("password_reset"), {"email": coordinator.email})
        assert antwoord.status_code == 302
        wacht_tot(lambda: bool(server.ontvangen), seconden=60, wat="the mail to arrive")
    assert server.verbindingen == [STIL, LATER, OK]
    (mail,) = server.ontvangen
    assert mail.ontvangers == [coordinator.email]
    assert "Nieuw wachtwoord" in str(mail.bericht["Subject"])
    assert "https://testserver/accounts/nieuw-wachtwoord/" in mail.bericht.get_payload()
    assert not UitgesteldeTaak.objects.exists()
    pogingen = [r for r in _log(mailwerkers) if r["logger"] == "accounts.mail"]
    assert [r["poging"] for r in pogingen] == [1, 2]
    assert "try 1 of 5 failed (SMTPServerDisconnected" in pogingen[0]["message"]
    assert "try 2 of 5 failed (SMTPSenderRefused: 451" in pogingen[1]["message"]
    # The worker's lines carry the id of the request that asked for the mail.
    assert {r["request_id"] for r in pogingen} == {antwoord["X-Request-ID"]}


@pytest.mark.postgres
@pytest.mark.redis
def test_after_its_last_try_a_mail_is_kept_as_failed_and_not_tried_again(
    mailwerkers: Ploeg, coordinator: User
) -> None:
    with smtp_server(LATER, WEG, LATER, LATER) as server:
        _werker(mailwerkers, server.poort, MAIL_POGINGEN="3")
        Client().post(reverse("password_reset"), {"email": coordinator.email})

        def opgegeven() -> bool:
            return UitgesteldeTaak.objects.filter(status=UitgesteldeTaak.Status.MISLUKT).exists()

        wacht_tot(opgegeven, seconden=60, wat="the mail to be kept as failed")
        time.sleep(1.5)  # room for a fourth try, which must not come
    assert server.verbindingen == [LATER, WEG, LATER]
    assert server.ontvangen == []
    rij = UitgesteldeTaak.objects.get()
    assert (rij.taak, rij.argumenten, rij.pogingen) == (
        "accounts.tasks.mail_wachtwoord_herstel",
        [coordinator.pk, "nl"],
        3,
    )
    assert rij.laatste_fout.startswith("SMTPSenderRefused: 451")


@pytest.mark.postgres
@pytest.mark.redis
def test_a_permanent_refusal_is_not_tried_again(mailwerkers: Ploeg, coordinator: User) -> None:
    with smtp_server(ONBEKEND) as server:
        _werker(mailwerkers, server.poort, MAIL_POGINGEN="5")
        Client().post(reverse("password_reset"), {"email": coordinator.email})
        wacht_tot(
            lambda: UitgesteldeTaak.objects.filter(status="mislukt").exists(),
            seconden=60,
            wat="the mail to be kept as failed",
        )
        time.sleep(1.0)
    assert server.verbindingen == [ONBEKEND]
    rij = UitgesteldeTaak.objects.get()
    assert rij.pogingen == 1
    assert rij.laatste_fout == "SMTPRecipientsRefused: 550 5.1.1 <<adres>>: no such user"


@pytest.mark.postgres
@pytest.mark.redis
def test_a_retry_goes_only_to_the_people_who_did_not_get_the_mail_yet(
    mailwerkers: Ploeg, coordinator: User, beheerder: User
) -> None:
    from config.celery_app import app

    with smtp_server(OK, LATER, OK) as server:
        _werker(mailwerkers, server.poort, MAIL_POGINGEN="5")
        # A change in a proposal, for two people (the proposal itself plays no part).
        app.send_task(
            "voorstellen.tasks.mail_voorstel_gewijzigd",
            args=[999, [coordinator.pk, beheerder.pk]],
            queue=mailwerkers.queue,
        )
        wacht_tot(lambda: len(server.ontvangen) == 2, seconden=60, wat="both mails")
        time.sleep(1.0)
    assert server.verbindingen == [OK, LATER, OK]
    assert sorted(m.ontvangers[0] for m in server.ontvangen) == sorted(
        [coordinator.email, beheerder.email]
    )
