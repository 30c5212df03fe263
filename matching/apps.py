from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from django.utils import translation

        from matching import antwoorden, receivers
        from matching.engine import i18n
        from voorzieningen import haken

        # The engine writes its explanations in the language active where it runs.
        i18n.install(
            gettext=translation.gettext,
            ngettext=translation.ngettext,
            get_language=translation.get_language,
        )
        receivers.connect()
        haken.groepstoets.lever(antwoorden.groepstoets)
        haken.gevolgen_per_bewoner.lever(antwoorden.gevolgen_per_bewoner)
