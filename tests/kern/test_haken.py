"""Extension points and the access-log interface fail closed: a question nobody answers, or
a read with nobody to log it, refuses instead of silently skipping a check."""

from __future__ import annotations

import importlib

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from kern import inzage
from kern.haken import Haak

MODULES_MET_HAKEN = ["jongeren.haken", "voorzieningen.haken"]


def test_a_hook_without_a_provider_refuses() -> None:
    haak: Haak = Haak("bestaat deze vraag?")
    with pytest.raises(ImproperlyConfigured, match="bestaat deze vraag"):
        haak.roep()


@pytest.mark.parametrize("module", MODULES_MET_HAKEN)
def test_every_hook_the_apps_declare_is_provided_when_django_starts(module: str) -> None:
    haken = [
        waarde
        for waarde in vars(importlib.import_module(module)).values()
        if isinstance(waarde, Haak)
    ]
    assert haken
    for haak in haken:
        assert callable(haak.roep), haak


def test_reading_a_youth_without_an_access_log_refuses(
    monkeypatch: pytest.MonkeyPatch, rf: RequestFactory
) -> None:
    monkeypatch.setattr(inzage, "_schrijver", None)
    with pytest.raises(ImproperlyConfigured, match="privacy"):
        inzage.log_inzage(
            rf.get("/"),
            jongere=1,
            actie=inzage.Actie.READ,
            soort=inzage.Soort.PROFIEL,
            doel=inzage.Doel.MATCHING,
        )
