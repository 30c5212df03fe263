from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisatie, Regio, User


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
