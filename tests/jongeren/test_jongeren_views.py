"""The coordinator's and the family's pages through the test client: status, DB state, access."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Fase, Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory, JongereFactory, jaren_geleden
from tests.jongeren.formulieren import analyse_post_data, behoefte_index

Status = VerklarendeAnalyse.Status


def profiel(**anders: Any) -> dict[str, Any]:
    """POST data for a valid new profile (the coordinator is set per test)."""
    data = {
        "roepnaam": "Lotte",
        "geboortedatum": jaren_geleden(12).isoformat(),
        "geslacht": "v",
        "woonplaats": "Assen",
        "school_naam": "De Wilgen",
        "school_niveau": "basis",
        "school_plaats": "Groningen",
        "juridisch_kader": "vrijwillig",
        "machtiging_einde": "",
        "nodig_vanaf": (timezone.localdate() + timedelta(days=20)).isoformat(),
        "fase": "analyse",
    }
    return data | anders


# --- Mijn jongeren ------------------------------------------------------------------------


def test_the_coordinator_reaches_mijn_jongeren_from_the_start_page(
    client: Client, noor: Jongere, daan: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    start = client.get(reverse("start")).content.decode()
    assert f'href="{reverse("jongeren:lijst")}"' in start
    html = client.get(reverse("jongeren:lijst")).content.decode()
    assert html.count("<h1") == 1
    assert "Noor" in html and "Daan" in html
    assert "2 jongeren" in html


def test_search_by_name_and_filter_by_stage(
    client: Client, noor: Jongere, daan: Jongere, coordinator: User
) -> None:
    daan.fase = Fase.GEPLAATST
    daan.save()
    client.force_login(coordinator)
    gezocht = client.get(reverse("jongeren:lijst"), {"q": "noo"}).content.decode()
    assert "Noor" in gezocht and "Daan" not in gezocht
    gefilterd = client.get(reverse("jongeren:lijst"), {"fase": "geplaatst"}).content.decode()
    assert "Daan" in gefilterd and "Noor" not in gefilterd


def test_only_own_youths_filter(
    client: Client, noor: Jongere, coordinator: User, collega: User
) -> None:
    JongereFactory.create(roepnaam="Fenna", coordinator=collega)
    client.force_login(coordinator)
    alles = client.get(reverse("jongeren:lijst")).content.decode()
    eigen = client.get(reverse("jongeren:lijst"), {"eigen": "on"}).content.decode()
    assert "Fenna" in alles
    assert "Noor" in eigen and "Fenna" not in eigen


def test_an_unknown_stage_is_reported_and_not_applied(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("jongeren:lijst"), {"fase": "onzin", "q": "Noor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies een fase uit de lijst." in html
    assert "Noor" in html


def test_htmx_gets_only_the_results_fragment(
    client: Client, noor: Jongere, daan: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    response = client.get(reverse("jongeren:lijst"), {"q": "Daan"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="resultaten">')
    assert "<html" not in html and "<h1" not in html
    assert "Daan" in html and "Noor" not in html


def test_the_list_is_paginated_and_keeps_the_filter(client: Client, coordinator: User) -> None:
    for i in range(25):
        JongereFactory.create(roepnaam=f"Kim{i:02d}", coordinator=coordinator)
    client.force_login(coordinator)
    eerste = client.get(reverse("jongeren:lijst"), {"q": "Kim"}).content.decode()
    assert "25 jongeren" in eerste and "Pagina 1 van 2" in eerste
    assert "?q=Kim&amp;pagina=2" in eerste
    tweede = client.get(reverse("jongeren:lijst"), {"q": "Kim", "pagina": "2"}).content.decode()
    assert tweede.count('role="rowheader"') == 5
    onzin = client.get(reverse("jongeren:lijst"), {"pagina": "abc"})
    assert onzin.status_code == 200


def test_empty_states(client: Client, coordinator: User, noor: Jongere) -> None:
    client.force_login(coordinator)
    niets = client.get(reverse("jongeren:lijst"), {"q": "Zzz"}).content.decode()
    assert "Geen jongeren gevonden met deze zoekopdracht." in niets
    noor.delete()
    leeg = client.get(reverse("jongeren:lijst")).content.decode()
    assert "Voeg de eerste jongere toe" in leeg


# --- Profile ------------------------------------------------------------------------------


def test_coordinator_adds_a_youth_with_looked_up_places(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("jongeren:nieuw"), profiel(coordinator=coordinator.pk))
    assert response.status_code == 302
    lotte = Jongere.objects.get(roepnaam="Lotte")
    assert response["Location"] == reverse("jongeren:detail", args=[lotte.pk])
    assert lotte.organisatie == coordinator.organisatie and lotte.coordinator == coordinator
    assert (lotte.lat, lotte.lon) == pytest.approx((52.9929, 6.5642))
    assert (lotte.school_lat, lotte.school_lon) == pytest.approx((53.219, 6.568))


def test_an_unknown_place_is_refused_in_dutch_and_saves_nothing(
    client: Client, coordinator: User
) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("jongeren:nieuw"), profiel(coordinator=coordinator.pk, woonplaats="Atlantis")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "We kennen de plaats of postcode &#x27;Atlantis&#x27; niet." in html
    assert "vul een postcode of een grotere plaats in de buurt in" in html
    # Nobody is asked for coordinates.
    assert "coördinaten" not in html.lower()
    assert 'name="lat"' not in html and 'name="school_lat"' not in html
    assert not Jongere.objects.exists()


def test_a_postcode_is_looked_up_as_a_place(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("jongeren:nieuw"), profiel(coordinator=coordinator.pk, woonplaats="9401 AB")
    )
    assert response.status_code == 302
    lotte = Jongere.objects.get()
    assert lotte.woonplaats == "9401 AB"
    assert (lotte.lat, lotte.lon) == pytest.approx((52.9929, 6.5642))


def test_an_unchanged_place_keeps_its_coordinates(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    """A place the lookup does not know (entered before) keeps the point it had."""
    Jongere.objects.filter(pk=noor.pk).update(woonplaats="Atlantis", lat=53.1, lon=6.9)
    client.force_login(coordinator)
    form = client.get(reverse("jongeren:bewerken", args=[noor.pk])).context["form"]
    data = {naam: form[naam].value() for naam in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()} | {"roepnaam": "Noortje"}
    assert client.post(reverse("jongeren:bewerken", args=[noor.pk]), data).status_code == 302
    noor.refresh_from_db()
    assert (noor.roepnaam, noor.lat, noor.lon) == ("Noortje", 53.1, 6.9)


def test_the_profile_names_the_place_without_coordinates(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    Jongere.objects.filter(pk=noor.pk).update(woonplaats="Haren", lat=53.173, lon=6.605)
    client.force_login(coordinator)
    html = client.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    assert "<dd>Haren</dd>" in html
    assert "53,1730" not in html and "6,6050" not in html and "53.173" not in html


def test_changing_the_place_looks_it_up_again(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    form = client.get(reverse("jongeren:bewerken", args=[noor.pk])).context["form"]
    data = {naam: form[naam].value() for naam in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()} | {"woonplaats": "Emmen"}
    response = client.post(reverse("jongeren:bewerken", args=[noor.pk]), data)
    assert response.status_code == 302
    noor.refresh_from_db()
    assert (noor.lat, noor.lon) == pytest.approx((52.7858, 6.8975))


def test_a_coordinator_can_only_pick_coordinators_of_their_own_organisation(
    client: Client, coordinator: User, coordinator2: User
) -> None:
    client.force_login(coordinator)
    response = client.post(reverse("jongeren:nieuw"), profiel(coordinator=coordinator2.pk))
    assert response.status_code == 200
    assert not Jongere.objects.exists()


# --- Analysis form ------------------------------------------------------------------------


def test_an_incomplete_draft_can_be_saved(client: Client, noor: Jongere, coordinator: User) -> None:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    data = analyse_post_data(pagina.context, krachten="Tekent graag.", actie="opslaan")
    response = client.post(url, data)
    assert response.status_code == 302
    analyse = noor.analyses.get()
    assert (analyse.versie, analyse.status, analyse.krachten) == (
        1,
        Status.CONCEPT,
        "Tekent graag.",
    )
    assert analyse.ontbrekende_delen() == [
        "wat_werkt",
        "behoeften",
        "zorgprofiel",
        "zorgintensiteit",
    ]


def test_putting_forward_an_incomplete_analysis_explains_and_saves_nothing(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    data = analyse_post_data(client.get(url).context, krachten="Tekent.", actie="voorleggen")
    response = client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beschrijf wat werkt" in html
    assert "Kies minstens één behoefte met een belang." in html
    assert "Kies een zorgprofiel." in html and "Kies een zorgintensiteit." in html
    assert not VerklarendeAnalyse.objects.exists()


def test_a_complete_analysis_goes_to_the_family(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    pagina = client.get(url)
    rij = behoefte_index(pagina.context, "terugtrekplek")
    data = analyse_post_data(
        pagina.context,
        krachten="Tekent graag.",
        wat_werkt="Rust.",
        zorgprofiel="trauma",
        zorgintensiteit="hoog",
        signalen=["weglopen"],
        prioriteit_nabijheid="3",
        actie="voorleggen",
        **{f"behoefte-{rij}-belang": "3", f"behoefte-{rij}-toelichting": "Eigen kamer."},
    )
    response = client.post(url, data)
    assert response.status_code == 302
    analyse = noor.analyses.get()
    assert analyse.status == Status.TER_INSTEMMING and analyse.voorgelegd_op
    assert analyse.signalen == ["weglopen"] and analyse.prioriteit_nabijheid == 3
    behoefte = analyse.behoeften.get()
    assert (behoefte.kenmerk.code, behoefte.belang, behoefte.toelichting) == (
        "terugtrekplek",
        3,
        "Eigen kamer.",
    )


# --- The family's pages -------------------------------------------------------------------


def test_family_reaches_their_analysis_from_the_start_page(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, jongere_user: User, ouder_user: User
) -> None:
    for persoon, kop in ((jongere_user, "Wat jij belangrijk vindt"), (ouder_user, "Wat Noor")):
        client.force_login(persoon)
        start = client.get(reverse("start")).content.decode()
        assert f'href="{reverse("jongeren:mijn")}"' in start
        html = client.get(reverse("jongeren:mijn")).content.decode()
        assert html.count("<h1") == 1
        assert kop in html
        assert "Tekent graag en goed." in html
        assert "Rust en structuur" in html and "heel belangrijk" in html


def test_a_parent_with_two_children_chooses(
    client: Client, noor: Jongere, ouder_user: User, coordinator: User
) -> None:
    JongereFactory.create(roepnaam="Thijs", coordinator=coordinator, ouders=[ouder_user])
    client.force_login(ouder_user)
    html = client.get(reverse("jongeren:mijn")).content.decode()
    assert "Over wie wil je lezen?" in html
    assert "Noor" in html and "Thijs" in html


def test_a_family_member_without_a_child_gets_a_friendly_page(
    client: Client, andere_jongere_user: User
) -> None:
    client.force_login(andere_jongere_user)
    response = client.get(reverse("jongeren:mijn"))
    assert response.status_code == 200
    assert "Er staat nog niets voor je klaar." in response.content.decode()


def test_before_any_analysis_the_family_reads_that_nothing_is_written_yet(
    client: Client, noor: Jongere, jongere_user: User
) -> None:
    client.force_login(jongere_user)
    assert "Er is nog niets opgeschreven." in client.get(reverse("jongeren:mijn")).content.decode()
    response = client.get(reverse("jongeren:mijn_aanpassen", args=[noor.pk]))
    assert response.status_code == 302


def _gezin_post(**anders: str) -> dict[str, str]:
    data = {
        "woorden": "Dat ik mijn hond kan zien.",
        "prioriteit_nabijheid": "3",
        "prioriteit_onderwijs": "3",
        "prioriteit_groep": "1",
        "prioriteit_team": "2",
        "prioriteit_behoeften": "2",
    }
    return data | anders


def test_youth_adds_their_words_to_a_draft_in_place(
    client: Client, noor_concept: VerklarendeAnalyse, jongere_user: User
) -> None:
    client.force_login(jongere_user)
    url = reverse("jongeren:mijn_aanpassen", args=[noor_concept.jongere.pk])
    assert client.post(url, _gezin_post()).status_code == 302
    noor_concept.refresh_from_db()
    assert noor_concept.belangrijk_jongere == "Dat ik mijn hond kan zien."
    assert noor_concept.belangrijk_ouders == ""
    assert (noor_concept.prioriteit_nabijheid, noor_concept.prioriteit_groep) == (3, 1)
    assert VerklarendeAnalyse.objects.count() == 1


def test_parent_words_on_a_version_under_review_make_a_new_version_for_everyone(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    ouder_user: User,
    jongere_user: User,
) -> None:
    from jongeren import services

    services.geef_instemming(analyse=noor_ter_instemming, persoon=jongere_user, akkoord=True)
    client.force_login(ouder_user)
    url = reverse("jongeren:mijn_aanpassen", args=[noor_ter_instemming.jongere.pk])
    response = client.post(url, _gezin_post(woorden="Dat we elkaar vaak zien."), follow=True)
    assert "Er is nu een nieuwe versie" in response.content.decode()
    noor_ter_instemming.refresh_from_db()
    nieuw = noor_ter_instemming.jongere.nieuwste_analyse()
    assert nieuw is not None
    assert noor_ter_instemming.status == Status.VERVANGEN
    assert (nieuw.versie, nieuw.status, nieuw.gemaakt_door) == (
        2,
        Status.TER_INSTEMMING,
        ouder_user,
    )
    assert nieuw.belangrijk_ouders == "Dat we elkaar vaak zien."
    assert nieuw.belangrijk_jongere == noor_ter_instemming.belangrijk_jongere
    assert nieuw.signalen == ["zelfbeschadiging"]
    assert [b.kenmerk.code for b in nieuw.behoeften.all()] == ["rust_structuur"]
    assert not nieuw.instemmingen.exists()
    assert noor_ter_instemming.instemmingen.count() == 1


def test_saving_the_same_words_changes_nothing(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, jongere_user: User
) -> None:
    client.force_login(jongere_user)
    url = reverse("jongeren:mijn_aanpassen", args=[noor_ter_instemming.jongere.pk])
    ongewijzigd = _gezin_post(
        woorden="",
        prioriteit_nabijheid="2",
        prioriteit_onderwijs="2",
        prioriteit_groep="2",
        prioriteit_team="2",
        prioriteit_behoeften="2",
    )
    response = client.post(url, ongewijzigd, follow=True)
    assert "Er is niets veranderd." in response.content.decode()
    assert VerklarendeAnalyse.objects.count() == 1


def test_family_sees_what_changed_in_plain_words(
    client: Client, noor: Jongere, jongere_user: User
) -> None:
    AnalyseFactory.create(jongere=noor, status=Status.VERVANGEN, wat_werkt="Rust.")
    AnalyseFactory.create(
        jongere=noor,
        status=Status.TER_INSTEMMING,
        wat_werkt="Rust en sport.",
        behoeften=[("rust_structuur", 3), ("buitenruimte", 2)],
    )
    client.force_login(jongere_user)
    html = client.get(reverse("jongeren:mijn_veranderingen", args=[noor.pk])).content.decode()
    assert "Van versie 1 naar versie 2" in html
    assert "Wat helpt" in html and "<ins>" in html
    assert "Erbij" in html and "buitenruimte" in html


# --- Every page: one h1, no inline script or style, anonymous visitors go to login --------


def _paginas(noor: Jongere) -> dict[str, list[str]]:
    return {
        "coordinator": [
            reverse("jongeren:lijst"),
            reverse("jongeren:nieuw"),
            reverse("jongeren:detail", args=[noor.pk]),
            reverse("jongeren:bewerken", args=[noor.pk]),
            reverse("jongeren:analyse_bewerken", args=[noor.pk]),
            reverse("jongeren:analyse_versies", args=[noor.pk]),
            reverse("jongeren:analyse_versie", args=[noor.pk, 1]),
            reverse("jongeren:uitnodigen", args=[noor.pk]),
        ],
        "gezin": [
            reverse("jongeren:mijn"),
            reverse("jongeren:mijn_jongere", args=[noor.pk]),
            reverse("jongeren:mijn_aanpassen", args=[noor.pk]),
            reverse("jongeren:mijn_reactie", args=[noor.pk]),
            reverse("jongeren:mijn_veranderingen", args=[noor.pk]),
        ],
    }


def test_every_page_has_one_h1_and_nothing_inline(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    coordinator: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    paginas = _paginas(noor_ter_instemming.jongere)
    for persoon, soort in (
        (coordinator, "coordinator"),
        (jongere_user, "gezin"),
        (ouder_user, "gezin"),
    ):
        client.force_login(persoon)
        for url in paginas[soort]:
            response = client.get(url)
            html = response.content.decode()
            assert response.status_code == 200, url
            assert html.count("<h1") == 1, url
            assert " style=" not in html, url
            assert not re.search(r"\son[a-z]+=", html), url


def test_anonymous_visitors_are_sent_to_login(client: Client, noor: Jongere) -> None:
    for urls in _paginas(noor).values():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("login")), url
