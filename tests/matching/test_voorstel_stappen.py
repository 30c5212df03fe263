"""Checked at every step: the engine is asked again when the world changes, and four eyes.

Noor (15) is a victim of human trafficking. Her proposal to De Linde goes through the usual
steps; in between, the home's group changes. The engine's hard limits and safety rules are
checked again when the home says yes, when she is placed (by her coordinator or by the
home's manager registering the arrival) and when a manager registers a resident directly.
A counter-check judges one group: a resident arriving or leaving, or a higher group risk,
voids it. And it is four eyes: never the proposal's author or Noor's own coordinator.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Rol, User
from jongeren.models import BeschermdeZone, Fase, Jongere, VerklarendeAnalyse
from tests.factories import UserFactory, tweede_stap_gedaan
from tests.jongeren.factories import AnalyseFactory
from tests.matching.conftest import naar_gehouden
from voorstellen import services as flow
from voorstellen.models import Tegenspraak, Voorstel, VoorstelStatus
from voorzieningen import services as woningen
from voorzieningen.models import Plaatsing, Vacature, Voorziening

S = VoorstelStatus
SGG = "seksueel_grensoverschrijdend"
VICTIM = "slachtoffer_mensenhandel"


@pytest.fixture
def noor_slachtoffer(noor: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(
        jongere=noor,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        signalen=[VICTIM],
        behoeften=[("traumasensitief", 3)],
    )


def _voorstel(noor: Jongere, woning: Voorziening) -> Voorstel:
    assert noor.coordinator is not None
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=woning, door=noor.coordinator, motivatie="Past goed."
    )
    return flow.stuur_voorstel(voorstel=voorstel, door=noor.coordinator)


@pytest.fixture
def verstuurd(
    noor: Jongere, noor_slachtoffer: VerklarendeAnalyse, de_linde: Voorziening
) -> Voorstel:
    return _voorstel(noor, de_linde)


@pytest.fixture
def akkoord(verstuurd: Voorstel, beheerder: User, jongere_user: User, ouder_user: User) -> Voorstel:
    gehouden = naar_gehouden(verstuurd, beheerder)
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    gehouden.refresh_from_db()
    assert gehouden.status == S.AKKOORD
    return gehouden


def _met_aandachtspunt(voorstel: Voorstel) -> Voorstel:
    """A proposal the engine left an attention point on, so a counter-check is required."""
    Voorstel.objects.filter(pk=voorstel.pk).update(
        uitleg_per_publiek={
            lezer: {**uitleg, "aandacht": ["Let op: zelfde zorgprofiel."]}
            for lezer, uitleg in voorstel.uitleg_per_publiek.items()
        }
    )
    voorstel.refresh_from_db()
    return voorstel


def _nieuwe_bewoner(woning: Voorziening, beheerder: User, *signalen: str) -> Plaatsing:
    """A resident the home's manager registers directly, as on the arrival page."""
    return woningen.registreer_aankomst(
        voorziening=woning,
        door=beheerder,
        geboortemaand=dt.date(timezone.localdate().year - 16, 3, 1),
        geslacht="m",
        zorgprofiel="externaliserend",
        zorgintensiteit="midden",
        signalen=list(signalen),
        aankomst=timezone.localdate(),
    )


def _ongewijzigd(voorstel: Voorstel, status: str, bewoners: int) -> None:
    voorstel.refresh_from_db()
    assert voorstel.status == status
    assert voorstel.plaatsing is None
    assert not Plaatsing.objects.filter(jongere=voorstel.jongere).exists()
    assert Voorziening.objects.get(pk=voorstel.voorziening_id).bewoners_aantal == bewoners
    assert Jongere.objects.get(pk=voorstel.jongere_id).fase == Fase.VOORGESTELD


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    if user.is_professional:
        tweede_stap_gedaan(client, user)
    return client


# --- the regression cases ------------------------------------------------------------------


