"""Who may read which attention signal: every page that shows matching output, for every
persona, on a world where the residents carry every signal.

Residents' signals may be named only to the home's own managers (kern.publiek).
`TOONT_MATCHING` decides, per URL name, whether a page shows matching output (explanations,
group pictures, proposals, exports, notices); a URL that is not in it fails
`test_every_url_has_an_audience_decision`, so a new page cannot ship without that decision.
Each page that does is fetched as every persona; whoever is not one of the home's managers
must find no signal code, label or word in it, nor in any notice or e-mail the world sent.
Before the family consented, the youth's own signals play no part in what a manager sees:
the manager's pages are the same whether the youth has signals or not.
"""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from pytest_django import Settings

from accounts.models import Melding, User
from jongeren import beslissers
from jongeren.models import VerklarendeAnalyse
from kern.choices import Signaal
from kern.publiek import GROUP_SIGNALS_NEUTRAL
from matching.engine.vocabulary import ATTENTION_SIGNALS
from matching.services import herbereken_groepsbeeld
from tests.trust.wereld import PERSONAS, World, bouw_wereld, url_names
from tests.voorzieningen.factories import PlaatsingFactory, VacatureFactory, VoorzieningFactory
from voorstellen import services as flow
from voorzieningen.models import Voorziening

ALLE_SIGNALEN = sorted(ATTENTION_SIGNALS)

# Every way a signal could be written: its code, its labels, and the stems of its words.
VERBODEN = sorted(
    {
        *ALLE_SIGNALEN,
        *(label.lower() for label in ATTENTION_SIGNALS.values()),
        *(str(label).lower() for _code, label in Signaal.choices),
        "beinvloeding_",
        "werving",
        "grensoverschrijd",
        "mensenhandel",
        "suïcid",
        "suicid",
        "zelfbeschadig",
        "agressie",
        "verslaving",
        "criminalit",
        "weglop",
    }
)

# Personas who may read the residents' signals of the world's home: its own manager.
EIGEN_BEHEERDERS = {"beheerder"}
# The home's own records of its residents (the manager's pages): kept by whoever manages
# the home, which includes the functional admin standing in for a provider without one.
BEWONERSDOSSIER = {
    "voorzieningen:beheer",
    "voorzieningen:bewoners",
    "voorzieningen:bewoner",
    "voorzieningen:aankomst",
}

