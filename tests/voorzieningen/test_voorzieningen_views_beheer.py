"""The manager's pages through the test client: status, database state, messages."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import Organisatie, User
from kern.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from kern.models import Kenmerk
from tests.voorzieningen.factories import (
    PlaatsingFactory,
    TeamlidFactory,
    VacatureFactory,
    VoorzieningFactory,
    vul_met_bewoners,
)
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening


@pytest.fixture
def ingelogd(client: Client, beheerder: User) -> Client:
    client.force_login(beheerder)
    return client


def _html(response: Any) -> str:
    return response.content.decode()


# --- Dashboard -----------------------------------------------------------------------------


def test_dashboard_shows_my_homes_with_occupancy_and_vacancies(
    ingelogd: Client, woning: Voorziening, woning2: Voorziening
) -> None:
    vul_met_bewoners(woning, 3)
    VacatureFactory.create(
        voorziening=woning,
        beschikbaar_vanaf=dt.date(2027, 1, 6),
        laatst_bevestigd=timezone.now() - dt.timedelta(days=2),
    )
    response = ingelogd.get(reverse("voorzieningen:dashboard"))
    html = _html(response)
    assert response.status_code == 200
    assert "De Linde" in html
    assert "Huize Wadzicht" not in html  # another provider's home
    assert "3 van 4" in html
    assert "Vrij vanaf 6 januari 2027" in html
    assert "2 dagen geleden bevestigd" in html
    assert "niet bevestigd" not in html  # nothing to confirm yet


def test_dashboard_asks_to_confirm_vacancies_unconfirmed_too_long(
    ingelogd: Client, woning: Voorziening, settings: Settings
) -> None:
    settings.VACATURE_BEVESTIG_DAGEN = 7
    VacatureFactory.create(
        voorziening=woning, laatst_bevestigd=timezone.now() - dt.timedelta(days=8)
    )
    html = _html(ingelogd.get(reverse("voorzieningen:dashboard")))
    assert "1 vacature is langer dan 7 dagen niet bevestigd" in html
    assert reverse("voorzieningen:beheer", args=[woning.pk]) + "#kop-vacatures" in html
    assert "Niet bevestigd in de laatste 7 dagen" in html
    assert "Bevestig: nog vrij" in html


def test_dashboard_prompt_names_each_home_with_unconfirmed_vacancies_once(
    ingelogd: Client, aanbieder: Organisatie, woning2: Voorziening, settings: Settings
) -> None:
    settings.VACATURE_BEVESTIG_DAGEN = 7
    oud = timezone.now() - dt.timedelta(days=8)
    twee = VoorzieningFactory.create(aanbieder=aanbieder, naam="Het Anker", max_bewoners=6)
    VacatureFactory.create(voorziening=twee, laatst_bevestigd=oud)
    VacatureFactory.create(voorziening=twee, laatst_bevestigd=oud)
    bevestigd = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Bevestigde")
    VacatureFactory.create(voorziening=bevestigd, laatst_bevestigd=timezone.now())
    VacatureFactory.create(voorziening=woning2, laatst_bevestigd=oud)  # another provider's

    html = _html(ingelogd.get(reverse("voorzieningen:dashboard")))
    prompt = re.search(r"Bij:(.*?)</p>", html, re.S)
    assert prompt is not None
    links = re.findall(r">([^<]+)</a>", prompt.group(1))
    assert links == ["Het Anker"]
    assert "2 vacatures zijn langer dan 7 dagen niet bevestigd" in html


def test_dashboard_queries_do_not_grow_with_the_number_of_homes(
    ingelogd: Client, aanbieder: Organisatie
) -> None:
    """A provider with many homes: the dashboard's queries are per page, not per home."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    oud = timezone.now() - dt.timedelta(days=30)

    def huizen(van: int, tot: int) -> int:
        for nummer in range(van, tot):
            huis = VoorzieningFactory.create(aanbieder=aanbieder, naam=f"Huis {nummer:02}")
            vul_met_bewoners(huis, 2)
            VacatureFactory.create(voorziening=huis, laatst_bevestigd=oud)
        ingelogd.get(reverse("voorzieningen:dashboard"))
        with CaptureQueriesContext(connection) as queries:
            assert ingelogd.get(reverse("voorzieningen:dashboard")).status_code == 200
        return len(queries)

    twee = huizen(0, 2)
    assert huizen(2, 12) == twee  # twelve homes, two pages


