"""The proposal's state machine through its services: every move, and the refused ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pytest_django import Settings

from accounts.models import Organisatie, User
from jongeren.models import Fase, Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory, JongereFactory, jaren_geleden
from tests.matching.conftest import naar_gehouden
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory, vul_met_bewoners
from voorstellen import services as flow
from voorstellen.models import (
    Besluit,
    Kennismaking,
    Tegenspraak,
    Voorstel,
    VoorstelGebeurtenis,
    VoorstelStatus,
)
from voorzieningen.models import Plaatsing, Vacature, Voorziening

S = VoorstelStatus
AMS = ZoneInfo("Europe/Amsterdam")


def _statussen(voorstel: Voorstel) -> list[tuple[str, str]]:
    return list(voorstel.tijdlijn.values_list("van_status", "naar_status").exclude(naar_status=""))


# --- working days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verstuurd", "verwacht"),
    [
        (dt.datetime(2026, 11, 16, 10, 0, tzinfo=AMS), dt.datetime(2026, 11, 18, 10, 0)),  # Mon
        (dt.datetime(2026, 11, 19, 14, 0, tzinfo=AMS), dt.datetime(2026, 11, 23, 14, 0)),  # Thu
        (dt.datetime(2026, 11, 20, 16, 0, tzinfo=AMS), dt.datetime(2026, 11, 24, 16, 0)),  # Fri
        (dt.datetime(2026, 11, 21, 11, 0, tzinfo=AMS), dt.datetime(2026, 11, 25, 9, 0)),  # Sat
    ],
)
def test_deadline_is_two_working_days_skipping_the_weekend(
    verstuurd: dt.datetime, verwacht: dt.datetime, settings: Settings
) -> None:
    settings.TIME_ZONE = "Europe/Amsterdam"
    uitkomst = flow.werkdagen_later(verstuurd, 2)
    assert uitkomst.replace(tzinfo=None) == verwacht


# --- the happy path ------------------------------------------------------------------------


def test_whole_path_from_draft_to_placement(
    concept: Voorstel, beheerder: User, jongere_user: User, ouder_user: User, noor: Jongere
) -> None:
    coordinator = concept.gemaakt_door
    assert concept.status == S.CONCEPT
    flow.stuur_voorstel(voorstel=concept, door=coordinator)
    concept.refresh_from_db()
    assert concept.status == S.VERSTUURD
    assert (
        concept.antwoord_uiterlijk is not None
        and concept.uitleg_per_publiek["coordinator"]["factoren"]
    )
    noor.refresh_from_db()
    assert noor.fase == Fase.VOORGESTELD

    naar_gehouden(concept, beheerder)
    assert concept.status == S.KENNISMAKING_GEHOUDEN
    assert concept.kennismaking.notitie_woning == "Goed gesprek."

    flow.neem_besluit(voorstel=concept, door=jongere_user, keuze="ja")
    concept.refresh_from_db()
    assert concept.status == S.KENNISMAKING_GEHOUDEN  # the parent has not chosen yet
    flow.neem_besluit(voorstel=concept, door=ouder_user, keuze="ja", opmerking="Goed plan.")
    concept.refresh_from_db()
    assert concept.status == S.AKKOORD

    vacature = concept.voorziening.vacatures.get()
    flow.plaats(voorstel=concept, door=coordinator, aankomst=timezone.localdate())
    concept.refresh_from_db()
    noor.refresh_from_db()
    vacature.refresh_from_db()
    assert concept.status == S.GEPLAATST
    assert noor.fase == Fase.GEPLAATST
    plaatsing = concept.plaatsing
    assert plaatsing is not None and plaatsing.jongere == noor
    assert plaatsing.zorgprofiel == "trauma" and plaatsing.signalen == ["zelfbeschadiging"]
    assert plaatsing.geboortemaand == noor.geboortedatum.replace(day=1)
    assert vacature.status == Vacature.Status.VERVULD and vacature.plaatsing == plaatsing
    assert Voorziening.objects.get(pk=concept.voorziening_id).bewoners_aantal == 1
    # The score and attention points at placement are kept for the outcomes page.
    assert plaatsing.score_bij_plaatsing is not None and 0 < plaatsing.score_bij_plaatsing <= 100
    assert plaatsing.aandachtspunten_bij_plaatsing is not None
    assert not plaatsing.synthetisch
    assert _statussen(concept) == [
        ("", S.CONCEPT),
        (S.CONCEPT, S.VERSTUURD),
        (S.VERSTUURD, S.INTERESSE),
        (S.INTERESSE, S.KENNISMAKING_GEPLAND),
        (S.KENNISMAKING_GEPLAND, S.KENNISMAKING_GEHOUDEN),
        (S.KENNISMAKING_GEHOUDEN, S.AKKOORD),
        (S.AKKOORD, S.GEPLAATST),
    ]
    gebeurtenis = concept.tijdlijn.get(wat="stuur")
    assert gebeurtenis.door == coordinator and gebeurtenis.rol == "coordinator"


def test_placement_announces_the_group_change(
    gehouden: Voorstel, jongere_user: User, ouder_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    aangekondigd: list[int] = []
    monkeypatch.setattr(
        "voorzieningen.services.announce_group_change", lambda pk: aangekondigd.append(pk)
    )
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    flow.plaats(voorstel=gehouden, door=gehouden.gemaakt_door, aankomst=timezone.localdate())
    assert aangekondigd == [gehouden.voorziening_id]


def test_placing_withdraws_the_other_open_proposals(
    gehouden: Voorstel, jongere_user: User, ouder_user: User, aanbieder: Organisatie
) -> None:
    ander_huis = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Eik", lat=53.2, lon=6.58)
    VacatureFactory.create(voorziening=ander_huis)
    ander = flow.maak_voorstel(
        jongere=gehouden.jongere,
        voorziening=ander_huis,
        door=gehouden.gemaakt_door,
        motivatie="Past goed.",
    )
    flow.stuur_voorstel(voorstel=ander, door=gehouden.gemaakt_door)
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    flow.plaats(voorstel=gehouden, door=gehouden.gemaakt_door, aankomst=timezone.localdate())
    ander.refresh_from_db()
    assert ander.status == S.INGETROKKEN


# --- the home's answer ---------------------------------------------------------------------


def test_home_declines_with_a_structured_reason(verstuurd: Voorstel, beheerder: User) -> None:
    flow.beantwoord_voorstel(
        voorstel=verstuurd, door=beheerder, interesse=False, reden="impact_bewoners"
    )
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.AFGEWEZEN
    assert verstuurd.afwijsreden == "impact_bewoners" and verstuurd.beantwoord_op is not None
    verstuurd.jongere.refresh_from_db()
    assert verstuurd.jongere.fase == Fase.ZOEKEN  # nothing else open


def test_decline_without_reason_or_other_without_text_is_refused(
    verstuurd: Voorstel, beheerder: User
) -> None:
    with pytest.raises(flow.VoorstelFout):
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=False)
    with pytest.raises(flow.VoorstelFout):
        flow.beantwoord_voorstel(
            voorstel=verstuurd, door=beheerder, interesse=False, reden="anders"
        )
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD


def test_manager_of_another_provider_cannot_answer(verstuurd: Voorstel, beheerder2: User) -> None:
    with pytest.raises(flow.VoorstelFout, match="beheerder van deze woning"):
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder2, interesse=True)
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD


def test_second_answer_double_submit_is_refused_with_a_message(
    verstuurd: Voorstel, beheerder: User
) -> None:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    with pytest.raises(flow.VoorstelFout, match="status"):
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    assert verstuurd.tijdlijn.filter(wat="interesse").count() == 1


# --- refused moves ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "stap",
    ["plaats", "kennismaking", "gehouden", "besluit", "tegenspraak", "antwoord", "verzend"],
)
def test_steps_out_of_order_are_refused(
    stap: str,
    concept: Voorstel,
    beheerder: User,
    jongere_user: User,
    gedragswetenschapper: User,
) -> None:
    coordinator = concept.gemaakt_door
    if stap == "verzend":
        flow.stuur_voorstel(voorstel=concept, door=coordinator)
    acties = {
        "plaats": lambda: flow.plaats(
            voorstel=concept, door=coordinator, aankomst=timezone.localdate()
        ),
        "kennismaking": lambda: flow.plan_kennismaking(
            voorstel=concept,
            door=coordinator,
            soort="bezoek",
            datum=timezone.now() + dt.timedelta(days=1),
            plaats="x",
        ),
        "gehouden": lambda: flow.leg_kennismaking_vast(
            voorstel=concept, door=coordinator, notitie=""
        ),
        "besluit": lambda: flow.neem_besluit(voorstel=concept, door=jongere_user, keuze="ja"),
        "tegenspraak": lambda: flow.teken_tegenspraak(
            voorstel=concept, door=gedragswetenschapper, akkoord=True, toelichting="ok"
        ),
        "antwoord": lambda: flow.beantwoord_voorstel(
            voorstel=concept, door=beheerder, interesse=True
        ),
        "verzend": lambda: flow.stuur_voorstel(voorstel=concept, door=coordinator),
    }
    status_voor = Voorstel.objects.get(pk=concept.pk).status
    with pytest.raises(flow.VoorstelFout):
        acties[stap]()
    assert Voorstel.objects.get(pk=concept.pk).status == status_voor
    assert not Plaatsing.objects.exists()


def test_meeting_cannot_be_recorded_before_it_took_place(
    verstuurd: Voorstel, beheerder: User
) -> None:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=verstuurd,
        door=beheerder,
        soort=Kennismaking.Soort.MEE_ETEN,
        datum=timezone.now() + dt.timedelta(days=2),
        plaats="De Linde",
    )
    with pytest.raises(flow.VoorstelFout, match="nog niet geweest"):
        flow.leg_kennismaking_vast(voorstel=verstuurd, door=beheerder, notitie="")
    # re-planning is allowed and kept in the timeline
    flow.plan_kennismaking(
        voorstel=verstuurd,
        door=verstuurd.gemaakt_door,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() + dt.timedelta(days=3),
        plaats="De Linde",
    )
    assert verstuurd.tijdlijn.filter(wat="plan_kennismaking").count() == 2
    assert Kennismaking.objects.get(voorstel=verstuurd).soort == Kennismaking.Soort.BEZOEK


def test_withdrawn_proposal_cannot_be_moved_again(verstuurd: Voorstel, beheerder: User) -> None:
    flow.trek_in(voorstel=verstuurd, door=verstuurd.gemaakt_door, reden="Gezin wil niet.")
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.INGETROKKEN
    assert verstuurd.tijdlijn.get(wat="trek_in").waarom == "Gezin wil niet."
    with pytest.raises(flow.VoorstelFout):
        flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    with pytest.raises(flow.VoorstelFout):
        flow.trek_in(voorstel=verstuurd, door=verstuurd.gemaakt_door, reden="nogmaals")


def test_withdrawing_needs_a_reason(verstuurd: Voorstel) -> None:
    with pytest.raises(flow.VoorstelFout):
        flow.trek_in(voorstel=verstuurd, door=verstuurd.gemaakt_door, reden="  ")


def test_coordinator_of_another_organisation_cannot_send(
    concept: Voorstel, coordinator2: User
) -> None:
    with pytest.raises(flow.VoorstelFout, match="coördinator"):
        flow.stuur_voorstel(voorstel=concept, door=coordinator2)


# --- no "send to all" -------------------------------------------------------------------


def test_proposal_only_to_an_eligible_home(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, aanbieder: Organisatie
) -> None:
    vol = VoorzieningFactory.create(
        aanbieder=aanbieder, naam="Vol", max_bewoners=2, voorkeur_bewoners=2
    )
    vul_met_bewoners(vol, 2)
    assert noor.coordinator is not None
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=vol, door=noor.coordinator, motivatie="Past goed."
    )
    with pytest.raises(flow.VoorstelFout, match="niet in aanmerking"):
        flow.stuur_voorstel(voorstel=voorstel, door=noor.coordinator)
    voorstel.refresh_from_db()
    assert voorstel.status == S.CONCEPT


def test_at_most_three_open_proposals_per_youth(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, aanbieder: Organisatie, settings: Settings
) -> None:
    assert settings.VOORSTEL_MAX_OPEN == 3
    assert noor.coordinator is not None
    huizen = []
    for index in range(4):
        huis = VoorzieningFactory.create(aanbieder=aanbieder, naam=f"Huis {index}", lat=53.2)
        VacatureFactory.create(voorziening=huis)
        huizen.append(huis)
    for huis in huizen[:3]:
        voorstel = flow.maak_voorstel(
            jongere=noor, voorziening=huis, door=noor.coordinator, motivatie="Past goed."
        )
        flow.stuur_voorstel(voorstel=voorstel, door=noor.coordinator)
    vierde = flow.maak_voorstel(
        jongere=noor, voorziening=huizen[3], door=noor.coordinator, motivatie="Past goed."
    )
    with pytest.raises(flow.VoorstelFout, match="al 3 open voorstellen"):
        flow.stuur_voorstel(voorstel=vierde, door=noor.coordinator)
    # a withdrawn one frees a slot
    eerste = Voorstel.objects.get(voorziening=huizen[0])
    flow.trek_in(voorstel=eerste, door=noor.coordinator, reden="Past toch niet.")
    flow.stuur_voorstel(voorstel=vierde, door=noor.coordinator)
    assert Voorstel.objects.open().filter(jongere=noor).count() == 3


def test_no_second_open_proposal_to_the_same_home(verstuurd: Voorstel) -> None:
    tweede = flow.maak_voorstel(
        jongere=verstuurd.jongere,
        voorziening=verstuurd.voorziening,
        door=verstuurd.gemaakt_door,
        motivatie="Past goed.",
    )
    with pytest.raises(flow.VoorstelFout, match="al een voorstel"):
        flow.stuur_voorstel(voorstel=tweede, door=verstuurd.gemaakt_door)


# --- the family's decisions --------------------------------------------------------------


def test_second_decision_replaces_the_first_with_history_kept(
    gehouden: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze="ja")
    flow.neem_besluit(voorstel=gehouden, door=ouder_user, keuze="ja")
    gehouden.refresh_from_db()
    assert gehouden.status == S.AKKOORD
    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze="twijfel", opmerking="Ver weg.")
    gehouden.refresh_from_db()
    assert gehouden.status == S.KENNISMAKING_GEHOUDEN
    assert list(
        Besluit.objects.filter(voorstel=gehouden, persoon=jongere_user)
        .order_by("op", "pk")
        .values_list("keuze", flat=True)
    ) == ["ja", "twijfel"]
    stand = {s.betrokkene.sleutel: s.besluit for s in flow.stand_van_besluiten(gehouden)}
    laatste = stand["jongere"]
    assert laatste is not None and laatste.keuze == "twijfel"


def test_same_decision_submitted_twice_is_stored_once(
    gehouden: Voorstel, jongere_user: User
) -> None:
    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze="nee", opmerking="Nee.")
    flow.neem_besluit(voorstel=gehouden, door=jongere_user, keuze="nee", opmerking="Nee.")
    assert Besluit.objects.filter(voorstel=gehouden).count() == 1


def test_someone_outside_the_family_cannot_decide(
    gehouden: Voorstel, ouder_user: User, coordinator: User
) -> None:
    vreemde = JongereFactory.create(coordinator=coordinator)
    andere_ouder = User.objects.create_user("ander@example.org", rol="ouder")
    vreemde.ouders.add(andere_ouder)
    with pytest.raises(flow.VoorstelFout):
        flow.neem_besluit(voorstel=gehouden, door=andere_ouder, keuze="ja")
    with pytest.raises(flow.VoorstelFout):
        flow.neem_besluit(voorstel=gehouden, door=coordinator, keuze="ja")
    assert not Besluit.objects.exists()


# --- counter-check ---------------------------------------------------------------------


def test_open_attention_points_need_a_counter_check_before_placement(
    gehouden: Voorstel,
    jongere_user: User,
    ouder_user: User,
    gedragswetenschapper: User,
    coordinator: User,
) -> None:
    # The engine's attention points are stored at sending; here one is set directly.
    Voorstel.objects.filter(pk=gehouden.pk).update(
        uitleg_per_publiek={
            lezer: {**uitleg, "aandacht": ["Let op: zelfde zorgprofiel."]}
            for lezer, uitleg in gehouden.uitleg_per_publiek.items()
        }
    )
    gehouden.refresh_from_db()
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    with pytest.raises(flow.VoorstelFout, match="tegenspraak"):
        flow.plaats(voorstel=gehouden, door=coordinator, aankomst=timezone.localdate())
    with pytest.raises(flow.VoorstelFout, match="gedragswetenschapper"):
        flow.teken_tegenspraak(voorstel=gehouden, door=coordinator, akkoord=True, toelichting="x")
    flow.teken_tegenspraak(
        voorstel=gehouden, door=gedragswetenschapper, akkoord=False, toelichting="Te druk."
    )
    with pytest.raises(flow.VoorstelFout, match="bezwaar"):
        flow.plaats(voorstel=gehouden, door=coordinator, aankomst=timezone.localdate())
    flow.teken_tegenspraak(
        voorstel=gehouden, door=gedragswetenschapper, akkoord=True, toelichting="Met extra inzet."
    )
    flow.plaats(voorstel=gehouden, door=coordinator, aankomst=timezone.localdate())
    gehouden.refresh_from_db()
    assert gehouden.status == S.GEPLAATST
    assert list(
        Tegenspraak.objects.filter(voorstel=gehouden)
        .order_by("op", "pk")
        .values_list("oordeel", flat=True)
    ) == ["bezwaar", "akkoord"]


def test_counter_check_needs_a_reasoning(gehouden: Voorstel, gedragswetenschapper: User) -> None:
    with pytest.raises(flow.VoorstelFout):
        flow.teken_tegenspraak(
            voorstel=gehouden, door=gedragswetenschapper, akkoord=True, toelichting=" "
        )


# --- consent and override ----------------------------------------------------------------


def test_full_analysis_is_shared_only_after_everyone_consents(
    verstuurd: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    flow.geef_toestemming(voorstel=verstuurd, door=jongere_user)
    verstuurd.refresh_from_db()
    assert not flow.volledig_gedeeld(verstuurd)
    flow.geef_toestemming(voorstel=verstuurd, door=ouder_user)
    flow.geef_toestemming(voorstel=verstuurd, door=ouder_user)  # double click
    verstuurd.refresh_from_db()
    assert flow.volledig_gedeeld(verstuurd)
    assert verstuurd.deeltoestemmingen.count() == 2
    assert set(verstuurd.deeltoestemmingen.values_list("persoon", "sleutel", "keuze")) == {
        (jongere_user.pk, "jongere", "ja"),
        (ouder_user.pk, f"ouder:{ouder_user.pk}", "ja"),
    }


def test_coordinator_override_needs_a_reason_and_shares(verstuurd: Voorstel) -> None:
    with pytest.raises(flow.VoorstelFout):
        flow.overschrijf_toestemming(voorstel=verstuurd, door=verstuurd.gemaakt_door, reden="")
    flow.overschrijf_toestemming(
        voorstel=verstuurd, door=verstuurd.gemaakt_door, reden="Spoed: veiligheid."
    )
    verstuurd.refresh_from_db()
    assert flow.volledig_gedeeld(verstuurd)
    assert verstuurd.tijdlijn.get(wat="toestemming_overschreven").waarom == "Spoed: veiligheid."


# --- overdue and expired -------------------------------------------------------------------


def test_overdue_proposal_is_marked_once_and_later_expires(
    verstuurd: Voorstel, coordinator: User
) -> None:
    assert verstuurd.antwoord_uiterlijk is not None and verstuurd.verstuurd_op is not None
    na_termijn = verstuurd.antwoord_uiterlijk + dt.timedelta(minutes=1)
    assert flow.bewaak_termijnen(now=na_termijn) == flow.Termijnen(te_laat=1, verlopen=0)
    assert flow.bewaak_termijnen(now=na_termijn) == flow.Termijnen(te_laat=0, verlopen=0)
    verstuurd.refresh_from_db()
    assert verstuurd.is_te_laat and verstuurd.status == S.VERSTUURD
    assert coordinator.meldingen.filter(tekst__contains="niet op tijd").count() == 1
    veel_later = flow.werkdagen_later(verstuurd.verstuurd_op, 5) + dt.timedelta(minutes=1)
    assert flow.bewaak_termijnen(now=veel_later) == flow.Termijnen(te_laat=0, verlopen=1)
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERLOPEN
    assert VoorstelGebeurtenis.objects.filter(voorstel=verstuurd, wat="verloop", door=None).exists()


def test_answer_before_the_deadline_is_never_marked(verstuurd: Voorstel, beheerder: User) -> None:
    flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True)
    assert verstuurd.antwoord_uiterlijk is not None
    later = verstuurd.antwoord_uiterlijk + dt.timedelta(days=30)
    assert flow.bewaak_termijnen(now=later) == flow.Termijnen(te_laat=0, verlopen=0)


def test_management_command_runs_the_expiry(verstuurd: Voorstel) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("voorstel_termijnen", stdout=out)
    assert "0 te laat" in out.getvalue()


# --- a full home -----------------------------------------------------------------------


def test_placing_into_a_home_that_filled_up_is_refused_and_nothing_is_saved(
    gehouden: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=gehouden, door=persoon, keuze="ja")
    woning = gehouden.voorziening
    # Someone else filled every place in the meantime.
    vul_met_bewoners(woning, woning.max_bewoners)
    with pytest.raises(flow.VoorstelFout, match="vol"):
        flow.plaats(voorstel=gehouden, door=gehouden.gemaakt_door, aankomst=timezone.localdate())
    gehouden.refresh_from_db()
    assert gehouden.status == S.AKKOORD and gehouden.plaatsing is None
    assert not Plaatsing.objects.filter(jongere=gehouden.jongere).exists()
    assert Jongere.objects.get(pk=gehouden.jongere_id).fase == Fase.VOORGESTELD


def test_analysis_without_signals_places_without_signals(
    coordinator: User, jongere_user: User, aanbieder: Organisatie, beheerder: User
) -> None:
    # 16: the youth decides alone, so the youth's yes is all the agreement needed.
    jongere = JongereFactory.create(
        coordinator=coordinator, account=jongere_user, geboortedatum=jaren_geleden(16)
    )
    AnalyseFactory.create(jongere=jongere, status=VerklarendeAnalyse.Status.GEDRAGEN)
    huis = VoorzieningFactory.create(aanbieder=aanbieder, lat=53.2, lon=6.58)
    VacatureFactory.create(voorziening=huis)
    voorstel = flow.maak_voorstel(
        jongere=jongere, voorziening=huis, door=coordinator, motivatie="Past goed."
    )
    flow.stuur_voorstel(voorstel=voorstel, door=coordinator)
    naar_gehouden(voorstel, beheerder)
    flow.neem_besluit(voorstel=voorstel, door=jongere_user, keuze="ja")
    flow.plaats(voorstel=voorstel, door=coordinator, aankomst=timezone.localdate())
    voorstel.refresh_from_db()
    assert voorstel.plaatsing is not None and voorstel.plaatsing.signalen == []


def test_the_old_command_name_still_runs_the_deadlines_and_says_it_moved(
    verstuurd: Voorstel,
) -> None:
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("verloop_voorstellen", stdout=out, stderr=err)
    assert "0 te laat" in out.getvalue()
    assert "voorstel_termijnen" in err.getvalue()