# fmt: off
# Per URL name: does the page show matching output (explanations, group pictures, proposals,
# their exports and notices)? True: every persona's version is checked below.
TOONT_MATCHING: dict[str, bool] = {
    "start": False, "beheer_start": False, "privacy:inzage_log": False, "login_code": False,
    "privacy:inzage_per_dag": False, "privacy:reden": False,
    "login_herstelcode": False, "koppelen": False,
    "tweestaps": False, "privacy": False, "toegankelijkheid": False,
    "meldingen": True,
    "login": False, "logout": False, "password_change": False, "password_change_done": False,
    "password_reset": False, "password_reset_done": False, "password_reset_confirm": False,
    "password_reset_complete": False,
    "jongeren:lijst": True, "jongeren:nieuw": False, "jongeren:detail": True,
    "jongeren:bewerken": False,
    # The analysis form offers every signal as a choice: it is the coordinator's own input.
    "jongeren:analyse_bewerken": False,
    "jongeren:analyse_versies": True, "jongeren:analyse_versie": True,
    "jongeren:analyse_voorleggen": False, "jongeren:analyse_akkoord": False,
    "jongeren:analyse_signalen_vrijgeven": False,
    "jongeren:uitnodigen": False,
    # A protective zone's place and reason: the coordinator's own input, no matching output.
    "jongeren:zone_nieuw": False, "jongeren:zone_verwijderen": False,
    # Linking siblings: a POST that redirects, no matching output.
    "jongeren:broers_zussen": False,
    "jongeren:instemming_vastleggen": False, "jongeren:mijn_bevestigen": False,
    "privacy:gegevens": True, "privacy:gegevens_json": True,
    "jongeren:mijn": True, "jongeren:mijn_jongere": True, "jongeren:mijn_aanpassen": False,
    "jongeren:mijn_reactie": False, "jongeren:mijn_veranderingen": True,
    # Who can read what, and the youth protection worker's list: who decides, no matching.
    "jongeren:mijn_wie_leest": False, "jongeren:beschermd": False,
    "privacy:mijn_gegevens": True, "privacy:mijn_gegevens_json": True,
    "privacy:mijn_inzage": True, "jongeren:uitnodiging": False,
    "voorzieningen:dashboard": True, "voorzieningen:nieuw": False,
    "voorzieningen:beheer": True, "voorzieningen:profiel": False, "voorzieningen:team": False,
    "voorzieningen:teamlid": False, "voorzieningen:teamlid_einde": False,
    "voorzieningen:aankomst": True, "voorzieningen:bewoners": True,
    "voorzieningen:bewoner": True, "voorzieningen:vertrek": False,
    # A youth's stay (perspective, mentor, transition checklist): no matching output, but
    # a page about a resident, so every persona's version is checked for signals.
    "voorzieningen:verblijf": True, "voorzieningen:verblijf_mentor": False,
    "voorzieningen:verblijf_overgang": False,
    "voorzieningen:vacature_nieuw": False, "voorzieningen:vacature_bevestigen": False,
    "voorzieningen:vacature_intrekken": False,
    "voorzieningen:lijst": True, "voorzieningen:detail": True,
    "matching:zoeken": True, "matching:bewaren": False, "matching:zoekopdracht": True,
    "matching:vergelijk": True,
    "voorzieningen:nieuwe_bewoner": True, "voorstellen:voorstel_nieuw": True,
    "voorstellen:lijst": True, "voorstellen:voorstel": True, "voorstellen:voorstel_afdruk": True,
    "voorstellen:voorstel_actie": False, "voorstellen:mijn_voorstellen": True,
    "plaatsingstafel:stabiliteit": True, "plaatsingstafel:regio": True,
    "plaatsingstafel:regio_csv": True,
    # The expert table's summaries: checked like matching output, so nothing leaks there.
    "plaatsingstafel:expertteam": True,
    "plaatsingstafel:toewijzing": True, "plaatsingstafel:uitkomsten": True,
    # A computation's advice (the coordinator's reading); stopping it shows nothing.
    "plaatsingstafel:verdeling": True, "plaatsingstafel:verdeling_stoppen": False,
    # Counts of free places per home, and a calendar entry with a time and a link.
    "plaatsingstafel:vrije_plekken_csv": False, "plaatsingstafel:vrije_plekken_json": False,
    "voorstellen:kennismaking_ics": False, "voorzieningen:foto": False,
    # The API's proposals are a home's reading of a proposal; checked with a key below.
    "api:schema": False, "api:docs": False, "api:woningen": False, "api:woning": False,
    "api:vacatures": False, "api:vacature": False, "api:vacature_bevestigen": False,
    "api:vacature_intrekken": False, "api:voorstel_antwoord": False,
    "api:voorstellen": True, "api:voorstel": True,
}
# fmt: on


def _met_signalen_bij_de_bewoners(world: World) -> World:
    """Two more residents, each with every signal: every pair and rule fires in the group."""
    for _ in range(2):
        PlaatsingFactory.create(voorziening=world.woning, signalen=ALLE_SIGNALEN)
    Voorziening.objects.filter(pk=world.woning.pk).update(bewoners_aantal=3)
    herbereken_groepsbeeld(voorziening_id=world.woning.pk)
    flow.herbeoordeel_voorstellen(voorziening_id=world.woning.pk)
    return world


@pytest.fixture
def world(personas: dict[str, User], settings: Settings) -> World:
    settings.TWEESTAPS_VERPLICHT = True
    return _met_signalen_bij_de_bewoners(bouw_wereld(personas))


# A GET form asks for input (a filter, a candidate to try): its choices are not output.
_INVOERFORMULIER = re.compile(r"<form[^>]*method=\"get\".*?</form>", re.DOTALL | re.IGNORECASE)


def _gevonden(tekst: str) -> list[str]:
    laag = _INVOERFORMULIER.sub("", tekst).lower()
    return [woord for woord in VERBODEN if woord in laag]


def _pagina(world: World, persona: str, name: str) -> str | None:
    response = world.client_for(persona).get(world.url(name))
    if response.status_code != 200:
        return None
    return response.content.decode()


def test_every_url_has_an_audience_decision() -> None:
    missing = sorted(url_names() - TOONT_MATCHING.keys())
    assert not missing, f"decide whether these show matching output, in {__file__}: {missing}"
    stale = sorted(TOONT_MATCHING.keys() - url_names())
    assert not stale, f"these URL names no longer exist: {stale}"


