"""Protective zones on the youth's page: set, list and lift them; the search respects them.

A coordinator of the youth's organisation sets a place and a radius with a reason; nobody
else may. The engine gets the point and the radius; what a family or home reads never names
the place or the reason.
"""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import BeschermdeZone, Jongere
from matching.adapters import rank_for, youth_from_jongere
from matching.engine import Audience, ProtectiveZone
from privacy.models import Inzage
from tests.jongeren.privacy_dossier import maak_oud, vul_dossier
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory

# Assen in the offline geocoder's table.
ASSEN = (52.9925, 6.5649)


def _zone(**anders: Any) -> dict[str, Any]:
    data = {
        "plaats": "Assen",
        "straal_km": "10",
        "reden": "Dreiging vanuit het netwerk van de uitbuiter.",
        "lat": "",
        "lon": "",
    }
    return data | anders


@pytest.fixture
def als_coordinator(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def _post_nieuw(client: Client, jongere: Jongere, **anders: Any) -> Any:
    return client.post(reverse("jongeren:zone_nieuw", args=[jongere.pk]), _zone(**anders))


def test_a_coordinator_sets_a_zone_from_a_place_name(
    als_coordinator: Client, noor: Jongere, coordinator: User
) -> None:
    response = _post_nieuw(als_coordinator, noor)

    assert response.status_code == 302
    assert response["Location"] == reverse("jongeren:detail", args=[noor.pk])
    zone = BeschermdeZone.objects.get(jongere=noor)
    assert zone.plaats == "Assen"
    assert (round(zone.lat, 2), round(zone.lon, 2)) == (round(ASSEN[0], 2), round(ASSEN[1], 2))
    assert zone.straal_km == 10.0
    assert zone.ingesteld_door == coordinator
    assert Inzage.objects.filter(
        jongere_ref=noor.pk, actie=Inzage.Actie.CREATE, soort=Inzage.Soort.PROFIEL
    ).exists()

    pagina = als_coordinator.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    assert "Assen" in pagina
    assert "Dreiging vanuit het netwerk" in pagina
    assert "10 km" in pagina


def test_a_radius_with_a_decimal_comma_is_understood(
    als_coordinator: Client, noor: Jongere
) -> None:
    _post_nieuw(als_coordinator, noor, straal_km="2,5")

    assert BeschermdeZone.objects.get(jongere=noor).straal_km == 2.5


def test_typed_coordinates_win_over_the_place(als_coordinator: Client, noor: Jongere) -> None:
    _post_nieuw(als_coordinator, noor, plaats="Boerderij bij Antwerpen", lat="51.22", lon="4.40")

    zone = BeschermdeZone.objects.get(jongere=noor)
    assert (zone.lat, zone.lon) == (51.22, 4.40)


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"straal_km": "0"}, "De straal moet groter zijn dan 0 km."),
        ({"straal_km": "-5"}, "De straal moet groter zijn dan 0 km."),
        ({"straal_km": "300,5"}, "De straal is hoogstens 300 km."),
        ({"straal_km": "tien"}, "Vul een getal in, bijvoorbeeld 25 of 2,5."),
        ({"straal_km": ""}, "Vul de straal in, in kilometers."),
        ({"plaats": ""}, "Vul de plaats of de postcode in."),
        ({"reden": " "}, "Schrijf op waarom deze jongere hier weg moet blijven."),
        ({"plaats": "Nergenshuizen"}, "Nergenshuizen"),
        ({"lat": "52.9"}, "Vul beide coördinaten in, of laat ze allebei leeg."),
        ({"lat": "95", "lon": "6"}, "Een breedtegraad ligt tussen -90 en 90."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    als_coordinator: Client, noor: Jongere, anders: dict[str, str], melding: str
) -> None:
    response = _post_nieuw(als_coordinator, noor, **anders)

    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not BeschermdeZone.objects.exists()


def test_a_radius_of_300_km_is_the_largest_allowed(als_coordinator: Client, noor: Jongere) -> None:
    _post_nieuw(als_coordinator, noor, straal_km="300")

    assert BeschermdeZone.objects.get(jongere=noor).straal_km == 300.0


def test_lifting_a_zone_keeps_its_history(
    als_coordinator: Client, noor: Jongere, coordinator: User
) -> None:
    _post_nieuw(als_coordinator, noor)
    zone = BeschermdeZone.objects.get(jongere=noor)
    url = reverse("jongeren:zone_verwijderen", args=[noor.pk, zone.pk])

    assert als_coordinator.get(url).status_code == 405
    response = als_coordinator.post(url)

    assert response.status_code == 302
    assert not BeschermdeZone.objects.exists()
    history = BeschermdeZone.history.filter(id=zone.pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "-"]
    assert history.last().history_user == coordinator
    assert Inzage.objects.filter(jongere_ref=noor.pk, actie=Inzage.Actie.DELETE).exists()


