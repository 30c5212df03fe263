"""The start page: an analysis waiting for someone's endorsement, for that person only."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from accounts.models import User
from jongeren import services
from jongeren.models import Jongere, VerklarendeAnalyse


def _start(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("start"))
    assert response.status_code == 200
    return response.content.decode()


def test_analysis_waits_for_each_endorser_until_they_answered(
    noor_ter_instemming: VerklarendeAnalyse,
    daan: Jongere,
    coordinator: User,
    coordinator2: User,
    collega: User,
    jongere_user: User,
    ouder_user: User,
    andere_jongere_user: User,
    andere_ouder: User,
) -> None:
    noor = noor_ter_instemming.jongere
    mijn = reverse("jongeren:mijn_jongere", args=[noor.pk])
    youth = _start(jongere_user)
    assert "Lees wat er over jou staat. Klopt het?" in youth and f'href="{mijn}"' in youth
    parent = _start(ouder_user)
    assert "Lees wat er over Noor staat. Klopt het?" in parent and f'href="{mijn}"' in parent
    coord = _start(coordinator)
    assert "Analyse wacht op jouw instemming" in coord
    assert f'href="{reverse("jongeren:detail", args=[noor.pk])}"' in coord
    # Nobody else: not another family, not another municipality, not a colleague (not theirs).
    for ander in (andere_jongere_user, andere_ouder, coordinator2, collega):
        assert "Klopt het?" not in _start(ander)
        assert "Analyse wacht op jouw instemming" not in _start(ander)

    services.geef_instemming(analyse=noor_ter_instemming, persoon=jongere_user, akkoord=True)
    assert "Klopt het?" not in _start(jongere_user)
    assert "Lees wat er over Noor staat" in _start(ouder_user)
