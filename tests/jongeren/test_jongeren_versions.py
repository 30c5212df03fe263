"""Versioning: editing a shared version makes a new one; old versions stay readable; diffs."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren import services
from jongeren.models import Instemming, Jongere, VerklarendeAnalyse
from jongeren.services import BehoefteInvoer
from jongeren.verschillen import vergelijk, woordverschil
from kern.models import Kenmerk
from tests.jongeren.factories import AnalyseFactory
from tests.jongeren.formulieren import analyse_post_data

Status = VerklarendeAnalyse.Status


def _inhoud(**anders: Any) -> dict[str, Any]:
    inhoud: dict[str, Any] = {
        "factoren": "",
        "krachten": "Tekent graag.",
        "wat_werkt": "Rust.",
        "behoeften_toelichting": "",
        "zorgprofiel": "internaliserend",
        "zorgintensiteit": "midden",
        "signalen": [],
        "belangrijk_jongere": "",
        "belangrijk_ouders": "",
        "netwerk": "",
        "prioriteit_nabijheid": 2,
        "prioriteit_onderwijs": 2,
        "prioriteit_groep": 2,
        "prioriteit_team": 2,
        "prioriteit_behoeften": 2,
    }
    return inhoud | anders


def _behoefte(code: str, belang: int, toelichting: str = "") -> BehoefteInvoer:
    return BehoefteInvoer(Kenmerk.objects.get(code=code), belang, toelichting)


def test_first_save_makes_version_1_as_a_draft(noor: Jongere, coordinator: User) -> None:
    analyse, gewijzigd = services.bewaar_analyse(
        jongere=noor, door=coordinator, inhoud=_inhoud(), behoeften=[]
    )
    assert gewijzigd
    assert (analyse.versie, analyse.status) == (1, Status.CONCEPT)
    assert analyse.gemaakt_door == coordinator


def test_editing_a_draft_changes_it_in_place(
    noor_concept: VerklarendeAnalyse, coordinator: User
) -> None:
    analyse, gewijzigd = services.bewaar_analyse(
        jongere=noor_concept.jongere,
        door=coordinator,
        inhoud=_inhoud(krachten="Anders verwoord."),
        behoeften=[_behoefte("buitenruimte", 1)],
    )
    assert gewijzigd and analyse.pk == noor_concept.pk
    assert VerklarendeAnalyse.objects.count() == 1
    assert [b.kenmerk.code for b in analyse.behoeften.all()] == ["buitenruimte"]


def test_editing_a_version_under_review_makes_a_new_draft_and_keeps_the_old_answers(
    noor_ter_instemming: VerklarendeAnalyse, coordinator: User, jongere_user: User
) -> None:
    services.geef_instemming(analyse=noor_ter_instemming, persoon=jongere_user, akkoord=True)
    nieuw, gewijzigd = services.bewaar_analyse(
        jongere=noor_ter_instemming.jongere,
        door=coordinator,
        inhoud=_inhoud(krachten="Tekent graag en helpt haar broertje."),
        behoeften=[_behoefte("rust_structuur", 3)],
    )
    noor_ter_instemming.refresh_from_db()
    assert gewijzigd
    assert (nieuw.versie, nieuw.status) == (2, Status.CONCEPT)
    assert noor_ter_instemming.status == Status.VERVANGEN
    assert noor_ter_instemming.krachten == "Tekent graag en goed."
    assert noor_ter_instemming.instemmingen.filter(persoon=jongere_user, akkoord=True).exists()
    assert not nieuw.instemmingen.exists()


def test_an_endorsed_version_stays_endorsed_until_the_new_draft_is_put_forward(
    noor: Jongere, coordinator: User
) -> None:
    gedragen = AnalyseFactory.create(jongere=noor, status=Status.GEDRAGEN)
    nieuw, _ = services.bewaar_analyse(
        jongere=noor, door=coordinator, inhoud=_inhoud(wat_werkt="Sport."), behoeften=[]
    )
    gedragen.refresh_from_db()
    assert gedragen.status == Status.GEDRAGEN
    assert noor.actuele_analyse() == gedragen

    services.bewaar_analyse(
        jongere=noor,
        door=coordinator,
        inhoud=_inhoud(wat_werkt="Sport."),
        behoeften=[_behoefte("rust_structuur", 2)],
    )
    services.leg_voor(analyse=nieuw, door=coordinator)
    gedragen.refresh_from_db()
    nieuw.refresh_from_db()
    assert gedragen.status == Status.VERVANGEN
    assert nieuw.status == Status.TER_INSTEMMING
    assert noor.actuele_analyse() == nieuw


def test_saving_without_changes_makes_no_new_version(
    noor_ter_instemming: VerklarendeAnalyse, coordinator: User
) -> None:
    zelfde = {veld: getattr(noor_ter_instemming, veld) for veld in services.INHOUD_VELDEN}
    analyse, gewijzigd = services.bewaar_analyse(
        jongere=noor_ter_instemming.jongere,
        door=coordinator,
        inhoud=zelfde,
        behoeften=[_behoefte("rust_structuur", 3)],
    )
    assert not gewijzigd
    assert analyse == noor_ter_instemming
    assert VerklarendeAnalyse.objects.count() == 1


def test_the_database_allows_only_one_open_version(noor: Jongere) -> None:
    AnalyseFactory.create(jongere=noor, status=Status.TER_INSTEMMING)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnalyseFactory.create(jongere=noor, status=Status.CONCEPT)


def test_version_numbers_are_unique_per_youth(noor: Jongere, daan: Jongere) -> None:
    AnalyseFactory.create(jongere=noor, versie=1, status=Status.VERVANGEN)
    AnalyseFactory.create(jongere=daan, versie=1, status=Status.VERVANGEN)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnalyseFactory.create(jongere=noor, versie=1, status=Status.GEDRAGEN)


def test_a_new_version_copies_the_previous_one_with_its_needs(
    noor: Jongere, coordinator: User
) -> None:
    oud = AnalyseFactory.create(
        jongere=noor,
        status=Status.GEDRAGEN,
        signalen=["weglopen"],
        behoeften=[("rust_structuur", 3), ("buitenruimte", 1)],
    )
    nieuw = services.nieuwe_versie(jongere=noor, door=coordinator, basis=oud)
    assert (nieuw.versie, nieuw.status) == (2, Status.CONCEPT)
    assert nieuw.krachten == oud.krachten and nieuw.signalen == ["weglopen"]
    assert sorted(b.kenmerk.code for b in nieuw.behoeften.all()) == [
        "buitenruimte",
        "rust_structuur",
    ]


def test_word_diff_marks_removed_and_added_words() -> None:
    stukken = woordverschil("Noor tekent graag.", "Noor tekent heel graag en goed.")
    weg = [s.tekst for s in stukken if s.soort == "weg"]
    erbij = "".join(s.tekst for s in stukken if s.soort == "erbij")
    assert weg in ([], ["graag."])
    assert "heel" in erbij and "goed." in erbij
    assert "".join(s.tekst for s in stukken if s.soort != "weg") == (
        "Noor tekent heel graag en goed."
    )


def test_diff_lists_needs_added_removed_and_changed(noor: Jongere) -> None:
    oud = AnalyseFactory.create(
        jongere=noor,
        status=Status.VERVANGEN,
        behoeften=[("rust_structuur", 3), ("buitenruimte", 1), ("terugtrekplek", 2)],
    )
    nieuw = AnalyseFactory.create(
        jongere=noor,
        status=Status.TER_INSTEMMING,
        krachten="Tekent graag en goed. Helpt thuis.",
        prioriteit_nabijheid=3,
        behoeften=[("rust_structuur", 2), ("terugtrekplek", 2), ("gezinsgericht", 3)],
    )
    verschil = vergelijk(oud, nieuw, met_signalen=True)
    soorten = {(b.soort, b.naam) for b in verschil.behoeften}
    assert soorten == {
        ("gewijzigd", "rust en structuur"),
        ("weg", "buitenruimte"),
        ("erbij", "samenwerking met de familie"),
    }
    velden = {v.veld for v in verschil.velden}
    assert velden == {"krachten", "prioriteit_nabijheid"}


def test_diff_shows_signals_only_to_who_may_see_them(noor: Jongere) -> None:
    oud = AnalyseFactory.create(jongere=noor, status=Status.VERVANGEN, signalen=[])
    nieuw = AnalyseFactory.create(
        jongere=noor, status=Status.TER_INSTEMMING, signalen=["zelfbeschadiging"]
    )
    assert "signalen" in {v.veld for v in vergelijk(oud, nieuw, met_signalen=True).velden}
    assert vergelijk(oud, nieuw, met_signalen=False).is_leeg
    assert vergelijk(oud, nieuw, met_signalen=True, voor_gezin=True).is_leeg


def test_coordinator_reads_an_old_version_and_the_diff_through_the_pages(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    AnalyseFactory.create(jongere=noor, status=Status.VERVANGEN, krachten="Oude tekst.")
    AnalyseFactory.create(jongere=noor, status=Status.GEDRAGEN, krachten="Nieuwe tekst.")
    client.force_login(coordinator)

    oud = client.get(reverse("jongeren:analyse_versie", args=[noor.pk, 1]))
    assert oud.status_code == 200
    assert "Oude tekst." in oud.content.decode()
    assert "Vervangen" in oud.content.decode()

    historie = client.get(reverse("jongeren:analyse_versies", args=[noor.pk]))
    html = historie.content.decode()
    assert historie.status_code == 200
    assert "Van versie 1 naar versie 2" in html
    assert "<del>" in html and "Oude" in html
    assert "<ins>" in html and "Nieuwe" in html


def test_comparing_with_an_unknown_version_explains_itself(
    client: Client, noor: Jongere, coordinator: User
) -> None:
    AnalyseFactory.create(jongere=noor, status=Status.VERVANGEN)
    AnalyseFactory.create(jongere=noor, status=Status.GEDRAGEN)
    client.force_login(coordinator)
    response = client.get(
        reverse("jongeren:analyse_versies", args=[noor.pk]), {"van": "9", "naar": "x"}
    )
    assert response.status_code == 200
    assert "Versie 9 bestaat niet" in response.content.decode()


def test_coordinator_edit_through_the_form_makes_version_2(
    client: Client, noor_ter_instemming: VerklarendeAnalyse, coordinator: User
) -> None:
    client.force_login(coordinator)
    url = reverse("jongeren:analyse_bewerken", args=[noor_ter_instemming.jongere.pk])
    form = client.get(url)
    assert "Als je iets wijzigt, wordt dat versie 2" in form.content.decode()
    data = analyse_post_data(form.context, krachten="Tekent graag en goed. Kookt graag.")
    response = client.post(url, data | {"actie": "opslaan"})
    assert response.status_code == 302
    assert list(
        noor_ter_instemming.jongere.analyses.order_by("versie").values_list("versie", "status")
    ) == [(1, Status.VERVANGEN), (2, Status.CONCEPT)]
    assert Instemming.objects.count() == 0
