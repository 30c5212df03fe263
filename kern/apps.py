from django.apps import AppConfig


class KernConfig(AppConfig):
    """The shared core below every other app: vocabulary, geocoding, the outbox, the typed
    request, chart and pagination helpers, the access-log interface and shared templates."""

    name = "kern"
    verbose_name = "Kern"
