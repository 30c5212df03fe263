"""API keys in the admin: a functional admin issues a key (shown once) and revokes keys.

A key is never edited: its manager, provider and hash are fixed when it is made. Revoked keys
stay listed, so it remains visible which key existed and who revoked it when.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import Rol, User
from api import sleutels
from api.models import ApiSleutel
from kern.http import user_of


class NieuweSleutelForm(forms.ModelForm[ApiSleutel]):
    class Meta:
        model = ApiSleutel
        fields = ["naam", "gebruiker"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gebruiker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            rol=Rol.BEHEERDER, is_active=True, organisatie__isnull=False
        ).order_by("email")


@admin.register(ApiSleutel)
class ApiSleutelAdmin(admin.ModelAdmin[ApiSleutel]):
    list_display = [
        "naam",
        "gebruiker",
        "aanbieder",
        "begin",
        "aangemaakt_op",
        "laatst_gebruikt_op",
        "ingetrokken_op",
    ]
    list_filter = ["aanbieder", ("ingetrokken_op", admin.EmptyFieldListFilter)]
    search_fields = ["naam", "gebruiker__email", "aanbieder__naam", "begin"]
    list_select_related = ["gebruiker", "aanbieder"]
    actions = ["trek_in"]
    readonly_fields = [
        "naam",
        "gebruiker",
        "aanbieder",
        "begin",
        "aangemaakt_op",
        "aangemaakt_door",
        "laatst_gebruikt_op",
        "ingetrokken_op",
        "ingetrokken_door",
    ]

    # Only functional admins manage keys, whatever Django permissions a staff account has.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return user_of(request).is_functioneel_beheerder

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_of(request).is_functioneel_beheerder

    def has_add_permission(self, request: HttpRequest) -> bool:
        return user_of(request).is_functioneel_beheerder

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return user_of(request).is_functioneel_beheerder and obj is None

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return self.readonly_fields if obj is not None else []

    def get_form(
        self,
        request: HttpRequest,
        obj: ApiSleutel | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> Any:
        if obj is None:
            kwargs["form"] = NieuweSleutelForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["naam", "gebruiker"] if obj is None else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: ApiSleutel, form: Any, change: bool) -> None:
        try:
            record, sleutel = sleutels.maak_sleutel(
                gebruiker=obj.gebruiker, naam=obj.naam, door=user_of(request)
            )
        except ValidationError as fout:
            raise ValueError(" ".join(fout.messages)) from None
        obj.pk = record.pk
        obj.refresh_from_db()
        messages.warning(
            request,
            _(
                "Kopieer de sleutel nu en geef hem veilig aan de beheerder: %(sleutel)s. Het "
                "portaal bewaart alleen een hash; u ziet de sleutel hierna niet meer."
            )
            % {"sleutel": sleutel},
        )

    @admin.action(description=_("Geselecteerde sleutels intrekken"))
    def trek_in(self, request: HttpRequest, queryset: QuerySet[ApiSleutel]) -> None:
        aantal = sum(sleutels.trek_in(sleutel=s, door=user_of(request)) for s in queryset)
        self.message_user(
            request,
            _("%(aantal)s sleutel(s) ingetrokken. Ze werken meteen niet meer.")
            % {"aantal": aantal},
            messages.SUCCESS,
        )
