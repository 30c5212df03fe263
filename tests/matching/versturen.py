"""Sending a proposal through the pages as a coordinator does: the form, then the summary,
then "Versturen" with the summary's token."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client


def bevestiging_uit(html: str) -> str:
    """The confirmation token of the summary page."""
    gevonden = re.search(r'name="bevestiging" value="([^"]+)"', html)
    assert gevonden, "no summary to confirm on this page"
    return gevonden.group(1)


def verstuur(client: Client, url: str, data: dict[str, Any]) -> Any:
    """POST the form to `url` (the summary comes back), then confirm it."""
    samenvatting = client.post(url, {**data, "actie": "versturen"})
    assert samenvatting.status_code == 200, samenvatting
    html = samenvatting.content.decode()
    return client.post(url, {**data, "actie": "bevestigd", "bevestiging": bevestiging_uit(html)})
