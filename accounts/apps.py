from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self) -> None:
        # Connects the login, logout and deactivation receivers, and the count of wrong
        # passwords per client.
        from accounts import drempel, tweestaps  # noqa: F401
