from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render

from accounts.decorators import permission_required
from accounts.forms import InzageFilterForm
from accounts.models import Inzage, Melding, Organisatie, Rol, User
from accounts.services import markeer_gelezen
from config.http import HtmxHttpRequest
from jongeren.zoekpatronen import (
    DREMPEL_NA_WIJZIGING,
    DREMPEL_ZONDER_GEZIN,
    PERIODE_DAGEN,
    opvallende_zoekpatronen,
)

PER_PAGINA = 50

# The start page of each role; the view named here is where login lands.
START_PAGE = {
    Rol.COORDINATOR: "jongeren:lijst",
    Rol.BEHEERDER: "voorzieningen:dashboard",
    Rol.JONGERE: "jongeren:mijn",
    Rol.OUDER: "jongeren:mijn",
    Rol.FUNCTIONEEL_BEHEERDER: "beheer_start",
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
    page = Paginator(Melding.objects.for_user(request.user), 25).get_page(request.GET.get("pagina"))
    return {"page": page, "ongelezen": Melding.objects.for_user(request.user).ongelezen().count()}


@permission_required("accounts.inzage_log")
def inzage_log(request: HttpRequest) -> HttpResponse:
    """The access log for admins, newest first, with filters."""
    form = InzageFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown as errors and simply not applied
    filters = form.cleaned_data
    entries = Inzage.objects.select_related("organisatie", "voorziening")
    if filters.get("jongere"):
        entries = entries.filter(jongere_ref=filters["jongere"])
    if filters.get("gebruiker"):
        entries = entries.filter(
            Q(gebruiker_naam__icontains=filters["gebruiker"])
            | Q(gebruiker__email__icontains=filters["gebruiker"])
        )
    if filters.get("vanaf"):
        entries = entries.filter(op__date__gte=filters["vanaf"])
    if filters.get("tot"):
        entries = entries.filter(op__date__lte=filters["tot"])
    if filters.get("actie"):
        entries = entries.filter(actie=filters["actie"])
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "accounts/inzage_log.html",
        {
            "form": form,
            "page": Paginator(entries, PER_PAGINA).get_page(request.GET.get("pagina")),
            "query": query.urlencode(),
            "zoekpatronen": opvallende_zoekpatronen(),
            "zoekpatronen_dagen": PERIODE_DAGEN,
            "drempel_na_wijziging": DREMPEL_NA_WIJZIGING,
            "drempel_zonder_gezin": DREMPEL_ZONDER_GEZIN,
        },
    )
