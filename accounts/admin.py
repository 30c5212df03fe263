"""Admin of accounts and organisations. Nothing here lets an admin act unseen or take over
an account: no password is set for someone else (a reset link goes out instead), no
authenticator secret or recovery code is shown, and an authenticator is bound only by its
owner, through a one-time link the admin makes here."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.koppelen import maak_koppellink
from accounts.models import (
    ActieveSessie,
    Authenticator,
    Herstelcodes,
    KoppelLink,
    Organisatie,
    Regio,
    User,
)
from accounts.tweestaps import beeindig_sessie
from kern.uitgesteld import na_commit


@admin.register(Regio)
class RegioAdmin(admin.ModelAdmin[Regio]):
    search_fields = ["naam"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin[Organisatie]):
    list_display = ["naam", "soort", "regio"]
    list_filter = ["soort", "regio"]
    search_fields = ["naam"]


class NieuweGebruikerForm(forms.ModelForm[User]):
    """A new account gets a random password nobody knows; its owner chooses one through
    the reset link the admin sends (the action "Stuur een link ...")."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "rol", "organisatie"]

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.email = user.email.strip().lower()
        user.set_password(secrets.token_urlsafe(32))
        if commit:
            user.save()
        return user


# The admin's account pickers list only the right kind of account: per (app, model, field)
# of the picking page, the role its accounts must have. Apps above this one add theirs.
ROL_PER_KEUZEVELD: dict[tuple[str, str, str], str] = {}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = NieuweGebruikerForm
    actions = ["stuur_herstellink", "maak_koppellinks"]
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "rol", "organisatie", "is_active"]
    list_filter = ["rol", "organisatie", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["organisatie"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        """A search-as-you-type picker on another page (the admin's autocomplete) offers only
        the accounts that field may hold: coordinators for a coordinator, and so on."""
        queryset, dubbel = super().get_search_results(request, queryset, search_term)
        sleutel = (
            request.GET.get("app_label", ""),
            request.GET.get("model_name", ""),
            request.GET.get("field_name", ""),
        )
        if (rol := ROL_PER_KEUZEVELD.get(sleutel)) is not None:
            queryset = queryset.filter(rol=rol)
        return queryset, dubbel

    fieldsets = (
        (None, {"fields": ("email",)}),
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
                "fields": ("email", "first_name", "last_name", "rol", "organisatie"),
                "description": _(
                    "Het account krijgt geen wachtwoord van jou. Stuur daarna de link om "
                    "een wachtwoord te kiezen, en voor een professional een koppellink voor "
                    "de authenticator-app (acties in de lijst)."
                ),
            },
        ),
    )

    def get_urls(self) -> list[URLPattern]:
        # Without Django's "set this user's password" page.
        return [
            u for u in super().get_urls() if getattr(u, "name", "") != "auth_user_password_change"
        ]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        raise PermissionDenied

    @admin.action(description=_("Stuur een link om zelf een nieuw wachtwoord te kiezen"))
    def stuur_herstellink(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        aantal = 0
        for user in queryset.filter(is_active=True):
            na_commit("accounts.tasks.mail_wachtwoord_herstel", user.pk, get_language())
            aantal += 1
        self.message_user(
            request,
            _("Een link om een wachtwoord te kiezen gaat naar %(aantal)s gebruiker(s).")
            % {"aantal": aantal},
        )

    @admin.action(description=_("Maak een koppellink voor de authenticator-app"))
    def maak_koppellinks(self, request: HttpRequest, queryset: QuerySet[User]) -> HttpResponse:
        """One link per chosen active user, shown on this page only; hand it over yourself
        (not by e-mail: whoever reads that mailbox with the password would own the app)."""
        door = request.user if isinstance(request.user, User) else None
        links = [
            (
                user,
                request.build_absolute_uri(
                    reverse("koppelen", args=[maak_koppellink(gebruiker=user, door=door)])
                ),
            )
            for user in queryset.filter(is_active=True)
        ]
        return TemplateResponse(
            request,
            "admin/accounts/koppellinks.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Koppellinks voor de authenticator-app"),
                "links": links,
                "uren": settings.KOPPELLINK_GELDIG_UREN,
                "opts": self.model._meta,
            },
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


