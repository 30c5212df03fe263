"""The admins' filters on the access log."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.inzage import Actie, Toegang


class InzageFilterForm(forms.Form):
    """The admin's filters on the access log; an invalid value is shown and not applied."""

    jongere = forms.IntegerField(label=_("Jongere (id)"), required=False, min_value=1)
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
