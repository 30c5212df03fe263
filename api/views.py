"""The provider API, version 1: homes, vacancies and proposals of one care provider.

A key acts as its manager and reaches only that provider's homes
(`Voorziening.objects.managed_by`) and the proposals sent to them
(`Voorstel.objects.for_user`); anything else is a 404, never a 403 that would confirm it
exists. Every change goes through the services the web pages use, every call is written to
the access log (`log_api`), and every change needs an `Idempotency-Key`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from api.idempotentie import KOP, idempotent
from api.serializers import (
    STATUSSEN,
    WOONPROFIEL_VELDEN,
    AntwoordSerializer,
    ProbleemSerializer,
    VacatureNieuwSerializer,
    VacatureSerializer,
    VoorstelKortSerializer,
    VoorstelSerializer,
    WoningKortSerializer,
    WoningSerializer,
)
from kern.http import user_of
from kern.inzage import (
    Actie,
    Soort,
    Toegang,
    log_inzage,
    log_inzage_lijst,
    standaard_doel,
)
from voorstellen import services as flow
from voorstellen.lezing import lezing_voor_woning
from voorstellen.models import Voorstel
from voorzieningen import services
from voorzieningen.models import Vacature, Voorziening

GEWEIGERD_STATUS = frozenset({401, 403, 404, 429})

_IDEMPOTENTIE = OpenApiParameter(
    KOP,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=str(
        _(
            "Een eigen sleutel per wijziging (bijvoorbeeld een UUID). Hetzelfde verzoek met "
            "dezelfde sleutel geeft het eerste antwoord terug in plaats van een tweede wijziging."
        )
    ),
)


def _fouten(*codes: int) -> dict[int, OpenApiResponse]:
    uitleg = {
        400: _("Het verzoek klopt niet; het veld fouten noemt per veld wat er mis is."),
        401: _("Geen geldige API-sleutel."),
        404: _("Bestaat niet, of hoort niet bij uw woningen."),
        409: _("Dit kan nu niet (bijvoorbeeld: de vacature is al ingetrokken)."),
        422: _("Deze Idempotency-Key hoort bij een ander verzoek."),
        429: _("Te veel verzoeken in één minuut; zie Retry-After."),
    }
    return {
        code: OpenApiResponse(ProbleemSerializer, description=str(uitleg[code])) for code in codes
    }


def _inzage(request: Request, **gegevens: Any) -> None:
    """What this call is about, for its access-log entry (written by `log_api`)."""
    request._request.api_inzage = gegevens


def log_api(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Write one access-log entry for every call, refused ones included."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        gegevens: dict[str, Any] = getattr(request, "api_inzage", {})
        uitkomst = Toegang.GEWEIGERD if response.status_code in GEWEIGERD_STATUS else Toegang.GELUKT
        actie = gegevens.get("actie") or (
            Actie.READ if request.method in {"GET", "HEAD"} else Actie.UPDATE
        )
        soort = gegevens.get("soort", Soort.PROFIEL)
        jongeren: list[int] = gegevens.get("jongeren", [])
        if len(jongeren) > 1 and uitkomst == Toegang.GELUKT:
            log_inzage_lijst(
                request, jongeren=jongeren, actie=actie, soort=soort, doel=standaard_doel(request)
            )
        else:
            log_inzage(
                request,
                jongere=jongeren[0] if jongeren else None,
                actie=actie,
                soort=soort,
                doel=standaard_doel(request),
                uitkomst=uitkomst,
                voorziening=gegevens.get("voorziening"),
            )
        return response

    return wrapped


# --- Fetching what the key may reach --------------------------------------------------------


def _woningen(request: Request) -> Any:
    return Voorziening.objects.managed_by(user_of(request))


def _get_woning(request: Request, pk: int) -> Voorziening:
    _inzage(request, voorziening=pk)
    return get_object_or_404(_woningen(request), pk=pk)


def _get_vacature(request: Request, pk: int) -> Vacature:
    vacature = get_object_or_404(
        Vacature.objects.filter(voorziening__in=_woningen(request)).select_related("voorziening"),
        pk=pk,
    )
    _inzage(request, voorziening=vacature.voorziening_id)
    return vacature


def _get_voorstel(request: Request, pk: int) -> Voorstel:
    voorstel = get_object_or_404(
        Voorstel.objects.for_user(user_of(request)).select_related(
            "jongere", "voorziening", "voorziening__aanbieder", "analyse"
        ),
        pk=pk,
    )
    _inzage(
        request,
        soort=Soort.VOORSTEL,
        jongeren=[voorstel.jongere_id],
        voorziening=voorstel.voorziening_id,
    )
    return voorstel


# --- Homes -----------------------------------------------------------------------------------


@log_api
@extend_schema(
    operation_id="woningen_lijst",
    summary=str(_("Uw woningen")),
    description=str(_("Alle woningen van uw zorgaanbieder, op naam.")),
    responses={200: WoningKortSerializer(many=True), **_fouten(401, 429)},
    tags=["woningen"],
)
@api_view(["GET"])
def woningen(request: Request) -> Response:
    return Response(WoningKortSerializer(_woningen(request).order_by("naam"), many=True).data)


@log_api
@extend_schema(
    operation_id="woning_lezen",
    summary=str(_("Het profiel van een woning")),
    responses={200: WoningSerializer, **_fouten(401, 404, 429)},
    tags=["woningen"],
    methods=["GET"],
)
@extend_schema(
    operation_id="woning_wijzigen",
    summary=str(_("Het profiel van een woning wijzigen")),
    description=str(
        _(
            "Stuur alleen wat verandert. Dezelfde regels als op de profielpagina gelden: het "
            "maximum kan niet onder het aantal bewoners en open vacatures, het "
            "toelatingsbeleid vervangt het oude als geheel."
        )
    ),
    request=WoningSerializer,
    responses={200: WoningSerializer, **_fouten(400, 401, 404, 429)},
    tags=["woningen"],
    methods=["PATCH"],
)
@api_view(["GET", "PATCH"])
def woning(request: Request, pk: int) -> Response:
    item = _get_woning(request, pk)
    if request.method == "PATCH":
        serializer = WoningSerializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        services.werk_woningprofiel_bij(
            voorziening=item,
            door=user_of(request),
            velden={veld: data[veld] for veld in WOONPROFIEL_VELDEN if veld in data},
            aanbod=data.get("aanbod"),
            toelatingsregels=data.get("toelatingsregels"),
        )
        item = _woningen(request).get(pk=pk)
    return Response(WoningSerializer(item).data)


# --- Vacancies -------------------------------------------------------------------------------


@log_api
@extend_schema(
    operation_id="vacatures_lijst",
    summary=str(_("Vacatures van een woning")),
    description=str(_("De vacatures die een plek vasthouden: open en gereserveerd.")),
    responses={200: VacatureSerializer(many=True), **_fouten(401, 404, 429)},
    tags=["vacatures"],
    methods=["GET"],
)
@extend_schema(
    operation_id="vacature_plaatsen",
    summary=str(_("Een vrije plek als vacature plaatsen")),
    description=str(
        _(
            "Kan alleen als er een plek vrij is zonder vacature. Een datum in het verleden of "
            "meer dan een jaar vooruit wordt geweigerd, met het veld erbij."
        )
    ),
    request=VacatureNieuwSerializer,
    parameters=[_IDEMPOTENTIE],
    responses={201: VacatureSerializer, **_fouten(400, 401, 404, 409, 422, 429)},
    tags=["vacatures"],
    methods=["POST"],
)
@api_view(["GET", "POST"])
def vacatures(request: Request, pk: int) -> Response:
    item = _get_woning(request, pk)
    if request.method == "GET":
        lijst = item.vacatures.in_gebruik().order_by("beschikbaar_vanaf", "pk")
        return Response(VacatureSerializer(lijst, many=True).data)
    _inzage(request, voorziening=pk, actie=Actie.CREATE)

    def plaats() -> Response:
        serializer = VacatureNieuwSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        vacature = services.publiceer_vacature(
            voorziening=item,
            door=user_of(request),
            beschikbaar_vanaf=serializer.validated_data["beschikbaar_vanaf"],
        )
        return Response(VacatureSerializer(vacature).data, status=201)

    return idempotent(request, plaats)


@log_api
@extend_schema(
    operation_id="vacature_lezen",
    summary=str(_("Een vacature")),
    responses={200: VacatureSerializer, **_fouten(401, 404, 429)},
    tags=["vacatures"],
)
@api_view(["GET"])
def vacature(request: Request, pk: int) -> Response:
    return Response(VacatureSerializer(_get_vacature(request, pk)).data)


@log_api
@extend_schema(
    operation_id="vacature_bevestigen",
    summary=str(_("Bevestigen dat de plek nog vrij is")),
    description=str(
        _(
            "Een open vacature die niet op tijd bevestigd is, zien coördinatoren niet meer. "
            "Bevestigen houdt haar zichtbaar voor een nieuwe periode."
        )
    ),
    request=None,
    parameters=[_IDEMPOTENTIE],
    responses={200: VacatureSerializer, **_fouten(400, 401, 404, 409, 422, 429)},
    tags=["vacatures"],
)
@api_view(["POST"])
def vacature_bevestigen(request: Request, pk: int) -> Response:
    item = _get_vacature(request, pk)

    def bevestig() -> Response:
        vacature = services.bevestig_vacature(vacature=item, door=user_of(request))
        return Response(VacatureSerializer(vacature).data)

    return idempotent(request, bevestig)


@log_api
@extend_schema(
    operation_id="vacature_intrekken",
    summary=str(_("Een vacature intrekken")),
    description=str(_("Een plek die gereserveerd is voor een voorstel blijft gereserveerd.")),
    request=None,
    parameters=[_IDEMPOTENTIE],
    responses={200: VacatureSerializer, **_fouten(400, 401, 404, 409, 422, 429)},
    tags=["vacatures"],
)
@api_view(["POST"])
def vacature_intrekken(request: Request, pk: int) -> Response:
    item = _get_vacature(request, pk)

    def trek_in() -> Response:
        vacature = services.trek_vacature_in(vacature=item, door=user_of(request))
        return Response(VacatureSerializer(vacature).data)

    return idempotent(request, trek_in)


# --- Proposals -------------------------------------------------------------------------------


def voorstel_voor_woning(voorstel: Voorstel, user: User) -> dict[str, Any]:
    """The proposal as this home's manager may read it now: the same function and the same
    privacy rules as the manager's proposal page (`voorstellen.lezing`, which builds the
    profile without a name with `jongeren.profiel`). Before the family agreed to share, that
    profile; the score, every factor and the whole analysis only after."""
    from dataclasses import asdict

    lezing = lezing_voor_woning(voorstel, user)
    gedeeld = lezing.gedeeld
    uitleg: dict[str, Any] = lezing.uitleg or {}
    profiel = asdict(lezing.profiel)
    api_uitleg: dict[str, Any] = {
        "groep": " ".join(
            factor["uitleg"] for factor in uitleg.get("factoren", []) if factor["code"] == "groep"
        ),
        "groep_na": uitleg.get("groep_na"),
    }
    analyse = None
    if gedeeld:
        api_uitleg["score"] = uitleg.get("score")
        api_uitleg["factoren"] = uitleg.get("factoren", [])
        versie = voorstel.analyse
        analyse = {
            "naam": voorstel.jongere.roepnaam,
            **(lezing.na_toestemming or {}),
            "factoren": versie.factoren if versie else "",
            "behoeften_toelichting": versie.behoeften_toelichting if versie else "",
            "aandachtspunten": list(uitleg.get("aandacht", [])),
        }
    return {
        "profiel": profiel,
        "analyse": analyse,
        "uitleg": api_uitleg,
        "gevolgen": [
            {"bewoner": aanduiding or impact.resident_ref, "gevolgen": list(impact.explanations)}
            for impact, aanduiding in lezing.gevolgen
        ],
    }


@log_api
@extend_schema(
    operation_id="voorstellen_lijst",
    summary=str(_("Voorstellen aan uw woningen")),
    description=str(_("Verstuurde voorstellen, de nieuwste eerst. Zonder naam van de jongere.")),
    parameters=[
        OpenApiParameter(
            "status", OpenApiTypes.STR, enum=STATUSSEN, description="Alleen deze status."
        ),
        OpenApiParameter("woning", OpenApiTypes.INT, description="Alleen voor deze woning."),
    ],
    responses={200: VoorstelKortSerializer(many=True), **_fouten(400, 401, 429)},
    tags=["voorstellen"],
)
@api_view(["GET"])
def voorstellen(request: Request) -> Response:
    lijst = Voorstel.objects.for_user(user_of(request)).order_by("-verstuurd_op", "-pk")
    status = request.query_params.get("status")
    if status:
        if status not in STATUSSEN:
            raise ValidationError(
                {"status": _("Kies een van: %(s)s.") % {"s": ", ".join(STATUSSEN)}}
            )
        lijst = lijst.filter(status=status)
    woning_pk = request.query_params.get("woning")
    if woning_pk:
        if not woning_pk.isdigit() or len(woning_pk) > 18:
            raise ValidationError({"woning": _("Geef het nummer van een woning.")})
        lijst = lijst.filter(voorziening_id=int(woning_pk))
    items = list(lijst[:200])
    _inzage(request, soort=Soort.VOORSTEL, jongeren=[item.jongere_id for item in items])
    return Response(VoorstelKortSerializer(items, many=True).data)


@log_api
@extend_schema(
    operation_id="voorstel_lezen",
    summary=str(_("Een voorstel, zoals uw woning het mag lezen")),
    description=str(
        _(
            "Voordat de jongere en de ouders toestemming gaven: een profiel zonder naam en "
            "zonder aandachtssignalen van de jongere, en wat de plaatsing voor de groep "
            "betekent. Daarna ook de score, alle factoren en de hele analyse."
        )
    ),
    responses={200: VoorstelSerializer, **_fouten(401, 404, 429)},
    tags=["voorstellen"],
)
@api_view(["GET"])
def voorstel(request: Request, pk: int) -> Response:
    item = _get_voorstel(request, pk)
    lezing = voorstel_voor_woning(item, user_of(request))
    return Response(VoorstelSerializer(item, context={"lezing": lezing}).data)


@log_api
@extend_schema(
    operation_id="voorstel_beantwoorden",
    summary=str(_("Een voorstel beantwoorden")),
    description=str(
        _(
            "Interesse, of geen interesse met een reden (en een toelichting bij 'anders'). "
            "Kan zolang het voorstel op antwoord wacht."
        )
    ),
    request=AntwoordSerializer,
    parameters=[_IDEMPOTENTIE],
    responses={200: VoorstelKortSerializer, **_fouten(400, 401, 404, 409, 422, 429)},
    tags=["voorstellen"],
)
@api_view(["POST"])
def voorstel_antwoord(request: Request, pk: int) -> Response:
    item = _get_voorstel(request, pk)

    def beantwoord() -> Response:
        serializer = AntwoordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        bijgewerkt = flow.beantwoord_voorstel(
            voorstel=item,
            door=user_of(request),
            interesse=data["interesse"],
            reden=data.get("reden", ""),
            toelichting=data.get("toelichting", ""),
        )
        return Response(VoorstelKortSerializer(bijgewerkt).data)

    return idempotent(request, beantwoord)
