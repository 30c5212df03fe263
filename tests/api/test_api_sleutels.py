"""A key reaches its own provider's homes only, and stops working when it is revoked.

Provider A's key is tried on everything of provider B: every read is a 404 that tells
nothing, every change is refused and changes nothing. Then what makes a key stop: revoking
it, the manager leaving or moving, a made-up key, no key at all.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from api.models import ApiSleutel
from api.sleutels import hash_van, maak_sleutel, trek_in
from privacy.models import Inzage
from tests.api.conftest import Aanbieder, ApiClient
from voorzieningen.models import Vacature

# --- Provider A never reads or changes anything of provider B --------------------------------


def test_a_providers_lists_hold_only_its_own_homes_vacancies_and_proposals(
    a: Aanbieder, b: Aanbieder
) -> None:
    woningen = a.client.api_get(reverse("api:woningen")).json()
    voorstellen = a.client.api_get(reverse("api:voorstellen")).json()
    gefilterd = a.client.api_get(reverse("api:voorstellen"), QUERY_STRING=f"woning={b.woning.pk}")

    assert [w["id"] for w in woningen] == [a.woning.pk]
    assert [v["id"] for v in voorstellen] == [a.voorstel.pk]
    assert gefilterd.json() == []


@pytest.mark.parametrize("naam", ["api:woning", "api:vacatures", "api:vacature", "api:voorstel"])
def test_a_providers_key_reads_nothing_of_another_provider(
    a: Aanbieder, b: Aanbieder, naam: str
) -> None:
    pk = {
        "api:woning": b.woning.pk,
        "api:vacatures": b.woning.pk,
        "api:vacature": b.vacature.pk,
        "api:voorstel": b.voorstel.pk,
    }[naam]

    response = a.client.api_get(reverse(naam, args=[pk]))
    niet_bestaand = a.client.api_get(reverse(naam, args=[999_999]))

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    # The same answer as for something that does not exist: nothing is confirmed.
    assert response.json() | {"instance": ""} == niet_bestaand.json() | {"instance": ""}
    assert "Wadzicht" not in response.content.decode()


def test_a_providers_key_changes_nothing_of_another_provider(a: Aanbieder, b: Aanbieder) -> None:
    beschrijving = b.woning.beschrijving
    pogingen = [
        a.client.api_patch(
            reverse("api:woning", args=[b.woning.pk]), {"beschrijving": "Overgenomen"}
        ),
        a.client.api_post(
            reverse("api:vacatures", args=[b.woning.pk]), {"beschikbaar_vanaf": "2030-01-01"}
        ),
        a.client.api_post(reverse("api:vacature_bevestigen", args=[b.vacature.pk])),
        a.client.api_post(reverse("api:vacature_intrekken", args=[b.vacature.pk])),
        a.client.api_post(
            reverse("api:voorstel_antwoord", args=[b.voorstel.pk]), {"interesse": True}
        ),
    ]

    assert [p.status_code for p in pogingen] == [404] * 5
    b.woning.refresh_from_db()
    b.vacature.refresh_from_db()
    b.voorstel.refresh_from_db()
    assert b.woning.beschrijving == beschrijving
    assert b.woning.vacatures.count() == 1
    assert b.vacature.status == Vacature.Status.OPEN
    assert b.voorstel.status == "verstuurd"


def test_an_admins_account_cannot_get_a_key_that_opens_every_home(admin_user: User) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        maak_sleutel(gebruiker=admin_user, naam="Alles", door=None)


# --- What makes a key stop working -----------------------------------------------------------


def test_a_revoked_key_is_refused_at_once(a: Aanbieder, admin_user: User) -> None:
    assert a.client.api_get(reverse("api:woningen")).status_code == 200
    sleutel = ApiSleutel.objects.get(gebruiker=a.beheerder)

    assert trek_in(sleutel=sleutel, door=admin_user) is True
    response = a.client.api_get(reverse("api:woningen"))

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert "ingetrokken" in response.json()["detail"]
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert trek_in(sleutel=sleutel, door=admin_user) is False


def test_a_key_stops_when_its_manager_is_deactivated_or_moves_provider(
    a: Aanbieder, b: Aanbieder
) -> None:
    a.beheerder.organisatie = b.beheerder.organisatie
    a.beheerder.save()
    assert a.client.api_get(reverse("api:woningen")).status_code == 401

    b.beheerder.is_active = False
    b.beheerder.save()
    assert b.client.api_get(reverse("api:woningen")).status_code == 401


@pytest.mark.parametrize(
    "kop",
    [
        None,
        "Bearer pp_verzonnen",
        "Bearer",
        "Token pp_iets",
        "Bearer pp_a pp_b",
        "Basic YmVoZWVyZGVyOndhY2h0d29vcmQ=",
    ],
)
def test_without_a_valid_key_nothing_is_read(a: Aanbieder, kop: str | None) -> None:
    client = ApiClient(None)
    extra: dict[str, Any] = {"HTTP_AUTHORIZATION": kop} if kop is not None else {}

    response = client.get(reverse("api:woningen"), **extra)

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401
    assert "De Linde" not in response.content.decode()


def test_a_signed_in_browser_session_does_not_open_the_api(a: Aanbieder) -> None:
    """The API knows keys only: a manager's session (and its cookie) is not a key."""
    client = ApiClient(None)
    client.force_login(a.beheerder)

    assert client.get(reverse("api:woningen")).status_code == 401


