"""Sending e-mail so that it is not lost: every mail is a Celery task started through the
outbox (`kern.uitgesteld.na_commit`), and each task sends through `met_herkansing`.

A failure that may pass (a timeout, a refused, reset or dropped connection, a 4xx answer
such as "451 try again later", a database that went away) is tried again by the worker,
MAIL_POGINGEN times in all, waiting MAIL_HERKANSING_SECONDEN, then twice as long after each
further failure, at most ten minutes. A failure that will not pass (a 5xx answer: unknown
address, refused sender, wrong password), or the last failed try, is written to the outbox
table with status "mislukt", visible in the admin, where it can be sent again; it is logged
as an error (and so reaches the error tracking, when configured).

Tasks run in-process (no broker) do not wait and try again inside a request: a failure
goes straight to "mislukt".
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
from collections.abc import Callable
from typing import Any

from celery import Task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import InterfaceError, OperationalError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kern.uitgesteld import BROKER_FOUTEN, noteer_mislukt

logger = logging.getLogger(__name__)

MAX_WACHT_SECONDEN = 600  # below CELERY_VISIBILITY_TIMEOUT, see settings
_ADRES = re.compile(r"[^\s<>@,;:\"']+@[^\s<>@,;:\"']+")


def tijdelijk(exc: BaseException) -> bool:
    """Whether sending may work when tried again later."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(not 500 <= code < 600 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        # Sender or data refused, a greeting other than 220, failed authentication, ...
        return not 500 <= exc.smtp_code < 600
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return True
    if isinstance(exc, smtplib.SMTPException | ssl.SSLCertVerificationError):
        # The server cannot do what we need (STARTTLS, AUTH), or its certificate is wrong:
        # trying again changes nothing until someone changes the configuration.
        return False
    # Timeouts, refused and reset connections, name resolution; a database gone away.
    return isinstance(exc, OSError | OperationalError | InterfaceError)


def beschrijving(exc: BaseException) -> str:
    """The error for the admin and the log: its kind and the server's answer, without the
    addresses the answer may repeat."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused) and exc.recipients:
        code, antwoord = next(iter(exc.recipients.values()))
        tekst = f"{code} {antwoord.decode(errors='replace')}"
    elif isinstance(exc, smtplib.SMTPResponseException):
        melding: bytes | str = exc.smtp_error
        tekst = f"{exc.smtp_code} " + (
            melding.decode(errors="replace") if isinstance(melding, bytes) else melding
        )
    else:
        tekst = str(exc)
    return _ADRES.sub("<adres>", f"{type(exc).__name__}: {tekst}".strip())[:300]


def wachttijd(poging: int) -> int:
    """Seconds to wait after failed try number `poging` (1, 2, ...)."""
    return int(min(settings.MAIL_HERKANSING_SECONDEN * 2 ** (poging - 1), MAX_WACHT_SECONDEN))


def met_herkansing[T](
    taak: Task[Any, Any], verstuur: Callable[[], T], *, args: list[Any] | None = None
) -> T | None:
    """Run `verstuur` for the running `taak`; on a passing failure let the worker try the
    task again later (with `args` instead of the task's own, e.g. only the addressees still
    to do), otherwise record it as failed. Returns what `verstuur` returned, or None."""
    try:
        return verstuur()
    except Exception as exc:
        argumenten = list(args if args is not None else taak.request.args or [])
        poging = taak.request.retries + 1
        pogingen = settings.MAIL_POGINGEN
        if tijdelijk(exc) and poging < pogingen and not taak.request.is_eager:
            wacht = wachttijd(poging)
            logger.warning(
                "e-mail task %s: try %s of %s failed (%s); next try in %s s",
                taak.name,
                poging,
                pogingen,
                beschrijving(exc),
                wacht,
                extra={"poging": poging},
            )
            try:
                # Raises celery's Retry once the next try is queued.
                raise taak.retry(
                    args=tuple(argumenten), exc=exc, countdown=wacht, max_retries=pogingen
                )
            except BROKER_FOUTEN:
                # The broker is gone too: keep the mail where an admin sees it.
                logger.error("e-mail task %s: cannot queue the next try", taak.name)
        _geef_op(taak, argumenten, poging, exc)
        return None


def _geef_op(taak: Task[Any, Any], argumenten: list[Any], poging: int, exc: BaseException) -> None:
    fout = beschrijving(exc)
    noteer_mislukt(taak=taak.name, argumenten=argumenten, pogingen=poging, fout=fout)
    logger.error(
        "e-mail task %s gave up after %s tries: %s",
        taak.name,
        poging,
        fout,
        extra={"poging": poging},
    )


def mail_wachtwoord_herstel(*, user_id: int, taal: str) -> bool:
    """The password-reset e-mail, with a link made now (valid PASSWORD_RESET_TIMEOUT).

    The link is made by the worker, not stored with the task, so the outbox and the queue
    hold only the user's id. The address comes from PORTAL_URL, never from the request's
    Host header. Nothing is sent to an account that was deactivated or lost its password
    since the request (the reset page said the same to everyone anyway)."""
    from accounts.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    protocol, _, domein = settings.PORTAL_URL.partition("://")
    context = {
        "email": user.email,
        "domain": domein,
        "site_name": "Passende Plek",
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "user": user,
        "token": default_token_generator.make_token(user),
        "protocol": protocol,
    }
    with translation.override(taal or settings.LANGUAGE_CODE):
        onderwerp = render_to_string("registration/password_reset_subject.txt", context)
        tekst = render_to_string("registration/password_reset_email.txt", context)
    send_mail("".join(onderwerp.splitlines()), tekst, None, [user.email])
    return True