def test_the_world_has_every_signal_among_the_residents(world: World) -> None:
    """Not vacuous: the home's own manager does read the signals on the same pages."""
    html = _pagina(world, "beheerder", "voorzieningen:detail")
    assert html is not None and _gevonden(html)
    voorstel = _pagina(world, "beheerder", "voorstellen:voorstel")
    assert voorstel is not None and "kans op negatieve beïnvloeding" in voorstel.lower()


def test_the_coordinator_reads_the_group_risk_in_words_that_name_no_signal(world: World) -> None:
    """Left out is not the same as hidden: the group's risk is explained, neutrally."""
    html = _pagina(world, "coordinator", "matching:zoeken")
    assert html is not None and GROUP_SIGNALS_NEUTRAL in html
    detail = _pagina(world, "coordinator", "voorzieningen:detail")
    assert detail is not None and GROUP_SIGNALS_NEUTRAL in detail


@pytest.mark.parametrize("name", sorted(n for n, toont in TOONT_MATCHING.items() if toont))
def test_no_resident_signal_reaches_anyone_but_the_homes_manager(world: World, name: str) -> None:
    lekken = {}
    mogen = EIGEN_BEHEERDERS | ({"admin_user"} if name in BEWONERSDOSSIER else set())
    for persona in PERSONAS:
        if persona in mogen:
            continue
        html = _pagina(world, persona, name)
        if html is not None and (gevonden := _gevonden(html)):
            lekken[persona] = gevonden
    assert not lekken, f"{name}: {lekken}"


def test_no_notice_or_mail_names_a_signal(world: World) -> None:
    # The group changed: every notice and mail about it and about the proposal is out.
    teksten = [melding.tekst for melding in Melding.objects.all()]
    teksten += [f"{bericht.subject}\n{bericht.body}" for bericht in mail.outbox]
    assert teksten, "the world sent no notices or mails: nothing was checked"
    for tekst in teksten:
        assert not _gevonden(tekst), tekst


# What differs between two requests whatever they show: form tokens and script nonces.
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|csrf[_-]?token[^>]*|nonce="[^"]*"')


def _zonder_tokens(html: str) -> str:
    return _CSRF.sub("", html)


@pytest.mark.parametrize("name", ["voorstellen:voorstel", "voorstellen:voorstel_afdruk"])
def test_before_consent_the_youths_signals_change_nothing_a_manager_sees(
    world: World, name: str
) -> None:
    assert world.voorstel.volledig_gedeeld_op is None
    zonder = _pagina(world, "beheerder", name)
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=ALLE_SIGNALEN)
    met = _pagina(world, "beheerder", name)
    assert zonder is not None and met is not None
    assert _zonder_tokens(met) == _zonder_tokens(zonder)


def test_after_consent_the_manager_reads_what_the_youths_signals_mean(world: World) -> None:
    """The check above is not vacuous: once shared, the same change shows on the page."""
    flow.overschrijf_toestemming(
        voorstel=world.voorstel, door=world.users["coordinator"], reden="Gezin akkoord."
    )
    zonder = _pagina(world, "beheerder", "voorstellen:voorstel")
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=["agressie"])
    met = _pagina(world, "beheerder", "voorstellen:voorstel")
    assert zonder is not None and met is not None
    assert _zonder_tokens(met) != _zonder_tokens(zonder)


# --- The provider API reads a proposal as the home's manager does ----------------------------


def _api_voorstel(world: World, persona: str) -> tuple[int, str]:
    from django.test import Client
    from django.urls import reverse

    from api.sleutels import maak_sleutel

    _record, sleutel = maak_sleutel(gebruiker=world.users[persona], naam="Systeem", door=None)
    response = Client().get(
        reverse("api:voorstel", args=[world.voorstel.pk]), HTTP_AUTHORIZATION=f"Bearer {sleutel}"
    )
    return response.status_code, response.content.decode()


def test_before_consent_the_api_gives_a_home_the_profile_without_name_or_the_youths_signals(
    world: World,
) -> None:
    assert world.voorstel.volledig_gedeeld_op is None
    status, zonder = _api_voorstel(world, "beheerder")
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=ALLE_SIGNALEN)
    _status, met = _api_voorstel(world, "beheerder")

    assert status == 200
    assert met == zonder
    data = json.loads(zonder)
    assert data["analyse"] is None
    assert "score" not in data["uitleg"] and "factoren" not in data["uitleg"]
    assert world.noor.roepnaam not in zonder
    # The home's own residents' signals are its manager's to read, as on the page.
    assert "kans op negatieve beïnvloeding" in data["uitleg"]["groep"].lower()


