"""structlog + stdlib logging: one JSON object per line, carrying the request id."""

import structlog

from lendingsite import context
from lendingsite.tracing import add_trace_ids


def add_request_id(logger, method_name, event_dict):
    """django-structlog binds request_id only inside its own middleware; Django logs some
    lines outside it ("Not Found: ...", with the request in `extra`) and our own middleware
    logs before it. Those lines get the id from the request or the request context."""
    if "request_id" not in event_dict:
        request = getattr(event_dict.get("_record"), "request", None)
        request_id = getattr(request, "request_id", "") or context.current().request_id
        if request_id:
            event_dict["request_id"] = request_id
    return event_dict


def configure_logging(*, level: str, fmt: str) -> dict:
    renderer = (
        structlog.processors.JSONRenderer()
        if fmt == "json"
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    shared = [
        structlog.contextvars.merge_contextvars,
        add_request_id,
        add_trace_ids,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
    ]
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        cache_logger_on_first_use=True,
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processor": renderer,
                "foreign_pre_chain": shared,
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "structured",
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django_structlog": {"level": level},
            # Django's own console handler (DEBUG only) would print each django.* line a
            # second time, unformatted; through the root handler only, once.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"level": "WARNING"},
        },
    }
