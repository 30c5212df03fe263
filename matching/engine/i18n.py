"""The engine's sentences in the reader's language, without importing Django.

Every sentence the engine writes is Dutch in the source, marked with `_` or `ngettext` (or
`gettext_noop` where a table is filled at import time and translated where it is used), so
`makemessages` collects it into the catalogue. Values go in through named placeholders
(`%(km)s`), so a translation may put them in another order.

Which language answers is decided by whoever runs the engine: the portal installs Django's
translation functions when it starts (`matching.apps`), so a page gets the language of its
request; the engine on its own (a script, a test without Django) writes Dutch.

The engine keeps some sentences between calls (memos of group pictures and team texts).
Those memos are kept per language (`language()` is part of their keys), so a sentence made
for one reader's language never reaches a reader of another.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


def _dutch(message: str) -> str:
    return message


def _dutch_plural(singular: str, plural: str, number: int) -> str:
    return singular if number == 1 else plural


def _no_language() -> str:
    return ""


_gettext: Callable[[str], str] = _dutch
_ngettext: Callable[[str, str, int], str] = _dutch_plural
_language: Callable[[], str | None] = _no_language


def install(
    *,
    gettext: Callable[[str], str],
    ngettext: Callable[[str, str, int], str],
    get_language: Callable[[], str | None],
) -> None:
    """Answer in the language `get_language` names, through these translation functions."""
    global _gettext, _ngettext, _language
    _gettext, _ngettext, _language = gettext, ngettext, get_language


def _(message: str) -> str:
    """`message` (Dutch) in the active language."""
    return _gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The singular or plural form (Dutch) for `number`, in the active language."""
    return _ngettext(singular, plural, number)


def gettext_noop(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (`_` it where it is used)."""
    return message


def language() -> str:
    """The active language, for the keys of memos that hold sentences."""
    return _language() or ""


@cache
def in_language(msgid: str, language: str) -> str:
    """`_(msgid)`, memoised per language, for a fixed sentence (marked with `gettext_noop`)
    in code that runs for every home of a search. `language` is the active language."""
    return _(msgid)
