"""Every page that reads or changes a youth's data writes exactly one access-log entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Rol, User
from jongeren.models import Jongere
from privacy.audit import log_inzage
from privacy.models import Inzage
from tests.voorzieningen.factories import PlaatsingFactory
from voorstellen.models import Voorstel
from voorzieningen.models import Voorziening

A = Inzage.Actie
S = Inzage.Soort
D = Inzage.Doel

ARGS: dict[str, Callable[[Jongere, Voorstel], list[object]]] = {
    "-": lambda j, v: [],
    "j": lambda j, v: [j.pk],
    "j1": lambda j, v: [j.pk, 1],
    "jw": lambda j, v: [j.pk, v.voorziening_id],
    "v": lambda j, v: [v.pk],
    "vi": lambda j, v: [v.pk, "intrekken"],
}
INTREKKEN = {"intrek-reden": "Niet meer nodig."}

# (persona, method, url name, its arguments, post data, action, kind of data, purpose)
PAGINAS: list[tuple[str, str, str, str, dict[str, str], str, str, str]] = [
    ("coordinator", "get", "jongeren:detail", "j", {}, A.READ, S.PROFIEL, D.MATCHING),
    ("coordinator", "get", "jongeren:bewerken", "j", {}, A.READ, S.PROFIEL, D.MATCHING),
    ("coordinator", "get", "jongeren:analyse_bewerken", "j", {}, A.READ, S.ANALYSE, D.MATCHING),
    (
        "coordinator",
        "get",
        "jongeren:analyse_versies",
        "j",
        {},
        A.READ,
        S.ANALYSEVERSIE,
        D.MATCHING,
    ),
    (
        "coordinator",
        "get",
        "jongeren:analyse_versie",
        "j1",
        {},
        A.READ,
        S.ANALYSEVERSIE,
        D.MATCHING,
    ),
    (
        "coordinator",
        "post",
        "jongeren:analyse_voorleggen",
        "j1",
        {},
        A.UPDATE,
        S.ANALYSE,
        D.MATCHING,
    ),
    ("coordinator", "post", "jongeren:analyse_akkoord", "j1", {}, A.UPDATE, S.ANALYSE, D.MATCHING),
    ("coordinator", "get", "jongeren:uitnodigen", "j", {}, A.READ, S.UITNODIGING, D.MATCHING),
    ("coordinator", "post", "jongeren:uitnodigen", "j", {}, A.CREATE, S.UITNODIGING, D.MATCHING),
    ("coordinator", "get", "matching:zoeken", "j", {}, A.SEARCH, S.ZOEKRESULTAAT, D.MATCHING),
    ("coordinator", "post", "matching:bewaren", "j", {}, A.CREATE, S.ZOEKRESULTAAT, D.MATCHING),
    ("coordinator", "get", "voorstellen:voorstel_nieuw", "jw", {}, A.READ, S.VOORSTEL, D.VOORSTEL),
    ("coordinator", "get", "voorstellen:voorstel", "v", {}, A.READ, S.VOORSTEL, D.VOORSTEL),
    ("coordinator", "get", "voorstellen:voorstel_afdruk", "v", {}, A.PRINT, S.VOORSTEL, D.VOORSTEL),
    (
        "coordinator",
        "post",
        "voorstellen:voorstel_actie",
        "vi",
        INTREKKEN,
        A.UPDATE,
        S.VOORSTEL,
        D.VOORSTEL,
    ),
    ("beheerder", "get", "voorstellen:voorstel", "v", {}, A.READ, S.VOORSTEL, D.VOORSTEL),
    ("beheerder", "get", "voorstellen:voorstel_afdruk", "v", {}, A.PRINT, S.VOORSTEL, D.VOORSTEL),
    ("jongere_user", "get", "jongeren:mijn", "-", {}, A.READ, S.ANALYSE, D.EIGEN),
    ("jongere_user", "get", "jongeren:mijn_jongere", "j", {}, A.READ, S.ANALYSE, D.EIGEN),
    ("jongere_user", "get", "jongeren:mijn_aanpassen", "j", {}, A.READ, S.ANALYSE, D.EIGEN),
    ("ouder_user", "get", "jongeren:mijn_reactie", "j", {}, A.READ, S.ANALYSE, D.EIGEN),
    ("ouder_user", "get", "jongeren:mijn_veranderingen", "j", {}, A.READ, S.ANALYSEVERSIE, D.EIGEN),
    ("ouder_user", "get", "voorstellen:voorstel", "v", {}, A.READ, S.VOORSTEL, D.EIGEN),
]


@pytest.mark.parametrize(
    ("persona", "method", "naam", "args", "data", "actie", "soort", "doel"),
    PAGINAS,
    ids=[f"{p[0]}-{p[1]}-{i}" for i, p in enumerate(PAGINAS)],
)
def test_every_youth_page_writes_one_entry(
    request: pytest.FixtureRequest,
    client: Client,
    noor: Jongere,
    voorstel: Voorstel,
    persona: str,
    method: str,
    naam: str,
    args: str,
    data: dict[str, str],
    actie: str,
    soort: str,
    doel: str,
) -> None:
    user: User = request.getfixturevalue(persona)
    client.force_login(user)
    adres = reverse(naam, args=ARGS[args](noor, voorstel))
    voor = Inzage.objects.count()

    response = getattr(client, method)(adres, data, REMOTE_ADDR="192.0.2.7")

    assert response.status_code in {200, 302}, adres
    assert Inzage.objects.count() == voor + 1
    regel = Inzage.objects.get(pad=adres)
    assert (regel.actie, regel.soort, regel.doel) == (actie, soort, doel)
    assert regel.uitkomst == Inzage.Toegang.GELUKT
    assert regel.jongere_ref == noor.pk
    assert regel.gebruiker_id == user.pk
    assert regel.rol == user.rol
    assert regel.organisatie_id == user.organisatie_id
    assert regel.adres == "192.0.2.7"
    assert regel.voorziening_id == (voorstel.voorziening_id if user.is_beheerder else None)


def test_new_youth_is_logged_as_create(client: Client, coordinator: User) -> None:
    from tests.jongeren.formulieren import form_post_data

    client.force_login(coordinator)
    form = client.get(reverse("jongeren:nieuw")).context["form"]
    assert not Inzage.objects.exists()  # an empty form shows no youth
    data = form_post_data(form) | {
        "roepnaam": "Sem",
        "geboortedatum": "2011-04-01",
        "geslacht": "m",
        "woonplaats": "Groningen",
        "nodig_vanaf": "2030-01-01",
        "postcode": "9711AA",
    }
    response = client.post(reverse("jongeren:nieuw"), data)

    assert response.status_code == 302, response.context["form"].errors
    sem = Jongere.objects.get(roepnaam="Sem")
    regel = Inzage.objects.get()
    assert (regel.actie, regel.soort, regel.jongere_ref) == (A.CREATE, S.PROFIEL, sem.pk)


def test_saved_search_page_is_logged(client: Client, coordinator: User, noor: Jongere) -> None:
    from matching.models import Zoekopdracht

    opdracht = Zoekopdracht.objects.create(jongere=noor, gemaakt_door=coordinator, filters={})
    client.force_login(coordinator)

    response = client.get(reverse("matching:zoekopdracht", args=[noor.pk, opdracht.pk]))

    assert response.status_code == 200
    regel = Inzage.objects.get()
    assert (regel.actie, regel.soort, regel.jongere_ref) == (A.READ, S.ZOEKRESULTAAT, noor.pk)


def test_manager_opening_a_resident_linked_to_a_youth_is_logged(
    client: Client, beheerder: User, noor: Jongere, de_linde: Voorziening
) -> None:
    plaatsing = PlaatsingFactory.create(voorziening=de_linde, jongere=noor)
    client.force_login(beheerder)

    response = client.get(reverse("voorzieningen:bewoner", args=[de_linde.pk, plaatsing.pk]))

    assert response.status_code == 200
    regel = Inzage.objects.get()
    assert (regel.actie, regel.soort, regel.doel) == (A.READ, S.BEWONER, D.ZORG)
    assert (regel.jongere_ref, regel.voorziening_id) == (noor.pk, de_linde.pk)


def test_resident_registered_directly_is_logged_for_the_home(
    client: Client, beheerder: User, de_linde: Voorziening
) -> None:
    """A resident who came without a record in the portal has no youth id; the read is
    logged for the home, and the path names the resident."""
    plaatsing = PlaatsingFactory.create(voorziening=de_linde)
    client.force_login(beheerder)

    url = reverse("voorzieningen:bewoner", args=[de_linde.pk, plaatsing.pk])
    response = client.get(url)

    assert response.status_code == 200
    regel = Inzage.objects.get()
    assert (regel.jongere_ref, regel.voorziening_id, regel.soort, regel.pad) == (
        None,
        de_linde.pk,
        S.BEWONER,
        url,
    )


@pytest.mark.parametrize(
    "naam", ["jongeren:detail", "jongeren:analyse_versies", "matching:zoeken", "jongeren:bewerken"]
)
def test_coordinator_of_another_region_is_refused_and_logged(
    client: Client, coordinator2: User, noor: Jongere, naam: str
) -> None:
    client.force_login(coordinator2)

    response = client.get(reverse(naam, args=[noor.pk]))

    assert response.status_code == 404
    regel = Inzage.objects.get()
    assert regel.uitkomst == Inzage.Toegang.GEWEIGERD
    assert (regel.jongere_ref, regel.gebruiker_id) == (noor.pk, coordinator2.pk)


def test_other_youth_opening_someone_elses_page_is_refused_and_logged(
    client: Client, andere_jongere_user: User, noor: Jongere
) -> None:
    client.force_login(andere_jongere_user)

    response = client.get(reverse("jongeren:mijn_jongere", args=[noor.pk]))

    assert response.status_code == 404
    regel = Inzage.objects.get()
    assert (regel.uitkomst, regel.jongere_ref, regel.doel) == (
        Inzage.Toegang.GEWEIGERD,
        noor.pk,
        D.EIGEN,
    )


def test_refused_proposal_is_logged_without_naming_the_youth(
    client: Client, beheerder2: User, voorstel: Voorstel
) -> None:
    client.force_login(beheerder2)

    response = client.get(reverse("voorstellen:voorstel", args=[voorstel.pk]))

    assert response.status_code == 404
    regel = Inzage.objects.get()
    assert (regel.uitkomst, regel.soort, regel.jongere_ref) == (
        Inzage.Toegang.GEWEIGERD,
        S.VOORSTEL,
        None,
    )


def test_logging_costs_one_insert(rf: RequestFactory, coordinator: User, noor: Jongere) -> None:
    """One insert, after finding the chain's end (under a lock on PostgreSQL)."""
    request = rf.get("/jongeren/1/")
    request.user = coordinator

    with CaptureQueriesContext(connection) as queries:
        log_inzage(request, jongere=noor, actie=A.READ, soort=S.PROFIEL, doel=D.MATCHING)

    werk = [q["sql"].upper() for q in queries if "SAVEPOINT" not in q["sql"].upper()]
    assert [q.split()[0] for q in werk if q.startswith("INSERT")] == ["INSERT"]
    assert len(werk) <= 3


