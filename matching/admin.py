from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from matching import zoekindex
from matching.models import (
    Besluit,
    Kenmerk,
    Verdeling,
    Voorstel,
    VoorstelGebeurtenis,
    ZoekindexBijwerking,
    ZoekindexWoning,
)


@admin.register(Kenmerk)
class KenmerkAdmin(admin.ModelAdmin[Kenmerk]):
    list_display = ["naam", "code", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]

    def has_delete_permission(self, request: object, obj: Kenmerk | None = None) -> bool:
        # Switch a code off instead: analyses and homes keep pointing at it.
        return False


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

    list_display = ["pk", "jongere", "voorziening", "status", "verstuurd_op", "antwoord_uiterlijk"]
    list_filter = ["status"]
    inlines = [GebeurtenisInline, BesluitInline]

    def has_change_permission(self, request: object, obj: Voorstel | None = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ZoekindexWoning)
class ZoekindexWoningAdmin(admin.ModelAdmin[ZoekindexWoning]):
    """For support: what the search index holds per home. It keeps itself current; the
    action reads the chosen homes again from their own tables."""

    list_display = ["woning_id", "versie", "geldig_tot", "recept"]
    search_fields = ["=woning_id"]
    readonly_fields = ["woning_id", "versie", "geldig_tot", "recept", "inhoud"]
    actions = ["opnieuw_inlezen"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: ZoekindexWoning | None = None) -> bool:
        return False

    @admin.action(description=_("Opnieuw inlezen uit de gegevens van de woning"))
    def opnieuw_inlezen(self, request: HttpRequest, queryset: QuerySet[ZoekindexWoning]) -> None:
        with transaction.atomic():
            zoekindex.markeer(queryset.values_list("woning_id", flat=True))
        self.message_user(request, _("De gekozen woningen worden opnieuw ingelezen."))


@admin.register(ZoekindexBijwerking)
class ZoekindexBijwerkingAdmin(admin.ModelAdmin[ZoekindexBijwerking]):
    list_display = ["pk", "gemaakt_op", "woningen"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(
        self, request: object, obj: ZoekindexBijwerking | None = None
    ) -> bool:
        return False


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
        "uitkomst",
    ]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: Verdeling | None = None) -> bool:
        return False
