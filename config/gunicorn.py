"""gunicorn's settings for the container (`gunicorn -c config/gunicorn.py`).

On SIGTERM (docker stop, a deploy) gunicorn stops taking new connections, lets the
requests in progress finish for up to `graceful_timeout` seconds, then exits; compose's
stop_grace_period is longer, so nothing is cut off. Every log line is JSON like the
portal's own: the access log is the portal's (one line per request with its id, from
config.middleware), so gunicorn writes only its own error log.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 60
graceful_timeout = 30
# Behind a proxy the client's connection is kept by the proxy, not by a worker.
keepalive = 5
accesslog = None
# gunicorn's control socket would go to $HOME, which the container's user does not have;
# nothing here uses it.
control_socket_disable = True
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "kern.logs.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False}},
}
