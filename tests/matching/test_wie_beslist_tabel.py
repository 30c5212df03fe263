"""Who decides and who reads what, as a full table through the pages: every age band (under
12, 12-15, 16-17, 18+) by every measure (none, supervision order without and with the court's
authorisation for out-of-home placement, guardianship, provisional guardianship) by the
parent's gezag, and from 16 the youth's choice to keep the file from this parent.

The expectations are written out below from DOMAIN.md ("Who decides"), not computed with
`jongeren.beslissers`: the proposal page must render exactly these rows (`data-sleutel`,
`data-inbreng`), the coordinator may place over a "no" only where the table says so, and
the parent reads the file (the analysis page, the proposal with everyone's choices) only
where the table says so.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Jongere, Maatregel, VerklarendeAnalyse
from tests.jongeren.factories import jaren_geleden
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

LEEFTIJDEN = {"onder_12": 10, "12_15": 14, "16_17": 17, "18_plus": 19}
# (measure, authorisation for out-of-home placement on file)
MAATREGELEN = {
    "geen": (Maatregel.GEEN, False),
    "ots_zonder_machtiging": (Maatregel.OTS, False),
    "ots_met_machtiging": (Maatregel.OTS, True),
    "voogdij": (Maatregel.VOOGDIJ, False),
    "voorlopige_voogdij": (Maatregel.VOORLOPIGE_VOOGDIJ, False),
}


def _verwacht(leeftijd: int, maatregel: str, machtiging: bool, gezag: bool) -> dict[str, str]:
    """Per person on the proposal page: their say (the `Inbreng` value)."""
    volwassen = leeftijd >= 18
    voogdij = maatregel in {Maatregel.VOOGDIJ, Maatregel.VOORLOPIGE_VOOGDIJ} and not volwassen
    ots = maatregel == Maatregel.OTS and not volwassen
    rijen = {"jongere": "wordt_gehoord" if leeftijd < 12 else "beslist"}
    ouder_beslist = gezag and not voogdij and leeftijd < 16
    rijen["ouder"] = "beslist" if ouder_beslist else "wordt_geinformeerd"
    if voogdij:
        rijen["jeugdbeschermer"] = "beslist"
    elif ots:
        rijen["jeugdbeschermer"] = "beslist_mee"
    if leeftijd < 16 and not voogdij and not gezag:
        rijen["gezag"] = "beslist"
    return rijen


def _mag_overschrijven(leeftijd: int, maatregel: str, machtiging: bool, gezag: bool) -> bool:
    """May the coordinator place over the parent's "no"? Only under OTS with the court's
    authorisation, and only over a parent who decides (with gezag, youth under 16)."""
    return maatregel == Maatregel.OTS and machtiging and gezag and leeftijd < 16


def _ouder_leest(leeftijd: int, maatregel: str, gezag: bool, verborgen: bool) -> bool:
    """Does the parent read the file? With gezag (never under guardianship), and from 16
    only when the youth did not keep it from this parent."""
    voogdij = maatregel in {Maatregel.VOOGDIJ, Maatregel.VOORLOPIGE_VOOGDIJ}
    return gezag and not voogdij and (leeftijd < 16 or not verborgen)


@pytest.fixture(autouse=True)
def _woning_voor_alle_leeftijden(de_linde: Voorziening) -> None:
    Voorziening.objects.filter(pk=de_linde.pk).update(leeftijd_min=8, leeftijd_max=23)
    de_linde.refresh_from_db()


def _richt_in(
    noor: Jongere,
    leeftijd: int,
    maatregel: str,
    machtiging: bool,
    gezag: bool,
    beschermer: User,
    ouder: User,
) -> None:
    noor.geboortedatum = jaren_geleden(leeftijd)
    noor.maatregel = maatregel
    noor.jeugdbeschermer = beschermer if maatregel != Maatregel.GEEN else None
    if machtiging:
        noor.machtiging_uhp_van = timezone.localdate() - dt.timedelta(days=10)
        noor.machtiging_uhp_tot = noor.nodig_vanaf + dt.timedelta(days=365)
    noor.save()
    if not gezag:
        noor.ouders_zonder_gezag.add(ouder)


def _voorstel(noor: Jongere, woning: Voorziening, coordinator: User) -> Voorstel:
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=woning, door=coordinator, motivatie="Past bij haar."
    )
    return flow.stuur_voorstel(voorstel=voorstel, door=coordinator)


def _rijen(pagina: str) -> dict[str, str]:
    """The rendered "who decides" table: key (parents as "ouder") → say."""
    gevonden = re.findall(r'data-sleutel="([^"]+)" data-inbreng="([^"]+)"', pagina)
    return {sleutel.split(":")[0]: inbreng for sleutel, inbreng in gevonden}


@pytest.mark.parametrize("gezag", [True, False], ids=["met_gezag", "zonder_gezag"])
@pytest.mark.parametrize("maatregel", sorted(MAATREGELEN))
@pytest.mark.parametrize("band", sorted(LEEFTIJDEN))
def test_the_proposal_page_shows_who_must_agree(
    band: str,
    maatregel: str,
    gezag: bool,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
    jongere_user: User,
    ouder_user: User,
    jeugdbeschermer_user: User,
) -> None:
    leeftijd, (soort, machtiging) = LEEFTIJDEN[band], MAATREGELEN[maatregel]
    _richt_in(noor, leeftijd, soort, machtiging, gezag, jeugdbeschermer_user, ouder_user)
    voorstel = _voorstel(noor, de_linde, coordinator)
    verwacht = _verwacht(leeftijd, soort, machtiging, gezag)

    client = Client()
    client.force_login(coordinator)
    pagina = client.get(voorstel.get_absolute_url()).text
    assert _rijen(pagina) == verwacht
    # Placing over the parent's "no" is offered exactly where the law allows it.
    overschrijven = re.search(r'name="over-sleutel".*?</select>', pagina, re.S)
    mag = _mag_overschrijven(leeftijd, soort, machtiging, gezag)
    assert (overschrijven is not None and f"ouder:{ouder_user.pk}" in overschrijven.group()) is mag
    # The youth reads the same table on their own proposal page.
    client.force_login(jongere_user)
    assert _rijen(client.get(voorstel.get_absolute_url()).text) == verwacht


@pytest.mark.parametrize("verborgen", [False, True], ids=["gedeeld", "verborgen"])
@pytest.mark.parametrize("gezag", [True, False], ids=["met_gezag", "zonder_gezag"])
@pytest.mark.parametrize("maatregel", sorted(MAATREGELEN))
@pytest.mark.parametrize("band", sorted(LEEFTIJDEN))
def test_what_the_parent_reads_on_their_pages(
    band: str,
    maatregel: str,
    gezag: bool,
    verborgen: bool,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
    jongere_user: User,
    ouder_user: User,
    jeugdbeschermer_user: User,
) -> None:
    leeftijd, (soort, machtiging) = LEEFTIJDEN[band], MAATREGELEN[maatregel]
    _richt_in(noor, leeftijd, soort, machtiging, gezag, jeugdbeschermer_user, ouder_user)
    voorstel = _voorstel(noor, de_linde, coordinator)
    jongere = Client()
    jongere.force_login(jongere_user)
    jongere.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "besluit"]), {"keuze": "ja"}
    )
    if verborgen:
        # From 16 the youth keeps the file from this parent; under 16 the page refuses.
        antwoord = jongere.post(
            reverse("jongeren:mijn_wie_leest", args=[noor.pk]), {f"ouder_{ouder_user.pk}": "nee"}
        )
        assert antwoord.status_code == (302 if leeftijd >= 16 else 403)
    leest = _ouder_leest(leeftijd, soort, gezag, verborgen)

    ouder = Client()
    ouder.force_login(ouder_user)
    mijn = ouder.get(reverse("jongeren:mijn_jongere", args=[noor.pk])).text
    assert ('id="algemeen"' not in mijn) is leest
    assert (noor_analyse.krachten in mijn) is leest
    op_voorstel = ouder.get(voorstel.get_absolute_url()).text
    # Who decides is for everyone; what each person chose only for who reads the file.
    assert "Wie beslist over deze plek?" in op_voorstel
    assert ('<th scope="col">Keuze</th>' in op_voorstel) is leest
    assert ('id="algemeen"' not in op_voorstel) is leest
