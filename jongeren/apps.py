from django.apps import AppConfig


class JongerenConfig(AppConfig):
    name = "jongeren"
    verbose_name = "Jongeren"

    def ready(self) -> None:
        from jongeren import aandacht
        from kern import aandacht as kern_aandacht

        kern_aandacht.lever("jongeren", aandacht.voor_gebruiker)
