"""Notices and e-mails on every change that concerns someone; no details in any mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Melding, User
from tests.matching.conftest import naar_gehouden
from voorstellen import services as flow
from voorstellen.models import Voorstel

# Words that must never be in an e-mail: names, the home, signals, the analysis.
GEVOELIG = ["Noor", "De Linde", "zelfbeschadiging", "trauma", "Rustig huis", "analyse van"]


def _ontvangers() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def _geen_details() -> None:
    for message in mail.outbox:
        tekst = f"{message.subject}\n{message.body}"
        for woord in GEVOELIG:
            assert woord.lower() not in tekst.lower(), (woord, tekst)
        assert "/meldingen/" in message.body


def test_sending_tells_the_home_and_the_family(
    concept: Voorstel,
    beheerder: User,
    beheerder2: User,
    jongere_user: User,
    ouder_user: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)
    assert _ontvangers() == sorted([beheerder.email, jongere_user.email, ouder_user.email])
    _geen_details()
    assert Melding.objects.filter(ontvanger=beheerder, url=concept.get_absolute_url()).exists()
    assert not Melding.objects.filter(ontvanger=beheerder2).exists()
    # The home's notice does not name the youth.
    assert "Noor" not in Melding.objects.get(ontvanger=beheerder).tekst


def test_no_mail_when_the_step_is_rolled_back(
    concept: Voorstel, django_capture_on_commit_callbacks: pytest.FixtureRequest
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        concept.voorziening.vacatures.all().delete()  # no place: the send is refused
        with pytest.raises(flow.VoorstelFout):
            flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)
    assert mail.outbox == []
    assert not Melding.objects.exists()


def test_every_step_tells_the_people_it_concerns(
    verstuurd: Voorstel,
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    stappen = []

    def stap(naam: str, doe: object) -> None:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
            doe()  # type: ignore[operator]
        stappen.append((naam, _ontvangers()))
        _geen_details()

    stap(
        "interesse",
        lambda: flow.beantwoord_voorstel(voorstel=verstuurd, door=beheerder, interesse=True),
    )
    stap(
        "plan",
        lambda: flow.plan_kennismaking(
            voorstel=verstuurd,
            door=coordinator,
            soort="bezoek",
            datum=timezone.now() + dt.timedelta(days=1),
            plaats="Lindelaan 1",
        ),
    )
    verstuurd.kennismaking.datum = timezone.now() - dt.timedelta(hours=1)
    verstuurd.kennismaking.save()
    stap(
        "gehouden",
        lambda: flow.leg_kennismaking_vast(voorstel=verstuurd, door=coordinator, notitie=""),
    )
    stap("besluit", lambda: flow.neem_besluit(voorstel=verstuurd, door=jongere_user, keuze="ja"))
    stap("toestemming", lambda: flow.geef_toestemming(voorstel=verstuurd, door=ouder_user))
    stap("besluit2", lambda: flow.neem_besluit(voorstel=verstuurd, door=ouder_user, keuze="ja"))
    stap(
        "plaats",
        lambda: flow.plaats(voorstel=verstuurd, door=coordinator, aankomst=timezone.localdate()),
    )
    uitkomst = dict(stappen)
    gezin = sorted([jongere_user.email, ouder_user.email])
    assert uitkomst["interesse"] == sorted([coordinator.email, *gezin])
    assert uitkomst["plan"] == sorted([coordinator.email, beheerder.email, *gezin])
    assert uitkomst["gehouden"] == sorted([coordinator.email, beheerder.email, *gezin])
    assert uitkomst["besluit"] == [coordinator.email]
    assert uitkomst["toestemming"] == [coordinator.email]
    assert uitkomst["plaats"] == sorted([beheerder.email, *gezin])


def test_overdue_proposal_tells_the_coordinator_by_mail(
    verstuurd: Voorstel,
    coordinator: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    assert verstuurd.antwoord_uiterlijk is not None
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        flow.bewaak_termijnen(now=verstuurd.antwoord_uiterlijk + dt.timedelta(hours=1))
    assert _ontvangers() == [coordinator.email]
    _geen_details()


def test_withdrawal_tells_home_and_family(
    gehouden: Voorstel,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        flow.trek_in(voorstel=gehouden, door=gehouden.gemaakt_door, reden="Noor wil niet.")
    assert _ontvangers() == sorted([beheerder.email, jongere_user.email, ouder_user.email])
    _geen_details()


def test_mail_task_skips_deactivated_accounts(verstuurd: Voorstel, beheerder: User) -> None:
    from voorstellen.tasks import mail_voorstel_gewijzigd

    mail.outbox.clear()
    beheerder.is_active = False
    beheerder.save()
    assert mail_voorstel_gewijzigd.delay(verstuurd.pk, [beheerder.pk]).get() == 0
    assert mail.outbox == []


def test_demo_helper_leaves_notices_without_mail(
    concept: Voorstel,
    beheerder: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), flow.zonder_mail():  # type: ignore[operator]
        flow.stuur_voorstel(voorstel=concept, door=concept.gemaakt_door)
    assert mail.outbox == []
    assert Melding.objects.filter(ontvanger=beheerder).exists()


def test_kennismaking_gehouden_via_helper_mails_nothing_sensitive(
    verstuurd: Voorstel,
    beheerder: User,
    django_capture_on_commit_callbacks: pytest.FixtureRequest,
) -> None:
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        naar_gehouden(verstuurd, beheerder)
    assert mail.outbox
    _geen_details()
