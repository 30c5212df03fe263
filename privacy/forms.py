"""The admins' filters on the access log."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.inzage import Actie, Doel, Toegang


class InzageFilterForm(forms.Form):
    """The admin's filters on the access log; an invalid value is shown and not applied."""

    jongere = forms.CharField(
        label=_("Jongere (naam)"),
        required=False,
        max_length=60,
        help_text=_("De roepnaam, of een deel ervan."),
    )
    gebruiker = forms.CharField(
        label=_("Gebruiker (e-mail of naam)"), required=False, max_length=100
    )
    vanaf = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    actie = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties")), *Actie.choices]
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        required=False,
        choices=[("", _("Gelukt en geweigerd")), *Toegang.choices],
    )


class RedenForm(forms.Form):
    """Why a reader whose role does not imply it opens a youth's data."""

    doel = forms.ChoiceField(
        label=_("Waarom bekijk je deze gegevens?"),
        choices=[
            (Doel.STORING, Doel.STORING.label),
            (Doel.KLACHT, Doel.KLACHT.label),
            (Doel.CONTROLE, Doel.CONTROLE.label),
            (Doel.BEHEER, _("ander beheer van het portaal (licht toe)")),
        ],
        widget=forms.RadioSelect,
    )
    reden = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Bijvoorbeeld het nummer van de melding of de vraag."),
        max_length=300,
        required=False,
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("doel") == Doel.BEHEER and not (data.get("reden") or "").strip():
            self.add_error("reden", _("Licht toe waarom je deze gegevens bekijkt."))
        return data
