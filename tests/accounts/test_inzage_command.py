"""`manage.py access_log` prints the log as JSON lines; a bad argument is one line, exit 2."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from privacy.models import Inzage

ROOT = Path(__file__).resolve().parents[2]


def _regel(user: User, jongere_ref: int, op: dt.datetime) -> Inzage:
    return Inzage.objects.create(
        op=op,
        actie=Inzage.Actie.READ,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=user,
        gebruiker_naam="Sanne",
        rol=user.rol,
        organisatie_id=user.organisatie_id,
        jongere_ref=jongere_ref,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.MATCHING,
        adres="192.0.2.1",
    )


def _lines(*args: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("access_log", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_prints_every_entry_sorted_by_time(coordinator: User) -> None:
    nu = timezone.now()
    later = _regel(coordinator, 1, nu)
    eerder = _regel(coordinator, 2, nu - dt.timedelta(hours=2))

    lines = _lines()

    assert [line["event_id"] for line in lines] == [str(eerder.id), str(later.id)]
    opgeslagen = Inzage.objects.get(pk=eerder.pk)
    assert lines[0] | {"time": None} == {
        "event_id": str(eerder.id),
        "time": None,
        "action": "read",
        "outcome": "gelukt",
        "user_id": coordinator.pk,
        "user": "Sanne",
        "role": "coordinator",
        "organisation_id": coordinator.organisatie_id,
        "home_id": None,
        "youth_id": 2,
        "data": "profiel",
        "purpose": "matching",
        "purpose_stated": False,
        "reason": "",
        "client_address": "192.0.2.1",
        "path": "",
        "query_string": "",
        "session": "",
        "user_agent": "",
        "sequence": opgeslagen.volgnummer,
        "previous_hash": opgeslagen.vorige_hash,
        "hash": opgeslagen.hash,
    }


def test_filters_by_youth_and_date(coordinator: User) -> None:
    nu = timezone.now()
    _regel(coordinator, 1, nu - dt.timedelta(days=10))
    juist = _regel(coordinator, 1, nu)
    _regel(coordinator, 2, nu)

    lines = _lines("--youth", "1", "--since", timezone.localdate(nu).isoformat())

    assert [line["event_id"] for line in lines] == [str(juist.id)]


def test_no_entries_prints_nothing(db: None) -> None:
    assert _lines() == []


@pytest.mark.parametrize(
    ("args", "fout"),
    [
        (["--youth", "abc"], "--youth"),
        (["--youth", "-3"], "--youth"),
        (["--since", "31-12-2025"], "--since"),
        (["--since", "2025-02-30"], "--since"),
    ],
)
def test_bad_argument_is_one_line_and_exit_2(
    db: None, capsys: pytest.CaptureFixture[str], args: list[str], fout: str
) -> None:
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("access_log", *args, stderr=err)

    assert exit_info.value.code == 2
    assert len(err.getvalue().strip().splitlines()) == 1
    assert fout in err.getvalue()


def test_unknown_option_exits_2_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "access_log", "--since"],
        cwd=ROOT,
        env={"DJANGO_DEBUG": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
