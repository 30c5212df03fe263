"""Weighty steps of a proposal, through the pages: sending needs a motivation and a
confirmed summary; consent to share is asked per person, lists what is shared, can be
withdrawn and respects the person's own "no"; every page says who has answered what and
whose turn it is."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Melding, User
from jongeren.models import Jongere, VerklarendeAnalyse
from tests.conftest import PASSWORD
from tests.matching.conftest import geboren
from tests.matching.versturen import bevestiging_uit, verstuur
from voorstellen import services as flow
from voorstellen.models import Deeltoestemming, Voorstel, VoorstelStatus
from voorzieningen.models import Voorziening

pytestmark = pytest.mark.django_db

S = VoorstelStatus


def _client(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _detail(voorstel: Voorstel) -> str:
    return reverse("voorstellen:voorstel", args=[voorstel.pk])


def _actie(voorstel: Voorstel, actie: str) -> str:
    return reverse("voorstellen:voorstel_actie", args=[voorstel.pk, actie])


def _tekst(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- A. sending: motivation, summary, confirmation -----------------------------------------


def test_sending_without_a_motivation_shows_the_error_at_the_field(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening, coordinator: User
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, de_linde.pk])
    response = _client(coordinator).post(url, {"motivatie": "  ", "actie": "versturen"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary' in html
    assert 'href="#id_motivatie"' in html  # the summary links to the field
    assert 'id="id_motivatie_error"' in html
    assert "Schrijf op waarom deze woning past." in html
    assert not Voorstel.objects.exists()


def test_the_summary_comes_first_and_only_the_confirmation_sends(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
    beheerder: User,
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, de_linde.pk])
    sanne = _client(coordinator)
    data = {"motivatie": "Dichtbij oma.", "tekst_voor_woning": "Een open jongere die tekent."}
    samenvatting = sanne.post(url, {**data, "actie": "versturen"})
    html = samenvatting.content.decode()
    assert samenvatting.status_code == 200
    assert not Voorstel.objects.exists()
    tekst = _tekst(html)
    assert "De beheerder van De Linde krijgt een melding" in tekst
    assert "Noor, Esther" in tekst  # the family who will read it
    assert "Dichtbij oma." in tekst
    assert "Een open jongere die tekent." in tekst  # the profile the home reads first
    assert 'value="bevestigd"' in html and 'value="terug"' in html

    # "Terug" brings the form back with what was typed, and sends nothing.
    terug = sanne.post(url, {**data, "actie": "terug"})
    assert (
        "Dichtbij oma." in terug.content.decode() and 'name="motivatie"' in terug.content.decode()
    )
    assert not Voorstel.objects.exists()

    response = sanne.post(url, {**data, "actie": "bevestigd", "bevestiging": bevestiging_uit(html)})
    voorstel = Voorstel.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(voorstel)
    assert voorstel.status == S.VERSTUURD and voorstel.motivatie == "Dichtbij oma."


@pytest.mark.parametrize(
    "bevestiging",
    ["", "niet-ondertekend", "anders"],
    ids=["without token", "forged token", "token for other content"],
)
def test_a_crafted_post_cannot_skip_the_confirmation(
    bevestiging: str,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    coordinator: User,
) -> None:
    url = reverse("voorstellen:voorstel_nieuw", args=[noor.pk, de_linde.pk])
    sanne = _client(coordinator)
    if bevestiging == "anders":
        gezien = sanne.post(url, {"motivatie": "Dichtbij oma.", "actie": "versturen"})
        bevestiging = bevestiging_uit(gezien.content.decode())
    response = sanne.post(
        url,
        {"motivatie": "Iets anders dan gezien.", "actie": "bevestigd", "bevestiging": bevestiging},
    )
    assert response.status_code == 200
    assert "nog niet verstuurd" in response.content.decode()
    assert not Voorstel.objects.exists()


def test_a_draft_is_sent_from_its_page_only_after_motivation_and_confirmation(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening, coordinator: User
) -> None:
    concept = flow.maak_voorstel(jongere=noor, voorziening=de_linde, door=coordinator)
    sanne = _client(coordinator)
    assert "Je ziet eerst wat er naar wie gaat." in sanne.get(_detail(concept)).content.decode()
    stap1 = sanne.post(_actie(concept, "versturen"))
    assert stap1.status_code == 200
    assert "Schrijf op waarom deze woning past." in stap1.content.decode()
    crafted = sanne.post(_actie(concept, "versturen"), {"motivatie": "Rust.", "actie": "bevestigd"})
    assert crafted.status_code == 200
    concept.refresh_from_db()
    assert concept.status == S.CONCEPT
    response = verstuur(sanne, _actie(concept, "versturen"), {"motivatie": "Rust."})
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.status == S.VERSTUURD and concept.motivatie == "Rust."


def test_the_workflow_itself_refuses_to_send_without_a_motivation(
    noor: Jongere, noor_analyse: VerklarendeAnalyse, de_linde: Voorziening, coordinator: User
) -> None:
    concept = flow.maak_voorstel(jongere=noor, voorziening=de_linde, door=coordinator)
    with pytest.raises(flow.VoorstelFout) as fout:
        flow.stuur_voorstel(voorstel=concept, door=coordinator)
    assert "motivatie" in fout.value.message_dict
    concept.refresh_from_db()
    assert concept.status == S.CONCEPT


# --- B. consent per person ----------------------------------------------------------------


def test_the_family_reads_exactly_what_is_shared_and_answers_each_for_themselves(
    verstuurd: Voorstel, jongere_user: User, ouder_user: User, beheerder: User
) -> None:
    noor = _client(jongere_user)
    html = noor.get(_detail(verstuurd)).content.decode()
    tekst = _tekst(html)
    assert "Mag de woning alles lezen?" in tekst
    assert "De naam: Noor" in tekst
    assert "jezelf pijn doen" in tekst  # the youth's own signal, in plain words
    assert "Noor, Esther" in tekst  # whose consent is needed
    assert 'name="keuze" value="nee"' in html  # "no" is an answer too

    assert noor.post(_actie(verstuurd, "toestemming"), {"keuze": "ja"}).status_code == 302
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is None  # one person's yes is not the family's
    manager = _client(beheerder).get(_detail(verstuurd)).content.decode()
    assert "Noor" not in _tekst(manager)

    esther = _client(ouder_user)
    esther.post(_actie(verstuurd, "toestemming"), {"keuze": "nee"})
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is None
    esther.post(_actie(verstuurd, "toestemming"), {"keuze": "ja"})
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is not None
    assert "Noor" in _tekst(_client(beheerder).get(_detail(verstuurd)).content.decode())


def test_consent_without_a_choice_is_an_error_at_the_field(
    verstuurd: Voorstel, jongere_user: User
) -> None:
    response = _client(jongere_user).post(_actie(verstuurd, "toestemming"), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies ja of nee." in html and 'class="error-summary' in html
    assert not verstuurd.deeltoestemmingen.exists()


def test_withdrawing_consent_hides_the_analysis_again_and_tells_the_home_nothing_more(
    verstuurd: Voorstel, jongere_user: User, ouder_user: User, beheerder: User, coordinator: User
) -> None:
    for persoon in (jongere_user, ouder_user):
        _client(persoon).post(_actie(verstuurd, "toestemming"), {"keuze": "ja"})
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is not None
    esther = _client(ouder_user)
    pagina = esther.get(_detail(verstuurd)).content.decode()
    assert "Toestemming intrekken" in pagina

    response = esther.post(_actie(verstuurd, "toestemming"), {"keuze": "nee"}, follow=True)
    assert "Je hebt je toestemming ingetrokken." in response.content.decode()
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is None
    laatste = verstuurd.deeltoestemmingen.first()
    assert laatste is not None and laatste.is_intrekking and laatste.persoon == ouder_user
    assert list(verstuurd.tijdlijn.values_list("wat", flat=True))[-2:] == [
        "toestemming_ingetrokken",
        "analyse_niet_meer_gedeeld",
    ]
    manager = _client(beheerder).get(_detail(verstuurd)).content.decode()
    assert "Noor" not in _tekst(manager)
    melding = Melding.objects.filter(ontvanger=beheerder).order_by("-pk").first()
    assert melding is not None
    assert melding.tekst == f"Er is iets veranderd bij {verstuurd.pseudoniem}."
    coordinator_html = _tekst(_client(coordinator).get(_detail(verstuurd)).content.decode())
    assert "Toestemming om de analyse te delen ingetrokken" in coordinator_html


def test_a_person_who_said_no_to_the_proposal_is_not_offered_consent(
    gehouden: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    esther = _client(ouder_user)
    esther.post(_actie(gehouden, "besluit"), {"keuze": "nee", "opmerking": ""})
    html = esther.get(_detail(gehouden)).content.decode()
    assert 'action="' + _actie(gehouden, "toestemming") + '"' not in html
    response = esther.post(_actie(gehouden, "toestemming"), {"keuze": "ja"}, follow=True)
    assert "Je zei nee tegen deze woning." in response.content.decode()
    assert not gehouden.deeltoestemmingen.filter(sleutel=f"ouder:{ouder_user.pk}").exists()
    # Noor is still asked: her mother's answer does not stand in for hers.
    assert (
        _actie(gehouden, "toestemming")
        in _client(jongere_user).get(_detail(gehouden)).content.decode()
    )


def test_saying_no_to_the_proposal_withdraws_ones_consent(
    gehouden: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    for persoon in (jongere_user, ouder_user):
        _client(persoon).post(_actie(gehouden, "toestemming"), {"keuze": "ja"})
    gehouden.refresh_from_db()
    assert gehouden.volledig_gedeeld_op is not None
    _client(ouder_user).post(_actie(gehouden, "besluit"), {"keuze": "nee", "opmerking": ""})
    gehouden.refresh_from_db()
    assert gehouden.volledig_gedeeld_op is None
    laatste = gehouden.deeltoestemmingen.first()
    assert laatste is not None and laatste.is_intrekking


def test_a_youth_of_16_decides_alone_about_sharing(
    verstuurd: Voorstel, jongere_user: User, ouder_user: User
) -> None:
    Jongere.objects.filter(pk=verstuurd.jongere_id).update(geboortedatum=geboren(16))
    html = _client(ouder_user).get(_detail(verstuurd)).content.decode()
    assert _actie(verstuurd, "toestemming") not in html
    refused = _client(ouder_user).post(_actie(verstuurd, "toestemming"), {"keuze": "ja"})
    assert refused.status_code == 302
    assert not verstuurd.deeltoestemmingen.exists()
    _client(jongere_user).post(_actie(verstuurd, "toestemming"), {"keuze": "ja"})
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is not None


def test_a_parent_without_gezag_is_not_asked_and_does_not_stand_in_for_who_has_it(
    verstuurd: Voorstel, noor: Jongere, jongere_user: User, ouder_user: User
) -> None:
    noor.ouders_zonder_gezag.add(ouder_user)
    # Under 16 someone with gezag must consent; they are not in the portal.
    assert [d.betrokkene.sleutel for d in flow.stand_van_delen(verstuurd)] == [
        "jongere",
        "gezag",
    ]
    with pytest.raises(flow.VoorstelFout):
        flow.geef_toestemming(voorstel=verstuurd, door=ouder_user)
    html = _client(ouder_user).get(_detail(verstuurd)).content.decode()
    assert _actie(verstuurd, "toestemming") not in html
    flow.geef_toestemming(voorstel=verstuurd, door=jongere_user)
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is None


def test_a_later_no_ends_a_coordinators_override(
    verstuurd: Voorstel, coordinator: User, jongere_user: User
) -> None:
    flow.overschrijf_toestemming(voorstel=verstuurd, door=coordinator, reden="Spoed.")
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is not None
    flow.geef_toestemming(voorstel=verstuurd, door=jongere_user, keuze=Deeltoestemming.Keuze.NEE)
    verstuurd.refresh_from_db()
    assert verstuurd.volledig_gedeeld_op is None


# --- C. where it stands, per party ---------------------------------------------------------


def test_after_yes_and_no_every_page_says_so_and_whose_turn_it_is(
    gehouden: Voorstel, coordinator: User, jongere_user: User, ouder_user: User, beheerder: User
) -> None:
    _client(jongere_user).post(_actie(gehouden, "besluit"), {"keuze": "ja", "opmerking": ""})
    _client(ouder_user).post(_actie(gehouden, "besluit"), {"keuze": "nee", "opmerking": ""})
    sanne = _client(coordinator)

    pagina = _tekst(sanne.get(_detail(gehouden)).content.decode())
    assert "Kennismaking gehouden · Niet iedereen zegt ja: Esther (ouder) zegt nee" in pagina
    assert "Aan de beurt: de coördinator, om in gesprek te gaan" in pagina
    assert "Noor (jongere) Zegt ja" in pagina
    lijst = _tekst(sanne.get(reverse("voorstellen:lijst")).content.decode())
    assert "Niet iedereen zegt ja: Esther (ouder) zegt nee" in lijst
    start = _tekst(sanne.get(reverse("start")).content.decode())
    assert "Niet iedereen zegt ja: Esther (ouder) zegt nee" in start

    noor = _tekst(_client(jongere_user).get(_detail(gehouden)).content.decode())
    assert "Jij Je zei ja" in noor and "Esther (ouder) Zegt nee" in noor
    esther = _tekst(_client(ouder_user).get(_detail(gehouden)).content.decode())
    assert "Je kind (Noor) Zegt ja" in esther and "Jij Je zei nee" in esther
    assert "noor@example.org" not in esther  # no contact details between family members

    woning = _tekst(_client(beheerder).get(_detail(gehouden)).content.decode())
    assert "Niet iedereen zegt ja" in woning
    assert "Esther" not in woning and "Noor" not in woning


def test_while_the_family_chooses_the_youth_reads_it_is_her_turn(
    gehouden: Voorstel, jongere_user: User, ouder_user: User, coordinator: User
) -> None:
    noor = _tekst(_client(jongere_user).get(_detail(gehouden)).content.decode())
    assert "Jij bent aan de beurt: kies ja, twijfel of nee. Ook Esther (ouder) kiest nog." in noor
    esther = _tekst(
        _client(ouder_user).get(reverse("voorstellen:mijn_voorstellen")).content.decode()
    )
    assert "wacht op de keuze van jou en je kind (Noor)" in esther
    assert "Jij bent aan de beurt" in esther
    sanne = _tekst(_client(coordinator).get(_detail(gehouden)).content.decode())
    assert "Aan de beurt: Noor (jongere) en Esther (ouder), om te kiezen." in sanne


def test_a_sent_proposal_is_the_homes_turn_with_its_deadline(
    verstuurd: Voorstel, coordinator: User, beheerder: User
) -> None:
    assert verstuurd.antwoord_uiterlijk is not None
    sanne = _tekst(_client(coordinator).get(_detail(verstuurd)).content.decode())
    assert "Aan de beurt: De Linde, om te antwoorden." in sanne
    woning = _tekst(_client(beheerder).get(_detail(verstuurd)).content.decode())
    assert "Aan de beurt: uw woning, om te antwoorden." in woning
    assert verstuurd.antwoord_uiterlijk > timezone.now() - dt.timedelta(minutes=1)
