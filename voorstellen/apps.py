from django.apps import AppConfig


class VoorstellenConfig(AppConfig):
    """The proposal workflow: from a proposal to a home, through the home's answer, the
    meeting and the family's decision, to the arrival."""

    name = "voorstellen"
    verbose_name = "Voorstellen"

    def ready(self) -> None:
        from jongeren import haken as jongeren_haken
        from kern import aandacht as kern_aandacht
        from matching.signals import groepsbeeld_veranderd
        from voorstellen import aandacht, antwoorden, receivers
        from voorzieningen import haken

        haken.wachtende_voorstellen.lever(antwoorden.wachtende_voorstellen)
        haken.heeft_voorstel_naar.lever(antwoorden.heeft_voorstel_naar)
        jongeren_haken.open_voorstellen_in_zone.lever(antwoorden.open_voorstellen_in_zone)
        jongeren_haken.lopende_voorstellen.lever(antwoorden.lopende_voorstellen)
        kern_aandacht.lever("voorstellen", aandacht.voor_gebruiker)
        groepsbeeld_veranderd.connect(
            receivers.herbeoordeel, dispatch_uid="voorstellen.herbeoordeel"
        )
