"""Admins read the access log in the portal; nobody changes it, not even in Django's admin."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Jongere
from privacy.models import Inzage
from tests.factories import geef_reden, tweede_stap_gedaan
from tests.jongeren.factories import JongereFactory

URL = "/beheer/inzage/"


def _regel(
    user: User, jongere_ref: int, actie: str = Inzage.Actie.READ, **velden: object
) -> Inzage:
    return Inzage.objects.create(
        actie=actie,
        uitkomst=Inzage.Toegang.GELUKT,
        gebruiker=user,
        gebruiker_naam=user.get_full_name() or user.email,
        rol=user.rol,
        organisatie_id=user.organisatie_id,
        jongere_ref=jongere_ref,
        soort=Inzage.Soort.PROFIEL,
        doel=Inzage.Doel.MATCHING,
        **velden,
    )


def test_admin_reads_the_log(client: Client, admin_user: User, coordinator: User) -> None:
    regel = _regel(coordinator, 41)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<th scope="col">' in html
    # People, not identifiers: no event number, the moment in Dutch words.
    assert str(regel.id) not in html
    assert timezone.localtime(regel.op).strftime("%H:%M") in html
    assert "verwijderde jongere" in html
    assert reverse("privacy:inzage_log") == URL


@pytest.mark.parametrize(
    "persona", ["coordinator", "beheerder", "jongere_user", "ouder_user", "coordinator2"]
)
def test_only_admins_read_the_log(
    request: pytest.FixtureRequest, client: Client, persona: str
) -> None:
    client.force_login(request.getfixturevalue(persona))

    assert client.get(URL).status_code == 403


def test_admin_without_the_second_login_step_is_refused(
    client: Client, admin_user: User, coordinator: User
) -> None:
    """Even where the duty is switched off, the log itself asks for the second step."""
    _regel(coordinator, 41)
    client.force_login(admin_user)

    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client: Client) -> None:
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_filters_by_youth_user_date_and_action(
    client: Client, admin_user: User, coordinator: User, coordinator2: User
) -> None:
    gisteren = timezone.now() - dt.timedelta(days=1)
    noor = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    daan = JongereFactory.create(roepnaam="Daan", coordinator=coordinator)
    oud = _regel(coordinator, noor.pk, op=timezone.now() - dt.timedelta(days=30))
    juist = _regel(coordinator, noor.pk, actie=Inzage.Actie.SEARCH, op=gisteren)
    _regel(coordinator, daan.pk, actie=Inzage.Actie.SEARCH, op=gisteren)
    _regel(coordinator2, noor.pk, actie=Inzage.Actie.SEARCH, op=gisteren)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)
    vanaf = timezone.localdate(gisteren).isoformat()

    response = client.get(
        URL,
        {"jongere": "noo", "gebruiker": "sanne", "vanaf": vanaf, "tot": vanaf, "actie": "search"},
    )

    assert [r.pk for r in response.context["bladzijde"].regels] == [juist.pk]
    assert oud.pk not in [r.pk for r in response.context["bladzijde"].regels]
    # The youth is named, not numbered, in the filter and in the rows.
    html = response.content.decode()
    assert "Jongere (naam)" in html and "Jongere (id)" not in html
    assert "<td>Noor</td>" in html
    assert f"<td>{noor.pk}</td>" not in html


def test_bad_filter_is_shown_and_not_applied(
    client: Client, admin_user: User, coordinator: User
) -> None:
    _regel(coordinator, 7)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    response = client.get(URL, {"vanaf": "gisteren", "actie": "wissen"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"vanaf", "actie"}
    assert len(response.context["bladzijde"].regels) == 1


def _links(html: str) -> dict[str, str]:
    """The log page's links to newer and older entries, by their `rel`."""
    return {
        rel: href.replace("&amp;", "&")
        for href, rel in re.findall(r'<a href="([^"]*)" rel="(prev|next)"', html)
    }


