"""Bad input from the issue: clear Dutch messages, nothing saved, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import AnalyseBehoefte, Jongere, VerklarendeAnalyse
from kern.models import Kenmerk
from tests.jongeren.factories import AnalyseFactory, jaren_geleden
from tests.jongeren.formulieren import analyse_post_data, behoefte_index
from tests.jongeren.test_jongeren_views import profiel

Status = VerklarendeAnalyse.Status


def _nieuw(client: Client, coordinator: User, **anders: str) -> str:
    client.force_login(coordinator)
    response = client.post(reverse("jongeren:nieuw"), profiel(coordinator=coordinator.pk, **anders))
    assert response.status_code == 200
    assert not Jongere.objects.exists()
    return response.content.decode()


@pytest.mark.parametrize(("jaren", "dagen_tot_nodig"), [(7, 10), (24, 10), (8, 400)])
def test_an_age_outside_8_to_23_on_the_needed_date_is_explained(
    client: Client, coordinator: User, jaren: int, dagen_tot_nodig: int
) -> None:
    # 8 today but the place is needed more than a year later: still fine (9). 7 is too
    # young, 24 too old on the needed date.
    nodig = (timezone.localdate() + timedelta(days=dagen_tot_nodig)).isoformat()
    client.force_login(coordinator)
    response = client.post(
        reverse("jongeren:nieuw"),
        profiel(
            coordinator=coordinator.pk,
            geboortedatum=jaren_geleden(jaren, dagen=60).isoformat(),
            nodig_vanaf=nodig,
        ),
    )
    if jaren == 8:
        assert response.status_code == 302
        return
    html = response.content.decode()
    assert response.status_code == 200
    assert "neemt alleen jongeren van 8 tot en met 23 jaar op" in html
    assert 'id="id_geboortedatum_error"' in html
    assert not Jongere.objects.exists()


def test_23_on_the_needed_date_is_still_allowed(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    response = client.post(
        reverse("jongeren:nieuw"),
        profiel(coordinator=coordinator.pk, geboortedatum=jaren_geleden(23, dagen=60).isoformat()),
    )
    assert response.status_code == 302


def test_a_birth_date_in_the_future_is_refused(client: Client, coordinator: User) -> None:
    morgen = (timezone.localdate() + timedelta(days=1)).isoformat()
    html = _nieuw(client, coordinator, geboortedatum=morgen)
    assert "8 tot en met 23 jaar" in html


def test_a_needed_date_in_the_past_is_refused(client: Client, coordinator: User) -> None:
    gisteren = (timezone.localdate() - timedelta(days=1)).isoformat()
    html = _nieuw(client, coordinator, nodig_vanaf=gisteren)
    assert "Deze datum ligt in het verleden." in html


def test_an_unchanged_past_needed_date_may_stay_when_editing(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    Jongere.objects.filter(pk=noor.pk).update(nodig_vanaf=timezone.localdate() - timedelta(days=10))
    client.force_login(coordinator)
    form = client.get(reverse("jongeren:bewerken", args=[noor.pk])).context["form"]
    data = {naam: form[naam].value() for naam in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items()} | {"roepnaam": "Noortje"}
    assert client.post(reverse("jongeren:bewerken", args=[noor.pk]), data).status_code == 302
    noor.refresh_from_db()
    assert noor.roepnaam == "Noortje"


def test_a_closed_care_authorisation_needs_its_end_date(client: Client, coordinator: User) -> None:
    html = _nieuw(client, coordinator, juridisch_kader="machtiging_gesloten")
    assert "Vul de einddatum van de machtiging gesloten jeugdhulp in." in html


def test_an_end_date_without_an_authorisation_is_refused(client: Client, coordinator: User) -> None:
    einde = (timezone.localdate() + timedelta(days=100)).isoformat()
    html = _nieuw(client, coordinator, machtiging_einde=einde)
    assert "alleen bij een machtiging gesloten jeugdhulp hoort een einddatum" in html


def test_coordinates_sent_with_the_form_are_ignored_the_place_decides(
    client: Client, coordinator: User
) -> None:
    """The form asks no coordinates; a crafted post with them does not move the family."""
    client.force_login(coordinator)
    data = profiel(coordinator=coordinator.pk, lat="48.85", lon="2.35")
    assert client.post(reverse("jongeren:nieuw"), data).status_code == 302
    lotte = Jongere.objects.get(roepnaam="Lotte")
    assert (lotte.lat, lotte.lon) == pytest.approx((52.9929, 6.5642))


def test_an_authorisation_ending_before_the_needed_date_is_flagged(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    noor.juridisch_kader = "machtiging_gesloten"
    noor.machtiging_einde = noor.nodig_vanaf - timedelta(days=1)
    noor.save()
    assert not noor.heeft_machtiging_gesloten
    client.force_login(coordinator)
    html = client.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    assert "loopt af vóór de datum dat een plek nodig is" in html


def _analyse_post(client: Client, noor: Jongere, coordinator: User, **anders: str) -> str:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    pagina = client.get(url)
    data = analyse_post_data(pagina.context, actie="opslaan")
    rij = behoefte_index(pagina.context, "rust_structuur")
    data |= {k.replace("RIJ", str(rij)): v for k, v in anders.items()}
    response = client.post(url, data)
    assert response.status_code == 200
    assert not VerklarendeAnalyse.objects.exists()
    return response.content.decode()


@pytest.mark.parametrize("belang", ["0", "4", "-1", "heel"])
def test_an_importance_outside_1_to_3_is_refused(
    client: Client, noor: Jongere, coordinator: User, belang: str
) -> None:
    html = _analyse_post(client, noor, coordinator, **{"behoefte-RIJ-belang": belang})
    assert "Kies een belang van 1 tot en met 3." in html


def test_an_unknown_vocabulary_code_is_refused(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    html = _analyse_post(
        client,
        noor,
        coordinator,
        **{"behoefte-RIJ-kenmerk": "vliegende_schotels", "behoefte-RIJ-belang": "2"},
    )
    assert "Onbekende behoefte &#x27;vliegende_schotels&#x27;" in html


def test_a_need_switched_off_by_the_admin_cannot_be_added(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    pagina = client.get(url)
    Kenmerk.objects.filter(code="rust_structuur").update(actief=False)
    rij = behoefte_index(pagina.context, "rust_structuur")
    data = analyse_post_data(pagina.context, actie="opslaan", **{f"behoefte-{rij}-belang": "3"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Onbekende behoefte" in response.content.decode()
    assert not VerklarendeAnalyse.objects.exists()


def test_a_switched_off_need_already_in_the_analysis_stays_readable_and_editable(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    AnalyseFactory.create(jongere=noor, behoeften=[("rust_structuur", 3)])
    Kenmerk.objects.filter(code="rust_structuur").update(actief=False)
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor.pk])
    pagina = client.get(url)
    assert "niet meer in gebruik" in pagina.content.decode()
    response = client.post(url, analyse_post_data(pagina.context, actie="opslaan", krachten="X"))
    assert response.status_code == 302
    assert noor.analyses.get().behoeften.get().kenmerk.code == "rust_structuur"


def test_an_unknown_attention_signal_is_refused(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    html = _analyse_post(client, noor, coordinator, signalen="toverkracht")
    assert "toverkracht" in html and "geen bekend aandachtssignaal" in html


def test_a_note_without_importance_is_not_silently_dropped(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    html = _analyse_post(client, noor, coordinator, **{"behoefte-RIJ-toelichting": "Vaste tijden."})
    assert "Kies ook een belang, of maak de toelichting leeg." in html


def test_the_database_refuses_importance_and_priorities_out_of_range(noor: Jongere) -> None:
    analyse = AnalyseFactory.create(jongere=noor, behoeften=[])
    with pytest.raises(IntegrityError), transaction.atomic():
        AnalyseBehoefte.objects.create(
            analyse=analyse, kenmerk=Kenmerk.objects.get(code="buitenruimte"), belang=4
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        VerklarendeAnalyse.objects.filter(pk=analyse.pk).update(prioriteit_team=4)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnalyseFactory.create(jongere=noor, status=Status.VERVANGEN, prioriteit_groep=-1)


@pytest.mark.parametrize("waarde", ["7", "-1", "veel"])
def test_family_priorities_outside_0_to_3_are_refused(
    client: Client, noor_concept: VerklarendeAnalyse, jongere_user: User, waarde: str
) -> None:
    client.force_login(jongere_user)
    url = reverse("jongeren:mijn_aanpassen", args=[noor_concept.jongere.pk])
    data = {
        "woorden": "Mijn hond.",
        "prioriteit_nabijheid": waarde,
        "prioriteit_onderwijs": "2",
        "prioriteit_groep": "2",
        "prioriteit_team": "2",
        "prioriteit_behoeften": "2",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Kies een van de vier keuzes." in response.content.decode()
    noor_concept.refresh_from_db()
    assert noor_concept.belangrijk_jongere == ""


def test_a_missing_family_priority_is_asked_for(
    client: Client, noor_concept: VerklarendeAnalyse, ouder_user: User
) -> None:
    client.force_login(ouder_user)
    url = reverse("jongeren:mijn_aanpassen", args=[noor_concept.jongere.pk])
    response = client.post(url, {"woorden": "Rust."})
    assert response.status_code == 200
    # Each of the five priorities says it, at the field and in the summary at the top.
    assert response.content.decode().count("Kies hoe belangrijk dit is.") == 2 * 5
    noor_concept.refresh_from_db()
    assert noor_concept.belangrijk_ouders == ""


def test_a_reaction_without_a_choice_is_refused(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, jongere_user: User
) -> None:
    client.force_login(jongere_user)
    url = reverse("jongeren:mijn_reactie", args=[noor_ter_instemming.jongere.pk])
    response = client.post(url, {"versie": "1", "keuze": "misschien"})
    assert response.status_code == 200
    assert "Kies of je het eens bent." in response.content.decode()
    assert not noor_ter_instemming.instemmingen.exists()


def test_non_numeric_ids_in_urls_are_404(client: Client, coordinator: User) -> None:
    client.force_login(coordinator)
    assert client.get("/jongeren/abc/").status_code == 404
    assert client.get("/jongeren/999999/").status_code == 404
