"""The API's documentation as an ordinary page of the portal, read from the OpenAPI schema.

The page is generated from the same schema that `/api/v1/schema/` serves, so it cannot drift
from the API. It is server-rendered HTML like every other page (no script from elsewhere, the
portal's strict Content-Security-Policy, WCAG 2.1 AA), which a bundled Swagger UI is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator

from api.idempotentie import BEWAAR_UREN, KOP

METHODES = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Veld:
    naam: str
    soort: str
    verwijzing: str  # the anchor of an object type, or ""
    verplicht: bool
    uitleg: str


@dataclass(frozen=True)
class Antwoord:
    status: str
    uitleg: str
    verwijzing: str


@dataclass(frozen=True)
class Oproep:
    anker: str
    methode: str
    pad: str
    samenvatting: str
    uitleg: str
    parameters: list[Veld]
    verzoek: str  # anchor of the request body's type, or ""
    antwoorden: list[Antwoord]


@dataclass(frozen=True)
class Soort:
    naam: str
    uitleg: str
    velden: list[Veld] = field(default_factory=list)
    keuzes: list[str] = field(default_factory=list)


@cache
def schema() -> dict[str, Any]:
    """The API's OpenAPI schema (the same document /api/v1/schema/ serves), built once."""
    return SchemaGenerator().get_schema(request=None, public=True)


def _naam(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _soort(eigenschap: dict[str, Any]) -> tuple[str, str]:
    """A field's type in words, and the anchor of the object type it refers to."""
    if "$ref" in eigenschap:
        naam = _naam(eigenschap["$ref"])
        return naam, naam
    for samen in ("allOf", "oneOf", "anyOf"):
        if samen in eigenschap:
            delen = [_soort(deel) for deel in eigenschap[samen] if deel.get("type") != "null"]
            delen = [deel for deel in delen if deel[0]]
            if delen:
                return delen[0]
    if eigenschap.get("type") == "array":
        binnen, verwijzing = _soort(eigenschap.get("items", {}))
        return f"lijst van {binnen}", verwijzing
    soort = str(eigenschap.get("type", ""))
    if isinstance(eigenschap.get("type"), list):
        soort = " of ".join(str(deel) for deel in eigenschap["type"] if deel != "null")
    if eigenschap.get("format"):
        soort += f" ({eigenschap['format']})"
    if eigenschap.get("enum"):
        soort += ": " + ", ".join(str(waarde) for waarde in eigenschap["enum"] if waarde)
    if eigenschap.get("nullable"):
        soort += ", of null"
    return soort, ""


def _velden(object_schema: dict[str, Any]) -> list[Veld]:
    verplicht = set(object_schema.get("required", []))
    velden = []
    for naam, eigenschap in object_schema.get("properties", {}).items():
        soort, verwijzing = _soort(eigenschap)
        uitleg = eigenschap.get("description", "")
        if eigenschap.get("readOnly"):
            uitleg = (uitleg + " (alleen lezen)").strip()
        velden.append(Veld(naam, soort, verwijzing, naam in verplicht, uitleg))
    return velden


def _inhoud_verwijzing(inhoud: dict[str, Any]) -> str:
    for media in inhoud.values():
        _soort_tekst, verwijzing = _soort(media.get("schema", {}))
        if verwijzing:
            return verwijzing
    return ""


def oproepen(document: dict[str, Any]) -> list[Oproep]:
    uit = []
    for pad, item in document.get("paths", {}).items():
        for methode in METHODES:
            oproep = item.get(methode)
            if oproep is None:
                continue
            parameters = [
                Veld(
                    naam=parameter["name"],
                    soort=_soort(parameter.get("schema", {}))[0]
                    + f" ({'kop' if parameter['in'] == 'header' else parameter['in']})",
                    verwijzing="",
                    verplicht=bool(parameter.get("required")),
                    uitleg=parameter.get("description", ""),
                )
                for parameter in oproep.get("parameters", [])
            ]
            verzoek = _inhoud_verwijzing(oproep.get("requestBody", {}).get("content", {}))
            antwoorden = [
                Antwoord(
                    status=status,
                    uitleg=antwoord.get("description", ""),
                    verwijzing=_inhoud_verwijzing(antwoord.get("content", {})),
                )
                for status, antwoord in oproep.get("responses", {}).items()
            ]
            uit.append(
                Oproep(
                    anker=oproep.get("operationId", f"{methode}-{pad}"),
                    methode=methode.upper(),
                    pad=pad,
                    samenvatting=oproep.get("summary", ""),
                    uitleg=oproep.get("description", ""),
                    parameters=parameters,
                    verzoek=verzoek,
                    antwoorden=antwoorden,
                )
            )
    return uit


def soorten(document: dict[str, Any]) -> list[Soort]:
    uit = []
    for naam, object_schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        uit.append(
            Soort(
                naam=naam,
                uitleg=object_schema.get("description", ""),
                velden=_velden(object_schema),
                keuzes=[str(waarde) for waarde in object_schema.get("enum", []) if waarde],
            )
        )
    return uit


def documentatie(request: HttpRequest) -> HttpResponse:
    document = schema()
    return render(
        request,
        "api/docs.html",
        {
            "info": document.get("info", {}),
            "oproepen": oproepen(document),
            "soorten": soorten(document),
            "portaal": settings.PORTAL_URL,
            "per_minuut": settings.API_PER_MINUUT,
            "kop": KOP,
            "bewaar_uren": BEWAAR_UREN,
        },
    )
