"""factory_boy factories. Tests pass the values that matter to them explicitly."""

from __future__ import annotations

import factory
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Organisatie, Regio, Rol, User


class RegioFactory(factory.django.DjangoModelFactory[Regio]):
    class Meta:
        model = Regio
        django_get_or_create = ("naam",)

    naam = factory.Sequence(lambda n: f"Regio {n}")


class OrganisatieFactory(factory.django.DjangoModelFactory[Organisatie]):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    soort = Organisatie.Soort.ZORGAANBIEDER
    regio = factory.SubFactory(RegioFactory)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = factory.Sequence(lambda n: f"Persoon{n}")
    rol = Rol.JONGERE
    password = factory.PostGenerationMethodCall("set_password", "een-goed-wachtwoord")

    @factory.post_generation
    def _save(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


def tweede_stap_gedaan(client: Client, user: User) -> TOTPDevice:
    """Gives the user an authenticator and marks the client's session as past the second
    login step, as the code page does after a right code."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Test-authenticator", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def geef_reden(client: Client, jongere_id: int, *, reden: str = "Vraag van de helpdesk") -> None:
    """An admin states why they open this youth's data (the "reden" page), as a person
    would before the admin shows it."""
    response = client.post(
        reverse("privacy:reden", args=[jongere_id]), {"doel": "beheer", "reden": reden}
    )
    assert response.status_code == 302, response.content.decode()
