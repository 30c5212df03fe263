from typing import Any, cast

from django.contrib import admin
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from jongeren.models import Jongere
from kern.inzage import Actie, Doel, Soort, log_inzage
from kern.opmaak import tijdstip
from privacy.models import Inzage


class BegrensdeTelling(Paginator):
    """Counts at most `GRENS` entries: counting a log of millions for the page numbers would
    read all of it on every visit. Older entries are found with the filters and the dates
    above the list, or on the portal's own log page, which pages without counting."""

    GRENS = 10_000

    @cached_property
    def count(self) -> int:
        regels = cast("QuerySet[Inzage]", self.object_list)
        return regels[: self.GRENS].count()


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin[Inzage]):
    """Read-only: the access log is append-only, also for superusers."""

    list_display = ["moment", "gebruiker_naam", "rol", "actie", "uitkomst", "jongere", "soort"]
    list_display_links = ["moment"]
    # By moment as a filter (today, the last 7 days, this month, this year), not as a date
    # hierarchy: that lists the years and months there are entries in, reading all of them.
    list_filter = ["op", "actie", "uitkomst", "rol", "soort", "doel"]
    # The youth is found by name (see get_search_results), never by a number.
    search_fields = ["gebruiker_naam"]
    search_help_text = _("Zoek op de naam van de gebruiker of van de jongere.")
    show_full_result_count = False
    paginator = BegrensdeTelling
    exclude = ["id"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Inzage]:
        # The youth's name in the same query as the rows: no query per row.
        naam = Jongere.objects.filter(pk=OuterRef("jongere_ref")).values("roepnaam")[:1]
        return super().get_queryset(request).annotate(jongere_naam=Subquery(naam))

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Inzage], search_term: str
    ) -> tuple[QuerySet[Inzage], bool]:
        gevonden, dubbel = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            gevonden = gevonden | queryset.filter(Q(jongere_naam__icontains=search_term.strip()))
        return gevonden, dubbel

    @admin.display(description=_("tijdstip"), ordering="op")
    def moment(self, obj: Inzage) -> str:
        return tijdstip(obj.op)

    @admin.display(description=_("jongere"))
    def jongere(self, obj: Inzage) -> str:
        naam: str | None = getattr(obj, "jongere_naam", None)
        if naam:
            return naam
        return str(_("verwijderde jongere")) if obj.jongere_ref else "—"

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
