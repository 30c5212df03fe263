"""Logs that a machine can read and a person can follow: one JSON object a line, carrying
the id of the request that caused it, also in the Celery tasks that request started.

The request id comes from `config.middleware.RequestIdMiddleware` (a fresh one per request,
or the proxy's X-Request-ID when a proxy is configured). It lives in a context variable, so
every log line of that request gets it. A task published while it is set carries it in a
message header (`before_task_publish`), and the worker puts it back while the task runs
(`task_prerun`), so a mail that failed in the worker can be traced to the click that sent it.
The outbox stores the id with the waiting row, so a task sent later still carries it.

Nothing here imports Django's settings: logging is configured while settings load.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import traceback
from datetime import UTC, datetime
from typing import Any

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
TASK: contextvars.ContextVar[tuple[str, str] | None] = contextvars.ContextVar("task", default=None)
HEADER = "request_id"

# What a request id from outside may look like (a proxy's id: uuid, hex, base64url).
_GELDIG_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# The attributes every LogRecord has; anything else was passed with `extra=`.
_STANDAARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "request_id",
    "task_id",
    "task_name",
}


def geldig_request_id(value: str) -> bool:
    return bool(_GELDIG_ID.fullmatch(value))


class ContextFilter(logging.Filter):
    """Adds the request id (and, in a worker, the task) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        task_id, task_name = TASK.get() or ("", "")
        record.__dict__.update(
            request_id=REQUEST_ID.get() or "-", task_id=task_id, task_name=task_name
        )
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC), level, logger, message, request id, task, and
    any `extra=` fields; the traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", "") or REQUEST_ID.get()
        if request_id and request_id != "-":
            data["request_id"] = request_id
        if getattr(record, "task_id", ""):
            data["task_id"] = getattr(record, "task_id", "")
            data["task"] = getattr(record, "task_name", "")
        for key, value in vars(record).items():
            if key not in _STANDAARD and not key.startswith("_"):
                data[key] = value
        if record.exc_info:
            data["exception"] = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        elif record.exc_text:
            data["exception"] = record.exc_text
        if record.stack_info:
            data["stack"] = record.stack_info
        return json.dumps(data, ensure_ascii=False, default=str)


def connect_celery_signals() -> None:
    """Carry the request id from the publishing process into the task (called by the
    Celery app, in the web processes and the worker alike)."""
    from celery.signals import before_task_publish, task_postrun, task_prerun

    @before_task_publish.connect(weak=False)
    def _geef_request_id_mee(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        if headers is not None and not headers.get(HEADER) and REQUEST_ID.get():
            headers[HEADER] = REQUEST_ID.get()

    tokens: dict[str, tuple[contextvars.Token[str], contextvars.Token[Any]]] = {}

    @task_prerun.connect(weak=False)
    def _neem_request_id_over(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
        request = task.request
        # A worker sees custom headers as attributes of the request, eager runs in `headers`.
        request_id = request.get(HEADER) or (request.headers or {}).get(HEADER) or ""
        tokens[task_id] = (
            REQUEST_ID.set(request_id or REQUEST_ID.get()),
            TASK.set((task_id, task.name)),
        )

    @task_postrun.connect(weak=False)
    def _vergeet_request_id(task_id: str = "", **kwargs: Any) -> None:
        saved = tokens.pop(task_id, None)
        if saved is not None:
            REQUEST_ID.reset(saved[0])
            TASK.reset(saved[1])


def start_error_tracking(dsn: str, *, environment: str) -> None:
    """Send unhandled errors (web and worker) and ERROR log lines to a Sentry-compatible
    service. The portal holds data about minors, so the events carry no personal data: no
    local variables of the stack frames, no request bodies, cookies or user details; the
    request id is added as a tag, so the event leads to the log lines."""
    import sentry_sdk
    from django.core.exceptions import ImproperlyConfigured
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.utils import BadDsn

    def met_request_id(event: Any, hint: Any) -> Any:
        if REQUEST_ID.get():
            event.setdefault("tags", {})["request_id"] = REQUEST_ID.get()
        return event

    try:
        sentry_sdk.init(
            dsn=dsn,
            environment=environment,
            integrations=[DjangoIntegration(), CeleryIntegration()],
            send_default_pii=False,
            include_local_variables=False,
            max_request_body_size="never",
            traces_sample_rate=0.0,
            before_send=met_request_id,
        )
    except BadDsn as exc:
        raise ImproperlyConfigured(f"SENTRY_DSN: not a usable DSN ({exc})") from None
