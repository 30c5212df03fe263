"""Admin for homes, teams, residents and vacancies.

Lists are scoped with `Voorziening.objects.managed_by`, so a staff account that is not a
functional admin sees only its own provider's homes. The resident counter and a stay's
or vacancy's status are changed only through the services (which lock the home and keep
the numbers right); the admin shows them read-only and offers the services as actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_inzage import InzageAdminMixin
from kern.http import user_of
from kern.inzage import Soort
from voorzieningen import services
from voorzieningen.models import (
    Behandelpartner,
    FotoWoning,
    Onderwijs,
    Overgangspunt,
    Plaatsing,
    Teamlid,
    Toelatingsregel,
    Vacature,
    Voorziening,
)


class OnderwijsInline(admin.TabularInline[Onderwijs, Voorziening]):
    model = Onderwijs
    extra = 0


class BehandelpartnerInline(admin.TabularInline[Behandelpartner, Voorziening]):
    model = Behandelpartner
    extra = 0


class ToelatingsregelInline(admin.TabularInline[Toelatingsregel, Voorziening]):
    model = Toelatingsregel
    extra = 0
    fields = ["soort", "geslacht", "kenmerk", "sterkte", "reden"]


class FotoInline(admin.TabularInline[FotoWoning, Voorziening]):
    """Photos are added on the manager's profile page, which re-encodes them without
    metadata; here an admin can correct a description or remove a photo."""

    model = FotoWoning
    extra = 0
    fields = ["beschrijving", "volgorde", "breedte", "hoogte", "aangemaakt_op"]
    readonly_fields = ["breedte", "hoogte", "aangemaakt_op"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Voorziening)
class VoorzieningAdmin(SimpleHistoryAdmin):
    list_display = [
        "naam",
        "plaats",
        "provincie",
        "aanbieder",
        "omgeving",
        "gesloten",
        "bewoners_aantal",
        "max_bewoners",
        "opent_op",
    ]
    list_filter = ["provincie", "omgeving", "gesloten", "max_bewoners", "aanbieder"]
    search_fields = ["naam", "plaats", "postcode", "aanbieder__naam"]
    list_select_related = ["aanbieder"]
    autocomplete_fields = ["aanbieder"]
    filter_horizontal = ["aanbod"]
    readonly_fields = ["bewoners_aantal", "aangemaakt_op", "gewijzigd_op"]
    inlines = [OnderwijsInline, BehandelpartnerInline, ToelatingsregelInline, FotoInline]
    actions = ["tel_bewoners_opnieuw"]
    fieldsets = (
        (None, {"fields": ("aanbieder", "naam", "beschrijving", "opent_op")}),
        (_("Adres"), {"fields": ("adres", "postcode", "plaats", "provincie", "lat", "lon")}),
        (
            _("Groep"),
            {
                "fields": (
                    "omgeving",
                    "gesloten",
                    "max_bewoners",
                    "voorkeur_bewoners",
                    "bewoners_aantal",
                    "leeftijd_min",
                    "leeftijd_max",
                    "medewerkers_per_dienst",
                )
            },
        ),
        (
            _("Aanbod"),
            {"fields": ("aanbod", "ouderdeelname", "ouderdeelname_toelichting")},
        ),
        (
            _("Het huis en het dagelijks leven"),
            {
                "fields": (
                    "eigen_kamer",
                    "kamers_toelichting",
                    "toegankelijkheid",
                    "huisdieren",
                    "eigen_huisdier",
                    "roken",
                    "huisregels",
                    "talen",
                    "talen_anders",
                    "voeding",
                    "geloof_cultuur",
                    "geloof_cultuur_toelichting",
                )
            },
        ),
        (_("Data"), {"fields": ("aangemaakt_op", "gewijzigd_op")}),
    )

    def get_queryset(self, request: HttpRequest) -> QuerySet[Voorziening]:
        return super().get_queryset(request).managed_by(user_of(request))

    def save_model(self, request: HttpRequest, obj: Voorziening, form: Any, change: bool) -> None:
        if change:
            # Never write the resident counter from a form: it may have moved since.
            obj.save(update_fields=[*services.PROFIEL_VELDEN_VOORZIENING, "aanbieder"])
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description=_("Tel de bewoners opnieuw"))
    def tel_bewoners_opnieuw(self, request: HttpRequest, queryset: QuerySet[Voorziening]) -> None:
        geteld = 0
        for voorziening in queryset:
            try:
                services.herbereken_bewoners_aantal(voorziening=voorziening)
                geteld += 1
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
        if geteld:
            self.message_user(
                request,
                _("De bewoners van %(aantal)s woningen zijn opnieuw geteld.") % {"aantal": geteld},
                messages.SUCCESS,
            )


@admin.register(Teamlid)
class TeamlidAdmin(admin.ModelAdmin[Teamlid]):
    list_display = ["naam", "functie", "voorziening", "jaren_ervaring", "begindatum", "einddatum"]
    list_filter = ["functie", "voorziening__aanbieder"]
    search_fields = ["naam", "voorziening__naam"]
    list_select_related = ["voorziening"]
    autocomplete_fields = ["voorziening"]
    filter_horizontal = ["competenties"]
    date_hierarchy = "begindatum"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Teamlid]:
        voorzieningen = Voorziening.objects.managed_by(user_of(request))
        return super().get_queryset(request).filter(voorziening__in=voorzieningen)


class OvergangspuntInline(admin.TabularInline[Overgangspunt, Plaatsing]):
    """The transition checklist from 17½, read-only here: the youth, the coordinator and the
    home keep it up on the stay's page (each change is in the history)."""

    model = Overgangspunt
    extra = 0
    fields = ("onderwerp", "status", "notitie", "door", "gewijzigd_op")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Plaatsing)
