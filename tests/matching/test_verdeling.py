"""The joint allocation as a background job: the page answers at once, a worker on the solver
queue computes, the page follows it, it can be stopped, and the same inputs reuse a result.

Sanne (coordinator) works in Groningen with Sara waiting; De Linde (Groningen) has a vacancy.
Without a broker the computation runs in-process after the commit; the tests say when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisatie, Rol, User
from config.celery_app import app
from jongeren.models import Jongere, VerklarendeAnalyse
from plaatsingstafel import verdeling as service
from plaatsingstafel.allocatie import Advies, Verzoek, stel_voor
from plaatsingstafel.models import Verdeling, VerdelingStatus
from privacy.bewaren import Samenvatting, anonimiseer
from privacy.models import Inzage
from tests.factories import UserFactory
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import VacatureFactory
from voorzieningen.models import Voorziening

CaptureCallbacks = Callable[..., Any]


@pytest.fixture
def sara(coordinator: User) -> Jongere:
    jongere = JongereFactory.create(
        roepnaam="Sara",
        coordinator=coordinator,
        nodig_vanaf=timezone.localdate() - dt.timedelta(days=40),
    )
    AnalyseFactory.create(
        jongere=jongere,
        status=VerklarendeAnalyse.Status.GEDRAGEN,
        zorgprofiel="trauma",
        behoeften=[("rust_structuur", 3)],
    )
    return jongere


@pytest.fixture
def sanne(client: Client, coordinator: User, de_linde: Voorziening, sara: Jongere) -> Client:
    client.force_login(coordinator)
    return client


def _vraag(client: Client, gegevens: dict[str, str] | None = None) -> Verdeling:
    """Send the table's request; the computation is not run (no worker took it yet)."""
    antwoord = client.post(reverse("plaatsingstafel:toewijzing"), gegevens or {})
    assert antwoord.status_code == 302
    verdeling = Verdeling.objects.get(pk=int(antwoord["Location"].rstrip("/").split("/")[-1]))
    assert antwoord["Location"] == verdeling.get_absolute_url()
    return verdeling


def _stand(client: Client, verdeling: Verdeling) -> str:
    antwoord = client.get(verdeling.get_absolute_url(), headers={"HX-Request": "true"})
    assert antwoord.status_code == 200
    return antwoord.content.decode()


def test_the_page_answers_at_once_and_a_worker_on_the_solver_queue_computes(
    sanne: Client, sara: Jongere
) -> None:
    verdeling = _vraag(sanne)
    # Nothing computed in the request: the computation waits for a worker.
    assert verdeling.status == VerdelingStatus.WACHTEND
    assert verdeling.advies is None
    pagina = sanne.get(verdeling.get_absolute_url()).content.decode()
    assert "De berekening wacht op een rekenproces" in pagina
    # htmx asks again every second; without JavaScript there is a link to look again.
    assert 'hx-trigger="every 1s"' in pagina
    assert f'href="{verdeling.get_absolute_url()}"' in pagina
    assert "Berekening stoppen" in pagina
    # The task goes to a queue of its own, not the one of recomputes and e-mails.
    route = app.amqp.router.route({}, "plaatsingstafel.tasks.bereken_verdeling")
    assert route["queue"].name == settings.SOLVER_QUEUE != settings.CELERY_TASK_DEFAULT_QUEUE
    assert (
        app.amqp.router.route({}, "matching.tasks.herbereken_groepsbeeld")["queue"].name
        == settings.CELERY_TASK_DEFAULT_QUEUE
    )

    # The worker computes it; the page's next poll shows the advice and stops polling.
    assert service.bereken(verdeling_id=verdeling.pk) == VerdelingStatus.KLAAR
    stand = _stand(sanne, verdeling)
    assert "<html" not in stand  # only the part that is replaced
    assert "every 1s" not in stand
    assert "Voorstel voor de tafel" in stand and "Sara" in stand
    assert 'hx-swap-oob="true"' in stand  # the finished state is announced once
    verdeling.refresh_from_db()
    assert verdeling.gestart_op is not None and verdeling.klaar_op is not None


