from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Rol, User
from jongeren.models import (
    PRIORITEIT_KEUZES,
    PRIORITEITEN,
    ZONE_STRAAL_MAX_KM,
    AnalyseBehoefte,
    BeschermdeZone,
    Fase,
    Instemming,
    Jongere,
    Maatregel,
    VerklarendeAnalyse,
)
from jongeren.services import ONTBREKEND_BERICHT, BehoefteInvoer
from kern.choices import Signaal
from kern.geocoding import GeocodingError, get_geocoder
from kern.models import Kenmerk


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _lege_keuze(veld: forms.Field, label: Any) -> None:
    """Name the empty choice in Dutch (Django's own blank label has no Dutch translation)."""
    keuzes = list(veld.choices)  # type: ignore[attr-defined]
    veld.choices = [("", label), *(k for k in keuzes if k[0] != "")]  # type: ignore[attr-defined]


class JongereFilterForm(forms.Form):
    """The query string of "Mijn jongeren"; invalid values are reported, not obeyed."""

    q = forms.CharField(
        label=_("Zoek op naam"),
        required=False,
        max_length=60,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    fase = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=[("", _("Alle fasen")), *Fase.choices],
        error_messages={"invalid_choice": _("Kies een fase uit de lijst.")},
    )
    eigen = forms.BooleanField(label=_("Alleen jongeren die ik zelf begeleid"), required=False)


# --- Profile ------------------------------------------------------------------------------


