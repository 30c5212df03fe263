"""Helpers for migrations that move models between apps (see README, "Architecture")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any


def verhuis_inhoudstypen(
    naar: str, modellen: Iterable[tuple[str, str]]
) -> Callable[[Any, Any], None]:
    """A RunPython function that moves the content types of `modellen` ((old app label,
    model name) pairs) to the app `naar`, so permissions and the admin's history stay
    attached to the moved models. A content type that already exists in `naar` is left."""
    paren = list(modellen)

    def verhuis(apps: Any, schema_editor: Any) -> None:
        content_type = apps.get_model("contenttypes", "ContentType")
        for van, model in paren:
            if not content_type.objects.filter(app_label=naar, model=model).exists():
                content_type.objects.filter(app_label=van, model=model).update(app_label=naar)

    return verhuis