def test_placing_is_refused_when_a_sexually_transgressive_resident_arrived_after_sending(
    akkoord: Voorstel, beheerder: User, coordinator: User
) -> None:
    _nieuwe_bewoner(akkoord.voorziening, beheerder, SGG)

    for door in (coordinator, beheerder):  # placing, and the manager registering the arrival
        with pytest.raises(flow.VoorstelFout) as fout:
            flow.plaats(voorstel=akkoord, door=door, aankomst=timezone.localdate())
        assert "samenstelling van de groep laat deze plaatsing niet toe" in fout.value.messages[0]
        assert "Er is niets opgeslagen." in fout.value.messages[0]

    _ongewijzigd(akkoord, S.AKKOORD, bewoners=1)
    assert akkoord.voorziening.vacatures.get().status == Vacature.Status.OPEN
    assert not akkoord.tijdlijn.filter(wat="plaats").exists()


def test_the_placement_page_shows_why_and_places_nobody(akkoord: Voorstel, beheerder: User) -> None:
    _nieuwe_bewoner(akkoord.voorziening, beheerder, SGG)
    client = _client(beheerder)

    response = client.post(
        reverse("voorstellen:voorstel_actie", args=[akkoord.pk, "plaatsen"]),
        {"aankomst": timezone.localdate().isoformat()},
        follow=True,
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "deze woning kan deze jongere nu niet opnemen" in html
    _ongewijzigd(akkoord, S.AKKOORD, bewoners=1)


def test_an_old_counter_check_does_not_let_a_blocked_placement_through(
    akkoord: Voorstel, beheerder: User, gedragswetenschapper: User, coordinator: User
) -> None:
    _met_aandachtspunt(akkoord)
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Goed te doen."
    )
    _nieuwe_bewoner(akkoord.voorziening, beheerder, SGG)

    with pytest.raises(flow.VoorstelFout, match="laat deze plaatsing niet toe"):
        flow.plaats(voorstel=akkoord, door=coordinator, aankomst=timezone.localdate())
    _ongewijzigd(akkoord, S.AKKOORD, bewoners=1)


def test_a_manager_registering_a_resident_directly_is_checked_against_the_incompatibility(
    de_linde: Voorziening, beheerder: User
) -> None:
    slachtoffer = _nieuwe_bewoner(de_linde, beheerder, VICTIM)
    de_linde.refresh_from_db()
    versie = de_linde.groep_versie

    with pytest.raises(ValidationError) as fout:
        _nieuwe_bewoner(de_linde, beheerder, SGG)

    assert "nooit samen mag wonen" in fout.value.messages[0]
    assert "niets opgeslagen" in fout.value.messages[0]
    de_linde.refresh_from_db()
    assert list(de_linde.plaatsingen.all()) == [slachtoffer]
    assert de_linde.bewoners_aantal == 1
    assert de_linde.groep_versie == versie
    # Without the clashing signal the same newcomer is welcome.
    _nieuwe_bewoner(de_linde, beheerder, "agressie")
    assert de_linde.plaatsingen.count() == 2


def test_the_check_works_in_both_directions(de_linde: Voorziening, beheerder: User) -> None:
    _nieuwe_bewoner(de_linde, beheerder, SGG)

    with pytest.raises(ValidationError, match="nooit samen mag wonen"):
        _nieuwe_bewoner(de_linde, beheerder, VICTIM)
    assert de_linde.plaatsingen.count() == 1


def test_the_arrival_page_refuses_with_the_reason(de_linde: Voorziening, beheerder: User) -> None:
    _nieuwe_bewoner(de_linde, beheerder, VICTIM)
    client = _client(beheerder)

    response = client.post(
        reverse("voorzieningen:aankomst", args=[de_linde.pk]),
        {
            "aanduiding": "K.",
            "geboortemaand": f"{timezone.localdate().year - 16}-03-01",
            "geslacht": "m",
            "zorgprofiel": "externaliserend",
            "zorgintensiteit": "midden",
            "signalen": [SGG],
            "aankomst": timezone.localdate().isoformat(),
            "geplande_einde": "",
            "vacature": "",
        },
    )

    assert response.status_code == 200
    assert "nooit samen mag wonen" in response.content.decode()
    assert de_linde.plaatsingen.count() == 1


