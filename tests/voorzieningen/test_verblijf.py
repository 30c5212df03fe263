"""A youth's stay, through the pages: the perspective in plain words, the mentor the youth
chooses (or the coordinator records for a youth without an account), and from 17½ the
transition checklist the youth, the coordinator and the home keep up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Jongere
from privacy.models import Inzage
from tests.jongeren.factories import JongereFactory
from tests.voorzieningen.factories import PlaatsingFactory, TeamlidFactory
from voorzieningen.models import Overgangspunt, Perspectief, Plaatsing, Voorziening, overgang_vanaf

pytestmark = pytest.mark.django_db


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _jaren_maanden_geleden(jaren: int, maanden: int) -> dt.date:
    vandaag = timezone.localdate()
    totaal = vandaag.year * 12 + vandaag.month - 1 - jaren * 12 - maanden
    return dt.date(totaal // 12, totaal % 12 + 1, 1)


@pytest.fixture
def sem(coordinator: User, jongere_user: User, ouder_user: User) -> Jongere:
    """17 years and 7 months: the checklist applies."""
    return JongereFactory.create(
        roepnaam="Sem",
        geboortedatum=_jaren_maanden_geleden(17, 7),
        nodig_vanaf=timezone.localdate() - dt.timedelta(days=200),
        coordinator=coordinator,
        account=jongere_user,
        ouders=[ouder_user],
    )


@pytest.fixture
def verblijf(sem: Jongere, woning: Voorziening) -> Plaatsing:
    TeamlidFactory.create(voorziening=woning, naam="Anouk")
    TeamlidFactory.create(voorziening=woning, naam="Bram")
    return PlaatsingFactory.create(
        voorziening=woning, jongere=sem, geboortemaand=sem.geboortedatum.replace(day=1)
    )


def test_17_and_a_half_is_counted_from_the_birthday_and_clamped_to_the_month() -> None:
    assert overgang_vanaf(dt.date(2008, 3, 15)) == dt.date(2025, 9, 15)
    assert overgang_vanaf(dt.date(2008, 8, 31)) == dt.date(2026, 2, 28)


def test_who_sees_the_stay_and_in_which_words(
    verblijf: Plaatsing,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
    beheerder: User,
    coordinator2: User,
    beheerder2: User,
    andere_jongere_user: User,
) -> None:
    Perspectief.objects.create(plaatsing=verblijf, richting="thuis", door=coordinator)
    Perspectief.objects.create(
        plaatsing=verblijf,
        richting="zelfstandig",
        toelichting="Kamer in Groningen.",
        door=coordinator,
    )
    url = reverse("voorzieningen:verblijf", args=[verblijf.pk])
    jongere = _login(jongere_user).get(url)
    assert jongere.status_code == 200
    assert "Het plan is dat je zelfstandig gaat wonen." in jongere.text
    assert "Kamer in Groningen." in jongere.text and "Eerdere plannen" in jongere.text
    assert "Klaar voor 18" in jongere.text
    ouder = _login(ouder_user).get(url)
    assert "Het plan is dat Sem zelfstandig gaat wonen." in ouder.text
    # Parents read the perspective, not the checklist the youth keeps with the professionals.
    assert 'id="overgang"' not in ouder.text
    for wie in (coordinator, beheerder):
        pagina = _login(wie).get(url)
        assert pagina.status_code == 200 and 'id="overgang"' in pagina.text
    for vreemde in (coordinator2, beheerder2, andere_jongere_user):
        assert _login(vreemde).get(url).status_code == 404
    # Every read is in the access log under the youth; the refusals too.
    assert Inzage.objects.filter(jongere_ref=verblijf.jongere_id, uitkomst="gelukt").count() >= 4
    assert Inzage.objects.filter(jongere_ref=verblijf.jongere_id, uitkomst="geweigerd").count() == 3


def test_a_parent_the_16_plus_youth_does_not_share_with_does_not_see_the_stay(
    verblijf: Plaatsing, ouder_user: User
) -> None:
    Jongere.objects.filter(plaatsingen=verblijf).update(ouders_zien_analyse=False)
    url = reverse("voorzieningen:verblijf", args=[verblijf.pk])
    assert _login(ouder_user).get(url).status_code == 404


def test_the_youth_chooses_a_mentor_and_changes_the_choice(
    verblijf: Plaatsing, jongere_user: User, beheerder: User, coordinator: User
) -> None:
    anouk, bram = verblijf.voorziening.teamleden.order_by("naam")
    client = _login(jongere_user)
    url = reverse("voorzieningen:verblijf_mentor", args=[verblijf.pk])
    fout = client.post(url, {})
    assert "Kies een mentor uit het team." in fout.text
    client.post(url, {"mentor": anouk.pk})
    client.post(url, {"mentor": bram.pk})
    verblijf.refresh_from_db()
    assert verblijf.mentor == bram and verblijf.mentor_vastgelegd_door is None
    assert (
        "Je hebt Bram gekozen als mentor."
        in client.get(reverse("voorzieningen:verblijf", args=[verblijf.pk])).text
    )
    manager = _login(beheerder).get(reverse("voorzieningen:verblijf", args=[verblijf.pk]))
    assert "Sem koos Bram" in manager.text
    # The home and the coordinator do not choose for a youth with an account.
    assert _login(beheerder).post(url, {"mentor": anouk.pk}).status_code == 403
    assert _login(coordinator).post(url, {"mentor": anouk.pk}).status_code == 403
    assert verblijf.history.count() >= 3  # the earlier choice stays in the history


def test_a_mentor_from_another_home_or_who_left_cannot_be_chosen(
    verblijf: Plaatsing, jongere_user: User, woning2: Voorziening
) -> None:
    elders = TeamlidFactory.create(voorziening=woning2, naam="Elders")
    weg = TeamlidFactory.create(
        voorziening=verblijf.voorziening,
        naam="Weg",
        einddatum=timezone.localdate() - dt.timedelta(days=1),
    )
    url = reverse("voorzieningen:verblijf_mentor", args=[verblijf.pk])
    for teamlid in (elders, weg):
        pagina = _login(jongere_user).post(url, {"mentor": teamlid.pk})
        assert "Kies iemand uit het team van deze woning." in pagina.text
    verblijf.refresh_from_db()
    assert verblijf.mentor is None


def test_the_coordinator_records_the_mentor_of_a_youth_without_an_account(
    verblijf: Plaatsing, coordinator: User, beheerder: User
) -> None:
    Jongere.objects.filter(plaatsingen=verblijf).update(account=None)
    anouk = verblijf.voorziening.teamleden.get(naam="Anouk")
    _login(coordinator).post(
        reverse("voorzieningen:verblijf_mentor", args=[verblijf.pk]), {"mentor": anouk.pk}
    )
    verblijf.refresh_from_db()
    assert verblijf.mentor == anouk and verblijf.mentor_vastgelegd_door == coordinator
    pagina = _login(beheerder).get(reverse("voorzieningen:verblijf", args=[verblijf.pk])).text
    assert "Vastgelegd door de coördinator" in pagina


def test_no_mentor_before_arrival(verblijf: Plaatsing, jongere_user: User) -> None:
    Plaatsing.objects.filter(pk=verblijf.pk).update(
        aankomst=timezone.localdate() + dt.timedelta(days=3)
    )
    url = reverse("voorzieningen:verblijf_mentor", args=[verblijf.pk])
    anouk = verblijf.voorziening.teamleden.get(naam="Anouk")
    antwoord = _login(jongere_user).post(url, {"mentor": anouk.pk})
    assert antwoord.status_code == 302
    verblijf.refresh_from_db()
    assert verblijf.mentor is None


def test_the_checklist_is_kept_by_youth_coordinator_and_home_and_reaches_the_start_page(
    verblijf: Plaatsing, jongere_user: User, coordinator: User, beheerder: User, ouder_user: User
) -> None:
    start = reverse("start")
    for wie in (jongere_user, coordinator, beheerder):
        assert reverse("voorzieningen:verblijf", args=[verblijf.pk]) in _login(wie).get(start).text
    url = reverse("voorzieningen:verblijf_overgang", args=[verblijf.pk])
    alles = {
        "wonen-status": "geregeld",
        "wonen-notitie": "Kamer via Lefier.",
        "inkomen-status": "bezig",
        "inkomen-notitie": "",
        "school_werk-status": "geregeld",
        "school_werk-notitie": "",
        "verlengde_jeugdhulp-status": "niet_nodig",
        "verlengde_jeugdhulp-notitie": "",
    }
    fout = _login(jongere_user).post(url, alles)
    assert "Schrijf kort op waarom dit niet nodig is." in fout.text
    assert not Overgangspunt.objects.exists()
    alles["verlengde_jeugdhulp-notitie"] = "Sem wil zelf verder."
    _login(jongere_user).post(url, alles)
    _login(beheerder).post(
        url, alles | {"inkomen-status": "geregeld", "inkomen-notitie": "Uitkering loopt."}
    )
    punten = {p.onderwerp: p for p in Overgangspunt.objects.filter(plaatsing=verblijf)}
    assert punten["wonen"].door == jongere_user
    assert punten["inkomen"].door == beheerder and punten["inkomen"].status == "geregeld"
    assert punten["inkomen"].history.count() == 2
    # Everything arranged: off the start page.
    assert (
        reverse("voorzieningen:verblijf", args=[verblijf.pk])
        not in _login(coordinator).get(start).text
    )
    # A parent reads, but does not keep the checklist.
    assert _login(ouder_user).post(url, alles).status_code == 403


def test_no_checklist_before_17_and_a_half(verblijf: Plaatsing, jongere_user: User) -> None:
    Jongere.objects.filter(plaatsingen=verblijf).update(geboortedatum=_jaren_maanden_geleden(17, 2))
    pagina = _login(jongere_user).get(reverse("voorzieningen:verblijf", args=[verblijf.pk]))
    assert 'id="overgang"' not in pagina.text
    antwoord = _login(jongere_user).post(
        reverse("voorzieningen:verblijf_overgang", args=[verblijf.pk]), {"wonen-status": "geregeld"}
    )
    assert antwoord.status_code == 302
    assert not Overgangspunt.objects.exists()
    start = _login(jongere_user).get(reverse("start")).text
    assert reverse("voorzieningen:verblijf", args=[verblijf.pk]) not in start


def test_the_youth_page_links_to_the_stay(verblijf: Plaatsing, jongere_user: User) -> None:
    pagina = _login(jongere_user).get(reverse("jongeren:mijn_jongere", args=[verblijf.jongere_id]))
    assert reverse("voorzieningen:verblijf", args=[verblijf.pk]) in pagina.text


def test_the_youths_own_export_holds_the_mentor_the_perspective_and_the_checklist(
    verblijf: Plaatsing, jongere_user: User, coordinator: User
) -> None:
    anouk = verblijf.voorziening.teamleden.get(naam="Anouk")
    client = _login(jongere_user)
    client.post(reverse("voorzieningen:verblijf_mentor", args=[verblijf.pk]), {"mentor": anouk.pk})
    Perspectief.objects.create(plaatsing=verblijf, richting="zelfstandig", door=coordinator)
    Overgangspunt.objects.create(
        plaatsing=verblijf, onderwerp="wonen", status="bezig", notitie="Kamer."
    )
    gegevens = client.get(reverse("privacy:mijn_gegevens_json", args=[verblijf.jongere_id])).json()
    [eigen] = gegevens["plaatsingen"]
    assert eigen["mentor"] == "Anouk" and eigen["mentor_vastgelegd_door_coordinator"] is False
    assert eigen["perspectief"][0]["richting"] == "Zelfstandig wonen"
    assert eigen["overgangslijst"] == [
        {"onderwerp": "Wonen", "status": "Mee bezig", "notitie": "Kamer."}
    ]
