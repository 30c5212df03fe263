from django.apps import AppConfig


class VoorzieningenConfig(AppConfig):
    name = "voorzieningen"
    verbose_name = "Voorzieningen"

    def ready(self) -> None:
        from jongeren import haken as jongeren_haken
        from kern import aandacht as kern_aandacht
        from voorzieningen import aandacht, verblijf

        kern_aandacht.lever("voorzieningen", aandacht.voor_gebruiker)
        jongeren_haken.huidig_verblijf.lever(verblijf.huidig_verblijf)
