"""Retention: `manage.py anonimiseer` removes what identifies a youth, keeps the figures."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from jongeren.models import AnalyseBehoefte, Instemming, Jongere, VerklarendeAnalyse
from privacy.bewaren import GEANONIMISEERD
from tests.jongeren.privacy_dossier import Dossier, maak_oud, vul_dossier
from voorstellen.models import (
    Besluit,
    Kennismaking,
    Toestemming,
    Voorstel,
    VoorstelGebeurtenis,
    VoorstelStatus,
)
from voorzieningen.models import Plaatsing


def _anonimiseer(*args: str) -> str:
    uit = StringIO()
    call_command("anonimiseer", *args, stdout=uit)
    return uit.getvalue()


@pytest.fixture
def oud_dossier(noor: Jongere, beheerder: User) -> Dossier:
    dossier = vul_dossier(noor, beheerder=beheerder)
    maak_oud(dossier, jaren=3)
    return dossier


def _cijfers(jongere: Jongere) -> list[tuple[object, ...]]:
    """What the stability page computes with: stays and proposal answer times."""
    stays = Plaatsing.objects.filter(jongere=jongere).values_list(
        "voorziening_id", "aankomst", "einde", "eindreden", "opzegtermijn_dagen", "geboortemaand"
    )
    antwoorden = Voorstel.objects.filter(jongere=jongere).values_list(
        "voorziening_id", "status", "verstuurd_op", "beantwoord_op", "antwoord_uiterlijk"
    )
    return [*stays, *antwoorden]


def test_a_file_past_retention_is_anonymised(
    oud_dossier: Dossier, jongere_user: User, ouder_user: User
) -> None:
    noor = oud_dossier.jongere
    geboren = noor.geboortedatum
    cijfers = _cijfers(noor)

    uit = _anonimiseer()

    assert "1 jongere(n) geanonimiseerd" in uit
    assert "Noor" not in uit
    noor.refresh_from_db()
    assert noor.roepnaam == GEANONIMISEERD
    assert noor.geboortedatum == dt.date(geboren.year, 1, 1)
    assert (noor.woonplaats, noor.lat, noor.lon) == ("", None, None)
    assert (noor.school_naam, noor.school_plaats, noor.school_lat) == ("", "", None)
    analyse = VerklarendeAnalyse.objects.get(pk=oud_dossier.analyse.pk)
    assert analyse.signalen == []
    assert analyse.factoren == analyse.krachten == analyse.wat_werkt == ""
    assert analyse.belangrijk_jongere == analyse.netwerk == ""
    assert not AnalyseBehoefte.objects.filter(analyse=analyse).exclude(toelichting="").exists()
    assert not Instemming.objects.filter(analyse=analyse).exclude(opmerking="").exists()
    voorstel = Voorstel.objects.get(pk=oud_dossier.voorstel.pk)
    assert (voorstel.motivatie, voorstel.antwoord_toelichting, voorstel.uitleg_per_publiek) == (
        "",
        "",
        {},
    )
    assert voorstel.tekst_voor_woning == ""
    assert not VoorstelGebeurtenis.objects.filter(voorstel=voorstel).exclude(waarom="").exists()
    assert not Besluit.objects.filter(voorstel=voorstel).exclude(opmerking="").exists()
    kennismaking = Kennismaking.objects.get(voorstel=voorstel)
    assert (kennismaking.plaats, kennismaking.notitie_woning) == ("", "")
    assert Toestemming.objects.get(voorstel=voorstel).reden == "—"
    plaatsing = Plaatsing.objects.get(pk=oud_dossier.plaatsing.pk)
    assert (plaatsing.aanduiding, plaatsing.signalen, plaatsing.toelichting) == ("", [], "")
    # The numbers on stays and answers are what the field lacks: they stay.
    assert _cijfers(noor) == cijfers
    for persoon in (jongere_user, ouder_user):
        persoon.refresh_from_db()
        assert not persoon.is_active
        assert not persoon.has_usable_password()
        assert persoon.email == f"geanonimiseerd-{persoon.pk}@invalid.example"
        assert persoon.first_name == ""


def test_a_second_run_changes_nothing(oud_dossier: Dossier) -> None:
    _anonimiseer()
    noor = Jongere.objects.get(pk=oud_dossier.jongere.pk)
    gewijzigd = noor.gewijzigd_op

    uit = _anonimiseer()

    assert "0 jongere(n) geanonimiseerd" in uit
    noor.refresh_from_db()
    assert noor.gewijzigd_op == gewijzigd
    assert noor.roepnaam == GEANONIMISEERD


def test_dry_run_counts_and_changes_nothing(oud_dossier: Dossier, jongere_user: User) -> None:
    uit = _anonimiseer("--dry-run")

    assert "dry run: 1 jongere(n)" in uit
    assert str(oud_dossier.jongere.pk) in uit
    assert "Noor" not in uit
    noor = Jongere.objects.get(pk=oud_dossier.jongere.pk)
    assert noor.roepnaam == "Noor"
    assert VerklarendeAnalyse.objects.get(pk=oud_dossier.analyse.pk).signalen == ["weglopen"]
    jongere_user.refresh_from_db()
    assert jongere_user.is_active


def test_a_recent_file_is_kept(noor: Jongere, beheerder: User) -> None:
    vul_dossier(noor, beheerder=beheerder)  # the stay ended ten days ago

    assert "0 jongere(n) geanonimiseerd" in _anonimiseer()
    noor.refresh_from_db()
    assert noor.roepnaam == "Noor"


def test_a_youth_still_living_in_a_home_is_kept(oud_dossier: Dossier) -> None:
    Plaatsing.objects.filter(pk=oud_dossier.plaatsing.pk).update(einde=None, eindreden="")

    assert "0 jongere(n) geanonimiseerd" in _anonimiseer()


def test_a_youth_with_an_open_proposal_is_kept(oud_dossier: Dossier) -> None:
    Voorstel.objects.filter(pk=oud_dossier.voorstel.pk).update(status=VoorstelStatus.VERSTUURD)

    assert "0 jongere(n) geanonimiseerd" in _anonimiseer()


def test_the_retention_period_is_a_setting(oud_dossier: Dossier) -> None:
    with override_settings(BEWAARTERMIJN_JONGERE_JAREN=5):
        assert "0 jongere(n) geanonimiseerd" in _anonimiseer()
    with override_settings(BEWAARTERMIJN_JONGERE_JAREN=2):
        assert "1 jongere(n) geanonimiseerd" in _anonimiseer()


def test_a_youth_without_stays_counts_from_the_last_change(
    daan: Jongere, andere_jongere_user: User
) -> None:
    Jongere.objects.filter(pk=daan.pk).update(
        gewijzigd_op=timezone.now() - dt.timedelta(days=3 * 365)
    )

    assert "1 jongere(n) geanonimiseerd" in _anonimiseer()
    daan.refresh_from_db()
    assert daan.roepnaam == GEANONIMISEERD


def test_a_parent_with_another_child_still_kept_keeps_the_account(
    oud_dossier: Dossier, ouder_user: User, coordinator: User
) -> None:
    from tests.jongeren.factories import JongereFactory

    JongereFactory.create(roepnaam="Broertje", coordinator=coordinator, ouders=[ouder_user])

    _anonimiseer()

    ouder_user.refresh_from_db()
    assert ouder_user.is_active
    assert ouder_user.email == "esther@example.org"


def test_anonymising_also_removes_the_change_history_of_the_youths_records(
    oud_dossier: Dossier,
) -> None:
    noor = oud_dossier.jongere
    assert Jongere.history.filter(id=noor.pk, roepnaam="Noor").exists()
    _anonimiseer()
    assert not Jongere.history.filter(id=noor.pk).exists()
    assert not VerklarendeAnalyse.history.filter(jongere_id=noor.pk).exists()
    assert not Voorstel.history.filter(jongere_id=noor.pk).exists()


def test_the_nightly_task_runs_the_retention_job_and_logs_counts_without_names(
    oud_dossier: Dossier, caplog: pytest.LogCaptureFixture
) -> None:
    from django.conf import settings

    from privacy.tasks import anonimiseer

    caplog.set_level("INFO", logger="privacy.tasks")
    roepnaam = oud_dossier.jongere.roepnaam
    schema = settings.CELERY_BEAT_SCHEDULE["anonimiseren"]
    assert schema["task"] == anonimiseer.name

    eerste = anonimiseer.apply().get()
    assert eerste["jongeren"] == 1
    assert eerste["per_tabel"]["jongeren_jongere"] == 1
    assert Jongere.objects.get(pk=oud_dossier.jongere.pk).roepnaam == GEANONIMISEERD
    # Run again (beat after a restart, a retry): nothing more to do.
    tweede = anonimiseer.apply().get()
    assert (tweede["jongeren"], tweede["per_tabel"]) == (0, {})
    regels = [r.getMessage() for r in caplog.records if r.name == "privacy.tasks"]
    assert len(regels) == 2
    assert regels[0].startswith("retention: 1 jongere(n) geanonimiseerd")
    assert "jongeren_historicaljongere 1" in regels[0]
    assert regels[1].startswith("retention: 0 jongere(n)")
    assert not any(roepnaam in regel for regel in regels)
