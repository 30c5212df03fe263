"""Background work of the accounts app: the outbox, the password-reset mail, and the
scheduled clean-ups (see CELERY_BEAT_SCHEDULE). Each clean-up only removes what has run out,
so running it twice removes nothing more, and logs what it removed (counts only)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from celery import Task, shared_task
from django.conf import settings
from django.utils import timezone

from accounts.mail import mail_wachtwoord_herstel as _mail_wachtwoord_herstel
from accounts.mail import met_herkansing
from kern.uitgesteld import publiceer_alles, ruim_mislukt_op

logger = logging.getLogger(__name__)

# Session stores that keep their sessions in the database table Django's clean-up empties.
_DATABASE_SESSIES = {
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
}


@shared_task(ignore_result=True)
def verstuur_uitgestelde_taken() -> int:
    """Hand every task still waiting in the outbox to the broker (run by Celery beat)."""
    return publiceer_alles()


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def mail_wachtwoord_herstel(self: Task[Any, Any], user_id: int | None, taal: str) -> bool | None:
    """The password-reset e-mail (started by the reset form through the outbox). Without
    a user (an address nobody has) it sends nothing."""
    if user_id is None:
        return False
    return met_herkansing(self, lambda: _mail_wachtwoord_herstel(user_id=user_id, taal=taal))


@shared_task(acks_late=True)
def ruim_sessies_op() -> dict[str, int]:
    """Daily: delete expired sessions (what `manage.py clearsessions` does) and the index
    rows of sessions that no longer exist."""
    from django.contrib.sessions.models import Session
    from django.core.management import call_command

    from accounts.models import ActieveSessie

    resultaat = {"sessies": 0, "index": 0}
    if settings.SESSION_ENGINE in _DATABASE_SESSIES:
        resultaat["sessies"] = Session.objects.filter(expire_date__lt=timezone.now()).count()
        call_command("clearsessions")
        resultaat["index"], _ = ActieveSessie.objects.exclude(
            sessie_sleutel__in=Session.objects.values("session_key")
        ).delete()
    else:
        call_command("clearsessions")
    logger.info(
        "sessions cleared: %s expired sessions, %s index rows",
        resultaat["sessies"],
        resultaat["index"],
        extra=resultaat,
    )
    return resultaat


@shared_task(acks_late=True)
def ruim_inlogpogingen_op() -> dict[str, int]:
    """Hourly: delete failed-login counts whose cool-off is over (the lock-out has ended,
    django-axes would ignore them anyway), the throttle counts of windows that are over,
    and login records older than BEWAARTERMIJN_INLOGLOG_DAGEN."""
    from axes.helpers import get_cool_off
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from accounts import drempel

    nu = timezone.now()
    afkoelen = get_cool_off()
    grens = nu - timedelta(days=settings.BEWAARTERMIJN_INLOGLOG_DAGEN)
    resultaat = {
        "pogingen": (
            AccessAttempt.objects.filter(attempt_time__lte=nu - afkoelen).delete()[0]
            if afkoelen is not None
            else 0
        ),
        "inlogregels": AccessLog.objects.filter(attempt_time__lte=grens).delete()[0],
        "foutregels": AccessFailureLog.objects.filter(attempt_time__lte=grens).delete()[0],
        "drempels": drempel.ruim_op(),
    }
    logger.info(
        "login records cleared: %s expired lock-out counts, %s throttle counts, %s login and "
        "%s failure records older than %s days",
        resultaat["pogingen"],
        resultaat["drempels"],
        resultaat["inlogregels"],
        resultaat["foutregels"],
        settings.BEWAARTERMIJN_INLOGLOG_DAGEN,
        extra=resultaat,
    )
    return resultaat


@shared_task(acks_late=True)
def ruim_uitgestelde_taken_op() -> int:
    """Daily: delete failed tasks (e-mails that were not delivered) whose last try is older
    than BEWAARTERMIJN_MISLUKT_DAGEN. Waiting tasks are never deleted."""
    aantal = ruim_mislukt_op()
    logger.info(
        "outbox cleared: %s failed tasks older than %s days",
        aantal,
        settings.BEWAARTERMIJN_MISLUKT_DAGEN,
        extra={"verwijderd": aantal},
    )
    return aantal