def test_forwarded_for_is_ignored_without_a_trusted_proxy(
    rf: RequestFactory, coordinator: User, noor: Jongere, settings: Any
) -> None:
    settings.INZAGE_VERTROUWDE_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    request.user = coordinator

    regel = log_inzage(request, jongere=noor, actie=A.READ, soort=S.PROFIEL, doel=D.MATCHING)

    assert regel.adres == "10.0.0.1"


def test_forwarded_for_is_used_behind_a_trusted_proxy(
    rf: RequestFactory, coordinator: User, noor: Jongere, settings: Any
) -> None:
    settings.INZAGE_VERTROUWDE_PROXIES = 1
    # The client itself put 6.6.6.6 first; only the hop our proxy appended counts.
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    request.user = coordinator

    regel = log_inzage(request, jongere=noor, actie=A.READ, soort=S.PROFIEL, doel=D.MATCHING)

    assert regel.adres == "203.0.113.9"
    assert regel.rol == Rol.COORDINATOR


@pytest.mark.parametrize(
    ("persona", "naam", "doel"),
    [
        ("coordinator", "voorstellen:lijst", D.VOORSTEL),
        ("beheerder", "voorstellen:lijst", D.VOORSTEL),
        ("ouder_user", "voorstellen:mijn_voorstellen", D.EIGEN),
        ("coordinator", "jongeren:lijst", D.MATCHING),
    ],
)
def test_list_pages_log_each_youth_in_one_insert(
    request: pytest.FixtureRequest,
    client: Client,
    voorstel: Voorstel,
    daan: Jongere,
    persona: str,
    naam: str,
    doel: str,
) -> None:
    user: User = request.getfixturevalue(persona)
    client.force_login(user)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(naam))

    assert response.status_code == 200
    inserts = [q for q in queries if q["sql"].upper().startswith('INSERT INTO "ACCOUNTS_INZAGE')]
    assert len(inserts) == 1
    regels = list(Inzage.objects.all())
    verwacht = {voorstel.jongere_id} if naam != "jongeren:lijst" else {voorstel.jongere_id, daan.pk}
    assert {r.jongere_ref for r in regels} == verwacht
    assert {(r.actie, r.doel, r.gebruiker_id) for r in regels} == {(A.READ, doel, user.pk)}
