"""Admin for youths and analyses. Scoped through `for_user`; admins see attention signals.
Every read and change here is in the access log (accounts.admin_inzage); a youth is never
deleted here (the retention job anonymises), and an endorsed analysis is never changed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import ROL_PER_KEUZEVELD
from accounts.admin_inzage import InzageAdminMixin
from accounts.models import Rol, User
from jongeren.models import (
    AnalyseBehoefte,
    BeschermdeZone,
    Instemming,
    Jongere,
    Uitnodiging,
    VerklarendeAnalyse,
)
from kern.choices import Signaal
from kern.inzage import Soort


class AnalyseAdminForm(forms.ModelForm[VerklarendeAnalyse]):
    # A list of codes as checkboxes instead of raw JSON.
    signalen = forms.MultipleChoiceField(
        label=_("Aandachtssignalen"),
        choices=Signaal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VerklarendeAnalyse
        fields = [
            "jongere",
            "versie",
            "status",
            *VerklarendeAnalyse.INHOUD_VELDEN,
            "gemaakt_door",
            "gemaakt_op",
        ]


def _jongeren_voor(request: HttpRequest) -> QuerySet[Jongere]:
    return Jongere.objects.for_user(request.user)


class AnalyseBehoefteInline(admin.TabularInline[AnalyseBehoefte, VerklarendeAnalyse]):
    model = AnalyseBehoefte
    extra = 0
    autocomplete_fields = ["kenmerk"]


class InstemmingInline(admin.TabularInline[Instemming, VerklarendeAnalyse]):
    model = Instemming
    extra = 0
    fields = (
        "persoon",
        "rol",
        "akkoord",
        "opmerking",
        "op",
        "vastgelegd_door",
        "hoe",
        "gesprek_op",
        "aanwezig",
        "bevestigd_op",
    )
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Answers are given by the people themselves, or recorded by the coordinator from
        # a conversation on the youth's page: never typed in here.
        return False


# A youth's account fields hold one kind of account each (the pickers offer only those).
KEUZEVELDEN: dict[str, str] = {
    "coordinator": Rol.COORDINATOR,
    "account": Rol.JONGERE,
    "jeugdbeschermer": Rol.JEUGDBESCHERMER,
    "ouders": Rol.OUDER,
    "ouders_zonder_gezag": Rol.OUDER,
}
ROL_PER_KEUZEVELD.update({("jongeren", "jongere", veld): rol for veld, rol in KEUZEVELDEN.items()})


@admin.register(Jongere)
class JongereAdmin(InzageAdminMixin, SimpleHistoryAdmin):
    list_display = [
        "roepnaam",
        "geboortedatum",
        "fase",
        "juridisch_kader",
        "nodig_vanaf",
        "coordinator",
        "organisatie",
    ]
    list_filter = ["fase", "juridisch_kader", "geslacht", "organisatie"]
    search_fields = ["roepnaam", "woonplaats", "coordinator__email", "account__email"]
    autocomplete_fields = ["coordinator", "organisatie", "account"]
    filter_horizontal = ["ouders"]
    date_hierarchy = "nodig_vanaf"
    readonly_fields = ["aangemaakt_op", "gewijzigd_op"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Jongere]:
        return _jongeren_voor(request).select_related("coordinator", "organisatie")

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if (rol := KEUZEVELDEN.get(db_field.name)) is not None:
            kwargs["queryset"] = User.objects.filter(rol=rol)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if (rol := KEUZEVELDEN.get(db_field.name)) is not None:
            kwargs["queryset"] = User.objects.filter(rol=rol)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Never by hand: the retention job (manage.py anonimiseer) erases what has run out,
        # and keeps what the stability figures need.
        return False


# An analysis the family endorsed, or one replaced by a later version, is a record of what
# was agreed: changing it here would change it behind the family's back.
VASTGESTELD = {VerklarendeAnalyse.Status.GEDRAGEN, VerklarendeAnalyse.Status.VERVANGEN}


@admin.register(VerklarendeAnalyse)
class VerklarendeAnalyseAdmin(InzageAdminMixin, SimpleHistoryAdmin):
    form = AnalyseAdminForm
    inzage_soort = Soort.ANALYSE
    inzage_soort_historie = Soort.ANALYSEVERSIE
    list_display = [
        "jongere",
        "versie",
        "status",
        "zorgprofiel",
        "zorgintensiteit",
        "signalen_lijst",
        "gemaakt_door",
        "gemaakt_op",
    ]
    list_filter = ["status", "zorgprofiel", "zorgintensiteit", "jongere__organisatie"]
    search_fields = ["jongere__roepnaam", "krachten", "wat_werkt"]
    autocomplete_fields = ["jongere", "gemaakt_door"]
    readonly_fields = ["gewijzigd_op", "voorgelegd_op", "gedragen_op"]
    inlines = [AnalyseBehoefteInline, InstemmingInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[VerklarendeAnalyse]:
        return VerklarendeAnalyse.objects.filter(
            jongere__in=_jongeren_voor(request)
        ).select_related("jongere", "gemaakt_door")

    @admin.display(description=_("aandachtssignalen"))
    def signalen_lijst(self, obj: VerklarendeAnalyse) -> str:
        return ", ".join(str(Signaal(code).label) for code in obj.signalen) or "—"

    def inzage_jongere(self, obj: VerklarendeAnalyse) -> int | None:
        return obj.jongere_id

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.status in VASTGESTELD:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Versions are the history of what was endorsed.
        return False


@admin.register(AnalyseBehoefte)
class AnalyseBehoefteAdmin(InzageAdminMixin, admin.ModelAdmin[AnalyseBehoefte]):
    inzage_soort = Soort.ANALYSE

    list_display = ["analyse", "kenmerk", "belang", "toelichting"]
    list_filter = ["belang", "kenmerk"]
    search_fields = ["analyse__jongere__roepnaam", "kenmerk__naam", "toelichting"]
    autocomplete_fields = ["analyse", "kenmerk"]

    def inzage_jongere(self, obj: AnalyseBehoefte) -> int | None:
        return obj.analyse.jongere_id

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.analyse.status in VASTGESTELD:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.analyse.status in VASTGESTELD:
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[AnalyseBehoefte]:
        return AnalyseBehoefte.objects.filter(
            analyse__jongere__in=_jongeren_voor(request)
        ).select_related("analyse__jongere", "kenmerk")


@admin.register(Instemming)
class InstemmingAdmin(InzageAdminMixin, admin.ModelAdmin[Instemming]):
    inzage_soort = Soort.ANALYSE

    list_display = ["analyse", "persoon", "rol", "akkoord", "op"]
    list_filter = ["rol", "akkoord"]
    search_fields = ["analyse__jongere__roepnaam", "persoon__email", "opmerking"]
    readonly_fields = ["analyse", "persoon", "rol", "akkoord", "opmerking", "op"]

    def inzage_jongere(self, obj: Instemming) -> int | None:
        return obj.analyse.jongere_id

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instemming]:
        return Instemming.objects.filter(
            analyse__jongere__in=_jongeren_voor(request)
        ).select_related("analyse__jongere", "persoon")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Uitnodiging)
class UitnodigingAdmin(InzageAdminMixin, admin.ModelAdmin[Uitnodiging]):
    inzage_soort = Soort.UITNODIGING

    list_display = ["email", "rol", "jongere", "verstuurd_door", "verstuurd_op", "gebruikt_op"]
    list_filter = ["rol", ("gebruikt_op", admin.EmptyFieldListFilter)]
    search_fields = ["email", "jongere__roepnaam"]
    readonly_fields = [
        "jongere",
        "email",
        "persoon",
        "rol",
        "verstuurd_door",
        "verstuurd_op",
        "gebruikt_op",
    ]

    def inzage_jongere(self, obj: Uitnodiging) -> int | None:
        return obj.jongere_id

    def get_queryset(self, request: HttpRequest) -> QuerySet[Uitnodiging]:
        return Uitnodiging.objects.filter(jongere__in=_jongeren_voor(request)).select_related(
            "jongere", "persoon", "verstuurd_door"
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Invitations go out from the coordinator's page, which also sends the e-mail.
        return False


@admin.register(BeschermdeZone)
class BeschermdeZoneAdmin(InzageAdminMixin, SimpleHistoryAdmin):
    list_display = ["jongere", "plaats", "straal_km", "ingesteld_door", "ingesteld_op"]
    search_fields = ["jongere__roepnaam", "plaats"]
    autocomplete_fields = ["jongere", "ingesteld_door"]
    list_filter = ["jongere__organisatie"]

    def inzage_jongere(self, obj: BeschermdeZone) -> int | None:
        return obj.jongere_id

    def get_queryset(self, request: HttpRequest) -> QuerySet[BeschermdeZone]:
        return BeschermdeZone.objects.filter(jongere__in=_jongeren_voor(request)).select_related(
            "jongere", "ingesteld_door"
        )
