"""Privacy: who sees which youth, and attention signals only for the coordinator and admins."""

from __future__ import annotations

import pytest
import rules
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.factories import geef_reden
from tests.jongeren.factories import AnalyseFactory

Status = VerklarendeAnalyse.Status
SIGNAAL = "Zelfbeschadiging"  # the label of the signal noor_ter_instemming carries

COORDINATOR_PAGINAS = [
    ("jongeren:detail", []),
    ("jongeren:bewerken", []),
    ("jongeren:analyse_bewerken", []),
    ("jongeren:analyse_versies", []),
    ("jongeren:analyse_versie", [1]),
    ("jongeren:uitnodigen", []),
]
GEZIN_PAGINAS = [
    "jongeren:mijn_jongere",
    "jongeren:mijn_aanpassen",
    "jongeren:mijn_reactie",
    "jongeren:mijn_veranderingen",
]


def test_for_user_scopes_youths_per_role(
    noor: Jongere,
    daan: Jongere,
    jelle_jongere: Jongere,
    coordinator: User,
    coordinator2: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    admin_user: User,
) -> None:
    def zien(user: User) -> set[str]:
        return set(Jongere.objects.for_user(user).values_list("roepnaam", flat=True))

    assert zien(coordinator) == {"Noor", "Daan"}
    assert zien(coordinator2) == {"Sietske"}
    assert zien(beheerder) == set()
    assert zien(jongere_user) == {"Noor"}
    assert zien(ouder_user) == {"Noor"}
    assert zien(admin_user) == {"Noor", "Daan", "Sietske"}


def test_a_deactivated_coordinator_sees_nobody(noor: Jongere, coordinator: User) -> None:
    coordinator.is_active = False
    coordinator.save()
    assert not Jongere.objects.for_user(coordinator).exists()


@pytest.mark.parametrize(("pagina", "extra"), COORDINATOR_PAGINAS)
def test_a_coordinator_of_another_region_gets_404_on_every_page(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    coordinator2: User,
    pagina: str,
    extra: list[int],
) -> None:
    client.force_login(coordinator2)
    url = reverse(pagina, args=[noor_ter_instemming.jongere.pk, *extra])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_a_coordinator_of_another_region_cannot_put_forward_or_endorse(
    client: Client, noor_concept: VerklarendeAnalyse, coordinator2: User
) -> None:
    client.force_login(coordinator2)
    pk = noor_concept.jongere.pk
    assert client.post(reverse("jongeren:analyse_voorleggen", args=[pk, 1])).status_code == 404
    assert client.post(reverse("jongeren:analyse_akkoord", args=[pk, 1])).status_code == 404
    noor_concept.refresh_from_db()
    assert noor_concept.status == Status.CONCEPT


def test_the_other_regions_list_does_not_show_these_youths(
    client: Client, noor: Jongere, jelle_jongere: Jongere, coordinator2: User
) -> None:
    client.force_login(coordinator2)
    html = client.get(reverse("jongeren:lijst")).content.decode()
    assert "Sietske" in html
    assert "Noor" not in html


@pytest.mark.parametrize(("pagina", "extra"), COORDINATOR_PAGINAS)
def test_managers_and_families_cannot_open_coordinator_pages(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    pagina: str,
    extra: list[int],
) -> None:
    url = reverse(pagina, args=[noor_ter_instemming.jongere.pk, *extra])
    for persoon in (beheerder, jongere_user, ouder_user):
        client.force_login(persoon)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("pagina", GEZIN_PAGINAS)
def test_a_parent_gets_404_on_another_childs_pages(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    daan: Jongere,
    ouder_user: User,
    pagina: str,
) -> None:
    AnalyseFactory.create(jongere=daan, status=Status.TER_INSTEMMING)
    client.force_login(ouder_user)
    assert client.get(reverse(pagina, args=[daan.pk])).status_code == 404
    assert (
        client.post(reverse(pagina, args=[daan.pk]), {"versie": 1, "keuze": "akkoord"}).status_code
        == 404
    )
    assert not daan.analyses.get().instemmingen.exists()


@pytest.mark.parametrize("pagina", GEZIN_PAGINAS)
def test_a_youth_gets_404_on_another_youths_pages(
    client: Client, noor: Jongere, daan: Jongere, jongere_user: User, pagina: str
) -> None:
    AnalyseFactory.create(jongere=daan, status=Status.TER_INSTEMMING)
    client.force_login(jongere_user)
    assert client.get(reverse(pagina, args=[daan.pk])).status_code == 404


