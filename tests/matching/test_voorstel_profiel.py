"""The profile without a name: what a home's manager reads before the family consented.

Lieke's analysis and the coordinator's motivation are written the way families talk: her
little brother Sem, Sundays at grandma's in Winsum, the Praedinius school 5 km away. Before
consent none of that reaches the home's manager (page or printout); after consent it
does; and the coordinator's preview is exactly what the manager reads.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import AnalyseBehoefte, Jongere, VerklarendeAnalyse
from privacy.models import Inzage
from tests.conftest import PASSWORD
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.matching.versturen import verstuur
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

# Everything the family said that identifies people and places.
FAMILIEWOORDEN = ["Lieke", "Sem", "broertje", "oma", "Winsum", "Praedinius"]
TEKST_VOOR_WONING = "Een vrolijke jongere die graag tekent. Heeft veel aan een vast ritme."


@pytest.fixture
def lieke(coordinator: User, jongere_user: User, ouder_user: User) -> Jongere:
    jongere = JongereFactory.create(
        roepnaam="Lieke",
        coordinator=coordinator,
        account=jongere_user,
        ouders=[ouder_user],
        woonplaats="Haren",
        school_naam="Praedinius Gymnasium",
        school_plaats="Groningen",
        school_lat=53.219,
        school_lon=6.566,
    )
    analyse = AnalyseFactory.create(
        jongere=jongere,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        zorgintensiteit="hoog",
        krachten="Lieke zorgt goed voor haar jongere broertje Sem.",
        wat_werkt="Zondags bij oma in Winsum. Fietsen naar het Praedinius.",
        netwerk="Oma in Winsum, broertje Sem, vriendinnen van het Praedinius.",
        behoeften=[("rust_structuur", 3), ("traumasensitief", 2)],
        prioriteit_nabijheid=3,
        prioriteit_onderwijs=1,
    )
    AnalyseBehoefte.objects.filter(analyse=analyse).update(toelichting="Net als bij oma.")
    return jongere


def _client(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def _profiel(html: str) -> str:
    """The rendered profile without a name (the shared include), exactly."""
    gevonden = re.findall(r'<div class="profiel-zonder-naam">.*?</div>', html, flags=re.DOTALL)
    assert len(gevonden) == 1, gevonden
    return gevonden[0]


def _familiewoorden_in(html: str) -> list[str]:
    tekst = _main(html)
    gevonden = [w for w in FAMILIEWOORDEN if re.search(rf"\b{w}\b", tekst, flags=re.IGNORECASE)]
    if re.search(r"\d+ km|minder dan 1 km", tekst):
        gevonden.append("afstand")
    return gevonden


def _stuur(coordinator: User, lieke: Jongere, woning: Voorziening) -> Voorstel:
    response = verstuur(
        _client(coordinator),
        reverse("voorstellen:voorstel_nieuw", args=[lieke.pk, woning.pk]),
        {
            "motivatie": "Dicht bij oma in Winsum en 5 km van het Praedinius.",
            "tekst_voor_woning": TEKST_VOOR_WONING,
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Voorstel.objects.get(jongere=lieke)


def test_before_consent_the_manager_reads_no_names_places_or_distances(
    lieke: Jongere, de_linde: Voorziening, coordinator: User, beheerder: User
) -> None:
    voorstel = _stuur(coordinator, lieke, de_linde)
    manager = _client(beheerder)
    for url in (
        reverse("voorstellen:voorstel", args=[voorstel.pk]),
        reverse("voorstellen:voorstel_afdruk", args=[voorstel.pk]),
    ):
        response = manager.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert _familiewoorden_in(html) == [], url
        # What the home does read: the designed profile.
        profiel = _profiel(html)
        assert "Trauma" in profiel and "Hoog" in profiel
        assert "Rust en structuur: heel belangrijk" in profiel
        assert "Dichtbij familie en vrienden: heel belangrijk" in profiel
        assert "Op de eigen school blijven: een beetje belangrijk" in profiel
        assert TEKST_VOOR_WONING in profiel
    # The coordinator's own printout still has everything, distances included.
    afdruk = _client(coordinator).get(reverse("voorstellen:voorstel_afdruk", args=[voorstel.pk]))
    assert "Winsum" in afdruk.content.decode() and "afstand" in _familiewoorden_in(
        afdruk.content.decode()
    )


def test_after_consent_the_manager_reads_the_full_analysis(
    lieke: Jongere,
    de_linde: Voorziening,
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    voorstel = _stuur(coordinator, lieke, de_linde)
    flow.geef_toestemming(voorstel=voorstel, door=jongere_user)
    flow.geef_toestemming(voorstel=voorstel, door=ouder_user)
    manager = _client(beheerder)
    pagina = manager.get(reverse("voorstellen:voorstel", args=[voorstel.pk])).content.decode()
    assert {"Lieke", "Sem", "broertje", "oma", "Winsum", "Praedinius"} <= set(
        _familiewoorden_in(pagina)
    )
    afdruk = manager.get(
        reverse("voorstellen:voorstel_afdruk", args=[voorstel.pk])
    ).content.decode()
    assert "Dicht bij oma in Winsum en 5 km van het Praedinius." in afdruk
    assert "Lieke zorgt goed voor haar jongere broertje Sem." in afdruk


def test_the_preview_is_exactly_what_the_home_reads(
    lieke: Jongere, de_linde: Voorziening, coordinator: User, beheerder: User
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[lieke.pk, de_linde.pk])
    sanne = _client(coordinator)
    leeg = sanne.get(url).content.decode()
    assert "Noem geen namen van mensen" in leeg  # the warning next to the text for the home
    response = sanne.post(
        url,
        {
            "motivatie": "Dicht bij oma.",
            "tekst_voor_woning": TEKST_VOOR_WONING,
            "actie": "voorbeeld",
        },
    )
    assert response.status_code == 200
    voorbeeld = _profiel(response.content.decode())
    assert TEKST_VOOR_WONING in voorbeeld
    assert not Voorstel.objects.exists()  # a preview sends nothing

    voorstel = _stuur(coordinator, lieke, de_linde)
    manager = _client(beheerder)
    pagina = manager.get(reverse("voorstellen:voorstel", args=[voorstel.pk])).content.decode()
    afdruk = manager.get(
        reverse("voorstellen:voorstel_afdruk", args=[voorstel.pk])
    ).content.decode()
    eigen = sanne.get(reverse("voorstellen:voorstel", args=[voorstel.pk])).content.decode()
    assert _profiel(pagina) == voorbeeld
    assert _profiel(afdruk) == voorbeeld
    assert _profiel(eigen) == voorbeeld  # the coordinator can look again later


def test_the_preview_with_htmx_swaps_the_text_and_the_profile_only(
    lieke: Jongere, de_linde: Voorziening, coordinator: User
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[lieke.pk, de_linde.pk])
    response = _client(coordinator).post(
        url,
        {"motivatie": "", "tekst_voor_woning": TEKST_VOOR_WONING, "actie": "voorbeeld"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="voorbeeld">') and "<h1" not in html
    assert TEKST_VOOR_WONING in _profiel(html)
    # Looking at a preview is a read of the youth's data, not a change.
    gelogd = Inzage.objects.filter(jongere_ref=lieke.pk, gebruiker=coordinator)
    assert list(gelogd.values_list("actie", flat=True)) == [Inzage.Actie.READ]


@pytest.mark.parametrize("genoemd", ["Lieke", "Haren", "praedinius gymnasium", "Groningen"])
def test_a_text_for_the_home_naming_what_the_portal_knows_is_refused(
    genoemd: str, lieke: Jongere, de_linde: Voorziening, coordinator: User
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[lieke.pk, de_linde.pk])
    response = _client(coordinator).post(
        url,
        {
            "motivatie": "",
            "tekst_voor_woning": f"Het gaat goed met {genoemd}.",
            "actie": "versturen",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "De tekst voor de woning noemt" in html
    assert not Voorstel.objects.exists()


def test_the_workflow_itself_refuses_a_text_for_the_home_with_a_known_name(
    lieke: Jongere, de_linde: Voorziening, coordinator: User, ouder_user: User
) -> None:
    with pytest.raises(flow.VoorstelFout) as fout:
        flow.maak_voorstel(
            jongere=lieke,
            voorziening=de_linde,
            door=coordinator,
            tekst_voor_woning=f"Moeder {ouder_user.first_name} komt graag op bezoek.",
            motivatie="Past goed.",
        )
    assert ouder_user.first_name in " ".join(fout.value.messages)
    assert not Voorstel.objects.exists()
    # The motivation is for the family: it may name grandma's town.
    voorstel = flow.maak_voorstel(
        jongere=lieke, voorziening=de_linde, door=coordinator, motivatie="Dicht bij Haren."
    )
    assert voorstel.motivatie == "Dicht bij Haren." and voorstel.tekst_voor_woning == ""
