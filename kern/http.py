"""The typed request every view works with, and who is asking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # the user model lives in accounts, one layer up; only its type is used
    from accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (typing only)."""

    htmx: HtmxDetails


class MetGebruiker(Protocol):
    """A Django request or a REST framework request: anything with a `user`."""

    @property
    def user(self) -> Any: ...


def user_of(request: MetGebruiker) -> User:
    """The logged-in person of a request that a permission check already let through.

    Refuses (403) when there is none, so a view that forgot its decorator fails closed.
    """
    user = request.user
    if not isinstance(user, get_user_model()) or not user.is_authenticated:
        raise PermissionDenied
    return user
