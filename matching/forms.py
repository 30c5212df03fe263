from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Regio
from jongeren.models import Jongere
from jongeren.profiel import fout_in_tekst_voor_woning
from matching.adapters import HomeFilter
from matching.choices import Geslacht, Omgeving, Signaal, Zorgintensiteit, Zorgprofiel
from matching.engine import Youth
from matching.models import Afwijsreden, Besluit, Kennismaking, Tegenspraak
from voorzieningen.models import Voorziening


class ZoekFilterForm(forms.Form):
    """The search filters, read from the query string. Nonsense values are dropped with a
    message instead of failing the page."""

    max_afstand_km = forms.IntegerField(
        label=_("Maximale afstand tot familie (km)"),
        required=False,
        min_value=1,
        max_value=400,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    gesloten = forms.ChoiceField(
        label=_("Open of gesloten"),
        required=False,
        choices=[("", _("Alle")), ("open", _("Alleen open")), ("gesloten", _("Alleen gesloten"))],
    )
    omgeving = forms.ChoiceField(
        label=_("Omgeving"), required=False, choices=[("", _("Alle")), *Omgeving.choices]
    )
    beschikbaar_op = forms.DateField(
        label=_("Plek vrij op of voor"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    opent_binnenkort = forms.ChoiceField(
        label=_("Woningen die binnenkort opengaan"),
        required=False,
        choices=[("ja", _("Meenemen")), ("nee", _("Niet meenemen"))],
    )

    def clean_beschikbaar_op(self) -> date | None:
        value: date | None = self.cleaned_data["beschikbaar_op"]
        if value is not None and not (
            date(2000, 1, 1) <= value <= timezone.localdate() + timedelta(days=3 * 365)
        ):
            raise forms.ValidationError(_("Kies een datum binnen drie jaar."))
        return value

    def to_filter(self) -> HomeFilter:
        """The valid part of the filters; fields with errors count as not filled in."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        gesloten = {"open": False, "gesloten": True}.get(data.get("gesloten") or "")
        return HomeFilter(
            gesloten=gesloten,
            omgeving=data.get("omgeving") or None,
            beschikbaar_op=data.get("beschikbaar_op"),
            met_opent_binnenkort=data.get("opent_binnenkort") != "nee",
            max_afstand_km=data.get("max_afstand_km"),
        )


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

    def to_youth(self, today: date) -> Youth:
        data = self.cleaned_data
        return Youth(
            ref="kandidaat",
            birth_date=date(today.year - data["leeftijd"], today.month, 1),
            gender=data["geslacht"],
            location=None,
            school_location=None,
            needed_from=today,
            # Only the group matters here, not the court order a closed home asks for.
            machtiging_gesloten=True,
            care_profile=data["zorgprofiel"],
            care_intensity=data["zorgintensiteit"],
            attention=frozenset(data["signalen"]),
        )


# --- Proposals ---------------------------------------------------------------------------


class VoorstelNieuwForm(forms.Form):
    motivatie = forms.CharField(
        label=_("Waarom past deze woning?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Het gezin leest dit. De woning leest het pas als het gezin toestemming gaf om "
            "te delen. Schrijf geen aandachtssignalen op."
        ),
    )
    tekst_voor_woning = forms.CharField(
        label=_("Tekst voor de woning"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wie is deze jongere, wat gaat goed, wat heeft de jongere nodig? De woning leest "
            "dit meteen, voordat het gezin toestemming gaf. Noem daarom geen namen van "
            "mensen, geen plaatsen, geen school en geen afstanden."
        ),
    )

    def __init__(self, *args: Any, jongere: Jongere, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.jongere = jongere

    def clean_tekst_voor_woning(self) -> str:
        tekst = str(self.cleaned_data.get("tekst_voor_woning", "")).strip()
        fout = fout_in_tekst_voor_woning(self.jongere, tekst)
        if fout is not None:
            raise forms.ValidationError(fout, code="namen")
        return tekst


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[("ja", _("Wij hebben interesse")), ("nee", _("Wij hebben geen interesse"))],
        widget=forms.RadioSelect,
    )
    reden = forms.ChoiceField(
        label=_("Reden (bij geen interesse)"),
        required=False,
        choices=[("", "—"), *Afwijsreden.choices],
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("antwoord") == "nee" and not data.get("reden"):
            self.add_error("reden", _("Kies een reden."))
        if data.get("reden") == Afwijsreden.ANDERS and not data.get("toelichting"):
            self.add_error("toelichting", _("Schrijf kort op wat de reden is."))
        return data


class KennismakingForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort kennismaking"), choices=Kennismaking.Soort.choices)
    datum = forms.DateTimeField(
        label=_("Datum en tijd"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    plaats = forms.CharField(label=_("Plaats"), max_length=200)


class NotitieForm(forms.Form):
    notitie = forms.CharField(
        label=_("Notities over de kennismaking"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class BesluitForm(forms.Form):
    keuze = forms.ChoiceField(
        label=_("Wat vind jij?"), choices=Besluit.Keuze.choices, widget=forms.RadioSelect
    )
    opmerking = forms.CharField(
        label=_("Wil je iets uitleggen? (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TegenspraakForm(forms.Form):
    oordeel = forms.ChoiceField(
        label=_("Oordeel"), choices=Tegenspraak.Oordeel.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Afweging"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


# How far from today an arrival may be registered when placing from a proposal.
PLAATS_MARGE_DAGEN = 30


class PlaatsForm(forms.Form):
    """The arrival date when a proposal is placed, by the coordinator or the home's manager.

    Within `PLAATS_MARGE_DAGEN` days of today and not before the home opens. The manager
    registers an arrival that happened (as on the home's own arrival form): not in the
    future. The coordinator may place ahead, for a date agreed with the home.
    """

    aankomst = forms.DateField(
        label=_("Datum van aankomst"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum van aankomst in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-2026."),
        },
    )

    def __init__(
        self,
        *args: Any,
        voorziening: Voorziening | None = None,
        alleen_gebeurd: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.voorziening = voorziening
        self.alleen_gebeurd = alleen_gebeurd
        vandaag = timezone.localdate()
        laatste = vandaag if alleen_gebeurd else vandaag + timedelta(days=PLAATS_MARGE_DAGEN)
        if alleen_gebeurd:
            self.fields["aankomst"].help_text = _(
                "Vandaag of een dag in de afgelopen %(dagen)s dagen."
            ) % {"dagen": PLAATS_MARGE_DAGEN}
        else:
            self.fields["aankomst"].help_text = _("Tot %(dagen)s dagen terug of vooruit.") % {
                "dagen": PLAATS_MARGE_DAGEN
            }
        self.fields["aankomst"].widget.attrs.update(
            {
                "min": (vandaag - timedelta(days=PLAATS_MARGE_DAGEN)).isoformat(),
                "max": laatste.isoformat(),
            }
        )

    @staticmethod
    def standaard(gewenst: date | None) -> date:
        """The suggested date: `gewenst` (the date the place is needed) when it lies within
        the margin, otherwise today."""
        vandaag = timezone.localdate()
        marge = timedelta(days=PLAATS_MARGE_DAGEN)
        if gewenst is not None and vandaag - marge <= gewenst <= vandaag + marge:
            return gewenst
        return vandaag

    def clean_aankomst(self) -> date:
        aankomst: date = self.cleaned_data["aankomst"]
        vandaag = timezone.localdate()
        if self.alleen_gebeurd and aankomst > vandaag:
            raise forms.ValidationError(
                _(
                    "Een aankomst registreer je op of na de dag van aankomst. "
                    "Houd de plek tot dan vrij met een vacature."
                )
            )
        if aankomst > vandaag + timedelta(days=PLAATS_MARGE_DAGEN):
            raise forms.ValidationError(
                _("De aankomst ligt meer dan %(dagen)s dagen vooruit. Kies een eerdere datum.")
                % {"dagen": PLAATS_MARGE_DAGEN}
            )
        if aankomst < vandaag - timedelta(days=PLAATS_MARGE_DAGEN):
            raise forms.ValidationError(
                _(
                    "De aankomst ligt meer dan %(dagen)s dagen terug. Vraag de functioneel "
                    "beheerder om hulp als dat echt klopt."
                )
                % {"dagen": PLAATS_MARGE_DAGEN}
            )
        if self.voorziening and self.voorziening.opent_op and aankomst < self.voorziening.opent_op:
            raise forms.ValidationError(
                _("De woning opent pas op %(datum)s.")
                % {"datum": self.voorziening.opent_op.strftime("%d-%m-%Y")}
            )
        return aankomst


class RegioKeuzeForm(forms.Form):
    """Which region to look at; only shown to admins (coordinators see their own)."""

    regio = forms.ModelChoiceField(
        label=_("Regio"), queryset=Regio.objects.order_by("naam"), required=False, empty_label=None
    )


class ToewijzingForm(forms.Form):
    """The placement table's request, from the query string: choices already made (one
    select per waiting youth), homes to leave out, and whether everyone must get a place."""

    uitgesloten = forms.MultipleChoiceField(
        label=_("Woningen uitsluiten"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Deze woningen doen niet mee in dit voorstel."),
    )
    iedereen = forms.BooleanField(
        label=_("Iedere jongere moet een plek krijgen"),
        required=False,
        help_text=_("Lukt dat niet, dan zegt het voorstel waarom."),
    )

    def __init__(
        self,
        *args: Any,
        jongeren: list[tuple[str, str]],
        woningen: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.jongeren = jongeren
        uitgesloten = self.fields["uitgesloten"]
        assert isinstance(uitgesloten, forms.MultipleChoiceField)
        uitgesloten.choices = woningen
        for ref, naam in jongeren:
            self.fields[f"vast_{ref}"] = forms.ChoiceField(
                label=naam, required=False, choices=[("", _("Nog niet gekozen")), *woningen]
            )

    def vaste_velden(self) -> list[forms.BoundField]:
        return [self[f"vast_{ref}"] for ref, _naam in self.jongeren]

    def vast(self) -> dict[str, str]:
        """The fixed choices (youth ref to home ref); none until the form is valid."""
        if not hasattr(self, "cleaned_data"):
            return {}
        return {
            ref: self.cleaned_data[f"vast_{ref}"]
            for ref, _naam in self.jongeren
            if self.cleaned_data.get(f"vast_{ref}")
        }
