from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from voorstellen.models import Besluit, Deeltoestemming, Toestemming, Voorstel, VoorstelGebeurtenis


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


class DeeltoestemmingInline(admin.TabularInline[Deeltoestemming, Voorstel]):
    model = Deeltoestemming
    extra = 0
    can_delete = False
    readonly_fields = ["op", "sleutel", "persoon", "keuze", "is_intrekking"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


class ToestemmingInline(admin.TabularInline[Toestemming, Voorstel]):
    model = Toestemming
    extra = 0
    can_delete = False
    readonly_fields = ["op", "persoon", "rol", "reden"]

    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Deeltoestemming)
class DeeltoestemmingAdmin(admin.ModelAdmin[Deeltoestemming]):
    """For support: who answered what about sharing, and when. Only the person themselves
    answers, on the proposal's page; nothing is changed here."""

    list_display = ["voorstel", "persoon", "sleutel", "keuze", "is_intrekking", "op"]
    list_filter = ["keuze", "is_intrekking"]
    list_select_related = ["voorstel__jongere", "voorstel__voorziening", "persoon"]
    readonly_fields = ["voorstel", "sleutel", "persoon", "keuze", "is_intrekking", "op"]

    def has_change_permission(self, request: object, obj: Deeltoestemming | None = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: Deeltoestemming | None = None) -> bool:
        return False


@admin.register(Voorstel)
class VoorstelAdmin(SimpleHistoryAdmin):
    """For support: read the state and the timeline. Changes go through the workflow's
    pages, which check who may do what and tell the people concerned."""

    list_display = ["__str__", "status", "verstuurd_op", "antwoord_uiterlijk"]
    list_select_related = ["jongere", "voorziening"]
    list_filter = ["status"]
    inlines = [GebeurtenisInline, BesluitInline, DeeltoestemmingInline, ToestemmingInline]

    def has_change_permission(self, request: object, obj: Voorstel | None = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False
