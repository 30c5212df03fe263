from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self) -> None:
        # Connects the login, logout and deactivation receivers, and the count of wrong
        # passwords per client.
        from accounts import aandacht, drempel, tweestaps  # noqa: F401
        from kern import aandacht as kern_aandacht

        kern_aandacht.lever("accounts", aandacht.voor_gebruiker)


class InlogpogingenConfig(AxesAppConfig):
    """django-axes (login attempts and lock-outs) under a Dutch heading in the admin."""

    verbose_name = _("Inlogpogingen")
