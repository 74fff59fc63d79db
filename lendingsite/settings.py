"""Settings, all from the environment (django-environ).

DJANGO_ENV picks the shape: ``development`` (default: SQLite, eager Celery, console email),
``test`` (what pytest uses) or ``production`` (refuses to start without its secrets).
Every variable is listed in the README.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

# Production refuses to start on a missing secret, naming it in one line, rather than
# falling back to a development default that would silently weaken it.
PRODUCTION_REQUIRED = (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "FIELD_ENCRYPTION_KEYS",
    "PII_HASH_KEY",
    "OPS_TOKEN",
    "SITE_URL",
)


def _refuse(message: str) -> None:
    sys.stderr.write(f"lendingsite: {message}\n")
    raise SystemExit(1)


if DJANGO_ENV not in {"development", "test", "production"}:
    _refuse(f"DJANGO_ENV must be development, test or production, not {DJANGO_ENV!r}")
if PRODUCTION:
    for _name in PRODUCTION_REQUIRED:
        if not env.str(_name, default=""):
            _refuse(f"DJANGO_ENV=production requires {_name} to be set")
    # Values that would otherwise fail late (first PII read) or silently weaken production.
    if env.bool("DJANGO_DEBUG", default=False):
        _refuse("DJANGO_DEBUG must be off when DJANGO_ENV=production")
    from cryptography.fernet import Fernet

    for _key in env.list("FIELD_ENCRYPTION_KEYS"):
        try:
            Fernet(_key.encode())
        except ValueError:
            _refuse("FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key")
    if len(env.str("PII_HASH_KEY")) < 32:
        _refuse("PII_HASH_KEY must be at least 32 characters")

# Development-only fallbacks; production never reaches them (checked above).
_DEV_SECRET = "dev-only-insecure-key-4f9c2a7e1b8d3c6f0a5e9b2d7c4f1a8e3b6d0c9f2a5e8b1d4c7f"
_DEV_FERNET = "bGVuZGluZ3NpdGUtZGV2LW9ubHkta2V5LTAwMDAwMDA="  # 32 bytes, dev/test only

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET)
DEBUG = env.bool("DJANGO_DEBUG", default=DJANGO_ENV == "development")
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django_prometheus",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_celery_beat",
    "csp",
    "django_structlog",
    "lendingsite",
    "accounts",
    "loans",
    "repayments",
    "collection",
    "messaging",
    "integrations",
    "referrals",
    "accounting",
    "mandates",
    "reconciliation",
    "bureau",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "accounts.twofactor",
    "accounts.screening",
    "portal",
    "console",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "lendingsite.middleware.RequestContextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lendingsite.middleware.StrictInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lendingsite.middleware.PrivateAnswersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lendingsite.middleware.PageMethodMiddleware",
    "accounts.twofactor.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "lendingsite.idempotency.IdempotencyMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "lendingsite.urls"
WSGI_APPLICATION = "lendingsite.wsgi.application"
ASGI_APPLICATION = "lendingsite.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                # The unread-messages count in the header (wiring, like INSTALLED_APPS).
                "messaging.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["ENGINE"] = "django_prometheus.db.backends.postgresql"
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        # Parameters bound by the server and psycopg's automatic prepared statements (a
        # statement run 5 times on a connection is prepared): the server skips parsing and
        # planning the hot statements (docs/benchmarks.md). Behind PgBouncer in transaction
        # mode this needs PgBouncer 1.21+ with max_prepared_statements; else set it false.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The covering index on installments (loans 0004) is PostgreSQL's; SQLite drops the
    # INCLUDE columns on purpose, so its warning would only be noise on every command.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # A busy timeout so the demo's eager Celery tasks and requests don't trip over each other.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "lendingsite.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lendingsite",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Redis is a cache here: its users carry on without it (docs/operations.md, "When Redis is
# down"), so a call waits at most these seconds, and after a failed connection the process
# leaves Redis alone for REDIS_RETRY_SECONDS (lendingsite.redis_cache).
REDIS_CONNECT_TIMEOUT = env.float("REDIS_CONNECT_TIMEOUT", default=0.5)
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=1.0)
REDIS_RETRY_SECONDS = env.float("REDIS_RETRY_SECONDS", default=5.0)

# A borrower's own reads (the loans API, the dashboard's loans) are kept this long at most;
# any audited change to what they show replaces them at once (lendingsite.readcache;
# docs/operations.md, "Read cache"). 0 turns the cache off.
READ_CACHE_SECONDS = env.int("READ_CACHE_SECONDS", default=120)

# Live messages (Django Channels): Redis between the ASGI workers in production; in memory
# for the tests and a one-process demo (docs/operations.md, "Live messages").
CHANNELS_REDIS_URL = env.str("CHANNELS_REDIS_URL", default=REDIS_URL)
if CHANNELS_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNELS_REDIS_URL], "prefix": "lendingsite-live"},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# "memory://localhost//", not "memory://": without a host kombu warns on every connection.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://localhost//")
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
# Without a broker the demo and the tests run tasks in-process, so nothing needs a worker.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "Asia/Kolkata"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that queues a task (after its commit: an email, a webhook dispatch) must not
# hang while the broker or the result store is down: Celery's defaults retry a Redis result
# store for ~20 s per call (its retry policy) before the robust on-commit hook logs the
# failure. Here a queueing call gives up within about a second. What was not queued:
# webhook events stay in the outbox for its sweep; an email asked for then is logged as
# not sent (the reader asks again; statements and notices are also in the app).
_QUICK_RETRY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_PUBLISH_RETRY_POLICY = _QUICK_RETRY
CELERY_BROKER_CONNECTION_TIMEOUT = REDIS_CONNECT_TIMEOUT * 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": REDIS_CONNECT_TIMEOUT,
    "socket_timeout": max(REDIS_SOCKET_TIMEOUT, 5.0),  # a worker's long poll for tasks
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _QUICK_RETRY}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = REDIS_CONNECT_TIMEOUT
CELERY_REDIS_SOCKET_TIMEOUT = max(REDIS_SOCKET_TIMEOUT, 5.0)
# One queue name per deployment sharing a broker (and per bench run: bench/day_end_workers.py),
# so one deployment's workers never take another's tasks.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# The day-end's tasks (plan, chunks, finish) on a queue of their own when set, so a night's
# chunks and the thousands of notices they queue do not wait behind each other, and
# workers can be given to one or the other (`celery worker -Q <queue>`).
CELERY_DAY_END_QUEUE = env.str("CELERY_DAY_END_QUEUE", default="")
# /metrics reads the business state from the database at most this often per process.
METRICS_STATE_SECONDS = env.float("METRICS_STATE_SECONDS", default=15)
CELERY_TASK_ROUTES = (
    {"collection.tasks.day_end_*": {"queue": CELERY_DAY_END_QUEUE}} if CELERY_DAY_END_QUEUE else {}
)

# Kill switches (DESIGN §7). The jobs read them through lendingsite.switches.switch_is_on:
# false here forces a switch off; true leaves it to the console's setting (a database row a
# superuser flips without a restart). MONTH_END_ENABLED is with the month-end's settings.
CRON_ENABLED = env.bool("CRON_ENABLED", default=True)
DAY_END_ENABLED = env.bool("DAY_END_ENABLED", default=True)
MANDATES_ENABLED = env.bool("MANDATES_ENABLED", default=True)
ESCALATION_ENABLED = env.bool("ESCALATION_ENABLED", default=True)
SCORING_ENABLED = env.bool("SCORING_ENABLED", default=True)
REMINDERS_ENABLED = env.bool("REMINDERS_ENABLED", default=True)

# --- Auth -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Where lendingsite.audit stores events: the platform layer names no app, settings do.
AUDIT_EVENT_MODEL = "accounts.AuditEvent"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Reads a user's permissions in one query into the cache ModelBackend then answers from
    # (accounts/permissions_backend.py); ModelBackend signs in and names sessions.
    "accounts.permissions_backend.OneQueryPermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST 800-63B / ASVS V2.1: length and blocklist, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {
        "NAME": "accounts.validators.MaximumLengthValidator",
        "OPTIONS": {"max_length": 128},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_VERIFICATION_TTL = timedelta(hours=24)
PASSWORD_RESET_TTL = timedelta(minutes=15)
VERIFICATION_EMAILS_PER_HOUR = env.int("VERIFICATION_EMAILS_PER_HOUR", default=3)
RESET_EMAILS_PER_HOUR = env.int("RESET_EMAILS_PER_HOUR", default=5)

# django-axes: lock username+IP pairs, for 15 minutes. The library's defaults lock by IP
# forever, which would let one office NAT lock out every officer behind it.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "accounts.auth_hooks.axes_username"
AXES_LOCKOUT_CALLABLE = "accounts.auth_hooks.axes_lockout_response"
# One answer to "who is calling" for lockouts, audit rows and the ops allow-list.
AXES_CLIENT_IP_CALLABLE = "lendingsite.middleware.client_ip"
AXES_VERBOSE = False

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "SIGNING_KEY": SECRET_KEY,
    "USER_ID_FIELD": "id",
    "USER_ID_CLAIM": "user_id",
}

# Second factor (accounts/twofactor): staff always, borrowers by choice. Approve, disburse,
# reverse, waive, write-off and role changes ask for password + code again when the last
# confirmation is older than this.
REAUTH_MAX_AGE_MINUTES = env.int("REAUTH_MAX_AGE_MINUTES", default=5)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Lendingsite")
# Sanctions screening (accounts/screening): a name scoring at least this (0-100) against a
# list entry is a hit for review; docs/benchmarks.md has precision and recall per value.
SCREENING_THRESHOLD = env.int("SCREENING_THRESHOLD", default=85)
# Retention (accounts/retention.py, docs/privacy.md): a borrower relationship over for this
# long is anonymised; five years is the PMLA / RBI KYC record-keeping period.
RETENTION_YEARS = env.float("RETENTION_YEARS", default=5)

# Sessions are read from the cache and written through to the database (cached_db) when
# there is Redis: a page request then costs no session query, and with Redis down the
# database answers alone (lendingsite.sessions). Without Redis (tests, the demo) the
# database alone. docs/operations.md, "Sessions".
SESSION_ENGINE = env.str(
    "SESSION_ENGINE",
    default="lendingsite.sessions" if REDIS_URL else "django.contrib.sessions.backends.db",
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 8

# --- PII encryption (MultiFernet: first key encrypts, every key decrypts) -------------
FIELD_ENCRYPTION_KEYS = env.list("FIELD_ENCRYPTION_KEYS", default=[_DEV_FERNET])
PII_HASH_KEY = env.str("PII_HASH_KEY", default="dev-only-pii-hash-key")

# --- Files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
KYC_MAX_UPLOAD_BYTES = env.int("KYC_MAX_UPLOAD_MB", default=5) * 1024 * 1024
# Per borrower (accounts.services.kyc): documents of one type in force at a time (a new one
# supersedes the oldest), bytes stored in all (superseded ones included) and uploads an hour.
KYC_MAX_DOCUMENTS_PER_TYPE = env.int("KYC_MAX_DOCUMENTS_PER_TYPE", default=1)
KYC_MAX_TOTAL_BYTES = env.int("KYC_MAX_TOTAL_MB", default=50) * 1024 * 1024
KYC_UPLOADS_PER_HOUR = env.int("KYC_UPLOADS_PER_HOUR", default=10)
# Messaging (docs/messaging.md): posts per person per rolling hour, and how long a message
# waits unread before the borrower gets one email about the thread.
MESSAGES_PER_HOUR = env.int("MESSAGES_PER_HOUR", default=30)
MESSAGE_UNREAD_NOTICE_MINUTES = env.int("MESSAGE_UNREAD_NOTICE_MINUTES", default=30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Strict input (lendingsite/parsers.py, docs/api.md "Input rules") -------------------
# A JSON or form body larger than this, or JSON nested deeper, is 400 invalid_body.
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_KB", default=256) * 1024
API_MAX_JSON_DEPTH = env.int("API_MAX_JSON_DEPTH", default=20)
# A multipart upload in all (the file and its fields).
API_MAX_UPLOAD_BYTES = KYC_MAX_UPLOAD_BYTES + 1024 * 1024

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# scripts/demo sets lendingsite.mail.ConsoleLinksBackend: one line per email, links apart.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=EMAIL_CONFIG["EMAIL_BACKEND"])
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Lendingsite <no-reply@lendingsite.example>"
)

# --- I18N / time ----------------------------------------------------------------------
LANGUAGE_CODE = "en-in"
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True
# Dates read `03 Dec 2026` everywhere (lendingsite/formats/en/formats.py).
FORMAT_MODULE_PATH = ["lendingsite.formats"]

# --- API ------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.JWTAuthentication",
        "accounts.twofactor.drf.VerifiedSessionAuthentication",
        # Service accounts' server-to-server keys (integrations; docs/integrators.md).
        "integrations.authentication.ApiKeyAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "lendingsite.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["lendingsite.filters.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "lendingsite.openapi.LendingsiteAutoSchema",
    "EXCEPTION_HANDLER": "lendingsite.problems.exception_handler",
    # Depth, size, encoding, NUL and lone surrogates are refused here (400 invalid_body).
    "DEFAULT_PARSER_CLASSES": [
        # JSON only: a form body cannot say null, and DRF reads a blank form value of a
        # nullable field as null, so `date_of_birth=` would clear a date the schema says
        # must be a date. The one upload route takes multipart (accounts/api/profile.py).
        "lendingsite.parsers.StrictJSONParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "lendingsite.throttling.AnonRateThrottle",
        "lendingsite.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("THROTTLE_ANON", default="60/min"),
        "user": env.str("THROTTLE_USER", default="600/min"),
        "auth": env.str("THROTTLE_AUTH", default="20/min"),
        "quotes": env.str("THROTTLE_QUOTES", default="30/min"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
    # ISO 8601 through date.isoformat(): strftime's %Y drops the leading zeros of a year
    # below 1000, which is then not a valid `format: date` (schemathesis found it).
    "DATE_FORMAT": "iso-8601",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
API_DESCRIPTION = """Origination, servicing and collections for an Indian lender.

