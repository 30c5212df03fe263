from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Regio


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
