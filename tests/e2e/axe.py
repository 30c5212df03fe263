"""axe-core in the browser, limited to WCAG 2.1 level A and AA (the Dutch public standard).

`fouten(page, waar)` runs axe on what the tab shows now and returns one readable line per
violating element; an empty list is the only passing answer. No rule is switched off.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}

_axe = Axe()
# How many page states were checked and how many violations were found, for the summary
# at the end of the run (tests/e2e/conftest.py).
TELLING = {"gecontroleerd": 0, "fouten": 0}


def _run(page: Any) -> Any:
    """axe on the page as it stands; a page still navigating (a form's answer arriving after
    the network went quiet) is waited for and checked once it has loaded."""
    for _ in range(3):
        try:
            return _axe.run(page, options=OPTIONS)
        except PlaywrightError as fout:
            if "Execution context was destroyed" not in str(fout):
                raise
            page.wait_for_load_state("load")
    return _axe.run(page, options=OPTIONS)


def fouten(page: Any, waar: str, *, tellen: bool = True) -> list[str]:
    resultaat = _run(page)
    regels = []
    for violation in resultaat.response["violations"]:
        for node in violation["nodes"]:
            doel = " ".join(str(t) for t in node["target"])
            uitleg = node.get("failureSummary", "").replace("\n", " ")
            regels.append(
                f"{waar}: {violation['id']} ({violation['impact']}) at {doel}: "
                f"{violation['help']}. {uitleg} [{node['html'][:160]}]"
            )
    if tellen:
        TELLING["gecontroleerd"] += 1
        TELLING["fouten"] += len(regels)
    return regels
