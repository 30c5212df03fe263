from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from accounts.models import Melding, User


def meld(*, ontvangers: Iterable[User], tekst: str, url: str = "") -> list[Melding]:
    """Leave the same notice for several people, once each."""
    unieke = {user.pk: user for user in ontvangers if user is not None and user.is_active}
    return Melding.objects.bulk_create(
        [Melding(ontvanger=user, tekst=tekst, url=url) for user in unieke.values()]
    )


def markeer_gelezen(*, ontvanger: User, melding_ids: Iterable[int] | None = None) -> int:
    meldingen = Melding.objects.for_user(ontvanger).ongelezen()
    if melding_ids is not None:
        meldingen = meldingen.filter(pk__in=list(melding_ids))
    return meldingen.update(gelezen_op=timezone.now())
