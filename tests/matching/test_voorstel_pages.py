"""The proposal pages for the three kinds of users: who gets in, what they see, what they do."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import Rol, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.conftest import PASSWORD
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.matching.conftest import geboren, naar_gehouden
from tests.matching.versturen import bevestiging_uit, verstuur
from voorstellen import services as flow
from voorstellen.models import Besluit, Voorstel, VoorstelStatus
from voorstellen.stand import leest_beperkt, stand_van_zaken
from voorzieningen.models import Voorziening

S = VoorstelStatus


def _client(user: User) -> Client:
    client = Client()
    # Through the login page, as a person would (the throttling backend needs the request).
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _detail(voorstel: Voorstel) -> str:
    return reverse("voorstellen:voorstel", args=[voorstel.pk])


def _actie(voorstel: Voorstel, actie: str) -> str:
    return reverse("voorstellen:voorstel_actie", args=[voorstel.pk, actie])


# --- who gets in -------------------------------------------------------------------------


def test_parties_open_the_proposal_and_each_gets_their_own_page(
    verstuurd: Voorstel, coordinator: User, beheerder: User, jongere_user: User, ouder_user: User
) -> None:
    assert "Tijdlijn" in _client(coordinator).get(_detail(verstuurd)).content.decode()
    assert "Je antwoord" in _client(beheerder).get(_detail(verstuurd)).content.decode()
    for persoon in (jongere_user, ouder_user):
        page = _client(persoon).get(_detail(verstuurd))
        assert page.status_code == 200
        assert "Wat voor huis is het?" in page.content.decode()


@pytest.mark.parametrize("wie", ["coordinator2", "beheerder2", "vreemde_ouder", "vreemde_jongere"])
def test_someone_not_party_to_the_proposal_gets_404(
    wie: str,
    verstuurd: Voorstel,
    coordinator: User,
    coordinator2: User,
    beheerder2: User,
) -> None:
    if wie == "coordinator2":
        persoon = coordinator2
    elif wie == "beheerder2":
        persoon = beheerder2
    else:
        rol = Rol.OUDER if wie == "vreemde_ouder" else Rol.JONGERE
        persoon = UserFactory.create(rol=rol)
        ander = JongereFactory.create(coordinator=coordinator)
        if rol == Rol.OUDER:
            ander.ouders.add(persoon)
        else:
            ander.account = persoon
            ander.save()
    client = _client(persoon)
    assert client.get(_detail(verstuurd)).status_code == 404
    assert client.post(_actie(verstuurd, "besluit"), {"keuze": "ja"}).status_code == 404
    assert client.post(_actie(verstuurd, "antwoord"), {"antwoord": "ja"}).status_code == 404
    assert client.get(reverse("voorstellen:voorstel_afdruk", args=[verstuurd.pk])).status_code in {
        403,
        404,
    }
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD and not Besluit.objects.exists()


def test_manager_and_family_do_not_see_drafts(
    concept: Voorstel, beheerder: User, jongere_user: User
) -> None:
    assert _client(beheerder).get(_detail(concept)).status_code == 404
    assert _client(jongere_user).get(_detail(concept)).status_code == 404


def test_anonymous_visitor_is_sent_to_login(verstuurd: Voorstel) -> None:
    response = Client().get(_detail(verstuurd))
    assert response.status_code == 302 and "/login" in response["Location"]


# --- staged information release ------------------------------------------------------------


def test_manager_sees_a_pseudonymised_profile_until_consent(
    verstuurd: Voorstel,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    noor_analyse: VerklarendeAnalyse,
) -> None:
    client = _client(beheerder)
    html = client.get(_detail(verstuurd)).content.decode()
    assert verstuurd.pseudoniem in html
    assert "Noor" not in html
    assert "Zelfbeschadiging" not in html and "zelfbeschadiging" not in html
    assert noor_analyse.factoren not in html  # the full analysis is not there yet
    assert "Rust en structuur: heel belangrijk" in html  # needs, with their importance
    assert noor_analyse.krachten not in html  # the family's own words wait for consent

    flow.geef_toestemming(voorstel=verstuurd, door=jongere_user)
    html = client.get(_detail(verstuurd)).content.decode()
    assert noor_analyse.factoren not in html  # the parent has not agreed yet

    flow.geef_toestemming(voorstel=verstuurd, door=ouder_user)
    html = client.get(_detail(verstuurd)).content.decode()
    assert "Noor" in html and noor_analyse.factoren in html and noor_analyse.krachten in html


def test_override_by_the_coordinator_opens_the_full_analysis(
    verstuurd: Voorstel, coordinator: User, beheerder: User, noor_analyse: VerklarendeAnalyse
) -> None:
    response = _client(coordinator).post(
        _actie(verstuurd, "overschrijven"), {"delen-reden": "Veiligheid gaat voor."}
    )
    assert response.status_code == 302
    html = _client(beheerder).get(_detail(verstuurd)).content.decode()
    assert noor_analyse.factoren in html


def test_manager_sees_what_the_admission_means_per_resident(
    verstuurd: Voorstel, beheerder: User, coordinator: User
) -> None:
    from tests.voorzieningen.factories import PlaatsingFactory

    PlaatsingFactory.create(voorziening=verstuurd.voorziening, aanduiding="K.L.")
    html = _client(beheerder).get(_detail(verstuurd)).content.decode()
    assert "Wat betekent dit voor je bewoners?" in html and "K.L." in html
    # ... the coordinator does not.
    html = _client(coordinator).get(_detail(verstuurd)).content.decode()
    assert "K.L." not in html


# --- the whole path in the browser's steps -----------------------------------------------------


def test_whole_path_through_the_pages(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    sanne = _client(coordinator)
    zoeken = sanne.get(reverse("matching:zoeken", args=[noor.pk])).content.decode()
    nieuw_url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, de_linde.pk])
    assert nieuw_url in zoeken
    assert sanne.get(nieuw_url).status_code == 200
    samenvatting = sanne.post(nieuw_url, {"motivatie": "Dichtbij oma.", "actie": "versturen"})
    assert samenvatting.status_code == 200 and not Voorstel.objects.exists()
    response = verstuur(sanne, nieuw_url, {"motivatie": "Dichtbij oma."})
    voorstel = Voorstel.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(voorstel)
    assert voorstel.status == S.VERSTUURD

    marieke = _client(beheerder)
    dashboard = marieke.get(reverse("voorzieningen:dashboard")).content.decode()
    assert "Voorstellen die op antwoord wachten" in dashboard and voorstel.pseudoniem in dashboard
    marieke.post(_actie(voorstel, "antwoord"), {"antwoord": "ja", "reden": "", "toelichting": ""})
    morgen = (timezone.localtime() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    marieke.post(
        _actie(voorstel, "kennismaking"),
        {"soort": "mee_eten", "datum": morgen, "plaats": "Lindelaan 1"},
    )
    voorstel.refresh_from_db()
    assert voorstel.status == S.KENNISMAKING_GEPLAND
    gezin_html = _client(jongere_user).get(_detail(voorstel)).content.decode()
    assert "Lindelaan 1" in gezin_html and "Mee-eten" in gezin_html

    voorstel.kennismaking.datum = timezone.now() - dt.timedelta(hours=1)
    voorstel.kennismaking.save()
    sanne.post(_actie(voorstel, "gehouden"), {"notitie": "Noor was open."})
    for persoon in (jongere_user, ouder_user):
        response = _client(persoon).post(
            _actie(voorstel, "besluit"), {"keuze": "ja", "opmerking": "Fijn huis."}
        )
        assert response.status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.status == S.AKKOORD
    coord_html = sanne.get(_detail(voorstel)).content.decode()
    assert coord_html.count("Fijn huis.") >= 2  # the coordinator sees every answer
    sanne.post(_actie(voorstel, "plaatsen"), {"aankomst": timezone.localdate().isoformat()})
    voorstel.refresh_from_db()
    noor.refresh_from_db()
    assert voorstel.status == S.GEPLAATST and noor.fase == "geplaatst"
    detail = sanne.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    assert _detail(voorstel) in detail


def test_refused_step_shows_a_message_not_an_error(verstuurd: Voorstel, coordinator: User) -> None:
    client = _client(coordinator)
    response = client.post(
        _actie(verstuurd, "plaatsen"), {"aankomst": timezone.localdate().isoformat()}, follow=True
    )
    assert response.status_code == 200
    assert "Plaatsen kan als de kennismaking is geweest" in response.content.decode()


def test_double_submit_of_the_send_button_is_handled(concept: Voorstel, coordinator: User) -> None:
    client = _client(coordinator)
    data = {"motivatie": concept.motivatie}
    token = bevestiging_uit(client.post(_actie(concept, "versturen"), data).content.decode())
    bevestigd = {**data, "actie": "bevestigd", "bevestiging": token}
    first = client.post(_actie(concept, "versturen"), bevestigd)
    second = client.post(_actie(concept, "versturen"), bevestigd, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert "Dit kan nu niet" in second.content.decode()
    assert concept.tijdlijn.filter(wat="stuur").count() == 1


def test_invalid_form_input_is_a_message(verstuurd: Voorstel, beheerder: User) -> None:
    response = _client(beheerder).post(
        _actie(verstuurd, "antwoord"), {"antwoord": "nee"}, follow=True
    )
    assert response.status_code == 200
    assert "Kies een reden" in response.content.decode()
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD


def test_a_wrong_answer_form_keeps_the_input_and_links_each_error_to_its_field(
    verstuurd: Voorstel, beheerder: User
) -> None:
    response = _client(beheerder).post(
        _actie(verstuurd, "antwoord"), {"antwoord": "nee", "toelichting": "Groep is vol."}
    )
    html = response.content.decode()
    assert response.status_code == 200  # the page again, not a redirect that forgets
    assert '<a href="#id_reden">' in html and "Kies een reden." in html
    assert 'id="id_reden_error"' in html
    assert re.search(r'<input[^>]*value="nee"[^>]*checked', html)
    assert "Groep is vol." in html
    verstuurd.refresh_from_db()
    assert verstuurd.status == S.VERSTUURD


def test_a_family_decision_without_a_choice_says_so_in_the_section(
    gehouden: Voorstel, jongere_user: User
) -> None:
    response = _client(jongere_user).post(
        _actie(gehouden, "besluit"),
        {"opmerking": "Weet ik nog niet."},
        headers={"HX-Request": "true", "HX-Target": "kiezen"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="blok" id="kiezen"')
    assert 'href="#id_keuze_0"' in html and "Kies ja, twijfel of nee." in html
    assert 'id="id_keuze_error"' in html
    assert "Weet ik nog niet." in html
    assert not Besluit.objects.exists()


def test_unknown_action_is_404(verstuurd: Voorstel, coordinator: User) -> None:
    assert _client(coordinator).post(_actie(verstuurd, "toveren")).status_code == 404


def test_new_proposal_page_refuses_an_ineligible_home(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, coordinator: User, aanbieder: object
) -> None:
    from tests.voorzieningen.factories import VoorzieningFactory

    geen_plek = VoorzieningFactory.create(aanbieder=aanbieder)  # no vacancy
    url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, geen_plek.pk])
    client = _client(coordinator)
    assert "komt nu niet in aanmerking" in client.get(url).content.decode()
    response = client.post(url, {"motivatie": "", "actie": "versturen"})
    assert response.status_code == 200
    assert not Voorstel.objects.exists()  # the draft is rolled back with the refused send


def test_other_organisations_coordinator_cannot_propose_for_the_youth(
    noor: Jongere, de_linde: Voorziening, coordinator2: User
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, de_linde.pk])
    assert _client(coordinator2).get(url).status_code == 404


# --- lists, print, stability, navigation ---------------------------------------------------


def test_lists_per_role(
    verstuurd: Voorstel, coordinator: User, beheerder: User, jongere_user: User, beheerder2: User
) -> None:
    assert "Noor" in _client(coordinator).get(reverse("voorstellen:lijst")).content.decode()
    html = _client(beheerder).get(reverse("voorstellen:lijst")).content.decode()
    assert verstuurd.pseudoniem in html and "Noor" not in html.split("<main")[1]
    assert (
        verstuurd.pseudoniem
        not in _client(beheerder2).get(reverse("voorstellen:lijst")).content.decode()
    )
    gezin = _client(jongere_user).get(reverse("voorstellen:mijn_voorstellen")).content.decode()
    assert verstuurd.voorziening.naam in gezin
    assert _client(jongere_user).get(reverse("voorstellen:lijst")).status_code == 403


def _gehouden_met_besluit(
    roepnaam: str, coordinator: User, beheerder: User, woning: Voorziening
) -> tuple[Voorstel, User]:
    """A youth of 15 with a parent with gezag, met the home; the parent said yes to the
    proposal and to sharing."""
    ouder = UserFactory.create(email=f"ouder-{roepnaam.lower()}@example.org", rol=Rol.OUDER)
    youth = JongereFactory.create(
        roepnaam=roepnaam, coordinator=coordinator, ouders=[ouder], geboortedatum=geboren(15)
    )
    AnalyseFactory.create(jongere=youth, status="gedragen", behoeften=[("rust_structuur", 3)])
    voorstel = flow.stuur_voorstel(
        voorstel=flow.maak_voorstel(
            jongere=youth, voorziening=woning, door=coordinator, motivatie="Past goed."
        ),
        door=coordinator,
    )
    naar_gehouden(voorstel, beheerder)
    flow.neem_besluit(voorstel=voorstel, door=ouder, keuze=Besluit.Keuze.JA)
    flow.geef_toestemming(voorstel=voorstel, door=ouder)
    return voorstel, ouder


def test_proposal_lists_ask_no_more_queries_for_more_proposals(
    coordinator: User, beheerder: User, de_linde: Voorziening
) -> None:
    """Where each proposal stands (every party's answer) is read for the whole list at
    once: a home with twenty proposals waits no longer for its list than one with two."""
    eerste, ouder = _gehouden_met_besluit("Ada", coordinator, beheerder, de_linde)
    pagina = reverse("voorstellen:lijst")
    lezers = {"coordinator": _client(coordinator), "beheerder": _client(beheerder)}
    gezin = _client(ouder)

    def queries(client: Client, url: str) -> tuple[int, str]:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len(captured), html

    voor = {rol: queries(client, pagina)[0] for rol, client in lezers.items()}
    gezin_voor = queries(gezin, reverse("voorstellen:mijn_voorstellen"))[0]
    for roepnaam in ("Bo", "Cas", "Dewi"):
        _gehouden_met_besluit(roepnaam, coordinator, beheerder, de_linde)
    for rol, client in lezers.items():
        aantal, html = queries(client, pagina)
        assert aantal == voor[rol], rol
        # Each row says what the proposal's own page says (read without the list's help).
        user = coordinator if rol == "coordinator" else beheerder
        for voorstel in Voorstel.objects.all():
            assert escape(stand_van_zaken(voorstel, user).samenvatting) in html, (rol, voorstel)
    # The parent's own list stays as it was, in their own words.
    aantal, html = queries(gezin, reverse("voorstellen:mijn_voorstellen"))
    assert aantal == gezin_voor
    stand = stand_van_zaken(eerste, ouder, beperkt=leest_beperkt(eerste, ouder))
    assert escape(stand.samenvatting) in html and eerste.voorziening.naam in html


def test_printable_summary(verstuurd: Voorstel, coordinator: User, beheerder: User) -> None:
    url = reverse("voorstellen:voorstel_afdruk", args=[verstuurd.pk])
    html = _client(coordinator).get(url).content.decode()
    assert "Samenvatting voor de kennismaking" in html and "css/portaal.min.css" in html
    html = _client(beheerder).get(url).content.decode()
    assert verstuurd.pseudoniem in html and "Noor" not in html.split("<main")[1]


def test_stability_page_for_coordinators_and_admins_only(
    coordinator: User, beheerder: User, jongere_user: User, de_linde: Voorziening
) -> None:
    from tests.voorzieningen.factories import PlaatsingFactory

    vandaag = timezone.localdate()
    PlaatsingFactory.create(
        voorziening=de_linde,
        aankomst=vandaag - dt.timedelta(days=100),
        einde=vandaag - dt.timedelta(days=10),
        eindreden="breuk_veiligheid",
    )
    PlaatsingFactory.create(
        voorziening=de_linde,
        aankomst=vandaag - dt.timedelta(days=200),
        einde=vandaag - dt.timedelta(days=20),
        eindreden="gepland",
    )
    response = _client(coordinator).get(reverse("plaatsingstafel:stabiliteit"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<rect" in html and "style=" not in html.split("<main")[1]
    assert "135 dagen" in html  # median of 90 and 180
    assert "1 (50%)" in html  # one of two ended by breakdown
    assert _client(beheerder).get(reverse("plaatsingstafel:stabiliteit")).status_code == 403
    assert _client(jongere_user).get(reverse("plaatsingstafel:stabiliteit")).status_code == 403


def test_navigation_shows_proposals_per_role(
    coordinator: User, beheerder: User, jongere_user: User, db: None
) -> None:
    pagina = reverse("meldingen")
    assert "Mijn voorstellen" in _client(coordinator).get(pagina).content.decode()
    assert reverse("voorstellen:lijst") in _client(beheerder).get(pagina).content.decode()
    assert "Voorstellen voor jou" in _client(jongere_user).get(pagina).content.decode()


def test_family_page_has_accessible_decision_form(gehouden: Voorstel, jongere_user: User) -> None:
    html = _client(jongere_user).get(_detail(gehouden)).content.decode()
    assert html.count("<h1") == 1
    assert "<fieldset" in html and "<legend>" in html
    assert 'value="twijfel"' in html and "style=" not in html.split("<main")[1]
    assert "onclick" not in html


def test_family_never_reads_the_residents_signals(verstuurd: Voorstel, jongere_user: User) -> None:
    Voorstel.objects.filter(pk=verstuurd.pk).update(
        uitleg_per_publiek={
            **verstuurd.uitleg_per_publiek,
            "beheerder_na_toestemming": {
                "factoren": [
                    {"code": "groep", "punten": 1, "max": 2, "uitleg": "Kans op agressie."}
                ],
            },
        }
    )
    html = _client(jongere_user).get(_detail(verstuurd)).content.decode()
    assert "agressie" not in html


def test_family_decision_with_htmx_swaps_only_the_section(
    gehouden: Voorstel, jongere_user: User
) -> None:
    client = _client(jongere_user)
    response = client.post(
        _actie(gehouden, "besluit"),
        {"keuze": "twijfel", "opmerking": "Eerst nog eens kijken."},
        headers={"HX-Request": "true", "HX-Target": "kiezen"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="blok" id="kiezen"')
    assert "Je koos: Ik twijfel" in html and "<h1" not in html
    assert Besluit.objects.get(voorstel=gehouden).keuze == "twijfel"


def test_refused_htmx_step_sends_the_browser_to_the_page(
    verstuurd: Voorstel, jongere_user: User
) -> None:
    # Before the home answered there is nothing to decide yet.
    response = _client(jongere_user).post(
        _actie(verstuurd, "besluit"), {"keuze": "ja"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == _detail(verstuurd)
    assert not Besluit.objects.exists()


def test_admin_reads_a_proposal_with_its_timeline(verstuurd: Voorstel, gemeente: object) -> None:
    admin_user = User.objects.create_superuser("beheer@example.org", PASSWORD)
    client = _client(admin_user)
    assert client.get(reverse("admin:voorstellen_voorstel_changelist")).status_code == 200
    page = client.get(reverse("admin:voorstellen_voorstel_change", args=[verstuurd.pk]))
    assert page.status_code == 200
    assert "Rustig huis." in page.content.decode()  # the timeline's reason for sending


def test_family_reads_what_the_team_is_good_at_from_current_members_and_the_offer(
    verstuurd: Voorstel, jongere_user: User
) -> None:
    """Skills of members who work there now and what the home offers, each once; not the
    skills of someone who left. (Two id subqueries: the page stays fast with many homes.)"""
    from kern.models import Kenmerk
    from tests.voorzieningen.factories import TeamlidFactory, VoorzieningFactory

    woning = verstuurd.voorziening
    trauma, autisme, sport, koken = (
        Kenmerk.objects.create(code=code, naam=naam, volgorde=volgorde)
        for volgorde, (code, naam) in enumerate(
            [
                ("t_trauma", "traumasensitief werken"),
                ("t_autisme", "autisme"),
                ("t_sport", "sport en bewegen"),
                ("t_koken", "samen koken"),
            ],
            start=900,
        )
    )
    woning.aanbod.add(sport)
    TeamlidFactory.create(voorziening=woning).competenties.add(trauma, sport)
    vertrokken = TeamlidFactory.create(
        voorziening=woning, einddatum=timezone.localdate() - dt.timedelta(days=3)
    )
    vertrokken.competenties.add(autisme)
    # Another home's team says nothing about this one.
    TeamlidFactory.create(voorziening=VoorzieningFactory.create()).competenties.add(koken)

    html = _client(jongere_user).get(_detail(verstuurd)).content.decode()
    deel = html.split("Waar het team goed in is", 1)[1].split("</ul>", 1)[0]
    assert deel.count("<li>Traumasensitief werken</li>") == 1
    assert deel.count("<li>Sport en bewegen</li>") == 1
    assert "Autisme" not in deel
    assert "Samen koken" not in deel
