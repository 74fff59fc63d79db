"""Optional OpenTelemetry tracing (docs/operations.md, "Tracing").

Off unless `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set:
then each web and worker process sends its spans over OTLP/HTTP to that collector (Jaeger,
Tempo, Honeycomb, an OpenTelemetry Collector…), configured by the standard `OTEL_*`
variables (headers, sampler, service name). A request's span carries its request id
(`lendingsite.request_id`, the X-Request-ID that logs and audit rows carry), and its
children are the SQL statements (psycopg), the Redis calls and the tasks it queued (Celery,
whose worker spans join the same trace). Log lines written inside a span carry its
`trace_id` and `span_id`, so a log line, an audit row and a trace find one another.

The maintained instrumentations do the work; this module only installs them once per
process, before Django builds its middleware chain (lendingsite.wsgi, lendingsite.asgi,
and a worker's start in lendingsite.celery).
"""

from __future__ import annotations

import os

from opentelemetry import trace

REQUEST_ID_ATTRIBUTE = "lendingsite.request_id"
_installed: dict[str, object] = {}


def tracing_wanted() -> bool:
    return (
        bool(
            os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
            or os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        )
        and os.environ.get("OTEL_SDK_DISABLED", "").lower() != "true"
    )


def tracing_setup(*, exporter=None) -> bool:
    """Install tracing in this process if it is configured (or `exporter` is given: the
    tests' in-memory one). Returns whether tracing is on. Idempotent."""
    if _installed:
        return True
    if exporter is None and not tracing_wanted():
        return False
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor

    if exporter is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        processor = BatchSpanProcessor(OTLPSpanExporter())
    else:
        processor = SimpleSpanProcessor(exporter)
    # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over this default.
    provider = TracerProvider(resource=Resource.create({"service.name": "lendingsite"}))
    provider.add_span_processor(processor)
    _installed["provider"] = provider
    instrumentors = [
        DjangoInstrumentor(),
        PsycopgInstrumentor(),
        RedisInstrumentor(),
        CeleryInstrumentor(),
    ]
    for instrumentor in instrumentors:
        instrumentor.instrument(tracer_provider=provider)
    _installed["instrumentors"] = instrumentors
    return True


def tracing_teardown() -> None:
    """Undo tracing_setup (the tests)."""
    for instrumentor in _installed.get("instrumentors", ()):
        instrumentor.uninstrument()
    provider = _installed.get("provider")
    if provider is not None:
        provider.shutdown()
    _installed.clear()


def request_id_on_span(request_id: str) -> None:
    """Put the request id on the request's span (a no-op when nothing is tracing)."""
    trace.get_current_span().set_attribute(REQUEST_ID_ATTRIBUTE, request_id)


def add_trace_ids(logger, method_name, event_dict):
    """structlog processor: the current span's trace and span ids, when one is recording."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event_dict.setdefault("trace_id", format(context.trace_id, "032x"))
        event_dict.setdefault("span_id", format(context.span_id, "016x"))
    return event_dict
