"""After the stay: the coordinator records the stay's perspective, reviewed over time."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Perspectief


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_perspective_is_reviewed_over_time_by_the_coordinator_only(
    verstuurd: Voorstel,
    coordinator: User,
    beheerder: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    flow.start_spoedplaatsing(voorstel=verstuurd, door=coordinator, reden="Crisis")
    for persoon in (jongere_user, ouder_user):  # who decides still says yes
        flow.neem_besluit(voorstel=verstuurd, door=persoon, keuze="ja", opmerking="")
    flow.plaats(voorstel=verstuurd, door=coordinator, aankomst=timezone.localdate())
    url = reverse("voorstellen:voorstel_actie", args=[verstuurd.pk, "perspectief"])
    _login(beheerder).post(url, {"richting": "thuis"})
    assert not Perspectief.objects.exists()
    client = _login(coordinator)
    client.post(url, {"richting": "thuis", "toelichting": "Eerst thuis proberen."})
    client.post(url, {"richting": "zelfstandig", "toelichting": "Bijna 18."})
    page = client.get(verstuurd.get_absolute_url()).text
    assert "Eerst thuis proberen." in page and "Bijna 18." in page
    verstuurd.refresh_from_db()
    assert verstuurd.plaatsing is not None
    assert [p.richting for p in verstuurd.plaatsing.perspectieven.all()] == [
        "zelfstandig",
        "thuis",
    ]
