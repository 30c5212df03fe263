from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts en organisaties"

    def ready(self) -> None:
        # Connects the login, logout and deactivation receivers.
        from accounts import tweestaps  # noqa: F401