def test_coordinators_and_managers_cannot_open_family_pages(
    client: Client, noor: Jongere, coordinator: User, beheerder: User
) -> None:
    for persoon in (coordinator, beheerder):
        client.force_login(persoon)
        assert client.get(reverse("jongeren:mijn")).status_code == 403
        assert client.get(reverse("jongeren:mijn_jongere", args=[noor.pk])).status_code == 403


def test_families_never_see_attention_signals(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
) -> None:
    noor = noor_ter_instemming.jongere
    noor_ter_instemming.status = Status.VERVANGEN
    noor_ter_instemming.save()
    AnalyseFactory.create(
        jongere=noor, status=Status.TER_INSTEMMING, signalen=["zelfbeschadiging", "agressie"]
    )
    for persoon in (jongere_user, ouder_user):
        client.force_login(persoon)
        for url in (
            reverse("jongeren:mijn"),
            reverse("jongeren:mijn_jongere", args=[noor.pk]),
            reverse("jongeren:mijn_veranderingen", args=[noor.pk]) + "?van=1&naar=2",
            reverse("jongeren:mijn_aanpassen", args=[noor.pk]),
        ):
            response = client.get(url)
            html = response.content.decode()
            assert response.status_code == 200, url
            if "veranderingen" in url:
                # The versions differ only in their signals: for the family, nothing changed.
                assert "Er is niets veranderd tussen deze versies" in html
            else:
                assert "Tekent graag en goed." in html or "Jouw woorden" in html, url
            # Neither the labels nor the raw codes of the signals, in any letter case.
            for woord in ("zelfbeschadiging", "agressie", "signa"):
                assert woord not in html.lower(), (url, woord)


def test_the_youths_coordinator_and_colleagues_see_the_signals(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, coordinator: User, collega: User
) -> None:
    pk = noor_ter_instemming.jongere.pk
    for persoon in (coordinator, collega):
        client.force_login(persoon)
        versie = client.get(reverse("jongeren:analyse_versie", args=[pk, 1])).content.decode()
        assert "Aandachtssignalen (vertrouwelijk)" in versie and SIGNAAL in versie
        formulier = client.get(reverse("jongeren:analyse_bewerken", args=[pk])).content.decode()
        assert 'value="zelfbeschadiging"' in formulier and "checked" in formulier


def test_the_list_page_shows_no_signals(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, coordinator: User
) -> None:
    client.force_login(coordinator)
    assert SIGNAAL not in client.get(reverse("jongeren:lijst")).content.decode()


def test_signal_rule_names_only_the_own_organisation_and_admins(
    noor: Jongere,
    coordinator: User,
    collega: User,
    coordinator2: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    admin_user: User,
) -> None:
    mag = {
        persoon.first_name: rules.has_perm("jongeren.zie_signalen", persoon, noor)
        for persoon in (
            coordinator,
            collega,
            coordinator2,
            beheerder,
            jongere_user,
            ouder_user,
            admin_user,
        )
    }
    assert mag == {
        "Sanne": True,
        "Tim": True,
        "Jelle": False,
        "Marieke": False,
        "Noor": False,
        "Esther": False,
        "Anton": True,
    }


def test_admins_see_signals_in_the_admin(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, admin_user: User
) -> None:
    client.force_login(admin_user)
    lijst = client.get(reverse("admin:jongeren_verklarendeanalyse_changelist"))
    assert lijst.status_code == 200
    assert SIGNAAL in lijst.content.decode()
    geef_reden(client, noor_ter_instemming.jongere_id)
    wijzig = client.get(
        reverse("admin:jongeren_verklarendeanalyse_change", args=[noor_ter_instemming.pk])
    )
    assert wijzig.status_code == 200
    assert 'value="zelfbeschadiging"' in wijzig.content.decode()


@pytest.mark.parametrize(
    "model", ["jongere", "verklarendeanalyse", "analysebehoefte", "instemming", "uitnodiging"]
)
def test_every_model_has_a_working_admin_list_with_search(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, admin_user: User, model: str
) -> None:
    client.force_login(admin_user)
    response = client.get(reverse(f"admin:jongeren_{model}_changelist"), {"q": "Noor"})
    assert response.status_code == 200
