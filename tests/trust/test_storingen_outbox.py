"""The outbox itself: what it sends, what it keeps, and that nothing is sent twice."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import psycopg
import pytest
from django.test import Client
from django.urls import reverse
from kombu.exceptions import OperationalError

from accounts.models import User
from kern import uitgesteld
from kern.models import UitgesteldeTaak
from matching import tasks
from tests.trust.storingen import database_url

TAAK = "matching.tasks.herbereken_groepsbeeld"
Capture = Callable[..., Any]


@pytest.fixture
def verstuurd(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """The broker, as far as these tests are concerned: a list of what reached it."""
    aangekomen: list[tuple[Any, ...]] = []

    def apply_async(args: list[Any], **kwargs: Any) -> None:
        aangekomen.append(tuple(args))

    monkeypatch.setattr(tasks.herbereken_groepsbeeld, "apply_async", apply_async)
    monkeypatch.setattr(uitgesteld, "_storing_tot", 0.0)
    yield aangekomen


@pytest.fixture
def onbereikbaar(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """A broker that refuses every connection; lists the attempts."""
    pogingen: list[tuple[Any, ...]] = []

    def apply_async(args: list[Any], **kwargs: Any) -> None:
        pogingen.append(tuple(args))
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.herbereken_groepsbeeld, "apply_async", apply_async)
    monkeypatch.setattr(uitgesteld, "_storing_tot", 0.0)
    yield pogingen


def test_a_task_is_sent_after_the_commit_and_then_removed(
    db: None, verstuurd: list[tuple[Any, ...]], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        uitgesteld.na_commit(TAAK, 7)
        assert verstuurd == []  # not before the commit
        assert UitgesteldeTaak.objects.filter(taak=TAAK, argumenten=[7]).exists()
    assert verstuurd == [(7,)]
    assert not UitgesteldeTaak.objects.exists()


def test_identical_tasks_waiting_together_are_sent_once(
    db: None, verstuurd: list[tuple[Any, ...]]
) -> None:
    for voorziening_id in (3, 4, 3):
        UitgesteldeTaak.objects.create(taak=TAAK, argumenten=[voorziening_id])
    assert uitgesteld.publiceer() == 3
    assert verstuurd == [(3,), (4,)]
    assert not UitgesteldeTaak.objects.exists()


def test_after_a_broker_failure_saves_do_not_wait_for_it_again(
    db: None, onbereikbaar: list[tuple[Any, ...]], django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        uitgesteld.na_commit(TAAK, 1)
    with django_capture_on_commit_callbacks(execute=True):
        uitgesteld.na_commit(TAAK, 2)
    # One attempt: the second save left its task to the periodic sender.
    assert onbereikbaar == [(1,)]
    rijen = list(UitgesteldeTaak.objects.values_list("argumenten", "pogingen", "laatste_fout"))
    assert rijen == [
        ([1], 1, "OperationalError: Error 111 connecting to 127.0.0.1:6379. Connection refused."),
        ([2], 0, ""),
    ]
    # The periodic sender always tries; both are still there when the broker still fails.
    assert uitgesteld.publiceer(altijd=True) == 0
    assert onbereikbaar == [(1,), (1,)]
    assert list(UitgesteldeTaak.objects.values_list("pogingen", flat=True)) == [2, 1]


def test_a_row_naming_an_unknown_task_is_kept_and_the_rest_is_sent(
    db: None, verstuurd: list[tuple[Any, ...]]
) -> None:
    UitgesteldeTaak.objects.create(taak="matching.tasks.bestaat_niet", argumenten=[1])
    UitgesteldeTaak.objects.create(taak=TAAK, argumenten=[2])
    assert uitgesteld.publiceer() == 1
    assert verstuurd == [(2,)]
    blijft = UitgesteldeTaak.objects.get()
    assert (blijft.taak, blijft.pogingen) == ("matching.tasks.bestaat_niet", 1)
    assert blijft.laatste_fout.startswith("ImportError")


@pytest.mark.postgres
def test_a_row_another_process_is_sending_is_not_sent_again(
    requires_postgres: None, transactional_db: None, verstuurd: list[tuple[Any, ...]]
) -> None:
    rij = UitgesteldeTaak.objects.create(taak=TAAK, argumenten=[5])
    with psycopg.connect(database_url()) as ander_proces:
        ander_proces.execute(
            "SELECT 1 FROM accounts_uitgesteldetaak WHERE id = %s FOR UPDATE", [rij.pk]
        )
        assert uitgesteld.publiceer(altijd=True) == 0
        ander_proces.execute("DELETE FROM accounts_uitgesteldetaak WHERE id = %s", [rij.pk])
    assert verstuurd == []
    assert not UitgesteldeTaak.objects.exists()


def test_admins_see_the_waiting_tasks_and_can_send_them_now(
    admin_user: User, verstuurd: list[tuple[Any, ...]]
) -> None:
    UitgesteldeTaak.objects.create(
        taak=TAAK, argumenten=[9], pogingen=3, laatste_fout="OperationalError: refused"
    )
    client = Client()
    client.force_login(admin_user)
    lijst = reverse("admin:kern_uitgesteldetaak_changelist")
    pagina = client.get(lijst)
    assert pagina.status_code == 200
    assert TAAK in pagina.content.decode()
    response = client.post(
        lijst,
        {
            "action": "nu_versturen",
            "_selected_action": list(UitgesteldeTaak.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert "1 taken verstuurd." in response.content.decode()
    assert verstuurd == [(9,)]
    assert not UitgesteldeTaak.objects.exists()


def test_the_periodic_task_sends_a_long_outage_in_rounds(
    db: None, verstuurd: list[tuple[Any, ...]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from accounts.tasks import verstuur_uitgestelde_taken

    monkeypatch.setattr(uitgesteld, "PER_KEER", 2)
    for voorziening_id in range(5):
        UitgesteldeTaak.objects.create(taak=TAAK, argumenten=[voorziening_id])
    assert verstuur_uitgestelde_taken.apply().get() == 5
    assert verstuurd == [(0,), (1,), (2,), (3,), (4,)]
    assert not UitgesteldeTaak.objects.exists()
