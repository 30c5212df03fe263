from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.choices import Omgeving
from matching.adapters import HomeFilter


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


class VergelijkForm(forms.Form):
    """Two or three homes from the youth's result list, to see side by side. Only homes that
    are eligible for the youth can be chosen: a blocked home has no factors to compare."""

    MINSTENS = 2
    HOOGSTENS = 3

    woning = forms.TypedMultipleChoiceField(
        label=_("Woningen om te vergelijken"),
        coerce=int,
        error_messages={
            "required": _("Kies twee of drie woningen om te vergelijken."),
            "invalid_choice": _(
                "Een gekozen woning komt niet (meer) in aanmerking voor deze jongere. "
                "Kies opnieuw in de lijst."
            ),
        },
    )

    def __init__(self, *args: Any, woningen: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["woning"].choices = [(str(pk), str(pk)) for pk in woningen]  # type: ignore[attr-defined]

    def clean_woning(self) -> list[int]:
        gekozen: list[int] = list(dict.fromkeys(self.cleaned_data["woning"]))
        if not self.MINSTENS <= len(gekozen) <= self.HOOGSTENS:
            raise forms.ValidationError(
                _("Kies twee of drie woningen om te vergelijken; je koos er %(aantal)s.")
                % {"aantal": len(gekozen)}
            )
        return gekozen
