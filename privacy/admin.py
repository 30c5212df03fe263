from django.contrib import admin
from django.http import HttpRequest

from privacy.models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin[Inzage]):
    """Read-only: the access log is append-only, also for superusers."""

    list_display = ["op", "gebruiker_naam", "rol", "actie", "uitkomst", "jongere_ref", "soort"]
    list_filter = ["actie", "uitkomst", "rol", "soort", "doel"]
    search_fields = ["gebruiker_naam", "=jongere_ref"]
    date_hierarchy = "op"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False
