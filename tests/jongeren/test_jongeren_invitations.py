"""Invitations: an e-mailed one-time link to choose a password, which expires."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from accounts.models import Rol, User
from jongeren.models import Jongere, Uitnodiging
from tests.factories import UserFactory
from tests.jongeren.factories import JongereFactory

NIEUW_WACHTWOORD = "Een-lang-nieuw-wachtwoord-42"
Capture = Callable[..., Any]


def _nodig_uit(client: Client, jongere: Jongere, capture: Capture, **anders: str) -> Any:
    data = {
        "rol": "jongere",
        "voornaam": "Noor",
        "achternaam": "",
        "email": "noor.nieuw@example.org",
    }
    with capture(execute=True):
        return client.post(reverse("jongeren:uitnodigen", args=[jongere.pk]), data | anders)


def _link(bericht: mail.EmailMessage) -> str:
    gevonden = re.search(r"https?://testserver(/mijn/welkom/[^/\s]+/)", str(bericht.body))
    assert gevonden, bericht.body
    return gevonden.group(1)


@pytest.fixture
def nieuwe_jongere(coordinator: User) -> Jongere:
    return JongereFactory.create(roepnaam="Noor", coordinator=coordinator)


def test_inviting_the_youth_creates_their_account_and_mails_a_link(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    response = _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    nieuwe_jongere.refresh_from_db()
    # The account exists, but is linked to the youth only when the link is used.
    assert nieuwe_jongere.account is None
    account = User.objects.get(email="noor.nieuw@example.org")
    assert (account.email, account.rol, account.first_name) == (
        "noor.nieuw@example.org",
        Rol.JONGERE,
        "Noor",
    )
    assert not account.has_usable_password()
    assert account.organisatie is None
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["noor.nieuw@example.org"]
    assert "uitgenodigd" in bericht.subject
    assert "7 dagen" in str(bericht.body)
    assert _link(bericht)


def test_the_link_sets_a_password_once_and_logs_the_youth_in(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()

    formulier = client.get(link)
    assert formulier.status_code == 200
    assert "Welkom, Noor" in formulier.content.decode()
    response = client.post(
        link,
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("jongeren:mijn")
    assert "Hoi Noor" in response.content.decode()
    account = User.objects.get(email="noor.nieuw@example.org")
    assert account.check_password(NIEUW_WACHTWOORD)
    assert response.wsgi_request.user == account
    assert Uitnodiging.objects.get().gebruikt_op is not None

    client.logout()
    opnieuw = client.get(link)
    assert opnieuw.status_code == 410
    assert "Deze link is al gebruikt" in opnieuw.content.decode()
    nog_eens = client.post(link, {"new_password1": "Iets-anders-123456", "new_password2": "x"})
    assert nog_eens.status_code == 410
    account.refresh_from_db()
    assert account.check_password(NIEUW_WACHTWOORD)


def test_a_weak_password_is_refused_in_dutch_and_the_link_stays_usable(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    response = client.post(link, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert "Dit wachtwoord is te kort. Gebruik minstens 12 tekens." in response.content.decode()
    assert Uitnodiging.objects.get().gebruikt_op is None


def test_an_expired_link_explains_itself(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    client.logout()
    Uitnodiging.objects.update(verstuurd_op=timezone.now() - timedelta(days=8))
    response = client.get(link)
    assert response.status_code == 410
    assert "Deze link is verlopen" in response.content.decode()
    assert not User.objects.get(email="noor.nieuw@example.org").has_usable_password()


def test_the_signature_itself_expires_after_the_configured_days(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    settings: Settings,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    settings.UITNODIGING_GELDIG_DAGEN = 2
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    over_drie_dagen = time.time() + 3 * 24 * 3600
    # The youth opens the link on her own phone, not in the coordinator's session.
    with mock.patch("django.core.signing.time.time", return_value=over_drie_dagen):
        response = Client().get(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()


def test_a_tampered_link_is_unknown(client: Client, db: None) -> None:
    response = client.get(reverse("jongeren:uitnodiging", args=["1:nep:handtekening"]))
    assert response.status_code == 404
    assert "We kennen deze link niet" in response.content.decode()


def test_inviting_a_parent_reuses_an_existing_account_but_links_only_on_acceptance(
    client: Client,
    coordinator: User,
    noor: Jongere,
    daan: Jongere,
    ouder_user: User,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(
        client,
        daan,
        django_capture_on_commit_callbacks,
        rol="ouder",
        voornaam="Esther",
        email="ESTHER@example.org",
    )
    # A mistyped or wrong address must not open Daan's analysis to someone else.
    assert ouder_user not in daan.ouders.all()
    assert daan not in Jongere.objects.for_user(ouder_user)
    assert User.objects.filter(email__iexact="esther@example.org").count() == 1
    assert mail.outbox[0].to == ["esther@example.org"]
    client.logout()
    client.post(
        _link(mail.outbox[0]),
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
    )
    assert ouder_user in daan.ouders.all()


def test_a_youth_with_an_account_cannot_get_a_second_one(
    client: Client,
    coordinator: User,
    noor: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    response = _nodig_uit(client, noor, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "heeft al een account" in response.content.decode()
    assert not User.objects.filter(email="noor.nieuw@example.org").exists()
    assert mail.outbox == []


def test_only_the_youths_own_organisation_can_invite(
    client: Client,
    coordinator2: User,
    beheerder: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator2)
    assert _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks).status_code == 404
    client.force_login(beheerder)
    assert _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks).status_code == 403
    assert not Uitnodiging.objects.exists()
    assert mail.outbox == []


def test_the_detail_page_shows_the_invitation_state(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    html = client.get(reverse("jongeren:detail", args=[nieuwe_jongere.pk])).content.decode()
    assert "noor.nieuw@example.org" in html
    assert "Geldig tot" in html


def test_a_deactivated_account_cannot_use_its_invitation(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    _nodig_uit(client, nieuwe_jongere, django_capture_on_commit_callbacks)
    User.objects.filter(email="noor.nieuw@example.org").update(is_active=False)
    client.logout()
    response = client.post(
        _link(mail.outbox[0]),
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
    )
    assert response.status_code in (200, 404)
    nieuwe_jongere.refresh_from_db()
    assert nieuwe_jongere.account is None
    assert not User.objects.get(email="noor.nieuw@example.org").has_usable_password()


# --- The same answer whatever the address belongs to --------------------------------------


def _bestaand_account(soort: str, coordinator2: User) -> User:
    """An account of someone the inviting coordinator has no business with."""
    if soort == "ouder_ander_gezin":
        return UserFactory.create(
            email="karin.visser@example.org", first_name="Karin", rol=Rol.OUDER
        )
    if soort in {"jongere_andere_organisatie", "jongere_als_ouder"}:
        account = UserFactory.create(
            email="s.dijkstra@example.org", first_name="Sietske", rol=Rol.JONGERE
        )
        JongereFactory.create(roepnaam="Sietske", coordinator=coordinator2, account=account)
        return account
    if soort == "professional":
        return UserFactory.create(
            email="m.bakker@example.org",
            first_name="Marieke",
            rol=Rol.BEHEERDER,
            organisatie=coordinator2.organisatie,
        )
    assert soort == "uitgeschakeld"
    return UserFactory.create(
        email="oud.account@example.org", first_name="Bram", rol=Rol.OUDER, is_active=False
    )


SOORTEN = [
    ("vrij", "ouder"),
    ("ouder_ander_gezin", "ouder"),
    ("jongere_andere_organisatie", "jongere"),
    ("jongere_als_ouder", "ouder"),
    ("professional", "ouder"),
    ("professional", "jongere"),
    ("uitgeschakeld", "ouder"),
]


def _antwoord(
    client: Client, jongere: Jongere, capture: Capture, *, email: str, rol: str
) -> tuple[int, str, list[str], str]:
    """What the coordinator can observe: the status, where it leads, the message, and the
    invitation's row on the youth's page; the address itself replaced by ADRES."""
    response = _nodig_uit(client, jongere, capture, rol=rol, voornaam="Piet", email=email)
    pagina = client.get(response["Location"]) if response.status_code == 302 else response
    html = pagina.content.decode()
    berichten = [str(m) for m in pagina.context["messages"]]
    rijen = " ".join(re.findall(r"<tr>\s*<th scope=\"row\">.*?</tr>", html, flags=re.DOTALL))
    adres = email.lower()
    return (
        response.status_code,
        response.get("Location", "").replace(str(jongere.pk), "ID"),
        [b.replace(adres, "ADRES") for b in berichten],
        rijen.replace(adres, "ADRES"),
    )


@pytest.mark.parametrize(("soort", "rol"), SOORTEN)
def test_the_coordinator_gets_the_same_answer_whatever_the_address_belongs_to(
    soort: str,
    rol: str,
    client: Client,
    coordinator: User,
    coordinator2: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    client.force_login(coordinator)
    if soort == "vrij":
        email = "piet.nieuw@example.org"
    else:
        email = _bestaand_account(soort, coordinator2).email.upper()
    # The baseline: a free address, for another youth of the same coordinator.
    vergelijk = JongereFactory.create(roepnaam="Vergelijk", coordinator=coordinator)
    verwacht = _antwoord(
        client, vergelijk, django_capture_on_commit_callbacks, email="vrij@example.org", rol=rol
    )
    assert verwacht[:3] == (
        302,
        reverse("jongeren:detail", args=[vergelijk.pk]).replace(str(vergelijk.pk), "ID"),
        ["De uitnodiging is verstuurd naar ADRES. De link werkt 7 dagen."],
    )
    antwoord = _antwoord(
        client, nieuwe_jongere, django_capture_on_commit_callbacks, email=email, rol=rol
    )
    assert antwoord == verwacht
    # Nothing is linked before the address's owner uses a link.
    nieuwe_jongere.refresh_from_db()
    assert nieuwe_jongere.account is None and not nieuwe_jongere.ouders.exists()
    assert Uitnodiging.objects.filter(jongere=nieuwe_jongere, email=email.lower()).count() == 1


@pytest.mark.parametrize(
    "soort", ["jongere_andere_organisatie", "jongere_als_ouder", "professional", "uitgeschakeld"]
)
def test_an_address_that_cannot_be_used_hears_so_by_mail_without_a_link(
    soort: str,
    client: Client,
    coordinator: User,
    coordinator2: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    account = _bestaand_account(soort, coordinator2)
    wachtwoord = account.password
    rol = "jongere" if soort == "jongere_andere_organisatie" else "ouder"
    client.force_login(coordinator)
    _nodig_uit(
        client, nieuwe_jongere, django_capture_on_commit_callbacks, rol=rol, email=account.email
    )
    uitnodiging = Uitnodiging.objects.get(jongere=nieuwe_jongere)
    assert uitnodiging.persoon is None  # no tie between this youth and that account
    [bericht] = mail.outbox
    assert bericht.to == [account.email]
    assert "Met dit e-mailadres kan dat niet" in str(bericht.body)
    assert "/mijn/welkom/" not in str(bericht.body)
    account.refresh_from_db()
    assert account.password == wachtwoord and account.first_name != "Piet"
    # A link made up for it anyway finds nothing to use.
    from jongeren.services import maak_token

    response = Client().get(reverse("jongeren:uitnodiging", args=[maak_token(uitnodiging)]))
    assert response.status_code == 404


def test_the_coordinator_never_reads_whose_account_an_address_is(
    client: Client,
    coordinator: User,
    coordinator2: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    """Not on the youth's page, not in the youth's data export: only the typed address."""
    account = _bestaand_account("jongere_als_ouder", coordinator2)
    ouder = _bestaand_account("ouder_ander_gezin", coordinator2)
    client.force_login(coordinator)
    for email in (account.email, ouder.email):
        _nodig_uit(
            client, nieuwe_jongere, django_capture_on_commit_callbacks, rol="ouder", email=email
        )
    for url in (
        reverse("jongeren:detail", args=[nieuwe_jongere.pk]),
        reverse("privacy:gegevens", args=[nieuwe_jongere.pk]),
    ):
        html = client.get(url).content.decode()
        assert account.email in html and ouder.email in html
        assert "Sietske" not in html and "Karin" not in html


def test_an_account_that_changed_after_the_invitation_cannot_use_the_link(
    client: Client,
    coordinator: User,
    nieuwe_jongere: Jongere,
    django_capture_on_commit_callbacks: Capture,
) -> None:
    """Checked again when the link is used: an account that became another kind is not
    linked and gets no password through an invitation."""
    client.force_login(coordinator)
    _nodig_uit(
        client,
        nieuwe_jongere,
        django_capture_on_commit_callbacks,
        rol="ouder",
        email="wordt.beheerder@example.org",
    )
    link = _link(mail.outbox[0])
    User.objects.filter(email="wordt.beheerder@example.org").update(rol=Rol.BEHEERDER)
    client.logout()
    response = client.post(
        link, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD}
    )
    assert response.status_code == 404
    assert not nieuwe_jongere.ouders.exists()
    assert not User.objects.get(email="wordt.beheerder@example.org").has_usable_password()
