from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self) -> None:
        # Connects the login, logout and deactivation receivers, and the count of wrong
        # passwords per client.
        from accounts import aandacht, drempel, tweestaps  # noqa: F401
        from kern import aandacht as kern_aandacht

        kern_aandacht.lever("accounts", aandacht.voor_gebruiker)
