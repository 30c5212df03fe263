"""Changing things through the API: the same rules as the pages, errors that name the field,
changes that are safe to send twice, and a rate limit per key."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from api.models import IdempotentAntwoord
from kern.models import Kenmerk
from tests.api.conftest import Aanbieder
from voorzieningen.models import Toelatingsregel, Vacature


def _over(dagen: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=dagen)).isoformat()


# --- Homes -----------------------------------------------------------------------------------


def test_a_provider_updates_a_homes_profile_and_admission_policy(a: Aanbieder) -> None:
    response = a.client.api_patch(
        reverse("api:woning", args=[a.woning.pk]),
        {
            "huisdieren": "Een kat",
            "roken": "buiten",
            "voeding": ["halal", "vegetarisch"],
            "aanbod": ["buitenruimte"],
            "toelatingsbeleid": [
                {
                    "soort": "behoefte",
                    "behoefte": "verslavingszorg",
                    "sterkte": "hard",
                    "reden": "Geen verslavingsarts.",
                },
                {
                    "soort": "geslacht",
                    "geslacht": "v",
                    "sterkte": "voorkeur",
                    "reden": "Nu alleen meiden.",
                },
            ],
        },
    )

    assert response.status_code == 200, response.content
    a.woning.refresh_from_db()
    assert (a.woning.huisdieren, a.woning.roken) == ("Een kat", "buiten")
    assert list(a.woning.aanbod.values_list("code", flat=True)) == ["buitenruimte"]
    regels = {(r.soort, r.sterkte) for r in Toelatingsregel.objects.filter(voorziening=a.woning)}
    assert regels == {("behoefte", "hard"), ("geslacht", "voorkeur")}
    assert response.json()["toelatingsbeleid"][0]["behoefte"] == "verslavingszorg"


def test_a_partial_update_keeps_what_it_does_not_name(a: Aanbieder) -> None:
    Toelatingsregel.objects.create(
        voorziening=a.woning, soort="geslacht", geslacht="m", sterkte="hard", reden="Jongenshuis."
    )
    a.woning.aanbod.add(Kenmerk.objects.get(code="rust_structuur"))

    response = a.client.api_patch(
        reverse("api:woning", args=[a.woning.pk]), {"huisregels": "Rust."}
    )

    assert response.status_code == 200
    assert Toelatingsregel.objects.filter(voorziening=a.woning).count() == 1
    assert list(a.woning.aanbod.values_list("code", flat=True)) == ["rust_structuur"]


@pytest.mark.parametrize(
    ("data", "veld", "woorden"),
    [
        ({"max_bewoners": 7}, "max_bewoners", "6"),
        ({"leeftijd_min": 16, "leeftijd_max": 12}, "leeftijd_max", "jongste"),
        ({"talen": ["klingon"]}, "talen[0]", "geldige keuze"),
        ({"talen": ["nl", "nl"]}, "talen", "dubbel"),
        ({"aanbod": ["zwembad"]}, "aanbod", "zwembad"),
        (
            {
                "toelatingsbeleid": [
                    {"soort": "geslacht", "geslacht": "v", "sterkte": "hard", "reden": ""}
                ]
            },
            "toelatingsbeleid[0].reden",
            "",
        ),
        (
            {"toelatingsbeleid": [{"soort": "behoefte", "sterkte": "hard", "reden": "Geen tuin."}]},
            "toelatingsbeleid[0].kenmerk",
            "niet kunnen bieden",
        ),
        (
            {
                "gesloten": True,
                "toelatingsbeleid": [
                    {"soort": "geen_machtiging", "sterkte": "hard", "reden": "Open huis."}
                ],
            },
            "toelatingsbeleid",
            "gesloten woning",
        ),
    ],
)
def test_a_refused_update_is_a_dutch_problem_naming_the_field_and_saves_nothing(
    a: Aanbieder, data: dict[str, object], veld: str, woorden: str
) -> None:
    voor = a.woning.gewijzigd_op
    response = a.client.api_patch(reverse("api:woning", args=[a.woning.pk]), data)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    probleem = response.json()
    assert probleem["type"].endswith("/validatie")
    assert probleem["status"] == 400 and probleem["title"] == "Het verzoek klopt niet"
    fouten = {fout["veld"]: fout["melding"] for fout in probleem["fouten"]}
    assert veld in fouten, fouten
    assert woorden in fouten[veld]
    a.woning.refresh_from_db()
    assert a.woning.gewijzigd_op == voor
    assert not Toelatingsregel.objects.exists()


def test_the_resident_count_and_the_name_cannot_be_written(a: Aanbieder) -> None:
    response = a.client.api_patch(
        reverse("api:woning", args=[a.woning.pk]), {"bewoners_aantal": 3, "naam": "Anders"}
    )

    assert response.status_code == 200
    a.woning.refresh_from_db()
    assert (a.woning.bewoners_aantal, a.woning.naam) == (0, "De Linde")


# --- Vacancies ---------------------------------------------------------------------------------


def test_publishing_a_vacancy_follows_the_pages_rules(a: Aanbieder) -> None:
    pad = reverse("api:vacatures", args=[a.woning.pk])

    gemaakt = a.client.api_post(pad, {"beschikbaar_vanaf": _over(3)})
    verleden = a.client.api_post(pad, {"beschikbaar_vanaf": _over(-3)})
    geen_datum = a.client.api_post(pad, {"beschikbaar_vanaf": "morgen"})

    assert gemaakt.status_code == 201, gemaakt.content
    assert gemaakt.json()["zichtbaar"] is True
    assert verleden.status_code == 400
    assert verleden.json()["fouten"] == [
        {
            "veld": "beschikbaar_vanaf",
            "melding": "Deze datum ligt in het verleden. Kies vandaag of een latere datum.",
        }
    ]
    assert geen_datum.json()["fouten"][0]["veld"] == "beschikbaar_vanaf"


def test_no_more_vacancies_than_free_places_is_a_conflict(a: Aanbieder) -> None:
    pad = reverse("api:vacatures", args=[a.woning.pk])
    for _ in range(3):  # four places, one vacancy already: three more fit
        assert a.client.api_post(pad, {"beschikbaar_vanaf": _over(1)}).status_code == 201

    response = a.client.api_post(pad, {"beschikbaar_vanaf": _over(1)})

    assert response.status_code == 409
    assert response.json()["title"] == "Dit kan nu niet"
    assert "geen plek meer" in response.json()["detail"]
    assert a.woning.vacatures.count() == 4


def test_confirming_keeps_a_vacancy_visible_and_withdrawing_twice_is_a_conflict(
    a: Aanbieder,
) -> None:
    Vacature.objects.filter(pk=a.vacature.pk).update(
        laatst_bevestigd=timezone.now() - dt.timedelta(days=30)
    )
    assert (
        a.client.api_get(reverse("api:vacature", args=[a.vacature.pk])).json()["zichtbaar"] is False
    )

    bevestigd = a.client.api_post(reverse("api:vacature_bevestigen", args=[a.vacature.pk]))
    assert bevestigd.status_code == 200 and bevestigd.json()["zichtbaar"] is True

    eerste = a.client.api_post(reverse("api:vacature_intrekken", args=[a.vacature.pk]))
    tweede = a.client.api_post(reverse("api:vacature_intrekken", args=[a.vacature.pk]))
    assert eerste.json()["status"] == "ingetrokken"
    assert tweede.status_code == 409
    assert "al ingetrokken" in tweede.json()["detail"]


# --- Idempotency ---------------------------------------------------------------------------------


def test_the_same_change_sent_twice_with_one_key_happens_once(a: Aanbieder) -> None:
    pad = reverse("api:vacatures", args=[a.woning.pk])
    data = {"beschikbaar_vanaf": _over(5)}

    eerste = a.client.api_post(pad, data, sleutel="plaats-de-linde-1")
    tweede = a.client.api_post(pad, data, sleutel="plaats-de-linde-1")

    assert eerste.status_code == tweede.status_code == 201
    assert eerste.json() == tweede.json()
    assert tweede["Idempotency-Replayed"] == "true"
    assert "Idempotency-Replayed" not in eerste
    assert a.woning.vacatures.count() == 2


def test_one_key_for_two_different_changes_is_refused(a: Aanbieder) -> None:
    pad = reverse("api:vacatures", args=[a.woning.pk])
    a.client.api_post(pad, {"beschikbaar_vanaf": _over(5)}, sleutel="sleutel-1")

    response = a.client.api_post(pad, {"beschikbaar_vanaf": _over(6)}, sleutel="sleutel-1")

    assert response.status_code == 422
    assert "ander verzoek" in response.json()["detail"]
    assert a.woning.vacatures.count() == 2


def test_a_refused_change_is_not_kept_so_the_corrected_one_may_use_the_key(a: Aanbieder) -> None:
    pad = reverse("api:vacatures", args=[a.woning.pk])
    assert a.client.api_post(pad, {"beschikbaar_vanaf": _over(-1)}, sleutel="k").status_code == 400
    assert not IdempotentAntwoord.objects.exists()

    # The same request again is tried again (it changed nothing); so is a corrected one.
    assert a.client.api_post(pad, {"beschikbaar_vanaf": _over(-1)}, sleutel="k").status_code == 400
    assert a.client.api_post(pad, {"beschikbaar_vanaf": _over(1)}, sleutel="k").status_code == 201


def test_keys_are_per_api_key_so_providers_cannot_collide(a: Aanbieder, b: Aanbieder) -> None:
    a_pad = reverse("api:vacatures", args=[a.woning.pk])
    b_pad = reverse("api:vacatures", args=[b.woning.pk])

    assert a.client.api_post(a_pad, {"beschikbaar_vanaf": _over(2)}, sleutel="x").status_code == 201
    assert b.client.api_post(b_pad, {"beschikbaar_vanaf": _over(2)}, sleutel="x").status_code == 201


@pytest.mark.parametrize("waarde", [None, "", "met spatie", "x" * 201])
def test_a_change_without_a_usable_idempotency_key_is_refused(
    a: Aanbieder, waarde: str | None
) -> None:
    response = a.client.api_post(
        reverse("api:vacature_bevestigen", args=[a.vacature.pk]), sleutel=waarde
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["title"]


def test_an_answer_sent_twice_is_answered_once(a: Aanbieder) -> None:
    pad = reverse("api:voorstel_antwoord", args=[a.voorstel.pk])

    eerste = a.client.api_post(pad, {"interesse": True}, sleutel="antwoord-1")
    tweede = a.client.api_post(pad, {"interesse": True}, sleutel="antwoord-1")
    zonder_dezelfde = a.client.api_post(pad, {"interesse": True})

    assert eerste.json() == tweede.json() and eerste.json()["status"] == "interesse"
    assert zonder_dezelfde.status_code == 409
    assert a.voorstel.tijdlijn.filter(wat="interesse").count() == 1


# --- Answering a proposal ------------------------------------------------------------------------


def test_declining_needs_a_reason_and_anders_needs_words(a: Aanbieder) -> None:
    pad = reverse("api:voorstel_antwoord", args=[a.voorstel.pk])

    zonder = a.client.api_post(pad, {"interesse": False})
    anders = a.client.api_post(pad, {"interesse": False, "reden": "anders"})
    goed = a.client.api_post(
        pad, {"interesse": False, "reden": "impact_bewoners", "toelichting": "Te druk nu."}
    )

    assert zonder.json()["fouten"][0]["veld"] == "reden"
    assert anders.json()["fouten"][0]["veld"] == "toelichting"
    assert goed.status_code == 200 and goed.json()["status"] == "afgewezen"
    a.voorstel.refresh_from_db()
    assert (a.voorstel.afwijsreden, a.voorstel.antwoord_toelichting) == (
        "impact_bewoners",
        "Te druk nu.",
    )


# --- The rate limit ------------------------------------------------------------------------------


def test_a_key_over_its_limit_waits_and_another_key_does_not(
    a: Aanbieder, b: Aanbieder, settings: Settings
) -> None:
    settings.API_PER_MINUUT = 3
    pad = reverse("api:woningen")
    antwoorden = [a.client.api_get(pad).status_code for _ in range(4)]

    assert antwoorden == [200, 200, 200, 429]
    te_veel = a.client.api_get(pad)
    assert te_veel["Content-Type"] == "application/problem+json"
    assert 1 <= int(te_veel["Retry-After"]) <= 60
    assert b.client.api_get(pad).status_code == 200
