from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from voorstellen.models import Besluit, Voorstel, VoorstelGebeurtenis


class GebeurtenisInline(admin.TabularInline[VoorstelGebeurtenis, Voorstel]):
    model = VoorstelGebeurtenis
    extra = 0
    can_delete = False
    readonly_fields = ["op", "door", "rol", "wat", "van_status", "naar_status", "waarom"]


class BesluitInline(admin.TabularInline[Besluit, Voorstel]):
    model = Besluit
    extra = 0
    can_delete = False
    readonly_fields = ["op", "persoon", "rol", "keuze", "opmerking"]


@admin.register(Voorstel)
class VoorstelAdmin(SimpleHistoryAdmin):
    """For support: read the state and the timeline. Changes go through the workflow's
    pages, which check who may do what and tell the people concerned."""

    list_display = ["__str__", "status", "verstuurd_op", "antwoord_uiterlijk"]
    list_select_related = ["jongere", "voorziening"]
    list_filter = ["status"]
    inlines = [GebeurtenisInline, BesluitInline]

    def has_change_permission(self, request: object, obj: Voorstel | None = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
