from django.contrib import admin

from plaatsingstafel.models import Verdeling


@admin.register(Verdeling)
class VerdelingAdmin(admin.ModelAdmin[Verdeling]):
    """For support: the placement tables' computations, their inputs and how they ended.
    They are advice, started and stopped from the allocation page."""

    list_display = ["pk", "regio", "status", "gevraagd_door", "aangemaakt_op", "klaar_op"]
    list_filter = ["status", "regio"]
    readonly_fields = [
        "regio",
        "gevraagd_door",
        "jongeren",
        "sleutel",
        "status",
        "melding",
        "aangemaakt_op",
        "gestart_op",
        "klaar_op",
        "invoer",
        "advies",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: Verdeling | None = None) -> bool:
        return False
