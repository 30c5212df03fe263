from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from matching import antwoorden, receivers
        from voorzieningen import haken

        receivers.connect()
        haken.groepstoets.lever(antwoorden.groepstoets)
        haken.gevolgen_per_bewoner.lever(antwoorden.gevolgen_per_bewoner)
