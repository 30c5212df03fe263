"""Which parts of a youth's record a home reads before consent: one marked definition."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from accounts.models import User
from jongeren import profiel
from jongeren.models import AnalyseBehoefte, Jongere, VerklarendeAnalyse
from tests.jongeren.factories import AnalyseFactory


def _velden(model: type[models.Model]) -> set[str]:
    return {veld.name for veld in [*model._meta.concrete_fields, *model._meta.many_to_many]}


@pytest.mark.parametrize("model", [Jongere, VerklarendeAnalyse, AnalyseBehoefte])
def test_every_field_of_the_record_has_a_sharing_mark(model: type[models.Model]) -> None:
    """A new field fails here until someone decides whether a home may read it."""
    zonder = sorted(v for v in _velden(model) if profiel.markering(model, v) is None)
    assert zonder == []
    tabel = profiel._TABELLEN[model._meta.label_lower]
    assert set(tabel) == _velden(model)  # and no marks for fields that are gone


def test_free_texts_names_places_and_signals_wait_for_consent() -> None:
    for model, veld in [
        (Jongere, "roepnaam"),
        (Jongere, "woonplaats"),
        (Jongere, "school_naam"),
        (Jongere, "school_plaats"),
        (VerklarendeAnalyse, "krachten"),
        (VerklarendeAnalyse, "wat_werkt"),
        (VerklarendeAnalyse, "netwerk"),
        (VerklarendeAnalyse, "signalen"),
        (AnalyseBehoefte, "toelichting"),
    ]:
        assert profiel.markering(model, veld) is profiel.Delen.NA_TOESTEMMING, veld


def test_the_profile_refuses_to_read_a_field_not_marked_shareable(
    noor: Jongere, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyse = AnalyseFactory.create(jongere=noor)
    monkeypatch.setitem(profiel.ANALYSE, "zorgprofiel", profiel.Delen.NA_TOESTEMMING)
    with pytest.raises(ImproperlyConfigured, match="zorgprofiel"):
        profiel.profiel_voor_woning(jongere=noor, analyse=analyse, tekst_voor_woning="")


def test_the_profile_holds_the_age_on_the_day_the_place_is_needed(noor: Jongere) -> None:
    noor.geboortedatum = noor.nodig_vanaf.replace(year=noor.nodig_vanaf.year - 14)
    uitkomst = profiel.profiel_voor_woning(jongere=noor, analyse=None, tekst_voor_woning=" Hoi ")
    assert (uitkomst.leeftijd, uitkomst.nodig_vanaf, uitkomst.tekst) == (
        14,
        noor.nodig_vanaf,
        "Hoi",
    )
    assert uitkomst.behoeften == () and uitkomst.zorgprofiel == ""


def test_known_names_and_places_are_found_as_whole_words(noor: Jongere, ouder_user: User) -> None:
    noor.woonplaats = "Den Haag"
    noor.school_naam = "De Regenboog"
    noor.save()
    assert profiel.namen_in_tekst(noor, "Woont in den\nhaag.") == ["Den Haag"]
    assert profiel.namen_in_tekst(noor, "Zit op de regenboog.") == ["De Regenboog"]
    assert profiel.namen_in_tekst(noor, f"{ouder_user.first_name} belt vaak.") == [
        ouder_user.first_name
    ]
    # Part of a longer word is not the name.
    assert profiel.namen_in_tekst(noor, "Noordelijk en rustig.") == []
