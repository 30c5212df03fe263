"""Binding an authenticator app by invitation, and recovery codes for a lost phone.

A professional's password alone never binds a device: whoever first logged in with it
would own the second step. An admin makes a one-time link (`maak_koppellink`) and hands it
over; opening it marks the session (`onthoud_link`), and only a session so marked, after
the password of the link's own account, may set up the app. Binding uses the link up and
gives ten recovery codes (django-otp static tokens), shown once, each usable once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from accounts.models import KoppelLink, User

SESSIE_SLEUTEL = "koppellink"
GEEN_TOESTEL = _(
    "Je kunt nog niet inloggen: er is nog geen authenticator-app aan je account gekoppeld. "
    "Vraag de functioneel beheerder van je organisatie om een koppellink."
)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def maak_koppellink(*, gebruiker: User, door: User | None) -> str:
    """A new link for `gebruiker` (earlier unused ones stop working); returns the token,
    which is not stored and cannot be shown again."""
    nu = timezone.now()
    KoppelLink.objects.filter(gebruiker=gebruiker, gebruikt_op__isnull=True).update(geldig_tot=nu)
    token = secrets.token_urlsafe(32)
    KoppelLink.objects.create(
        gebruiker=gebruiker,
        token_hash=_hash(token),
        aangemaakt_door=door,
        geldig_tot=nu + timedelta(hours=settings.KOPPELLINK_GELDIG_UREN),
    )
    return token


def link_voor_token(token: str) -> KoppelLink | None:
    """The usable link behind `token`, or None (unknown, used, expired)."""
    link = KoppelLink.objects.select_related("gebruiker").filter(token_hash=_hash(token)).first()
    if link is None or not link.is_bruikbaar or not link.gebruiker.is_active:
        return None
    return link


def onthoud_link(request: HttpRequest, link: KoppelLink) -> None:
    request.session[SESSIE_SLEUTEL] = link.pk


def link_in_sessie(request: HttpRequest, user: User) -> KoppelLink | None:
    """The usable link this session opened, if it is `user`'s own."""
    pk = request.session.get(SESSIE_SLEUTEL)
    if not isinstance(pk, int):
        return None
    link = KoppelLink.objects.filter(pk=pk, gebruiker=user).first()
    return link if link is not None and link.is_bruikbaar else None


def mag_zelf_koppelen(request: HttpRequest, user: User) -> bool:
    """Whether this session may bind an authenticator for `user` now: a professional
    (for whom the second step is a duty) only through a link; a youth or parent, who
    chooses the second step themselves, from their own logged-in session."""
    if user.is_professional and settings.TWEESTAPS_VERPLICHT:
        return link_in_sessie(request, user) is not None
    return True


@transaction.atomic
def gebruik_link(request: HttpRequest, user: User) -> None:
    """Use up the session's link once the app is bound."""
    pk = request.session.pop(SESSIE_SLEUTEL, None)
    if isinstance(pk, int):
        KoppelLink.objects.filter(pk=pk, gebruiker=user, gebruikt_op__isnull=True).update(
            gebruikt_op=timezone.now()
        )


@transaction.atomic
def nieuwe_herstelcodes(user: User) -> list[str]:
    """Fresh recovery codes for `user` (the earlier ones stop working)."""
    apparaat, _nieuw = StaticDevice.objects.get_or_create(
        user=user, name="Herstelcodes", defaults={"confirmed": True}
    )
    apparaat.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.HERSTELCODES_AANTAL)]
    StaticToken.objects.bulk_create([StaticToken(device=apparaat, token=c) for c in codes])
    return codes


def herstelcodes(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
