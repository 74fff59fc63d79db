"""Business metrics (lendingsite.metrics) and the alert rules built on them
(deploy/prometheus/alerts.yml) and the dashboard (deploy/grafana/lendingsite.json): the counters move with committed events only, the state is
read from the database at scrape time, and every alert names a metric /metrics exposes."""

import json
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from collection.models import DayEndRun
from lendingsite import metrics
from lendingsite.audit import audit_record
from lendingsite.errors import DomainError
from lendingsite.guard import protected_fields_refuse
from loans.tests.factories import active_loan
from repayments.tests.factories import emi_of, post_payment

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "deploy" / "prometheus" / "alerts.yml"
DASHBOARD = ROOT / "deploy" / "grafana" / "lendingsite.json"
TOKEN = "metrics-test-token-0123456789"
# Prometheus makes `up` itself, per target; everything else must come from /metrics.
PROMETHEUS_OWN = {"up"}
PROMQL_WORDS = {
    "sum", "min", "max", "avg", "count", "by", "without", "on", "ignoring", "group_left",
    "group_right", "and", "or", "unless", "rate", "increase", "irate", "time", "clamp_min",
    "clamp_max", "absent", "bool", "offset", "histogram_quantile", "delta", "changes", "topk",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_state(settings):
    settings.METRICS_STATE_SECONDS = 0
    metrics.STATE._cached = None


def sample(name: str, **labels) -> float:
    from prometheus_client import REGISTRY

    return REGISTRY.get_sample_value(name, labels) or 0.0


def scrape(client) -> dict[str, list]:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    families = {}
    for family in text_string_to_metric_families(response.content.decode()):
        families[family.name] = family.samples
    return families


def exposed_names(families: dict) -> set[str]:
    # A family "x" of type counter is exposed as x_total (its samples); keep both spellings
    # so a rule may use either the sample name or a gauge's bare name.
    names = set(families)
    for name, samples in families.items():
        names.update(s.name for s in samples)
        names.add(f"{name}_total")
    return names


def metric_names(expr: str) -> set[str]:
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # range selectors and subqueries
    expr = re.sub(r'"[^"]*"', "", expr)
    expr = re.sub(r"(?<![A-Za-z0-9_:])\d[\d.]*(?:e[-+]?\d+)?", "", expr)  # 1e-9, 3600
    words = set(re.findall(r"[A-Za-z_:][A-Za-z0-9_:]*", expr))
    # `by (label)` lists label names, not metrics.
    for labels in re.findall(r"\b(?:by|without|on|ignoring)\s*\(([^)]*)\)", expr):
        words -= {w.strip() for w in labels.split(",")}
    return {w for w in words if w not in PROMQL_WORDS}


def alert_metric_names() -> dict[str, set[str]]:
    rules = yaml.safe_load(RULES.read_text())
    return {
        rule["alert"]: metric_names(rule["expr"])
        for group in rules["groups"]
        for rule in group["rules"]
    }


def dashboard_metric_names() -> dict[str, set[str]]:
    board = json.loads(DASHBOARD.read_text())
    return {
        f"{panel['title']} / {target['refId']}": metric_names(target["expr"])
        for panel in board["panels"]
        for target in panel["targets"]
    }


@pytest.mark.django_db
def test_every_alert_and_panel_uses_a_metric_that_metrics_exposes(client, settings):
    settings.OPS_ENDPOINTS_PUBLIC = False
    settings.OPS_TOKEN = TOKEN
    client.get("/healthz")  # django-prometheus' response counters have a sample then

    exposed = exposed_names(scrape(client))

    used = alert_metric_names()
    assert {"DayEndMissing", "DayEndFailed", "PaymentErrorRate", "DatabaseUnreachable"} <= set(used)
    assert {"GuardTriggered", "LockoutSpike", "UnauthorisedAccessSpike"} <= set(used)
    assert any("webhook" in name for name in used["WebhookDeliveriesFailing"])
    used.update(dashboard_metric_names())
    for alert, names in used.items():
        assert names, alert
        missing = names - exposed - PROMETHEUS_OWN
        assert not missing, f"{alert} uses {missing}, which /metrics does not expose"


def test_metrics_stay_hidden_from_strangers_in_production_shape(client, settings):
    settings.OPS_ENDPOINTS_PUBLIC = False
    settings.OPS_TOKEN = TOKEN
    settings.OPS_ALLOWED_IPS = []

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def promtool() -> str | None:
    found = shutil.which("promtool")
    if not found and os.environ.get("CI") == "true":
        pytest.fail("promtool is required on CI (.ci/run installs the prometheus package)")
    if not found:
        pytest.skip("promtool not installed (apt-get install prometheus)")
    return found


def test_promtool_accepts_the_rules_and_their_unit_tests():
    binary = promtool()
    check = subprocess.run([binary, "check", "rules", str(RULES)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    tested = subprocess.run(
        [binary, "test", "rules", "alerts_test.yml"],
        cwd=RULES.parent,
        capture_output=True,
        text=True,
    )
    assert tested.returncode == 0, tested.stdout + tested.stderr


# --- counters -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_posted_payment_counts_by_channel():
    loan = active_loan(disbursed_on=date(2026, 1, 10), tenure=12)
    before = sample("lendingsite_payments_posted_total", channel="neft")

    post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 2, 10))

    assert sample("lendingsite_payments_posted_total", channel="neft") == before + 1


@pytest.mark.django_db
def test_a_refused_payment_counts_by_its_code():
    loan = active_loan(disbursed_on=date(2026, 1, 10), tenure=12)
    post_payment(loan, amount=Decimal("100.00"), paid_on=date(2026, 2, 10), utr="UTRDUP000001")
    before = sample("lendingsite_payments_refused_total", code="duplicate_utr")
    denied = sample("lendingsite_refusals_total", action="payment.post_refused")

    with pytest.raises(DomainError):
        post_payment(loan, amount=Decimal("100.00"), paid_on=date(2026, 2, 11), utr="UTRDUP000001")

    assert sample("lendingsite_payments_refused_total", code="duplicate_utr") == before + 1
    assert sample("lendingsite_refusals_total", action="payment.post_refused") == denied + 1


@pytest.mark.django_db
def test_guard_denials_and_lockouts_count():
    guard = sample("lendingsite_guard_denials_total", channel="api")
    locked = sample("lendingsite_lockouts_total")

    with pytest.raises(DomainError):
        protected_fields_refuse(
            acting_user=staff(FINANCE), submitted=["status"], protected=["status"]
        )
    audit_record(action="auth.locked_out", target_type="email", target_id="x@example.com")

    assert sample("lendingsite_guard_denials_total", channel="api") == guard + 1
    assert sample("lendingsite_lockouts_total") == locked + 1


# --- state read at scrape time ------------------------------------------------------------


def _gauges(families, name) -> dict[tuple, float]:
    return {tuple(sorted(s.labels.items())): s.value for s in families.get(name, [])}


@pytest.mark.django_db
def test_day_end_runs_and_the_book_are_read_at_scrape_time(client):
    yesterday = date.today() - timedelta(days=1)
    DayEndRun.objects.create(business_date=yesterday, status="completed", duration_ms=41_500)
    DayEndRun.objects.create(business_date=date.today(), status="failed", duration_ms=2_000)
    active_loan(disbursed_on=date(2026, 1, 10), tenure=12)

    families = scrape(client)

    durations = _gauges(families, "lendingsite_day_end_duration_seconds")
    assert durations == {
        (("business_date", yesterday.isoformat()), ("status", "completed")): 41.5,
        (("business_date", date.today().isoformat()), ("status", "failed")): 2.0,
    }
    (last,) = families["lendingsite_day_end_last_completed_date_seconds"]
    assert date.fromtimestamp(last.value + 43_200) == yesterday  # midnight UTC of that date
    loans = _gauges(families, "lendingsite_loans")
    assert loans == {(("bucket", "current"), ("status", "active")): 1.0}
    assert [s.value for s in families["lendingsite_database_up"]] == [1.0]


@pytest.mark.django_db
def test_a_failing_reader_says_database_down_and_keeps_the_others(client, monkeypatch):
    def broken():
        raise ConnectionError("server closed the connection")

    monkeypatch.setitem(metrics._readers, "zz.broken", broken)

    families = scrape(client)

    assert [s.value for s in families["lendingsite_database_up"]] == [0.0]
    assert "lendingsite_loans" in families


@pytest.mark.django_db
def test_state_is_read_once_per_interval(settings, django_assert_num_queries):
    settings.METRICS_STATE_SECONDS = 60
    metrics.STATE.collect()
    with django_assert_num_queries(0):
        metrics.STATE.collect()