# --- every step --------------------------------------------------------------------------


def test_the_home_cannot_say_yes_when_the_group_now_blocks_but_can_say_no(
    verstuurd: Voorstel, beheerder: User
) -> None:
    _nieuwe_bewoner(verstuurd.voorziening, beheerder, SGG)

    with pytest.raises(flow.VoorstelFout, match="Interesse tonen kan niet"):
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD

    flow.beantwoord_voorstel(
        voorstel=verstuurd, door=beheerder, interesse=False, reden="veiligheid"
    )
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.AFGEWEZEN


def test_a_protective_zone_set_after_sending_stops_the_next_steps(
    verstuurd: Voorstel, beheerder: User, coordinator: User
) -> None:
    woning = verstuurd.voorziening
    BeschermdeZone.objects.create(
        jongere=verstuurd.jongere, plaats=woning.plaats, lat=woning.lat, lon=woning.lon,
        straal_km=3, reden="Dreiging.", ingesteld_door=coordinator,
    )  # fmt: skip

    with pytest.raises(flow.VoorstelFout) as fout:
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)

    assert "beschermde zone" in fout.value.messages[0]
    assert woning.plaats not in fout.value.messages[0]
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD


def test_a_protective_zone_blocks_sending(
    noor: Jongere, noor_slachtoffer: VerklarendeAnalyse, de_linde: Voorziening, coordinator: User
) -> None:
    BeschermdeZone.objects.create(
        jongere=noor, plaats="Groningen", lat=de_linde.lat, lon=de_linde.lon, straal_km=3,
        reden="Dreiging.", ingesteld_door=coordinator,
    )  # fmt: skip
    concept = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=coordinator, motivatie="Past goed."
    )

    with pytest.raises(flow.VoorstelFout, match="beschermde zone"):
        flow.stuur_voorstel(voorstel=concept, door=coordinator)
    concept.refresh_from_db()
    assert concept.status == S.CONCEPT


def test_the_score_kept_at_placement_is_computed_at_placement(
    akkoord: Voorstel, beheerder: User, coordinator: User, gedragswetenschapper: User
) -> None:
    # A resident who changes the group arrives after sending; what was said then is stale.
    _nieuwe_bewoner(akkoord.voorziening, beheerder)
    Voorstel.objects.filter(pk=akkoord.pk).update(
        uitleg_per_publiek={
            lezer: {**uitleg, "score": 12.3} for lezer, uitleg in akkoord.uitleg_per_publiek.items()
        }
    )
    akkoord.refresh_from_db()
    _met_aandachtspunt(akkoord)
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Akkoord."
    )
    controle = flow.groepscontrole(akkoord)
    assert controle is not None and controle.result.score is not None

    flow.plaats(voorstel=akkoord, door=coordinator, aankomst=timezone.localdate())

    plaatsing = Plaatsing.objects.get(jongere=akkoord.jongere)
    assert plaatsing.score_bij_plaatsing == controle.result.score
    assert plaatsing.score_bij_plaatsing != 12.3
    assert plaatsing.aandachtspunten_bij_plaatsing == len(controle.result.attention)


# --- a counter-check judges one group ------------------------------------------------------


@pytest.fixture
def getekend(akkoord: Voorstel, gedragswetenschapper: User) -> Voorstel:
    _met_aandachtspunt(akkoord)
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Goed te doen."
    )
    assert flow.kan_plaatsen(akkoord) is None
    return akkoord


def test_the_counter_check_keeps_the_group_it_judged(getekend: Voorstel) -> None:
    tegenspraak = getekend.laatste_tegenspraak()
    controle = flow.groepscontrole(getekend)

    assert tegenspraak is not None and controle is not None
    assert tegenspraak.bewoners == []
    assert tegenspraak.risico_na == controle.result.group_risk_after.level


