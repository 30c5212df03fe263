from django.apps import AppConfig


class PlaatsingstafelConfig(AppConfig):
    """The regional placement table: the regional picture, joint allocation, outcomes and
    stability."""

    name = "plaatsingstafel"
    verbose_name = "Plaatsingstafel"

    def ready(self) -> None:
        from kern import aandacht as kern_aandacht
        from plaatsingstafel import aandacht

        kern_aandacht.lever("plaatsingstafel", aandacht.voor_gebruiker)
