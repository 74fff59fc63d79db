"""Health, readiness, metrics and their guard; request ids and JSON logs; security headers;
the officer console's title; the API schema and its Swagger UI."""

import io
import json
import logging.config
import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse

from lendingsite.logging import configure_logging

pytestmark = pytest.mark.django_db

TOKEN = "ops-token-for-tests-0123456789abcdef"


@pytest.fixture
def ops_guarded(settings):
    """Production's shape: /readyz and /metrics only for the token or an allow-listed IP."""
    settings.OPS_ENDPOINTS_PUBLIC = False
    settings.OPS_TOKEN = TOKEN
    settings.OPS_ALLOWED_IPS = ["10.20.30.40"]
    return settings


# --- liveness / readiness ----------------------------------------------------------------


def test_healthz_is_ok_and_public(client, ops_guarded):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_favicon_is_served_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


def test_readyz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert any(name.startswith("Database") for name in checks)
    assert any(name.startswith("Cache") for name in checks)
    assert set(checks.values()) == {"ok"}


def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    # The check runs in a worker thread with its own connection, built from this settings
    # dict (shared by every thread), so pointing it at nowhere makes the real query fail.
    if connection.vendor == "postgresql":
        monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
        monkeypatch.setitem(connection.settings_dict, "PORT", "1")
    else:
        monkeypatch.setitem(connection.settings_dict, "NAME", "/nonexistent-dir/ls.sqlite3")

    response = client.get("/readyz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    database = next(value for name, value in body["checks"].items() if name.startswith("Database"))
    assert database.startswith("error: Unavailable")
    cache = next(value for name, value in body["checks"].items() if name.startswith("Cache"))
    assert cache == "ok"


def test_readyz_is_degraded_not_503_when_redis_is_unreachable(client, settings):
    # The web serves without Redis (lendingsite/tests/test_redis_outage.py), so its loss
    # must not take every instance out of the load balancer: 200, named, "degraded".
    settings.REDIS_URL = "redis://127.0.0.1:1/0"

    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    redis = next(value for name, value in body["checks"].items() if name.startswith("Redis"))
    assert redis.startswith("error: Unavailable: Unable to connect to Redis")


def test_readyz_checks_a_separate_broker(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/1"

    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    checks = response.json()["checks"]
    broker = next(value for name, value in checks.items() if name.startswith("BrokerConnection"))
    assert broker == "error: Unavailable: broker unreachable"


def test_readyz_skips_the_broker_check_when_it_is_the_redis_cache(settings):
    from lendingsite.platform_views import readiness_checks

    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    settings.CELERY_TASK_ALWAYS_EAGER = False

    checks = [c if isinstance(c, str) else c[0] for c in readiness_checks()]

    assert checks == [
        "health_check.checks.Database",
        "health_check.checks.Cache",
        "health_check.contrib.redis.Redis",
    ]


# --- metrics -------------------------------------------------------------------------------


def test_metrics_are_prometheus_text(client):
    client.get("/healthz")

    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "# TYPE django_http_requests_total_by_method_total counter" in text
    assert 'django_http_requests_total_by_method_total{method="GET"}' in text


# --- the ops guard -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
def test_ops_endpoints_hide_from_strangers(client, ops_guarded, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
def test_ops_endpoints_refuse_a_wrong_token(client, ops_guarded, path):
    response = client.get(path, headers={"Authorization": "Bearer " + TOKEN[:-1] + "X"})

    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
def test_ops_endpoints_answer_the_token(client, ops_guarded, path):
    response = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/readyz", "/metrics"])
def test_ops_endpoints_answer_an_allow_listed_address(client, ops_guarded, path):
    response = client.get(path, REMOTE_ADDR="10.20.30.40")

    assert response.status_code == 200


def test_ops_guard_ignores_a_spoofed_forwarded_for(client, ops_guarded):
    response = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", headers={"X-Forwarded-For": "10.20.30.40"}
    )

    assert response.status_code == 404


def test_behind_one_proxy_the_address_it_appended_counts(client, ops_guarded):
    ops_guarded.PROXY_COUNT = 1
    proxy = "172.16.0.2"

    allowed = client.get(
        "/metrics", REMOTE_ADDR=proxy, headers={"X-Forwarded-For": "1.2.3.4, 10.20.30.40"}
    )
    spoofed = client.get(
        "/metrics", REMOTE_ADDR=proxy, headers={"X-Forwarded-For": "10.20.30.40, 198.51.100.7"}
    )

    assert allowed.status_code == 200
    assert spoofed.status_code == 404


def test_an_empty_configured_token_never_matches(client, ops_guarded):
    ops_guarded.OPS_TOKEN = ""

    response = client.get("/metrics", headers={"Authorization": "Bearer "})

    assert response.status_code == 404


# --- request ids and logs ------------------------------------------------------------------


def test_incoming_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42:x_y"})

    assert response["X-Request-ID"] == "lb-7f3a.42:x_y"


def test_request_id_is_generated_when_absent(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    "unsafe", ["has space", "line\nbreak", "trailing-newline\n", "x" * 129, "<script>", ""]
)
def test_unsafe_request_id_is_replaced(client, unsafe):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=unsafe)

    assert response["X-Request-ID"] != unsafe
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.fixture
def json_logs():
    """The production logging config (LOG_FORMAT=json), its handler writing to a buffer."""
    buffer = io.StringIO()
    config = configure_logging(level="INFO", fmt="json")
    config["handlers"]["stdout"]["stream"] = buffer
    logging.config.dictConfig(config)

    def lines() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines() if line.strip()]

    yield lines
    logging.config.dictConfig(django_settings.LOGGING)