@admin.register(KoppelLink)
class KoppelLinkAdmin(admin.ModelAdmin[KoppelLink]):
    """Which links were made, by whom, and whether they were used. Made from the user
    list (action); the link itself is never stored, only its hash (not shown)."""

    list_display = ["gebruiker", "aangemaakt_door", "aangemaakt_op", "geldig_tot", "gebruikt_op"]
    search_fields = ["gebruiker__email"]
    exclude = ["token_hash"]
    readonly_fields = ["gebruiker", "aangemaakt_door", "aangemaakt_op", "geldig_tot", "gebruikt_op"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: KoppelLink | None = None) -> bool:
        return False


class BevestigdFilter(admin.SimpleListFilter):
    title = _("bevestigd")
    parameter_name = "bevestigd"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("ja", str(_("Ja"))), ("nee", str(_("Nee")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in {"ja", "nee"}:
            return queryset.filter(confirmed=self.value() == "ja")
        return queryset


class ApparaatAdmin(admin.ModelAdmin[Any]):
    """Authenticator apps and recovery codes: who has one and when it was last used, and
    deleting it (a lost phone). Never the secret or the codes, and never adding one: only
    its owner binds an app, through a koppellink. Registered on Dutch-named proxies, with
    Dutch column names (django-otp's own fields have English names)."""

    list_display = ["gebruiker", "naam", "aangemaakt_op", "laatst_gebruikt", "bevestigd"]
    list_filter = [BevestigdFilter]
    search_fields = ["user__email"]
    fields = ["gebruiker", "naam", "bevestigd", "aangemaakt_op", "laatst_gebruikt"]
    readonly_fields = ["gebruiker", "naam", "bevestigd", "aangemaakt_op", "laatst_gebruikt"]

    @admin.display(description=_("gebruiker"), ordering="user__email")
    def gebruiker(self, obj: Any) -> object:
        return obj.user

    @admin.display(description=_("naam"), ordering="name")
    def naam(self, obj: Any) -> str:
        return str(obj.name)

    @admin.display(description=_("aangemaakt op"), ordering="created_at")
    def aangemaakt_op(self, obj: Any) -> object:
        return obj.created_at

    @admin.display(description=_("laatst gebruikt"), ordering="last_used_at")
    def laatst_gebruikt(self, obj: Any) -> object:
        return obj.last_used_at

    @admin.display(description=_("bevestigd"), boolean=True, ordering="confirmed")
    def bevestigd(self, obj: Any) -> bool:
        return bool(obj.confirmed)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
for _model in (Authenticator, Herstelcodes):
    admin.site.register(_model, ApparaatAdmin)


PERMISSIE_ACTIES = {
    "add": _("mag toevoegen"),
    "change": _("mag wijzigen"),
    "delete": _("mag verwijderen"),
    "view": _("mag bekijken"),
}


class PermissieVeld(forms.ModelMultipleChoiceField):
    """Permissions by their Dutch names: Django stores "Can add …" in English."""

    def label_from_instance(self, obj: Any) -> str:
        model = obj.content_type.model_class()
        if model is None:
            return str(obj)
        actie, _sep, _rest = obj.codename.partition("_")
        naam = PERMISSIE_ACTIES.get(actie, obj.name)
        return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | {naam}"


class GroepAdmin(GroupAdmin):
    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest | None = None, **kwargs: Any
    ) -> Any:
        if db_field.name == "permissions":
            kwargs["form_class"] = PermissieVeld
            # django-otp's own models are managed through their Dutch-named proxies.
            kwargs["queryset"] = (
                Permission.objects.select_related("content_type")
                .exclude(content_type__app_label__in=["otp_totp", "otp_static"])
                .order_by("content_type__app_label", "content_type__model", "codename")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


admin.site.unregister(Group)
admin.site.register(Group, GroepAdmin)
