"""Erasure that erases: the retention job also removes the change history, the notices about
the youth, the mails waiting in the outbox, the history of youths deleted outright, and the
residents a home registered without a youth record; its report counts per table."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import BeschermdeZone, Jongere, VerklarendeAnalyse
from kern.models import UitgesteldeTaak
from privacy import bewaren
from privacy.tasks import anonimiseer
from tests.jongeren.factories import JongereFactory
from tests.jongeren.privacy_dossier import Dossier, maak_oud, vul_dossier
from tests.voorzieningen.factories import PlaatsingFactory
from voorstellen.models import Voorstel
from voorzieningen.models import Plaatsing


@pytest.fixture
def oud_dossier(noor: Jongere, beheerder: User) -> Dossier:
    dossier = vul_dossier(noor, beheerder=beheerder)
    maak_oud(dossier, jaren=3)
    return dossier


def _anonimiseer() -> str:
    uit = StringIO()
    call_command("anonimiseer", stdout=uit)
    return uit.getvalue()


def _regel(uit: str, tabel: str) -> int:
    for regel in uit.splitlines():
        if regel.strip().startswith(f"{tabel}:"):
            return int(regel.rsplit(":", 1)[1])
    return 0


def test_the_change_history_with_signals_and_names_is_removed(oud_dossier: Dossier) -> None:
    noor = oud_dossier.jongere
    # A new version of the analysis and a change to the stay: more history rows.
    analyse = oud_dossier.analyse
    analyse.factoren = "Nog een geheime versie"
    analyse.save()
    plaatsing = oud_dossier.plaatsing
    plaatsing.toelichting = "Nog een geheime toelichting"
    plaatsing.save()
    # A protective zone removed long ago: its history outlived it, with the place.
    zone = BeschermdeZone.objects.create(
        jongere=noor,
        plaats="Oude buurt",
        lat=53.2,
        lon=6.5,
        straal_km=2,
        reden="Geheim",
        ingesteld_door=noor.coordinator,
    )
    zone.delete()
    maak_oud(oud_dossier, jaren=3)  # the saves above made the file recent again
    historie = {
        Jongere.history.model: Jongere.history.filter(id=noor.pk).count(),
        VerklarendeAnalyse.history.model: VerklarendeAnalyse.history.filter(id=analyse.pk).count(),
        Voorstel.history.model: Voorstel.history.filter(id=oud_dossier.voorstel.pk).count(),
        Plaatsing.history.model: Plaatsing.history.filter(id=plaatsing.pk).count(),
        BeschermdeZone.history.model: BeschermdeZone.history.filter(jongere_id=noor.pk).count(),
    }
    assert all(historie.values()), historie
    assert VerklarendeAnalyse.history.filter(signalen__contains=["weglopen"]).exists()

    uit = _anonimiseer()

    for model, aantal in historie.items():
        assert not model.objects.exists(), model
        assert _regel(uit, model._meta.db_table) == aantal, model._meta.db_table


def test_notices_about_the_youth_are_removed_others_kept(
    oud_dossier: Dossier, coordinator: User, beheerder: User
) -> None:
    noor = oud_dossier.jongere
    voorstel_url = oud_dossier.voorstel.get_absolute_url()
    over_noor = [
        # To the family's own accounts (made by vul_dossier: one each).
        *Melding.objects.filter(ontvanger__in=[noor.account, *noor.ouders.all()]),
        Melding.objects.create(
            ontvanger=coordinator,
            tekst="Noor → De Eik: de woning heeft interesse.",
            url=voorstel_url,
        ),
        Melding.objects.create(
            ontvanger=beheerder, tekst="Nieuw voorstel voor De Eik.", url=voorstel_url
        ),
        Melding.objects.create(
            ontvanger=coordinator,
            tekst="De bewaarde zoekopdracht voor Noor is opnieuw berekend.",
            url=reverse("matching:zoekopdracht", args=[noor.pk, 999]),
        ),
    ]
    anders = Melding.objects.create(
        ontvanger=coordinator,
        tekst="Het groepsbeeld van De Eik is veranderd.",
        url=reverse("voorzieningen:detail", args=[oud_dossier.plaatsing.voorziening_id]),
    )
    ander_kind = Melding.objects.create(
        ontvanger=coordinator,
        tekst="Over een ander kind.",
        url=reverse("jongeren:detail", args=[noor.pk + 1000]),
    )

    uit = _anonimiseer()

    assert not Melding.objects.filter(pk__in=[m.pk for m in over_noor]).exists()
    assert set(Melding.objects.values_list("pk", flat=True)) == {anders.pk, ander_kind.pk}
    assert _regel(uit, "accounts_melding") == len(over_noor) == 5


def test_mails_waiting_in_the_outbox_about_the_youth_or_family_are_removed(
    oud_dossier: Dossier, coordinator: User
) -> None:
    noor = oud_dossier.jongere
    assert noor.account is not None
    ouder = noor.ouders.get()
    uitnodiging = noor.uitnodigingen.get()
    voorstel = oud_dossier.voorstel
    wacht = UitgesteldeTaak.Status.WACHT
    over_noor = [
        UitgesteldeTaak.objects.create(
            taak="voorstellen.tasks.mail_voorstel_gewijzigd",
            argumenten=[voorstel.pk, [coordinator.pk]],
        ),
        UitgesteldeTaak.objects.create(
            taak="voorstellen.tasks.mail_kennismaking", argumenten=[voorstel.pk, [ouder.pk]]
        ),
        # Under the name the task had before it moved (VERHUISDE_TAKEN), and failed for good.
        UitgesteldeTaak.objects.create(
            taak="matching.tasks.mail_voorstel_gewijzigd",
            argumenten=[voorstel.pk + 1000, [noor.account.pk]],
            status=UitgesteldeTaak.Status.MISLUKT,
        ),
        UitgesteldeTaak.objects.create(
            taak="jongeren.tasks.stuur_uitnodiging",
            argumenten=[uitnodiging.pk, "https://portaal.example"],
        ),
        UitgesteldeTaak.objects.create(
            taak="accounts.tasks.mail_wachtwoord_herstel", argumenten=[ouder.pk, "nl"]
        ),
    ]
    blijft = [
        UitgesteldeTaak.objects.create(
            taak="voorstellen.tasks.mail_voorstel_gewijzigd",
            argumenten=[voorstel.pk + 1000, [coordinator.pk]],
        ),
        UitgesteldeTaak.objects.create(
            taak="accounts.tasks.mail_wachtwoord_herstel", argumenten=[coordinator.pk, "nl"]
        ),
        UitgesteldeTaak.objects.create(
            taak="matching.tasks.herbereken_groepsbeeld",
            argumenten=[voorstel.voorziening_id],
            status=wacht,
        ),
    ]

    uit = _anonimiseer()

    assert not UitgesteldeTaak.objects.filter(pk__in=[t.pk for t in over_noor]).exists()
    assert set(UitgesteldeTaak.objects.values_list("pk", flat=True)) == {t.pk for t in blijft}
    assert _regel(uit, "accounts_uitgesteldetaak") == len(over_noor)


def test_the_history_of_a_youth_deleted_outright_is_removed(coordinator: User) -> None:
    weg = JongereFactory.create(roepnaam="Verwijderd", coordinator=coordinator)
    weg_pk = weg.pk
    from tests.jongeren.factories import AnalyseFactory

    AnalyseFactory.create(jongere=weg, signalen=["weglopen"])
    blijft = JongereFactory.create(roepnaam="Blijft", coordinator=coordinator)
    weg.delete()
    assert Jongere.history.filter(id=weg_pk, roepnaam="Verwijderd").exists()
    assert VerklarendeAnalyse.history.filter(jongere_id=weg_pk).exists()
    analyses = VerklarendeAnalyse.history.filter(jongere_id=weg_pk).count()
    jongeren = Jongere.history.filter(id=weg_pk).count()

    uit = _anonimiseer()

    assert not Jongere.history.filter(id=weg_pk).exists()
    assert not VerklarendeAnalyse.history.filter(jongere_id=weg_pk).exists()
    assert Jongere.history.filter(id=blijft.pk).exists()
    assert _regel(uit, "jongeren_historicaljongere") == jongeren
    assert _regel(uit, "jongeren_historicalverklarendeanalyse") == analyses
    assert "0 jongere(n) geanonimiseerd" in uit


def test_directly_registered_residents_past_retention_are_anonymised(beheerder: User) -> None:
    from tests.voorzieningen.factories import VoorzieningFactory

    assert beheerder.organisatie is not None
    woning = VoorzieningFactory.create(aanbieder=beheerder.organisatie, naam="De Linde")
    vandaag = timezone.localdate()
    oud = PlaatsingFactory.create(
        voorziening=woning,
        jongere=None,
        aanduiding="KB",
        signalen=["weglopen"],
        toelichting="Geheime notitie",
        aankomst=vandaag - dt.timedelta(days=4 * 365),
        einde=vandaag - dt.timedelta(days=3 * 365),
        eindreden=Plaatsing.Eindreden.BREUK_VEILIGHEID,
        opzegtermijn_dagen=0,
    )
    recent = PlaatsingFactory.create(
        voorziening=woning,
        jongere=None,
        aanduiding="LM",
        signalen=["weglopen"],
        aankomst=vandaag - dt.timedelta(days=400),
        einde=vandaag - dt.timedelta(days=30),
        eindreden=Plaatsing.Eindreden.GEPLAND,
    )
    woont_er = PlaatsingFactory.create(
        voorziening=woning, jongere=None, aanduiding="PQ", signalen=["weglopen"]
    )
    historie = Plaatsing.history.filter(id=oud.pk).count()
    assert historie

    uit = _anonimiseer()

    oud.refresh_from_db()
    assert (oud.aanduiding, oud.signalen, oud.toelichting) == ("", [], "")
    # What the stability figures need stays.
    assert oud.eindreden == Plaatsing.Eindreden.BREUK_VEILIGHEID
    assert oud.einde == vandaag - dt.timedelta(days=3 * 365)
    assert not Plaatsing.history.filter(id=oud.pk).exists()
    for bewoner in (recent, woont_er):
        bewoner.refresh_from_db()
        assert bewoner.signalen == ["weglopen"] and bewoner.aanduiding
        assert Plaatsing.history.filter(id=bewoner.pk).exists()
    assert "1 bewoner(s) zonder jongere geanonimiseerd" in uit
    assert _regel(uit, "voorzieningen_plaatsing") == 1
    assert _regel(uit, "voorzieningen_historicalplaatsing") == historie
    # Again: nothing more to do.
    assert "0 bewoner(s) zonder jongere" in _anonimiseer()


def test_the_report_counts_per_table_in_command_task_and_log(
    oud_dossier: Dossier, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="privacy.tasks")

    rapport = anonimiseer.apply().get()

    assert rapport["jongeren"] == 1
    assert rapport["accounts"] == 2
    per_tabel = rapport["per_tabel"]
    assert per_tabel["jongeren_jongere"] == 1
    assert per_tabel["accounts_user"] == 2
    assert per_tabel["accounts_melding"] == 2
    assert per_tabel["jongeren_historicaljongere"] >= 1
    assert per_tabel["voorzieningen_plaatsing"] == 1
    [regel] = [r.getMessage() for r in caplog.records if r.name == "privacy.tasks"]
    for tabel, aantal in per_tabel.items():
        assert f"{tabel} {aantal}" in regel
    assert "Noor" not in regel


def test_the_nightly_maintenance_command_prints_the_report(oud_dossier: Dossier) -> None:
    uit = StringIO()
    call_command("onderhoud", stdout=uit)
    tekst = uit.getvalue()
    assert "anonimiseer: 1 jongere(n) geanonimiseerd" in tekst
    assert "jongeren_historicaljongere:" in tekst
    assert "accounts_melding: 2 verwijderd of leeggemaakt" in tekst
    assert "Noor" not in tekst


def test_dry_run_counts_residents_and_orphaned_history_and_changes_nothing(
    oud_dossier: Dossier,
) -> None:
    uit = StringIO()
    call_command("anonimiseer", "--dry-run", stdout=uit)
    assert "dry run: 1 jongere(n)" in uit.getvalue()
    assert Jongere.history.filter(id=oud_dossier.jongere.pk).exists()
    assert bewaren.over_de_termijn() == [oud_dossier.jongere]


def test_the_familys_names_in_the_access_log_become_pseudonyms_and_the_entries_stay(
    oud_dossier: Dossier, jongere_user: User, client: Any
) -> None:
    from privacy.models import Inzage

    client.force_login(jongere_user)
    assert client.get(reverse("jongeren:mijn")).status_code == 200
    eigen = Inzage.objects.filter(gebruiker=jongere_user)
    aantal = eigen.count()
    assert aantal and all(jongere_user.get_full_name() in i.gebruiker_naam for i in eigen)

    uit = _anonimiseer()

    eigen = Inzage.objects.filter(gebruiker=jongere_user)
    assert eigen.count() == aantal  # kept: who looked, when, at what
    assert all(i.gebruiker_naam.startswith("gewist-") for i in eigen)
    assert _regel(uit, "accounts_inzage") >= aantal
    keten = StringIO()
    call_command("access_log", "--verify", stdout=keten)
    assert "keten intact" in keten.getvalue()
