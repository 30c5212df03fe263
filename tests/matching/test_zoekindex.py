"""The search index: every home as the engine sees it, kept in the database for every process,
brought up to date home by home."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Organisatie
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.models import Kenmerk
from matching import zoekindex
from matching.adapters import all_homes, home_ref, load_homes, rank_for, youth_from_jongere
from matching.engine import Audience, Home, HomeResult, rank_homes
from matching.models import ZoekindexWijziging, ZoekindexWoning
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
)
from voorzieningen.models import Toelatingsregel, Voorziening

BRONTABELLEN = ("voorzieningen_teamlid", "voorzieningen_plaatsing", "voorzieningen_vacature")


def _woning(aanbieder: Organisatie, naam: str) -> Voorziening:
    home = VoorzieningFactory.create(aanbieder=aanbieder, naam=naam, medewerkers_per_dienst=1)
    # Two team members, one with a competence: one is not enough to cover the shifts, so it
    # is not yet what the home offers (see "competentie erbij").
    TeamlidFactory.create(voorziening=home, naam="Anna").competenties.add(
        Kenmerk.objects.get(code="traumasensitief")
    )
    TeamlidFactory.create(voorziening=home, naam="Bram")
    PlaatsingFactory.create(voorziening=home, signalen=["agressie"])
    VacatureFactory.create(voorziening=home)
    return home


def _zoek() -> list[Home]:
    now = timezone.now()
    return list(all_homes(today=timezone.localdate(now), now=now))


def _zoals_de_tabellen_zeggen() -> list[Home]:
    now = timezone.now()
    return sorted(load_homes(today=timezone.localdate(now), now=now), key=lambda h: h.ref)


def test_a_warm_search_asks_two_small_queries_and_reads_no_home_tables(
    aanbieder: Organisatie,
) -> None:
    for naam in ("De Linde", "De Eik", "De Beuk"):
        _woning(aanbieder, naam)
    now = timezone.now()
    today = timezone.localdate(now)
    eerst = all_homes(today=today, now=now)
    with CaptureQueriesContext(connection) as captured:
        assert all_homes(today=today, now=now) is eerst
    assert len(captured) == 2
    assert not any(tabel in q["sql"] for q in captured for tabel in BRONTABELLEN)
    assert list(eerst) == _zoals_de_tabellen_zeggen()


def test_a_change_to_one_home_reads_only_that_home_again(
    aanbieder: Organisatie, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matching import adapters

    linde, eik = _woning(aanbieder, "De Linde"), _woning(aanbieder, "De Eik")
    voor = {home.ref: home for home in _zoek()}

    vacature = linde.vacatures.get()
    vacature.status = "ingetrokken"
    vacature.save()
    gelezen: list[object] = []
    echte = adapters.load_homes

    def tellend(**kwargs: object) -> object:
        gelezen.append(sorted(kwargs["only"]))  # type: ignore[call-overload]
        return echte(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(adapters, "load_homes", tellend)
    na = {home.ref: home for home in _zoek()}
    assert gelezen == [[linde.pk]]
    assert na[home_ref(linde.pk)].vacancies == ()
    assert na[home_ref(eik.pk)] is voor[home_ref(eik.pk)]  # untouched: the same object
    assert not ZoekindexWijziging.objects.exists()  # taken in, and written for the others


def _verander(naam: str, home: Voorziening) -> None:
    today = timezone.localdate()
    if naam == "vacature ingetrokken":
        vacature = home.vacatures.get()
        vacature.status = "ingetrokken"
        vacature.save()
    elif naam == "vacature verwijderd":
        home.vacatures.get().delete()
    elif naam == "teamlid vertrokken":
        lid = home.teamleden.get(naam="Bram")
        lid.einddatum = today
        lid.save()
    elif naam == "teamlid verwijderd":
        home.teamleden.get(naam="Bram").delete()
    elif naam == "bewoner erbij":
        PlaatsingFactory.create(voorziening=home, signalen=["weglopen"])
    elif naam == "bewoner verwijderd":
        home.plaatsingen.get().delete()
    elif naam == "aanbod erbij":
        home.aanbod.add(Kenmerk.objects.get(code="buitenruimte"))
    elif naam == "aanbod via het kenmerk":
        Kenmerk.objects.get(code="terugtrekplek").voorzieningen.add(home)
    elif naam == "competentie erbij":
        # The second holder: now enough of the team has it, so the home offers it.
        home.teamleden.get(naam="Bram").competenties.add(
            Kenmerk.objects.get(code="traumasensitief")
        )
    elif naam == "kenmerkcode hernoemd":
        home.aanbod.add(Kenmerk.objects.get(code="buitenruimte"))
        _zoek()
        kenmerk = Kenmerk.objects.get(code="buitenruimte")
        kenmerk.code = "tuin"
        kenmerk.save()
    elif naam == "toelatingsregel":
        Toelatingsregel.objects.create(
            voorziening=home,
            soort=Toelatingsregel.Soort.GESLACHT,
            geslacht="m",
            sterkte=Toelatingsregel.Sterkte.HARD,
            reden="Een huis voor jongens.",
        )
    elif naam == "toelatingsregel weg":
        for soort in (Toelatingsregel.Soort.GEEN_MACHTIGING, Toelatingsregel.Soort.GESLACHT):
            Toelatingsregel.objects.create(
                voorziening=home,
                soort=soort,
                geslacht="v" if soort == Toelatingsregel.Soort.GESLACHT else "",
                sterkte=Toelatingsregel.Sterkte.HARD,
                reden="Zo is het huis ingericht.",
            )
        _zoek()
        Toelatingsregel.objects.filter(
            voorziening=home, soort=Toelatingsregel.Soort.GESLACHT
        ).delete()
    elif naam == "woning zelf":
        home.max_bewoners = 6
        home.gesloten = True
        home.save()
    elif naam == "woning verwijderd":
        from voorzieningen.models import Plaatsing

        Plaatsing.objects.filter(voorziening=home).delete()
        home.delete()
    else:  # "nieuwe woning"
        _woning(home.aanbieder, "Nieuw")


@pytest.mark.parametrize(
    "wijziging",
    [
        "vacature ingetrokken",
        "vacature verwijderd",
        "teamlid vertrokken",
        "teamlid verwijderd",
        "bewoner erbij",
        "bewoner verwijderd",
        "aanbod erbij",
        "aanbod via het kenmerk",
        "competentie erbij",
        "kenmerkcode hernoemd",
        "toelatingsregel",
        "toelatingsregel weg",
        "woning zelf",
        "woning verwijderd",
        "nieuwe woning",
    ],
)
def test_every_change_to_what_the_engine_reads_is_seen_by_the_next_search(
    wijziging: str, aanbieder: Organisatie
) -> None:
    home = _woning(aanbieder, "De Linde")
    _woning(aanbieder, "De Eik")
    eerst = _zoek()
    _verander(wijziging, home)
    na = _zoek()
    assert na == _zoals_de_tabellen_zeggen()
    assert na != eerst


def test_a_restarted_process_reads_the_rows_instead_of_the_home_tables(
    aanbieder: Organisatie,
) -> None:
    for naam in ("De Linde", "De Eik"):
        _woning(aanbieder, naam)
    eerst = _zoek()
    zoekindex.vergeet()  # what a new worker process starts with
    with CaptureQueriesContext(connection) as captured:
        opnieuw = _zoek()
    assert opnieuw == eerst
    assert len(captured) == 2
    assert not any(tabel in q["sql"] for q in captured for tabel in BRONTABELLEN)


def test_a_vacancy_that_runs_out_of_confirmation_disappears_without_any_change(
    aanbieder: Organisatie,
) -> None:
    now = timezone.now()
    home = VoorzieningFactory.create(aanbieder=aanbieder)
    # Confirmed 14 days ago minus one minute: visible for one more minute.
    bevestigd = now - dt.timedelta(days=14) + dt.timedelta(minutes=1)
    VacatureFactory.create(voorziening=home, laatst_bevestigd=bevestigd)
    (gezien,) = all_homes(today=timezone.localdate(now), now=now)
    assert len(gezien.vacancies) == 1
    rij = ZoekindexWoning.objects.get(woning_id=home.pk)
    # Until the confirmation runs out (or midnight, when that comes first).
    middernacht = timezone.make_aware(
        dt.datetime.combine(timezone.localdate(now) + dt.timedelta(days=1), dt.time.min)
    )
    assert rij.geldig_tot == min(bevestigd + dt.timedelta(days=14), middernacht)

    later = now + dt.timedelta(minutes=2)
    (gezien,) = all_homes(today=timezone.localdate(later), now=later)
    assert gezien.vacancies == ()


def test_a_row_past_midnight_is_read_again(aanbieder: Organisatie) -> None:
    now = timezone.now()
    home = VoorzieningFactory.create(aanbieder=aanbieder)
    all_homes(today=timezone.localdate(now), now=now)
    geldig = ZoekindexWoning.objects.get(woning_id=home.pk).geldig_tot
    assert geldig is not None
    assert timezone.localtime(geldig).time() == dt.time.min
    assert timezone.localdate(geldig) == timezone.localdate(now) + dt.timedelta(days=1)


def test_an_older_load_never_overwrites_a_newer_change(aanbieder: Organisatie) -> None:
    home = _woning(aanbieder, "De Linde")
    _zoek()
    versie = ZoekindexWoning.objects.get(woning_id=home.pk).versie
    vacature = home.vacatures.get()
    vacature.status = "ingetrokken"
    vacature.save()
    # A writer that loaded the home before this change was recorded (it saw no marks) must
    # leave both the row and the mark alone.
    now = timezone.now()
    zoekindex._ververs([home.pk], {}, today=timezone.localdate(now), now=now)
    assert ZoekindexWoning.objects.get(woning_id=home.pk).versie == versie
    assert ZoekindexWijziging.objects.filter(woning_id=home.pk).exists()
    # The next search takes it in.
    (gezien,) = _zoek()
    assert gezien.vacancies == ()
    assert ZoekindexWoning.objects.get(woning_id=home.pk).versie > versie


def test_homes_made_in_bulk_are_found_by_the_periodic_check(aanbieder: Organisatie) -> None:
    _woning(aanbieder, "De Linde")
    _zoek()
    (bulk,) = Voorziening.objects.bulk_create(
        [Voorziening(**{**_velden(VoorzieningFactory.build(aanbieder=aanbieder)), "naam": "Bulk"})]
    )
    assert len(_zoek()) == 1  # bulk inserts pass no signals
    assert zoekindex.vul_aan() == 1
    assert home_ref(bulk.pk) in {home.ref for home in _zoek()}


def _velden(home: Voorziening) -> dict[str, object]:
    return {
        f.attname: getattr(home, f.attname)
        for f in Voorziening._meta.concrete_fields
        if not f.primary_key
    }


def test_the_command_rebuilds_the_index_from_the_home_tables(aanbieder: Organisatie) -> None:
    for naam in ("De Linde", "De Eik"):
        _woning(aanbieder, naam)
    call_command("zoekindex", "--herbouw", verbosity=0)
    assert not ZoekindexWijziging.objects.exists()
    assert ZoekindexWoning.objects.exclude(inhoud="").count() == 2
    assert _zoek() == _zoals_de_tabellen_zeggen()


def test_rankings_with_other_engine_options_are_never_mixed(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, aanbieder: Organisatie
) -> None:
    home = _woning(aanbieder, "De Linde")
    now = timezone.now()
    today = timezone.localdate(now)
    youth = youth_from_jongere(noor, noor_analyse)
    homes = all_homes(today=today, now=now)

    def ranglijst(opties: dict[str, Any], engine: dict[str, Any]) -> list[HomeResult]:
        return zoekindex.ranglijst(
            youth, homes, today, opties, lambda kies: rank_homes(youth, kies, today, **engine)
        )

    coordinator = {"audience": Audience.COORDINATOR, "with_impacts": False}
    beheerder = {"audience": Audience.BEHEERDER, "with_impacts": True}
    voor_coordinator = ranglijst(coordinator, coordinator)
    voor_beheerder = ranglijst(beheerder, beheerder)
    assert home.pk and voor_coordinator[0].resident_impacts == ()
    assert voor_beheerder[0].resident_impacts != ()
    # The same options again: the same ranking, not made again.
    assert ranglijst(dict(coordinator), {"audience": Audience.GEZIN}) is voor_coordinator


def test_search_results_equal_ranking_straight_from_the_home_tables(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, aanbieder: Organisatie
) -> None:
    for naam in ("De Linde", "De Eik", "De Beuk"):
        _woning(aanbieder, naam)
    now = timezone.now()
    today = timezone.localdate(now)
    youth = youth_from_jongere(noor, noor_analyse)
    verwacht = rank_homes(
        youth,
        load_homes(today=today, now=now),
        today,
        audience=Audience.COORDINATOR,
        with_impacts=False,
    )
    assert rank_for(noor, noor_analyse, today=today, now=now, audience=Audience.COORDINATOR) == (
        verwacht
    )
    zoekindex.vergeet()
    assert rank_for(noor, noor_analyse, today=today, now=now, audience=Audience.COORDINATOR) == (
        verwacht
    )


def test_the_stored_form_holds_every_field_of_the_engines_home() -> None:
    """A field added to the engine's Home must be stored too, or searches would lose it."""
    from dataclasses import fields

    assert {veld.name for veld in fields(Home)} == zoekindex.OPGESLAGEN_VELDEN


def test_stored_form_gives_back_the_same_home(aanbieder: Organisatie) -> None:
    home = _woning(aanbieder, "De Linde")
    PlaatsingFactory.create(
        voorziening=home, geplande_einde=timezone.localdate() + dt.timedelta(days=30)
    )
    home.aanbod.add(Kenmerk.objects.get(code="buitenruimte"))
    Toelatingsregel.objects.create(
        voorziening=home,
        soort=Toelatingsregel.Soort.BEHOEFTE,
        kenmerk=Kenmerk.objects.get(code="autisme_passend"),
        sterkte=Toelatingsregel.Sterkte.VOORKEUR,
        reden="Daar zijn we niet op ingericht.",
    )
    (gelezen,) = load_homes(today=timezone.localdate(), now=timezone.now())
    assert gelezen.policies
    assert zoekindex.decodeer(gelezen.ref, zoekindex.codeer(gelezen)) == gelezen
