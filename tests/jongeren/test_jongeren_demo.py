"""The demo youths: idempotent, every stage present, Noor endorsed by all three."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.models import User
from demo.management.commands.seed_demo import DEMO_STEPS
from jongeren.models import AnalyseBehoefte, Instemming, Jongere, VerklarendeAnalyse

Status = VerklarendeAnalyse.Status


@pytest.fixture
def demo(db: None, settings: Settings) -> None:
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def _stand() -> tuple[int, ...]:
    return (
        Jongere.objects.count(),
        VerklarendeAnalyse.objects.count(),
        AnalyseBehoefte.objects.count(),
        Instemming.objects.count(),
        User.objects.count(),
    )


def test_youths_come_after_accounts_and_homes(db: None) -> None:
    assert "demo.jongeren" in DEMO_STEPS
    assert DEMO_STEPS.index("demo.accounts") < DEMO_STEPS.index("demo.jongeren")
    if "demo.voorzieningen" in DEMO_STEPS:
        assert DEMO_STEPS.index("demo.voorzieningen") < DEMO_STEPS.index("demo.jongeren")


def test_seeding_twice_changes_nothing(demo: None, settings: Settings) -> None:
    eerst = _stand()
    statussen = list(VerklarendeAnalyse.objects.order_by("pk").values_list("status", "krachten"))
    call_command("seed_demo", verbosity=0)
    assert _stand() == eerst
    assert (
        list(VerklarendeAnalyse.objects.order_by("pk").values_list("status", "krachten"))
        == statussen
    )


def test_at_least_twelve_youths_at_every_stage(demo: None) -> None:
    assert Jongere.objects.count() >= 12
    assert set(Jongere.objects.values_list("fase", flat=True)) == {
        "analyse",
        "zoeken",
        "voorgesteld",
        "geplaatst",
    }
    assert {Status.CONCEPT, Status.TER_INSTEMMING, Status.GEDRAGEN, Status.VERVANGEN} <= set(
        VerklarendeAnalyse.objects.values_list("status", flat=True)
    )
    assert Jongere.objects.filter(analyses__isnull=True).exists()
    assert any(j.heeft_machtiging_gesloten for j in Jongere.objects.all())


def test_most_youths_are_in_groningen_and_some_in_friesland(demo: None) -> None:
    groningen = Jongere.objects.filter(coordinator__email="coordinator@example.org").count()
    friesland = Jongere.objects.filter(coordinator__email="coordinator2@example.org").count()
    assert groningen > friesland >= 2
    for jongere in Jongere.objects.all():
        assert jongere.lat is not None and 52.5 < jongere.lat < 53.6
        assert jongere.organisatie == jongere.coordinator.organisatie
        assert 8 <= jongere.leeftijd_op(jongere.nodig_vanaf) <= 23


def test_noor_is_endorsed_by_herself_her_mother_and_her_coordinator(demo: None) -> None:
    noor = Jongere.objects.get(roepnaam="Noor")
    assert noor.account == User.objects.get(email="jongere@example.org")
    assert list(noor.ouders.all()) == [User.objects.get(email="ouder@example.org")]
    assert noor.leeftijd == 15
    analyse = noor.actuele_analyse()
    assert analyse is not None and analyse.status == Status.GEDRAGEN
    assert analyse.iedereen_akkoord()
    assert set(analyse.instemmingen.values_list("persoon__email", "rol", "akkoord")) == {
        ("jongere@example.org", "jongere", True),
        ("ouder@example.org", "ouder", True),
        ("coordinator@example.org", "coordinator", True),
    }
    assert analyse.behoeften.count() >= 3 and analyse.belangrijk_jongere
    assert noor.analyses.filter(status=Status.VERVANGEN).exists()


def test_every_status_matches_the_recorded_answers(demo: None) -> None:
    for analyse in VerklarendeAnalyse.objects.exclude(status=Status.CONCEPT):
        if analyse.status == Status.GEDRAGEN:
            assert analyse.iedereen_akkoord(), analyse
        elif analyse.status == Status.TER_INSTEMMING:
            assert not analyse.iedereen_akkoord(), analyse
            assert not analyse.ontbrekende_delen(), analyse


def test_the_demo_family_reads_noors_analysis(client: Client, demo: None) -> None:
    for email in ("jongere@example.org", "ouder@example.org"):
        client.post(reverse("login"), {"username": email, "password": "passendeplek-demo"})
        html = client.get(reverse("jongeren:mijn")).content.decode()
        assert "Iedereen is het eens." in html
        assert "Zelfbeschadiging" not in html


def test_the_demo_holds_every_case_of_who_decides(demo: None) -> None:
    from voorstellen.models import Voorstel
    from voorzieningen.models import Overgangspunt, Plaatsing

    beschermer = User.objects.get(email="jeugdbeschermer@example.org")
    ots = Jongere.objects.filter(maatregel="ots", jeugdbeschermer=beschermer)
    assert ots.exists()
    assert Jongere.objects.filter(maatregel__in=["voogdij", "voorlopige_voogdij"]).exists()
    zestien = [
        j
        for j in Jongere.objects.filter(ouders__isnull=False).distinct()
        if 16 <= j.leeftijd < 18 and any(not j.ouder_leest_dossier(o) for o in j.ouders.all())
    ]
    assert zestien, "a 16-year-old who keeps the file from a parent"
    assert Jongere.objects.filter(account__isnull=True).exists()
    assert any(v.analyse_te_laat() for v in Voorstel.objects.filter(spoed_sinds__isnull=False))
    assert Jongere.objects.filter(broers_zussen__isnull=False).exists()
    assert Jongere.objects.filter(zoeken_sinds__isnull=False).exists()
    # A youth without an account whose endorsement the coordinator recorded: endorsed.
    sara = Jongere.objects.get(roepnaam="Sara")
    assert sara.account is None
    analyse = sara.actuele_analyse()
    assert analyse is not None and analyse.is_gedragen
    assert analyse.instemmingen.filter(rol="jongere", vastgelegd_door__isnull=False).exists()
    # 17½ in a home: a mentor she chose and a checklist with open items.
    verblijf = Plaatsing.objects.get(jongere__roepnaam="Ilse", einde__isnull=True)
    assert verblijf.overgang_nu() and verblijf.mentor is not None
    assert verblijf.mentor.voorziening_id == verblijf.voorziening_id
    statussen = {p.onderwerp: p.status for p in verblijf.overgangslijst()}
    assert statussen["school_werk"] == Overgangspunt.Status.GEREGELD
    assert statussen["inkomen"] == Overgangspunt.Status.OPEN
    assert verblijf.perspectieven.exists()


def test_ilse_sees_her_stay_and_the_checklist_on_her_start_page(client: Client, demo: None) -> None:
    ilse = User.objects.get(email="ilse@jongeren.example.org")
    client.force_login(ilse)
    start = client.get(reverse("start")).text
    assert "Klaar voor 18" in start
    verblijf = ilse.jongere_profiel.plaatsingen.get(einde__isnull=True)
    pagina = client.get(reverse("voorzieningen:verblijf", args=[verblijf.pk])).text
    assert "Het plan is dat je zelfstandig gaat wonen." in pagina
    assert "Je hebt" in pagina and "gekozen als mentor" in pagina
