"""Factories for youths and analyses. Tests pass what matters to them explicitly."""

from __future__ import annotations

from datetime import date, timedelta

import factory
from django.utils import timezone

from jongeren.models import (
    AnalyseBehoefte,
    Jongere,
    JuridischKader,
    VerklarendeAnalyse,
)
from kern.choices import Geslacht, Zorgintensiteit, Zorgprofiel
from kern.models import Kenmerk


def jaren_geleden(jaren: int, dagen: int = 30) -> date:
    """A birth date that makes someone `jaren` old today (birthday `dagen` ago)."""
    verjaardag = timezone.localdate() - timedelta(days=dagen)
    return verjaardag.replace(year=verjaardag.year - jaren)


class JongereFactory(factory.django.DjangoModelFactory[Jongere]):
    class Meta:
        model = Jongere
        skip_postgeneration_save = True

    roepnaam = factory.Sequence(lambda n: f"Jongere{n}")
    geboortedatum = factory.LazyFunction(lambda: jaren_geleden(15))
    geslacht = Geslacht.VROUW
    woonplaats = "Haren"
    lat = 53.173
    lon = 6.605
    juridisch_kader = JuridischKader.VRIJWILLIG
    nodig_vanaf = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    coordinator = None  # always pass the coordinator: the organisation follows from it
    organisatie = factory.LazyAttribute(lambda o: o.coordinator.organisatie)

    @factory.post_generation
    def ouders(obj: Jongere, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            obj.ouders.set(extracted)  # type: ignore[arg-type]


class AnalyseFactory(factory.django.DjangoModelFactory[VerklarendeAnalyse]):
    """A complete version (every required part filled in), status concept by default."""

    class Meta:
        model = VerklarendeAnalyse
        skip_postgeneration_save = True

    jongere = None  # always pass the youth
    versie = factory.LazyAttribute(lambda o: o.jongere.analyses.count() + 1)
    status = VerklarendeAnalyse.Status.CONCEPT
    factoren = "Veel verhuizingen."
    krachten = "Tekent graag en goed."
    wat_werkt = "Rust en een vaste volwassene."
    zorgprofiel = Zorgprofiel.INTERNALISEREND
    zorgintensiteit = Zorgintensiteit.MIDDEN
    signalen: list[str] = factory.LazyFunction(list)  # type: ignore[assignment]
    gemaakt_door = factory.LazyAttribute(lambda o: o.jongere.coordinator)

    @factory.post_generation
    def behoeften(
        obj: VerklarendeAnalyse, create: bool, extracted: object, **kwargs: object
    ) -> None:
        """behoeften=[("rust_structuur", 3), ...]; by default one need, none with []."""
        if not create:
            return
        paren = extracted if extracted is not None else [("rust_structuur", 3)]
        for code, belang in paren:  # type: ignore[attr-defined]
            AnalyseBehoefte.objects.create(
                analyse=obj, kenmerk=Kenmerk.objects.get(code=code), belang=belang
            )
