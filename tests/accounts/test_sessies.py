"""Sessions end when they should: after idle time, after a professional's working day, at
logout, and when a user is deactivated; their pages are never stored."""

from __future__ import annotations

import time

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from accounts.middleware import INGELOGD_OP, LAATST_ACTIEF
from accounts.models import ActieveSessie, User

WACHTWOORD = "een-goed-wachtwoord"


def ingelogd(user: User) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": user.email, "password": WACHTWOORD})
    assert response.status_code == 302
    return client


def stil_sinds(client: Client, minuten: int) -> None:
    session = client.session
    session[LAATST_ACTIEF] = int(time.time()) - minuten * 60
    session.save()


def test_professional_is_logged_out_after_30_idle_minutes(coordinator: User) -> None:
    client = ingelogd(coordinator)
    assert client.get(reverse("jongeren:lijst")).status_code == 200
    stil_sinds(client, 31)

    response = client.get(reverse("jongeren:lijst"), follow=True)

    assert response.redirect_chain[0][0] == f"{reverse('login')}?next=/jongeren/"
    assert "30 minuten niets hebt gedaan" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_activity_keeps_the_session_and_the_store_expires_it_after_30_minutes(
    coordinator: User,
) -> None:
    client = ingelogd(coordinator)
    stil_sinds(client, 29)

    assert client.get(reverse("jongeren:lijst")).status_code == 200
    assert client.session.get_expiry_age() == 30 * 60
    assert time.time() - client.session[LAATST_ACTIEF] < 60


def test_the_limit_is_a_setting(settings: Settings, coordinator: User) -> None:
    settings.SESSIE_INACTIEF_MINUTEN = 10
    client = ingelogd(coordinator)
    stil_sinds(client, 11)
    assert client.get(reverse("jongeren:lijst"))["Location"].startswith(reverse("login"))


def test_youths_and_parents_are_logged_out_after_30_idle_minutes_too(
    jongere_user: User, ouder_user: User
) -> None:
    for user in (jongere_user, ouder_user):
        client = ingelogd(user)
        stil_sinds(client, 29)
        assert client.get(reverse("jongeren:mijn")).status_code == 200
        stil_sinds(client, 31)

        response = client.get(reverse("jongeren:mijn"), follow=True)

        assert response.redirect_chain[0][0].startswith(reverse("login"))
        assert "30 minuten niets hebt gedaan" in response.content.decode()
        assert not response.wsgi_request.user.is_authenticated


def ingelogd_sinds(client: Client, uren: float) -> None:
    session = client.session
    session[INGELOGD_OP] = int(time.time() - uren * 3600)
    session.save()


def test_a_professionals_session_ends_after_one_working_day_however_active(
    coordinator: User,
) -> None:
    client = ingelogd(coordinator)
    ingelogd_sinds(client, 9.9)
    assert client.get(reverse("jongeren:lijst")).status_code == 200
    ingelogd_sinds(client, 10.1)

    response = client.get(reverse("jongeren:lijst"), follow=True)

    assert response.redirect_chain[0][0] == f"{reverse('login')}?next=/jongeren/"
    assert "10 uur geleden bent ingelogd" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    # Logging in again starts a new day.
    client = ingelogd(coordinator)
    assert client.get(reverse("jongeren:lijst")).status_code == 200


def test_a_family_session_has_no_working_day_limit(jongere_user: User) -> None:
    client = ingelogd(jongere_user)
    ingelogd_sinds(client, 11)
    assert client.get(reverse("jongeren:mijn")).status_code == 200


def test_pages_of_a_logged_in_user_are_never_stored(coordinator: User, jongere_user: User) -> None:
    for user, pagina in ((coordinator, "jongeren:lijst"), (jongere_user, "jongeren:mijn")):
        response = ingelogd(user).get(reverse(pagina))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]
    # Redirects and htmx fragments of a logged-in user too; the public pages may be cached.
    client = ingelogd(coordinator)
    assert "no-store" in client.get(reverse("start"))["Cache-Control"]
    assert (
        "no-store"
        in client.get(reverse("meldingen"), headers={"HX-Request": "true"})["Cache-Control"]
    )
    assert "no-store" not in Client().get(reverse("privacy")).get("Cache-Control", "")


def test_logout_ends_the_session_in_the_store(coordinator: User) -> None:
    client = ingelogd(coordinator)
    sleutel = client.session.session_key
    assert ActieveSessie.objects.filter(gebruiker=coordinator, sessie_sleutel=sleutel).exists()

    client.post(reverse("logout"))

    assert not Session.objects.filter(session_key=sleutel).exists()
    assert not ActieveSessie.objects.filter(sessie_sleutel=sleutel).exists()


def test_deactivating_a_user_ends_all_their_sessions(coordinator: User, coordinator2: User) -> None:
    op_kantoor, thuis = ingelogd(coordinator), ingelogd(coordinator)
    collega = ingelogd(coordinator2)
    sleutels = {op_kantoor.session.session_key, thuis.session.session_key}

    coordinator.is_active = False
    coordinator.save()

    assert not Session.objects.filter(session_key__in=sleutels).exists()
    assert not ActieveSessie.objects.filter(gebruiker=coordinator).exists()
    for client in (op_kantoor, thuis):
        assert client.get(reverse("jongeren:lijst"))["Location"].startswith(reverse("login"))
    assert collega.get(reverse("jongeren:lijst")).status_code == 200


def test_deactivating_in_the_admin_ends_the_sessions(
    client: Client, admin_user: User, coordinator: User
) -> None:
    sessie = ingelogd(coordinator)
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    formulier = client.get(url).context["adminform"].form
    data = {k: v for k, v in formulier.initial.items() if v is not None and k != "groups"}
    data.update(is_active="", rol=coordinator.rol, organisatie=coordinator.organisatie_id)
    data.pop("password", None)
    data["last_login_0"] = data["last_login_1"] = ""
    data["date_joined_0"] = "2026-01-01"
    data["date_joined_1"] = "09:00:00"
    data.pop("last_login", None)
    data.pop("date_joined", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert sessie.get(reverse("jongeren:lijst"))["Location"].startswith(reverse("login"))


def test_admin_can_log_one_session_out(client: Client, admin_user: User, coordinator: User) -> None:
    op_kantoor, thuis = ingelogd(coordinator), ingelogd(coordinator)
    sessie = ActieveSessie.objects.get(sessie_sleutel=thuis.session.session_key)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:accounts_actievesessie_delete", args=[sessie.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert thuis.get(reverse("jongeren:lijst"))["Location"].startswith(reverse("login"))
    assert op_kantoor.get(reverse("jongeren:lijst")).status_code == 200