def test_dashboard_has_an_empty_state(ingelogd: Client, woning2: Voorziening) -> None:
    html = _html(ingelogd.get(reverse("voorzieningen:dashboard")))
    assert "Nog geen woningen" in html
    assert reverse("voorzieningen:nieuw") in html


def test_dashboard_is_paginated(ingelogd: Client, aanbieder: Organisatie) -> None:
    for nummer in range(12):
        VoorzieningFactory.create(aanbieder=aanbieder, naam=f"Huis {nummer:02}")
    eerste = _html(ingelogd.get(reverse("voorzieningen:dashboard")))
    tweede = _html(ingelogd.get(reverse("voorzieningen:dashboard") + "?pagina=2"))
    assert "Huis 00" in eerste and "Huis 10" not in eerste
    assert "Huis 10" in tweede and "Pagina 2 van 2" in tweede


def test_dashboard_flags_a_group_that_breaks_the_staff_ratio(
    ingelogd: Client, aanbieder: Organisatie
) -> None:
    woning = VoorzieningFactory.create(aanbieder=aanbieder, max_bewoners=6)
    vul_met_bewoners(woning, 5)
    assert "Te weinig personeel per dienst" in _html(
        ingelogd.get(reverse("voorzieningen:dashboard"))
    )


# --- A home's page -------------------------------------------------------------------------


def test_home_page_shows_residents_with_their_signals_to_the_manager(
    ingelogd: Client, woning: Voorziening
) -> None:
    vul_met_bewoners(woning, 1, aanduiding="K.L.", signalen=[Signaal.ZELFBESCHADIGING])
    html = _html(ingelogd.get(reverse("voorzieningen:beheer", args=[woning.pk])))
    assert "K.L." in html
    assert "Zelfbeschadiging" in html
    assert "1 van 4 plekken bezet" in html


# --- Profile -------------------------------------------------------------------------------


def _profiel(woning: Voorziening | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "naam": woning.naam if woning else "De Esch",
        "adres": "Eschweg 40",
        "postcode": woning.postcode if woning else "9401 AB",
        "plaats": woning.plaats if woning else "Assen",
        "provincie": woning.provincie if woning else "",
        "lat": str(woning.lat) if woning else "",
        "lon": str(woning.lon) if woning else "",
        "omgeving": Omgeving.WOONWIJK,
        "max_bewoners": "4",
        "voorkeur_bewoners": "4",
        "leeftijd_min": "12",
        "leeftijd_max": "18",
        "medewerkers_per_dienst": "1",
        "beschrijving": "Een gewoon huis.",
        "aanbod": [Kenmerk.objects.get(code="buitenruimte").pk],
        "ouderdeelname": ["mee_eten"],
        "onderwijs-TOTAL_FORMS": "1",
        "onderwijs-INITIAL_FORMS": "0",
        "onderwijs-MIN_NUM_FORMS": "0",
        "onderwijs-MAX_NUM_FORMS": "10",
        "onderwijs-0-soort": "regulier",
        "onderwijs-0-naam": "Het Drenthe College",
        "onderwijs-0-afstand_km": "2.5",
        "partners-TOTAL_FORMS": "1",
        "partners-INITIAL_FORMS": "0",
        "partners-MIN_NUM_FORMS": "0",
        "partners-MAX_NUM_FORMS": "10",
        "partners-0-naam": "",
        "partners-0-behandeling": "",
        "regels-TOTAL_FORMS": "0",
        "regels-INITIAL_FORMS": "0",
        "regels-MIN_NUM_FORMS": "0",
        "regels-MAX_NUM_FORMS": "20",
        "fotos-TOTAL_FORMS": "0",
        "fotos-INITIAL_FORMS": "0",
        "fotos-MIN_NUM_FORMS": "0",
        "fotos-MAX_NUM_FORMS": "8",
    }
    data.update(overrides)
    return data


