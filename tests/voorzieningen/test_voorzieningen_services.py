"""Services: arrivals, departures, profile changes and vacancies keep the numbers true."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from kern.choices import Geslacht, Signaal, Zorgintensiteit, Zorgprofiel
from kern.models import UitgesteldeTaak
from matching import zoekindex
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    VacatureFactory,
    VoorzieningFactory,
    vul_met_bewoners,
)
from voorzieningen import services
from voorzieningen.models import Plaatsing, Vacature, Voorziening
from voorzieningen.signals import groep_gewijzigd

CaptureCallbacks = Callable[..., Any]


@pytest.fixture
def meldingen() -> Iterator[list[int]]:
    """The home ids that `groep_gewijzigd` announced, in order."""
    ontvangen: list[int] = []

    def receiver(sender: object, voorziening_id: int, **kwargs: object) -> None:
        ontvangen.append(voorziening_id)

    groep_gewijzigd.connect(receiver, dispatch_uid="test-meldingen")
    yield ontvangen
    groep_gewijzigd.disconnect(dispatch_uid="test-meldingen")


def _aankomst(woning: Voorziening, door: User, **overrides: Any) -> Plaatsing:
    velden: dict[str, Any] = {
        "geboortemaand": dt.date(2010, 5, 17),
        "geslacht": Geslacht.MAN,
        "zorgprofiel": Zorgprofiel.EXTERNALISEREND,
        "zorgintensiteit": Zorgintensiteit.HOOG,
        "signalen": [Signaal.WEGLOPEN, Signaal.AGRESSIE],
        "aankomst": timezone.localdate(),
    }
    velden.update(overrides)
    return services.registreer_aankomst(voorziening=woning, door=door, **velden)


# --- Arrivals ----------------------------------------------------------------------------


def test_arrival_registers_the_stay_and_takes_a_place(woning: Voorziening, beheerder: User) -> None:
    plaatsing = _aankomst(woning, beheerder, aanduiding="K.L.")
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 1
    assert plaatsing.geboortemaand == dt.date(2010, 5, 1)
    # Stored in the vocabulary's order, whatever order they came in.
    assert plaatsing.signalen == [Signaal.AGRESSIE, Signaal.WEGLOPEN]
    assert list(woning.plaatsingen.actief(timezone.localdate())) == [plaatsing]


def test_arrival_fills_the_chosen_vacancy_in_the_same_step(
    woning: Voorziening, beheerder: User
) -> None:
    vroeg = VacatureFactory.create(voorziening=woning)
    gekozen = VacatureFactory.create(voorziening=woning)
    plaatsing = _aankomst(woning, beheerder, vacature=gekozen)
    gekozen.refresh_from_db()
    vroeg.refresh_from_db()
    assert gekozen.status == Vacature.Status.VERVULD
    assert gekozen.plaatsing == plaatsing
    assert vroeg.status == Vacature.Status.OPEN


def test_arrival_into_the_last_advertised_place_fills_that_vacancy(
    woning: Voorziening, beheerder: User
) -> None:
    vul_met_bewoners(woning, 3)
    vacature = VacatureFactory.create(voorziening=woning)
    plaatsing = _aankomst(woning, beheerder)
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.VERVULD
    assert vacature.plaatsing == plaatsing


def test_arrival_leaves_vacancies_alone_while_places_remain(
    woning: Voorziening, beheerder: User
) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    _aankomst(woning, beheerder)
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN


def test_arrival_in_a_full_home_saves_nothing(
    woning: Voorziening, beheerder: User, meldingen: list[int]
) -> None:
    vul_met_bewoners(woning, 4)
    with pytest.raises(services.WoningVol, match="De Linde is vol"):
        _aankomst(woning, beheerder)
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 4
    assert woning.plaatsingen.count() == 4
    assert meldingen == []


def test_arrival_cannot_take_a_place_reserved_for_a_proposal(
    woning: Voorziening, beheerder: User
) -> None:
    vul_met_bewoners(woning, 3)
    gereserveerd = VacatureFactory.create(voorziening=woning, status=Vacature.Status.GERESERVEERD)
    with pytest.raises(ValidationError, match="gereserveerd voor een voorstel"):
        _aankomst(woning, beheerder)
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 3
    _aankomst(woning, beheerder, vacature=gereserveerd)
    gereserveerd.refresh_from_db()
    assert gereserveerd.status == Vacature.Status.VERVULD


def test_arrival_refuses_a_vacancy_of_another_home(
    woning: Voorziening, woning2: Voorziening, beheerder: User
) -> None:
    andere = VacatureFactory.create(voorziening=woning2)
    with pytest.raises(ValidationError) as error:
        _aankomst(woning, beheerder, vacature=andere)
    assert "vacature" in error.value.message_dict
    assert not woning.plaatsingen.exists()


def test_arrival_of_someone_older_than_23_is_refused(woning: Voorziening, beheerder: User) -> None:
    with pytest.raises(ValidationError) as error:
        _aankomst(
            woning, beheerder, geboortemaand=dt.date(2000, 1, 1), aankomst=dt.date(2026, 1, 5)
        )
    assert "26 jaar" in error.value.message_dict["geboortemaand"][0]
    assert not woning.plaatsingen.exists()
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 0


def test_only_the_homes_own_manager_registers_arrivals(
    woning: Voorziening, beheerder2: User, coordinator: User, admin_user: User
) -> None:
    for buitenstaander in (beheerder2, coordinator):
        with pytest.raises(PermissionDenied):
            _aankomst(woning, buitenstaander)
    assert not woning.plaatsingen.exists()
    _aankomst(woning, admin_user)
    assert woning.plaatsingen.count() == 1


# --- Departures and profile changes -----------------------------------------------------


def test_departure_frees_the_place_and_records_why(woning: Voorziening, beheerder: User) -> None:
    plaatsing = _aankomst(woning, beheerder, aankomst=timezone.localdate() - dt.timedelta(days=90))
    services.registreer_vertrek(
        plaatsing=plaatsing,
        door=beheerder,
        einde=timezone.localdate(),
        eindreden=Plaatsing.Eindreden.BREUK_VEILIGHEID,
        opzegtermijn_dagen=0,
        toelichting="Onveilig voor de groep.",
    )
    plaatsing.refresh_from_db()
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 0
    assert plaatsing.einde == timezone.localdate()
    assert plaatsing.is_breuk
    assert plaatsing.opzegtermijn_dagen == 0
    assert not woning.plaatsingen.actief(timezone.localdate()).exists()


def test_departure_can_open_the_freed_place_as_a_vacancy(
    woning: Voorziening, beheerder: User
) -> None:
    vul_met_bewoners(woning, 3)
    plaatsing = _aankomst(woning, beheerder)
    services.registreer_vertrek(
        plaatsing=plaatsing,
        door=beheerder,
        einde=timezone.localdate(),
        eindreden=Plaatsing.Eindreden.TERUG_NAAR_HUIS,
        vacature_vanaf=timezone.localdate(),
    )
    assert woning.vacatures.get().status == Vacature.Status.OPEN


def test_departure_before_arrival_or_twice_is_refused(woning: Voorziening, beheerder: User) -> None:
    plaatsing = _aankomst(woning, beheerder)
    with pytest.raises(ValidationError) as error:
        services.registreer_vertrek(
            plaatsing=plaatsing,
            door=beheerder,
            einde=plaatsing.aankomst - dt.timedelta(days=1),
            eindreden=Plaatsing.Eindreden.GEPLAND,
        )
    assert "einde" in error.value.message_dict
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 1

    services.registreer_vertrek(
        plaatsing=plaatsing,
        door=beheerder,
        einde=plaatsing.aankomst,
        eindreden=Plaatsing.Eindreden.GEPLAND,
    )
    with pytest.raises(ValidationError, match="al geregistreerd"):
        services.registreer_vertrek(
            plaatsing=plaatsing,
            door=beheerder,
            einde=plaatsing.aankomst,
            eindreden=Plaatsing.Eindreden.GEPLAND,
        )
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 0


def test_profile_change_saves_only_what_changed(woning: Voorziening, beheerder: User) -> None:
    plaatsing = _aankomst(woning, beheerder)
    services.wijzig_bewonersprofiel(
        plaatsing=plaatsing,
        door=beheerder,
        zorgintensiteit=Zorgintensiteit.LAAG,
        signalen=[Signaal.WEGLOPEN],
    )
    plaatsing.refresh_from_db()
    assert plaatsing.zorgintensiteit == Zorgintensiteit.LAAG
    assert plaatsing.signalen == [Signaal.WEGLOPEN]


def test_profile_change_refuses_unknown_fields_and_departed_residents(
    woning: Voorziening, beheerder: User
) -> None:
    plaatsing = _aankomst(woning, beheerder)
    with pytest.raises(TypeError):
        services.wijzig_bewonersprofiel(plaatsing=plaatsing, door=beheerder, einde=None)
    services.registreer_vertrek(
        plaatsing=plaatsing,
        door=beheerder,
        einde=timezone.localdate(),
        eindreden=Plaatsing.Eindreden.ZELFSTANDIG,
    )
    with pytest.raises(ValidationError, match="vertrokken"):
        services.wijzig_bewonersprofiel(
            plaatsing=plaatsing, door=beheerder, zorgintensiteit=Zorgintensiteit.LAAG
        )


# --- The announcement ----------------------------------------------------------------------


def test_group_changes_are_announced_in_the_changes_own_transaction(
    woning: Voorziening,
    beheerder: User,
    meldingen: list[int],
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        plaatsing = _aankomst(woning, beheerder)
        assert meldingen == [woning.pk]
        # The recompute waits in the outbox, to be handed to the broker after the commit.
        assert list(UitgesteldeTaak.objects.values_list("taak", "argumenten")) == [
            ("matching.tasks.herbereken_groepsbeeld", [woning.pk])
        ]
    # One hand-over to the broker (besides the search index taking the change in).
    assert len([cb for cb in callbacks if cb is not zoekindex._na_commit]) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_bewonersprofiel(
            plaatsing=plaatsing, door=beheerder, zorgprofiel=Zorgprofiel.TRAUMA
        )
        services.registreer_vertrek(
            plaatsing=plaatsing,
            door=beheerder,
            einde=timezone.localdate(),
            eindreden=Plaatsing.Eindreden.GEPLAND,
        )
    assert meldingen == [woning.pk, woning.pk, woning.pk]


def test_a_rolled_back_change_leaves_no_work_behind(
    woning: Voorziening,
    beheerder: User,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    class Afgebroken(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Afgebroken),
        transaction.atomic(),
    ):
        _aankomst(woning, beheerder)
        raise Afgebroken
    assert callbacks == []
    assert not UitgesteldeTaak.objects.exists()
    assert not Plaatsing.objects.exists()


def test_changes_outside_the_group_picture_are_not_announced(
    woning: Voorziening,
    beheerder: User,
    meldingen: list[int],
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    with django_capture_on_commit_callbacks(execute=True):
        services.wijzig_bewonersprofiel(
            plaatsing=plaatsing,
            door=beheerder,
            toelichting="Gaat goed op school.",
            geplande_einde=timezone.localdate() + dt.timedelta(days=60),
            zorgprofiel=plaatsing.zorgprofiel,  # unchanged
        )
        services.publiceer_vacature(
            voorziening=woning, door=beheerder, beschikbaar_vanaf=timezone.localdate()
        )
    assert meldingen == []


@pytest.mark.django_db(transaction=True)
def test_receivers_see_the_change_inside_its_transaction(aanbieder: Any, beheerder: User) -> None:
    woning = VoorzieningFactory.create(aanbieder=aanbieder)
    gezien: list[tuple[int, bool, int]] = []

    def receiver(sender: object, voorziening_id: int, **kwargs: object) -> None:
        # A receiver records follow-up work in the same transaction (the outbox).
        aantal = Voorziening.objects.get(pk=voorziening_id).bewoners_aantal
        gezien.append((voorziening_id, connection.in_atomic_block, aantal))

    groep_gewijzigd.connect(receiver, dispatch_uid="test-commit")
    try:
        _aankomst(woning, beheerder)
    finally:
        groep_gewijzigd.disconnect(dispatch_uid="test-commit")
    assert gezien == [(woning.pk, True, 1)]
    # After the commit the outbox handed the recompute on (in-process here).
    assert not UitgesteldeTaak.objects.exists()


# --- Vacancies -----------------------------------------------------------------------------


def test_never_more_open_vacancies_than_free_places(woning: Voorziening, beheerder: User) -> None:
    vul_met_bewoners(woning, 2)
    vandaag = timezone.localdate()
    services.publiceer_vacature(voorziening=woning, door=beheerder, beschikbaar_vanaf=vandaag)
    services.publiceer_vacature(voorziening=woning, door=beheerder, beschikbaar_vanaf=vandaag)
    with pytest.raises(services.GeenVrijePlek, match="2 van de 4 plekken"):
        services.publiceer_vacature(voorziening=woning, door=beheerder, beschikbaar_vanaf=vandaag)
    assert woning.vacatures.count() == 2


def test_vacancy_dates_are_checked_by_the_service_too(woning: Voorziening, beheerder: User) -> None:
    gisteren = timezone.localdate() - dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.publiceer_vacature(voorziening=woning, door=beheerder, beschikbaar_vanaf=gisteren)
    assert "beschikbaar_vanaf" in error.value.message_dict
    assert not woning.vacatures.exists()


def test_confirming_makes_a_stale_vacancy_visible_again(
    woning: Voorziening, beheerder: User
) -> None:
    vacature = VacatureFactory.create(
        voorziening=woning, laatst_bevestigd=timezone.now() - dt.timedelta(days=20)
    )
    assert not Vacature.objects.zichtbaar(timezone.now()).exists()
    services.bevestig_vacature(vacature=vacature, door=beheerder)
    assert list(Vacature.objects.zichtbaar(timezone.now())) == [vacature]


def test_withdrawn_or_reserved_vacancies_cannot_be_confirmed_or_withdrawn(
    woning: Voorziening, beheerder: User
) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    services.trek_vacature_in(vacature=vacature, door=beheerder)
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.INGETROKKEN
    with pytest.raises(ValidationError, match="alleen een open vacature"):
        services.bevestig_vacature(vacature=vacature, door=beheerder)
    gereserveerd = VacatureFactory.create(voorziening=woning, status=Vacature.Status.GERESERVEERD)
    with pytest.raises(ValidationError, match="gereserveerd"):
        services.trek_vacature_in(vacature=gereserveerd, door=beheerder)


def test_another_providers_manager_cannot_touch_vacancies(
    woning: Voorziening, beheerder2: User
) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    for actie in (services.bevestig_vacature, services.trek_vacature_in):
        with pytest.raises(PermissionDenied):
            actie(vacature=vacature, door=beheerder2)
    with pytest.raises(PermissionDenied):
        services.publiceer_vacature(
            voorziening=woning, door=beheerder2, beschikbaar_vanaf=timezone.localdate()
        )
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN


# --- The home's capacity -----------------------------------------------------------------


def test_lowering_the_maximum_below_residents_and_vacancies_is_refused(
    woning: Voorziening, beheerder: User
) -> None:
    vul_met_bewoners(woning, 2)
    VacatureFactory.create(voorziening=woning)
    woning.refresh_from_db()
    woning.max_bewoners = 2
    woning.voorkeur_bewoners = 2
    with pytest.raises(ValidationError, match="Trek eerst een vacature in"):
        services.bewaar_voorziening(voorziening=woning, door=beheerder, aanbod=[])
    woning.refresh_from_db()
    assert woning.max_bewoners == 4


def test_saving_a_profile_never_writes_a_stale_resident_count(
    woning: Voorziening, beheerder: User
) -> None:
    verouderd = Voorziening.objects.get(pk=woning.pk)  # read before the arrival
    _aankomst(woning, beheerder)
    verouderd.beschrijving = "Nieuw"
    services.bewaar_voorziening(voorziening=verouderd, door=beheerder, aanbod=[])
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 1
    assert woning.beschrijving == "Nieuw"


def test_a_manager_creates_homes_only_for_their_own_provider(
    beheerder: User, beheerder2: User, aanbieder: Any
) -> None:
    nieuw = VoorzieningFactory.build(aanbieder=aanbieder, naam="Nieuw huis")
    with pytest.raises(PermissionDenied):
        services.bewaar_voorziening(voorziening=nieuw, door=beheerder2, aanbod=[])
    services.bewaar_voorziening(voorziening=nieuw, door=beheerder, aanbod=[])
    assert Voorziening.objects.get(naam="Nieuw huis").aanbieder == aanbieder


def test_recount_repairs_the_counter_from_the_stays(woning: Voorziening) -> None:
    PlaatsingFactory.create_batch(2, voorziening=woning)
    assert services.herbereken_bewoners_aantal(voorziening=woning) == 2
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 2