def test_while_it_runs_the_page_says_how_long_and_what_the_limit_is(
    sanne: Client, sara: Jongere
) -> None:
    verdeling = _vraag(sanne)
    Verdeling.objects.filter(pk=verdeling.pk).update(
        status=VerdelingStatus.BEZIG, gestart_op=timezone.now() - dt.timedelta(seconds=3)
    )
    stand = _stand(sanne, verdeling)
    assert "Bezig sinds 3 seconden" in stand
    assert "hooguit ongeveer 9 seconden" in stand
    assert 'hx-trigger="every 1s"' in stand
    # Nothing about a youth is shown (or logged) while it runs.
    assert "Sara" not in stand
    assert not Inzage.objects.filter(actie=Inzage.Actie.SEARCH).exists()


def test_the_same_inputs_reuse_the_computation_and_other_choices_start_another(
    sanne: Client, sara: Jongere, django_capture_on_commit_callbacks: CaptureCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        eerste = _vraag(sanne)
    eerste.refresh_from_db()
    assert eerste.status == VerdelingStatus.KLAAR

    tweede = sanne.post(reverse("plaatsingstafel:toewijzing"), follow=True)
    assert tweede.redirect_chain[-1][0] == eerste.get_absolute_url()
    assert "al gerekend" in tweede.content.decode()
    assert Verdeling.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        anders = _vraag(sanne, {"iedereen": "on"})
    assert anders.pk != eerste.pk
    assert anders.invoer["iedereen"] is True and eerste.invoer["iedereen"] is False


def test_a_stopped_computation_gives_no_result_and_is_not_reused(
    sanne: Client, sara: Jongere
) -> None:
    verdeling = _vraag(sanne)
    gestopt = sanne.post(
        reverse("plaatsingstafel:verdeling_stoppen", args=[verdeling.pk]), follow=True
    )
    assert "De berekening is gestopt." in gestopt.content.decode()
    # The worker that picks it up afterwards leaves it alone.
    assert service.bereken(verdeling_id=verdeling.pk) == "niets te doen"
    verdeling.refresh_from_db()
    assert (verdeling.status, verdeling.advies) == (VerdelingStatus.GESTOPT, None)
    assert _vraag(sanne).pk != verdeling.pk


def test_stopping_while_it_computes_throws_the_result_away(
    sanne: Client, sara: Jongere, monkeypatch: pytest.MonkeyPatch
) -> None:
    verdeling = _vraag(sanne)

    def onderbroken(verzoek: Verzoek) -> Advies:
        uitkomst = stel_voor(verzoek)
        sanne.post(reverse("plaatsingstafel:verdeling_stoppen", args=[verdeling.pk]))  # meanwhile
        return uitkomst

    monkeypatch.setattr(service, "stel_voor", onderbroken)
    assert service.bereken(verdeling_id=verdeling.pk) == "gestopt"
    verdeling.refresh_from_db()
    assert (verdeling.status, verdeling.advies) == (VerdelingStatus.GESTOPT, None)


def test_a_computation_that_hangs_is_said_to_be_stuck_and_not_reused(
    sanne: Client, sara: Jongere
) -> None:
    verdeling = _vraag(sanne)
    Verdeling.objects.filter(pk=verdeling.pk).update(
        aangemaakt_op=timezone.now() - dt.timedelta(minutes=settings.VERDELING_MAX_MINUTEN + 1)
    )
    stand = _stand(sanne, verdeling)
    assert "lijkt vastgelopen" in stand
    assert "every 1s" not in stand
    assert _vraag(sanne).pk != verdeling.pk


def test_an_unreachable_broker_is_said_at_once(
    sanne: Client,
    sara: Jongere,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    from kombu.exceptions import OperationalError

    from plaatsingstafel import tasks

    def weg(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr(tasks.bereken_verdeling, "apply_async", weg)
    with django_capture_on_commit_callbacks(execute=True):
        verdeling = _vraag(sanne)
    verdeling.refresh_from_db()
    assert verdeling.status == VerdelingStatus.MISLUKT
    assert "niet bereikbaar" in sanne.get(verdeling.get_absolute_url()).content.decode()


def test_only_people_who_may_see_all_its_youths_see_a_computation(
    sanne: Client,
    sara: Jongere,
    coordinator2: User,
    gemeente: Organisatie,
    admin_user: User,
) -> None:
    verdeling = _vraag(sanne)
    service.bereken(verdeling_id=verdeling.pk)
    andere_regio = Client()
    andere_regio.force_login(coordinator2)
    assert andere_regio.get(verdeling.get_absolute_url()).status_code == 404
    stoppen = reverse("plaatsingstafel:verdeling_stoppen", args=[verdeling.pk])
    assert andere_regio.post(stoppen).status_code == 404
    # Same region, another organisation: Sara is not theirs to see.
    buren = Organisatie.objects.create(
        naam="Gemeente Buren", soort=Organisatie.Soort.GEMEENTE, regio=gemeente.regio
    )
    buur = Client()
    buur.force_login(UserFactory.create(rol=Rol.COORDINATOR, organisatie=buren))
    assert buur.get(verdeling.get_absolute_url()).status_code == 404
    beheer = Client()
    beheer.force_login(admin_user)
    assert beheer.get(verdeling.get_absolute_url()).status_code == 200


def test_each_look_at_the_advice_is_logged_per_youth(
    sanne: Client, sara: Jongere, coordinator: User
) -> None:
    verdeling = _vraag(sanne)
    service.bereken(verdeling_id=verdeling.pk)
    sanne.get(verdeling.get_absolute_url())
    _stand(sanne, verdeling)
    gezien = Inzage.objects.filter(
        jongere_ref=sara.pk,
        gebruiker=coordinator,
        actie=Inzage.Actie.SEARCH,
        soort=Inzage.Soort.ZOEKRESULTAAT,
    )
    assert gezien.count() == 2


def test_the_form_starts_from_the_choices_of_an_earlier_computation(
    sanne: Client, sara: Jongere, de_linde: Voorziening
) -> None:
    ref = f"jongere-{sara.pk}"
    verdeling = _vraag(sanne, {f"vast_{ref}": f"{de_linde.pk:09d}", "iedereen": "on"})
    form = sanne.get(reverse("plaatsingstafel:toewijzing"), {"verdeling": verdeling.pk}).context[
        "form"
    ]
    assert form.initial == {
        f"vast_{ref}": f"{de_linde.pk:09d}",
        "uitgesloten": [],
        "iedereen": True,
    }


def test_the_stored_request_and_result_read_back_as_the_allocation_made_them(
    sanne: Client, sara: Jongere, de_linde: Voorziening, aanbieder: Organisatie
) -> None:
    tweede = Voorziening.objects.create(
        **{
            f.attname: getattr(de_linde, f.attname)
            for f in Voorziening._meta.concrete_fields
            if not f.primary_key
        }
        | {"naam": "De Eik"}
    )
    VacatureFactory.create(voorziening=tweede)
    verdeling = _vraag(sanne)
    verzoek = service.uit_json(Verzoek, verdeling.invoer)
    assert service.naar_json(verzoek) == verdeling.invoer
    assert service.sleutel(service.naar_json(verzoek)) == verdeling.sleutel
    service.bereken(verdeling_id=verdeling.pk)
    verdeling.refresh_from_db()
    assert service.advies_van(verdeling) == _zonder_tijden(stel_voor(verzoek), verdeling)


def _zonder_tijden(uitkomst: Advies, verdeling: Verdeling) -> Advies:
    """The measured seconds differ per run; the rest is the same answer."""
    from dataclasses import replace

    opgeslagen = service.advies_van(verdeling)
    assert opgeslagen is not None
    return replace(
        uitkomst,
        seconden=opgeslagen.seconden,
        seconden_solver=opgeslagen.seconden_solver,
        seconden_eerste_ronde=opgeslagen.seconden_eerste_ronde,
    )


def test_old_computations_and_those_of_an_anonymised_youth_are_removed(
    sanne: Client, sara: Jongere
) -> None:
    oud = _vraag(sanne)
    Verdeling.objects.filter(pk=oud.pk).update(
        aangemaakt_op=timezone.now() - dt.timedelta(days=settings.VERDELING_BEWAAR_DAGEN + 1)
    )
    nieuw = _vraag(sanne, {"iedereen": "on"})
    assert service.ruim_op() == 1 + 1  # the computation and its link to Sara
    assert list(Verdeling.objects.all()) == [nieuw]
    anonimiseer(sara, Samenvatting())
    assert not Verdeling.objects.exists()
