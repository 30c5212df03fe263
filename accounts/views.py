from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from accounts.decorators import permission_required
from accounts.models import Organisatie, Rol, User

# The start page of each role; the view named here is where login lands.
START_PAGE = {
    Rol.COORDINATOR: "coordinator_start",
    Rol.BEHEERDER: "voorzieningen:dashboard",
    Rol.JONGERE: "gezin_start",
    Rol.OUDER: "gezin_start",
    Rol.FUNCTIONEEL_BEHEERDER: "beheer_start",
}


@login_required
def start(request: HttpRequest) -> HttpResponseRedirect:
    assert isinstance(request.user, User)
    return redirect(START_PAGE[Rol(request.user.rol)])


@permission_required("accounts.coordinator_start")
def coordinator_start(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/coordinator_start.html")


@permission_required("accounts.gezin_start")
def gezin_start(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/gezin_start.html")


@permission_required("accounts.beheer_start")
def beheer_start(request: HttpRequest) -> HttpResponse:
    organisaties = Organisatie.objects.for_user(request.user).select_related("regio")
    gebruikers_per_rol = {
        Rol(rol).label: User.objects.filter(rol=rol, is_active=True).count() for rol in Rol.values
    }
    return render(
        request,
        "accounts/beheer_start.html",
        {"organisaties": organisaties, "gebruikers_per_rol": gebruikers_per_rol},
    )
