from django.apps import AppConfig


class PlaatsingstafelConfig(AppConfig):
    """The regional placement table: the regional picture, joint allocation, outcomes and
    stability."""

    name = "plaatsingstafel"
    verbose_name = "Plaatsingstafel"