def test_a_resident_arriving_voids_the_counter_check(
    getekend: Voorstel, beheerder: User, coordinator: User, gedragswetenschapper: User
) -> None:
    _nieuwe_bewoner(getekend.voorziening, beheerder)

    reden = flow.kan_plaatsen(getekend)
    assert reden is not None and "telt niet meer" in reden
    with pytest.raises(flow.VoorstelFout, match="opnieuw tegenspraak"):
        flow.plaats(voorstel=getekend, door=coordinator, aankomst=timezone.localdate())
    _ongewijzigd(getekend, S.AKKOORD, bewoners=1)

    flow.teken_tegenspraak(
        voorstel=getekend, door=gedragswetenschapper, akkoord=True, toelichting="Nog steeds."
    )
    flow.plaats(voorstel=getekend, door=coordinator, aankomst=timezone.localdate())
    getekend.refresh_from_db()
    assert getekend.status == S.GEPLAATST


def test_a_resident_leaving_voids_the_counter_check(
    akkoord: Voorstel, beheerder: User, gedragswetenschapper: User
) -> None:
    bewoner = _nieuwe_bewoner(akkoord.voorziening, beheerder)
    _met_aandachtspunt(akkoord)
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Goed te doen."
    )
    assert flow.kan_plaatsen(akkoord) is None

    woningen.registreer_vertrek(
        plaatsing=bewoner, door=beheerder, einde=timezone.localdate(), eindreden="gepland"
    )

    assert "telt niet meer" in (flow.kan_plaatsen(akkoord) or "")


def test_a_higher_group_risk_voids_the_counter_check(
    akkoord: Voorstel, beheerder: User, gedragswetenschapper: User
) -> None:
    bewoner = _nieuwe_bewoner(akkoord.voorziening, beheerder)
    _met_aandachtspunt(akkoord)
    flow.teken_tegenspraak(
        voorstel=akkoord, door=gedragswetenschapper, akkoord=True, toelichting="Goed te doen."
    )
    voor = flow.groepscontrole(akkoord)
    assert voor is not None and flow.kan_plaatsen(akkoord) is None

    # The same residents, but one of them turns out to be criminally involved: next to a
    # trafficking victim that raises the group's risk.
    woningen.wijzig_bewonersprofiel(plaatsing=bewoner, door=beheerder, signalen=["criminaliteit"])

    na = flow.groepscontrole(akkoord)
    assert na is not None and na.bewoners == voor.bewoners
    assert (voor.result.group_risk_after.level, na.result.group_risk_after.level) == (
        "laag",
        "hoog",
    )
    assert "telt niet meer" in (flow.kan_plaatsen(akkoord) or "")


def test_a_counter_check_without_a_known_group_does_not_count(
    getekend: Voorstel, gedragswetenschapper: User
) -> None:
    Tegenspraak.objects.filter(voorstel=getekend).update(bewoners=None, risico_na="")

    assert "telt niet meer" in (flow.kan_plaatsen(getekend) or "")


def test_the_timeline_says_when_a_group_change_voids_the_counter_check(
    getekend: Voorstel, beheerder: User
) -> None:
    _nieuwe_bewoner(getekend.voorziening, beheerder)

    flow.herbeoordeel_voorstellen(voorziening_id=getekend.voorziening_id)

    stap = getekend.tijdlijn.filter(wat="herbeoordeeld").last()
    assert stap is not None and "tegenspraak" in stap.waarom and "telt niet meer" in stap.waarom


def test_the_page_marks_a_void_counter_check(
    getekend: Voorstel, beheerder: User, coordinator: User
) -> None:
    _nieuwe_bewoner(getekend.voorziening, beheerder)

    html = _client(coordinator).get(reverse("voorstellen:voorstel", args=[getekend.pk])).content
    tekst = html.decode()

    assert "Telt niet meer: de groep in de woning is daarna veranderd." in tekst
    assert "opnieuw tegenspraak geven" in tekst


