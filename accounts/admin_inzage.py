"""The access log for the admin site: an admin reads and changes a youth's data there too,
and that is logged like any page of the portal (purpose: beheer).

`InzageAdminMixin` goes first in the bases of a ModelAdmin of a youth's data. It logs the
list (one entry per youth shown), the change page (a read, or the change once saved), the
history pages, additions and deletions, through `kern.inzage`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse

from kern.inzage import Actie, Doel, Soort, log_inzage, log_inzage_lijst, vraag_reden


class InzageAdminMixin:
    """Logs every admin read and change of the model's rows as access to their youth."""

    inzage_soort: str = Soort.PROFIEL
    inzage_soort_historie: str | None = None  # the history pages; default inzage_soort

    def inzage_jongere(self, obj: Any) -> int | None:
        """The youth's id for a row (override for rows that hang under a youth)."""
        return int(obj.pk)

    def inzage_voorziening(self, obj: Any) -> int | None:
        return None

    # --- helpers -------------------------------------------------------------------------

    def _log(self, request: HttpRequest, obj: Any, actie: str, soort: str | None = None) -> None:
        log_inzage(
            request,
            jongere=self.inzage_jongere(obj),
            voorziening=self.inzage_voorziening(obj),
            actie=actie,
            soort=soort or self.inzage_soort,
            doel=Doel.BEHEER,
        )

    def _log_rijen(self, request: HttpRequest, rijen: Iterable[Any], actie: str) -> None:
        rijen = list(rijen)
        log_inzage_lijst(
            request,
            jongeren=[j for j in (self.inzage_jongere(r) for r in rijen) if j is not None],
            actie=actie,
            soort=self.inzage_soort,
            doel=Doel.BEHEER,
        )
        # Rows without a youth in the portal (a resident who came another way): per home.
        zonder = {self.inzage_voorziening(r) for r in rijen if self.inzage_jongere(r) is None}
        for voorziening in sorted(v for v in zonder if v is not None):
            log_inzage(
                request,
                jongere=None,
                voorziening=voorziening,
                actie=actie,
                soort=self.inzage_soort,
                doel=Doel.BEHEER,
            )

    def _object(self, request: HttpRequest, object_id: str) -> Model | None:
        return self.get_object(request, unquote(object_id))  # type: ignore[attr-defined]

    def _reden_eerst(self, request: HttpRequest, object_id: str) -> HttpResponse | None:
        """An admin has no caseload: before one youth's data is shown, the "reden" page
        asks why (once per youth per session, for a while)."""
        obj = self._object(request, object_id)
        jongere = self.inzage_jongere(obj) if obj is not None else None
        return vraag_reden(request, jongere=jongere) if jongere is not None else None

    # --- reads -----------------------------------------------------------------------------

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response: HttpResponse = super().changelist_view(request, extra_context)  # type: ignore[misc]
        if request.method == "POST":
            # An action on the ticked rows (what it changed is logged by log_change etc.).
            gekozen = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if gekozen:
                rijen = self.get_queryset(request).filter(pk__in=gekozen)  # type: ignore[attr-defined]
                self._log_rijen(request, rijen, Actie.READ)
            return response
        cl = getattr(response, "context_data", None) and response.context_data.get("cl")  # type: ignore[attr-defined]
        if cl is not None:
            self._log_rijen(request, cl.result_list, Actie.READ)
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        if (vraag := self._reden_eerst(request, object_id)) is not None:
            return vraag
        response: HttpResponse = super().change_view(  # type: ignore[misc]
            request, object_id, form_url, extra_context
        )
        # A saved change is logged by log_change; here the page that was shown.
        if response.status_code == 200:
            obj = self._object(request, object_id)
            if obj is not None:
                self._log(request, obj, Actie.READ)
        return response

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if (vraag := self._reden_eerst(request, object_id)) is not None:
            return vraag
        response: HttpResponse = super().history_view(request, object_id, extra_context)  # type: ignore[misc]
        obj = self._object(request, object_id)
        if obj is not None and response.status_code == 200:
            self._log(request, obj, Actie.READ, self.inzage_soort_historie)
        return response

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: Any = None
    ) -> HttpResponse:
        if (vraag := self._reden_eerst(request, object_id)) is not None:
            return vraag
        response: HttpResponse = super().history_form_view(  # type: ignore[misc]
            request, object_id, version_id, extra_context
        )
        obj = self._object(request, object_id)
        if obj is not None:
            actie = Actie.READ if response.status_code == 200 else Actie.UPDATE
            self._log(request, obj, actie, self.inzage_soort_historie)
        return response

    # --- changes ---------------------------------------------------------------------------

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._log(request, obj, Actie.CREATE)
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        self._log(request, obj, Actie.UPDATE)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: QuerySet[Any]) -> Any:
        self._log_rijen(request, queryset, Actie.DELETE)
        return super().log_deletions(request, queryset)  # type: ignore[misc]
