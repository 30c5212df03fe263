from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from accounts.decorators import permission_required
from accounts.models import Melding, Organisatie, Rol, User
from accounts.services import markeer_gelezen
from kern.http import HtmxHttpRequest
from kern.paginering import pagina

PER_PAGINA = 50

# The start page of each role; the view named here is where login lands.
START_PAGE = {
    Rol.COORDINATOR: "jongeren:lijst",
    Rol.BEHEERDER: "voorzieningen:dashboard",
    Rol.JONGERE: "jongeren:mijn",
    Rol.OUDER: "jongeren:mijn",
    Rol.FUNCTIONEEL_BEHEERDER: "beheer_start",
    Rol.EXPERTTEAM: "plaatsingstafel:expertteam",
}


@login_required
def start(request: HttpRequest) -> HttpResponseRedirect:
    assert isinstance(request.user, User)
    return redirect(START_PAGE[Rol(request.user.rol)])


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


@login_required
def meldingen(request: HtmxHttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    if request.method == "POST":
        markeer_gelezen(ontvanger=request.user)
        if request.htmx:
            return render(request, "accounts/meldingen.html#lijst", _meldingen_context(request))
        return redirect("meldingen")
    return render(request, "accounts/meldingen.html", _meldingen_context(request))


def _meldingen_context(request: HttpRequest) -> dict[str, object]:
    page = pagina(request, Melding.objects.for_user(request.user), 25)
    return {"page": page, "ongelezen": Melding.objects.for_user(request.user).ongelezen().count()}