def test_only_the_youths_own_organisation_may_set_or_lift_a_zone(
    client: Client,
    noor: Jongere,
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    zone = BeschermdeZone.objects.create(
        jongere=noor, plaats="Assen", lat=ASSEN[0], lon=ASSEN[1], straal_km=10, reden="x",
        ingesteld_door=coordinator,
    )  # fmt: skip
    nieuw = reverse("jongeren:zone_nieuw", args=[noor.pk])
    opheffen = reverse("jongeren:zone_verwijderen", args=[noor.pk, zone.pk])
    for persoon, status in ((coordinator2, 404), (beheerder, 403), (jongere_user, 403)):
        client.force_login(persoon)
        assert client.post(nieuw, _zone()).status_code == status
        assert client.post(opheffen).status_code == status
    client.force_login(ouder_user)
    assert client.get(nieuw).status_code == 403
    assert BeschermdeZone.objects.count() == 1


def test_a_zone_of_one_youth_cannot_be_lifted_through_another(
    als_coordinator: Client, noor: Jongere, daan: Jongere, coordinator: User
) -> None:
    zone = BeschermdeZone.objects.create(
        jongere=daan, plaats="Assen", lat=ASSEN[0], lon=ASSEN[1], straal_km=10, reden="x",
        ingesteld_door=coordinator,
    )  # fmt: skip

    response = als_coordinator.post(reverse("jongeren:zone_verwijderen", args=[noor.pk, zone.pk]))

    assert response.status_code == 404
    assert BeschermdeZone.objects.filter(pk=zone.pk).exists()


def test_the_engine_gets_the_point_and_radius_and_blocks_homes_inside(
    als_coordinator: Client, noor: Jongere, aanbieder: Any
) -> None:
    binnen = VoorzieningFactory.create(aanbieder=aanbieder, naam="Binnen", lat=53.0, lon=6.56)
    buiten = VoorzieningFactory.create(aanbieder=aanbieder, naam="Buiten", lat=53.219, lon=6.568)
    for woning in (binnen, buiten):
        VacatureFactory.create(voorziening=woning)
    _post_nieuw(als_coordinator, noor)

    youth = youth_from_jongere(noor, None)
    zone = BeschermdeZone.objects.get()
    assert youth.protective_zones == (ProtectiveZone(youth.protective_zones[0].location, 10.0),)
    assert youth.protective_zones[0].location.lat == zone.lat

    now = timezone.now()
    results = {
        r.home.ref: r
        for r in rank_for(
            noor, None, today=timezone.localdate(now), now=now, audience=Audience.COORDINATOR
        )
    }
    binnen_result = results[f"{binnen.pk:09d}"]
    assert not binnen_result.eligible
    assert [reason.code for reason in binnen_result.blocking] == ["beschermde_zone"]
    assert "Assen" not in binnen_result.blocking[0].explanation
    assert "netwerk" not in binnen_result.blocking[0].explanation
    assert results[f"{buiten.pk:09d}"].eligible


def test_open_proposals_to_homes_inside_a_new_zone_are_named(
    als_coordinator: Client, noor: Jongere, aanbieder: Any, coordinator: User
) -> None:
    from voorstellen.models import Voorstel, VoorstelStatus

    binnen = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Es", lat=53.0, lon=6.56)
    Voorstel.objects.create(
        jongere=noor, voorziening=binnen, gemaakt_door=coordinator, status=VoorstelStatus.VERSTUURD
    )

    response = als_coordinator.post(
        reverse("jongeren:zone_nieuw", args=[noor.pk]), _zone(), follow=True
    )

    assert "kunnen niet verder: De Es" in response.content.decode()


def test_anonymising_removes_the_zones_and_their_history(noor: Jongere, beheerder: User) -> None:
    dossier = vul_dossier(noor, beheerder=beheerder)
    BeschermdeZone.objects.create(
        jongere=noor, plaats="Assen", lat=ASSEN[0], lon=ASSEN[1], straal_km=10, reden="geheim",
        ingesteld_door=noor.coordinator,
    )  # fmt: skip
    maak_oud(dossier, jaren=3)

    call_command("anonimiseer", stdout=StringIO())

    assert not BeschermdeZone.objects.filter(jongere=noor).exists()
    assert not BeschermdeZone.history.filter(jongere_id=noor.pk).exists()


def test_the_zone_is_in_the_admin(client: Client, admin_user: User, noor: Jongere) -> None:
    BeschermdeZone.objects.create(
        jongere=noor, plaats="Assen", lat=ASSEN[0], lon=ASSEN[1], straal_km=10, reden="x",
        ingesteld_door=noor.coordinator,
    )  # fmt: skip
    client.force_login(admin_user)

    response = client.get(reverse("admin:jongeren_beschermdezone_changelist"), {"q": "Assen"})

    assert response.status_code == 200
    assert "Assen" in response.content.decode()


def test_the_family_never_reads_where_or_why(
    client: Client, noor: Jongere, jongere_user: User, ouder_user: User
) -> None:
    BeschermdeZone.objects.create(
        jongere=noor, plaats="Emmen", lat=52.78, lon=6.9, straal_km=10,
        reden="Broer van de uitbuiter woont daar.", ingesteld_door=noor.coordinator,
    )  # fmt: skip
    for persoon in (jongere_user, ouder_user):
        client.force_login(persoon)
        for naam in (
            "jongeren:mijn_jongere",
            "privacy:mijn_gegevens",
            "privacy:mijn_gegevens_json",
        ):
            inhoud = client.get(reverse(naam, args=[noor.pk])).content.decode()
            assert "Emmen" not in inhoud, naam
            assert "uitbuiter" not in inhoud, naam