## Authentication

* **Bearer token (integrators, apps)**: `POST /api/v1/auth/token/` with `email` and
  `password` answers `{access, refresh}`. Send `Authorization: Bearer <access>`; an access
  token lives 15 minutes. `POST /api/v1/auth/token/refresh/` with the refresh token answers a
  new pair and the old refresh token stops working. In Swagger: *Authorize* → `jwtAuth`.
* **Staff** send their second factor: `otp` (the authenticator's code, or a recovery code)
  with the password at `/api/v1/auth/token/`. Approve, disburse, reverse and waive also
  need a re-authentication within the last few minutes: `POST /api/v1/auth/reauth/` with
  `password` and `otp` answers a token pair that carries it.
* **Browser session**: the borrower pages and the officer console sign in with a session
  cookie; the API accepts it too, with the `X-CSRFToken` header on unsafe methods.
* A borrower sees only their own objects (others' answer 404); staff see what their role
  allows (403 `permission_denied` otherwise).

## Conventions

* Errors are `application/problem+json` (the `Problem` schema) with a stable `code`.
* Money is a string of ASCII digits with up to two decimals (`"150000.50"`), rates four.
* Unsafe calls may carry `Idempotency-Key`; a retry with the same key replays the answer.
* Lists are paginated: `?page=N&page_size=M` (at most 200).
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Lendingsite API",
    "DESCRIPTION": API_DESCRIPTION,
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from validator.swagger.io: the docs page loads nothing from other hosts.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    # Refusals every operation shares, documented once (lendingsite/openapi.py).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lendingsite.openapi.problem_responses",
        # The webhook events (integrations/openapi.py, docs/webhooks.md).
        "integrations.openapi.webhooks_section",
    ],
}

