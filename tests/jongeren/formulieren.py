"""Turn a rendered form back into POST data, as a browser would submit it unchanged."""

from __future__ import annotations

from typing import Any


def form_post_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for naam in form.fields:
        waarde = form[naam].value()
        if waarde is not None:
            data[form.add_prefix(naam)] = waarde
    return data


def analyse_post_data(context: Any, **anders: Any) -> dict[str, Any]:
    """The analysis form and its needs formset as rendered, with `anders` laid over them."""
    data = form_post_data(context["form"])
    formset = context["formset"]
    data |= {
        formset.management_form.add_prefix(naam): waarde
        for naam, waarde in formset.management_form.initial.items()
    }
    for behoefte in formset.forms:
        for naam in ("kenmerk", "belang", "toelichting"):
            waarde = behoefte[naam].value()
            data[behoefte.add_prefix(naam)] = "" if waarde is None else waarde
    return data | anders


def behoefte_index(context: Any, code: str) -> int:
    """The row number of a need in the rendered formset."""
    for i, behoefte in enumerate(context["formset"].forms):
        if behoefte["kenmerk"].value() == code:
            return i
    raise LookupError(code)
