from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import ActieveSessie, Organisatie, Regio, User
from accounts.tweestaps import beeindig_sessie


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin[Regio]):
    search_fields = ["naam"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin[Organisatie]):
    list_display = ["naam", "soort", "regio"]
    list_filter = ["soort", "regio"]
    search_fields = ["naam"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "rol", "organisatie", "is_active"]
    list_filter = ["rol", "organisatie", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["organisatie"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Persoon"), {"fields": ("first_name", "last_name")}),
        (_("Rol"), {"fields": ("rol", "organisatie", "is_gedragswetenschapper")}),
        (_("Rechten"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Data"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "rol", "organisatie", "password1", "password2"),
            },
        ),
    )


@admin.register(ActieveSessie)
class ActieveSessieAdmin(admin.ModelAdmin[ActieveSessie]):
    """Who is logged in where; deleting a row logs that session out."""

    list_display = ["gebruiker", "aangemaakt"]
    search_fields = ["gebruiker__email"]
    readonly_fields = ["gebruiker", "sessie_sleutel", "aangemaakt"]
    exclude = ["sessie_sleutel"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ActieveSessie | None = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: ActieveSessie) -> None:
        beeindig_sessie(obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ActieveSessie]) -> None:
        for sessie in queryset:
            beeindig_sessie(sessie)