def test_manager_adds_a_home_and_it_is_geocoded(
    ingelogd: Client, beheerder: User, aanbieder: Organisatie
) -> None:
    response = ingelogd.post(reverse("voorzieningen:nieuw"), _profiel(), follow=True)
    woning = Voorziening.objects.get(naam="De Esch")
    assert response.redirect_chain[-1][0] == reverse("voorzieningen:beheer", args=[woning.pk])
    assert woning.aanbieder == aanbieder
    assert woning.provincie == "Drenthe"
    assert woning.lat == pytest.approx(52.99, abs=0.05)
    assert [k.code for k in woning.aanbod.all()] == ["buitenruimte"]
    assert woning.onderwijs.get().naam == "Het Drenthe College"
    assert not woning.behandelpartners.exists()
    assert woning.ouderdeelname == ["mee_eten"]
    assert "De ligging is opgezocht bij de postcode: Assen (Drenthe)" in _html(response)


def test_profile_with_seven_places_saves_nothing(ingelogd: Client, woning: Voorziening) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _profiel(woning, max_bewoners="7", beschrijving="Gewijzigd"),
    )
    assert response.status_code == 200
    html = _html(response)
    assert "Een kleinschalige woonvoorziening heeft hoogstens 6 bewoners." in html
    assert 'aria-invalid="true"' in html
    woning.refresh_from_db()
    assert woning.max_bewoners == 4
    assert woning.beschrijving != "Gewijzigd"
    assert not woning.onderwijs.exists()


def test_unknown_postcode_opens_the_coordinates_and_then_saves_them(
    ingelogd: Client, woning: Voorziening
) -> None:
    url = reverse("voorzieningen:profiel", args=[woning.pk])
    fout = ingelogd.post(url, _profiel(woning, postcode="1001 AB", plaats="Nergenshuizen"))
    html = _html(fout)
    assert "Postcode 1001 AB is niet gevonden" in html
    assert '<details class="coordinaten" open>' in html
    woning.refresh_from_db()
    assert woning.postcode == "9711 AB"

    goed = ingelogd.post(
        url,
        _profiel(
            woning,
            postcode="1001 AB",
            plaats="Nergenshuizen",
            lat="53.05",
            lon="6.25",
            provincie="Friesland",
        ),
    )
    assert goed.status_code == 302
    woning.refresh_from_db()
    assert (woning.postcode, woning.lat, woning.lon) == ("1001 AB", 53.05, 6.25)
    assert woning.provincie == "Friesland"


def test_another_providers_manager_cannot_save_my_profile(
    client: Client, woning: Voorziening, beheerder2: User
) -> None:
    client.force_login(beheerder2)
    response = client.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _profiel(woning, naam="Gekaapt")
    )
    assert response.status_code == 404
    woning.refresh_from_db()
    assert woning.naam == "De Linde"


# --- Team ----------------------------------------------------------------------------------


def test_team_page_adds_a_member_and_shows_size_and_turnover(
    ingelogd: Client, woning: Voorziening
) -> None:
    vandaag = timezone.localdate()
    TeamlidFactory.create(
        voorziening=woning, naam="Bram", begindatum=vandaag - dt.timedelta(days=900)
    )
    TeamlidFactory.create(
        voorziening=woning,
        naam="Tessa",
        begindatum=vandaag - dt.timedelta(days=900),
        einddatum=vandaag - dt.timedelta(days=10),
    )
    url = reverse("voorzieningen:team", args=[woning.pk])
    response = ingelogd.post(
        url,
        {
            "naam": "Femke",
            "functie": Teamlid.Functie.PERSOONLIJK_BEGELEIDER,
            "jaren_ervaring": "4",
            "begindatum": vandaag.isoformat(),
            "competenties": [Kenmerk.objects.get(code="traumasensitief").pk],
        },
    )
    assert response.status_code == 302
    femke = woning.teamleden.get(naam="Femke")
    assert [k.code for k in femke.competenties.all()] == ["traumasensitief"]
    html = _html(ingelogd.get(url))
    assert "Femke" in html
    # Bram and Femke now; of Bram, Tessa and Femke one left in the last year.
    assert re.search(r"Teamleden nu</dt><dd>2</dd>", html)
    assert "33%" in html
    assert "Eerdere teamleden" in html and "Tessa" in html


