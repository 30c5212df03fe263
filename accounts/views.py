from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accounts.decorators import permission_required
from accounts.models import Melding, Organisatie, Rol, User
from accounts.services import markeer_gelezen
from kern.aandacht import verzamel
from kern.http import HtmxHttpRequest
from kern.inzage import Actie, Soort, log_inzage_lijst, standaard_doel
from kern.paginering import pagina

PER_PAGINA = 50

# The start page of each role; the view named here is where login lands.
START_PAGE = {
    Rol.COORDINATOR: "jongeren:lijst",
    Rol.BEHEERDER: "voorzieningen:dashboard",
    Rol.JONGERE: "jongeren:mijn",
    Rol.OUDER: "jongeren:mijn",
    Rol.FUNCTIONEEL_BEHEERDER: "beheer_start",
    Rol.JEUGDBESCHERMER: "jongeren:beschermd",
    Rol.EXPERTTEAM: "plaatsingstafel:expertteam",
}

FAMILIE = (Rol.JONGERE, Rol.OUDER)


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """What needs this person now, gathered from every app (`kern.aandacht`); each item
    links to where it is done. The role's usual overview stays one click away."""
    assert isinstance(request.user, User)
    groepen = verzamel(request.user)
    for groep in groepen:
        if groep.jongeren:
            log_inzage_lijst(
                request,
                jongeren=groep.jongeren,
                actie=Actie.READ,
                soort=groep.soort or Soort.VOORSTEL,
                doel=standaard_doel(request),
            )
    rol = Rol(request.user.rol)
    return render(
        request,
        "accounts/start.html",
        {"groepen": groepen, "overzicht": START_PAGE[rol], "familie": rol in FAMILIE},
    )


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