def test_the_database_keeps_only_a_hash_of_the_key(a: Aanbieder) -> None:
    record = ApiSleutel.objects.get(gebruiker=a.beheerder)

    assert record.sleutel_hash == hash_van(a.sleutel) != a.sleutel
    assert a.sleutel not in str(ApiSleutel.objects.values().get(pk=record.pk))
    assert a.sleutel.startswith(record.begin) and len(record.begin) < len(a.sleutel) / 3


# --- The command ---------------------------------------------------------------------------


def test_the_command_prints_a_new_key_that_works(beheerder: User, a: Aanbieder) -> None:
    uit = io.StringIO()
    call_command("api_token", beheerder.email.upper(), stdout=uit, stderr=io.StringIO())
    sleutel = uit.getvalue().strip()

    assert ApiClient(sleutel).api_get(reverse("api:woningen")).status_code == 200
    assert ApiSleutel.objects.geldig().filter(gebruiker=beheerder).count() == 2


def test_the_command_revokes_every_key_of_a_manager(beheerder: User, a: Aanbieder) -> None:
    fout = io.StringIO()
    call_command("api_token", beheerder.email, "--intrekken", stdout=io.StringIO(), stderr=fout)

    assert "1 key(s)" in fout.getvalue()
    assert a.client.api_get(reverse("api:woningen")).status_code == 401


@pytest.mark.parametrize("email", ["niemand@example.org", "coordinator"])
def test_the_command_refuses_anyone_but_a_manager_in_one_line(
    email: str, coordinator: User, capsys: pytest.CaptureFixture[str]
) -> None:
    adres = coordinator.email if email == "coordinator" else email
    with pytest.raises(SystemExit) as uitgang:
        call_command("api_token", adres)

    assert uitgang.value.code == 2
    fout = capsys.readouterr().err.strip()
    assert fout.startswith("api_token:") and "\n" not in fout
    assert not ApiSleutel.objects.exists()


# --- Every call is in the access log ----------------------------------------------------------


def test_every_call_is_in_the_access_log_on_the_keys_manager(a: Aanbieder, b: Aanbieder) -> None:
    voor = set(Inzage.objects.values_list("pk", flat=True))

    a.client.api_get(reverse("api:woning", args=[a.woning.pk]))
    a.client.api_get(reverse("api:voorstel", args=[a.voorstel.pk]))
    a.client.api_get(reverse("api:voorstel", args=[b.voorstel.pk]))
    ApiClient("pp_verzonnen").api_get(reverse("api:woningen"))

    regels = sorted(Inzage.objects.exclude(pk__in=voor), key=lambda regel: regel.op)
    assert [(r.soort, r.uitkomst, r.jongere_ref) for r in regels] == [
        ("profiel", "gelukt", None),
        ("voorstel", "gelukt", a.voorstel.jongere_id),
        ("profiel", "geweigerd", None),
        ("profiel", "geweigerd", None),
    ]
    assert [r.gebruiker_id for r in regels] == [a.beheerder.pk] * 3 + [None]
    assert regels[0].voorziening_id == a.woning.pk
    assert regels[1].voorziening_id == a.woning.pk
    assert regels[1].pad == reverse("api:voorstel", args=[a.voorstel.pk])


def test_reading_the_list_of_proposals_logs_every_youth_in_it(
    a: Aanbieder, coordinator: User
) -> None:
    from tests.jongeren.factories import AnalyseFactory, JongereFactory
    from tests.voorzieningen.factories import VacatureFactory
    from voorstellen import services as flow

    tweede = JongereFactory.create(roepnaam="Lotte", coordinator=coordinator)
    AnalyseFactory.create(jongere=tweede, status="gedragen")
    VacatureFactory.create(voorziening=a.woning)
    flow.stuur_voorstel(
        voorstel=flow.maak_voorstel(
            jongere=tweede, voorziening=a.woning, door=coordinator, motivatie="Past goed."
        ),
        door=coordinator,
    )

    a.client.api_get(reverse("api:voorstellen"))

    gelogd = set(
        Inzage.objects.filter(soort="voorstel", gebruiker=a.beheerder).values_list(
            "jongere_ref", flat=True
        )
    )
    assert gelogd == {a.voorstel.jongere_id, tweede.pk}
