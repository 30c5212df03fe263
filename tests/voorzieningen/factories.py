"""Factories for homes, team members, stays and vacancies. Tests pass what matters to them."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from accounts.models import Organisatie
from kern.choices import Geslacht, Omgeving, Zorgintensiteit, Zorgprofiel
from tests.factories import OrganisatieFactory
from voorzieningen.models import Plaatsing, Teamlid, Vacature, Voorziening


class VoorzieningFactory(factory.django.DjangoModelFactory[Voorziening]):
    class Meta:
        model = Voorziening

    aanbieder = factory.SubFactory(OrganisatieFactory, soort=Organisatie.Soort.ZORGAANBIEDER)
    naam = factory.Sequence(lambda n: f"Woning {n}")
    adres = "Lindelaan 1"
    postcode = "9711 AB"
    plaats = "Groningen"
    provincie = "Groningen"
    lat = 53.219
    lon = 6.568
    omgeving = Omgeving.WOONWIJK
    max_bewoners = 4
    voorkeur_bewoners = 4
    leeftijd_min = 12
    leeftijd_max = 18
    medewerkers_per_dienst = 1


class TeamlidFactory(factory.django.DjangoModelFactory[Teamlid]):
    class Meta:
        model = Teamlid

    voorziening = factory.SubFactory(VoorzieningFactory)
    naam = factory.Sequence(lambda n: f"Mede{n}")
    functie = Teamlid.Functie.PEDAGOGISCH_MEDEWERKER
    jaren_ervaring = 5
    begindatum = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=800))


class PlaatsingFactory(factory.django.DjangoModelFactory[Plaatsing]):
    """A stay written straight to the table: the caller keeps `bewoners_aantal` right
    (or uses `plaats_bewoner`, which goes through the service)."""

    class Meta:
        model = Plaatsing

    voorziening = factory.SubFactory(VoorzieningFactory)
    geboortemaand = dt.date(2010, 5, 1)
    geslacht = Geslacht.VROUW
    zorgprofiel = Zorgprofiel.TRAUMA
    zorgintensiteit = Zorgintensiteit.MIDDEN
    signalen = factory.LazyFunction(list)
    aankomst = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=100))


class VacatureFactory(factory.django.DjangoModelFactory[Vacature]):
    class Meta:
        model = Vacature

    voorziening = factory.SubFactory(VoorzieningFactory)
    beschikbaar_vanaf = factory.LazyFunction(timezone.localdate)
    status = Vacature.Status.OPEN
    laatst_bevestigd = factory.LazyFunction(timezone.now)


def vul_met_bewoners(voorziening: Voorziening, aantal: int, **velden: object) -> list[Plaatsing]:
    """Put `aantal` residents in a home and set its counter, as the services would."""
    bewoners = [PlaatsingFactory.create(voorziening=voorziening, **velden) for _ in range(aantal)]
    voorziening.bewoners_aantal += aantal
    Voorziening.objects.filter(pk=voorziening.pk).update(
        bewoners_aantal=voorziening.bewoners_aantal
    )
    return bewoners