def test_team_member_leaves_the_team(ingelogd: Client, woning: Voorziening) -> None:
    lid = TeamlidFactory.create(voorziening=woning, naam="Bram")
    url = reverse("voorzieningen:teamlid_einde", args=[woning.pk, lid.pk])
    vandaag = timezone.localdate()
    response = ingelogd.post(url, {"einddatum": vandaag.isoformat()})
    assert response.status_code == 302
    lid.refresh_from_db()
    assert lid.einddatum == vandaag
    assert woning.team_grootte(vandaag) == 0


def test_team_member_with_no_name_is_refused(ingelogd: Client, woning: Voorziening) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:team", args=[woning.pk]),
        {"naam": "", "functie": "pedagogisch_medewerker", "jaren_ervaring": "1", "begindatum": ""},
    )
    assert response.status_code == 200
    assert not woning.teamleden.exists()


# --- Residents -----------------------------------------------------------------------------


def _aankomst(**overrides: Any) -> dict[str, Any]:
    vandaag = timezone.localdate()
    data: dict[str, Any] = {
        "aanduiding": "N.B.",
        "geboortemaand": f"{vandaag.year - 15}-03",
        "geslacht": Geslacht.VROUW,
        "zorgprofiel": Zorgprofiel.TRAUMA,
        "zorgintensiteit": Zorgintensiteit.MIDDEN,
        "signalen": [Signaal.WEGLOPEN],
        "aankomst": vandaag.isoformat(),
        "geplande_einde": "",
    }
    data.update(overrides)
    return data


def test_arrival_is_registered_and_fills_the_chosen_vacancy(
    ingelogd: Client, woning: Voorziening
) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    response = ingelogd.post(
        reverse("voorzieningen:aankomst", args=[woning.pk]),
        _aankomst(vacature=vacature.pk),
        follow=True,
    )
    assert "Er wonen nu 1 van de 4 jongeren" in _html(response)
    woning.refresh_from_db()
    vacature.refresh_from_db()
    assert woning.bewoners_aantal == 1
    assert vacature.status == Vacature.Status.VERVULD
    assert vacature.plaatsing == woning.plaatsingen.get()


def test_arrival_in_a_full_home_gives_a_message_and_saves_nothing(
    ingelogd: Client, woning: Voorziening
) -> None:
    vul_met_bewoners(woning, 4)
    response = ingelogd.post(reverse("voorzieningen:aankomst", args=[woning.pk]), _aankomst())
    assert response.status_code == 200
    assert "De Linde is vol: alle 4 plekken zijn bezet" in _html(response)
    assert woning.plaatsingen.count() == 4


def test_resident_profile_change_is_saved(ingelogd: Client, woning: Voorziening) -> None:
    (bewoner,) = vul_met_bewoners(woning, 1, geboortemaand=dt.date(2011, 2, 1))
    response = ingelogd.post(
        reverse("voorzieningen:bewoner", args=[woning.pk, bewoner.pk]),
        _aankomst(
            geboortemaand="2011-02",
            zorgprofiel=Zorgprofiel.LVB,
            signalen=[Signaal.AGRESSIE, Signaal.VERSLAVING],
        ),
    )
    assert response.status_code == 302
    bewoner.refresh_from_db()
    assert bewoner.zorgprofiel == Zorgprofiel.LVB
    assert bewoner.signalen == [Signaal.AGRESSIE, Signaal.VERSLAVING]


def test_departure_is_registered_and_can_open_a_vacancy(
    ingelogd: Client, woning: Voorziening
) -> None:
    (bewoner,) = vul_met_bewoners(woning, 1)
    response = ingelogd.post(
        reverse("voorzieningen:vertrek", args=[woning.pk, bewoner.pk]),
        {
            "einde": timezone.localdate().isoformat(),
            "eindreden": Plaatsing.Eindreden.GEZIN_PLEEGZORG,
            "opzegtermijn_dagen": "30",
            "toelichting": "Naar een pleeggezin in Assen.",
            "vacature_openzetten": "on",
        },
        follow=True,
    )
    assert "De vrije plek staat open als vacature" in _html(response)
    bewoner.refresh_from_db()
    woning.refresh_from_db()
    assert bewoner.eindreden == Plaatsing.Eindreden.GEZIN_PLEEGZORG
    assert bewoner.opzegtermijn_dagen == 30
    assert woning.bewoners_aantal == 0
    assert woning.vacatures.get().status == Vacature.Status.OPEN
    historie = _html(ingelogd.get(reverse("voorzieningen:bewoners", args=[woning.pk])))
    assert "Naar een gezin of pleegzorg" in historie and "30 dagen vooraf" in historie


