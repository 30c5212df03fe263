"""Forms: every bad input of the issue gets a clear Dutch error on the right field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from kern.choices import Geslacht, Omgeving, Zorgintensiteit, Zorgprofiel
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
    vul_met_bewoners,
)
from voorzieningen.forms import (
    AankomstForm,
    TeamlidEindeForm,
    VacatureForm,
    VertrekForm,
    VoorzieningForm,
    ZoekForm,
)
from voorzieningen.models import Plaatsing, Voorziening


def _profiel(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "naam": "De Linde",
        "adres": "Lindelaan 14",
        "postcode": "9401 AB",
        "plaats": "Assen",
        "provincie": "",
        "lat": "",
        "lon": "",
        "omgeving": Omgeving.WOONWIJK,
        "max_bewoners": "4",
        "voorkeur_bewoners": "4",
        "leeftijd_min": "12",
        "leeftijd_max": "18",
        "medewerkers_per_dienst": "1",
        "beschrijving": "Een gewoon huis.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def nieuwe_woning(aanbieder: Any) -> Voorziening:
    return Voorziening(aanbieder=aanbieder)


def test_profile_is_geocoded_from_the_postcode(nieuwe_woning: Voorziening) -> None:
    form = VoorzieningForm(_profiel(), instance=nieuwe_woning)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lat"] == pytest.approx(52.99, abs=0.05)
    assert form.cleaned_data["lon"] == pytest.approx(6.56, abs=0.05)
    assert form.cleaned_data["provincie"] == "Drenthe"
    assert form.cleaned_data["postcode"] == "9401 AB"


@pytest.mark.parametrize(
    ("overrides", "veld", "melding"),
    [
        ({"max_bewoners": "7"}, "max_bewoners", "hoogstens 6 bewoners"),
        ({"max_bewoners": "0", "voorkeur_bewoners": "0"}, "max_bewoners", "minstens één"),
        ({"leeftijd_min": "7"}, "leeftijd_min", "8 tot en met 23"),
        ({"leeftijd_max": "24"}, "leeftijd_max", "8 tot en met 23"),
        ({"leeftijd_min": "17", "leeftijd_max": "14"}, "leeftijd_max", "niet lager zijn"),
        ({"voorkeur_bewoners": "5"}, "voorkeur_bewoners", "niet boven het maximum"),
        ({"medewerkers_per_dienst": "0"}, "medewerkers_per_dienst", "minstens één medewerker"),
    ],
    ids=["max_7", "max_0", "age_7", "age_24", "min_above_max", "preferred", "zero_staff"],
)
def test_profile_refuses_impossible_numbers(
    nieuwe_woning: Voorziening, overrides: dict[str, str], veld: str, melding: str
) -> None:
    form = VoorzieningForm(_profiel(**overrides), instance=nieuwe_woning)
    assert not form.is_valid()
    assert melding in " ".join(map(str, form.errors[veld]))
    # One clear message per field, not a second one from the database constraint.
    assert len(form.errors[veld]) == 1


def test_unknown_postcode_asks_for_coordinates_by_hand(nieuwe_woning: Voorziening) -> None:
    form = VoorzieningForm(_profiel(postcode="1001 AB"), instance=nieuwe_woning)
    assert not form.is_valid()
    melding = " ".join(map(str, form.errors["postcode"]))
    assert "Postcode 1001 AB is niet gevonden" in melding
    assert "Vul de coördinaten zelf in. Dat kan hieronder" in melding
    assert form.coordinaten_nodig


def test_coordinates_by_hand_are_used_when_the_postcode_is_unknown(
    nieuwe_woning: Voorziening,
) -> None:
    form = VoorzieningForm(
        _profiel(postcode="1001 AB", lat="53.1", lon="6.1", provincie="Friesland"),
        instance=nieuwe_woning,
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["lat"], form.cleaned_data["lon"]) == (53.1, 6.1)


def test_coordinates_by_hand_need_both_numbers_and_a_province(nieuwe_woning: Voorziening) -> None:
    alleen_lat = VoorzieningForm(_profiel(lat="53.1"), instance=nieuwe_woning)
    assert not alleen_lat.is_valid()
    assert "Vul beide coördinaten in" in alleen_lat.errors["lon"][0]
    zonder_provincie = VoorzieningForm(_profiel(lat="53.1", lon="6.1"), instance=nieuwe_woning)
    assert not zonder_provincie.is_valid()
    assert zonder_provincie.errors["provincie"] == ["Kies de provincie."]


def test_coordinates_outside_the_netherlands_are_refused(nieuwe_woning: Voorziening) -> None:
    form = VoorzieningForm(
        _profiel(lat="48.85", lon="2.35", provincie="Groningen"), instance=nieuwe_woning
    )
    assert not form.is_valid()
    assert form.errors["lat"] == ["Deze breedtegraad ligt niet in Nederland (50,7 tot 53,6)."]
    assert form.errors["lon"] == ["Deze lengtegraad ligt niet in Nederland (3,3 tot 7,3)."]


def test_unchanged_address_keeps_the_homes_coordinates(woning: Voorziening) -> None:
    data = _profiel(
        naam=woning.naam,
        postcode=woning.postcode,
        plaats=woning.plaats,
        provincie=woning.provincie,
        lat=str(woning.lat),
        lon=str(woning.lon),
        beschrijving="Nieuwe tekst.",
    )
    form = VoorzieningForm(data, instance=woning)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["lat"] == woning.lat


def test_a_provider_cannot_have_two_homes_with_one_name(woning: Voorziening) -> None:
    form = VoorzieningForm(
        _profiel(naam="de linde"), instance=Voorziening(aanbieder=woning.aanbieder)
    )
    assert not form.is_valid()
    assert form.errors["naam"] == ["Jullie hebben al een woning met deze naam."]


def test_maximum_cannot_drop_below_the_residents_living_there(woning: Voorziening) -> None:
    vul_met_bewoners(woning, 3)
    woning.refresh_from_db()
    form = VoorzieningForm(
        _profiel(naam=woning.naam, max_bewoners="2", voorkeur_bewoners="2"), instance=woning
    )
    assert not form.is_valid()
    assert form.errors["max_bewoners"] == ["Er wonen nu 3 jongeren; het maximum kan niet lager."]


# --- Arrivals and departures -----------------------------------------------------------


def _aankomst(**overrides: Any) -> dict[str, Any]:
    vandaag = timezone.localdate()
    data: dict[str, Any] = {
        "aanduiding": "N.B.",
        "geboortemaand": f"{vandaag.year - 15}-03",
        "geslacht": Geslacht.VROUW,
        "zorgprofiel": Zorgprofiel.TRAUMA,
        "zorgintensiteit": Zorgintensiteit.MIDDEN,
        "signalen": ["weglopen"],
        "aankomst": vandaag.isoformat(),
        "geplande_einde": "",
    }
    data.update(overrides)
    return data


def test_arrival_form_accepts_a_month_and_keeps_the_first_of_it(woning: Voorziening) -> None:
    form = AankomstForm(_aankomst(geboortemaand="04-2011"), voorziening=woning)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["geboortemaand"] == dt.date(2011, 4, 1)


def test_arrival_in_a_full_home_is_refused(woning: Voorziening) -> None:
    vul_met_bewoners(woning, 4)
    form = AankomstForm(_aankomst(), voorziening=woning)
    assert not form.is_valid()
    assert "De Linde is vol: alle 4 plekken zijn bezet" in form.non_field_errors()[0]


@pytest.mark.parametrize(
    ("overrides", "veld", "melding"),
    [
        (
            {"aankomst": (timezone.localdate() + dt.timedelta(days=3)).isoformat()},
            "aankomst",
            "op of na de dag van aankomst",
        ),
        (
            {"geboortemaand": f"{timezone.localdate().year - 6}-01"},
            "geboortemaand",
            "8 tot en met 23",
        ),
        (
            {"geboortemaand": f"{timezone.localdate().year - 30}-01"},
            "geboortemaand",
            "8 tot en met 23",
        ),
        ({"geboortemaand": f"{timezone.localdate().year + 1}-01"}, "geboortemaand", "toekomst"),
        ({"geboortemaand": "maart"}, "geboortemaand", "jaar en maand"),
        (
            {"geplande_einde": (timezone.localdate() - dt.timedelta(days=1)).isoformat()},
            "geplande_einde",
            "niet na de aankomst",
        ),
        ({"signalen": ["onzin"]}, "signalen", "geen beschikbare keuze"),
    ],
    ids=["future_arrival", "too_young", "too_old", "born_in_future", "no_month", "end", "signal"],
)
def test_arrival_form_refuses_bad_input(
    woning: Voorziening, overrides: dict[str, Any], veld: str, melding: str
) -> None:
    form = AankomstForm(_aankomst(**overrides), voorziening=woning)
    assert not form.is_valid()
    assert melding in " ".join(map(str, form.errors[veld])).lower()


def test_arrival_form_offers_only_this_homes_open_vacancies(
    woning: Voorziening, woning2: Voorziening
) -> None:
    eigen = VacatureFactory.create(voorziening=woning)
    VacatureFactory.create(voorziening=woning2)
    form = AankomstForm(voorziening=woning)
    assert list(form.fields["vacature"].queryset) == [eigen]  # type: ignore[attr-defined]


def test_departure_before_arrival_is_refused(woning: Voorziening) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning, aankomst=dt.date(2026, 3, 10))
    form = VertrekForm(
        {"einde": "2026-03-09", "eindreden": Plaatsing.Eindreden.GEPLAND}, plaatsing=plaatsing
    )
    assert not form.is_valid()
    assert form.errors["einde"] == ["De vertrekdatum ligt voor de aankomst (10 maart 2026)."]


def test_departure_in_the_future_is_refused(woning: Voorziening) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    morgen = timezone.localdate() + dt.timedelta(days=1)
    form = VertrekForm(
        {"einde": morgen.isoformat(), "eindreden": Plaatsing.Eindreden.GEPLAND},
        plaatsing=plaatsing,
    )
    assert not form.is_valid()
    assert "gepland einde" in form.errors["einde"][0]


def test_departure_needs_a_reason(woning: Voorziening) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    form = VertrekForm({"einde": timezone.localdate().isoformat()}, plaatsing=plaatsing)
    assert not form.is_valid()
    assert "eindreden" in form.errors


# --- Vacancies and team ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("dagen", "melding"),
    [
        (-1, "in het verleden"),
        (-400, "in het verleden"),
        (366, "binnen een jaar"),
        (3 * 365, "binnen een jaar"),
    ],
)
def test_vacancy_date_must_be_from_today_to_a_year_ahead(
    woning: Voorziening, dagen: int, melding: str
) -> None:
    datum = timezone.localdate() + dt.timedelta(days=dagen)
    form = VacatureForm({"beschikbaar_vanaf": datum.isoformat()}, voorziening=woning)
    assert not form.is_valid()
    assert melding in form.errors["beschikbaar_vanaf"][0]


@pytest.mark.parametrize("dagen", [0, 365])
def test_vacancy_date_today_and_a_year_ahead_are_fine(woning: Voorziening, dagen: int) -> None:
    datum = timezone.localdate() + dt.timedelta(days=dagen)
    assert VacatureForm({"beschikbaar_vanaf": datum.isoformat()}, voorziening=woning).is_valid()


def test_vacancy_in_a_home_that_opens_later_starts_when_it_opens(aanbieder: Any) -> None:
    opent = timezone.localdate() + dt.timedelta(days=30)
    woning = VoorzieningFactory.create(aanbieder=aanbieder, opent_op=opent)
    form = VacatureForm({"beschikbaar_vanaf": timezone.localdate().isoformat()}, voorziening=woning)
    assert not form.is_valid()
    assert "opent pas op" in form.errors["beschikbaar_vanaf"][0]


def test_team_member_cannot_leave_before_starting(woning: Voorziening) -> None:
    lid = TeamlidFactory.create(voorziening=woning, begindatum=dt.date(2026, 1, 5))
    form = TeamlidEindeForm({"einddatum": "2026-01-04"}, teamlid=lid)
    assert not form.is_valid()
    assert "voor de begindatum (5 januari 2026)" in form.errors["einddatum"][0]


def test_search_form_filters_by_province_place_setting_and_closed(
    woning: Voorziening, woning2: Voorziening
) -> None:
    Voorziening.objects.filter(pk=woning2.pk).update(
        gesloten=True, omgeving=Omgeving.INSTELLINGSTERREIN
    )
    alle = Voorziening.objects.all()
    now = timezone.now()

    def gevonden(**data: str) -> set[str]:
        form = ZoekForm(data)
        assert form.is_valid(), form.errors
        return {v.naam for v in form.filter(alle, now)}

    assert gevonden(provincie="Friesland") == {"Huize Wadzicht"}
    assert gevonden(plaats="groning") == {"De Linde"}
    assert gevonden(omgeving=Omgeving.INSTELLINGSTERREIN) == {"Huize Wadzicht"}
    assert gevonden(gesloten="open") == {"De Linde"}
    assert gevonden(gesloten="gesloten") == {"Huize Wadzicht"}
    assert gevonden(vrij="on") == set()
    VacatureFactory.create(voorziening=woning)
    assert gevonden(vrij="on") == {"De Linde"}
