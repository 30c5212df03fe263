from django.apps import AppConfig


class VoorzieningenConfig(AppConfig):
    name = "voorzieningen"
    verbose_name = "Voorzieningen"

    def ready(self) -> None:
        from kern import aandacht as kern_aandacht
        from voorzieningen import aandacht

        kern_aandacht.lever("voorzieningen", aandacht.voor_gebruiker)
