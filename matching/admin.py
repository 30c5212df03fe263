from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from matching import zoekindex
from matching.models import ZoekindexBijwerking, ZoekindexWoning


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
