"""The admin: every model is there, lists are scoped, counters change only via services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from tests.voorzieningen.factories import PlaatsingFactory, TeamlidFactory, VacatureFactory
from voorzieningen.models import Plaatsing, Vacature, Voorziening

MODELLEN = ["voorziening", "teamlid", "plaatsing", "vacature", "onderwijs", "behandelpartner"]


@pytest.fixture
def als_admin(client: Client, admin_user: User) -> Client:
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", MODELLEN)
def test_admin_lists_and_searches_every_model(
    als_admin: Client, woning: Voorziening, woning2: Voorziening, model: str
) -> None:
    PlaatsingFactory.create(voorziening=woning)
    TeamlidFactory.create(voorziening=woning)
    VacatureFactory.create(voorziening=woning)
    url = reverse(f"admin:voorzieningen_{model}_changelist")
    assert als_admin.get(url).status_code == 200
    assert als_admin.get(url, {"q": "Linde"}).status_code == 200


def test_admin_change_pages_open(als_admin: Client, woning: Voorziening) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    vacature = VacatureFactory.create(voorziening=woning)
    for model, obj in (("voorziening", woning), ("plaatsing", plaatsing), ("vacature", vacature)):
        url = reverse(f"admin:voorzieningen_{model}_change", args=[obj.pk])
        assert als_admin.get(url).status_code == 200


def test_stays_and_vacancies_are_not_added_or_deleted_in_the_admin(
    als_admin: Client, woning: Voorziening
) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=woning)
    assert als_admin.get(reverse("admin:voorzieningen_plaatsing_add")).status_code == 403
    assert als_admin.get(reverse("admin:voorzieningen_vacature_add")).status_code == 403
    url = reverse("admin:voorzieningen_plaatsing_delete", args=[plaatsing.pk])
    assert als_admin.get(url).status_code == 403


def test_admin_lists_are_scoped_to_the_managers_provider(
    client: Client, beheerder: User, woning: Voorziening, woning2: Voorziening
) -> None:
    # A manager who was (wrongly) given admin rights still sees only their own provider.
    beheerder.is_staff = beheerder.is_superuser = True
    beheerder.save()
    client.force_login(beheerder)
    html = client.get(reverse("admin:voorzieningen_voorziening_changelist")).content.decode()
    assert "De Linde" in html and "Huize Wadzicht" not in html
    url = reverse("admin:voorzieningen_voorziening_change", args=[woning2.pk])
    assert client.get(url).status_code == 302  # admin redirects a missing object


def test_admin_action_confirms_vacancies_through_the_service(
    als_admin: Client, woning: Voorziening
) -> None:
    oud = timezone.now() - dt.timedelta(days=20)
    vacature = VacatureFactory.create(voorziening=woning, laatst_bevestigd=oud)
    response = als_admin.post(
        reverse("admin:voorzieningen_vacature_changelist"),
        {"action": "bevestig", "_selected_action": [vacature.pk]},
    )
    assert response.status_code == 302
    vacature.refresh_from_db()
    assert vacature.laatst_bevestigd > oud
    assert vacature.status == Vacature.Status.OPEN


def test_admin_action_recounts_residents(als_admin: Client, woning: Voorziening) -> None:
    PlaatsingFactory.create_batch(3, voorziening=woning)
    als_admin.post(
        reverse("admin:voorzieningen_voorziening_changelist"),
        {"action": "tel_bewoners_opnieuw", "_selected_action": [woning.pk]},
    )
    woning.refresh_from_db()
    assert woning.bewoners_aantal == 3


def test_editing_a_home_in_the_admin_keeps_the_live_counter(
    als_admin: Client, woning: Voorziening
) -> None:
    url = reverse("admin:voorzieningen_voorziening_change", args=[woning.pk])
    pagina = als_admin.get(url)
    form = pagina.context["adminform"].form
    data = {
        name: (value if value is not None else "")
        for name, value in form.initial.items()
        if name not in {"aanbod", "bewoners_aantal"}
    }
    data.update(
        {
            "aanbieder": woning.aanbieder_id,
            "beschrijving": "Via de admin",
            "ouderdeelname": "[]",
            "onderwijs-TOTAL_FORMS": "0",
            "onderwijs-INITIAL_FORMS": "0",
            "behandelpartners-TOTAL_FORMS": "0",
            "behandelpartners-INITIAL_FORMS": "0",
            "toelatingsregels-TOTAL_FORMS": "0",
            "toelatingsregels-INITIAL_FORMS": "0",
            "fotos-TOTAL_FORMS": "0",
            "fotos-INITIAL_FORMS": "0",
            **{veld: "[]" for veld in ("toegankelijkheid", "talen", "voeding", "geloof_cultuur")},
        }
    )
    # Someone arrives while the admin form is open.
    Voorziening.objects.filter(pk=woning.pk).update(bewoners_aantal=2)
    response = als_admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    woning.refresh_from_db()
    assert woning.beschrijving == "Via de admin"
    assert woning.bewoners_aantal == 2
    assert Plaatsing.objects.count() == 0