# --- Platform -------------------------------------------------------------------------
ADMIN_URL = env.str("ADMIN_URL", default="admin/").strip("/") + "/"
# /readyz and /metrics: open in development; in production only with the token or from
# an allow-listed address (the scraper / load balancer).
OPS_TOKEN = env.str("OPS_TOKEN", default="")
OPS_ALLOWED_IPS = env.list("OPS_ALLOWED_IPS", default=[])
OPS_ENDPOINTS_PUBLIC = env.bool("OPS_ENDPOINTS_PUBLIC", default=not PRODUCTION)
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (0: none, trust only
# the socket address). See lendingsite.middleware.client_ip.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
# The API's throttles ask client_ip (lendingsite.throttling); this is for anything that
# would still ask DRF itself, so that it cannot believe more hops than client_ip does.
REST_FRAMEWORK["NUM_PROXIES"] = PROXY_COUNT
# Logs carry the same address (bound in lendingsite.apps), not ipware's own guess.
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
PROMETHEUS_EXPORT_MIGRATIONS = False

# --- Security headers -----------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Probes and the metrics scraper talk to gunicorn over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]

# --- Logging: JSON lines with the request id ------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="WARNING" if DJANGO_ENV == "test" else "INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="console" if DJANGO_ENV == "development" else "json")
from lendingsite.logging import configure_logging  # noqa: E402

LOGGING = configure_logging(level=LOG_LEVEL, fmt=LOG_FORMAT)
DJANGO_STRUCTLOG_CELERY_ENABLED = True
# Log lines carry the id RequestContextMiddleware chose (an upstream id only when it is safe).
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True

# --- Lender details shown on the Key Fact Statement ----------------------------------
LENDER_NAME = env.str("LENDER_NAME", default="Lendingsite Finance Pvt Ltd (demo)")
GRIEVANCE_OFFICER = {
    "name": env.str("GRIEVANCE_OFFICER_NAME", default="Grievance Redressal Officer"),
    "email": env.str("GRIEVANCE_OFFICER_EMAIL", default="grievance@lendingsite.example"),
    "phone": env.str("GRIEVANCE_OFFICER_PHONE", default="+91 80 4000 0000"),
}
# Where borrowers send repayments (the pay page); the loan's reference is "LS-<loan id>".
PAYMENT_INSTRUCTIONS = {
    "upi_id": env.str("PAYMENT_UPI_ID", default="lendingsite.demo@examplebank"),
    "account_name": env.str("PAYMENT_ACCOUNT_NAME", default="Lendingsite Finance Pvt Ltd"),
    "account_number": env.str("PAYMENT_ACCOUNT_NUMBER", default="000111222333"),
    "ifsc": env.str("PAYMENT_IFSC", default="EXMP0000001"),
    "bank_name": env.str("PAYMENT_BANK_NAME", default="Example Bank, MG Road branch"),
}

# --- Payment gateway webhooks (docs/gateways.md) ---------------------------------------
# JSON object provider -> secret (or a list of secrets while rotating). Outside production
# the sandbox gateway has a fixed, public secret; production has none unless configured.
PAYMENT_WEBHOOK_SECRETS = env.json(
    "PAYMENT_WEBHOOK_SECRETS",
    default={} if PRODUCTION else {"sandbox": "sandbox-webhook-secret-not-for-production"},
)
WEBHOOK_TOLERANCE_SECONDS = env.int("WEBHOOK_TOLERANCE_SECONDS", default=300)

# --- Auto-debit mandates (mandates; docs/mandates.md) ----------------------------------
# Adapter -> secret of its signed callbacks, like PAYMENT_WEBHOOK_SECRETS.
MANDATE_WEBHOOK_SECRETS = env.json(
    "MANDATE_WEBHOOK_SECRETS",
    default={} if PRODUCTION else {"sandbox": "sandbox-mandate-secret-not-for-production"},
)
MANDATE_ADAPTER = env.str("MANDATE_ADAPTER", default="sandbox")
MANDATE_PRESENT_DAYS_BEFORE = env.int("MANDATE_PRESENT_DAYS_BEFORE", default=1)
MANDATE_MAX_REPRESENTATIONS = env.int("MANDATE_MAX_REPRESENTATIONS", default=2)
MANDATE_REPRESENT_AFTER_DAYS = env.int("MANDATE_REPRESENT_AFTER_DAYS", default=3)

# Virtual accounts and bank reconciliation (docs/reconciliation.md): the adapter that issues
# each loan's collection account and signs its credit notifications.
VIRTUAL_ACCOUNT_PROVIDER = env.str("VIRTUAL_ACCOUNT_PROVIDER", default="sandbox")
# Largest bank statement accepted for import, in bytes.
STATEMENT_MAX_BYTES = env.int("STATEMENT_MAX_BYTES", default=50 * 1024 * 1024)
# Credit bureau reporting (docs/bureau.md): how often the export runs (monthly,
# fortnightly, weekly) and the member identity printed in the file's header.
BUREAU_FREQUENCY = env.str("BUREAU_FREQUENCY", default="monthly")
# Kill switch of the scheduled bureau file (bureau.tasks.bureau_export_beat).
BUREAU_EXPORT_ENABLED = env.bool("BUREAU_EXPORT_ENABLED", default=True)
BUREAU_MEMBER_ID = env.str("BUREAU_MEMBER_ID", default="NB00000001")
BUREAU_MEMBER_NAME = env.str("BUREAU_MEMBER_NAME", default="LENDINGSITE")
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["webhooks"] = env.str(
    "THROTTLE_WEBHOOKS", default="600/min"
)

# --- Outbound webhooks and API keys (integrations; docs/webhooks.md) -------------------
# The outbox: public audit events become webhook events in the same transaction. Off only
# to measure what it costs (bench/webhooks.py).
WEBHOOK_OUTBOX_ENABLED = env.bool("WEBHOOK_OUTBOX_ENABLED", default=True)
# After a commit that wrote events, queue the dispatch at once (the beat sweep every
# minute catches anything missed, e.g. while the broker was down).
WEBHOOK_DISPATCH_ON_COMMIT = env.bool("WEBHOOK_DISPATCH_ON_COMMIT", default=True)
# SSRF: loopback, private and link-local targets are refused in production; tests and the
# demo deliver to receivers on this machine.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", default=not PRODUCTION)
WEBHOOK_REQUIRE_HTTPS = env.bool("WEBHOOK_REQUIRE_HTTPS", default=PRODUCTION)
WEBHOOK_CONNECT_TIMEOUT = env.float("WEBHOOK_CONNECT_TIMEOUT", default=3.0)
WEBHOOK_READ_TIMEOUT = env.float("WEBHOOK_READ_TIMEOUT", default=10.0)
# An endpoint whose every delivery failed for this many days is disabled, its owner told.
WEBHOOK_DISABLE_AFTER_DAYS = env.int("WEBHOOK_DISABLE_AFTER_DAYS", default=5)
# After a secret roll the old secret keeps signing (a second signature) this long.
WEBHOOK_SECRET_OVERLAP_HOURS = env.int("WEBHOOK_SECRET_OVERLAP_HOURS", default=24)
# Endpoint signing secrets are stored encrypted under these Fernet keys (MultiFernet: the
# first encrypts, all decrypt; integrations/crypto.py). A development default only outside
# production; there the system check integrations.E001 refuses to start without them.
DEV_WEBHOOK_SECRET_KEY = "bGVuZGluZ3NpdGUtZGV2LXdlYmhvb2stc2VjcmV0cy0="  # 32 bytes, dev/test
WEBHOOK_SECRET_KEYS = env.list(
    "WEBHOOK_SECRET_KEYS", default=[] if PRODUCTION else [DEV_WEBHOOK_SECRET_KEY]
)

# --- Idempotency-Key on unsafe API calls (lendingsite/idempotency.py, docs/api.md) -------
# How long a key and its stored answer are kept (Stripe semantics: at least 24 hours).
IDEMPOTENCY_TTL_HOURS = env.int("IDEMPOTENCY_TTL_HOURS", default=24)
# API clients (Bearer token) must send a key on these paths (regexes, comma-separated).
IDEMPOTENCY_REQUIRED_PATHS = env.list(
    "IDEMPOTENCY_REQUIRED_PATHS", default=[r"^/api/v1/payments/$"]
)
# Credentials other than a Bearer token whose caller owns a key: functions taking the
# request (lendingsite.idempotency.credential_client).
IDEMPOTENCY_CREDENTIAL_RESOLVERS = ["integrations.authentication.idempotency_client"]
# A call still "in flight" after this long died without an answer; a retry may take it over.
IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS = env.int(
    "IDEMPOTENCY_IN_FLIGHT_TIMEOUT_SECONDS", default=300
)

# --- Collections desk: promises and reminders (docs/collections.md) -----------------------
# A promise to pay may fall due at most this many days after it is made.
PROMISE_MAX_DAYS = env.int("PROMISE_MAX_DAYS", default=30)
# Channels borrower reminders go out on (email, sms).
REMINDER_CHANNELS = env.list("REMINDER_CHANNELS", default=["email", "sms"])
# Channels the transactional notices (offer, disbursement, receipt, charge levied, exit
# request, closure) go out on besides the in-app copy (email, sms; docs/collections.md).
NOTICE_CHANNELS = env.list("NOTICE_CHANNELS", default=["email", "sms"])
# Class path of the SMS gateway (collection/notify.py). Production fails each SMS visibly
# (status "failed" in the notification log) until a real gateway is configured.
SMS_BACKEND = env.str(
    "SMS_BACKEND",
    default={
        "production": "collection.notify.UnconfiguredSmsBackend",
        "test": "collection.notify.LocmemSmsBackend",
    }.get(DJANGO_ENV, "collection.notify.ConsoleSmsBackend"),
)

# --- Disbursement bank accounts (accounts/bank_verifiers.py, docs/decisions.md) ---------
# Class path of the account verifier ("penny drop"). The sandbox answers from the entered
# name; production waits for an officer's verification until a real provider is set.
BANK_ACCOUNT_VERIFIER = env.str(
    "BANK_ACCOUNT_VERIFIER",
    default=(
        "accounts.bank_verifiers.UnconfiguredVerifier"
        if DJANGO_ENV == "production"
        else "accounts.bank_verifiers.SandboxVerifier"
    ),
)

# --- Payment safety limits (repayments/services/payments.py, docs/payments.md) ---------
# Rupees; a payment outside [min, max] is refused (amount_out_of_range).
PAYMENT_MIN_AMOUNT = env.str("PAYMENT_MIN_AMOUNT", default="1.00")
PAYMENT_MAX_AMOUNT = env.str("PAYMENT_MAX_AMOUNT", default="10000000.00")
# A payment dated more than this many days before the business date is refused (backdated).
PAYMENT_MAX_BACKDATE_DAYS = env.int("PAYMENT_MAX_BACKDATE_DAYS", default=7)
# A one-time settlement installment unpaid this many days after its due date breaks the
# settlement (docs/servicing.md).
SETTLEMENT_GRACE_DAYS = env.int("SETTLEMENT_GRACE_DAYS", default=7)
# A cooling-off exit request stays open this many days after it is made (its pay-by date;
# never on or after the first due date). docs/payments.md "Cooling-off exit".
EXIT_REQUEST_VALID_DAYS = env.int("EXIT_REQUEST_VALID_DAYS", default=3)

# --- Collections day-end (DESIGN §7; docs/collections.md) ----------------------------
# Delinquency buckets by DPD, "name:lo-hi" in order, the last one (NPA) open-ended.
DAY_END_BUCKETS = env.str(
    "DAY_END_BUCKETS", default="current:0,SMA-0:1-30,SMA-1:31-60,SMA-2:61-90,NPA:91+"
)
# Open cases at or past this DPD are escalated to legal (when ESCALATION_ENABLED).
ESCALATION_DPD_THRESHOLD = env.int("ESCALATION_DPD_THRESHOLD", default=90)
# Active loans per chunk: one transaction, and one Celery task, per chunk (bench/day_end.py).
DAY_END_CHUNK_SIZE = env.int("DAY_END_CHUNK_SIZE", default=20000)

# --- Books: income recognition and provisioning (docs/accounting.md) ---------------------
# "accrual" (interest recognised as earned, IRACP) or "cash" (recognised when paid). Chosen
# before the first disbursement: switching a live book is a conversion, not a setting.
LEDGER_BASIS = env.str("LEDGER_BASIS", default="accrual")
# Asset classification: days in NPA before doubtful, then days doubtful in D1 and in D2
# (RBI IRACP: sub-standard up to 12 months, D1 up to 1 year doubtful, D2 1-3 years).
# LOSS_AFTER_NPA_DAYS: 0 = a loss asset is never assumed from age alone (identified by
# inspection under the norms); a positive number classifies loss after that many days.
IRACP_PERIODS = env.dict(
    "IRACP_PERIODS",
    default={"substandard": "365", "d1": "365", "d2": "730", "loss_after": "0"},
)
# Provision rates, percent: "class:secured/unsecured" (docs/accounting.md for the source).
PROVISION_RATES = env.str(
    "PROVISION_RATES",
    default="standard:0.40/0.40,substandard:10/10,d1:20/100,d2:30/100,d3:50/100,loss:100/100",
)
MONTH_END_ENABLED = env.bool("MONTH_END_ENABLED", default=True)
MONTH_END_CHUNK_SIZE = env.int("MONTH_END_CHUNK_SIZE", default=20000)

# --- API schema: stable names for choice sets that share a field name ------------------
# Payments, collection cases and contacts all have `channel` or `status`; unnamed, the
# schema's enums get hash suffixes (and `check --deploy` warns about the collision).
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "PaymentChannelEnum": "repayments.models.Channel",
        "PaymentStatusEnum": "repayments.models.PaymentStatus",
        "ContactChannelEnum": "collection.models.ContactChannel",
        "CaseStatusEnum": "collection.models.CaseStatus",
        "ChargeStatusEnum": "repayments.models.ChargeStatus",
        "WaiverStatusEnum": "repayments.models.WaiverStatus",
        "WebhookDeliveryStatusEnum": "integrations.models.DeliveryStatus",
        "ChargeKindEnum": "repayments.models.ChargeKind",
        "ProposalKindEnum": "loans.models.servicing.ProposalKind",
        "WriteOffKindEnum": "loans.models.servicing.WriteOffKind",
        "RescheduleKindEnum": "loans.models.servicing.RescheduleKind",
        "MandateStatusEnum": "mandates.models.MandateStatus",
        "MandateFrequencyEnum": "mandates.models.Frequency",
        "PresentationStatusEnum": "mandates.models.PresentationStatus",
        # The bureau file's reporting frequency is not a loan's repayment frequency.
        "BureauFrequencyEnum": "bureau.models.Frequency",
        "StatementLineStatusEnum": "reconciliation.models.LineStatus",
        "StatementMatchKindEnum": "reconciliation.models.MatchKind",
        "BureauIssueKindEnum": "bureau.models.IssueKind",
    }
)