class JongereForm(forms.ModelForm[Jongere]):
    """Create or edit a youth's profile. Places are asked by name or postcode, never as
    coordinates: a new or changed place is looked up (`kern.geocoding`), an unchanged one
    keeps the coordinates it has."""

    class Meta:
        model = Jongere
        fields = [
            "roepnaam",
            "geboortedatum",
            "geslacht",
            "woonplaats",
            "school_naam",
            "school_niveau",
            "school_plaats",
            "juridisch_kader",
            "machtiging_einde",
            "maatregel",
            "machtiging_uhp_van",
            "machtiging_uhp_tot",
            "jeugdbeschermer",
            "ouders_zonder_gezag",
            "nodig_vanaf",
            "fase",
            "coordinator",
        ]
        widgets = {
            "machtiging_uhp_van": DatumInput(),
            "machtiging_uhp_tot": DatumInput(),
            "ouders_zonder_gezag": forms.CheckboxSelectMultiple,
            "maatregel": forms.RadioSelect,
            "geboortedatum": DatumInput(),
            "nodig_vanaf": DatumInput(),
            "machtiging_einde": DatumInput(),
            "geslacht": forms.RadioSelect,
            "juridisch_kader": forms.RadioSelect,
        }

    def __init__(self, *args: Any, organisatie: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisatie = organisatie
        self.fields["coordinator"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            rol=Rol.COORDINATOR, organisatie=organisatie, is_active=True
        ).order_by("first_name", "email")
        self.fields["coordinator"].empty_label = None  # type: ignore[attr-defined]
        self.fields["jeugdbeschermer"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            rol=Rol.JEUGDBESCHERMER, is_active=True
        ).order_by("first_name", "email")
        self.fields["maatregel"].required = False
        self.fields["ouders_zonder_gezag"].queryset = (  # type: ignore[attr-defined]
            self.instance.ouders.order_by("first_name", "email")
            if self.instance.pk
            else User.objects.none()
        )
        self.fields["geslacht"].choices = self.fields["geslacht"].choices[1:]  # type: ignore[attr-defined]
        _lege_keuze(self.fields["school_niveau"], _("Geen of onbekend"))
        self.fields["roepnaam"].widget.attrs["autocomplete"] = "off"
        self.fields["woonplaats"].help_text = _(
            "Plaatsnaam of postcode, bijvoorbeeld Assen of 9401 AB."
        )
        self.fields["school_plaats"].help_text = _("Plaatsnaam of postcode van de school.")
        self.fields["roepnaam"].help_text = _("Voornaam of een schuilnaam. Een BSN is niet nodig.")
        self.fields["juridisch_kader"].label = _("Welk kader geldt?")
        self.fields["nodig_vanaf"].help_text = _(
            "Een kleinschalige woonvoorziening neemt jongeren van 8 tot en met 23 jaar op. "
            "Op deze datum moet de jongere die leeftijd hebben."
        )

    def clean_maatregel(self) -> Any:
        # Not chosen: no measure (the form of a youth without a judge's measure).
        return self.cleaned_data.get("maatregel") or Maatregel.GEEN

    def clean_nodig_vanaf(self) -> Any:
        nodig_vanaf = self.cleaned_data["nodig_vanaf"]
        # An existing youth keeps a date that has since passed; a new or changed date must
        # lie ahead, or the search would look for vacancies in the past.
        is_nieuw_of_gewijzigd = self.instance.pk is None or "nodig_vanaf" in self.changed_data
        if is_nieuw_of_gewijzigd and nodig_vanaf < timezone.localdate():
            raise ValidationError(
                _("Deze datum ligt in het verleden. Kies vandaag of een latere datum.")
            )
        return nodig_vanaf

    def _plaats(self, plaats_veld: str, lat_veld: str, lon_veld: str) -> None:
        if plaats_veld in self.errors:
            return
        plaats = (self.cleaned_data.get(plaats_veld) or "").strip()
        if not plaats:
            setattr(self.instance, lat_veld, None)
            setattr(self.instance, lon_veld, None)
            return
        al_bekend = getattr(self.instance, lat_veld) is not None
        if al_bekend and plaats_veld not in self.changed_data:
            return
        try:
            locatie = get_geocoder().lookup(plaats)
        except GeocodingError as fout:
            self.add_error(plaats_veld, _plaats_fout(plaats, fout))
            return
        setattr(self.instance, lat_veld, locatie.lat)
        setattr(self.instance, lon_veld, locatie.lon)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self._plaats("woonplaats", "lat", "lon")
        self._plaats("school_plaats", "school_lat", "school_lon")
        return data


def _plaats_fout(plaats: str, fout: GeocodingError) -> str:
    """The lookup's answer for this form, where nobody types coordinates."""
    if fout.code == "niet_gevonden":
        return str(
            _(
                "We kennen de plaats of postcode '%(plaats)s' niet. Controleer de spelling, "
                "of vul een postcode of een grotere plaats in de buurt in."
            )
            % {"plaats": plaats}
        )
    if fout.code == "onbereikbaar":
        return str(
            _("De plaats kan nu niet worden opgezocht. Probeer het over een paar minuten opnieuw.")
        )
    return fout.message


# --- Protective zones ------------------------------------------------------------------------


class BeschermdeZoneForm(forms.ModelForm[BeschermdeZone]):
    """A place and a radius the youth must be kept away from, with the reason.

    The place is looked up like the family's home town; when the geocoder does not know
    it, the coordinates can be typed in (they win over the place, as on the profile).
    """

    straal_km = forms.FloatField(
        label=_("Straal in km"),
        localize=True,
        help_text=_("Geen woning binnen deze afstand van de plaats. Meer dan 0, hoogstens 300."),
        error_messages={
            "required": _("Vul de straal in, in kilometers."),
            "invalid": _("Vul een getal in, bijvoorbeeld 25 of 2,5."),
        },
    )
    lat = forms.FloatField(
        label=_("Breedtegraad (alleen als de plaats niet gevonden wordt)"),
        required=False,
        min_value=-90,
        max_value=90,
        error_messages={
            "min_value": _("Een breedtegraad ligt tussen -90 en 90."),
            "max_value": _("Een breedtegraad ligt tussen -90 en 90."),
            "invalid": _("Vul een getal in, met een punt: bijvoorbeeld 53.2190."),
        },
    )
    lon = forms.FloatField(
        label=_("Lengtegraad (alleen als de plaats niet gevonden wordt)"),
        required=False,
        min_value=-180,
        max_value=180,
        error_messages={
            "min_value": _("Een lengtegraad ligt tussen -180 en 180."),
            "max_value": _("Een lengtegraad ligt tussen -180 en 180."),
            "invalid": _("Vul een getal in, met een punt: bijvoorbeeld 6.5680."),
        },
    )

    class Meta:
        model = BeschermdeZone
        fields = ["plaats", "straal_km", "reden", "lat", "lon"]
        error_messages = {
            "plaats": {"required": _("Vul de plaats of de postcode in.")},
            "reden": {"required": _("Schrijf op waarom deze jongere hier weg moet blijven.")},
        }
        widgets = {"reden": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, jongere: Jongere, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.jongere = jongere
        self.fields["plaats"].widget.attrs["autocomplete"] = "off"

    def clean_straal_km(self) -> float:
        straal = cast(float, self.cleaned_data["straal_km"])
        if not straal > 0:  # also NaN
            raise ValidationError(_("De straal moet groter zijn dan 0 km."))
        if straal > ZONE_STRAAL_MAX_KM:
            raise ValidationError(
                _("De straal is hoogstens %(max)s km.") % {"max": ZONE_STRAAL_MAX_KM}
            )
        return straal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "plaats" in self.errors or "lat" in self.errors or "lon" in self.errors:
            return data
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            self.add_error("lat", _("Vul beide coördinaten in, of laat ze allebei leeg."))
            return data
        if lat is not None:
            return data
        plaats = data.get("plaats", "")
        try:
            locatie = get_geocoder().lookup(plaats)
        except GeocodingError as fout:
            self.add_error("plaats", fout.message)
            return data
        data["lat"], data["lon"] = locatie.lat, locatie.lon
        return data


# --- Analysis -----------------------------------------------------------------------------

PRIORITEIT_VELDEN = [veld for veld, _label in PRIORITEITEN]


class AnalyseForm(forms.ModelForm[VerklarendeAnalyse]):
    """The coordinator's analysis form. A draft may be incomplete; `voorleggen` may not."""

    signalen = forms.MultipleChoiceField(
        label=_("Aandachtssignalen"),
        choices=Signaal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vertrouwelijk: alleen coördinatoren van je organisatie zien dit."),
        error_messages={"invalid_choice": _("'%(value)s' is geen bekend aandachtssignaal.")},
    )

    class Meta:
        model = VerklarendeAnalyse
        fields = VerklarendeAnalyse.INHOUD_VELDEN
        widgets = {
            veld: forms.Textarea(attrs={"rows": 4}) for veld in VerklarendeAnalyse.TEKSTVELDEN
        }

    def __init__(self, *args: Any, voorleggen: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.voorleggen = voorleggen
        for veld, label in PRIORITEITEN:
            self.fields[veld] = forms.TypedChoiceField(
                label=label,
                choices=PRIORITEIT_KEUZES,
                coerce=int,
                initial=2,
                error_messages={"invalid_choice": _("Kies een waarde van 0 tot en met 3.")},
            )
        self.fields["zorgprofiel"].help_text = _(
            "Het belangrijkste zorgprofiel, voor de groepsmix."
        )
        _lege_keuze(self.fields["zorgprofiel"], _("Nog niet gekozen"))
        _lege_keuze(self.fields["zorgintensiteit"], _("Nog niet gekozen"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.voorleggen:
            for veld in ("krachten", "wat_werkt", "zorgprofiel", "zorgintensiteit"):
                if not str(data.get(veld) or "").strip() and veld not in self.errors:
                    self.add_error(veld, str(ONTBREKEND_BERICHT[veld]))
        return data

    def inhoud(self) -> dict[str, Any]:
        return {veld: self.cleaned_data[veld] for veld in self.Meta.fields}


class BehoefteForm(forms.Form):
    """One need from the vocabulary: its importance (empty: not needed) and a short note."""

    kenmerk = forms.CharField(widget=forms.HiddenInput, max_length=50)
    belang = forms.TypedChoiceField(
        label=_("Belang"),
        choices=[("", _("Niet nodig")), *AnalyseBehoefte.Belang.choices],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een belang van 1 tot en met 3.")},
    )
    toelichting = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args: Any, kenmerken: dict[str, Kenmerk], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kenmerken = kenmerken
        # Every row names a need, so a row left as it was is still checked.
        self.empty_permitted = False
        if self.is_bound:
            code = self.data.get(self.add_prefix("kenmerk"), "")
        else:
            code = self.initial.get("kenmerk", "")
        self.kenmerk_obj = kenmerken.get(code)

    def clean_kenmerk(self) -> str:
        code: str = self.cleaned_data["kenmerk"]
        if code not in self.kenmerken:
            raise ValidationError(
                _("Onbekende behoefte '%(code)s'. Kies een behoefte uit de lijst."),
                params={"code": code},
            )
        return code

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("toelichting") and data.get("belang") is None and "belang" not in self.errors:
            self.add_error("belang", _("Kies ook een belang, of maak de toelichting leeg."))
        return data


class BaseBehoefteFormSet(forms.BaseFormSet[BehoefteForm]):
    # Set by behoeften_formset(): putting the analysis forward needs at least one need.
    voorleggen = False

    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        codes = [form.cleaned_data["kenmerk"] for form in self.forms]
        if len(codes) != len(set(codes)):
            raise ValidationError(_("Elke behoefte mag maar één keer voorkomen."))
        if self.voorleggen and not self.behoeften():
            raise ValidationError(str(ONTBREKEND_BERICHT["behoeften"]))

    def behoeften(self) -> list[BehoefteInvoer]:
        return [
            BehoefteInvoer(
                kenmerk=form.kenmerken[form.cleaned_data["kenmerk"]],
                belang=form.cleaned_data["belang"],
                toelichting=form.cleaned_data["toelichting"],
            )
            for form in self.forms
            if form.cleaned_data.get("belang") is not None
        ]


BehoefteFormSet = forms.formset_factory(
    BehoefteForm,
    formset=BaseBehoefteFormSet,
    extra=0,
    max_num=200,
    absolute_max=200,
    validate_max=True,
)


def behoeften_formset(
    *, data: Any = None, basis: VerklarendeAnalyse | None, voorleggen: bool = False
) -> BaseBehoefteFormSet:
    """One row per active need, plus needs the base version uses that were switched off."""
    gekozen = (
        {b.kenmerk.code: b for b in basis.behoeften.select_related("kenmerk")} if basis else {}
    )
    kenmerken = {k.code: k for k in Kenmerk.objects.actief()}
    for code, behoefte in gekozen.items():
        kenmerken.setdefault(code, behoefte.kenmerk)
    initial = [
        {
            "kenmerk": code,
            "belang": gekozen[code].belang if code in gekozen else None,
            "toelichting": gekozen[code].toelichting if code in gekozen else "",
        }
        for code in sorted(kenmerken, key=lambda c: (kenmerken[c].volgorde, kenmerken[c].naam))
    ]
    formset = cast(
        BaseBehoefteFormSet,
        BehoefteFormSet(
            data=data, initial=initial, prefix="behoefte", form_kwargs={"kenmerken": kenmerken}
        ),
    )
    formset.voorleggen = voorleggen
    return formset


class VergelijkForm(forms.Form):
    """Which two versions to compare (query string on the history page)."""

    van = forms.TypedChoiceField(label=_("Van versie"), coerce=int)
    naar = forms.TypedChoiceField(label=_("Naar versie"), coerce=int)

    def __init__(self, *args: Any, versies: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keuzes = [(v, str(v)) for v in versies]
        for naam in ("van", "naar"):
            self.fields[naam].choices = keuzes  # type: ignore[attr-defined]
            self.fields[naam].error_messages["invalid_choice"] = _(
                "Versie %(value)s bestaat niet. Kies een versie uit de lijst."
            )


# --- The family's pages -------------------------------------------------------------------


class GezinForm(forms.Form):
    """What the youth or a parent finds important, and the family's search priorities."""

    woorden = forms.CharField(
        label=_("Wat vind jij belangrijk?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Schrijf het in je eigen woorden. Het mag kort."),
    )

    def __init__(self, *args: Any, is_jongere: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not is_jongere:
            self.fields["woorden"].label = _("Wat vind jij als ouder belangrijk?")
        for veld, label in PRIORITEITEN:
            self.fields[veld] = forms.TypedChoiceField(
                label=label,
                choices=PRIORITEIT_KEUZES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies hoe belangrijk dit is."),
                    "invalid_choice": _("Kies een van de vier keuzes."),
                },
            )

    def prioriteiten(self) -> dict[str, int]:
        return {veld: self.cleaned_data[veld] for veld in PRIORITEIT_VELDEN}

    def prioriteit_velden(self) -> list[forms.BoundField]:
        return [self[veld] for veld in PRIORITEIT_VELDEN]


class ReactieForm(forms.Form):
    """Agree with the version, or ask for a change with a comment."""

    # The version the person read: a reaction never lands on a newer text they did not see.
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    keuze = forms.ChoiceField(
        choices=[("akkoord", _("Ik ben het eens")), ("wijziging", _("Ik wil iets veranderen"))],
        error_messages={"invalid_choice": _("Kies of je het eens bent.")},
    )
    opmerking = forms.CharField(
        label=_("Wat moet er anders?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("keuze") == "wijziging" and not data.get("opmerking", "").strip():
            self.add_error("opmerking", _("Schrijf op wat er anders moet."))
        return data

    @property
    def akkoord(self) -> bool:
        return bool(self.cleaned_data["keuze"] == "akkoord")


class UitnodigingForm(forms.Form):
    rol = forms.ChoiceField(
        label=_("Wie nodig je uit?"),
        choices=[(Rol.JONGERE, _("De jongere zelf")), (Rol.OUDER, _("Een ouder of verzorger"))],
        widget=forms.RadioSelect,
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=150)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )


# Plain Dutch for the password rules: Django 6.1's own Dutch catalogue misses some of them,
# and a 14-year-old should not read "Uw wachtwoord mag niet ...".
_WACHTWOORD_FOUTEN = {
    "password_too_short": _("Dit wachtwoord is te kort. Gebruik minstens %(min_length)d tekens."),
    "password_too_similar": _("Dit wachtwoord lijkt te veel op je naam of e-mailadres."),
    "password_too_common": _("Dit wachtwoord gebruiken veel mensen. Kies een ander."),
    "password_entirely_numeric": _("Gebruik niet alleen cijfers."),
}


def _minimale_lengte() -> int:
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            return validator.min_length
    return 0


class WachtwoordKiezenForm(SetPasswordForm):
    """Choose a password from an invitation link, with the rules in plain words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kies een wachtwoord")
        self.fields["new_password2"].label = _("Typ het wachtwoord nog een keer")
        self.fields["new_password2"].help_text = ""
        self.fields["new_password1"].help_text = _(
            "Minstens %(lengte)d tekens. Niet alleen cijfers, en niet je naam of e-mailadres."
        ) % {"lengte": _minimale_lengte()}

    def validate_password_for_user(
        self,
        user: Any,
        password_field_name: str = "new_password2",  # noqa: S107 - a field name
    ) -> None:
        password = self.cleaned_data.get(password_field_name)
        if not password:
            return
        try:
            password_validation.validate_password(password, user)
        except ValidationError as fout:
            self.add_error(
                password_field_name,
                [
                    ValidationError(_WACHTWOORD_FOUTEN[e.code], params=e.params)
                    if e.code in _WACHTWOORD_FOUTEN
                    else e
                    for e in fout.error_list
                ],
            )


class BroerZusForm(forms.Form):
    """Link a sibling: another youth of the coordinator's own organisation."""

    broer_zus = forms.ModelChoiceField(
        label=_("Broer of zus"),
        queryset=Jongere.objects.none(),
        help_text=_("Een andere jongere van jouw organisatie die ook een plek zoekt."),
    )

    def __init__(self, *args: Any, jongere: Jongere, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["broer_zus"])
        field.queryset = (
            Jongere.objects.for_user(user)
            .exclude(pk=jongere.pk)
            .exclude(pk__in=jongere.broers_zussen.values("pk"))
            .order_by("roepnaam", "pk")
        )


class InstemmingVastleggenForm(forms.Form):
    """The coordinator records the endorsement of the youth or a parent who does not use the
    portal, from a conversation: who, what they said, how, when and who was present."""

    wie = forms.ChoiceField(
        label=_("Wie"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wie er instemde."),
            "invalid_choice": _("Kies wie er instemde."),
        },
    )
    akkoord = forms.ChoiceField(
        label=_("Wat zei deze persoon?"),
        choices=[("ja", _("Eens met deze versie")), ("nee", _("Er moet iets anders"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat deze persoon zei.")},
    )
    hoe = forms.ChoiceField(
        label=_("Hoe"),
        choices=Instemming.Hoe.choices,
        error_messages={"required": _("Kies hoe jullie spraken.")},
    )
    gesprek_op = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Vul in wanneer jullie spraken."),
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 3-12-2026 14:30."),
        },
    )
    aanwezig = forms.CharField(
        label=_("Wie waren erbij"),
        max_length=300,
        help_text=_("Bijvoorbeeld: de coördinator, de jongere en de mentor."),
        error_messages={"required": _("Schrijf op wie erbij waren.")},
    )
    opmerking = forms.CharField(
        label=_("Wat werd er gezegd?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als er iets anders moet."),
    )

    def __init__(self, *args: Any, keuzes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wie"].choices = keuzes  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("akkoord") == "nee" and not (data.get("opmerking") or "").strip():
            self.add_error("opmerking", _("Schrijf op wat er anders moet."))
        return data
