"""Who may open which page: every URL of the project against every persona.

One table, keyed by URL name, holds the expected GET status per persona. A URL that the
table does not cover fails `test_every_url_is_in_the_matrix`, so a new page cannot ship
without someone deciding who may see it. The world is one youth (Noor) of the first
coordinator, with her own account and her mother's, a home of the first manager's provider
with a resident, a team member and a vacancy, and a proposal sent to that home.

Outcomes: 200 page, "login" a 302 to the login page, 302 another redirect, 403 wrong role,
404 right role but someone else's record, 405 a POST-only view asked with GET, 410 a used
or expired invitation.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from accounts.models import User
from tests.trust.wereld import LOGIN, PERSONAS, World, bouw_wereld, outcome, url_names


def row(
    anon: int | str,
    coordinator: int | str,
    coordinator2: int | str,
    beheerder: int | str,
    beheerder2: int | str,
    jongere_user: int | str,
    andere_jongere_user: int | str,
    ouder_user: int | str,
    admin_user: int | str,
    jeugdbeschermer_user: int | str,
    *,
    expertteam: int | str = 403,
) -> dict[str, int | str]:
    """The expected status per persona. The region's expert team sees its own page only:
    elsewhere it is a professional without the role (403), unless a row says otherwise."""
    return dict(zip(PERSONAS, locals().values(), strict=True))


def every(status: int | str, *, anon: int | str = LOGIN) -> dict[str, int | str]:
    return {persona: (anon if persona == "anon" else status) for persona in PERSONAS}


# fmt: off
# Columns:        anon   coord  coord2 beh    beh2   jong   ander  ouder  admin  jeugdb
COORDINATOR_OWN = row(LOGIN, 200, 404, 403, 403, 403, 403, 403, 403, 403)
COORDINATOR_ALL = row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 403, 403)
# The matching rules name admins explicitly (support for the regions); the youth's own
# pages do not, so an admin reaches a youth's search but not the analysis page itself.
SEARCH_OWN =      row(LOGIN, 200, 404, 403, 403, 403, 403, 403, 200, 403)
SEARCH_ALL =      row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403)
# An admin may manage every home (managed_by): stand-in for a provider without a manager.
MANAGER_OWN =     row(LOGIN, 403, 403, 200, 404, 403, 403, 403, 200, 403)
FAMILY_OWN =      row(LOGIN, 403, 403, 403, 403, 200, 404, 200, 403, 403)
POST_ONLY = every(405, anon=405)
# The provider API knows API keys only: a browser session, whoever's, is no key.
API_KEY_ONLY = every(401, anon=401)

MATRIX: dict[str, dict[str, int | str]] = {
    # accounts
    "start":                  row(LOGIN, 200, 200, 200, 200, 200, 200, 200, 200, 200,
        expertteam=200),
    "beheer_start":           row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # The access log: admins only, after the second login step.
    "privacy:inzage_log":             row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    "privacy:inzage_per_dag":         row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # The admin states why before opening a youth's data in the admin.
    "privacy:reden":                  row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 403),
    # The second login step: past it, professionals are sent on; youths and parents have
    # no authenticator in this world, so the code page sends them to set one up (optional).
    "login_code":             row(LOGIN, 302, 302, 302, 302, 302, 302, 302, 302, 302,
        expertteam=302),
    "login_herstelcode":      row(LOGIN, 302, 302, 302, 302, 302, 302, 302, 302, 302,
        expertteam=302),
    "tweestaps":              every(200),
    # An admin's one-time link to bind an authenticator (the world's is the first
    # coordinator's): its owner goes on to the set-up, anyone else logs in as the owner.
    "koppelen":               row(LOGIN, 302, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN,
                                  LOGIN, expertteam=LOGIN),
    "privacy":                every(200, anon=200),
    "toegankelijkheid":       every(200, anon=200),
    "meldingen":              every(200),
    "login":                  row(200, 302, 302, 302, 302, 302, 302, 302, 302, 302,
        expertteam=302),
    "logout":                 POST_ONLY,
    "password_change":        every(200),
    "password_change_done":   every(200),
    "password_reset":         every(200, anon=200),
    "password_reset_done":    every(200, anon=200),
    "password_reset_confirm": every(200, anon=200),
    "password_reset_complete": every(200, anon=200),
    # jongeren: the coordinator's pages
    "jongeren:lijst":            COORDINATOR_ALL,
    "jongeren:nieuw":            COORDINATOR_ALL,
    "jongeren:detail":           COORDINATOR_OWN,
    "jongeren:bewerken":         COORDINATOR_OWN,
    "jongeren:analyse_bewerken": COORDINATOR_OWN,
    "jongeren:analyse_versies":  COORDINATOR_OWN,
    "jongeren:analyse_versie":   COORDINATOR_OWN,
    "jongeren:analyse_voorleggen": POST_ONLY,
    "jongeren:analyse_akkoord":  POST_ONLY,
    "jongeren:analyse_signalen_vrijgeven": POST_ONLY,
    "jongeren:uitnodigen":       COORDINATOR_OWN,
    "jongeren:zone_nieuw":       COORDINATOR_OWN,
    "jongeren:zone_verwijderen": POST_ONLY,
    "jongeren:broers_zussen": POST_ONLY,
    # Recording an endorsement from a talk: with the world's analysis endorsed already,
    # there is nobody to record it for, and the coordinator is sent back to the youth.
    "jongeren:instemming_vastleggen": row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    # The export a coordinator makes to hand over on request.
    "privacy:gegevens":         COORDINATOR_OWN,
    "privacy:gegevens_json":    COORDINATOR_OWN,
    # jongeren: the family's pages
    "jongeren:mijn":               row(LOGIN, 403, 403, 403, 403, 200, 200, 200, 403, 403),
    "jongeren:mijn_jongere":       FAMILY_OWN,
    "jongeren:mijn_aanpassen":     FAMILY_OWN,
    # With nothing to react to, the family is sent back to their page.
    "jongeren:mijn_reactie":       row(LOGIN, 403, 403, 403, 403, 302, 404, 302, 403, 403),
    "jongeren:mijn_veranderingen": FAMILY_OWN,
    # Who can read what (every family member); from 16 the youth chooses here.
    "jongeren:mijn_wie_leest":     FAMILY_OWN,
    # Confirming what the coordinator recorded for oneself (POST only).
    "jongeren:mijn_bevestigen":    POST_ONLY,
    # The youth protection worker's start page: the youths they protect.
    "jongeren:beschermd":          row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 403, 200),
    "privacy:mijn_gegevens":      FAMILY_OWN,
    "privacy:mijn_gegevens_json": FAMILY_OWN,
    "privacy:mijn_inzage":        FAMILY_OWN,
    # The invitation token is the credential; whoever holds it may choose the password.
    "jongeren:uitnodiging":        every(200, anon=200),
    # voorzieningen: the manager's side
    "voorzieningen:dashboard":  row(LOGIN, 403, 403, 200, 200, 403, 403, 403, 403, 403),
    "voorzieningen:nieuw":      row(LOGIN, 403, 403, 200, 200, 403, 403, 403, 403, 403),
    "voorzieningen:beheer":     MANAGER_OWN,
    "voorzieningen:profiel":    MANAGER_OWN,
    "voorzieningen:team":       MANAGER_OWN,
    "voorzieningen:teamlid":    MANAGER_OWN,
    "voorzieningen:teamlid_einde": MANAGER_OWN,
    "voorzieningen:aankomst":   MANAGER_OWN,
    "voorzieningen:bewoners":   MANAGER_OWN,
    "voorzieningen:bewoner":    MANAGER_OWN,
    "voorzieningen:vertrek":    MANAGER_OWN,
    "voorzieningen:vacature_nieuw": MANAGER_OWN,
    "voorzieningen:vacature_bevestigen": POST_ONLY,
    "voorzieningen:vacature_intrekken": MANAGER_OWN,
    # A youth's stay: the youth, a parent who reads the file, the youth's coordinators and
    # the home's managers; nobody else learns it exists. The youth (15 here) chooses the
    # mentor: nobody chooses for a youth with an account. Before 17½ the checklist page
    # sends those who keep it back to the stay.
    "voorzieningen:verblijf":   row(LOGIN, 200, 404, 200, 404, 200, 404, 200, 403, 403,
        expertteam=403),
    "voorzieningen:verblijf_mentor": row(LOGIN, 403, 404, 403, 404, 200, 404, 403, 403, 403),
    "voorzieningen:verblijf_overgang": row(LOGIN, 302, 404, 302, 404, 302, 404, 403, 403, 403),
    # voorzieningen: the coordinator's side (every home is public to coordinators)
    "voorzieningen:lijst":      SEARCH_ALL,
    "voorzieningen:detail":     row(LOGIN, 200, 200, 200, 404, 403, 403, 403, 200, 403),
    # matching
    "matching:zoeken":          SEARCH_OWN,
    "matching:vergelijk":       SEARCH_OWN,
    "matching:bewaren":         POST_ONLY,
    "matching:zoekopdracht":    SEARCH_OWN,
    "voorzieningen:nieuwe_bewoner":  MANAGER_OWN,
    "voorstellen:voorstel_nieuw":  SEARCH_OWN,
    "voorstellen:lijst":     row(LOGIN, 200, 200, 200, 200, 403, 403, 403, 200, 403),
    "voorstellen:voorstel":        row(LOGIN, 200, 404, 200, 404, 200, 404, 200, 200, 200,
        expertteam=404),
    "voorstellen:voorstel_afdruk": row(LOGIN, 200, 404, 200, 404, 403, 403, 403, 200, 403),
    "voorstellen:voorstel_actie":  POST_ONLY,
    "voorstellen:mijn_voorstellen": row(LOGIN, 403, 403, 403, 403, 200, 200, 200, 403, 200),
    "plaatsingstafel:stabiliteit":     row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    # The placement table: each coordinator sees their own region, admins any region.
    "plaatsingstafel:regio":           row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    "plaatsingstafel:regio_csv":       row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    "plaatsingstafel:toewijzing":      row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    # A computation of the allocation: its region's coordinators (who may see its youths).
    "plaatsingstafel:verdeling":       row(LOGIN, 200, 404, 403, 403, 403, 403, 403, 200, 403),
    "plaatsingstafel:verdeling_stoppen": POST_ONLY,
    # The expert table's escalated cases: the expert team of the region, and admins.
    "plaatsingstafel:expertteam":      row(LOGIN, 403, 403, 403, 403, 403, 403, 403, 200, 403,
        expertteam=200),
    "plaatsingstafel:uitkomsten":      row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    # The region's free places as files, for the placement table (as the picture itself).
    "plaatsingstafel:vrije_plekken_csv":  row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    "plaatsingstafel:vrije_plekken_json": row(LOGIN, 200, 200, 403, 403, 403, 403, 403, 200, 403),
    # The meeting for one's calendar: the world's proposal has no meeting planned yet, so it
    # is not found for anyone; tests/matching/test_kennismaking_agenda.py plans one.
    "voorstellen:kennismaking_ics": every(404),
    # A home's photo: whoever may see the home, and the family (and the youth protection
    # worker) of a proposal to it.
    "voorzieningen:foto":       row(LOGIN, 200, 200, 200, 404, 200, 404, 200, 200, 200,
        expertteam=404),
    # The provider API: its schema and documentation are public, the rest needs a key
    # (tests/api/ tries every endpoint with keys of two providers).
    "api:schema":               every(200, anon=200),
    "api:docs":                 every(200, anon=200),
    "api:woningen":             API_KEY_ONLY,
    "api:woning":               API_KEY_ONLY,
    "api:vacatures":            API_KEY_ONLY,
    "api:vacature":             API_KEY_ONLY,
    "api:vacature_bevestigen":  API_KEY_ONLY,
    "api:vacature_intrekken":   API_KEY_ONLY,
    "api:voorstellen":          API_KEY_ONLY,
    "api:voorstel":             API_KEY_ONLY,
    "api:voorstel_antwoord":    API_KEY_ONLY,
}

# The POST-only views, posted with an empty form: the wrong people must be stopped before
# anything is read, the right ones get the view's own answer (a redirect with a message).
POST_MATRIX: dict[str, dict[str, int | str]] = {
    "jongeren:analyse_voorleggen": row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    "jongeren:analyse_akkoord":    row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    "jongeren:analyse_signalen_vrijgeven": row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    "jongeren:zone_verwijderen":   row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    "jongeren:broers_zussen":      row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 403, 403),
    "jongeren:mijn_bevestigen":    row(LOGIN, 403, 403, 403, 403, 302, 404, 302, 403, 403),
    "voorzieningen:vacature_bevestigen": row(LOGIN, 403, 403, 302, 404, 403, 403, 403, 302, 403),
    "matching:bewaren":            row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 302, 403),
    "plaatsingstafel:verdeling_stoppen":  row(LOGIN, 302, 404, 403, 403, 403, 403, 403, 302, 403),
    # No login redirect for an action: a POST cannot be replayed after logging in.
    # An empty form for a step shows the page again with the errors at the fields (200).
    "voorstellen:voorstel_actie":     row(403, 200, 404, 200, 404, 200, 404, 200, 200, 200,
        expertteam=404),
}
# fmt: on


@pytest.fixture
def world(personas: dict[str, User], settings: Settings) -> World:
    # As in production: professionals must pass the second login step (World.client_for
    # passes it for them; test_unverified_professional_reaches_only_the_second_step does not).
    settings.TWEESTAPS_VERPLICHT = True
    return bouw_wereld(personas)


def observed(world: World, name: str, method: str = "get") -> dict[str, int | str]:
    url = world.url(name)
    return {persona: outcome(world.client_for(persona), url, method) for persona in PERSONAS}


def test_every_url_is_in_the_matrix() -> None:
    missing = sorted(url_names() - MATRIX.keys())
    assert not missing, f"add it to the matrix in {__file__}: {missing}"
    stale = sorted(MATRIX.keys() - url_names())
    assert not stale, f"these URL names no longer exist; remove them from the matrix: {stale}"


def test_matrix_rows_name_every_persona() -> None:
    for name, expected in MATRIX.items():
        assert set(expected) == set(PERSONAS), name


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(world: World, name: str) -> None:
    got = observed(world, name)
    differences = {
        persona: f"expected {MATRIX[name][persona]}, got {got[persona]}"
        for persona in PERSONAS
        if got[persona] != MATRIX[name][persona]
    }
    assert not differences, f"{name}: {differences}"


def test_post_only_views_are_all_in_the_post_matrix() -> None:
    post_only = {name for name, expected in MATRIX.items() if expected == POST_ONLY}
    assert post_only - {"logout"} == POST_MATRIX.keys()


@pytest.mark.parametrize("name", sorted(POST_MATRIX))
def test_post_access(world: World, name: str) -> None:
    got = observed(world, name, "post")
    differences = {
        persona: f"expected {POST_MATRIX[name][persona]}, got {got[persona]}"
        for persona in PERSONAS
        if got[persona] != POST_MATRIX[name][persona]
    }
    assert not differences, f"POST {name}: {differences}"


def test_matrix_detects_a_leak(world: World) -> None:
    """The matrix is not vacuous: a second coordinator who could open Noor's page would fail."""
    assert (
        outcome(world.client_for("coordinator2"), reverse("jongeren:detail", args=[world.noor.pk]))
        == 404
    )
    assert MATRIX["jongeren:detail"]["coordinator2"] == 404


# Pages that stay open before the second step: the step itself, logging out, the public pages.
OPEN_VOOR_TWEEDE_STAP = {
    "login_code",
    "login_herstelcode",
    "tweestaps",
    "koppelen",
    "logout",
    "set_language",
    "privacy",
}


@pytest.mark.parametrize("persona", ["coordinator", "beheerder", "admin_user", "expertteam"])
def test_unverified_professional_reaches_only_the_second_step(world: World, persona: str) -> None:
    """Password alone opens nothing: every other page sends a professional to the code."""
    client = Client()
    client.force_login(world.users[persona])
    TOTPDevice.objects.create(user=world.users[persona], name="Telefoon", confirmed=True)
    for name in sorted(MATRIX.keys() - OPEN_VOOR_TWEEDE_STAP):
        if MATRIX[name] == POST_ONLY:
            continue
        response = client.get(world.url(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login_code")), name
