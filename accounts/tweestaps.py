"""Two-step login with a time-based code (TOTP, RFC 6238) from an authenticator app.

django-otp keeps the devices and checks the codes (with replay protection and growing
delays after wrong codes); this module decides who must use it and ends sessions.
"""

from __future__ import annotations

import time
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ActieveSessie, User


def toestel(user: User) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def moet_tweede_stap(user: User) -> bool:
    """Whether this user must pass the second step before using the portal."""
    if user.is_professional and settings.TWEESTAPS_VERPLICHT:
        return True
    return toestel(user) is not None


def is_geverifieerd(user: object) -> bool:
    """True once the second step was passed in this session (set by OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def nieuw_toestel(user: User) -> TOTPDevice:
    """An unconfirmed device with a fresh secret; replaces an earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)


def met_volgende(url: str, volgende: str) -> str:
    """`url?next=volgende`, readable the way Django's own login redirect writes it."""
    query = QueryDict(mutable=True)
    query["next"] = volgende
    return f"{url}?{query.urlencode(safe='/')}"


# --- Sessions -------------------------------------------------------------------------------


def beeindig_sessie(sessie: ActieveSessie) -> None:
    """Ends one session, in whatever session store is configured."""
    import_module(settings.SESSION_ENGINE).SessionStore(session_key=sessie.sessie_sleutel).delete()
    sessie.delete()


def beeindig_sessies(user: User) -> int:
    """Ends every session of this user."""
    sessies = list(user.sessies.all())
    for sessie in sessies:
        beeindig_sessie(sessie)
    return len(sessies)


@receiver(user_logged_in)
def _onthoud_sessie(sender: object, request: HttpRequest, user: User, **kwargs: object) -> None:
    # The start of a professional's working day (accounts.middleware).
    request.session["ingelogd_op"] = int(time.time())
    sleutel = request.session.session_key
    if not sleutel:
        request.session.save()
        sleutel = request.session.session_key
    # Rows of sessions that have long expired are of no use any more.
    oud = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    user.sessies.filter(aangemaakt__lt=oud).delete()
    ActieveSessie.objects.update_or_create(
        sessie_sleutel=sleutel, defaults={"gebruiker": user, "aangemaakt": timezone.now()}
    )


@receiver(user_logged_out)
def _vergeet_sessie(
    sender: object, request: HttpRequest, user: User | None, **kwargs: object
) -> None:
    if user is not None and request.session.session_key:
        ActieveSessie.objects.filter(sessie_sleutel=request.session.session_key).delete()


@receiver(pre_save, sender=User)
def _let_op_deactivatie(sender: type[User], instance: User, **kwargs: object) -> None:
    if instance.pk and not instance.is_active:
        was_actief = User.objects.filter(pk=instance.pk, is_active=True).exists()
        instance._zojuist_gedeactiveerd = was_actief  # type: ignore[attr-defined]


@receiver(post_save, sender=User)
def _deactivatie_beeindigt_sessies(sender: type[User], instance: User, **kwargs: object) -> None:
    if getattr(instance, "_zojuist_gedeactiveerd", False):
        beeindig_sessies(instance)
        instance._zojuist_gedeactiveerd = False  # type: ignore[attr-defined]
