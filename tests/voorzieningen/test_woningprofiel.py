"""The home's profile as a family pictures it: admission policy, daily life, photos.

Through the manager's profile page (status, database, message), and the photo URL for every
kind of person: a photo is never public and never reaches someone who may not see the home.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from accounts.models import User
from kern.models import Kenmerk
from matching.adapters import load_homes
from tests.voorzieningen.test_voorzieningen_views_beheer import _profiel
from voorzieningen.fotos import FOTO_MAX_BYTES, FOTO_MAX_ZIJDE
from voorzieningen.models import FotoWoning, Toelatingsregel, Voorziening


@pytest.fixture
def ingelogd(client: Client, beheerder: User) -> Client:
    client.force_login(beheerder)
    return client


def _foto(
    *, formaat: str = "JPEG", grootte: tuple[int, int] = (640, 480), exif: bool = False
) -> bytes:
    beeld = Image.new("RGB", grootte, (200, 120, 40))
    uit = io.BytesIO()
    extra: dict[str, Any] = {}
    if exif:
        gegevens = Image.Exif()
        gegevens[0x010F] = "Telefoonmerk"  # Make
        gegevens[0x0132] = "2026:11:20 14:03:00"  # DateTime
        gegevens[0x8825] = {1: "N", 2: (53.0, 13.0, 0.0), 3: "E", 4: (6.0, 34.0, 0.0)}  # GPS
        extra["exif"] = gegevens
    beeld.save(uit, format=formaat, **extra)
    return uit.getvalue()


def _met_foto(
    woning: Voorziening, bestand: SimpleUploadedFile, beschrijving: str
) -> dict[str, Any]:
    return _profiel(
        woning,
        **{
            "fotos-TOTAL_FORMS": "1",
            "fotos-0-bestand": bestand,
            "fotos-0-beschrijving": beschrijving,
            "fotos-0-volgorde": "0",
        },
    )


def _regel(woning: Voorziening, **velden: str) -> dict[str, Any]:
    data = {"regels-TOTAL_FORMS": "1"}
    data.update({f"regels-0-{veld}": waarde for veld, waarde in velden.items()})
    return _profiel(woning, **data)


# --- Admission policy -----------------------------------------------------------------------


def test_manager_states_a_girls_only_rule_and_the_search_sees_it(
    ingelogd: Client, woning: Voorziening
) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _regel(woning, soort="geslacht", geslacht="v", sterkte="hard", reden="Een meidenhuis."),
    )

    assert response.status_code == 302
    regel = Toelatingsregel.objects.get(voorziening=woning)
    assert (regel.soort, regel.geslacht, regel.sterkte) == ("geslacht", "v", "hard")
    now = timezone.now()
    (home,) = load_homes(today=timezone.localdate(now), now=now, only=[woning.pk])
    assert [(p.kind, p.value, p.hard, p.reason) for p in home.policies] == [
        ("gender", "v", True, "Een meidenhuis.")
    ]


def test_a_rule_without_a_reason_is_refused_with_the_field_named(
    ingelogd: Client, woning: Voorziening
) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _regel(woning, soort="geslacht", geslacht="m", sterkte="hard", reden=""),
    )

    assert response.status_code == 200
    assert not Toelatingsregel.objects.exists()
    assert response.context["regels"].forms[0].errors["reden"]


def test_a_need_rule_needs_the_need(ingelogd: Client, woning: Voorziening) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _regel(woning, soort="behoefte", sterkte="voorkeur", reden="Geen tuin."),
    )

    assert response.status_code == 200
    assert "Kies wat jullie niet kunnen bieden." in response.content.decode()
    kenmerk = Kenmerk.objects.get(code="buitenruimte")
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _regel(
            woning,
            soort="behoefte",
            kenmerk=str(kenmerk.pk),
            sterkte="voorkeur",
            reden="Geen tuin.",
        ),
    )
    assert response.status_code == 302
    assert Toelatingsregel.objects.get().kenmerk == kenmerk


def test_a_closed_home_cannot_refuse_youths_with_a_closed_care_authorisation(
    ingelogd: Client, woning: Voorziening
) -> None:
    data = _regel(woning, soort="geen_machtiging", sterkte="hard", reden="Open huis.")
    data["gesloten"] = "on"

    response = ingelogd.post(reverse("voorzieningen:profiel", args=[woning.pk]), data)

    assert response.status_code == 200
    assert not Toelatingsregel.objects.exists()
    assert "Een gesloten woning is juist voor jongeren met een machtiging" in (
        response.content.decode()
    )


# --- Daily life -------------------------------------------------------------------------------


def test_manager_describes_daily_life_and_it_is_saved(
    ingelogd: Client, woning: Voorziening
) -> None:
    data = _profiel(
        woning,
        eigen_kamer="on",
        toegankelijkheid=["rolstoel"],
        huisdieren="Een hond",
        roken="buiten",
        huisregels="Om 22 uur is het stil.",
        talen=["nl", "ar"],
        voeding=["halal"],
        geloof_cultuur=["gebedsplek"],
        **{"onderwijs-0-niveaus": ["vmbo", "havo"]},
    )

    response = ingelogd.post(reverse("voorzieningen:profiel", args=[woning.pk]), data)

    assert response.status_code == 302
    woning.refresh_from_db()
    assert woning.eigen_kamer is True
    assert woning.get_toegankelijkheid_display() == [
        "Rolstoeltoegankelijk: geen drempels, brede deuren"
    ]
    assert woning.get_talen_display() == ["Nederlands", "Arabisch"]
    assert (woning.huisdieren, woning.roken, woning.voeding) == ("Een hond", "buiten", ["halal"])
    assert woning.onderwijs.get().niveaus == ["vmbo", "havo"]


def test_an_unknown_language_code_is_refused(ingelogd: Client, woning: Voorziening) -> None:
    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _profiel(woning, talen=["klingon"])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["talen"]


# --- Photos -------------------------------------------------------------------------------------


def test_a_photo_is_re_encoded_without_its_location_and_the_manager_is_told(
    ingelogd: Client, woning: Voorziening
) -> None:
    upload = SimpleUploadedFile("kamer.jpg", _foto(exif=True), content_type="image/jpeg")
    assert b"Telefoonmerk" in upload.read()
    upload.seek(0)

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]),
        _met_foto(woning, upload, "De woonkamer met een grote tafel"),
        follow=True,
    )

    foto = FotoWoning.objects.get(voorziening=woning)
    opgeslagen = bytes(foto.inhoud)
    assert b"Telefoonmerk" not in opgeslagen and b"Exif" not in opgeslagen
    with Image.open(io.BytesIO(opgeslagen)) as beeld:
        assert beeld.format == "JPEG"
        assert not beeld.getexif()
        assert (beeld.width, beeld.height) == (640, 480) == (foto.breedte, foto.hoogte)
    assert "verborgen gegevens gehaald" in response.content.decode()


def test_a_large_photo_is_scaled_down_and_a_png_becomes_a_jpeg(
    ingelogd: Client, woning: Voorziening
) -> None:
    upload = SimpleUploadedFile(
        "tuin.png", _foto(formaat="PNG", grootte=(3200, 1600)), content_type="image/png"
    )

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _met_foto(woning, upload, "De tuin")
    )

    assert response.status_code == 302
    foto = FotoWoning.objects.get()
    assert (foto.breedte, foto.hoogte) == (FOTO_MAX_ZIJDE, FOTO_MAX_ZIJDE // 2)
    assert bytes(foto.inhoud)[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("rapport.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\n", "geen foto die we kunnen lezen"),
        ("nep.jpg", b"\xff\xd8\xff\xe0 dit is geen echte foto", "geen foto die we kunnen lezen"),
        ("script.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "geen foto"),
        ("oud.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "geen foto"),
    ],
)
def test_an_upload_that_is_not_a_photo_is_refused_with_a_clear_message(
    ingelogd: Client, woning: Voorziening, naam: str, inhoud: bytes, melding: str
) -> None:
    upload = SimpleUploadedFile(naam, inhoud, content_type="image/jpeg")

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _met_foto(woning, upload, "Iets")
    )

    assert response.status_code == 200
    assert not FotoWoning.objects.exists()
    assert melding in " ".join(response.context["fotos"].forms[0].errors["bestand"])


def test_a_photo_over_the_size_limit_is_refused_before_it_is_decoded(
    ingelogd: Client, woning: Voorziening
) -> None:
    inhoud = _foto() + b"\0" * (FOTO_MAX_BYTES + 1)
    upload = SimpleUploadedFile("groot.jpg", inhoud, content_type="image/jpeg")

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _met_foto(woning, upload, "Groot")
    )

    assert response.status_code == 200
    assert not FotoWoning.objects.exists()
    fout = " ".join(response.context["fotos"].forms[0].errors["bestand"])
    assert "te groot" in fout and "hoogstens 8 MB" in fout


def test_an_image_with_too_many_pixels_is_refused(ingelogd: Client, woning: Voorziening) -> None:
    # Small on disk (one colour compresses well), huge in memory once decoded.
    upload = SimpleUploadedFile(
        "bom.png", _foto(formaat="PNG", grootte=(9000, 9000)), content_type="image/png"
    )

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _met_foto(woning, upload, "Bom")
    )

    assert response.status_code == 200
    assert not FotoWoning.objects.exists()
    assert "te veel beeldpunten" in " ".join(response.context["fotos"].forms[0].errors["bestand"])


def test_a_photo_needs_a_description(ingelogd: Client, woning: Voorziening) -> None:
    upload = SimpleUploadedFile("kamer.jpg", _foto(), content_type="image/jpeg")

    response = ingelogd.post(
        reverse("voorzieningen:profiel", args=[woning.pk]), _met_foto(woning, upload, "")
    )

    assert response.status_code == 200
    assert not FotoWoning.objects.exists()


# --- Who sees a photo ---------------------------------------------------------------------------


@pytest.fixture
def foto(woning: Voorziening) -> FotoWoning:
    return FotoWoning.objects.create(
        voorziening=woning, inhoud=_foto(), breedte=640, hoogte=480, beschrijving="De keuken"
    )


def test_a_photo_is_served_to_coordinators_and_the_homes_manager_only_as_a_private_image(
    client: Client, foto: FotoWoning, coordinator: User, beheerder: User, beheerder2: User
) -> None:
    url = reverse("voorzieningen:foto", args=[foto.voorziening_id, foto.pk])
    for wie in (coordinator, beheerder):
        client.force_login(wie)
        response = client.get(url)
        assert response.status_code == 200, wie
        assert response["Content-Type"] == "image/jpeg"
        assert response["Cache-Control"].startswith("private")
    client.force_login(beheerder2)
    assert client.get(url).status_code == 404


def test_a_photo_is_never_public(client: Client, foto: FotoWoning) -> None:
    response = client.get(reverse("voorzieningen:foto", args=[foto.voorziening_id, foto.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_family_sees_the_photos_of_a_home_proposed_to_them_only(
    client: Client, foto: FotoWoning, jongere_user: User, voorstel_aan_woning: Any
) -> None:
    url = reverse("voorzieningen:foto", args=[foto.voorziening_id, foto.pk])
    client.force_login(jongere_user)
    assert client.get(url).status_code == 200

    voorstel_aan_woning.jongere.account = None
    voorstel_aan_woning.jongere.save()
    assert client.get(url).status_code == 404


def test_a_photo_of_another_home_is_not_found_under_this_home(
    client: Client, foto: FotoWoning, coordinator: User, woning2: Voorziening
) -> None:
    client.force_login(coordinator)

    assert client.get(reverse("voorzieningen:foto", args=[woning2.pk, foto.pk])).status_code == 404


@pytest.fixture
def voorstel_aan_woning(
    woning: Voorziening, coordinator: User, jongere_user: User, ouder_user: User
) -> Any:
    from tests.jongeren.factories import AnalyseFactory, JongereFactory
    from tests.voorzieningen.factories import VacatureFactory
    from voorstellen import services as flow

    jongere = JongereFactory.create(
        roepnaam="Noor", coordinator=coordinator, account=jongere_user, ouders=[ouder_user]
    )
    AnalyseFactory.create(jongere=jongere, status="gedragen")
    VacatureFactory.create(voorziening=woning, beschikbaar_vanaf=timezone.localdate())
    voorstel = flow.maak_voorstel(
        jongere=jongere, voorziening=woning, door=coordinator, motivatie="Past goed."
    )
    return flow.stuur_voorstel(voorstel=voorstel, door=coordinator)