def test_departure_before_arrival_saves_nothing(ingelogd: Client, woning: Voorziening) -> None:
    (bewoner,) = vul_met_bewoners(woning, 1, aankomst=dt.date(2026, 3, 10))
    response = ingelogd.post(
        reverse("voorzieningen:vertrek", args=[woning.pk, bewoner.pk]),
        {"einde": "2026-03-01", "eindreden": Plaatsing.Eindreden.GEPLAND},
    )
    assert response.status_code == 200
    assert "De vertrekdatum ligt voor de aankomst (10 maart 2026)." in _html(response)
    bewoner.refresh_from_db()
    assert bewoner.einde is None


# --- Vacancies -----------------------------------------------------------------------------


def test_publish_a_vacancy(ingelogd: Client, woning: Voorziening) -> None:
    datum = timezone.localdate() + dt.timedelta(days=14)
    response = ingelogd.post(
        reverse("voorzieningen:vacature_nieuw", args=[woning.pk]),
        {"beschikbaar_vanaf": datum.isoformat()},
    )
    assert response.status_code == 302
    assert woning.vacatures.get().beschikbaar_vanaf == datum


@pytest.mark.parametrize("dagen", [-1, 800])
def test_vacancy_in_the_past_or_years_away_saves_nothing(
    ingelogd: Client, woning: Voorziening, dagen: int
) -> None:
    datum = timezone.localdate() + dt.timedelta(days=dagen)
    response = ingelogd.post(
        reverse("voorzieningen:vacature_nieuw", args=[woning.pk]),
        {"beschikbaar_vanaf": datum.isoformat()},
    )
    assert response.status_code == 200
    assert 'id="id_beschikbaar_vanaf_error"' in _html(response)
    assert not woning.vacatures.exists()


def test_no_vacancy_beyond_the_free_places(ingelogd: Client, woning: Voorziening) -> None:
    vul_met_bewoners(woning, 3)
    VacatureFactory.create(voorziening=woning)
    response = ingelogd.post(
        reverse("voorzieningen:vacature_nieuw", args=[woning.pk]),
        {"beschikbaar_vanaf": timezone.localdate().isoformat()},
    )
    assert response.status_code == 200
    assert "Er is geen plek meer om open te zetten" in _html(response)
    assert woning.vacatures.count() == 1


def test_confirming_with_htmx_returns_just_the_vacancy(
    ingelogd: Client, woning: Voorziening
) -> None:
    vacature = VacatureFactory.create(
        voorziening=woning, laatst_bevestigd=timezone.now() - dt.timedelta(days=20)
    )
    response = ingelogd.post(
        reverse("voorzieningen:vacature_bevestigen", args=[woning.pk, vacature.pk]),
        {"volgende": reverse("voorzieningen:dashboard")},
        headers={"HX-Request": "true"},
    )
    html = _html(response)
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="vacature" id="vacature-{vacature.pk}"')
    assert "<html" not in html
    assert "Bevestigd: de plek is nog vrij." in html
    vacature.refresh_from_db()
    assert timezone.now() - vacature.laatst_bevestigd < dt.timedelta(minutes=1)


def test_confirming_without_javascript_redirects_back(
    ingelogd: Client, woning: Voorziening
) -> None:
    vacature = VacatureFactory.create(
        voorziening=woning, laatst_bevestigd=timezone.now() - dt.timedelta(days=20)
    )
    dashboard = reverse("voorzieningen:dashboard")
    response = ingelogd.post(
        reverse("voorzieningen:vacature_bevestigen", args=[woning.pk, vacature.pk]),
        {"volgende": dashboard},
    )
    assert response.status_code == 302
    assert response["Location"] == dashboard
    vacature.refresh_from_db()
    assert not vacature.is_verlopen()


