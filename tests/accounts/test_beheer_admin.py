"""The Django admin cannot be used to act unseen: no authenticator secret or recovery code is
shown, nobody's password is set by an admin, endorsed analyses stay as agreed, youths are
not deleted by hand, and every read and change of a youth's data is in the access log."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import KoppelLink, Organisatie, User
from jongeren.models import Jongere, VerklarendeAnalyse
from kern.models import UitgesteldeTaak
from privacy.models import Inzage
from tests.factories import geef_reden, tweede_stap_gedaan
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import PlaatsingFactory, VoorzieningFactory
from voorzieningen.models import Voorziening


@pytest.fixture
def beheer(client: Client, admin_user: User) -> Client:
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)
    return client


@pytest.fixture
def noor(coordinator: User) -> Jongere:
    return JongereFactory.create(roepnaam="Noor", coordinator=coordinator)


def test_the_authenticator_secret_is_never_shown(beheer: Client, coordinator: User) -> None:
    apparaat = TOTPDevice.objects.create(user=coordinator, name="Telefoon", confirmed=True)
    lijst = beheer.get(reverse("admin:accounts_authenticator_changelist"))
    pagina = beheer.get(reverse("admin:accounts_authenticator_change", args=[apparaat.pk]))

    assert lijst.status_code == pagina.status_code == 200
    for response in (lijst, pagina):
        html = response.content.decode()
        assert apparaat.key not in html
        assert "qrcode" not in html.lower()
    # No page to add a device (with a secret the admin would know), none to draw its QR.
    assert beheer.get(reverse("admin:accounts_authenticator_add")).status_code == 403
    config = beheer.get(f"/beheer/django/accounts/authenticator/{apparaat.pk}/config/")
    assert config.status_code in {302, 404}
    # Deleting one (a lost phone) is what the admin may do.
    beheer.post(reverse("admin:accounts_authenticator_delete", args=[apparaat.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=apparaat.pk).exists()


def test_recovery_codes_are_never_shown(beheer: Client, coordinator: User) -> None:
    apparaat = StaticDevice.objects.create(user=coordinator, name="Herstelcodes")
    StaticToken.objects.create(device=apparaat, token="geheim12")
    pagina = beheer.get(reverse("admin:accounts_herstelcodes_change", args=[apparaat.pk]))
    assert pagina.status_code == 200
    assert "geheim12" not in pagina.content.decode()


def test_an_admin_cannot_set_someone_elses_password(beheer: Client, coordinator: User) -> None:
    oud = coordinator.password
    url = f"/beheer/django/accounts/user/{coordinator.pk}/password/"
    assert 'name="password1"' not in beheer.get(url, follow=True).content.decode()
    beheer.post(url, {"password1": "Nieuw-wachtwoord-123", "password2": "Nieuw-wachtwoord-123"})
    coordinator.refresh_from_db()
    assert coordinator.password == oud
    pagina = beheer.get(reverse("admin:accounts_user_change", args=[coordinator.pk]))
    assert pagina.status_code == 200
    assert "password/" not in pagina.content.decode()


def test_an_admin_sends_a_reset_link_instead(beheer: Client, coordinator: User) -> None:
    response = beheer.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "stuur_herstellink", ACTION_CHECKBOX_NAME: [coordinator.pk]},
    )
    assert response.status_code == 302
    taak = UitgesteldeTaak.objects.get()
    assert (taak.taak, taak.argumenten[0]) == (
        "accounts.tasks.mail_wachtwoord_herstel",
        coordinator.pk,
    )


def test_a_new_account_gets_no_password_from_the_admin(
    beheer: Client, gemeente: Organisatie
) -> None:
    pagina = beheer.get(reverse("admin:accounts_user_add"))
    assert "password1" not in pagina.content.decode()
    response = beheer.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Nieuw@Example.org",
            "first_name": "Nina",
            "rol": "coordinator",
            "organisatie": gemeente.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    nieuw = User.objects.get(email="nieuw@example.org")
    assert nieuw.has_usable_password()  # a random one nobody knows: the reset link works
    assert not nieuw.check_password("")


def test_an_admin_makes_a_one_time_enrolment_link(beheer: Client, coordinator: User) -> None:
    response = beheer.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "maak_koppellinks", ACTION_CHECKBOX_NAME: [coordinator.pk]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    link = KoppelLink.objects.get(gebruiker=coordinator)
    assert "/accounts/koppelen/" in html
    # Only the hash is stored: the page shows a link the database cannot reproduce.
    assert link.token_hash not in html
    assert (
        beheer.get(reverse("admin:accounts_koppellink_change", args=[link.pk])).status_code == 200
    )
    assert (
        link.token_hash
        not in beheer.get(
            reverse("admin:accounts_koppellink_change", args=[link.pk])
        ).content.decode()
    )


def test_an_endorsed_analysis_is_read_only_in_the_admin(beheer: Client, noor: Jongere) -> None:
    analyse = AnalyseFactory.create(
        jongere=noor, status=VerklarendeAnalyse.Status.GEDRAGEN, krachten="Tekent graag."
    )
    url = reverse("admin:jongeren_verklarendeanalyse_change", args=[analyse.pk])
    geef_reden(beheer, noor.pk)
    pagina = beheer.get(url)
    assert pagina.status_code == 200
    assert 'name="krachten"' not in pagina.content.decode()
    response = beheer.post(url, {"krachten": "Veranderd achter de rug om.", "jongere": noor.pk})
    assert response.status_code == 403
    analyse.refresh_from_db()
    assert analyse.krachten == "Tekent graag."
    # A concept can still be corrected.
    concept = AnalyseFactory.create(
        jongere=noor, versie=2, status=VerklarendeAnalyse.Status.CONCEPT
    )
    concept_pagina = beheer.get(
        reverse("admin:jongeren_verklarendeanalyse_change", args=[concept.pk])
    )
    assert 'name="krachten"' in concept_pagina.content.decode()


def test_a_youth_is_never_deleted_in_the_admin(beheer: Client, noor: Jongere) -> None:
    response = beheer.post(
        reverse("admin:jongeren_jongere_delete", args=[noor.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    beheer.post(
        reverse("admin:jongeren_jongere_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [noor.pk], "post": "yes"},
    )
    assert Jongere.objects.filter(pk=noor.pk).exists()


def _log(jongere_ref: int | None = None, **velden: object) -> list[tuple[str, str, str]]:
    regels = Inzage.objects.filter(**velden)
    if jongere_ref is not None:
        regels = regels.filter(jongere_ref=jongere_ref)
    return list(regels.order_by("op").values_list("actie", "soort", "doel"))


def test_every_admin_read_of_a_youth_is_logged(
    beheer: Client, noor: Jongere, coordinator: User, admin_user: User
) -> None:
    daan = JongereFactory.create(roepnaam="Daan", coordinator=coordinator)
    analyse = AnalyseFactory.create(jongere=noor, status=VerklarendeAnalyse.Status.GEDRAGEN)

    assert beheer.get(reverse("admin:jongeren_jongere_changelist")).status_code == 200
    assert _log(noor.pk) == [("read", "profiel", "beheer")]
    assert _log(daan.pk) == [("read", "profiel", "beheer")]

    geef_reden(beheer, noor.pk)
    beheer.get(reverse("admin:jongeren_jongere_change", args=[noor.pk]))
    beheer.get(reverse("admin:jongeren_jongere_history", args=[noor.pk]))
    beheer.get(reverse("admin:jongeren_verklarendeanalyse_changelist"))
    beheer.get(reverse("admin:jongeren_verklarendeanalyse_change", args=[analyse.pk]))
    beheer.get(reverse("admin:jongeren_verklarendeanalyse_history", args=[analyse.pk]))

    assert _log(noor.pk) == [
        ("read", "profiel", "beheer"),
        ("read", "profiel", "beheer"),
        ("read", "profiel", "beheer"),
        ("read", "analyse", "beheer"),
        ("read", "analyse", "beheer"),
        ("read", "analyseversie", "beheer"),
    ]
    assert Inzage.objects.filter(gebruiker=admin_user).count() == 7


def test_an_admin_change_of_a_youth_is_logged(beheer: Client, noor: Jongere) -> None:
    geef_reden(beheer, noor.pk)
    pagina = beheer.get(reverse("admin:jongeren_jongere_change", args=[noor.pk]))
    formulier = pagina.context["adminform"].form
    data = {
        naam: waarde
        for naam, waarde in formulier.initial.items()
        if waarde is not None and naam in formulier.fields
    }
    data["ouders"] = []
    data["roepnaam"] = "Noortje"
    data = {k: v for k, v in data.items() if not isinstance(v, list) or v}
    response = beheer.post(reverse("admin:jongeren_jongere_change", args=[noor.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ("update", "profiel", "beheer") in _log(noor.pk)


def test_admin_reads_of_residents_are_logged(
    beheer: Client, aanbieder: object, noor: Jongere
) -> None:
    woning: Voorziening = VoorzieningFactory.create(aanbieder=aanbieder, naam="De Linde")
    met_jongere = PlaatsingFactory.create(voorziening=woning, jongere=noor)
    zonder = PlaatsingFactory.create(voorziening=woning)

    geef_reden(beheer, noor.pk)
    beheer.get(reverse("admin:voorzieningen_plaatsing_changelist"))
    beheer.get(reverse("admin:voorzieningen_plaatsing_change", args=[zonder.pk]))
    beheer.get(reverse("admin:voorzieningen_plaatsing_history", args=[met_jongere.pk]))

    assert _log(noor.pk) == [("read", "bewoner", "beheer"), ("read", "bewoner", "beheer")]
    assert _log(voorziening_id=woning.pk, jongere_ref__isnull=True) == [
        ("read", "bewoner", "beheer"),
        ("read", "bewoner", "beheer"),
    ]


def test_account_pickers_offer_only_the_right_kind_of_account(
    beheer: Client, coordinator: User, ouder_user: User, jongere_user: User
) -> None:
    url = reverse("admin:autocomplete")
    zoek = {"app_label": "jongeren", "model_name": "jongere", "term": ""}
    coordinatoren = beheer.get(url, {**zoek, "field_name": "coordinator"}).json()["results"]
    accounts = beheer.get(url, {**zoek, "field_name": "account"}).json()["results"]
    assert str(coordinator.pk) in {r["id"] for r in coordinatoren}
    assert not {str(ouder_user.pk), str(jongere_user.pk)} & {r["id"] for r in coordinatoren}
    assert {r["id"] for r in accounts} == {str(jongere_user.pk)}
    # The form itself refuses the wrong kind too, whatever the browser sent.
    form = beheer.get(reverse("admin:jongeren_jongere_add")).context["adminform"].form
    assert ouder_user not in form.fields["coordinator"].queryset
    assert set(form.fields["ouders"].queryset) == {ouder_user}
