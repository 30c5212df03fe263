"""Template helpers for the NL Design System components (see docs/ontwerp.md)."""

from django import template

register = template.Library()

# A status of the portal → the variant of the status badge (`utrecht-status-badge--…`). The
# badge always carries its text as well: the colour only repeats what the words say.
_BADGE = {
    # the shared analysis
    "concept": "neutral",
    "geen": "neutral",
    "ter_instemming": "warning",
    "wacht": "warning",
    "gedragen": "success",
    "vervangen": "inactive",
    "wijziging": "danger",
    # proposals
    "akkoord": "success",
    "geplaatst": "success",
    "afgewezen": "inactive",
    "ingetrokken": "inactive",
    "verlopen": "inactive",
    "te_laat": "danger",
    # group risk
    "laag": "success",
    "verhoogd": "warning",
    "hoog": "danger",
    # labels on homes
    "binnenkort": "active",
    "waarschuwing": "warning",
}


@register.filter
def badge(status: object) -> str:
    """The badge variant for a status; an unknown status is shown as an active (open) one."""
    return _BADGE.get(str(status), "active" if status else "neutral")
