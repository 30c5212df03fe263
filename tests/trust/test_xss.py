"""Every free text a person can save comes back escaped, on every page that shows it.

Each field gets its own tagged payload (`factoren<script>alert(1)</script>"'><img ...>`), so
a page showing it escaped proves that field went through the template's escaping, and a
sweep over every URL of the project, for every persona, proves no page prints any of them
raw. Meeting place (plaats) is the only free text here a person types that is not in the
brief's list; it is included because it is shown to the family.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from accounts.services import meld
from tests.trust.wereld import PERSONAS, World, bouw_wereld, url_names
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorstellen import services as flow
from voorstellen.models import Kennismaking, Voorstel

SCRIPT = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
# Fields too short for the whole payload keep the part that matters.
KORT = {"roepnaam": "R"}
RAW_MARKERS = ("<script>alert(1)", "<img src=x onerror", "<script>x</script>")


def payload(field: str) -> str:
    if field == "aanduiding":  # max 20 characters
        return "A<script>x</script>"
    if field == "teamlid_naam":  # max 50 characters
        return "T<script>alert(1)</script><img src=x onerror=1>"
    return f"{KORT.get(field, field)}{SCRIPT}"


@dataclass
class XssWorld:
    world: World
    afgewezen: Voorstel


@pytest.fixture
def xss(personas: dict[str, User]) -> XssWorld:
    world = bouw_wereld(personas, lambda field, default: payload(field))
    beheerder, coordinator = personas["beheerder"], personas["coordinator"]
    voorstel = world.voorstel
    flow.beantwoord_voorstel(voorstel=voorstel, door=beheerder, interesse=True)
    flow.plan_kennismaking(
        voorstel=voorstel,
        door=coordinator,
        soort=Kennismaking.Soort.BEZOEK,
        datum=timezone.now() + dt.timedelta(days=1),
        plaats=payload("plaats"),
    )
    Kennismaking.objects.filter(voorstel=voorstel).update(
        datum=timezone.now() - dt.timedelta(hours=2)
    )
    flow.leg_kennismaking_vast(voorstel=voorstel, door=beheerder, notitie=payload("notitie"))
    flow.neem_besluit(
        voorstel=voorstel,
        door=personas["jongere_user"],
        keuze="twijfel",
        opmerking=payload("besluit_opmerking"),
    )
    # A second home says no, with its own words.
    tweede = VoorzieningFactory.create(
        aanbieder=beheerder.organisatie, naam="De Eik", lat=53.21, lon=6.57
    )
    VacatureFactory.create(voorziening=tweede, beschikbaar_vanaf=timezone.localdate())
    afgewezen = flow.maak_voorstel(
        jongere=world.noor, voorziening=tweede, door=coordinator, motivatie="Past goed."
    )
    afgewezen = flow.stuur_voorstel(voorstel=afgewezen, door=coordinator)
    flow.beantwoord_voorstel(
        voorstel=afgewezen,
        door=beheerder,
        interesse=False,
        reden="anders",
        toelichting=payload("afwijs_toelichting"),
    )
    meld(ontvangers=personas.values(), tekst=payload("melding"), url="/")
    return XssWorld(world, afgewezen)


def _url(xss: XssWorld, name: str) -> str:
    if name == "afgewezen":
        return reverse("voorstellen:voorstel", args=[xss.afgewezen.pk])
    return xss.world.url(name)


def _page(xss: XssWorld, persona: str, name: str) -> str:
    response = xss.world.client_for(persona).get(_url(xss, name))
    assert response.status_code == 200, f"{persona} {name}: {response.status_code}"
    return response.content.decode()


# Where each field is shown, and to whom: (persona, URL name; "afgewezen" is the declined
# proposal). Taken from the pages as they are: a page that stops showing a field fails here,
# so the list stays true. A resident's departure note (Plaatsing.toelichting) is stored but
# shown on no portal page, so only the sweep below covers it.
SHOWN: dict[str, list[tuple[str, str]]] = {
    "roepnaam": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("coordinator", "jongeren:analyse_versies"),
        ("coordinator", "jongeren:bewerken"),
        ("coordinator", "jongeren:detail"),
        ("coordinator", "jongeren:lijst"),
        ("ouder_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn_aanpassen"),
        ("ouder_user", "jongeren:mijn_jongere"),
        ("coordinator", "jongeren:uitnodigen"),
        ("ouder_user", "voorstellen:mijn_voorstellen"),
        ("coordinator", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
        ("coordinator", "voorstellen:voorstel_nieuw"),
        ("admin_user", "voorstellen:voorstel_nieuw"),
        ("coordinator", "voorstellen:lijst"),
        ("admin_user", "voorstellen:lijst"),
        ("coordinator", "matching:zoeken"),
        ("admin_user", "matching:zoeken"),
        ("coordinator", "matching:zoekopdracht"),
        ("admin_user", "matching:zoekopdracht"),
        ("coordinator", "afgewezen"),
        ("admin_user", "afgewezen"),
    ],
    "factoren": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
    ],
    "krachten": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
    ],
    "wat_werkt": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
    ],
    "netwerk": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
    ],
    "behoeften_toelichting": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
    ],
    "belangrijk_jongere": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("jongere_user", "jongeren:mijn_aanpassen"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
        ("jongere_user", "voorstellen:voorstel"),
        ("ouder_user", "voorstellen:voorstel"),
        ("coordinator", "matching:zoeken"),
        ("admin_user", "matching:zoeken"),
        ("jongere_user", "afgewezen"),
        ("ouder_user", "afgewezen"),
    ],
    "belangrijk_ouders": [
        ("coordinator", "jongeren:analyse_bewerken"),
        ("coordinator", "jongeren:analyse_versie"),
        ("jongere_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn"),
        ("ouder_user", "jongeren:mijn_aanpassen"),
        ("jongere_user", "jongeren:mijn_jongere"),
        ("ouder_user", "jongeren:mijn_jongere"),
        ("jongere_user", "voorstellen:voorstel"),
        ("ouder_user", "voorstellen:voorstel"),
        ("coordinator", "matching:zoeken"),
        ("admin_user", "matching:zoeken"),
        ("jongere_user", "afgewezen"),
        ("ouder_user", "afgewezen"),
    ],
    "woning_naam": [
        ("coordinator", "jongeren:detail"),
        ("jongere_user", "voorstellen:mijn_voorstellen"),
        ("ouder_user", "voorstellen:mijn_voorstellen"),
        ("beheerder", "voorzieningen:nieuwe_bewoner"),
        ("admin_user", "voorzieningen:nieuwe_bewoner"),
        ("coordinator", "voorstellen:voorstel"),
        ("beheerder", "voorstellen:voorstel"),
        ("jongere_user", "voorstellen:voorstel"),
        ("ouder_user", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("beheerder", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
        ("coordinator", "voorstellen:voorstel_nieuw"),
        ("admin_user", "voorstellen:voorstel_nieuw"),
        ("coordinator", "voorstellen:lijst"),
        ("beheerder", "voorstellen:lijst"),
        ("admin_user", "voorstellen:lijst"),
        ("coordinator", "matching:zoeken"),
        ("admin_user", "matching:zoeken"),
        ("coordinator", "meldingen"),
        ("beheerder", "meldingen"),
        ("jongere_user", "meldingen"),
        ("ouder_user", "meldingen"),
        ("beheerder", "voorzieningen:aankomst"),
        ("admin_user", "voorzieningen:aankomst"),
        ("beheerder", "voorzieningen:beheer"),
        ("admin_user", "voorzieningen:beheer"),
        ("beheerder", "voorzieningen:bewoner"),
        ("admin_user", "voorzieningen:bewoner"),
        ("beheerder", "voorzieningen:bewoners"),
        ("admin_user", "voorzieningen:bewoners"),
        ("beheerder", "voorzieningen:dashboard"),
        ("coordinator", "voorzieningen:detail"),
        ("coordinator2", "voorzieningen:detail"),
        ("beheerder", "voorzieningen:detail"),
        ("admin_user", "voorzieningen:detail"),
        ("coordinator", "voorzieningen:lijst"),
        ("coordinator2", "voorzieningen:lijst"),
        ("admin_user", "voorzieningen:lijst"),
        ("beheerder", "voorzieningen:profiel"),
        ("admin_user", "voorzieningen:profiel"),
        ("beheerder", "voorzieningen:team"),
        ("admin_user", "voorzieningen:team"),
        ("beheerder", "voorzieningen:teamlid"),
        ("admin_user", "voorzieningen:teamlid"),
        ("beheerder", "voorzieningen:teamlid_einde"),
        ("admin_user", "voorzieningen:teamlid_einde"),
        ("beheerder", "voorzieningen:vacature_intrekken"),
        ("admin_user", "voorzieningen:vacature_intrekken"),
        ("beheerder", "voorzieningen:vacature_nieuw"),
        ("admin_user", "voorzieningen:vacature_nieuw"),
        ("beheerder", "voorzieningen:vertrek"),
        ("admin_user", "voorzieningen:vertrek"),
    ],
    "beschrijving": [
        ("coordinator", "voorzieningen:detail"),
        ("coordinator2", "voorzieningen:detail"),
        ("beheerder", "voorzieningen:detail"),
        ("admin_user", "voorzieningen:detail"),
        ("beheerder", "voorzieningen:profiel"),
        ("admin_user", "voorzieningen:profiel"),
    ],
    "ouderdeelname_toelichting": [
        ("coordinator", "voorzieningen:detail"),
        ("coordinator2", "voorzieningen:detail"),
        ("beheerder", "voorzieningen:detail"),
        ("admin_user", "voorzieningen:detail"),
        ("beheerder", "voorzieningen:profiel"),
        ("admin_user", "voorzieningen:profiel"),
    ],
    "teamlid_naam": [
        ("beheerder", "voorzieningen:team"),
        ("admin_user", "voorzieningen:team"),
        ("beheerder", "voorzieningen:teamlid"),
        ("admin_user", "voorzieningen:teamlid"),
        ("beheerder", "voorzieningen:teamlid_einde"),
        ("admin_user", "voorzieningen:teamlid_einde"),
    ],
    "aanduiding": [
        ("beheerder", "voorstellen:voorstel"),
        ("beheerder", "voorzieningen:beheer"),
        ("admin_user", "voorzieningen:beheer"),
        ("beheerder", "voorzieningen:bewoner"),
        ("admin_user", "voorzieningen:bewoner"),
        ("beheerder", "voorzieningen:vertrek"),
        ("admin_user", "voorzieningen:vertrek"),
    ],
    "motivatie": [
        ("coordinator", "voorstellen:voorstel"),
        ("jongere_user", "voorstellen:voorstel"),
        ("ouder_user", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
    ],
    # What the home reads before consent; the coordinator sees the same profile.
    "tekst_voor_woning": [
        ("coordinator", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
        ("beheerder", "voorstellen:voorstel"),
        ("beheerder", "voorstellen:voorstel_afdruk"),
    ],
    "notitie": [
        ("coordinator", "voorstellen:voorstel"),
        ("beheerder", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
    ],
    "plaats": [
        ("coordinator", "voorstellen:voorstel"),
        ("beheerder", "voorstellen:voorstel"),
        ("jongere_user", "voorstellen:voorstel"),
        ("ouder_user", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
        ("coordinator", "voorstellen:voorstel_afdruk"),
        ("beheerder", "voorstellen:voorstel_afdruk"),
        ("admin_user", "voorstellen:voorstel_afdruk"),
    ],
    "besluit_opmerking": [
        ("coordinator", "voorstellen:voorstel"),
        ("admin_user", "voorstellen:voorstel"),
    ],
    "afwijs_toelichting": [
        ("coordinator", "afgewezen"),
        ("admin_user", "afgewezen"),
    ],
    "melding": [(persona, "meldingen") for persona in PERSONAS if persona != "anon"],
    # A protective zone's place and reason: only on the youth's page, for the coordinator.
    "zone_plaats": [("coordinator", "jongeren:detail")],
    "zone_reden": [("coordinator", "jongeren:detail")],
}


@pytest.mark.parametrize("field", sorted(SHOWN))
def test_field_is_shown_escaped(xss: XssWorld, field: str) -> None:
    for persona, name in SHOWN[field]:
        html = _page(xss, persona, name)
        assert escape(payload(field)) in html, f"{field} not shown escaped on {name} ({persona})"
        assert payload(field) not in html, f"{field} shown raw on {name} ({persona})"


DOWNLOADS = (
    "application/json",
    "application/vnd.oai.openapi+json",
    "text/csv",
    "text/calendar",
    "image/jpeg",
)


def test_no_page_prints_a_payload_raw(xss: XssWorld) -> None:
    """The sweep: every GET page of the project, as every persona that may open it."""
    shown = 0
    for name in [*sorted(url_names()), "afgewezen"]:
        for persona in PERSONAS:
            response = xss.world.client_for(persona).get(_url(xss, name))
            assert response.status_code != 500, f"{name} ({persona})"
            if response.status_code != 200:
                continue
            if not response["Content-Type"].startswith("text/html"):
                # A download (JSON, the API schema, CSV, a calendar entry, a photo) is data,
                # not a page: a browser does not run it.
                assert response["Content-Type"].startswith(DOWNLOADS), name
                if response["Content-Type"].startswith(("text/csv", "text/calendar")):
                    assert response["Content-Disposition"].startswith("attachment"), name
                continue
            html = response.content.decode()
            for marker in RAW_MARKERS:
                assert marker not in html, f"raw {marker!r} on {name} ({persona})"
            shown += "&lt;script&gt;" in html
    assert shown > 30  # the sweep really looked at pages with the payloads on them