def test_after_consent_the_api_gives_the_whole_analysis_and_the_youths_signals_count(
    world: World,
) -> None:
    """Not vacuous: once shared, the same change in the youth's signals shows."""
    flow.overschrijf_toestemming(
        voorstel=world.voorstel, door=world.users["coordinator"], reden="Gezin akkoord."
    )
    _status, zonder = _api_voorstel(world, "beheerder")
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=["agressie"])
    _status, met = _api_voorstel(world, "beheerder")

    assert met != zonder
    data = json.loads(met)
    assert data["analyse"]["naam"] == world.noor.roepnaam
    assert data["uitleg"]["score"] is not None


def test_another_providers_key_reads_no_proposal_and_no_signal(world: World) -> None:
    status, tekst = _api_voorstel(world, "beheerder2")

    assert status == 404
    assert not _gevonden(tekst)


def test_comparing_homes_names_no_resident_signal_to_anyone_but_the_homes_manager(
    world: World,
) -> None:
    """The world's URL asks for no homes; here two are compared, one of them the home whose
    residents carry every signal. Its group is explained, neutrally, as on the search."""
    ander = VoorzieningFactory.create(naam="De Esch", lat=53.21, lon=6.57)
    VacatureFactory.create(voorziening=ander)
    url = f"{world.url('matching:vergelijk')}?woning={world.woning.pk}&woning={ander.pk}"
    gelezen = {}
    for persona in PERSONAS:
        response = world.client_for(persona).get(url)
        if response.status_code == 200:
            gelezen[persona] = html = response.content.decode()
            if persona not in EIGEN_BEHEERDERS:
                assert not _gevonden(html), (persona, _gevonden(html))
    assert "<table" in gelezen["coordinator"]
    assert GROUP_SIGNALS_NEUTRAL in gelezen["coordinator"]


# --- Withdrawn consent: the home reads as before consent again ------------------------------


def _instemmers(world: World) -> dict[str, str]:
    """Per person whose consent is needed, the persona that is them."""
    persona_van = {
        beslissers.sleutel_van(world.noor, world.users[p]): p
        for p in ("jongere_user", "ouder_user", "jeugdbeschermer_user")
    }
    return {
        d.betrokkene.sleutel: persona_van[d.betrokkene.sleutel]
        for d in flow.stand_van_delen(world.voorstel)
    }


def _toestemming(world: World, persona: str, keuze: str) -> None:
    from django.urls import reverse

    response = world.client_for(persona).post(
        reverse("voorstellen:voorstel_actie", args=[world.voorstel.pk, "toestemming"]),
        {"keuze": keuze},
    )
    assert response.status_code == 302


@pytest.mark.parametrize("name", ["voorstellen:voorstel", "voorstellen:voorstel_afdruk"])
def test_after_a_withdrawal_the_youths_signals_change_nothing_a_manager_sees_again(
    world: World, name: str
) -> None:
    instemmers = _instemmers(world)
    assert instemmers, "nobody's consent is needed: nothing would be checked"
    for persona in instemmers.values():
        _toestemming(world, persona, "ja")
    world.voorstel.refresh_from_db()
    assert world.voorstel.volledig_gedeeld_op is not None
    # Not vacuous: while shared, the youth's signals show on the manager's page.
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=[])
    zonder_gedeeld = _pagina(world, "beheerder", "voorstellen:voorstel")
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=["agressie"])
    met_gedeeld = _pagina(world, "beheerder", "voorstellen:voorstel")
    assert zonder_gedeeld is not None and met_gedeeld is not None
    assert _zonder_tokens(met_gedeeld) != _zonder_tokens(zonder_gedeeld)

    _toestemming(world, next(iter(instemmers.values())), "nee")
    world.voorstel.refresh_from_db()
    assert world.voorstel.volledig_gedeeld_op is None
    met = _pagina(world, "beheerder", name)
    VerklarendeAnalyse.objects.filter(pk=world.analyse.pk).update(signalen=ALLE_SIGNALEN)
    alle = _pagina(world, "beheerder", name)
    assert met is not None and alle is not None
    assert _zonder_tokens(met) == _zonder_tokens(alle)
    assert world.noor.roepnaam not in met
    _status, api = _api_voorstel(world, "beheerder")
    assert json.loads(api)["analyse"] is None
