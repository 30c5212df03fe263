from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """The access log, the family's data export and "who looked", retention and erasure: the
    one app that may read all others."""

    name = "privacy"
    verbose_name = "Privacy en toegangslog"

    def ready(self) -> None:
        from kern import aandacht as kern_aandacht
        from kern import inzage
        from privacy import aandacht
        from privacy.audit import Schrijver

        inzage.registreer(Schrijver())
        kern_aandacht.lever("privacy", aandacht.voor_gebruiker)
