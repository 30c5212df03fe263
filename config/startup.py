"""Turn a configuration error into one readable line instead of a traceback."""

from __future__ import annotations

import sys
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


def or_exit[T](start: Callable[[], T]) -> T:
    try:
        return start()
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"Configuration error: {exc}\n")
        raise SystemExit(1) from None
