"""Two providers, each with a home, a vacancy and a proposal, and an API key each.

Provider A (Stichting Noorderhuis, `beheerder`) has De Linde with an open vacancy and a free
place without one; Noor's proposal was sent there. Provider B (Waddenkring, `beheerder2`) has
Huize Wadzicht with the same, and Sem's proposal. `api_a` and `api_b` are clients that send
their provider's key; `sleutel_a`/`sleutel_b` are the keys themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import User
from api.sleutels import maak_sleutel
from tests.jongeren.factories import AnalyseFactory, JongereFactory
from tests.voorzieningen.factories import VacatureFactory, VoorzieningFactory
from voorstellen import services as flow
from voorstellen.models import Voorstel
from voorzieningen.models import Vacature, Voorziening


class ApiClient(Client):
    """A test client that sends an API key and JSON."""

    def __init__(self, sleutel: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sleutel = sleutel

    def _kop(self, extra: dict[str, Any]) -> dict[str, Any]:
        kop = dict(extra)
        if self.sleutel is not None:
            kop.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.sleutel}")
        return kop

    def api_get(self, pad: str, **extra: Any) -> Any:
        return self.get(pad, **self._kop(extra))

    def api_post(
        self, pad: str, data: Any = None, *, sleutel: str | None = "auto", **extra: Any
    ) -> Any:
        kop = self._kop(extra)
        if sleutel == "auto":
            import uuid

            kop["HTTP_IDEMPOTENCY_KEY"] = str(uuid.uuid4())
        elif sleutel is not None:
            kop["HTTP_IDEMPOTENCY_KEY"] = sleutel
        return self.post(
            pad, data if data is not None else {}, content_type="application/json", **kop
        )

    def api_patch(self, pad: str, data: Any, **extra: Any) -> Any:
        return self.patch(pad, data, content_type="application/json", **self._kop(extra))


@dataclass
class Aanbieder:
    beheerder: User
    woning: Voorziening
    vacature: Vacature
    voorstel: Voorstel
    sleutel: str
    client: ApiClient


def _aanbieder(
    beheerder: User, coordinator: User, naam: str, jongere: str, **woning: Any
) -> Aanbieder:
    home = VoorzieningFactory.create(
        aanbieder=beheerder.organisatie, naam=naam, max_bewoners=4, **woning
    )
    vacature = VacatureFactory.create(voorziening=home, beschikbaar_vanaf=timezone.localdate())
    youth = JongereFactory.create(roepnaam=jongere, coordinator=coordinator)
    AnalyseFactory.create(jongere=youth, status="gedragen", behoeften=[("rust_structuur", 3)])
    voorstel = flow.stuur_voorstel(
        voorstel=flow.maak_voorstel(
            jongere=youth, voorziening=home, door=coordinator, motivatie="Past goed."
        ),
        door=coordinator,
    )
    _record, sleutel = maak_sleutel(gebruiker=beheerder, naam="Roostersysteem", door=None)
    return Aanbieder(beheerder, home, vacature, voorstel, sleutel, ApiClient(sleutel))


@pytest.fixture
def a(beheerder: User, coordinator: User) -> Aanbieder:
    return _aanbieder(beheerder, coordinator, "De Linde", "Noor", lat=53.2, lon=6.58)


@pytest.fixture
def b(beheerder2: User, coordinator: User) -> Aanbieder:
    return _aanbieder(
        beheerder2, coordinator, "Huize Wadzicht", "Sem", lat=53.37, lon=5.9, provincie="Friesland"
    )
