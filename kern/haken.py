"""Extension points: how an app asks a question that only an app above it can answer.

Dependencies run one way (see "Architecture" in the README): an app never imports one above
it. Where a lower app still needs an answer from above (the home's dashboard shows the
proposals waiting for its manager; a direct registration must pass the matching engine's
hard limits), the lower app declares a `Haak` and the app above provides the function when
Django starts (in its `AppConfig.ready`). A hook without a provider refuses to run, so a
missing app shows up at once instead of silently skipping a check.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured


class Haak[F: Callable[..., Any]]:
    """One question, one answer: exactly one provider per hook."""

    def __init__(self, vraag: str) -> None:
        self.vraag = vraag
        self._functie: F | None = None

    def lever(self, functie: F) -> F:
        """Provide the answer (usable as a decorator). Providing again replaces it: Django
        may run `ready()` twice in tests."""
        self._functie = functie
        return functie

    @property
    def roep(self) -> F:
        """The provided function; refuses when no app provides it."""
        if self._functie is None:
            raise ImproperlyConfigured(f"Niemand beantwoordt de vraag '{self.vraag}'.")
        return self._functie

    def __repr__(self) -> str:
        return f"<Haak {self.vraag!r}>"
