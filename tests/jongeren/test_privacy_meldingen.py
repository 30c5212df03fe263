"""No sensitive details in e-mails, logs or error pages; the /privacy page.

Decision on e-mails: a mail may greet the addressee by their own first name (they know it,
and it makes the mail recognisable). It never names the youth to anyone else, and never
holds an attention signal or any text of the analysis or a proposal: mails say that
something is waiting and link to the portal, where the reader has to log in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren import services
from jongeren.models import Jongere, Uitnodiging
from tests.jongeren.privacy_dossier import (
    FACTOREN,
    MOTIVATIE,
    OPMERKING,
    SIGNAAL_LABEL,
    Dossier,
    vul_dossier,
)
from voorstellen import services as flow

Capture = Callable[..., Any]
GEHEIM = [FACTOREN, MOTIVATIE, OPMERKING, SIGNAAL_LABEL, "weglopen", "Haren", "Bij mijn oma"]


@pytest.fixture
def dossier(noor: Jongere, beheerder: User) -> Dossier:
    return vul_dossier(noor, beheerder=beheerder)


def _zonder_aanhef(tekst: str) -> str:
    """The mail without its first line, the greeting with the addressee's own name."""
    return tekst.split("\n", 1)[1]


def _geen_geheimen(bericht: mail.EmailMessage) -> None:
    inhoud = f"{bericht.subject}\n{bericht.body}"
    for geheim in GEHEIM:
        assert geheim not in inhoud, geheim


def test_invitation_to_the_youth_names_only_the_addressee_in_the_greeting(
    dossier: Dossier, jongere_user: User
) -> None:
    uitnodiging = Uitnodiging.objects.get(jongere=dossier.jongere, persoon=jongere_user)

    services.mail_uitnodiging(uitnodiging_id=uitnodiging.pk, basis_url="http://testserver/")

    [bericht] = mail.outbox
    assert bericht.body.startswith("Hoi Noor,")
    assert "Noor" not in bericht.subject
    assert "Noor" not in _zonder_aanhef(str(bericht.body))
    _geen_geheimen(bericht)


def test_invitation_to_a_parent_does_not_name_the_child(
    dossier: Dossier, ouder_user: User, coordinator: User
) -> None:
    uitnodiging = Uitnodiging.objects.create(
        jongere=dossier.jongere,
        email=ouder_user.email,
        persoon=ouder_user,
        rol="ouder",
        verstuurd_door=coordinator,
    )

    services.mail_uitnodiging(uitnodiging_id=uitnodiging.pk, basis_url="http://testserver/")

    [bericht] = mail.outbox
    assert bericht.to == [ouder_user.email]
    assert bericht.body.startswith("Hoi Esther,")
    assert "Noor" not in f"{bericht.subject}\n{bericht.body}"
    _geen_geheimen(bericht)


def test_an_address_that_cannot_be_used_hears_it_without_any_name_or_link(
    dossier: Dossier, coordinator: User
) -> None:
    uitnodiging = Uitnodiging.objects.create(
        jongere=dossier.jongere,
        email="iemand.anders@example.org",
        persoon=None,
        rol="ouder",
        verstuurd_door=coordinator,
    )

    services.mail_uitnodiging(uitnodiging_id=uitnodiging.pk, basis_url="http://testserver/")

    [bericht] = mail.outbox
    assert bericht.to == ["iemand.anders@example.org"]
    assert bericht.body.startswith("Hallo,")
    assert "Met dit e-mailadres kan dat niet" in bericht.body
    assert "Noor" not in f"{bericht.subject}\n{bericht.body}" and "http" not in bericht.body
    _geen_geheimen(bericht)


def test_proposal_mail_names_nobody_and_nothing(
    dossier: Dossier, jongere_user: User, ouder_user: User, beheerder: User
) -> None:
    ontvangers = [jongere_user.pk, ouder_user.pk, beheerder.pk]

    assert (
        flow.mail_voorstel_gewijzigd(voorstel_id=dossier.voorstel.pk, ontvanger_ids=ontvangers) == 3
    )

    assert len(mail.outbox) == 3
    for bericht in mail.outbox:
        inhoud = f"{bericht.subject}\n{bericht.body}"
        for naam in ("Noor", "Esther", "Marieke", "De Eik"):
            assert naam not in inhoud
        _geen_geheimen(bericht)


def test_password_reset_mail_holds_no_youth_data(
    dossier: Dossier, ouder_user: User, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after the commit
        antwoord = Client().post(reverse("password_reset"), {"email": ouder_user.email})

    assert antwoord.status_code == 302
    [bericht] = mail.outbox
    assert "Noor" not in f"{bericht.subject}\n{bericht.body}"
    _geen_geheimen(bericht)


def test_logs_hold_ids_not_names_or_texts(
    dossier: Dossier, jongere_user: User, caplog: pytest.LogCaptureFixture
) -> None:
    from django.core.management import call_command

    with caplog.at_level(logging.DEBUG):
        flow.mail_voorstel_gewijzigd(
            voorstel_id=dossier.voorstel.pk, ontvanger_ids=[jongere_user.pk]
        )
        client = Client()
        client.force_login(jongere_user)
        client.get(reverse("privacy:mijn_gegevens", args=[dossier.jongere.pk]))
        client.get(reverse("privacy:mijn_gegevens", args=[dossier.jongere.pk + 1000]))
        call_command("anonimiseer", "--dry-run", stdout=StringIO())
    for geheim in ["Noor", *GEHEIM]:
        assert geheim not in caplog.text


PAYLOAD = "<script>alert(1)</script>"


@pytest.mark.parametrize(("pad", "status"), [("/mijn/{}/", 404), ("/jongeren/?q={}", 403)])
def test_error_pages_do_not_echo_the_request(pad: str, status: int, jongere_user: User) -> None:
    client = Client()
    client.force_login(jongere_user)
    antwoord = client.get(pad.format(PAYLOAD))

    assert antwoord.status_code == status
    html = antwoord.content.decode()
    assert "alert" not in html
    assert "script%3E" not in html.lower()


def test_bad_request_page_does_not_echo_the_host() -> None:
    antwoord = Client(HTTP_HOST="evil-<b>host</b>.example").get("/privacy")

    assert antwoord.status_code == 400
    assert b"evil" not in antwoord.content


def test_privacy_page_is_open_to_everyone_and_plain(client: Client, db: None) -> None:
    antwoord = client.get(reverse("privacy"))

    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert html.count("<h1") == 1
    for kop in ("Wat we bewaren", "Wie ziet wat", "Hoe lang", "Jouw rechten"):
        assert kop in html
    for recht in ("Inzage", "Correctie", "Verwijdering"):
        assert recht in html
    assert "2 jaar" in html
    assert '<th scope="col">' in html
    # The access log exists: the page tells families where to find it.
    assert "Wie heeft mijn gegevens bekeken?" in html
    assert "style=" not in html
    assert "<script>" not in html


def test_footer_links_to_the_privacy_page(client: Client, jongere_user: User) -> None:
    client.force_login(jongere_user)
    html = client.get(reverse("jongeren:mijn")).content.decode()
    assert f'href="{reverse("privacy")}"' in html
