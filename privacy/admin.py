from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from kern.inzage import Actie, Doel, Soort, log_inzage
from privacy.models import Inzage


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin[Inzage]):
    """Read-only: the access log is append-only, also for superusers."""

    list_display = ["op", "gebruiker_naam", "rol", "actie", "uitkomst", "jongere_ref", "soort"]
    list_filter = ["actie", "uitkomst", "rol", "soort", "doel"]
    search_fields = ["gebruiker_naam", "=jongere_ref"]
    date_hierarchy = "op"
    show_full_result_count = False

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        _log_leesbeurt(request)
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        _log_leesbeurt(request)
        return response

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False


def _log_leesbeurt(request: HttpRequest) -> None:
    """Reading the access log here is logged like its own pages (`/beheer/inzage/`)."""
    log_inzage(request, jongere=None, actie=Actie.READ, soort=Soort.TOEGANGSLOG, doel=Doel.BEHEER)