def test_confirming_refuses_a_redirect_to_another_site(
    ingelogd: Client, woning: Voorziening
) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    response = ingelogd.post(
        reverse("voorzieningen:vacature_bevestigen", args=[woning.pk, vacature.pk]),
        {"volgende": "https://example.com/"},
    )
    assert response["Location"] == reverse("voorzieningen:beheer", args=[woning.pk])


def test_confirming_is_post_only(ingelogd: Client, woning: Voorziening) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    url = reverse("voorzieningen:vacature_bevestigen", args=[woning.pk, vacature.pk])
    assert ingelogd.get(url).status_code == 405


def test_another_providers_manager_cannot_confirm_my_vacancy(
    client: Client, woning: Voorziening, beheerder2: User
) -> None:
    oud = timezone.now() - dt.timedelta(days=20)
    vacature = VacatureFactory.create(voorziening=woning, laatst_bevestigd=oud)
    client.force_login(beheerder2)
    url = reverse("voorzieningen:vacature_bevestigen", args=[woning.pk, vacature.pk])
    assert client.post(url, headers={"HX-Request": "true"}).status_code == 404
    vacature.refresh_from_db()
    assert vacature.laatst_bevestigd == oud


def test_withdrawing_asks_first_then_withdraws(ingelogd: Client, woning: Voorziening) -> None:
    vacature = VacatureFactory.create(voorziening=woning)
    url = reverse("voorzieningen:vacature_intrekken", args=[woning.pk, vacature.pk])
    vraag = ingelogd.get(url)
    assert "Ja, intrekken" in _html(vraag)
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.OPEN
    assert ingelogd.post(url).status_code == 302
    vacature.refresh_from_db()
    assert vacature.status == Vacature.Status.INGETROKKEN


# --- Pages are accessible and CSP-clean -----------------------------------------------------


def test_every_manager_page_has_one_h1_and_no_inline_styles_or_handlers(
    ingelogd: Client, woning: Voorziening
) -> None:
    (bewoner,) = vul_met_bewoners(woning, 1)
    lid = TeamlidFactory.create(voorziening=woning)
    vacature = VacatureFactory.create(voorziening=woning)
    PlaatsingFactory.create(
        voorziening=woning,
        aankomst=dt.date(2025, 1, 1),
        einde=dt.date(2025, 6, 1),
        eindreden=Plaatsing.Eindreden.GEPLAND,
    )
    pk = woning.pk
    urls = [
        reverse("voorzieningen:dashboard"),
        reverse("voorzieningen:nieuw"),
        reverse("voorzieningen:beheer", args=[pk]),
        reverse("voorzieningen:profiel", args=[pk]),
        reverse("voorzieningen:team", args=[pk]),
        reverse("voorzieningen:teamlid", args=[pk, lid.pk]),
        reverse("voorzieningen:teamlid_einde", args=[pk, lid.pk]),
        reverse("voorzieningen:aankomst", args=[pk]),
        reverse("voorzieningen:bewoners", args=[pk]),
        reverse("voorzieningen:bewoner", args=[pk, bewoner.pk]),
        reverse("voorzieningen:vertrek", args=[pk, bewoner.pk]),
        reverse("voorzieningen:vacature_nieuw", args=[pk]),
        reverse("voorzieningen:vacature_intrekken", args=[pk, vacature.pk]),
        reverse("voorzieningen:detail", args=[pk]),
    ]
    for url in urls:
        response = ingelogd.get(url)
        assert response.status_code == 200, url
        html = _html(response)
        assert html.count("<h1") == 1, url
        assert " style=" not in html, url
        assert not re.search(r"\son[a-z]+=", html), url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url
        for th in re.findall(r"<th[ >][^>]*", html):
            assert "scope=" in th, (url, th)
        # Every visible input, select and textarea has its own label.
        for tag in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
            if 'type="hidden"' in tag:
                continue
            veld_id = re.search(r'\bid="([^"]+)"', tag)
            assert veld_id, (url, tag)
            assert f'for="{veld_id.group(1)}"' in html, (url, tag)