class PlaatsingAdmin(InzageAdminMixin, SimpleHistoryAdmin):
    """Residents, attention signals included: only for people who manage the home. Every
    read and change is in the access log (under the youth, or the home for a resident
    who did not come through the portal)."""

    inzage_soort = Soort.BEWONER
    inlines = [OvergangspuntInline]

    list_display = [
        "__str__",
        "voorziening",
        "geslacht",
        "zorgprofiel",
        "zorgintensiteit",
        "aankomst",
        "einde",
        "eindreden",
    ]
    list_filter = [
        "zorgprofiel",
        "zorgintensiteit",
        "geslacht",
        "eindreden",
        "synthetisch",
        "voorziening__aanbieder",
    ]
    search_fields = ["aanduiding", "voorziening__naam", "voorziening__plaats"]
    list_select_related = ["voorziening"]
    date_hierarchy = "aankomst"
    # Arrivals and departures move the counter and announce a group change: portal only.
    readonly_fields = [
        "voorziening",
        "aankomst",
        "einde",
        "eindreden",
        "opzegtermijn_dagen",
        # What the matching said at placement: a record for the outcomes page, not an input.
        "score_bij_plaatsing",
        "aandachtspunten_bij_plaatsing",
        "synthetisch",
        # The youth chooses the mentor on the stay's page.
        "mentor",
        "mentor_gekozen_op",
        "mentor_vastgelegd_door",
        "aangemaakt_op",
        "gewijzigd_op",
    ]

    def inzage_jongere(self, obj: Plaatsing) -> int | None:
        return obj.jongere_id

    def inzage_voorziening(self, obj: Plaatsing) -> int | None:
        return obj.voorziening_id

    def get_queryset(self, request: HttpRequest) -> QuerySet[Plaatsing]:
        voorzieningen = Voorziening.objects.managed_by(user_of(request))
        return super().get_queryset(request).filter(voorziening__in=voorzieningen)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Plaatsing | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Plaatsing, form: Any, change: bool) -> None:
        # Through the service, so a change to the group is announced to matching.
        changes = {veld: form.cleaned_data[veld] for veld in form.changed_data}
        try:
            services.wijzig_bewonersprofiel(plaatsing=obj, door=user_of(request), **changes)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, str(error), messages.ERROR)


@admin.register(Vacature)
class VacatureAdmin(SimpleHistoryAdmin):
    list_display = ["voorziening", "beschikbaar_vanaf", "status", "laatst_bevestigd"]
    list_filter = ["status", "voorziening__aanbieder", "voorziening__provincie"]
    search_fields = ["voorziening__naam", "voorziening__plaats"]
    list_select_related = ["voorziening"]
    date_hierarchy = "beschikbaar_vanaf"
    readonly_fields = [
        "voorziening",
        "status",
        "laatst_bevestigd",
        "plaatsing",
        "aangemaakt_op",
        "gewijzigd_op",
    ]
    actions = ["bevestig", "trek_in"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Vacature]:
        voorzieningen = Voorziening.objects.managed_by(user_of(request))
        return super().get_queryset(request).filter(voorziening__in=voorzieningen)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Publishing checks the free places under a lock: use the portal's page.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Vacature | None = None) -> bool:
        return False

    def _voer_uit(self, request: HttpRequest, queryset: QuerySet[Vacature], actie: Any) -> None:
        gelukt = 0
        for vacature in queryset:
            try:
                actie(vacature=vacature, door=user_of(request))
                gelukt += 1
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{vacature}: {error}", messages.ERROR)
        if gelukt:
            self.message_user(
                request,
                _("%(aantal)s vacatures bijgewerkt.") % {"aantal": gelukt},
                messages.SUCCESS,
            )

    @admin.action(description=_("Bevestig: de plek is nog vrij"))
    def bevestig(self, request: HttpRequest, queryset: QuerySet[Vacature]) -> None:
        self._voer_uit(request, queryset, services.bevestig_vacature)

    @admin.action(description=_("Trek de vacature in"))
    def trek_in(self, request: HttpRequest, queryset: QuerySet[Vacature]) -> None:
        self._voer_uit(request, queryset, services.trek_vacature_in)


@admin.register(Onderwijs)
class OnderwijsAdmin(admin.ModelAdmin[Onderwijs]):
    list_display = ["naam", "soort", "afstand_km", "voorziening"]
    list_filter = ["soort"]
    search_fields = ["naam", "voorziening__naam"]
    list_select_related = ["voorziening"]
    autocomplete_fields = ["voorziening"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Onderwijs]:
        voorzieningen = Voorziening.objects.managed_by(user_of(request))
        return super().get_queryset(request).filter(voorziening__in=voorzieningen)


@admin.register(Behandelpartner)
class BehandelpartnerAdmin(admin.ModelAdmin[Behandelpartner]):
    list_display = ["naam", "behandeling", "voorziening"]
    search_fields = ["naam", "behandeling", "voorziening__naam"]
    list_select_related = ["voorziening"]
    autocomplete_fields = ["voorziening"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Behandelpartner]:
        voorzieningen = Voorziening.objects.managed_by(user_of(request))
        return super().get_queryset(request).filter(voorziening__in=voorzieningen)
