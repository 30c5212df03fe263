"""Forms for the manager's pages and the coordinator's list of homes.

Each form says in plain Dutch what is wrong and leaves the database untouched; the
services check again under a lock what can change between showing a form and saving it
(a full home, a vacancy taken by someone else).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from jongeren.models import SchoolNiveau
from kern import opmaak
from kern.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from kern.geocoding import GeocodingError, get_geocoder
from kern.models import Kenmerk
from voorzieningen.fotos import FOTOS_PER_WONING, FotoFout, SchoneFoto, maak_schoon
from voorzieningen.haken import Kandidaat
from voorzieningen.models import (
    LEEFTIJD_MAX,
    LEEFTIJD_MIN,
    Behandelpartner,
    FotoWoning,
    GeloofCultuur,
    Onderwijs,
    Ouderdeelname,
    Overgangspunt,
    Plaatsing,
    Provincie,
    Taal,
    Teamlid,
    Toegankelijkheid,
    Toelatingsregel,
    Vacature,
    Voeding,
    Voorziening,
    leeftijd_op,
)
from voorzieningen.services import PROFIEL_VELDEN_VOORZIENING, vacaturedatum_fout


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MaandInput(forms.DateInput):
    """A month picker; browsers without one show a text box that accepts 2009-04."""

    input_type = "month"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m")


DATUM_FORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
MAAND_FORMATEN = ["%Y-%m", "%m-%Y", "%m/%Y", "%Y-%m-%d"]


def _datum(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DatumInput(),
        input_formats=DATUM_FORMATEN,
        help_text=help_text,
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 31-12-2026.")},
    )


def _kenmerken(*, gekozen: QuerySet[Kenmerk] | None = None) -> QuerySet[Kenmerk]:
    """Active codes, plus any switched-off code that is still chosen (so it is not lost)."""
    if gekozen is None:
        return Kenmerk.objects.actief()
    return Kenmerk.objects.filter(Q(actief=True) | Q(pk__in=gekozen.values("pk")))


_PROVINCIE_IN_LABEL = re.compile(r"\(([^()]+)\)\s*$")


def _provincie_uit_label(label: str) -> str:
    match = _PROVINCIE_IN_LABEL.search(label)
    if match and match.group(1) in Provincie.values:
        return match.group(1)
    return ""


class KenmerkenField(forms.ModelMultipleChoiceField[Kenmerk]):
    """Vocabulary checkboxes. A posted id beyond 64 bits is an invalid choice, not a crash:
    Django passes `pk__in` values to SQLite unchecked, which raises OverflowError."""

    def _check_values(self, value: Any) -> QuerySet[Kenmerk]:
        for pk in value:
            try:
                buiten_bereik = not -(2**63) <= int(pk) < 2**63
            except (TypeError, ValueError):
                continue  # the parent reports these as invalid
            if buiten_bereik:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)  # type: ignore[misc]


# --- The home ------------------------------------------------------------------------


class VoorzieningForm(forms.ModelForm[Voorziening]):
    """The home's profile. The postcode is looked up for coordinates; when the lookup
    fails, the manager types the coordinates in the two fields under the address."""

    aanbod = KenmerkenField(
        label=_("Wat de woning en het team bieden"),
        queryset=Kenmerk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ouderdeelname = forms.MultipleChoiceField(
        label=_("Hoe ouders kunnen meedoen"),
        choices=Ouderdeelname.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    provincie = forms.ChoiceField(
        label=_("Provincie"),
        choices=[("", _("Zoek ik op bij de postcode")), *Provincie.choices],
        required=False,
    )
    lat = forms.FloatField(
        label=_("Breedtegraad"),
        required=False,
        help_text=_("Alleen nodig als de postcode niet gevonden wordt. Bijvoorbeeld 53.2190."),
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 53.2190.")},
    )
    lon = forms.FloatField(
        label=_("Lengtegraad"),
        required=False,
        help_text=_("Bijvoorbeeld 6.5680."),
        error_messages={"invalid": _("Vul een getal in, bijvoorbeeld 6.5680.")},
    )
    opent_op = _datum(
        _("Opent op"),
        required=False,
        help_text=_("Alleen invullen als de woning nog niet open is."),
    )
    toegankelijkheid = forms.MultipleChoiceField(
        label=_("Toegankelijkheid van het gebouw"),
        choices=Toegankelijkheid.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    talen = forms.MultipleChoiceField(
        label=_("Talen die het team spreekt"),
        choices=Taal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    voeding = forms.MultipleChoiceField(
        label=_("Eten: waar we rekening mee houden"),
        choices=Voeding.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    geloof_cultuur = forms.MultipleChoiceField(
        label=_("Geloof en cultuur: waar we ruimte voor maken"),
        choices=GeloofCultuur.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Voorziening
        # The same fields the service saves, plus the offers it sets separately.
        fields = [*PROFIEL_VELDEN_VOORZIENING, "aanbod"]
        widgets = {
            "omgeving": forms.RadioSelect,
            "roken": forms.RadioSelect,
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "huisregels": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.geocode_label = ""
        self.coordinaten_nodig = False
        gekozen = self.instance.aanbod.all() if self.instance.pk else None
        self.fields["aanbod"].queryset = _kenmerken(gekozen=gekozen)  # type: ignore[attr-defined]
        self.fields["omgeving"].choices = Omgeving.choices  # type: ignore[attr-defined]
        self.fields["roken"].choices = [  # type: ignore[attr-defined]
            ("", _("Nog niet ingevuld")),
            *self.fields["roken"].choices[1:],  # type: ignore[attr-defined]
        ]

    def clean_naam(self) -> str:
        naam: str = self.cleaned_data["naam"].strip()
        dubbel = (
            Voorziening.objects.filter(aanbieder_id=self.instance.aanbieder_id, naam__iexact=naam)
            .exclude(pk=self.instance.pk)
            .exists()
        )
        if dubbel:
            raise forms.ValidationError(_("Jullie hebben al een woning met deze naam."))
        return naam

    def clean_postcode(self) -> str:
        return " ".join(self.cleaned_data["postcode"].upper().split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._bepaal_locatie(cleaned)
        return cleaned

    def _bepaal_locatie(self, cleaned: dict[str, Any]) -> None:
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        if "lat" in self.errors or "lon" in self.errors:
            return
        handmatig = {"lat", "lon"} & set(self.changed_data) and lat is not None
        if (lat is None) != (lon is None):
            self.add_error(
                "lon" if lon is None else "lat",
                _("Vul beide coördinaten in, of laat ze allebei leeg."),
            )
            return
        if handmatig:
            if not cleaned.get("provincie"):
                self.add_error("provincie", _("Kies de provincie."))
            return
        adres_gewijzigd = {"postcode", "plaats"} & set(self.changed_data)
        if lat is not None and not adres_gewijzigd and self.instance.pk:
            # Unchanged address: keep the coordinates the home already has.
            if not cleaned.get("provincie"):
                cleaned["provincie"] = self.instance.provincie
            return
        postcode = cleaned.get("postcode")
        if not postcode:
            return
        try:
            locatie = get_geocoder().lookup(postcode)
        except GeocodingError as error:
            self.add_error(
                "postcode",
                _('%(melding)s Dat kan hieronder, bij "Coördinaten zelf invullen".')
                % {"melding": error.message},
            )
            self.coordinaten_nodig = True
            return
        cleaned["lat"], cleaned["lon"] = locatie.lat, locatie.lon
        self.geocode_label = locatie.label
        if not cleaned.get("provincie"):
            provincie = _provincie_uit_label(locatie.label)
            if provincie:
                cleaned["provincie"] = provincie
            else:
                self.add_error("provincie", _("Kies de provincie."))


class OnderwijsForm(forms.ModelForm[Onderwijs]):
    niveaus = forms.MultipleChoiceField(
        label=_("Niveaus"),
        choices=[(k, v) for k, v in SchoolNiveau.choices if k != SchoolNiveau.GEEN],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Op welke niveaus jongeren hier les krijgen."),
    )

    class Meta:
        model = Onderwijs
        fields = ["soort", "naam", "afstand_km", "niveaus"]


class BehandelpartnerForm(forms.ModelForm[Behandelpartner]):
    class Meta:
        model = Behandelpartner
        fields = ["naam", "behandeling"]


OnderwijsFormSet = inlineformset_factory(
    Voorziening, Onderwijs, form=OnderwijsForm, extra=1, can_delete=True, max_num=10
)
BehandelpartnerFormSet = inlineformset_factory(
    Voorziening, Behandelpartner, form=BehandelpartnerForm, extra=1, can_delete=True, max_num=10
)


class ToelatingsregelForm(forms.ModelForm[Toelatingsregel]):
    """One rule of the admission policy. Which fields matter depends on the kind of rule;
    the model's `clean` says which one is missing."""

    class Meta:
        model = Toelatingsregel
        fields = ["soort", "geslacht", "kenmerk", "sterkte", "reden"]
        widgets = {"sterkte": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gekozen = (
            Kenmerk.objects.filter(pk=self.instance.kenmerk_id)
            if self.instance.kenmerk_id
            else None
        )
        self.fields["kenmerk"].queryset = _kenmerken(gekozen=gekozen)  # type: ignore[attr-defined]
        self.fields["geslacht"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *Toelatingsregel.Geslacht.choices,
        ]


class BaseToelatingsregelFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        gesloten = getattr(self, "woning_gesloten", self.instance.gesloten)
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            if gesloten and form.cleaned_data.get("soort") == Toelatingsregel.Soort.GEEN_MACHTIGING:
                form.add_error(
                    "soort",
                    _(
                        "Een gesloten woning is juist voor jongeren met een machtiging "
                        "gesloten jeugdhulp. Deze regel past daar niet bij."
                    ),
                )


ToelatingsregelFormSet = inlineformset_factory(
    Voorziening,
    Toelatingsregel,
    form=ToelatingsregelForm,
    formset=BaseToelatingsregelFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
)


class FotoForm(forms.ModelForm[FotoWoning]):
    """A photo: a new one needs a file; every photo needs a description for who cannot see
    it. The file is re-encoded without metadata (`voorzieningen.fotos`)."""

    bestand = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "JPG, PNG of WebP, hoogstens 8 MB. Geen mensen op de foto. Verborgen gegevens, "
            "zoals waar en wanneer de foto is gemaakt, halen we eruit."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    class Meta:
        model = FotoWoning
        fields = ["bestand", "beschrijving", "volgorde"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schoon: SchoneFoto | None = None
        if self.instance.pk:
            # An existing photo keeps its pixels; only the description and order change.
            del self.fields["bestand"]

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data.get("bestand")
        if bestand is None:
            return None
        try:
            self.schoon = maak_schoon(bestand, bestand.size or 0)
        except FotoFout as fout:
            raise forms.ValidationError(fout.messages) from None
        return bestand

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        nieuw_zonder_foto = not self.instance.pk and self.schoon is None
        if nieuw_zonder_foto and not self.errors.get("bestand") and cleaned.get("beschrijving"):
            self.add_error("bestand", _("Kies een foto."))
        return cleaned

    def save(self, commit: bool = True) -> FotoWoning:
        foto = super().save(commit=False)
        if self.schoon is not None:
            foto.inhoud = self.schoon.inhoud
            foto.breedte = self.schoon.breedte
            foto.hoogte = self.schoon.hoogte
        if commit:
            foto.save()
        return foto


FotoFormSet = inlineformset_factory(
    Voorziening,
    FotoWoning,
    form=FotoForm,
    extra=1,
    can_delete=True,
    max_num=FOTOS_PER_WONING,
    validate_max=True,
)


# --- Team ------------------------------------------------------------------------------


class TeamlidForm(forms.ModelForm[Teamlid]):
    competenties = KenmerkenField(
        label=_("Competenties"),
        queryset=Kenmerk.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    begindatum = _datum(_("In het team sinds"))

    class Meta:
        model = Teamlid
        fields = ["naam", "functie", "jaren_ervaring", "begindatum", "competenties"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gekozen = self.instance.competenties.all() if self.instance.pk else None
        self.fields["competenties"].queryset = _kenmerken(gekozen=gekozen)  # type: ignore[attr-defined]

    def clean_begindatum(self) -> dt.date:
        begindatum: dt.date = self.cleaned_data["begindatum"]
        if begindatum > timezone.localdate() + dt.timedelta(days=365):
            raise forms.ValidationError(_("Kies een begindatum binnen een jaar."))
        if self.instance.einddatum and begindatum > self.instance.einddatum:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        return begindatum


class TeamlidEindeForm(forms.Form):
    einddatum = _datum(_("Laatste werkdag in dit team (uit het team op)"))

    def __init__(self, *args: Any, teamlid: Teamlid, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.teamlid = teamlid

    def clean_einddatum(self) -> dt.date:
        einddatum: dt.date = self.cleaned_data["einddatum"]
        if einddatum < self.teamlid.begindatum:
            raise forms.ValidationError(
                _("Deze datum ligt voor de begindatum (%(datum)s).")
                % {"datum": opmaak.datum(self.teamlid.begindatum)}
            )
        if einddatum > timezone.localdate() + dt.timedelta(days=365):
            raise forms.ValidationError(_("Kies een datum binnen een jaar."))
        return einddatum


# --- Residents ---------------------------------------------------------------------------


class BewonerProfielForm(forms.Form):
    """The minimal profile of a resident that the group picture needs."""

    aanduiding = forms.CharField(
        label=_("Eigen aanduiding"),
        max_length=20,
        required=False,
        help_text=_("Bijvoorbeeld initialen, zodat jullie weten wie het is. Geen volledige naam."),
    )
    geboortemaand = forms.DateField(
        label=_("Geboortemaand"),
        widget=MaandInput(),
        input_formats=MAAND_FORMATEN,
        help_text=_("Jaar en maand, bijvoorbeeld 2010-04."),
        error_messages={"invalid": _("Vul jaar en maand in, bijvoorbeeld 2010-04.")},
    )
    geslacht = forms.ChoiceField(
        label=_("Geslacht"), choices=Geslacht.choices, widget=forms.RadioSelect
    )
    zorgprofiel = forms.ChoiceField(
        label=_("Zorgprofiel"),
        choices=[("", "—"), *Zorgprofiel.choices],
        help_text=_("De belangrijkste zorgvraag, voor een gemengde groep."),
    )
    zorgintensiteit = forms.ChoiceField(
        label=_("Zorgintensiteit"), choices=Zorgintensiteit.choices, widget=forms.RadioSelect
    )
    signalen = forms.MultipleChoiceField(
        label=_("Aandachtssignalen"),
        choices=Signaal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vertrouwelijk: alleen jullie en de functioneel beheerder zien dit. "
            "Coördinatoren en andere woningen zien alleen het groepsbeeld."
        ),
    )
    geplande_einde = _datum(_("Gepland einde"), required=False)

    def __init__(self, *args: Any, aankomst: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aankomst_vast = aankomst

    def clean_geboortemaand(self) -> dt.date:
        maand: dt.date = self.cleaned_data["geboortemaand"].replace(day=1)
        if maand > timezone.localdate():
            raise forms.ValidationError(_("De geboortemaand ligt in de toekomst."))
        return maand

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        aankomst = cleaned.get("aankomst", self.aankomst_vast)
        geboortemaand = cleaned.get("geboortemaand")
        if aankomst and geboortemaand:
            leeftijd = leeftijd_op(geboortemaand, aankomst)
            if not LEEFTIJD_MIN <= leeftijd <= LEEFTIJD_MAX:
                self.add_error(
                    "geboortemaand",
                    _(
                        "Bij aankomst zou deze jongere %(leeftijd)s jaar zijn. Een KWV is voor "
                        "jongeren van 8 tot en met 23. Kijk de geboortemaand na."
                    )
                    % {"leeftijd": leeftijd},
                )
        geplande_einde = cleaned.get("geplande_einde")
        if aankomst and geplande_einde and geplande_einde <= aankomst:
            self.add_error("geplande_einde", _("Het geplande einde ligt niet na de aankomst."))
        return cleaned


class VacatureKeuzeField(forms.ModelChoiceField[Vacature]):
    def label_from_instance(self, obj: Vacature) -> str:
        label = _("Vrij vanaf %(datum)s") % {"datum": date_format(obj.beschikbaar_vanaf)}
        if obj.status == Vacature.Status.GERESERVEERD:
            label += " (" + str(obj.get_status_display()).lower() + ")"
        return label


class AankomstForm(BewonerProfielForm):
    aankomst = _datum(_("Aankomst"))
    vacature = VacatureKeuzeField(
        label=_("Welke vacature vult deze jongere?"),
        queryset=Vacature.objects.none(),
        required=False,
        # blank=True keeps the "none" option, so a radio choice can be undone without JS.
        blank=True,
        empty_label=_("Geen bepaalde (de eerste open vacature wordt vervuld als dat nodig is)"),
        widget=forms.RadioSelect,
    )

    field_order = [
        "aanduiding",
        "geboortemaand",
        "geslacht",
        "zorgprofiel",
        "zorgintensiteit",
        "signalen",
        "aankomst",
        "geplande_einde",
        "vacature",
    ]

    def __init__(self, *args: Any, voorziening: Voorziening, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.voorziening = voorziening
        vacatures = voorziening.vacatures.in_gebruik().order_by("beschikbaar_vanaf")
        self.fields["vacature"].queryset = vacatures  # type: ignore[attr-defined]
        if not vacatures.exists():
            del self.fields["vacature"]

    def clean_aankomst(self) -> dt.date:
        aankomst: dt.date = self.cleaned_data["aankomst"]
        vandaag = timezone.localdate()
        if aankomst > vandaag:
            raise forms.ValidationError(
                _(
                    "Een aankomst registreer je op of na de dag van aankomst. "
                    "Houd de plek tot dan vrij met een vacature."
                )
            )
        if aankomst < vandaag - dt.timedelta(days=365 * 15):
            raise forms.ValidationError(_("Deze aankomstdatum ligt te ver terug."))
        if self.voorziening.opent_op and aankomst < self.voorziening.opent_op:
            raise forms.ValidationError(
                _("De woning opent pas op %(datum)s.")
                % {"datum": opmaak.datum(self.voorziening.opent_op)}
            )
        return aankomst

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.voorziening.is_vol:
            raise forms.ValidationError(
                _("%(naam)s is vol: alle %(max)s plekken zijn bezet. Er is niets opgeslagen.")
                % {"naam": self.voorziening.naam, "max": self.voorziening.max_bewoners},
                code="vol",
            )
        return cleaned


class VertrekForm(forms.Form):
    einde = _datum(_("Vertrokken op"))
    eindreden = forms.ChoiceField(
        label=_("Reden van vertrek"),
        choices=Plaatsing.Eindreden.choices,
        widget=forms.RadioSelect,
    )
    opzegtermijn_dagen = forms.IntegerField(
        label=_("Hoeveel dagen van tevoren was het vertrek bekend?"),
        required=False,
        min_value=0,
        max_value=999,
        help_text=_("Leeg laten als je het niet weet. 0 betekent: dezelfde dag."),
        error_messages={"min_value": _("Vul 0 of meer dagen in.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat hielp of wat had anders gekund? Dit helpt bij volgende plaatsingen."),
    )
    vacature_openzetten = forms.BooleanField(
        label=_("Zet de vrije plek meteen open als vacature (vrij vanaf vandaag)"),
        required=False,
    )

    def __init__(self, *args: Any, plaatsing: Plaatsing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plaatsing = plaatsing

    def clean_einde(self) -> dt.date:
        einde: dt.date = self.cleaned_data["einde"]
        if einde < self.plaatsing.aankomst:
            raise forms.ValidationError(
                _("De vertrekdatum ligt voor de aankomst (%(aankomst)s).")
                % {"aankomst": opmaak.datum(self.plaatsing.aankomst)}
            )
        if einde > timezone.localdate():
            raise forms.ValidationError(
                _(
                    "Een vertrek registreer je op of na de dag van vertrek. "
                    "Een vertrek dat nog komt, zet je bij 'gepland einde'."
                )
            )
        return einde


# --- Vacancies -------------------------------------------------------------------------


class VacatureForm(forms.Form):
    beschikbaar_vanaf = _datum(_("Vrij vanaf"))

    def __init__(self, *args: Any, voorziening: Voorziening, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.voorziening = voorziening

    def clean_beschikbaar_vanaf(self) -> dt.date:
        datum: dt.date = self.cleaned_data["beschikbaar_vanaf"]
        fout = vacaturedatum_fout(datum, self.voorziening, timezone.localdate())
        if fout:
            raise forms.ValidationError(fout)
        return datum


# --- The coordinator's list of homes -------------------------------------------------------


class ZoekForm(forms.Form):
    """Filters of the list of homes; read from the query string."""

    provincie = forms.ChoiceField(
        label=_("Provincie"),
        choices=[("", _("Alle provincies")), *Provincie.choices],
        required=False,
    )
    plaats = forms.CharField(label=_("Plaats"), max_length=100, required=False)
    omgeving = forms.ChoiceField(
        label=_("Omgeving"), choices=[("", _("Alle")), *Omgeving.choices], required=False
    )
    gesloten = forms.ChoiceField(
        label=_("Open of gesloten"),
        choices=[("", _("Beide")), ("open", _("Open")), ("gesloten", _("Gesloten"))],
        required=False,
    )
    vrij = forms.BooleanField(label=_("Alleen met een open vacature"), required=False)

    def filter(
        self, voorzieningen: QuerySet[Voorziening], now: dt.datetime
    ) -> QuerySet[Voorziening]:
        data = self.cleaned_data
        if data.get("provincie"):
            voorzieningen = voorzieningen.filter(provincie=data["provincie"])
        if data.get("plaats"):
            voorzieningen = voorzieningen.filter(plaats__icontains=data["plaats"].strip())
        if data.get("omgeving"):
            voorzieningen = voorzieningen.filter(omgeving=data["omgeving"])
        if data.get("gesloten"):
            voorzieningen = voorzieningen.filter(gesloten=data["gesloten"] == "gesloten")
        if data.get("vrij"):
            zichtbaar = Vacature.objects.zichtbaar(now).filter(voorziening=OuterRef("pk"))
            voorzieningen = voorzieningen.filter(Exists(zichtbaar))
        return voorzieningen


class KandidaatForm(forms.Form):
    """A candidate youth's group-relevant profile, to see what an admission would mean."""

    leeftijd = forms.IntegerField(label=_("Leeftijd"), min_value=8, max_value=23)
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices)
    zorgprofiel = forms.ChoiceField(label=_("Zorgprofiel"), choices=Zorgprofiel.choices)
    zorgintensiteit = forms.ChoiceField(label=_("Zorgintensiteit"), choices=Zorgintensiteit.choices)
    signalen = forms.MultipleChoiceField(
        label=_("Aandachtssignalen"),
        choices=Signaal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def kandidaat(self, today: dt.date) -> Kandidaat:
        data = self.cleaned_data
        return Kandidaat(
            geboortemaand=dt.date(today.year - data["leeftijd"], today.month, 1),
            geslacht=data["geslacht"],
            zorgprofiel=data["zorgprofiel"],
            zorgintensiteit=data["zorgintensiteit"],
            signalen=frozenset(data["signalen"]),
            aankomst=today,
        )


# --- The stay: mentor and transition checklist ------------------------------------------------


class MentorForm(forms.Form):
    """Choose a mentor from the home's team as it is today."""

    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Teamlid.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Kies een mentor uit het team."),
            "invalid_choice": _("Kies iemand uit het team van deze woning."),
        },
    )

    def __init__(self, *args: Any, kandidaten: list[Teamlid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["mentor"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = Teamlid.objects.filter(pk__in=[t.pk for t in kandidaten]).order_by("naam")


OVERGANG_NOTITIE_MAX = 1000


class OvergangspuntForm(forms.Form):
    """One item of the transition checklist (the page shows one per subject, by prefix)."""

    status = forms.ChoiceField(
        label=_("Hoe staat het ervoor?"),
        choices=Overgangspunt.Status.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe het ervoor staat."),
            "invalid_choice": _("Kies hoe het ervoor staat."),
        },
    )
    notitie = forms.CharField(
        label=_("Notitie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=OVERGANG_NOTITIE_MAX,
        error_messages={"max_length": _("Schrijf hoogstens %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, punt: Overgangspunt, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"status": punt.status, "notitie": punt.notitie})
        kwargs["prefix"] = punt.onderwerp
        super().__init__(*args, **kwargs)
        self.punt = punt

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") == Overgangspunt.Status.NIET_NODIG
            and not (data.get("notitie") or "").strip()
        ):
            self.add_error("notitie", _("Schrijf kort op waarom dit niet nodig is."))
        return data
