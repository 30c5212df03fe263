"""Who decides and who reads what (DOMAIN.md, "Who decides"), through the pages.

Every combination of age band, measure and gezag: the family and the youth protection worker
choose on the proposal page, and whether the proposal reaches "everyone says yes" shows
that exactly the required people counted. The same combinations decide what the parent
reads on "Mijn analyse" and in "Mijn gegevens". The expectations are written out here as a
table, not computed with `jongeren.beslissers`, so the test checks the rules themselves.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren import beslissers
from jongeren.beslissers import Inbreng
from jongeren.models import Jongere, Maatregel, VerklarendeAnalyse
from tests.jongeren.factories import jaren_geleden
from tests.matching.conftest import naar_gehouden
from voorstellen import services as flow
from voorstellen.models import Besluit, Voorstel, VoorstelStatus
from voorzieningen.models import Voorziening

LEEFTIJDEN = [10, 14, 17]
MAATREGELEN = [Maatregel.GEEN, Maatregel.OTS, Maatregel.VOOGDIJ]


def _verwacht(leeftijd: int, maatregel: str, gezag: bool) -> dict[str, object]:
    """The rules, written out: who must say yes, and does the parent read the file?"""
    voogdij = maatregel == Maatregel.VOOGDIJ
    ouder_beslist = gezag and not voogdij and leeftijd < 16
    return {
        "jongere_beslist": leeftijd >= 12,
        "ouder_beslist": ouder_beslist,
        "jeugdbeschermer_beslist": maatregel != Maatregel.GEEN,
        # Under 16 without guardianship and no linked parent with gezag: the decision of
        # whoever holds gezag must be recorded by the coordinator.
        "gezag_onbekend": leeftijd < 16 and not voogdij and not gezag,
        "ouder_inbreng": Inbreng.BESLIST if ouder_beslist else Inbreng.WORDT_GEINFORMEERD,
        "ouder_leest_dossier": gezag and not voogdij,
    }


@pytest.fixture(autouse=True)
def _woning_voor_alle_leeftijden(de_linde: Voorziening) -> None:
    Voorziening.objects.filter(pk=de_linde.pk).update(leeftijd_min=8, leeftijd_max=23)
    de_linde.refresh_from_db()


def _richt_in(
    noor: Jongere, leeftijd: int, maatregel: str, gezag: bool, beschermer: User, ouder: User
) -> None:
    noor.geboortedatum = jaren_geleden(leeftijd)
    noor.maatregel = maatregel
    noor.jeugdbeschermer = beschermer if maatregel != Maatregel.GEEN else None
    if maatregel == Maatregel.OTS:
        noor.machtiging_uhp_van = timezone.localdate() - dt.timedelta(days=10)
        noor.machtiging_uhp_tot = noor.nodig_vanaf + dt.timedelta(days=365)
    noor.save()
    if not gezag:
        noor.ouders_zonder_gezag.add(ouder)


def _kies(client: Client, user: User, voorstel: Voorstel, keuze: str) -> None:
    client.force_login(user)
    response = client.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "besluit"]), {"keuze": keuze}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("gezag", [True, False], ids=["met_gezag", "zonder_gezag"])
@pytest.mark.parametrize("maatregel", MAATREGELEN)
@pytest.mark.parametrize("leeftijd", LEEFTIJDEN)
def test_who_must_agree_per_age_measure_and_gezag(
    client: Client,
    leeftijd: int,
    maatregel: str,
    gezag: bool,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
    coordinator: User,
    jeugdbeschermer_user: User,
) -> None:
    _richt_in(noor, leeftijd, maatregel, gezag, jeugdbeschermer_user, ouder_user)
    verwacht = _verwacht(leeftijd, maatregel, gezag)
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=coordinator, motivatie="Past goed."
    )
    voorstel = naar_gehouden(flow.stuur_voorstel(voorstel=voorstel, door=coordinator), beheerder)

    # The page says, for everyone to read, what say the parent has.
    client.force_login(jongere_user)
    pagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert "Wie beslist over deze plek?" in pagina
    assert (
        f'data-sleutel="ouder:{ouder_user.pk}" data-inbreng="{verwacht["ouder_inbreng"]}"' in pagina
    )

    # Everyone with an account says yes, except the parent, who says no.
    _kies(client, jongere_user, voorstel, "ja")
    if maatregel != Maatregel.GEEN:
        _kies(client, jeugdbeschermer_user, voorstel, "ja")
    _kies(client, ouder_user, voorstel, "nee")
    voorstel.refresh_from_db()
    akkoord = not verwacht["ouder_beslist"] and not verwacht["gezag_onbekend"]
    assert (voorstel.status == VoorstelStatus.AKKOORD) is akkoord

    if verwacht["gezag_onbekend"]:
        # The coordinator records the decision of whoever holds gezag, from a conversation.
        client.force_login(coordinator)
        client.post(
            reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "vastleggen"]),
            {
                "sleutel": beslissers.SLEUTEL_GEZAG_ONBEKEND,
                "keuze": "ja",
                "hoe": "telefoon",
                "gesprek_op": (timezone.localtime() - dt.timedelta(hours=1)).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
                "aanwezig": "De coördinator en de moeder",
            },
        )
        voorstel.refresh_from_db()
        assert (voorstel.status == VoorstelStatus.AKKOORD) is not verwacht["ouder_beslist"]

    if verwacht["ouder_beslist"]:
        # The parent with gezag decides: their yes completes it.
        _kies(client, ouder_user, voorstel, "ja")
        voorstel.refresh_from_db()
        assert voorstel.status == VoorstelStatus.AKKOORD


@pytest.mark.parametrize("gezag", [True, False], ids=["met_gezag", "zonder_gezag"])
@pytest.mark.parametrize("maatregel", MAATREGELEN)
@pytest.mark.parametrize("leeftijd", LEEFTIJDEN)
def test_what_the_parent_reads_per_age_measure_and_gezag(
    client: Client,
    leeftijd: int,
    maatregel: str,
    gezag: bool,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    ouder_user: User,
    jeugdbeschermer_user: User,
) -> None:
    _richt_in(noor, leeftijd, maatregel, gezag, jeugdbeschermer_user, ouder_user)
    leest = _verwacht(leeftijd, maatregel, gezag)["ouder_leest_dossier"]
    client.force_login(ouder_user)
    pagina = client.get(reverse("jongeren:mijn_jongere", args=[noor.pk])).content.decode()
    assert ('id="algemeen"' not in pagina) is leest
    gegevens = json.loads(client.get(reverse("privacy:mijn_gegevens_json", args=[noor.pk])).content)
    assert bool(gegevens["analyses"]) is leest
    assert ("zelfbeschadiging" in json.dumps(gegevens).lower()) is leest
    # The parent never reads the youth's e-mail address, whatever the rules say.
    assert "noor@example.org" not in json.dumps(gegevens)
    veranderingen = client.get(reverse("jongeren:mijn_veranderingen", args=[noor.pk]))
    if not leest:
        assert veranderingen.status_code == 302


def test_from_16_the_youth_hides_the_analysis_and_signals_from_parents(
    client: Client,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
) -> None:
    noor.geboortedatum = jaren_geleden(16)
    noor.save()
    client.force_login(jongere_user)
    uitleg = client.get(reverse("jongeren:mijn_wie_leest", args=[noor.pk])).content.decode()
    assert "Je bent 16 of ouder: jij kiest" in uitleg
    client.post(reverse("jongeren:mijn_wie_leest", args=[noor.pk]), {"ouders_zien_analyse": "nee"})
    noor.refresh_from_db()
    assert noor.ouders_zien_analyse is False
    uitleg = client.get(reverse("jongeren:mijn_wie_leest", args=[noor.pk])).content.decode()
    assert "Je hebt gekozen dat je ouders je analyse niet lezen." in uitleg

    client.force_login(ouder_user)
    gegevens = client.get(reverse("privacy:mijn_gegevens_json", args=[noor.pk])).json()
    assert gegevens["analyses"] == [] and gegevens["alleen_algemeen"] is True
    assert "zelfbeschadiging" not in json.dumps(gegevens).lower()
    assert 'id="algemeen"' in client.get(reverse("jongeren:mijn", args=[])).content.decode()
    # The parent cannot make the choice for the youth.
    antwoord = client.post(
        reverse("jongeren:mijn_wie_leest", args=[noor.pk]), {"ouders_zien_analyse": "ja"}
    )
    assert antwoord.status_code == 403


def test_under_16_the_youth_cannot_hide_the_file_from_parents_with_gezag(
    client: Client, noor: Jongere, jongere_user: User
) -> None:
    noor.geboortedatum = jaren_geleden(15)
    noor.save()
    client.force_login(jongere_user)
    antwoord = client.post(
        reverse("jongeren:mijn_wie_leest", args=[noor.pk]), {"ouders_zien_analyse": "nee"}
    )
    assert antwoord.status_code == 403
    noor.refresh_from_db()
    assert noor.ouders_zien_analyse is True


def test_nobody_reads_another_family_members_email_in_mijn_gegevens(
    client: Client, noor: Jongere, jongere_user: User, ouder_user: User
) -> None:
    tweede = User.objects.create_user("rick@example.org", rol="ouder", first_name="Rick")
    noor.ouders.add(tweede)
    client.force_login(ouder_user)
    tekst = json.dumps(client.get(reverse("privacy:mijn_gegevens_json", args=[noor.pk])).json())
    assert "esther@example.org" in tekst
    assert "rick@example.org" not in tekst and "noor@example.org" not in tekst
    client.force_login(jongere_user)
    tekst = client.get(reverse("privacy:mijn_gegevens", args=[noor.pk])).content.decode()
    assert "rick@example.org" not in tekst and "esther@example.org" not in tekst


# --- The court's authorisation, the override, and a recorded decision --------------------


@pytest.fixture
def onder_ots(
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    beheerder: User,
    coordinator: User,
    jeugdbeschermer_user: User,
) -> Voorstel:
    noor.geboortedatum = jaren_geleden(14)
    noor.maatregel = Maatregel.OTS
    noor.jeugdbeschermer = jeugdbeschermer_user
    noor.save()
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=coordinator, motivatie="Past goed."
    )
    return naar_gehouden(flow.stuur_voorstel(voorstel=voorstel, door=coordinator), beheerder)


def test_under_ots_placement_needs_the_authorisation_valid_on_the_arrival_date(
    client: Client,
    onder_ots: Voorstel,
    noor: Jongere,
    jongere_user: User,
    ouder_user: User,
    jeugdbeschermer_user: User,
    coordinator: User,
) -> None:
    for wie in (jongere_user, ouder_user, jeugdbeschermer_user):
        _kies(client, wie, onder_ots, "ja")
    onder_ots.refresh_from_db()
    assert onder_ots.status == VoorstelStatus.AKKOORD
    vandaag = timezone.localdate()
    with pytest.raises(flow.VoorstelFout, match="machtiging uithuisplaatsing"):
        flow.plaats(voorstel=onder_ots, door=coordinator, aankomst=vandaag)
    noor.machtiging_uhp_van = vandaag + dt.timedelta(days=3)
    noor.save()
    with pytest.raises(flow.VoorstelFout, match="geldt niet op de aankomstdatum"):
        flow.plaats(voorstel=onder_ots, door=coordinator, aankomst=vandaag)
    flow.plaats(voorstel=onder_ots, door=coordinator, aankomst=vandaag + dt.timedelta(days=3))
    onder_ots.refresh_from_db()
    assert onder_ots.status == VoorstelStatus.GEPLAATST


def test_override_of_a_parents_no_only_with_the_authorisation_and_a_reason(
    client: Client,
    onder_ots: Voorstel,
    noor: Jongere,
    jongere_user: User,
    ouder_user: User,
    jeugdbeschermer_user: User,
    coordinator: User,
) -> None:
    _kies(client, jongere_user, onder_ots, "ja")
    _kies(client, jeugdbeschermer_user, onder_ots, "ja")
    _kies(client, ouder_user, onder_ots, "nee")
    sleutel = beslissers.sleutel_ouder(ouder_user.pk)
    # Without the court's authorisation the parent's no stands.
    with pytest.raises(flow.VoorstelFout, match="Dit mag niet"):
        flow.overschrijf_besluit(
            voorstel=onder_ots, door=coordinator, sleutel=sleutel, reden="Veiligheid."
        )
    # Nor can the youth protection worker or the 14-year-old be overridden.
    noor.machtiging_uhp_van = timezone.localdate()
    noor.save()
    for ander in (beslissers.SLEUTEL_JEUGDBESCHERMER, beslissers.SLEUTEL_JONGERE):
        with pytest.raises(flow.VoorstelFout):
            flow.overschrijf_besluit(voorstel=onder_ots, door=coordinator, sleutel=ander, reden="x")
    client.force_login(coordinator)
    client.post(
        reverse("voorstellen:voorstel_actie", args=[onder_ots.pk, "besluit-overschrijven"]),
        {"over-sleutel": sleutel, "over-reden": ""},
    )
    onder_ots.refresh_from_db()
    assert onder_ots.status == VoorstelStatus.KENNISMAKING_GEHOUDEN
    client.post(
        reverse("voorstellen:voorstel_actie", args=[onder_ots.pk, "besluit-overschrijven"]),
        {"over-sleutel": sleutel, "over-reden": "De rechter gaf de machtiging; thuis is onveilig."},
    )
    onder_ots.refresh_from_db()
    assert onder_ots.status == VoorstelStatus.AKKOORD
    assert onder_ots.tijdlijn.filter(wat="besluit_overschreven").exists()


def test_a_recorded_decision_is_marked_and_can_be_confirmed_later(
    client: Client,
    noor: Jongere,
    noor_analyse: VerklarendeAnalyse,
    de_linde: Voorziening,
    beheerder: User,
    coordinator: User,
    jongere_user: User,
) -> None:
    # Noor (14) has no account yet: the coordinator records her yes from a talk.
    noor.account = None
    noor.geboortedatum = jaren_geleden(14)
    noor.save()
    voorstel = flow.maak_voorstel(
        jongere=noor, voorziening=de_linde, door=coordinator, motivatie="Past goed."
    )
    voorstel = naar_gehouden(flow.stuur_voorstel(voorstel=voorstel, door=coordinator), beheerder)
    client.force_login(coordinator)
    client.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "vastleggen"]),
        {
            "sleutel": "jongere",
            "keuze": "ja",
            "hoe": "gesprek",
            "gesprek_op": (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "aanwezig": "De coördinator en de mentor van school",
        },
    )
    besluit = Besluit.objects.get(voorstel=voorstel, sleutel="jongere")
    assert besluit.persoon is None and besluit.vastgelegd_door == coordinator
    assert besluit.aanwezig == "De coördinator en de mentor van school"
    pagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert "Vastgelegd door de coördinator" in pagina

    # Later Noor gets an account and confirms what was written down.
    noor.account = jongere_user
    noor.save()
    client.force_login(jongere_user)
    pagina = client.get(voorstel.get_absolute_url()).content.decode()
    assert "Klopt wat de coördinator opschreef?" in pagina
    client.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "bevestigen"]),
        {"besluit": besluit.pk},
    )
    besluit.refresh_from_db()
    assert besluit.bevestigd_op is not None and besluit.persoon == jongere_user
    # Someone else cannot confirm it.
    with pytest.raises(flow.VoorstelFout):
        flow.bevestig_besluit(besluit=besluit, door=coordinator)


def test_the_youth_protection_worker_sees_their_youths_and_decides(
    client: Client, onder_ots: Voorstel, noor: Jongere, jeugdbeschermer_user: User
) -> None:
    client.force_login(jeugdbeschermer_user)
    lijst = client.get(reverse("jongeren:beschermd")).content.decode()
    assert "Noor" in lijst and "Ondertoezichtstelling" in lijst
    assert client.get(onder_ots.get_absolute_url()).status_code == 200
    _kies(client, jeugdbeschermer_user, onder_ots, "ja")
    assert Besluit.objects.filter(
        voorstel=onder_ots, sleutel="jeugdbeschermer", persoon=jeugdbeschermer_user
    ).exists()
    # Another youth protection worker sees neither the youth nor the proposal.
    ander = User.objects.create_user("ander@example.org", rol="jeugdbeschermer")
    client.force_login(ander)
    assert client.get(onder_ots.get_absolute_url()).status_code == 404
    assert "Noor" not in client.get(reverse("jongeren:beschermd")).content.decode()


@pytest.mark.parametrize(
    ("leeftijd", "maatregel", "jongere", "ouder", "beschermer"),
    [
        (10, "geen", Inbreng.WORDT_GEHOORD, Inbreng.BESLIST, None),
        (14, "geen", Inbreng.BESLIST, Inbreng.BESLIST, None),
        (16, "geen", Inbreng.BESLIST, Inbreng.WORDT_GEINFORMEERD, None),
        (19, "ots", Inbreng.BESLIST, Inbreng.WORDT_GEINFORMEERD, None),
        (10, "ots", Inbreng.WORDT_GEHOORD, Inbreng.BESLIST, Inbreng.BESLIST_MEE),
        (14, "voogdij", Inbreng.BESLIST, Inbreng.WORDT_GEINFORMEERD, Inbreng.BESLIST),
        (
            10,
            "voorlopige_voogdij",
            Inbreng.WORDT_GEHOORD,
            Inbreng.WORDT_GEINFORMEERD,
            Inbreng.BESLIST,
        ),
    ],
)
def test_wie_beslist_rules_as_a_pure_function(
    leeftijd: int, maatregel: str, jongere: Inbreng, ouder: Inbreng, beschermer: Inbreng | None
) -> None:
    uitkomst = beslissers.wie_beslist(
        leeftijd=leeftijd,
        maatregel=maatregel,
        ouders=[beslissers.Ouder("ouder:1", "Esther", True)],
        jongere_naam="Noor",
        jeugdbeschermer_naam="Karin",
    )
    assert uitkomst.van("jongere").inbreng == jongere  # type: ignore[union-attr]
    assert uitkomst.van("ouder:1").inbreng == ouder  # type: ignore[union-attr]
    gi = uitkomst.van("jeugdbeschermer")
    assert (gi.inbreng if gi else None) == beschermer


def test_erasure_empties_recorded_decisions_and_overrides(
    client: Client,
    onder_ots: Voorstel,
    noor: Jongere,
    ouder_user: User,
    coordinator: User,
) -> None:
    from privacy.bewaren import Samenvatting, anonimiseer

    noor.machtiging_uhp_van = timezone.localdate()
    noor.save()
    _kies(client, ouder_user, onder_ots, "nee")
    flow.leg_besluit_vast(
        voorstel=onder_ots,
        door=coordinator,
        sleutel="jongere",
        keuze="ja",
        hoe="gesprek",
        gesprek_op=timezone.now() - dt.timedelta(hours=1),
        aanwezig="De coördinator en oma Trijntje",
    )
    flow.overschrijf_besluit(
        voorstel=onder_ots,
        door=coordinator,
        sleutel=beslissers.sleutel_ouder(ouder_user.pk),
        reden="Thuis is het niet veilig.",
    )
    anonimiseer(Jongere.objects.get(pk=noor.pk), Samenvatting())
    for besluit in Besluit.objects.filter(voorstel=onder_ots):
        assert (besluit.opmerking, besluit.aanwezig, besluit.naam) == ("", "", "")
