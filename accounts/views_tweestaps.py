"""Login with a second step, and setting up the authenticator app."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import CodeForm, LoginForm
from accounts.models import ActieveSessie, User
from accounts.tweestaps import (
    is_geverifieerd,
    met_volgende,
    moet_tweede_stap,
    nieuw_toestel,
    toestel,
)


class InlogView(auth_views.LoginView):
    """The password step; who owes a second step goes there next, keeping `next`."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        antwoord = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        if moet_tweede_stap(user):
            stap = "login_code" if toestel(user) else "tweestaps"
            volgende = self.get_success_url()
            return HttpResponseRedirect(met_volgende(reverse(stap), volgende))
        return antwoord


def _volgende(request: HttpRequest) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return resolve_url("start")


def _geverifieerd(request: HttpRequest, apparaat: TOTPDevice) -> None:
    """Marks the session as having passed the second step, under a new session key."""
    oud = request.session.session_key
    otp_login(request, apparaat)
    request.session.cycle_key()
    ActieveSessie.objects.filter(sessie_sleutel=oud).update(
        sessie_sleutel=request.session.session_key
    )


def _fout_bij_code(apparaat: TOTPDevice, form: CodeForm) -> bool:
    """Checks the code; puts the reason on the form when it is refused."""
    toegestaan, _info = apparaat.verify_is_allowed()
    if not toegestaan:
        form.add_error(
            "code",
            _("Je hebt te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."),
        )
        return True
    if not apparaat.verify_token(form.cleaned_data["code"]):
        form.add_error(
            "code",
            _(
                "Deze code klopt niet of is al gebruikt. Vul de code in die je app nu laat "
                "zien. Staat de tijd op je telefoon goed?"
            ),
        )
        return True
    return False


@sensitive_post_parameters("code")
@login_required
def login_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the authenticator app."""
    user = request.user
    assert isinstance(user, User)
    if is_geverifieerd(user):
        return redirect(_volgende(request))
    apparaat = toestel(user)
    if apparaat is None:
        return redirect(met_volgende(reverse("tweestaps"), _volgende(request)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _fout_bij_code(apparaat, form):
        _geverifieerd(request, apparaat)
        return redirect(_volgende(request))
    return render(
        request, "registration/login_code.html", {"form": form, "next": _volgende(request)}
    )


def _qr_svg(apparaat: TOTPDevice) -> str:
    qr = segno.make(apparaat.config_url, error="m")
    return qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", title=_("QR-code"))


def _geheim(apparaat: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing it into the app by hand."""
    tekst = b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


@sensitive_post_parameters("code")
@login_required
def tweestaps(request: HttpRequest) -> HttpResponse:
    """Set up (or, where it is optional, switch off) the authenticator app."""
    user = request.user
    assert isinstance(user, User)
    apparaat = toestel(user)
    verplicht = user.is_professional and moet_tweede_stap(user)

    if apparaat is not None:
        if not is_geverifieerd(user):
            return redirect(met_volgende(reverse("login_code"), _volgende(request)))
        if request.method == "POST" and request.POST.get("actie") == "uitzetten":
            if verplicht:
                messages.error(request, _("Voor jouw rol is inloggen in twee stappen verplicht."))
            else:
                TOTPDevice.objects.filter(user=user).delete()
                messages.success(request, _("Inloggen in twee stappen staat nu uit."))
            return redirect("tweestaps")
        return render(
            request,
            "accounts/tweestaps.html",
            {"apparaat": apparaat, "verplicht": verplicht, "next": _volgende(request)},
        )

    nieuw = TOTPDevice.objects.filter(user=user, confirmed=False).first() or nieuw_toestel(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _fout_bij_code(nieuw, form):
        nieuw.confirmed = True
        nieuw.save(update_fields=["confirmed"])
        _geverifieerd(request, nieuw)
        messages.success(request, _("Gelukt: je logt voortaan in met een code uit je app."))
        return redirect(_volgende(request))
    return render(
        request,
        "accounts/tweestaps.html",
        {
            "form": form,
            "qr": _qr_svg(nieuw),
            "geheim": _geheim(nieuw),
            "verplicht": verplicht,
            "next": _volgende(request),
        },
    )
