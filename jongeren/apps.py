from django.apps import AppConfig


class JongerenConfig(AppConfig):
    name = "jongeren"
    verbose_name = "Jongeren"
