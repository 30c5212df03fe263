"""The placement table's pages: regional picture, CSV, joint allocation, outcomes.

Sanne (coordinator) works in Groningen, Jelle (coordinator2) in Friesland. De Linde
(Noorderhuis, Groningen) and Wadzicht (Waddenkring, Friesland) each have one open vacancy.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks as CaptureCallbacks
from pytest_django import Settings

from accounts.models import Organisatie, Regio, User
from jongeren.models import Jongere, VerklarendeAnalyse
from plaatsingstafel.models import Verdeling, VerdelingStatus
from plaatsingstafel.uitkomsten import kalibratie
from privacy.models import Inzage
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import PlaatsingFactory, VacatureFactory, VoorzieningFactory
from voorzieningen.models import Plaatsing, Voorziening

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def wachtend(coordinator: User) -> Jongere:
    """A youth of Groningen who has needed a place for 40 days."""
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


# --- The regional picture ------------------------------------------------------------------


def test_coordinator_sees_their_own_regions_places_and_waiting_youths(
    client: Client,
    coordinator: User,
    de_linde: Voorziening,
    wadzicht: Voorziening,
    wachtend: Jongere,
) -> None:
    page = login(client, coordinator).get(reverse("plaatsingstafel:regio"))
    assert page.status_code == 200
    beeld = page.context["beeld"]
    assert beeld.regio.naam == "Groningen"
    # De Linde's vacancy counts, Wadzicht's (Friesland) does not.
    assert (beeld.woningen, beeld.plekken_nu) == (1, 1)
    assert beeld.wachtend == 1 and beeld.wacht_mediaan == 40
    assert dict(beeld.per_wachttijd)["1 tot 3 maanden"] == 1
    html = page.content.decode()
    assert 'role="img"' in html and "<caption>" in html  # chart plus table
    assert "Sara" not in html  # counts only


def test_coordinator_cannot_switch_to_another_region(
    client: Client, coordinator: User, regio_friesland: Regio
) -> None:
    page = login(client, coordinator).get(
        reverse("plaatsingstafel:regio"), {"regio": regio_friesland.pk}
    )
    assert page.context["regio"].naam == "Groningen"
    assert page.context["form"] is None


def test_admin_chooses_any_region(
    client: Client, admin_user: User, wadzicht: Voorziening, regio_friesland: Regio
) -> None:
    page = login(client, admin_user).get(
        reverse("plaatsingstafel:regio"), {"regio": regio_friesland.pk}
    )
    assert page.context["regio"] == regio_friesland
    assert page.context["beeld"].plekken_nu == 1


def test_region_without_homes_or_youths_shows_an_empty_state(
    client: Client, coordinator: User
) -> None:
    page = login(client, coordinator).get(reverse("plaatsingstafel:regio"))
    assert page.context["beeld"].leeg
    assert "nog geen woningen en geen wachtende jongeren" in page.content.decode()


def test_coordinator_without_an_organisation_is_told_why(client: Client, db: None) -> None:
    from accounts.models import Rol
    from tests.factories import UserFactory

    los = UserFactory.create(rol=Rol.COORDINATOR, organisatie=None)
    page = login(client, los).get(reverse("plaatsingstafel:regio"))
    assert page.status_code == 200
    assert "hoort (nog) niet bij een regio" in page.content.decode()


def test_csv_export_has_the_figures_and_defuses_formulas(
    client: Client, coordinator: User, regio_groningen: Regio, de_linde: Voorziening
) -> None:
    # A name typed by a person must not run as a spreadsheet formula.
    Regio.objects.filter(pk=regio_groningen.pk).update(naam="=SOM(A1)")
    response = login(client, coordinator).get(reverse("plaatsingstafel:regio_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "plekken;nu vrij;1;" in text
    assert "trend: gestarte verblijven" in text
    assert "regio;naam;'=SOM(A1);" in text


# --- The joint allocation ------------------------------------------------------------------


def _bereken(
    client: Client,
    capture: CaptureCallbacks,
    gegevens: dict[str, object] | None = None,
) -> _MonkeyPatchedWSGIResponse:
    """Send the table's request and follow it to its computation's page (the computation
    runs in-process after the commit, as without a broker)."""
    with capture(execute=True):
        gestart = client.post(reverse("plaatsingstafel:toewijzing"), gegevens or {})
    if gestart.status_code != 302:
        return gestart
    return client.get(gestart["Location"])


def test_allocation_proposes_a_home_and_links_to_the_normal_proposal_flow(
    client: Client,
    coordinator: User,
    de_linde: Voorziening,
    wachtend: Jongere,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    page = _bereken(login(client, coordinator), django_capture_on_commit_callbacks)
    assert page.status_code == 200
    rijen = page.context["rijen"]
    assert [(r.jongere, r.woning) for r in rijen] == [(wachtend, de_linde)]
    html = page.content.decode()
    assert reverse("voorstellen:voorstel_nieuw", args=[wachtend.pk, de_linde.pk]) in html
    assert "Dit is een advies." in html
    # Nothing was sent.
    assert not wachtend.voorstellen.exists()
    # Each youth shown is logged as a search result.
    gelogd = Inzage.objects.filter(jongere_ref=wachtend.pk, gebruiker=coordinator)
    assert gelogd.filter(actie=Inzage.Actie.SEARCH, soort=Inzage.Soort.ZOEKRESULTAAT).count() == 1


def test_allocation_only_uses_youths_the_coordinator_may_see(
    client: Client,
    coordinator: User,
    coordinator2: User,
    de_linde: Voorziening,
    wachtend: Jongere,
    gemeente: Organisatie,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    # A colleague organisation in the same region: its youths are not Sanne's to see.
    buren = Organisatie.objects.create(
        naam="Gemeente Buren", soort=Organisatie.Soort.GEMEENTE, regio=gemeente.regio
    )
    from accounts.models import Rol
    from tests.factories import UserFactory

    collega = UserFactory.create(rol=Rol.COORDINATOR, organisatie=buren)
    JongereFactory.create(roepnaam="Vreemd", coordinator=collega)
    page = _bereken(login(client, coordinator), django_capture_on_commit_callbacks)
    assert [r.jongere.roepnaam for r in page.context["rijen"]] == ["Sara"]
    assert "Vreemd" not in page.content.decode()


def test_allocation_explains_a_fixed_choice_that_cannot_be(
    client: Client,
    coordinator: User,
    aanbieder: Organisatie,
    wachtend: Jongere,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    gesloten = VoorzieningFactory.create(aanbieder=aanbieder, naam="Het Kompas", gesloten=True)
    VacatureFactory.create(voorziening=gesloten)
    ref = f"jongere-{wachtend.pk}"
    page = _bereken(
        login(client, coordinator),
        django_capture_on_commit_callbacks,
        {f"vast_{ref}": f"{gesloten.pk:09d}"},
    )
    assert page.status_code == 200
    assert page.context["verdeling"].status == VerdelingStatus.ONMOGELIJK
    assert "Sara kan niet naar Het Kompas" in page.content.decode()
    assert "machtiging" in page.content.decode()


def test_allocation_without_free_places_says_there_is_nothing_to_divide(
    client: Client, coordinator: User, wachtend: Jongere
) -> None:
    page = login(client, coordinator).get(reverse("plaatsingstafel:toewijzing"))
    assert "geen vrije plekken" in page.content.decode()
    assert not page.context["data"].woningen
    assert not Verdeling.objects.exists()


def test_allocation_rejects_an_unknown_home_in_the_request(
    client: Client,
    coordinator: User,
    de_linde: Voorziening,
    wachtend: Jongere,
    django_capture_on_commit_callbacks: CaptureCallbacks,
) -> None:
    page = _bereken(
        login(client, coordinator),
        django_capture_on_commit_callbacks,
        {"uitgesloten": "999999999"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors
    assert not Verdeling.objects.exists()


# --- Outcomes ------------------------------------------------------------------------------


def test_calibration_counts_milestones_and_leaves_young_stays_out(
    de_linde: Voorziening,
) -> None:
    today = timezone.localdate()

    def verblijf(score: float, dagen: int, *, einde: bool, breuk: bool = False) -> Plaatsing:
        return PlaatsingFactory.create(
            voorziening=de_linde,
            aankomst=today - dt.timedelta(days=dagen + (10 if einde else 0)),
            einde=today - dt.timedelta(days=10) if einde else None,
            eindreden=("breuk_veiligheid" if breuk else "gepland") if einde else "",
            score_bij_plaatsing=score,
            aandachtspunten_bij_plaatsing=2 if breuk else 0,
        )

    verblijf(85, 400, einde=False)  # going strong past 12 months
    verblijf(82, 30, einde=True, breuk=True)  # broke down within 3 months
    verblijf(84, 50, einde=False)  # too young to tell anything
    PlaatsingFactory.create(voorziening=de_linde)  # no score: outside the portal

    k = kalibratie(today)
    hoog = k.score_banden[0]
    assert hoog.label == "80 of hoger" and hoog.verblijven == 3
    drie, zes, twaalf = hoog.mijlpalen
    assert (zes.nog_bezig, zes.bekend) == (1, 2)
    assert (drie.nog_bezig, drie.bekend) == (1, 2)
    assert (twaalf.nog_bezig, twaalf.bekend) == (1, 2)
    assert hoog.breuken == 1 and hoog.breukredenen[0][1] == 1
    assert k.aandacht_banden[2].verblijven == 1  # two attention points
    assert k.zonder_score == 1 and k.weinig


def test_outcomes_page_says_how_much_data_it_rests_on(
    client: Client, coordinator: User, de_linde: Voorziening
) -> None:
    PlaatsingFactory.create(
        voorziening=de_linde,
        score_bij_plaatsing=72.5,
        aandachtspunten_bij_plaatsing=1,
        synthetisch=True,
    )
    html = login(client, coordinator).get(reverse("plaatsingstafel:uitkomsten")).content.decode()
    assert "rusten op 1 verblijf" in html
    assert "nog weinig gegevens" in html
    assert "verzonnen voor de demo" in html


def test_outcomes_page_without_data_has_an_empty_state(client: Client, coordinator: User) -> None:
    html = login(client, coordinator).get(reverse("plaatsingstafel:uitkomsten")).content.decode()
    assert "nog geen verblijven die via een voorstel" in html


def test_menu_shows_the_region_link_to_coordinators_only(
    client: Client, coordinator: User, beheerder: User
) -> None:
    regio_url = reverse("plaatsingstafel:regio")
    assert (
        f'href="{regio_url}"'
        in login(client, coordinator).get(reverse("meldingen")).content.decode()
    )
    other = Client()
    assert (
        f'href="{regio_url}"'
        not in login(other, beheerder).get(reverse("meldingen")).content.decode()
    )


def test_demo_has_synthetic_history_for_the_outcomes_page(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    synthetisch = Plaatsing.objects.filter(synthetisch=True)
    assert synthetisch.count() == 90
    assert not synthetisch.filter(einde__isnull=True).exists()  # no current group changes
    assert all(p.aanduiding.startswith("DEMO-") for p in synthetisch)
    call_command("seed_demo", verbosity=0)
    assert Plaatsing.objects.filter(synthetisch=True).count() == 90
    k = kalibratie()
    assert k.verblijven >= 90 and not k.weinig
