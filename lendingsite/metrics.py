"""Business metrics for Prometheus (docs/operations.md, "Alerts and dashboards";
the choice of prometheus_client in docs/decisions.md).

Two kinds, because two kinds of process do the work:

- **Events** (payments posted and refused, guard denials, lockouts, refusals): counters
  incremented from `audit_record` (`audit_observed`) as the event is written, in whichever
  web process recorded it. Not deferred to the commit: an on-commit callback per audit event
  would cost every transaction a callback; the price is that an event whose transaction
  later rolls back (rare: the services refuse before they write) is still counted. These
  counters feed alerts on rates, not the books. Every such thing is audited already, so this one
  hook counts them all without touching the services. Under gunicorn with
  PROMETHEUS_MULTIPROC_DIR the workers' counters are summed (prometheus_client's
  multiprocess mode).
- **State** (day-end runs by date, loans by bucket, webhook deliveries failing, whether the
  database answers): read from the database when Prometheus scrapes, so a job that ran in
  a Celery worker (which serves no /metrics) is still seen, and every web process tells the
  same story. Apps register their readers with `state_metric`; the lowest layer does not
  know their tables. The answers are kept `METRICS_STATE_SECONDS` (15) per process, so a
  burst of scrapes costs the database one round.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable

import structlog
from django.conf import settings
from django.core.cache import caches
from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

log = structlog.get_logger(__name__)

PREFIX = "lendingsite_"

PAYMENTS_POSTED = Counter(
    "lendingsite_payments_posted", "Payments posted (committed), by channel", ["channel"]
)
PAYMENTS_REFUSED = Counter(
    "lendingsite_payments_refused",
    "Payment postings refused, by the refusal's problem code",
    ["code"],
)
GUARD_DENIALS = Counter(
    "lendingsite_guard_denials",
    "Requests refused for naming a protected field (guard.denied), by channel",
    ["channel"],
)
LOCKOUTS = Counter("lendingsite_lockouts", "Sign-ins locked out after repeated failures")
LOGIN_FAILURES = Counter("lendingsite_login_failures", "Failed sign-ins")
REFUSALS = Counter(
    "lendingsite_refusals",
    "Audited refusals (outcome denied: permissions, gates, rule checks), by action",
    ["action"],
)


def _count(action: str, outcome: str, after: dict | None) -> None:
    after = after or {}
    if outcome == "denied":
        REFUSALS.labels(action=action).inc()
        if action == "payment.post_refused":
            PAYMENTS_REFUSED.labels(code=str(after.get("code") or "unknown")[:40]).inc()
        elif action == "guard.denied":
            GUARD_DENIALS.labels(channel=str(after.get("channel") or "unknown")[:20]).inc()
        return
    if action == "payment.posted":
        PAYMENTS_POSTED.labels(channel=str(after.get("channel") or "unknown")[:20]).inc()
    elif action == "auth.locked_out":
        LOCKOUTS.inc()
    elif action == "auth.login_failed":
        LOGIN_FAILURES.inc()


def audit_observed(*, action: str, outcome: str, after: dict | None) -> None:
    """Called by audit_record for every event. Never raises: metrics must not break the
    thing they measure."""
    try:
        _count(action, outcome, after)
    except Exception:  # pragma: no cover - defensive
        log.exception("metrics.count_failed")


def _cache_answers() -> int:
    try:
        caches["default"].get("metrics:cache-probe")
    except Exception as exc:  # Redis down: the web carries on (docs/operations.md)
        log.warning("metrics.cache_down", error=type(exc).__name__)
        return 0
    return 1


# --- state read at scrape time ------------------------------------------------------------

StateReader = Callable[[], Iterable[Metric]]
_readers: dict[str, StateReader] = {}


def state_metric(name: str) -> Callable[[StateReader], StateReader]:
    """Decorator: register a function returning metric families read from the database."""

    def decorator(fn: StateReader) -> StateReader:
        _readers[name] = fn
        return fn

    return decorator


class StateCollector(Collector):
    def __init__(self):
        self._lock = threading.Lock()
        self._cached: tuple[float, list[Metric]] | None = None

    def _read(self) -> list[Metric]:
        families: list[Metric] = []
        up = 1
        for name, reader in sorted(_readers.items()):
            try:
                families.extend(reader())
            except Exception as exc:
                # One failing reader (most likely: the database is down) must not hide the
                # others, nor turn the scrape into a 500 that looks like the app is down.
                up = 0
                log.warning("metrics.state_failed", reader=name, error=str(exc))
        database = GaugeMetricFamily(
            "lendingsite_database_up",
            "1 when the last scrape's database reads all succeeded, 0 when one failed",
        )
        database.add_metric([], up)
        families.append(database)
        cache = GaugeMetricFamily(
            "lendingsite_cache_up",
            "1 when the shared cache (Redis) answered the last scrape's read, 0 when not",
        )
        cache.add_metric([], _cache_answers())
        families.append(cache)
        return families

    def collect(self):
        ttl = settings.METRICS_STATE_SECONDS
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] >= ttl:
                self._cached = (now, self._read())
            return list(self._cached[1])


_state_registry = CollectorRegistry(auto_describe=False)
STATE = StateCollector()
_state_registry.register(STATE)


def exposition() -> bytes:
    """The text /metrics serves: the process (or all gunicorn workers') counters, then the
    state read from the database."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_state_registry)