# --- four eyes ------------------------------------------------------------------------------


@pytest.fixture
def tweede_gedragswetenschapper(gemeente: object) -> User:
    return UserFactory.create(
        email="bram@example.org",
        first_name="Bram",
        last_name="Smit",
        rol=Rol.COORDINATOR,
        organisatie=gemeente,
        is_gedragswetenschapper=True,
    )


def test_the_author_of_the_proposal_cannot_sign_its_counter_check(
    noor: Jongere,
    noor_slachtoffer: VerklarendeAnalyse,
    de_linde: Voorziening,
    gedragswetenschapper: User,
    tweede_gedragswetenschapper: User,
    beheerder: User,
) -> None:
    # Fenna, a behavioural scientist, makes the proposal for her colleague's youth.
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=gedragswetenschapper, motivatie="Past goed."
    )
    voorstel = flow.stuur_voorstel(voorstel=voorstel, door=gedragswetenschapper)
    _met_aandachtspunt(naar_gehouden(voorstel, beheerder))

    with pytest.raises(flow.VoorstelFout, match="vier ogen"):
        flow.teken_tegenspraak(
            voorstel=voorstel, door=gedragswetenschapper, akkoord=True, toelichting="Prima."
        )
    assert not Tegenspraak.objects.exists()

    flow.teken_tegenspraak(
        voorstel=voorstel, door=tweede_gedragswetenschapper, akkoord=True, toelichting="Prima."
    )
    assert Tegenspraak.objects.get().door == tweede_gedragswetenschapper


def test_the_youths_own_coordinator_cannot_sign_even_when_a_colleague_proposed(
    noor: Jongere,
    noor_slachtoffer: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
    tweede_gedragswetenschapper: User,
    beheerder: User,
) -> None:
    User.objects.filter(pk=coordinator.pk).update(is_gedragswetenschapper=True)
    coordinator.refresh_from_db()
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=tweede_gedragswetenschapper, motivatie="Past goed."
    )
    voorstel = flow.stuur_voorstel(voorstel=voorstel, door=tweede_gedragswetenschapper)
    _met_aandachtspunt(naar_gehouden(voorstel, beheerder))

    for door in (coordinator, tweede_gedragswetenschapper):
        assert not flow.mag_tegenspraak_geven(voorstel, door)
        with pytest.raises(flow.VoorstelFout, match="vier ogen"):
            flow.teken_tegenspraak(voorstel=voorstel, door=door, akkoord=True, toelichting="Ja.")
    assert not Tegenspraak.objects.exists()
    assert flow.wie_mag_tegenspraak_geven(voorstel) == []


def test_the_page_says_who_may_sign_and_refuses_the_others(
    akkoord: Voorstel,
    coordinator: User,
    gedragswetenschapper: User,
    tweede_gedragswetenschapper: User,
) -> None:
    _met_aandachtspunt(akkoord)
    User.objects.filter(pk=coordinator.pk).update(is_gedragswetenschapper=True)
    coordinator.refresh_from_db()
    url = reverse("voorstellen:voorstel", args=[akkoord.pk])

    eigen = _client(coordinator).get(url).content.decode()
    assert "Wie tekent" in eigen
    assert "Bram Smit" in eigen and "Fenna" in eigen
    assert "Daarom geef jij hier geen tegenspraak" in eigen
    assert (
        'action="' + reverse("voorstellen:voorstel_actie", args=[akkoord.pk, "tegenspraak"])
        not in eigen
    )

    response = _client(coordinator).post(
        reverse("voorstellen:voorstel_actie", args=[akkoord.pk, "tegenspraak"]),
        {"oordeel": "akkoord", "toelichting": "Zelf getekend."},
        follow=True,
    )
    assert "vier ogen" in response.content.decode()
    assert not Tegenspraak.objects.exists()

    ander = _client(gedragswetenschapper).get(url).content.decode()
    assert reverse("voorstellen:voorstel_actie", args=[akkoord.pk, "tegenspraak"]) in ander
