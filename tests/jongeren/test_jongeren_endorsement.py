"""Endorsement: gedragen only when the youth, every parent and a coordinator agree."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren import services
from jongeren.models import Instemming, Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory

Status = VerklarendeAnalyse.Status


def _status(analyse: VerklarendeAnalyse) -> str:
    analyse.refresh_from_db()
    return analyse.status


def test_gedragen_only_after_youth_parent_and_coordinator_agree(
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
) -> None:
    services.geef_instemming(analyse=noor_ter_instemming, persoon=jongere_user, akkoord=True)
    assert _status(noor_ter_instemming) == Status.TER_INSTEMMING
    services.geef_instemming(analyse=noor_ter_instemming, persoon=coordinator, akkoord=True)
    assert _status(noor_ter_instemming) == Status.TER_INSTEMMING
    services.geef_instemming(analyse=noor_ter_instemming, persoon=ouder_user, akkoord=True)
    assert _status(noor_ter_instemming) == Status.GEDRAGEN
    assert noor_ter_instemming.gedragen_op is not None
    rollen = set(noor_ter_instemming.instemmingen.values_list("rol", "persoon"))
    assert rollen == {
        (Instemming.Rol.JONGERE, jongere_user.pk),
        (Instemming.Rol.OUDER, ouder_user.pk),
        (Instemming.Rol.COORDINATOR, coordinator.pk),
    }


def test_every_linked_parent_must_agree(
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    andere_ouder: User,
    coordinator: User,
) -> None:
    noor_ter_instemming.jongere.ouders.add(andere_ouder)
    for persoon in (jongere_user, ouder_user, coordinator):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    assert _status(noor_ter_instemming) == Status.TER_INSTEMMING
    services.geef_instemming(analyse=noor_ter_instemming, persoon=andere_ouder, akkoord=True)
    assert _status(noor_ter_instemming) == Status.GEDRAGEN


def test_a_colleague_may_agree_for_the_coordinators(
    noor_ter_instemming: VerklarendeAnalyse, jongere_user: User, ouder_user: User, collega: User
) -> None:
    for persoon in (jongere_user, ouder_user, collega):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    assert _status(noor_ter_instemming) == Status.GEDRAGEN


def test_without_a_youth_account_a_version_cannot_become_gedragen(
    coordinator: User, ouder_user: User
) -> None:
    from tests.jongeren.factories import JongereFactory

    zonder_account = JongereFactory.create(coordinator=coordinator, ouders=[ouder_user])
    analyse = AnalyseFactory.create(jongere=zonder_account, status=Status.TER_INSTEMMING)
    for persoon in (ouder_user, coordinator):
        services.geef_instemming(analyse=analyse, persoon=persoon, akkoord=True)
    assert _status(analyse) == Status.TER_INSTEMMING
    jongere_stand = analyse.instemming_per_persoon()[0]
    assert jongere_stand.rol == "jongere" and jongere_stand.persoon is None


def test_asking_for_a_change_needs_a_comment_and_blocks_endorsement(
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
) -> None:
    with pytest.raises(ValidationError):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=ouder_user, akkoord=False)
    assert not Instemming.objects.exists()

    services.geef_instemming(
        analyse=noor_ter_instemming, persoon=ouder_user, akkoord=False, opmerking="Oma erbij."
    )
    for persoon in (jongere_user, coordinator):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    assert _status(noor_ter_instemming) == Status.TER_INSTEMMING


def test_the_latest_answer_counts(
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
) -> None:
    services.geef_instemming(
        analyse=noor_ter_instemming, persoon=jongere_user, akkoord=False, opmerking="Twijfel."
    )
    for persoon in (ouder_user, coordinator, jongere_user):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    assert _status(noor_ter_instemming) == Status.GEDRAGEN
    assert noor_ter_instemming.instemmingen.filter(persoon=jongere_user).count() == 2


def test_a_draft_cannot_be_endorsed(noor_concept: VerklarendeAnalyse, jongere_user: User) -> None:
    with pytest.raises(ValidationError, match="niet \\(meer\\) ter instemming"):
        services.geef_instemming(analyse=noor_concept, persoon=jongere_user, akkoord=True)
    assert not Instemming.objects.exists()


def test_outsiders_cannot_endorse(
    noor_ter_instemming: VerklarendeAnalyse,
    andere_jongere_user: User,
    coordinator2: User,
    beheerder: User,
) -> None:
    for persoon in (andere_jongere_user, coordinator2, beheerder):
        with pytest.raises(ValidationError):
            services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    assert not Instemming.objects.exists()


@pytest.mark.parametrize(
    ("leeg", "bericht"),
    [
        ({"krachten": ""}, "krachten"),
        ({"wat_werkt": "  "}, "wat werkt"),
        ({"zorgprofiel": ""}, "zorgprofiel"),
        ({"zorgintensiteit": ""}, "zorgintensiteit"),
    ],
)
def test_putting_forward_needs_the_required_parts(
    noor: Jongere, coordinator: User, leeg: dict[str, str], bericht: str
) -> None:
    analyse = AnalyseFactory.create(jongere=noor, **leeg)
    with pytest.raises(ValidationError) as fout:
        services.leg_voor(analyse=analyse, door=coordinator)
    assert bericht in " ".join(fout.value.messages).lower()
    assert _status(analyse) == Status.CONCEPT


def test_putting_forward_needs_at_least_one_need(noor: Jongere, coordinator: User) -> None:
    analyse = AnalyseFactory.create(jongere=noor, behoeften=[])
    with pytest.raises(ValidationError, match="minstens één behoefte"):
        services.leg_voor(analyse=analyse, door=coordinator)
    assert _status(analyse) == Status.CONCEPT


def test_important_texts_may_stay_empty_when_putting_forward(
    noor: Jongere, coordinator: User
) -> None:
    analyse = AnalyseFactory.create(jongere=noor, belangrijk_jongere="", belangrijk_ouders="")
    services.leg_voor(analyse=analyse, door=coordinator)
    assert _status(analyse) == Status.TER_INSTEMMING


def test_youth_agrees_on_the_phone_page(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, jongere_user: User
) -> None:
    client.force_login(jongere_user)
    noor = noor_ter_instemming.jongere
    pagina = client.get(reverse("jongeren:mijn"))
    assert "Ben je het eens?" in pagina.content.decode()
    response = client.post(
        reverse("jongeren:mijn_reactie", args=[noor.pk]),
        {"versie": 1, "keuze": "akkoord"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Je hebt gezegd dat je het eens bent" in response.content.decode()
    antwoord = Instemming.objects.get()
    assert (antwoord.persoon, antwoord.rol, antwoord.akkoord) == (jongere_user, "jongere", True)


def test_parent_asks_for_a_change_with_a_comment(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, ouder_user: User
) -> None:
    client.force_login(ouder_user)
    url = reverse("jongeren:mijn_reactie", args=[noor_ter_instemming.jongere.pk])
    leeg = client.post(url, {"versie": 1, "keuze": "wijziging", "opmerking": " "})
    assert leeg.status_code == 200
    assert "Schrijf op wat er anders moet." in leeg.content.decode()
    assert not Instemming.objects.exists()

    client.post(url, {"versie": 1, "keuze": "wijziging", "opmerking": "Oma hoort erbij."})
    antwoord = Instemming.objects.get()
    assert (antwoord.rol, antwoord.akkoord, antwoord.opmerking) == (
        "ouder",
        False,
        "Oma hoort erbij.",
    )


def test_a_reaction_on_a_version_that_was_replaced_is_not_recorded(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, jongere_user: User
) -> None:
    noor_ter_instemming.status = Status.VERVANGEN
    noor_ter_instemming.save()
    AnalyseFactory.create(jongere=noor_ter_instemming.jongere, status=Status.TER_INSTEMMING)
    client.force_login(jongere_user)
    response = client.post(
        reverse("jongeren:mijn_reactie", args=[noor_ter_instemming.jongere.pk]),
        {"versie": 1, "keuze": "akkoord"},
        follow=True,
    )
    assert "Er is intussen een nieuwe versie" in response.content.decode()
    assert not Instemming.objects.exists()


def test_coordinator_sees_who_agreed_and_adds_their_own_agreement(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
) -> None:
    services.geef_instemming(analyse=noor_ter_instemming, persoon=jongere_user, akkoord=True)
    services.geef_instemming(
        analyse=noor_ter_instemming, persoon=ouder_user, akkoord=False, opmerking="Oma erbij."
    )
    client.force_login(coordinator)
    detail = client.get(reverse("jongeren:detail", args=[noor_ter_instemming.jongere.pk]))
    html = detail.content.decode()
    assert "Wie staat achter versie 1?" in html
    assert "Vraagt een wijziging" in html and "Oma erbij." in html
    assert "Ik sta als coördinator achter deze versie" in html

    response = client.post(
        reverse("jongeren:analyse_akkoord", args=[noor_ter_instemming.jongere.pk, 1])
    )
    assert response.status_code == 302
    assert noor_ter_instemming.instemmingen.filter(persoon=coordinator, akkoord=True).exists()
    assert _status(noor_ter_instemming) == Status.TER_INSTEMMING


def test_the_last_agreement_through_the_page_makes_it_gedragen(
    client: Client,
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    coordinator: User,
    ouder_user: User,
) -> None:
    for persoon in (jongere_user, coordinator):
        services.geef_instemming(analyse=noor_ter_instemming, persoon=persoon, akkoord=True)
    client.force_login(ouder_user)
    response = client.post(
        reverse("jongeren:mijn_reactie", args=[noor_ter_instemming.jongere.pk]),
        {"versie": 1, "keuze": "akkoord"},
        follow=True,
    )
    assert "Iedereen is het nu eens" in response.content.decode()
    assert _status(noor_ter_instemming) == Status.GEDRAGEN


def test_putting_forward_through_the_detail_page(
    client: Client, noor_concept: VerklarendeAnalyse, coordinator: User
) -> None:
    client.force_login(coordinator)
    noor = noor_concept.jongere
    assert (
        "Voorleggen ter instemming"
        in client.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    )
    response = client.post(reverse("jongeren:analyse_voorleggen", args=[noor.pk, 1]))
    assert response.status_code == 302
    assert _status(noor_concept) == Status.TER_INSTEMMING


def test_the_detail_page_lists_what_is_missing_before_putting_forward(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    analyse = AnalyseFactory.create(jongere=noor, wat_werkt="", behoeften=[])
    client.force_login(coordinator)
    html = client.get(reverse("jongeren:detail", args=[noor.pk])).content.decode()
    assert "Beschrijf wat werkt" in html and "Kies minstens één behoefte" in html
    assert "Voorleggen ter instemming" not in html
    response = client.post(reverse("jongeren:analyse_voorleggen", args=[noor.pk, 1]))
    assert response.status_code == 302
    assert _status(analyse) == Status.CONCEPT