def test_log_pages_by_position_and_new_entries_do_not_shift_the_pages(
    client: Client, admin_user: User, coordinator: User
) -> None:
    regels = [_regel(coordinator, nummer + 1) for nummer in range(55)]
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    eerste = client.get(URL)
    nieuwste = [r.pk for r in eerste.context["bladzijde"].regels]
    # Newest first; the newest page links only to older entries.
    assert nieuwste == [r.pk for r in reversed(regels)][:50]
    links = _links(eerste.content.decode())
    assert set(links) == {"next"}

    # Meanwhile someone reads a youth: the next page still starts after the 50 shown.
    _regel(coordinator, 99)
    tweede = client.get(URL + links["next"])
    assert [r.pk for r in tweede.context["bladzijde"].regels] == [r.pk for r in regels[:5]][::-1]
    links = _links(tweede.content.decode())
    assert set(links) == {"prev"}

    # Back to newer entries: exactly the page before, not the entries that came since.
    terug = client.get(URL + links["prev"])
    assert [r.pk for r in terug.context["bladzijde"].regels] == nieuwste
    assert set(_links(terug.content.decode())) == {"prev", "next"}


def test_paging_keeps_the_filters(client: Client, admin_user: User, coordinator: User) -> None:
    for nummer in range(52):
        _regel(coordinator, nummer + 1, actie=Inzage.Actie.SEARCH)
    _regel(coordinator, 7)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    eerste = client.get(URL, {"actie": "search"})
    volgende = _links(eerste.content.decode())["next"]
    assert "actie=search" in volgende
    tweede = client.get(URL + volgende)

    assert len(tweede.context["bladzijde"].regels) == 2
    assert {r.actie for r in tweede.context["bladzijde"].regels} == {Inzage.Actie.SEARCH}


def test_django_admin_is_read_only(client: Client, admin_user: User, coordinator: User) -> None:
    regel = _regel(coordinator, 7)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    assert client.get(reverse("admin:privacy_inzage_changelist")).status_code == 200
    assert client.get(reverse("admin:privacy_inzage_add")).status_code == 403
    wijzig = client.post(reverse("admin:privacy_inzage_change", args=[regel.pk]), {"soort": "x"})
    assert wijzig.status_code in {403, 200}
    assert (
        client.post(
            reverse("admin:privacy_inzage_delete", args=[regel.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    regel_nu = Inzage.objects.get(pk=regel.pk)
    assert regel_nu.soort == Inzage.Soort.PROFIEL


def test_django_admin_counts_the_log_only_up_to_a_limit_and_filters_by_moment(
    client: Client,
    admin_user: User,
    coordinator: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from privacy.admin import BegrensdeTelling

    monkeypatch.setattr(BegrensdeTelling, "GRENS", 3)
    oud = _regel(coordinator, 1, op=timezone.now() - dt.timedelta(days=40))
    for nummer in range(4):
        _regel(coordinator, nummer + 2)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    lijst = client.get(reverse("admin:privacy_inzage_changelist"))
    assert lijst.context["cl"].paginator.count == 3
    vandaag = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    deze_week = client.get(
        reverse("admin:privacy_inzage_changelist"),
        # As the filter's "Afgelopen 7 dagen" link asks it.
        {
            "op__gte": str(vandaag - dt.timedelta(days=7)),
            "op__lt": str(vandaag + dt.timedelta(days=1)),
        },
    )
    assert deze_week.status_code == 200
    assert oud.pk not in [r.pk for r in deze_week.context["cl"].result_list]


def test_django_admin_shows_change_history(client: Client, admin_user: User, noor: Jongere) -> None:
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)
    geef_reden(client, noor.pk)

    response = client.get(reverse("admin:jongeren_jongere_history", args=[noor.pk]))

    assert response.status_code == 200


def test_django_admin_names_the_youth_and_finds_rows_by_name(
    client: Client, admin_user: User, coordinator: User
) -> None:
    noor = JongereFactory.create(roepnaam="Noor", coordinator=coordinator)
    daan = JongereFactory.create(roepnaam="Daan", coordinator=coordinator)
    van_noor = _regel(coordinator, noor.pk)
    van_daan = _regel(coordinator, daan.pk)
    client.force_login(admin_user)
    tweede_stap_gedaan(client, admin_user)

    response = client.get(reverse("admin:privacy_inzage_changelist"), {"q": "noor"})

    assert response.status_code == 200
    rijen = list(response.context["cl"].result_list)
    assert [r.pk for r in rijen] == [van_noor.pk]
    html = response.content.decode()
    assert ">Noor<" in html
    assert str(van_noor.pk) not in html.split("<tbody")[1].split("</tbody>")[0].replace(
        f"/{van_noor.pk}/", ""
    )
    assert str(van_daan.pk) not in html
