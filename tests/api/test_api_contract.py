"""The API keeps its contract: the OpenAPI schema is valid, documents every endpoint, and
every answer the demo provider's key gets (with the demo data) matches the schema.

The key is made the way the README says, with `manage.py api_token beheerder@example.org`.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from pytest_django import Settings
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.api.conftest import ApiClient
from voorstellen.models import Voorstel, VoorstelStatus
from voorzieningen.models import Vacature, Voorziening


@pytest.fixture
def document(client: Client, db: None) -> dict[str, Any]:
    response = client.get(reverse("api:schema"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return json.loads(response.content)


def _api_patronen() -> list[tuple[str, URLPattern]]:
    resolver = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "api"
    )
    return [(f"api:{p.name}", p) for p in resolver.url_patterns if isinstance(p, URLPattern)]


def test_the_schema_is_valid_openapi_3(document: dict[str, Any]) -> None:
    validate(document)
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["apiSleutel"]["scheme"] == "bearer"


def test_the_schema_documents_every_endpoint_of_the_api(document: dict[str, Any]) -> None:
    gedocumenteerd = set(document["paths"])
    for naam, patroon in _api_patronen():
        if naam in {"api:schema", "api:docs"}:
            continue
        pad = "/api/v1/" + str(patroon.pattern).replace("<int:pk>", "{id}")
        assert pad in gedocumenteerd, naam
    assert len(gedocumenteerd) == len(_api_patronen()) - 2


def test_every_change_requires_an_idempotency_key_in_the_schema(document: dict[str, Any]) -> None:
    for pad, item in document["paths"].items():
        if "post" in item:
            koppen = {p["name"]: p for p in item["post"]["parameters"] if p["in"] == "header"}
            assert koppen["Idempotency-Key"]["required"] is True, pad


def test_the_documentation_page_lists_every_operation(
    client: Client, document: dict[str, Any], settings: Settings
) -> None:
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    html = response.content.decode()
    for pad, item in document["paths"].items():
        for methode in item:
            assert f"{methode.upper()} {pad}" in html, (methode, pad)
    assert "Authorization: Bearer" in html and "application/problem+json" in html


# --- Every endpoint with the demo key, checked against the schema ------------------------------


class Contract:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.registry: Registry[Any] = Registry().with_resource(
            "urn:api", Resource.from_contents(document, default_specification=DRAFT202012)
        )
        self.gezien: set[tuple[str, str]] = set()

    def controleer(self, methode: str, pad_sjabloon: str, response: Any) -> Any:
        """The answer's status is documented for this operation and its body matches."""
        operatie = self.document["paths"][pad_sjabloon][methode]
        antwoorden = operatie["responses"]
        status = str(response.status_code)
        assert status in antwoorden, f"{methode} {pad_sjabloon}: {status} {response.content!r}"
        inhoud = antwoorden[status].get("content", {})
        soort = response["Content-Type"].split(";")[0]
        assert soort in inhoud, f"{methode} {pad_sjabloon}: content type {soort}"
        schema = json.loads(json.dumps(inhoud[soort]["schema"]).replace('"#/', '"urn:api#/'))
        OAS31Validator(schema, registry=self.registry).validate(response.json())
        self.gezien.add((methode, pad_sjabloon))
        return response.json()


@pytest.fixture
def demo_sleutel(db: None, settings: Settings) -> str:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    uit, fout = io.StringIO(), io.StringIO()
    call_command("api_token", "beheerder@example.org", stdout=uit, stderr=fout)
    sleutel = uit.getvalue().strip()
    assert sleutel.startswith("pp_") and "\n" not in sleutel
    assert "shown only now" in fout.getvalue()
    return sleutel


def test_every_endpoint_answers_the_demo_key_as_the_schema_says(
    document: dict[str, Any], demo_sleutel: str
) -> None:
    api = ApiClient(demo_sleutel)
    contract = Contract(document)
    gemaakt = contract.controleer("get", "/api/v1/woningen/", api.api_get("/api/v1/woningen/"))
    assert len(gemaakt) == 7  # the demo manager's provider has seven homes

    met_vacature = next(
        woning
        for woning in Voorziening.objects.managed_by(demo_manager()).order_by("naam")
        if woning.vacatures.filter(status=Vacature.Status.OPEN).exists()
    )
    pad = f"/api/v1/woningen/{met_vacature.pk}/"
    contract.controleer("get", "/api/v1/woningen/{id}/", api.api_get(pad))
    gewijzigd = contract.controleer(
        "patch",
        "/api/v1/woningen/{id}/",
        api.api_patch(
            pad,
            {
                "huisregels": "Om 22 uur is het stil.",
                "talen": ["nl", "fy"],
                "toelatingsbeleid": [
                    {
                        "soort": "geslacht",
                        "geslacht": "v",
                        "sterkte": "voorkeur",
                        "reden": "Een meidenhuis.",
                    }
                ],
            },
        ),
    )
    assert (
        gewijzigd["talen"] == ["nl", "fy"] and gewijzigd["toelatingsbeleid"][0]["geslacht"] == "v"
    )

    vacatures = contract.controleer(
        "get", "/api/v1/woningen/{id}/vacatures/", api.api_get(f"{pad}vacatures/")
    )
    open_vacature = next(v for v in vacatures if v["status"] == "open")
    vpad = f"/api/v1/vacatures/{open_vacature['id']}/"
    contract.controleer("get", "/api/v1/vacatures/{id}/", api.api_get(vpad))
    contract.controleer(
        "post", "/api/v1/vacatures/{id}/bevestigen/", api.api_post(f"{vpad}bevestigen/")
    )
    ingetrokken = contract.controleer(
        "post", "/api/v1/vacatures/{id}/intrekken/", api.api_post(f"{vpad}intrekken/")
    )
    assert ingetrokken["status"] == "ingetrokken"
    # The place is free again: publish it anew.
    over_een_week = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
    nieuw = contract.controleer(
        "post",
        "/api/v1/woningen/{id}/vacatures/",
        api.api_post(f"{pad}vacatures/", {"beschikbaar_vanaf": over_een_week}),
    )
    assert (nieuw["status"], nieuw["beschikbaar_vanaf"]) == ("open", over_een_week)
    # A date in the past is refused, naming the field.
    fout = contract.controleer(
        "post",
        "/api/v1/woningen/{id}/vacatures/",
        api.api_post(f"{pad}vacatures/", {"beschikbaar_vanaf": "1999-01-01"}),
    )
    assert fout["fouten"][0]["veld"] == "beschikbaar_vanaf"

    voorstellen = contract.controleer(
        "get", "/api/v1/voorstellen/", api.api_get("/api/v1/voorstellen/")
    )
    wachtend = Voorstel.objects.for_user(demo_manager()).get(
        pk__in=[v["id"] for v in voorstellen], status=VoorstelStatus.VERSTUURD
    )
    contract.controleer(
        "get", "/api/v1/voorstellen/{id}/", api.api_get(f"/api/v1/voorstellen/{wachtend.pk}/")
    )
    antwoord = contract.controleer(
        "post",
        "/api/v1/voorstellen/{id}/antwoord/",
        api.api_post(f"/api/v1/voorstellen/{wachtend.pk}/antwoord/", {"interesse": True}),
    )
    assert antwoord["status"] == "interesse"

    alle = {(m, p) for p, item in document["paths"].items() for m in item}
    assert contract.gezien == alle, sorted(alle - contract.gezien)


def demo_manager() -> Any:
    from accounts.models import User

    return User.objects.get(email="beheerder@example.org")
