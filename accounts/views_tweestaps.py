"""Login with a second step, setting up the authenticator app (through an admin's link for
professionals), recovery codes, and the throttled password reset."""

from __future__ import annotations

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import drempel
from accounts import koppelen as koppelen_service
from accounts.forms import CodeForm, HerstelcodeForm, LoginForm, ResetForm
from accounts.models import ActieveSessie, User
from accounts.tweestaps import (
    is_geverifieerd,
    met_volgende,
    moet_tweede_stap,
    nieuw_toestel,
    toestel,
)
from kern.inzage import client_adres


class InlogView(auth_views.LoginView):
    """The password step; who owes a second step goes there next, keeping `next`."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        # Too many wrong passwords from this client, for any address (django-axes counts
        # each address per client; accounts.drempel counts the client).
        if drempel.overschreden(drempel.INLOG_PER_CLIENT, client_adres(request)):
            return drempel.te_vaak(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        antwoord = super().form_valid(form)
        user = form.get_user()
        assert isinstance(user, User)
        if moet_tweede_stap(user):
            if toestel(user) is None and not koppelen_service.mag_zelf_koppelen(self.request, user):
                return geen_toestel(self.request)
            stap = "login_code" if toestel(user) else "tweestaps"
            volgende = self.get_success_url()
            return HttpResponseRedirect(met_volgende(reverse(stap), volgende))
        return antwoord


def geen_toestel(request: HttpRequest) -> HttpResponse:
    """A professional with no authenticator and no link: the password is not enough."""
    logout(request)
    messages.error(request, koppelen_service.GEEN_TOESTEL)
    return redirect("login")


class HerstelView(auth_views.PasswordResetView):
    """The reset request, limited per client and per address. The limit counts every
    request whether or not the address is known, so reaching it says nothing either."""

    def form_valid(self, form: ResetForm) -> HttpResponse:  # type: ignore[override]
        adres = drempel.normaliseer_adres(form.cleaned_data["email"])
        client = client_adres(self.request)
        per_adres = drempel.tel(drempel.HERSTEL_PER_ADRES, adres)
        per_client = drempel.tel(drempel.HERSTEL_PER_CLIENT, client)
        if (
            per_adres > drempel.HERSTEL_PER_ADRES.maximum
            or per_client > drempel.HERSTEL_PER_CLIENT.maximum
        ):
            return drempel.te_vaak(self.request)
        return super().form_valid(form)


@never_cache
def koppelen(request: HttpRequest, token: str) -> HttpResponse:
    """The admin's one-time link: marks this session, then the password and the app."""
    link = koppelen_service.link_voor_token(token)
    if link is None:
        return render(request, "accounts/koppelen_ongeldig.html", status=404)
    if request.user.is_authenticated and request.user.pk != link.gebruiker_id:
        logout(request)
    koppelen_service.onthoud_link(request, link)
    if request.user.is_authenticated:
        return redirect("tweestaps")
    messages.info(
        request,
        _("Log in met je e-mailadres en wachtwoord. Daarna koppel je je authenticator-app."),
    )
    return redirect("login")


def _volgende(request: HttpRequest) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return resolve_url("start")


def _geverifieerd(request: HttpRequest, apparaat: Device) -> None:
    """Marks the session as having passed the second step, under a new session key."""
    oud = request.session.session_key
    otp_login(request, apparaat)
    request.session.cycle_key()
    ActieveSessie.objects.filter(sessie_sleutel=oud).update(
        sessie_sleutel=request.session.session_key
    )


def _fout_bij_code(apparaat: Device, form: CodeForm | HerstelcodeForm) -> bool:
    """Checks the code; puts the reason on the form when it is refused."""
    toegestaan, _info = apparaat.verify_is_allowed()
    if not toegestaan:
        form.add_error(
            "code",
            _("Je hebt te vaak een verkeerde code ingevuld. Wacht even en probeer het opnieuw."),
        )
        return True
    if not apparaat.verify_token(form.cleaned_data["code"]):
        form.add_error("code", form.fout_melding)
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


@sensitive_post_parameters("code")
@login_required
def login_herstelcode(request: HttpRequest) -> HttpResponse:
    """The second step with a recovery code, for a lost phone; each code works once."""
    user = request.user
    assert isinstance(user, User)
    if is_geverifieerd(user) or not moet_tweede_stap(user):
        return redirect(_volgende(request))
    form = HerstelcodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apparaat = koppelen_service.herstelcodes(user)
        if apparaat is None:
            form.add_error("code", form.fout_melding)
        elif not _fout_bij_code(apparaat, form):
            _geverifieerd(request, apparaat)
            messages.warning(
                request,
                _(
                    "Je bent ingelogd met een herstelcode. Je hebt er nog %(aantal)s. "
                    "Telefoon kwijt? Vraag de functioneel beheerder je app los te koppelen "
                    "en je een nieuwe koppellink te geven."
                )
                % {"aantal": apparaat.token_set.count()},
            )
            return redirect(_volgende(request))
    return render(
        request, "registration/login_herstelcode.html", {"form": form, "next": _volgende(request)}
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
                StaticDevice.objects.filter(user=user).delete()
                messages.success(request, _("Inloggen in twee stappen staat nu uit."))
            return redirect("tweestaps")
        if request.method == "POST" and request.POST.get("actie") == "herstelcodes":
            return _toon_herstelcodes(request, user)
        return render(
            request,
            "accounts/tweestaps.html",
            {
                "apparaat": apparaat,
                "verplicht": verplicht,
                "herstelcodes": koppelen_service.herstelcodes(user),
                "next": _volgende(request),
            },
        )

    # Without an app: a professional binds one only through an admin's link.
    if not koppelen_service.mag_zelf_koppelen(request, user):
        return geen_toestel(request)
    nieuw = TOTPDevice.objects.filter(user=user, confirmed=False).first() or nieuw_toestel(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not _fout_bij_code(nieuw, form):
        nieuw.confirmed = True
        nieuw.save(update_fields=["confirmed"])
        koppelen_service.gebruik_link(request, user)
        _geverifieerd(request, nieuw)
        messages.success(request, _("Gelukt: je logt voortaan in met een code uit je app."))
        return _toon_herstelcodes(request, user)
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


def _toon_herstelcodes(request: HttpRequest, user: User) -> HttpResponse:
    """New recovery codes, shown this once (they are not stored readable anywhere else
    the user can reach)."""
    codes = koppelen_service.nieuwe_herstelcodes(user)
    return render(
        request, "accounts/herstelcodes.html", {"codes": codes, "next": _volgende(request)}
    )
