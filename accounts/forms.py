from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kern.uitgesteld import na_commit


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address; the error never says which half was wrong."""

    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van e-mailadres en wachtwoord kennen we niet. Probeer het opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met de functioneel beheerder."),
    }


class ResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Queue the reset e-mail through the outbox, like every other mail, instead of
        sending it inside the request (where a slow or failing mail server would lose it
        and tell the visitor whether the address exists). The worker makes the link.

        Exactly one task is queued whatever the address: for an address nobody has, one
        that sends nothing, so the page costs the same work (and time) either way."""
        users = list(self.get_users(self.cleaned_data["email"]))
        na_commit(
            "accounts.tasks.mail_wachtwoord_herstel",
            users[0].pk if users else None,
            get_language(),
        )


class CodeForm(forms.Form):
    """The six digits from the authenticator app."""

    fout_melding = _(
        "Deze code klopt niet of is al gebruikt. Vul de code in die je app nu laat "
        "zien. Staat de tijd op je telefoon goed?"
    )

    code = forms.CharField(
        label=_("Code uit je authenticator-app"),
        help_text=_("Zes cijfers. De code verandert elke 30 seconden."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
        error_messages={
            "required": _("Vul de code van zes cijfers in."),
            "min_length": _("De code heeft zes cijfers."),
            "max_length": _("De code heeft zes cijfers."),
        },
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("De code bestaat alleen uit cijfers."))
        return code


class HerstelcodeForm(forms.Form):
    """One of the recovery codes shown when the app was bound."""

    fout_melding = _("Deze herstelcode klopt niet of is al gebruikt.")

    code = forms.CharField(
        label=_("Herstelcode"),
        help_text=_(
            "Een van de codes die je kreeg toen je je app koppelde. Elke code werkt één keer."
        ),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": _("Vul een herstelcode in.")},
    )

    def clean_code(self) -> str:
        return "".join(self.cleaned_data["code"].split()).lower()


class WachtwoordWijzigenForm(PasswordChangeForm):
    """Change a password, with the rules in plain words ("je", not Django's "Uw wachtwoord
    mag niet ..."): youths and parents change their password here too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lengte = next(
            (
                validator.min_length
                for validator in password_validation.get_default_password_validators()
                if isinstance(validator, password_validation.MinimumLengthValidator)
            ),
            0,
        )
        self.fields["new_password1"].help_text = _(
            "Minstens %(lengte)d tekens. Niet alleen cijfers, en niet je naam of e-mailadres."
        ) % {"lengte": lengte}
        self.fields["new_password2"].help_text = ""
