from django.contrib import admin

from matching.models import Kenmerk


@admin.register(Kenmerk)
class KenmerkAdmin(admin.ModelAdmin[Kenmerk]):
    list_display = ["naam", "code", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]

    def has_delete_permission(self, request: object, obj: Kenmerk | None = None) -> bool:
        # Switch a code off instead: analyses and homes keep pointing at it.
        return False
