"""Fuzzing the API: arbitrary JSON, headers, keys and ids at every endpoint.

Hypothesis starts from valid requests and makes some fields wild (any JSON value, long text,
huge numbers, unknown keys), or sends bodies that are not JSON at all. What must always hold:
the answer is a documented success or a problem+json error in the 4xx range (never a 500),
and nothing of the other provider changes. The examples of one test share the database, as a
busy provider's system would.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api.conftest import Aanbieder, ApiClient
from voorzieningen.models import Toelatingsregel, Vacature, Voorziening


@pytest.fixture(autouse=True)
def _geen_snelheidslimiet(settings: Any) -> None:
    """All examples of one test share one key, and a shrinking run can make hundreds of calls
    in a minute: the rate limit (tested in test_api_wijzigen) would then answer 429 and hide
    the answer the fuzzing is about."""
    settings.API_PER_MINUUT = 1_000_000


FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            "2027-02-30",
            "1900-01-01",
            "9999-12-31",
            "-1",
            "v",
            "m",
            "hard",
            "behoefte",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "ﬀ" * 80,
            "nl",
            "halal",
        ]
    ),
)
json_waarde = st.recursive(
    scalar,
    lambda binnen: st.one_of(
        st.lists(binnen, max_size=4), st.dictionaries(st.text(max_size=12), binnen, max_size=4)
    ),
    max_leaves=12,
)

WONING_VELDEN = [
    "beschrijving",
    "opent_op",
    "omgeving",
    "gesloten",
    "max_bewoners",
    "voorkeur_bewoners",
    "leeftijd_min",
    "leeftijd_max",
    "medewerkers_per_dienst",
    "ouderdeelname",
    "eigen_kamer",
    "toegankelijkheid",
    "huisdieren",
    "roken",
    "talen",
    "voeding",
    "geloof_cultuur",
    "aanbod",
    "toelatingsbeleid",
    "naam",
    "bewoners_aantal",
]
regel = st.fixed_dictionaries(
    {
        "soort": st.one_of(
            st.sampled_from(["geslacht", "geen_machtiging", "behoefte"]), json_waarde
        ),
        "sterkte": st.one_of(st.sampled_from(["hard", "voorkeur"]), json_waarde),
        "reden": st.one_of(st.text(max_size=400), json_waarde),
    },
    optional={
        "geslacht": st.one_of(st.sampled_from(["v", "m", ""]), json_waarde),
        "behoefte": st.one_of(st.sampled_from(["buitenruimte", "verslavingszorg"]), json_waarde),
    },
)
woning_body = st.dictionaries(
    st.one_of(st.sampled_from(WONING_VELDEN), st.text(max_size=15)),
    st.one_of(json_waarde, st.lists(regel, max_size=3)),
    max_size=6,
)


def _is_fout_of_succes(response: Any, goed: set[int]) -> None:
    assert response.status_code in goed | {400, 409, 422, 415}, (
        response.status_code,
        response.content[:500],
    )
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"
        probleem = response.json()
        assert probleem["status"] == response.status_code
        assert probleem["detail"]
        for fout in probleem.get("fouten", []):
            assert isinstance(fout["melding"], str) and fout["melding"]


def _niets_van_b_veranderd(b: Aanbieder, voor: tuple[Any, ...]) -> None:
    assert _staat(b) == voor


def _staat(b: Aanbieder) -> tuple[Any, ...]:
    woning = Voorziening.objects.get(pk=b.woning.pk)
    return (
        woning.gewijzigd_op,
        list(Vacature.objects.filter(voorziening=woning).values_list("pk", "status")),
        list(Toelatingsregel.objects.filter(voorziening=woning).values_list("pk", flat=True)),
        type(b.voorstel).objects.get(pk=b.voorstel.pk).status,
    )


@FUZZ
@given(body=woning_body)
def test_wild_profile_updates_are_answered_and_keep_the_homes_rules(
    a: Aanbieder, b: Aanbieder, body: dict[str, Any]
) -> None:
    voor = _staat(b)
    response = a.client.api_patch(reverse("api:woning", args=[a.woning.pk]), body)

    _is_fout_of_succes(response, {200})
    woning = Voorziening.objects.get(pk=a.woning.pk)
    assert woning.bewoners_aantal == 0 and woning.naam == "De Linde"
    assert 1 <= woning.max_bewoners <= 6 and woning.leeftijd_min <= woning.leeftijd_max
    assert woning.vacatures.in_gebruik().count() <= woning.vrije_plaatsen
    _niets_van_b_veranderd(b, voor)


@FUZZ
@given(body=json_waarde, sleutel=st.one_of(st.none(), st.text(max_size=250), st.uuids().map(str)))
def test_wild_vacancies_are_answered_and_never_exceed_the_free_places(
    a: Aanbieder, b: Aanbieder, body: Any, sleutel: str | None
) -> None:
    voor = _staat(b)
    kop: dict[str, Any] = {} if sleutel is None else {"HTTP_IDEMPOTENCY_KEY": sleutel}
    try:
        response = a.client.post(
            reverse("api:vacatures", args=[a.woning.pk]),
            json.dumps(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {a.sleutel}",
            **kop,
        )
    except (ValueError, UnicodeEncodeError):
        return  # the test client cannot put this header on the wire; no server would see it
    _is_fout_of_succes(response, {201})
    woning = Voorziening.objects.get(pk=a.woning.pk)
    assert woning.vacatures.in_gebruik().count() <= woning.vrije_plaatsen
    _niets_van_b_veranderd(b, voor)


@FUZZ
@given(
    body=st.one_of(
        json_waarde,
        st.fixed_dictionaries(
            {"interesse": json_waarde},
            optional={"reden": json_waarde, "toelichting": json_waarde},
        ),
    )
)
def test_wild_answers_to_a_proposal_are_answered(a: Aanbieder, b: Aanbieder, body: Any) -> None:
    voor = _staat(b)
    response = a.client.api_post(reverse("api:voorstel_antwoord", args=[a.voorstel.pk]), body)

    _is_fout_of_succes(response, {200})
    _niets_van_b_veranderd(b, voor)


@FUZZ
@given(
    inhoud=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)),
    soort=st.sampled_from(
        [
            "application/json",
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ]
    ),
)
def test_bodies_that_are_not_json_are_refused_as_problems(
    a: Aanbieder, inhoud: bytes, soort: str
) -> None:
    response = a.client.generic(
        "PATCH",
        reverse("api:woning", args=[a.woning.pk]),
        inhoud,
        content_type=soort,
        HTTP_AUTHORIZATION=f"Bearer {a.sleutel}",
    )

    _is_fout_of_succes(response, {200})


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(["status", "woning", "pagina", "x"]), st.text(max_size=40), max_size=3
    )
)
def test_wild_filters_on_the_proposals_are_answered(
    a: Aanbieder, b: Aanbieder, params: dict[str, str]
) -> None:
    response = a.client.api_get(reverse("api:voorstellen"), data=params)

    _is_fout_of_succes(response, {200})
    if response.status_code == 200:
        assert {item["id"] for item in response.json()} <= {a.voorstel.pk}


@FUZZ
@given(
    pk=st.integers(min_value=0, max_value=2**62),
    naam=st.sampled_from(["api:woning", "api:vacatures", "api:vacature", "api:voorstel"]),
)
def test_any_id_is_found_only_when_it_is_the_providers_own(
    a: Aanbieder, b: Aanbieder, pk: int, naam: str
) -> None:
    response = a.client.api_get(reverse(naam, args=[pk]))

    eigen = {
        "api:woning": a.woning.pk,
        "api:vacatures": a.woning.pk,
        "api:vacature": a.vacature.pk,
        "api:voorstel": a.voorstel.pk,
    }[naam]
    assert response.status_code == (200 if pk == eigen else 404)


@FUZZ
@given(kop=st.text(max_size=300))
def test_any_authorization_header_but_a_key_is_refused(a: Aanbieder, kop: str) -> None:
    if kop.strip() == f"Bearer {a.sleutel}":
        return
    try:
        response = ApiClient(None).get(reverse("api:woningen"), HTTP_AUTHORIZATION=kop)
    except (ValueError, UnicodeEncodeError):
        return
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_the_fuzzers_reach_success_too(a: Aanbieder) -> None:
    """Not vacuous: the valid starting points of the fuzzers do succeed."""
    assert (
        a.client.api_patch(
            reverse("api:woning", args=[a.woning.pk]), {"roken": "buiten"}
        ).status_code
        == 200
    )
    assert (
        a.client.api_post(
            reverse("api:vacatures", args=[a.woning.pk]),
            {"beschikbaar_vanaf": a.vacature.beschikbaar_vanaf.isoformat()},
            sleutel=str(uuid.uuid4()),
        ).status_code
        == 201
    )
