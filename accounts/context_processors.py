"""The main navigation, chosen by the role of whoever asks."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import Melding


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    perm: str


# Later apps add their entries here, each guarded by a permission.
NAVIGATION: list[NavItem] = [
    NavItem(_("Start"), "start", ""),
    NavItem(_("Mijn jongeren"), "jongeren:lijst", "jongeren.coordinator"),
    NavItem(_("Mijn analyse"), "jongeren:mijn", "jongeren.jongere"),
    NavItem(_("Analyse van mijn kind"), "jongeren:mijn", "jongeren.ouder"),
    NavItem(_("Mijn jongeren"), "jongeren:beschermd", "jongeren.jeugdbeschermer"),
    # One form of address per reader (docs/schrijfwijzer.md): the youth reads "jou".
    NavItem(_("Voorstellen voor jou"), "voorstellen:mijn_voorstellen", "jongeren.jongere"),
    NavItem(_("Voorstellen voor mijn kind"), "voorstellen:mijn_voorstellen", "jongeren.ouder"),
    NavItem(_("Voorstellen"), "voorstellen:mijn_voorstellen", "jongeren.jeugdbeschermer"),
    NavItem(_("Mijn voorstellen"), "voorstellen:lijst", "voorstellen.coordinator"),
    NavItem(_("Mijn voorzieningen"), "voorzieningen:dashboard", "voorzieningen.beheer_dashboard"),
    NavItem(_("Voorstellen"), "voorstellen:lijst", "voorstellen.woning"),
    NavItem(_("Voorzieningen"), "voorzieningen:lijst", "voorzieningen.zoek_voorzieningen"),
    NavItem(_("Regio"), "plaatsingstafel:regio", "plaatsingstafel.regio"),
    NavItem(_("Expertteam"), "plaatsingstafel:expertteam", "plaatsingstafel.expertteam"),
    NavItem(_("Stabiliteit"), "plaatsingstafel:stabiliteit", "plaatsingstafel.stabiliteit"),
    NavItem(_("Beheer"), "admin:index", "accounts.beheer_start"),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    if getattr(request, "tweede_stap_open", False):
        # Before the second login step nothing but that step is open: no menu to tempt.
        return {"nav_items": [], "tweede_stap_open": True}
    current = request.path
    items = []
    for item in NAVIGATION:
        if item.perm and not rules.has_perm(item.perm, user):
            continue
        url = reverse(item.url_name)
        items.append({"label": item.label, "url": url, "current": current == url})
    # One small query per page: the number of unread notices next to the menu item.
    unread = Melding.objects.for_user(user).ongelezen().count()
    items.append(
        {
            "label": _("Meldingen (%(aantal)s)") % {"aantal": unread} if unread else _("Meldingen"),
            "url": reverse("meldingen"),
            "current": current == reverse("meldingen"),
        }
    )
    return {"nav_items": items, "ongelezen_meldingen": unread}
