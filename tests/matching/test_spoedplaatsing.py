"""Emergency placement (spoedplaatsing): steps skipped with a stated reason, the analysis
following within 14 days, and the case on the coordinator's and the region's list until
it does — through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import VerklarendeAnalyse
from voorstellen import services as flow
from voorstellen.models import Voorstel, VoorstelGebeurtenis, VoorstelStatus


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _spoed(client: Client, voorstel: Voorstel, reden: str) -> None:
    client.post(
        reverse("voorstellen:voorstel_actie", args=[voorstel.pk, "spoed"]), {"spoed-reden": reden}
    )


def test_coordinator_skips_steps_with_a_reason_and_can_place(
    verstuurd: Voorstel, coordinator: User
) -> None:
    client = _login(coordinator)
    assert "Spoedplaatsing: stappen overslaan" in client.get(verstuurd.get_absolute_url()).text
    _spoed(client, verstuurd, "Thuis niet veilig, politie belde vannacht.")
    verstuurd.refresh_from_db()
    assert verstuurd.status == VoorstelStatus.AKKOORD
    assert verstuurd.spoed_sinds is not None
    stap = VoorstelGebeurtenis.objects.get(voorstel=verstuurd, wat="spoed")
    assert "politie belde" in stap.waarom
    assert "antwoord van de woning" in stap.waarom  # the skipped steps are named
    page = client.get(verstuurd.get_absolute_url()).text
    assert "Spoedplaatsing sinds" in page
    assert "Plaats de jongere" in page


def test_an_emergency_still_needs_the_yes_of_whoever_decides(
    verstuurd: Voorstel, coordinator: User, jongere_user: User, ouder_user: User
) -> None:
    """The law's agreement is never skipped: placing waits for it, and then goes ahead."""
    _spoed(_login(coordinator), verstuurd, "Thuis niet veilig.")
    verstuurd.refresh_from_db()
    with pytest.raises(flow.VoorstelFout):
        flow.plaats(voorstel=verstuurd, door=coordinator, aankomst=timezone.localdate())
    for persoon in (jongere_user, ouder_user):
        flow.neem_besluit(voorstel=verstuurd, door=persoon, keuze="ja", opmerking="")
    flow.plaats(voorstel=verstuurd, door=coordinator, aankomst=timezone.localdate())
    verstuurd.refresh_from_db()
    assert verstuurd.status == VoorstelStatus.GEPLAATST


def test_no_emergency_without_a_reason(verstuurd: Voorstel, coordinator: User) -> None:
    _spoed(_login(coordinator), verstuurd, "   ")
    verstuurd.refresh_from_db()
    assert verstuurd.status == VoorstelStatus.VERSTUURD
    assert verstuurd.spoed_sinds is None


def test_only_the_coordinator_may_start_an_emergency(
    verstuurd: Voorstel, beheerder: User, ouder_user: User
) -> None:
    for persoon in (beheerder, ouder_user):
        _spoed(_login(persoon), verstuurd, "Snel")
        verstuurd.refresh_from_db()
        assert verstuurd.status == VoorstelStatus.VERSTUURD


def test_a_concept_cannot_skip_the_engine_check(concept: Voorstel, coordinator: User) -> None:
    _spoed(_login(coordinator), concept, "Snel")
    concept.refresh_from_db()
    assert concept.status == VoorstelStatus.CONCEPT


def test_without_endorsed_analysis_it_stays_listed_and_is_overdue_after_14_days(
    verstuurd: Voorstel, coordinator: User, noor_analyse: VerklarendeAnalyse
) -> None:
    # The analysis was not endorsed yet: the emergency came first.
    VerklarendeAnalyse.objects.filter(pk=noor_analyse.pk).update(
        status=VerklarendeAnalyse.Status.TER_INSTEMMING, gedragen_op=None
    )
    client = _login(coordinator)
    _spoed(client, verstuurd, "Crisis")
    lijst = client.get(reverse("voorstellen:lijst")).text
    assert "de analyse moet nog volgen" in lijst
    assert "te laat" not in lijst
    beeld = client.get(reverse("plaatsingstafel:regio")).context["beeld"]
    assert [rij.te_laat for rij in beeld.spoed] == [False]

    Voorstel.objects.filter(pk=verstuurd.pk).update(
        spoed_sinds=timezone.now() - dt.timedelta(days=15)
    )
    assert "te laat" in client.get(reverse("voorstellen:lijst")).text
    regio = client.get(reverse("plaatsingstafel:regio"))
    assert regio.context["beeld"].spoed_te_laat == 1
    assert "Noor" not in regio.text  # the region sees the proposal number, not the name

    # Endorsed: off both lists.
    VerklarendeAnalyse.objects.filter(pk=noor_analyse.pk).update(
        status=VerklarendeAnalyse.Status.GEDRAGEN, gedragen_op=timezone.now()
    )
    assert "de analyse moet nog volgen" not in client.get(reverse("voorstellen:lijst")).text
    assert client.get(reverse("plaatsingstafel:regio")).context["beeld"].spoed == []
