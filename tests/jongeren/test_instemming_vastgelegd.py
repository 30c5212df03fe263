"""The coordinator records the endorsement of someone who does not use the portal, from a
conversation; the person confirms it later. And from 16 the youth hides the file per
parent. All through the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from jongeren.models import Instemming, Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory, JongereFactory, jaren_geleden

pytestmark = pytest.mark.django_db
Status = VerklarendeAnalyse.Status


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _gesprek(**extra: str) -> dict[str, str]:
    moment = timezone.localtime() - dt.timedelta(hours=1)
    return {
        "wie": "jongere",
        "akkoord": "ja",
        "hoe": "gesprek",
        "gesprek_op": moment.strftime("%Y-%m-%dT%H:%M"),
        "aanwezig": "De coördinator, Mila en haar mentor",
        "opmerking": "",
    } | extra


@pytest.fixture
def mila(coordinator: User) -> Jongere:
    """A youth without an account and without linked parents."""
    return JongereFactory.create(roepnaam="Mila", coordinator=coordinator)


@pytest.fixture
def mila_analyse(mila: Jongere) -> VerklarendeAnalyse:
    return AnalyseFactory.create(
        jongere=mila,
        status=Status.TER_INSTEMMING,
        voorgelegd_op=timezone.now() - dt.timedelta(days=2),
    )


def test_a_youth_without_an_account_gets_an_endorsed_analysis(
    mila: Jongere, mila_analyse: VerklarendeAnalyse, coordinator: User
) -> None:
    client = _login(coordinator)
    url = reverse("jongeren:instemming_vastleggen", args=[mila.pk, mila_analyse.versie])
    assert url in client.get(reverse("jongeren:detail", args=[mila.pk])).text
    client.post(reverse("jongeren:analyse_akkoord", args=[mila.pk, mila_analyse.versie]))
    client.post(url, _gesprek())
    mila_analyse.refresh_from_db()
    assert mila_analyse.status == Status.GEDRAGEN
    vastgelegd = mila_analyse.instemmingen.get(rol=Instemming.Rol.JONGERE)
    assert vastgelegd.persoon is None and vastgelegd.vastgelegd_door == coordinator
    assert vastgelegd.aanwezig == "De coördinator, Mila en haar mentor"
    pagina = client.get(reverse("jongeren:detail", args=[mila.pk])).text
    assert "Vastgelegd door de coördinator" in pagina and "Nog niet zelf bevestigd." in pagina


@pytest.mark.parametrize(
    ("velden", "fout"),
    [
        ({"wie": ""}, "Kies wie er instemde."),
        ({"hoe": ""}, "Kies hoe jullie spraken."),
        ({"gesprek_op": ""}, "Vul in wanneer jullie spraken."),
        ({"aanwezig": ""}, "Schrijf op wie erbij waren."),
        ({"akkoord": "nee"}, "Schrijf op wat er anders moet."),
        (
            {
                "gesprek_op": (timezone.localtime() + dt.timedelta(days=2)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
            "Dit gesprek ligt in de toekomst.",
        ),
        (
            {
                "gesprek_op": (timezone.localtime() - dt.timedelta(days=9)).strftime(
                    "%Y-%m-%dT%H:%M"
                )
            },
            "Dit gesprek was voordat deze versie werd voorgelegd.",
        ),
    ],
)
def test_recording_says_in_dutch_what_is_missing(
    mila: Jongere,
    mila_analyse: VerklarendeAnalyse,
    coordinator: User,
    velden: dict[str, str],
    fout: str,
) -> None:
    url = reverse("jongeren:instemming_vastleggen", args=[mila.pk, mila_analyse.versie])
    antwoord = _login(coordinator).post(url, _gesprek(**velden))
    assert antwoord.status_code == 200 and fout in antwoord.text
    assert not mila_analyse.instemmingen.exists()


def test_only_for_who_does_not_use_the_portal_and_only_by_the_coordinator(
    noor: Jongere,
    noor_ter_instemming: VerklarendeAnalyse,
    coordinator: User,
    coordinator2: User,
    jongere_user: User,
    ouder_user: User,
) -> None:
    url = reverse("jongeren:instemming_vastleggen", args=[noor.pk, noor_ter_instemming.versie])
    # The parent was invited but never signed in: the coordinator may record for her.
    pagina = _login(coordinator).get(url).text
    assert f'value="ouder:{ouder_user.pk}"' in pagina
    # Noor signed in herself: she answers in the portal, nobody answers for her.
    _login(jongere_user)
    antwoord = _login(coordinator).post(url, _gesprek())
    assert "Kies wie er instemde." in antwoord.text
    assert _login(coordinator2).get(url).status_code == 404
    assert _login(ouder_user).get(url).status_code == 403
    assert not noor_ter_instemming.instemmingen.exists()


def test_the_parent_confirms_later_what_the_coordinator_recorded(
    noor: Jongere, noor_ter_instemming: VerklarendeAnalyse, coordinator: User, ouder_user: User
) -> None:
    url = reverse("jongeren:instemming_vastleggen", args=[noor.pk, noor_ter_instemming.versie])
    _login(coordinator).post(url, _gesprek(wie=f"ouder:{ouder_user.pk}", aanwezig="Esther"))
    vastgelegd = noor_ter_instemming.instemmingen.get(rol=Instemming.Rol.OUDER)
    assert vastgelegd.persoon == ouder_user and vastgelegd.bevestigd_op is None
    ouder = _login(ouder_user)
    pagina = ouder.get(reverse("jongeren:mijn_jongere", args=[noor.pk])).text
    assert "Klopt wat de coördinator opschreef?" in pagina
    assert "de coördinator schreef dit op uit een gesprek" in pagina
    ouder.post(reverse("jongeren:mijn_bevestigen", args=[noor.pk]), {"instemming": vastgelegd.pk})
    vastgelegd.refresh_from_db()
    assert vastgelegd.bevestigd_op is not None
    pagina = ouder.get(reverse("jongeren:mijn_jongere", args=[noor.pk])).text
    assert "Klopt wat de coördinator opschreef?" not in pagina


def test_the_youth_who_later_gets_an_account_confirms(
    mila: Jongere, mila_analyse: VerklarendeAnalyse, coordinator: User, andere_jongere_user: User
) -> None:
    url = reverse("jongeren:instemming_vastleggen", args=[mila.pk, mila_analyse.versie])
    _login(coordinator).post(url, _gesprek())
    vastgelegd = mila_analyse.instemmingen.get()
    # Someone else cannot confirm it.
    _login(andere_jongere_user).post(
        reverse("jongeren:mijn_bevestigen", args=[mila.pk]), {"instemming": vastgelegd.pk}
    )
    vastgelegd.refresh_from_db()
    assert vastgelegd.bevestigd_op is None
    mila.account = andere_jongere_user
    mila.save()
    client = _login(andere_jongere_user)
    assert (
        "Klopt wat de coördinator opschreef?"
        in client.get(reverse("jongeren:mijn_jongere", args=[mila.pk])).text
    )
    client.post(reverse("jongeren:mijn_bevestigen", args=[mila.pk]), {"instemming": vastgelegd.pk})
    vastgelegd.refresh_from_db()
    assert vastgelegd.bevestigd_op is not None and vastgelegd.persoon == andere_jongere_user


# --- From 16: per parent ------------------------------------------------------------------


def test_a_16_year_old_hides_the_file_from_one_parent_and_not_the_other(
    noor: Jongere,
    noor_ter_instemming: VerklarendeAnalyse,
    jongere_user: User,
    ouder_user: User,
    andere_ouder: User,
) -> None:
    noor.geboortedatum = jaren_geleden(16)
    noor.save()
    noor.ouders.add(andere_ouder)
    client = _login(jongere_user)
    url = reverse("jongeren:mijn_wie_leest", args=[noor.pk])
    fout = client.post(url, {f"ouder_{ouder_user.pk}": "nee"})
    assert "Kies bij Karin ja of nee." in fout.text
    client.post(url, {f"ouder_{ouder_user.pk}": "nee", f"ouder_{andere_ouder.pk}": "ja"})
    noor.refresh_from_db()
    assert not noor.ouder_leest_dossier(ouder_user) and noor.ouder_leest_dossier(andere_ouder)
    uitleg = client.get(url).text
    assert "Je hebt gekozen dat deze ouder je analyse niet leest." in uitleg
    # Esther reads general information only, also on the proposal pages' rule; Karin reads.
    esther = _login(ouder_user).get(reverse("jongeren:mijn_jongere", args=[noor.pk])).text
    assert 'id="algemeen"' in esther
    karin = _login(andere_ouder).get(reverse("jongeren:mijn_jongere", args=[noor.pk])).text
    assert 'id="algemeen"' not in karin
    # The hidden parent no longer has to endorse; the other still does.
    rollen = [s.persoon for s in noor_ter_instemming.instemming_per_persoon()]
    assert ouder_user not in rollen and andere_ouder in rollen
    # Sharing again with Esther.
    client.post(url, {f"ouder_{ouder_user.pk}": "ja", f"ouder_{andere_ouder.pk}": "ja"})
    noor.refresh_from_db()
    assert noor.ouder_leest_dossier(ouder_user) and not noor.ouders_verborgen.exists()


def test_hiding_from_every_parent_one_by_one_is_the_same_as_all_at_once(
    noor: Jongere, jongere_user: User, ouder_user: User, andere_ouder: User
) -> None:
    noor.geboortedatum = jaren_geleden(17)
    noor.save()
    noor.ouders.add(andere_ouder)
    _login(jongere_user).post(
        reverse("jongeren:mijn_wie_leest", args=[noor.pk]),
        {f"ouder_{ouder_user.pk}": "nee", f"ouder_{andere_ouder.pk}": "nee"},
    )
    noor.refresh_from_db()
    assert noor.ouders_zien_analyse is False
    assert not noor.ouder_leest_dossier(ouder_user) and not noor.ouder_leest_dossier(andere_ouder)
