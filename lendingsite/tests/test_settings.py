"""Production settings: refuse to start without their secrets (one line naming what is
missing, exit 1), pass `check --deploy` with nothing silenced, and answer with HSTS, secure
cookies and an HTTPS redirect. Each case runs manage.py in a clean child process, because
settings are read once per process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

from lendingsite.settings import PRODUCTION_REQUIRED

BASE_DIR = Path(settings.BASE_DIR)
# Everything the settings read, so the parent's environment cannot leak into the child.
OUR_PREFIXES = (
    "DJANGO_",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_",
    "FIELD_ENCRYPTION_KEYS",
    "WEBHOOK_",
    "PII_HASH_KEY",
    "OPS_",
    "SITE_URL",
    "LOG_",
    "ADMIN_URL",
    "SECURE_",
    "PROXY_COUNT",
    "EMAIL_URL",
    "CSRF_TRUSTED_ORIGINS",
    "DB_",
)


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(OUR_PREFIXES)}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(48),  # 64 characters
        DJANGO_ALLOWED_HOSTS="lendingsite.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/15",
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        WEBHOOK_SECRET_KEYS=Fernet.generate_key().decode(),
        PII_HASH_KEY=secrets.token_hex(32),
        OPS_TOKEN=secrets.token_urlsafe(32),
        SITE_URL="https://lendingsite.example",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_check_deploy_is_clean(production_env):
    result = manage(production_env, "check", "--deploy")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_production_refuses_to_start_without_webhook_secret_keys(production_env):
    del production_env["WEBHOOK_SECRET_KEYS"]

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "integrations.E001" in result.stderr and "WEBHOOK_SECRET_KEYS" in result.stderr


@pytest.mark.parametrize("name", PRODUCTION_REQUIRED)
def test_production_refuses_to_start_without_a_secret(production_env, name):
    del production_env[name]

    result = manage(production_env, "check")

    assert result.returncode == 1
    assert result.stderr == f"lendingsite: DJANGO_ENV=production requires {name} to be set\n"
    assert result.stdout == ""


def test_an_empty_secret_counts_as_missing(production_env):
    production_env["OPS_TOKEN"] = ""

    result = manage(production_env, "check")

    assert result.returncode == 1
    assert result.stderr == "lendingsite: DJANGO_ENV=production requires OPS_TOKEN to be set\n"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DJANGO_DEBUG", "true", "DJANGO_DEBUG must be off when DJANGO_ENV=production"),
        (
            "FIELD_ENCRYPTION_KEYS",
            "not-a-fernet-key",
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key",
        ),
        ("PII_HASH_KEY", "short", "PII_HASH_KEY must be at least 32 characters"),
        (
            "DJANGO_ENV",
            "staging",
            "DJANGO_ENV must be development, test or production, not 'staging'",
        ),
    ],
)
def test_production_refuses_unsafe_values(production_env, name, value, message):
    production_env[name] = value

    result = manage(production_env, "check")

    assert result.returncode == 1
    assert result.stderr == f"lendingsite: {message}\n"


PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client

client = Client(HTTP_HOST="lendingsite.example")
over_https = client.get("/healthz", secure=True)
page_over_http = client.get("/api/v1/schema/")
print(json.dumps({
    "hsts": over_https.get("Strict-Transport-Security"),
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "debug": settings.DEBUG,
    "page_over_http": page_over_http.status_code,
    "page_over_http_location": page_over_http.get("Location"),
    "healthz_over_http": client.get("/healthz").status_code,
    "readyz_anonymous": client.get("/readyz").status_code,
    "metrics_anonymous": client.get("/metrics").status_code,
}))
"""


def test_production_answers_with_hsts_secure_cookies_and_https(production_env):
    production_env["DJANGO_SETTINGS_MODULE"] = "lendingsite.settings"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    assert probe["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert probe["csrf_cookie_secure"] is True
    assert probe["session_cookie_secure"] is True
    assert probe["session_cookie_httponly"] is True
    assert probe["debug"] is False
    assert probe["page_over_http"] == 301
    assert probe["page_over_http_location"] == "https://lendingsite.example/api/v1/schema/"
    assert probe["healthz_over_http"] == 200  # the load balancer probes over plain HTTP
    # Not redirected (probes speak plain HTTP), and hidden from anyone without the token.
    assert probe["readyz_anonymous"] == 404
    assert probe["metrics_anonymous"] == 404


def test_admin_path_is_configurable(production_env):
    env = {k: v for k, v in production_env.items() if k != "DJANGO_ENV"}
    env["ADMIN_URL"] = "/officer-console/"

    result = manage(
        env,
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:login'))",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "/officer-console/login/"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, {"server_side_binding": True, "prepare_threshold": 5}), ("false", {})],
)
def test_postgres_uses_prepared_statements_unless_switched_off(production_env, value, expected):
    env = {k: v for k, v in production_env.items() if k != "DJANGO_ENV"}
    env["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/lendingsite_settings_check"
    if value is not None:
        env["DB_PREPARED_STATEMENTS"] = value

    result = manage(
        env,
        "shell",
        "-c",
        "import json; from django.conf import settings;"
        " print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
    )

    assert result.returncode == 0, result.stderr
    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert {
        k: options[k] for k in ("server_side_binding", "prepare_threshold") if k in options
    } == (expected)
