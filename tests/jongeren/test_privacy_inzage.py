"""Right of access: "Mijn gegevens" for the youth and parents, the coordinator's export."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere
from tests.jongeren.privacy_dossier import (
    FACTOREN,
    MOTIVATIE,
    OPMERKING,
    SIGNAAL_LABEL,
    TEKST_VOOR_WONING,
    TOELICHTING,
    vul_dossier,
)


@pytest.fixture
def dossier_noor(noor: Jongere, beheerder: User) -> Jongere:
    vul_dossier(noor, beheerder=beheerder)
    return noor


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("wie", ["jongere_user", "ouder_user"])
def test_youth_and_parent_see_everything_about_the_youth(
    wie: str, dossier_noor: Jongere, request: pytest.FixtureRequest
) -> None:
    gebruiker: User = request.getfixturevalue(wie)
    antwoord = _client(gebruiker).get(reverse("privacy:mijn_gegevens", args=[dossier_noor.pk]))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    for tekst in (
        "Noor",
        "Haren",
        FACTOREN,
        SIGNAAL_LABEL,
        MOTIVATIE,
        TEKST_VOOR_WONING,
        OPMERKING,
        TOELICHTING,
        "De Eik",
        "Geplande overgang",
        "Eikenlaan 3",
    ):
        assert tekst in html, tekst
    assert html.count("<h1") == 1
    # The stylesheet's @media print layer lays the export out on paper.
    assert 'href="/static/css/portaal.min.css"' in html
    assert "<th scope=" in html
    assert "no-store" in antwoord["Cache-Control"]


def test_each_person_sees_only_their_own_notices(
    dossier_noor: Jongere, jongere_user: User, ouder_user: User
) -> None:
    url = reverse("privacy:mijn_gegevens_json", args=[dossier_noor.pk])
    van_jongere = json.loads(_client(jongere_user).get(url).content)
    van_ouder = json.loads(_client(ouder_user).get(url).content)
    assert [m["tekst"] for m in van_jongere["meldingen"]] == [
        "Er is iets veranderd in je voorstel."
    ]
    assert [m["tekst"] for m in van_ouder["meldingen"]] == ["Bericht voor de ouder."]


def test_json_download_has_the_same_content_as_the_page(
    dossier_noor: Jongere, jongere_user: User
) -> None:
    antwoord = _client(jongere_user).get(
        reverse("privacy:mijn_gegevens_json", args=[dossier_noor.pk])
    )
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/json"
    assert (
        antwoord["Content-Disposition"] == f'attachment; filename="gegevens-{dossier_noor.pk}.json"'
    )
    gegevens = json.loads(antwoord.content)
    assert gegevens["profiel"]["roepnaam"] == "Noor"
    assert gegevens["profiel"]["woonplaats_gezin"] == "Haren"
    [analyse] = gegevens["analyses"]
    assert analyse["factoren"] == FACTOREN
    assert analyse["aandachtssignalen"] == [SIGNAAL_LABEL]
    assert analyse["instemmingen"][0]["opmerking"] == OPMERKING
    [voorstel] = gegevens["voorstellen"]
    assert voorstel["motivatie"] == MOTIVATIE
    assert voorstel["tekst_voor_woning"] == TEKST_VOOR_WONING
    assert voorstel["tijdlijn"][0]["wat"] == "Concept gemaakt"
    assert voorstel["besluiten"][0]["keuze"] == "Ja"
    assert voorstel["kennismaking"]["plaats"] == "Eikenlaan 3"
    [plaatsing] = gegevens["plaatsingen"]
    assert plaatsing["woning"] == "De Eik"
    assert plaatsing["reden_van_vertrek"] == "Geplande overgang"
    assert plaatsing["aandachtssignalen"] == [SIGNAAL_LABEL]
    assert len(gegevens["uitnodigingen"]) == 1


def test_a_draft_proposal_is_not_in_the_family_export(
    dossier_noor: Jongere, jongere_user: User
) -> None:
    from voorstellen.models import Voorstel, VoorstelStatus

    voorstel = Voorstel.objects.get(jongere=dossier_noor)
    Voorstel.objects.filter(pk=voorstel.pk).update(status=VoorstelStatus.CONCEPT)
    gegevens = json.loads(
        _client(jongere_user)
        .get(reverse("privacy:mijn_gegevens_json", args=[dossier_noor.pk]))
        .content
    )
    assert gegevens["voorstellen"] == []


@pytest.mark.parametrize("naam", ["privacy:mijn_gegevens", "privacy:mijn_gegevens_json"])
def test_another_youth_or_their_parent_gets_404(
    naam: str, dossier_noor: Jongere, daan: Jongere, andere_jongere_user: User, andere_ouder: User
) -> None:
    for gebruiker in (andere_jongere_user, andere_ouder):
        assert _client(gebruiker).get(reverse(naam, args=[dossier_noor.pk])).status_code == 404


@pytest.mark.parametrize("naam", ["privacy:mijn_gegevens", "privacy:mijn_gegevens_json"])
def test_professionals_cannot_open_the_family_export(
    naam: str, dossier_noor: Jongere, coordinator: User, beheerder: User, admin_user: User
) -> None:
    for gebruiker in (coordinator, beheerder, admin_user):
        assert _client(gebruiker).get(reverse(naam, args=[dossier_noor.pk])).status_code == 403


@pytest.mark.parametrize(
    "naam",
    [
        "privacy:mijn_gegevens",
        "privacy:mijn_gegevens_json",
        "privacy:gegevens",
        "privacy:gegevens_json",
    ],
)
def test_anonymous_visitors_go_to_the_login_page(naam: str, dossier_noor: Jongere) -> None:
    antwoord = Client().get(reverse(naam, args=[dossier_noor.pk]))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


def test_coordinator_of_the_organisation_can_make_the_export(
    dossier_noor: Jongere, coordinator: User, collega: User
) -> None:
    for gebruiker in (coordinator, collega):
        pagina = _client(gebruiker).get(reverse("privacy:gegevens", args=[dossier_noor.pk]))
        assert pagina.status_code == 200
        assert FACTOREN in pagina.content.decode()
        download = _client(gebruiker).get(reverse("privacy:gegevens_json", args=[dossier_noor.pk]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment;")
        gegevens = json.loads(download.content)
        # The export to hand over holds the notices of the youth and of every parent.
        assert {m["tekst"] for m in gegevens["meldingen"]} == {
            "Er is iets veranderd in je voorstel.",
            "Bericht voor de ouder.",
        }


@pytest.mark.parametrize("naam", ["privacy:gegevens", "privacy:gegevens_json"])
def test_coordinator_elsewhere_gets_404_and_other_roles_403(
    naam: str,
    dossier_noor: Jongere,
    coordinator2: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    url = reverse(naam, args=[dossier_noor.pk])
    assert _client(coordinator2).get(url).status_code == 404
    for gebruiker in (beheerder, jongere_user, ouder_user):
        assert _client(gebruiker).get(url).status_code == 403


def test_family_and_coordinator_pages_link_to_the_export(
    dossier_noor: Jongere, jongere_user: User, coordinator: User
) -> None:
    mijn = _client(jongere_user).get(reverse("jongeren:mijn_jongere", args=[dossier_noor.pk]))
    assert reverse("privacy:mijn_gegevens", args=[dossier_noor.pk]) in mijn.content.decode()
    detail = _client(coordinator).get(reverse("jongeren:detail", args=[dossier_noor.pk]))
    assert reverse("privacy:gegevens", args=[dossier_noor.pk]) in detail.content.decode()
