"""The stored group picture: recomputed on every group change, never overwritten by an
older recompute, and announced to the people concerned when it changes materially."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import Jongere, VerklarendeAnalyse
from matching.models import Groepsbeeld, Zoekopdracht
from matching.services import herbereken_groepsbeeld, ververs_zoekopdracht
from tests.matching.conftest import geboren
from voorzieningen.models import Plaatsing, Voorziening
from voorzieningen.services import registreer_aankomst, registreer_vertrek


def _aankomst(home: Voorziening, door: User, **profiel: object) -> Plaatsing:
    values: dict[str, object] = {
        "geboortemaand": geboren(15),
        "geslacht": "m",
        "zorgprofiel": "externaliserend",
        "zorgintensiteit": "midden",
        "signalen": [],
        "aankomst": timezone.localdate(),
    }
    values.update(profiel)
    return registreer_aankomst(voorziening=home, door=door, **values)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)
def test_an_arrival_updates_the_stored_picture(de_linde: Voorziening, beheerder: User) -> None:
    _aankomst(de_linde, beheerder, signalen=["agressie"])
    picture = Groepsbeeld.objects.get(voorziening=de_linde)
    assert picture.aantal == 1
    assert picture.signalen == {"agressie": 1}
    assert picture.groep_versie == Voorziening.objects.get(pk=de_linde.pk).groep_versie == 1


@pytest.mark.django_db(transaction=True)
def test_a_departure_updates_it_again(de_linde: Voorziening, beheerder: User) -> None:
    first = _aankomst(de_linde, beheerder)
    _aankomst(de_linde, beheerder, zorgprofiel="externaliserend")
    assert Groepsbeeld.objects.get(voorziening=de_linde).aantal == 2
    registreer_vertrek(
        plaatsing=first, door=beheerder, einde=timezone.localdate(), eindreden="gepland"
    )
    assert Groepsbeeld.objects.get(voorziening=de_linde).aantal == 1


def test_recomputing_twice_gives_the_same_picture(de_linde: Voorziening) -> None:
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    fields = [f.name for f in Groepsbeeld._meta.fields if f.name != "berekend_op"]
    first = Groepsbeeld.objects.values(*fields).get(voorziening=de_linde)
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    assert Groepsbeeld.objects.values(*fields).get(voorziening=de_linde) == first


def test_an_older_recompute_never_overwrites_a_newer_picture(de_linde: Voorziening) -> None:
    Voorziening.objects.filter(pk=de_linde.pk).update(groep_versie=5)
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    # A slow run that read the group at version 4 arrives late.
    Voorziening.objects.filter(pk=de_linde.pk).update(groep_versie=4, max_bewoners=6)
    result = herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    stored = Groepsbeeld.objects.get(voorziening=de_linde)
    assert stored.groep_versie == 5
    assert result.wezenlijk_veranderd is False


def test_a_deleted_home_is_not_an_error(db: None) -> None:
    assert herbereken_groepsbeeld(voorziening_id=999_999).groepsbeeld is None


@pytest.mark.django_db(transaction=True)
def test_a_material_change_notifies_the_manager_and_rereanks_saved_searches(
    de_linde: Voorziening,
    beheerder: User,
    coordinator: User,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
) -> None:
    opdracht = Zoekopdracht.objects.create(jongere=noor, gemaakt_door=coordinator)
    ververs_zoekopdracht(zoekopdracht=opdracht)
    assert list(opdracht.voorzieningen.all()) == [de_linde]
    score_before = opdracht.resultaat[0][1]
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)  # the first picture: no notice
    assert not Melding.objects.exists()

    _aankomst(de_linde, beheerder, zorgprofiel="trauma", signalen=["zelfbeschadiging"])

    manager_notice = Melding.objects.get(ontvanger=beheerder)
    assert "groepsbeeld van De Linde" in manager_notice.tekst
    coordinator_notice = Melding.objects.get(ontvanger=coordinator)
    assert "Noor" in coordinator_notice.tekst
    assert "zelfbeschadiging" not in coordinator_notice.tekst
    opdracht.refresh_from_db()
    assert opdracht.resultaat[0][1] < score_before


@pytest.mark.django_db(transaction=True)
def test_an_unmaterial_change_sends_no_notice(de_linde: Voorziening, beheerder: User) -> None:
    _aankomst(de_linde, beheerder)
    Melding.objects.all().delete()
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    assert not Melding.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_recompute_the_broker_refused_waits_in_the_outbox_and_runs_later(
    de_linde: Voorziening, beheerder: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kombu.exceptions import OperationalError

    from kern import uitgesteld
    from kern.models import UitgesteldeTaak
    from matching import tasks

    def unreachable(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:
        patched.setattr(tasks.herbereken_groepsbeeld, "apply_async", unreachable)
        _aankomst(de_linde, beheerder)  # the save succeeds
    assert not Groepsbeeld.objects.filter(voorziening=de_linde).exists()
    wachtend = UitgesteldeTaak.objects.get()
    assert (wachtend.taak, wachtend.argumenten, wachtend.pogingen) == (
        "matching.tasks.herbereken_groepsbeeld",
        [de_linde.pk],
        1,
    )
    assert uitgesteld.publiceer(altijd=True) == 1
    assert Groepsbeeld.objects.get(voorziening=de_linde).aantal == 1
    assert not UitgesteldeTaak.objects.exists()


def test_the_task_runs_the_service_and_names_the_level(
    de_linde: Voorziening, django_capture_on_commit_callbacks: Callable[..., object]
) -> None:
    from matching.tasks import herbereken_groepsbeeld as task

    assert task.apply(args=(de_linde.pk,)).get() == "laag"
    assert task.apply(args=(999_999,)).get() == "verdwenen"


def test_only_the_homes_own_manager_reads_reasons_naming_signals(
    client: Client, de_linde: Voorziening, beheerder: User, coordinator: User
) -> None:
    from django.urls import reverse

    from tests.voorzieningen.factories import PlaatsingFactory

    PlaatsingFactory.create(
        voorziening=de_linde, geboortemaand=geboren(15), signalen=["criminaliteit"]
    )
    PlaatsingFactory.create(
        voorziening=de_linde, geboortemaand=geboren(16), signalen=["slachtoffer_mensenhandel"]
    )
    herbereken_groepsbeeld(voorziening_id=de_linde.pk)
    url = reverse("voorzieningen:detail", args=[de_linde.pk])
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert "Hoog" in html
    assert "mensenhandel" not in html
    client.force_login(beheerder)
    assert "mensenhandel" in client.get(url).content.decode()


def test_the_nightly_task_recomputes_every_home(
    de_linde: Voorziening,
    wadzicht: Voorziening,
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    from django.conf import settings

    from matching.tasks import herbereken_alle_groepsbeelden

    with django_capture_on_commit_callbacks(execute=True):
        assert herbereken_alle_groepsbeelden.apply().get() == 2
    assert Groepsbeeld.objects.count() == 2
    schedule = settings.CELERY_BEAT_SCHEDULE["groepsbeelden-elke-nacht"]
    assert schedule["task"] == herbereken_alle_groepsbeelden.name


@pytest.mark.django_db(transaction=True)
def test_a_material_change_re_evaluates_open_proposals_to_the_home(
    verstuurd: object, de_linde: Voorziening, beheerder: User, coordinator: User
) -> None:
    from voorstellen.models import Voorstel, VoorstelGebeurtenis

    herbereken_groepsbeeld(voorziening_id=de_linde.pk)  # the first picture
    voorstel = Voorstel.objects.get()
    score_before = voorstel.uitleg_per_publiek["coordinator"]["score"]
    Melding.objects.all().delete()

    _aankomst(de_linde, beheerder, zorgprofiel="trauma", signalen=["zelfbeschadiging"])

    voorstel.refresh_from_db()
    assert voorstel.uitleg_per_publiek["coordinator"]["score"] < score_before
    event = VoorstelGebeurtenis.objects.filter(voorstel=voorstel, wat="herbeoordeeld").get()
    assert "nieuwe score" in event.waarom
    notice = Melding.objects.get(ontvanger=coordinator)
    assert "opnieuw beoordeeld" in notice.tekst
