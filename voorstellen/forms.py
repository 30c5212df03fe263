from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jongeren.models import Jongere
from jongeren.profiel import fout_in_tekst_voor_woning
from kern import opmaak
from voorstellen.models import Afwijsreden, Besluit, Deeltoestemming, Kennismaking, Tegenspraak
from voorstellen.services import MOTIVATIE_NODIG
from voorzieningen.models import Perspectief, Voorziening

MOTIVATIE_LABEL = _("Waarom past deze woning?")


class VoorstelNieuwForm(forms.Form):
    """The coordinator's proposal. Sending needs a motivation (`versturen`); a draft may
    be kept without one."""

    motivatie = forms.CharField(
        label=MOTIVATIE_LABEL,
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Nodig om te versturen. Het gezin leest dit. De woning leest het pas als het "
            "gezin toestemming gaf om te delen. Schrijf geen aandachtssignalen op."
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

    def __init__(
        self, *args: Any, jongere: Jongere, versturen: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.jongere = jongere
        self.versturen = versturen
        if versturen:
            self.fields["motivatie"].widget.attrs["aria-required"] = "true"

    def clean_motivatie(self) -> str:
        motivatie = str(self.cleaned_data.get("motivatie", "")).strip()
        if self.versturen and not motivatie:
            raise forms.ValidationError(MOTIVATIE_NODIG, code="required")
        return motivatie

    def clean_tekst_voor_woning(self) -> str:
        tekst = str(self.cleaned_data.get("tekst_voor_woning", "")).strip()
        fout = fout_in_tekst_voor_woning(self.jongere, tekst)
        if fout is not None:
            raise forms.ValidationError(fout, code="namen")
        return tekst


class VerstuurForm(forms.Form):
    """Sending a draft from its page: the motivation the family will read, required."""

    motivatie = forms.CharField(
        label=MOTIVATIE_LABEL,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": MOTIVATIE_NODIG},
        help_text=_(
            "Het gezin leest dit. De woning leest het pas als het gezin toestemming gaf om "
            "te delen. Schrijf geen aandachtssignalen op."
        ),
    )


class ToestemmingForm(forms.Form):
    """Yes or no to sharing. Its ids differ from the decision form's on the same page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "id_delen_%s")
        super().__init__(*args, **kwargs)

    keuze = forms.ChoiceField(
        label=_("Mag de woning alles lezen?"),
        choices=Deeltoestemming.Keuze.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label=_("Je antwoord"),
        choices=[("ja", _("Wij hebben interesse")), ("nee", _("Wij hebben geen interesse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of je interesse hebt.")},
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
        label=_("Wat vind jij?"),
        choices=Besluit.Keuze.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, twijfel of nee.")},
    )
    opmerking = forms.CharField(
        label=_("Wil je iets uitleggen? (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class VastlegForm(forms.Form):
    """The coordinator records a person's view or decision from a conversation."""

    sleutel = forms.ChoiceField(label=_("Wie"))
    keuze = forms.ChoiceField(
        label=_("Wat zei deze persoon?"), choices=Besluit.Keuze.choices, widget=forms.RadioSelect
    )
    hoe = forms.ChoiceField(label=_("Hoe"), choices=Besluit.Hoe.choices)
    gesprek_op = forms.DateTimeField(
        label=_("Wanneer"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    aanwezig = forms.CharField(
        label=_("Wie waren erbij"),
        max_length=300,
        help_text=_("Bijvoorbeeld: de coördinator, de moeder en een tolk."),
    )
    opmerking = forms.CharField(
        label=_("Wat werd er gezegd? (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, betrokkenen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sleutel"].choices = [  # type: ignore[attr-defined]
            (b.sleutel, f"{b.naam} ({b.inbreng.label})") for b in betrokkenen
        ]


class OverschrijfForm(forms.Form):
    """The coordinator places over a parent's "no" where the court's authorisation
    allows it, with a reason."""

    sleutel = forms.ChoiceField(label=_("Over wiens nee"))
    reden = forms.CharField(
        label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, betrokkenen: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sleutel"].choices = [  # type: ignore[attr-defined]
            (b.sleutel, b.naam) for b in betrokkenen if b.overschrijfbaar
        ]


class RedenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class PerspectiefForm(forms.Form):
    richting = forms.ChoiceField(
        label=_("Perspectief"), choices=Perspectief.Richting.choices, widget=forms.RadioSelect
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
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
                % {"datum": opmaak.datum(self.voorziening.opent_op)}
            )
        return aankomst
