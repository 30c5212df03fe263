"""Issuing, finding and revoking a provider's API keys: the one place keys are made."""

from __future__ import annotations

import hashlib
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.rules import hoort_bij_organisatie
from api.models import ApiSleutel

logger = logging.getLogger(__name__)

VOORVOEGSEL = "pp_"


def hash_van(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def mag_sleutel_hebben(gebruiker: User) -> str | None:
    """Why this person cannot get a key, or None when they can: a key is for one provider,
    so only an active manager of a provider gets one (an admin's key would open every home)."""
    if not gebruiker.is_active:
        return _("Dit account is niet actief.")
    if not gebruiker.is_beheerder or gebruiker.organisatie_id is None:
        return _("Alleen een KWV-beheerder van een zorgaanbieder kan een API-sleutel krijgen.")
    return None


@transaction.atomic
def maak_sleutel(*, gebruiker: User, naam: str, door: User | None) -> tuple[ApiSleutel, str]:
    """A new key for `gebruiker`'s provider. Returns the record and the key itself, which is
    not stored anywhere: show it once."""
    bezwaar = mag_sleutel_hebben(gebruiker)
    if bezwaar:
        raise ValidationError({"gebruiker": bezwaar})
    aanbieder = gebruiker.organisatie
    assert aanbieder is not None  # mag_sleutel_hebben checked it
    sleutel = VOORVOEGSEL + secrets.token_urlsafe(32)
    record = ApiSleutel.objects.create(
        naam=naam.strip() or _("API-sleutel"),
        gebruiker=gebruiker,
        aanbieder=aanbieder,
        begin=sleutel[:10],
        sleutel_hash=hash_van(sleutel),
        aangemaakt_door=door,
    )
    logger.info("api-sleutel %s gemaakt voor gebruiker %s", record.pk, gebruiker.pk)
    return record, sleutel


def vind_sleutel(sleutel: str) -> ApiSleutel | None:
    """The valid key record for a presented key, with its manager; None when unknown,
    revoked, or no longer right for its provider (the manager left or changed role)."""
    if not sleutel.startswith(VOORVOEGSEL) or len(sleutel) > 200:
        return None
    record = (
        ApiSleutel.objects.geldig()
        .select_related("gebruiker", "aanbieder")
        .filter(sleutel_hash=hash_van(sleutel))
        .first()
    )
    if record is None:
        return None
    gebruiker = record.gebruiker
    if mag_sleutel_hebben(gebruiker) or not hoort_bij_organisatie(gebruiker, record.aanbieder_id):
        return None
    return record


@transaction.atomic
def trek_in(*, sleutel: ApiSleutel, door: User | None) -> bool:
    """Revoke a key at once; False when it was revoked already."""
    gewijzigd = ApiSleutel.objects.filter(pk=sleutel.pk, ingetrokken_op__isnull=True).update(
        ingetrokken_op=timezone.now(), ingetrokken_door=door
    )
    if gewijzigd:
        logger.info("api-sleutel %s ingetrokken", sleutel.pk)
    return bool(gewijzigd)
