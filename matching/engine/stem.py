"""The engine's sentences in the reader's voice (`kern.publiek.Stem`, docs/schrijfwijzer.md).

A sentence about the youth is written twice in the source: once addressed to the youth
("Met jou erbij ...") and once in the third person with a `%(naam)s` placeholder ("Met
%(naam)s erbij ..."). The youth reads the first; a parent and every professional read the
second, with the youth's first name, or "je kind" (parents) or "de jongere" (professionals)
where no name is at hand. Both are Dutch msgids, translated by whoever calls (`_`), so a
translation may word each voice its own way.
"""

from __future__ import annotations

from collections.abc import Mapping

from kern.publiek import Aanspreekvorm, Stem
from matching.engine.i18n import _


def wie(stem: Stem) -> str:
    """How a third-person sentence names the youth for this voice, in the active language."""
    if stem.naam:
        return stem.naam
    return _("je kind") if stem.vorm is Aanspreekvorm.OUDER else _("de jongere")


def zeg(stem: Stem, jij: str, derde: str, values: Mapping[str, object] | None = None) -> str:
    """`jij` (to the youth) or `derde` (about the youth) with `values` filled in, both
    already in the active language. A sentence that opens with the youth's name or "de
    jongere" starts with a capital."""
    if stem.tot_jongere:
        return jij % dict(values or {})
    text = derde % {**(values or {}), "naam": wie(stem)}
    return text[:1].upper() + text[1:]
