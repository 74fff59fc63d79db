"""Optional OpenTelemetry tracing: a request's span carries its request id, its SQL is its
children, its log lines carry the trace; off when nothing is configured."""

import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from rest_framework_simplejwt.tokens import AccessToken

from lendingsite.tracing import (
    REQUEST_ID_ATTRIBUTE,
    tracing_setup,
    tracing_teardown,
    tracing_wanted,
)
from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db


@pytest.fixture
def spans():
    exporter = InMemorySpanExporter()
    assert tracing_setup(exporter=exporter)
    yield exporter
    tracing_teardown()


def server_span(exporter, request_id):
    found = [
        s
        for s in exporter.get_finished_spans()
        if s.kind == SpanKind.SERVER and s.attributes.get(REQUEST_ID_ATTRIBUTE) == request_id
    ]
    assert len(found) == 1, [(s.name, dict(s.attributes)) for s in exporter.get_finished_spans()]
    return found[0]


@pytest.mark.django_db(transaction=True)
def test_a_request_span_carries_the_request_id_and_its_sql(spans, client):
    loan = active_loan()
    # As in a web process, where tracing is installed before any connection is opened:
    # psycopg's instrumentation traces the connections made after it.
    connection.close()
    token = AccessToken.for_user(loan.borrower)

    response = client.get(
        f"/api/v1/loans/{loan.pk}/",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_X_REQUEST_ID="trace-me-0001",
    )

    assert response.status_code == 200
    span = server_span(spans, "trace-me-0001")
    status = span.attributes.get(
        "http.response.status_code", span.attributes.get("http.status_code")
    )
    assert status == 200
    if connection.vendor == "postgresql":  # psycopg's instrumentation; SQLite has none here
        sql = [
            s
            for s in spans.get_finished_spans()
            if s.attributes.get("db.system") == "postgresql"
            and s.context.trace_id == span.context.trace_id
        ]
        assert len(sql) >= 3  # the token's user, the permissions, the loan
        assert all(s.parent is not None for s in sql)


def test_log_lines_inside_the_request_carry_its_trace(spans, client, caplog):
    client.get("/api/v1/no-such-thing/", HTTP_X_REQUEST_ID="trace-me-0002")  # logs a warning

    span = server_span(spans, "trace-me-0002")
    lines = [  # structlog's own lines (their event dicts); Django's 404 line comes after
        r.msg  # the span has ended, so it carries the request id only
        for r in caplog.records
        if isinstance(r.msg, dict) and r.msg.get("request_id") == "trace-me-0002"
    ]
    assert lines
    assert {line.get("trace_id") for line in lines} == {format(span.context.trace_id, "032x")}


def test_nothing_is_traced_unless_an_endpoint_is_configured(monkeypatch):
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    assert not tracing_wanted()
    assert tracing_setup() is False
    assert not any("opentelemetry" in m for m in django_settings.MIDDLEWARE)

    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    assert tracing_wanted()
    monkeypatch.setenv("OTEL_SDK_DISABLED", "true")
    assert not tracing_wanted()


_WSGI_CHAIN = """
from lendingsite.wsgi import application
names = [type(f.__self__).__module__ for f in application._view_middleware]
print("traced" if any(n.startswith("opentelemetry") for n in names) else "untraced")
"""


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:1", ""])
def test_the_wsgi_application_is_traced_only_when_configured(endpoint):
    env = dict(os.environ, OTEL_EXPORTER_OTLP_ENDPOINT=endpoint)
    done = subprocess.run(
        [sys.executable, "-c", _WSGI_CHAIN], env=env, capture_output=True, text=True, timeout=120
    )

    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == ("traced" if endpoint else "untraced")
