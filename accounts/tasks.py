"""Background work of the accounts app: sending what waits in the outbox."""

from __future__ import annotations

from celery import shared_task

from accounts.uitgesteld import publiceer_alles


@shared_task(ignore_result=True)
def verstuur_uitgestelde_taken() -> int:
    """Hand every task still waiting in the outbox to the broker (run by Celery beat)."""
    return publiceer_alles()
