"""The family's proposal page shows the home as a family wants to picture it.

Rooms, the building, pets, smoking, house rules, languages, food and faith, photos, the
schools nearby (the one at the youth's own level first), the help that comes to the house and
how parents take part: all in plain words, and nothing the family should not read.
"""

from __future__ import annotations

import pytest
from django.test import Client

from accounts.models import User
from voorstellen.models import Voorstel
from voorzieningen.models import Behandelpartner, FotoWoning, Onderwijs, Toelatingsregel


@pytest.fixture
def ingericht(verstuurd: Voorstel) -> Voorstel:
    woning = verstuurd.voorziening
    woning.eigen_kamer = True
    woning.kamers_toelichting = "Je mag je kamer zelf inrichten."
    woning.toegankelijkheid = ["slaapkamer_beneden"]
    woning.huisdieren = "een hond"
    woning.roken = "rookvrij"
    woning.huisregels = "Om half elf is het stil in huis."
    woning.talen = ["nl", "ar"]
    woning.voeding = ["halal"]
    woning.geloof_cultuur = ["gebedsplek"]
    woning.ouderdeelname = ["mee_eten"]
    woning.save()
    Onderwijs.objects.create(
        voorziening=woning, soort="regulier", naam="Het Lyceum", afstand_km=4, niveaus=["vwo"]
    )
    Onderwijs.objects.create(
        voorziening=woning,
        soort="regulier",
        naam="Het Noorderpoort",
        afstand_km=6,
        niveaus=["vmbo", "havo"],
    )
    Behandelpartner.objects.create(voorziening=woning, naam="GGZ Noord", behandeling="traumazorg")
    FotoWoning.objects.create(
        voorziening=woning, inhoud=b"x", breedte=4, hoogte=3, beschrijving="De woonkamer"
    )
    Toelatingsregel.objects.create(
        voorziening=woning, soort="geslacht", geslacht="v", sterkte="voorkeur", reden="Meidenhuis"
    )
    jongere = verstuurd.jongere
    jongere.school_niveau = "havo"
    jongere.save()
    return verstuurd


def _pagina(persoon: User, voorstel: Voorstel) -> str:
    client = Client()
    client.force_login(persoon)
    response = client.get(voorstel.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_family_reads_the_home_in_plain_words(ingericht: Voorstel, jongere_user: User) -> None:
    html = _pagina(jongere_user, ingericht)

    for tekst in (
        "Je krijgt een eigen slaapkamer.",
        "Je mag je kamer zelf inrichten.",
        "een slaapkamer op de begane grond",
        "Er wonen dieren: een hond.",
        "Roken mag nergens, ook niet in de tuin.",
        "Om half elf is het stil in huis.",
        "Het team spreekt: Nederlands, Arabisch.",
        "halal eten",
        "Een rustige plek om te bidden.",
        "GGZ Noord: traumazorg",
        "Je hoeft daarvoor niet te verhuizen.",
        "Mee-eten",
        'alt="De woonkamer"',
    ):
        assert tekst in html, tekst


def test_the_school_at_the_youths_own_level_comes_first_and_says_so(
    ingericht: Voorstel, ouder_user: User
) -> None:
    html = _pagina(ouder_user, ingericht)

    assert html.index("Het Noorderpoort") < html.index("Het Lyceum")
    assert "Hier kan Noor naar school op het eigen niveau (havo)." in html
    assert html.count("op het eigen niveau") == 1 and "op jouw niveau" not in html


def test_the_family_page_does_not_show_the_homes_admission_rules(
    ingericht: Voorstel, jongere_user: User
) -> None:
    assert "Meidenhuis" not in _pagina(jongere_user, ingericht)
