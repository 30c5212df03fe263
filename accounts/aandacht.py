"""What the accounts app asks of the functional admin now, for the start page
(`kern.aandacht`): accounts that still have to set up their second step, and lock-outs."""

from __future__ import annotations

from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Rol, User
from kern.aandacht import Aandachtsgroep, Aandachtspunt


def voor_gebruiker(user: User) -> list[Aandachtsgroep]:
    if not (user.is_authenticated and user.is_active and user.is_functioneel_beheerder):
        return []
    return [_zonder_tweede_stap(), _blokkades()]


def _zonder_tweede_stap() -> Aandachtsgroep:
    """Active professionals without a confirmed authenticator: they cannot get in yet."""
    if not settings.TWEESTAPS_VERPLICHT:
        return Aandachtsgroep(kop="")
    met_toestel = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    wachtend = (
        User.objects.filter(
            is_active=True,
            rol__in=[
                Rol.COORDINATOR,
                Rol.BEHEERDER,
                Rol.FUNCTIONEEL_BEHEERDER,
                Rol.JEUGDBESCHERMER,
                Rol.EXPERTTEAM,
            ],
        )
        .exclude(pk__in=met_toestel)
        .order_by("date_joined", "pk")[:50]
    )
    return Aandachtsgroep(
        kop=_("Accounts die hun tweede stap nog moeten instellen"),
        volgorde=10,
        punten=[
            Aandachtspunt(
                titel=f"{persoon.get_full_name() or persoon.email} ({persoon.get_rol_display()})",
                url=reverse("admin:accounts_user_change", args=[persoon.pk]),
                detail=persoon.email,
            )
            for persoon in wachtend
        ],
    )


def _blokkades() -> Aandachtsgroep:
    """Current lock-outs (django-axes): enough failures within the cool-off time."""
    sinds = timezone.now() - settings.AXES_COOLOFF_TIME
    pogingen = AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=sinds
    ).order_by("-attempt_time")[:50]
    return Aandachtsgroep(
        kop=_("Nu geblokkeerd na te veel foute pogingen"),
        volgorde=20,
        punten=[
            Aandachtspunt(
                titel=poging.username or _("(onbekend)"),
                url=reverse("admin:axes_accessattempt_change", args=[poging.pk]),
                detail=_("%(aantal)s foute pogingen vanaf %(adres)s")
                % {"aantal": poging.failures_since_start, "adres": poging.ip_address},
                dringend=True,
            )
            for poging in pogingen
        ],
    )