def test_json_log_lines_carry_the_incoming_request_id(client, json_logs):
    client.get("/api/v1/nonexistent/", headers={"X-Request-ID": "req-abc-123"})

    lines = json_logs()
    events = {line["event"] for line in lines}
    assert {"request_started", "request_finished", "Not Found: /api/v1/nonexistent/"} <= events
    assert {line["request_id"] for line in lines} == {"req-abc-123"}
    assert all(line["level"] and line["timestamp"] for line in lines)


def test_json_log_lines_carry_the_replacement_for_an_unsafe_id(client, json_logs):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="evil\nforged-line")

    lines = json_logs()
    assert lines
    assert {line["request_id"] for line in lines} == {response["X-Request-ID"]}


# --- security headers, officer console, API docs ------------------------------------------


def test_pages_carry_security_headers(client):
    response = client.get(reverse("admin:login"))

    assert response.status_code == 200
    csp = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == "'self'"
    assert "unsafe-inline" not in csp["style-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_officer_console_is_titled(client):
    response = client.get(reverse("admin:login"))

    assert reverse("admin:login") == f"/{django_settings.ADMIN_URL}login/"
    html = response.content.decode()
    assert "<title>Log in | Lendingsite officer console</title>" in html
    assert "Lendingsite officer console" in html.split("</head>", 1)[1]


def test_openapi_schema(client):
    response = client.get("/api/v1/schema/")

    assert response.status_code == 200
    text = response.content.decode()
    assert re.search(r"^openapi: 3\.\d+\.\d+$", text, re.MULTILINE)
    assert "title: Lendingsite API" in text


def test_openapi_schema_as_json(client):
    response = client.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.urls("lendingsite.tests.urls")
def test_openapi_schema_documents_bearer_jwt(client):
    schema = client.get("/api/v1/schema/?format=json").json()

    assert schema["components"]["securitySchemes"]["jwtAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }


def test_swagger_ui_loads_nothing_from_other_hosts_and_no_inline_script(client):
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 3
    for attrs, body in scripts:
        assert body.strip() == ""  # every script comes from a URL, none is inline
        src = re.search(r'src="([^"]+)"', attrs).group(1)
        assert src.startswith("/"), src
        assert not src.startswith("//"), src
    for href in re.findall(r'(?:href|src)="([^"]+)"', html):
        assert not re.match(r"(https?:)?//", href), href
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html


def test_swagger_ui_csp_allows_its_inline_style_by_hash_only(client):
    from lendingsite.platform_views import swagger_inline_style_hashes

    response = client.get("/api/v1/docs/")

    csp = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert csp["script-src"] == "'self'"
    hashes = swagger_inline_style_hashes()
    assert len(hashes) == 1
    assert csp["style-src"] == f"'self' {hashes[0]}"
    # The hash is of the block this page really serves.
    import base64
    import hashlib

    css = re.search(r"<style>(.*?)</style>", response.content.decode(), re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert hashes[0] == f"'sha256-{digest}'"


def test_swagger_ui_init_script_is_served_from_our_origin(client):
    html = client.get("/api/v1/docs/").content.decode()
    script_url = re.findall(r'<script src="([^"]+)"', html)[-1].replace("&amp;", "&")

    response = client.get(script_url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert "SwaggerUIBundle(" in body
    assert '"validatorUrl": null' in body
    assert "/api/v1/schema/" in body
