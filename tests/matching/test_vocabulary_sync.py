"""The database vocabularies and the engine's vocabulary must name the same codes."""

from __future__ import annotations

import pytest

from kern import choices
from kern.models import Kenmerk
from matching.engine import vocabulary


def test_fixed_choices_use_the_engines_codes() -> None:
    assert set(choices.Zorgprofiel.values) == set(vocabulary.CARE_PROFILES)
    assert set(choices.Zorgintensiteit.values) == set(vocabulary.CARE_INTENSITIES)
    assert set(choices.Signaal.values) == set(vocabulary.ATTENTION_SIGNALS)
    assert set(choices.Omgeving.values) == set(vocabulary.SETTINGS)
    assert set(choices.Geslacht.values) == set(vocabulary.GENDERS)


@pytest.mark.django_db
def test_the_starting_set_of_needs_is_in_the_database() -> None:
    assert set(Kenmerk.objects.values_list("code", flat=True)) >= set(vocabulary.NEEDS)
    kenmerk = Kenmerk.objects.get(code="traumasensitief")
    assert kenmerk.naam == vocabulary.NEEDS["traumasensitief"][0]
