from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from kern.models import Kenmerk, UitgesteldeTaak


@admin.register(Kenmerk)
class KenmerkAdmin(admin.ModelAdmin[Kenmerk]):
    list_display = ["naam", "code", "actief", "volgorde"]
    list_editable = ["actief", "volgorde"]
    list_filter = ["actief"]
    search_fields = ["naam", "code"]

    def get_changelist_form(self, request: HttpRequest, **kwargs: Any) -> type[forms.ModelForm]:
        """The fields editable in the list have no label of their own: each gets a name
        that says which field of which code it is."""
        basis = super().get_changelist_form(request, **kwargs)

        class MetNamen(basis):  # type: ignore[misc,valid-type]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                for veld in self.fields.values():
                    if self.instance.pk:
                        veld.widget.attrs["aria-label"] = f"{veld.label}: {self.instance.naam}"

        return MetNamen

    def has_delete_permission(self, request: object, obj: Kenmerk | None = None) -> bool:
        # Switch a code off instead: analyses and homes keep pointing at it.
        return False


@admin.register(UitgesteldeTaak)
class UitgesteldeTaakAdmin(admin.ModelAdmin[UitgesteldeTaak]):
    """The outbox: tasks that could not reach the task queue yet ("wacht"; sent
    automatically once the broker is back), and tasks that failed for good ("mislukt": an
    e-mail the mail server kept refusing; sent again only from here). Normally empty."""

    list_display = [
        "taak",
        "status",
        "aangemaakt_op",
        "pogingen",
        "laatste_poging_op",
        "laatste_fout",
    ]
    list_filter = ["status", "taak"]
    readonly_fields = [
        "taak",
        "argumenten",
        "status",
        "aangemaakt_op",
        "pogingen",
        "laatste_poging_op",
        "laatste_fout",
        "request_id",
    ]
    actions = ["nu_versturen"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: UitgesteldeTaak | None = None
    ) -> bool:
        return False

    @admin.action(description=_("Nu (opnieuw) versturen naar de takenwachtrij"))
    def nu_versturen(self, request: HttpRequest, queryset: QuerySet[UitgesteldeTaak]) -> None:
        from kern.uitgesteld import opnieuw

        gekozen = list(queryset.values_list("pk", flat=True))
        verstuurd = opnieuw(gekozen)
        if verstuurd == len(gekozen):
            self.message_user(request, _("%(aantal)s taken verstuurd.") % {"aantal": verstuurd})
        else:
            self.message_user(
                request,
                _("%(aantal)s van de %(totaal)s taken verstuurd; de rest wacht nog.")
                % {"aantal": verstuurd, "totaal": len(gekozen)},
                messages.WARNING,
            )
