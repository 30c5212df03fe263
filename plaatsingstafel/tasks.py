"""Celery tasks of the placement table."""

from __future__ import annotations

from celery import shared_task


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    # The computation itself stops searching after a few seconds; these catch a region so
    # large that scoring alone runs away (the page says so instead of waiting forever).
    soft_time_limit=9 * 60,
    time_limit=10 * 60,
)
def bereken_verdeling(verdeling_id: int) -> str:
    """The placement table's joint allocation (on the solver queue: CELERY_TASK_ROUTES)."""
    from plaatsingstafel.verdeling import bereken

    return bereken(verdeling_id=verdeling_id)


@shared_task
def ruim_verdelingen_op() -> int:
    """The placement tables' computations past VERDELING_BEWAAR_DAGEN (Celery beat, daily)."""
    from plaatsingstafel.verdeling import ruim_op

    return ruim_op()
