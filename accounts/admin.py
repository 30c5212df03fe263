from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.models import ActieveSessie, Inzage, Organisatie, Regio, UitgesteldeTaak, User
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


@admin.register(Inzage)
class InzageAdmin(admin.ModelAdmin[Inzage]):
    """Read-only: the access log is append-only, also for superusers."""

    list_display = ["op", "gebruiker_naam", "rol", "actie", "uitkomst", "jongere_ref", "soort"]
    list_filter = ["actie", "uitkomst", "rol", "soort", "doel"]
    search_fields = ["gebruiker_naam", "=jongere_ref"]
    date_hierarchy = "op"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Inzage | None = None) -> bool:
        return False


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
        from accounts.uitgesteld import opnieuw

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
