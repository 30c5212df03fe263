from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo world and every seed, scaled seed and benchmark data builder. Nothing in
    the portal itself imports this app."""

    name = "demo"
    verbose_name = "Demo en benchmarks"
