"""Issue 16, "done when": the demo book's month-end close (seed_demo runs it) balances, its
provisioning report equals a computation written here from each loan's outstanding,
classification and the configured rates, and its income report equals the journal read
line by line. The NPA movement report agrees with the classification."""

from collections import defaultdict
from datetime import timedelta
from decimal import ROUND_CEILING, Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q

from accounting.config import iracp_periods, provision_rates
from accounting.models import LoanCollateral, MonthEndRun
from accounting.rules import CLASS_LABELS
from collection.dayend.buckets import bucket_table
from collection.models import BucketHistory, PortfolioSnapshot
from console.reports import REPORTS, Filters
from loans.models import JournalLine, Loan

pytestmark = pytest.mark.django_db
ZERO = Decimal("0.00")


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def demo():
    call_command("seed_demo", stdout=StringIO())
    return MonthEndRun.objects.get(kind="close")


def _balances(day) -> dict:
    """Each loan's balance per account as of `day`, debit positive, line by line."""
    out = defaultdict(lambda: defaultdict(lambda: ZERO))
    for loan_id, code, debit, credit in JournalLine.objects.filter(
        entry__entry_date__lte=day, loan__isnull=False
    ).values_list("loan_id", "account__code", "debit", "credit"):
        out[loan_id][code] += debit - credit
    return out


def _class(loan: Loan, day) -> str:
    """IRACP class from the NPA's age (docs/accounting.md), written out here."""
    npa = bucket_table().npa
    if loan.bucket != npa.name:
        return "standard"
    since = (
        BucketHistory.objects.filter(loan=loan, to_bucket=npa.name, business_date__lte=day)
        .exclude(from_bucket=npa.name)
        .order_by("-business_date")
        .values_list("business_date", flat=True)
        .first()
    )
    days = (day - since).days if since else max(loan.dpd - npa.lo, 0)
    p = iracp_periods()
    if p.loss_after and days >= p.loss_after:
        return "loss"
    if days < p.substandard:
        return "substandard"
    if days < p.substandard + p.d1:
        return "d1"
    return "d2" if days < p.substandard + p.d1 + p.d2 else "d3"


def _up(amount: Decimal, percent: Decimal) -> Decimal:
    return (amount * percent / 100).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def test_the_demo_close_balances_and_its_reports_equal_an_independent_computation(demo):
    day = demo.business_date
    assert demo.status == "completed"
    f = Filters(date_to=day)

    *_, total = REPORTS["trial-balance"].rows(f)
    assert total[3] == "balanced" and total[4] == total[5] > 0

    # Provisioning: per loan, exposure = portfolio + receivable - suspense; class by NPA age;
    # secured part up to the realisable security; the configured rates, each part rounded up.
    books, rates = _balances(day), provision_rates()
    security = dict(LoanCollateral.objects.values_list("loan_id", "realisable_value"))
    expected = defaultdict(lambda: [0, ZERO, ZERO, ZERO, ZERO])
    # A loan no longer active when the close runs needs none (docs/accounting.md: the close
    # reads statuses and buckets as the book holds them when it runs).
    for loan in Loan.objects.filter(status="active"):
        b = books.get(loan.pk, {})
        exposure = b.get("LOAN_PORTFOLIO", ZERO) + b.get("INTEREST_RECEIVABLE", ZERO)
        exposure += b.get("INTEREST_SUSPENSE", ZERO)  # a credit: negative here
        if exposure <= 0:
            continue
        name = _class(loan, day)
        secured = min(exposure, security.get(loan.pk, ZERO))
        row = expected[CLASS_LABELS[name]]
        row[0] += 1
        row[1] += exposure
        row[2] += secured
        row[3] += exposure - secured
        row[4] += _up(secured, rates[name].secured) + _up(exposure - secured, rates[name].unsecured)
    report = {r[1]: list(r[2:]) for r in REPORTS["asset-classification"].rows(f)}
    total = report.pop("Total")
    assert {k: v for k, v in report.items() if v[0]} == dict(expected)
    assert len(expected) >= 2  # the demo has NPAs beside its standard loans
    assert total[4] == sum(v[4] for v in expected.values()) > 0

    # The provision held in the ledger is what the report says was required.
    held = sum(b.get("LOAN_LOSS_PROVISION", ZERO) for b in books.values())
    assert -held == total[4]

    # Income: the month's INTEREST_INCOME lines by entry kind, per product, one at a time.
    start = day.replace(day=1)
    kinds = {
        "interest_accrual": "accrual",
        "interest_accrual_reversal": "reversed",
        "npa_interest_suspended": "suspended",
        "npa_interest_released": "released",
    }
    journal = defaultdict(lambda: defaultdict(lambda: ZERO))
    for code, kind, debit, credit in JournalLine.objects.filter(
        entry__entry_date__range=(start, day), account__code="INTEREST_INCOME"
    ).values_list("loan__product__code", "entry__kind", "debit", "credit"):
        journal[code][kinds.get(kind, "other")] += credit - debit
        journal[code]["net"] += credit - debit
    rows = [r for r in REPORTS["income-recognition"].rows(Filters(start, day)) if r[2] != "Total"]
    assert rows
    for r in rows:
        j = journal[r[2]]
        (accrued, reversed_, suspended, on_collection, on_upgrade, other, net) = r[3:10]
        assert accrued + on_collection + on_upgrade == j["accrual"] + j["released"]
        assert (reversed_, suspended, other, net) == (
            -j["reversed"],
            -j["suspended"],
            j["other"],
            j["net"],
        )
    # And the close's own counts (its SQL) agree with the report's totals.
    counts = demo.counts["accrual"]
    # (The demo's is the book's first close: an NPA had nothing accrued to reverse, so
    # nothing is suspended; accrual on the performing loans and penal charges are there.)
    assert sum(r[5] for r in rows) == Decimal(counts["suspended"]["amount"])
    assert sum(r[3] for r in rows) > 0 and sum(r[11] for r in rows) > 0
    # The report also holds accruals posted outside the close (a loan paid off mid-month is
    # trued up on the day it closes, loans.ledger.interest_true_up); the close's own are
    # those dated the close's date.
    by_close = sum(
        (
            credit - debit
            for kind, debit, credit in JournalLine.objects.filter(
                entry__entry_date=day,
                account__code="INTEREST_INCOME",
                entry__kind__in=("interest_accrual", "npa_interest_released"),
            ).values_list("entry__kind", "debit", "credit")
        ),
        ZERO,
    )
    assert by_close == Decimal(counts["accrued"]["amount"]) + Decimal(counts["released"]["amount"])
    assert sum(r[3] + r[6] + r[7] for r in rows) == sum(
        j["accrual"] + j["released"] for j in journal.values()
    )
    suspense = sum(b.get("INTEREST_SUSPENSE", ZERO) for b in books.values())
    assert sum(r[10] for r in rows) == -suspense


def test_npa_movement_agrees_with_the_classification(demo):
    """The NPA movement's closing count (the last day-end's snapshot) is the number of
    loans the close classed below standard, plus the NPAs that left the book after that
    day-end and before the close ran: the close reads the buckets that day-end set and the
    statuses of when it runs (the demo writes an NPA off today, after the day-ends)."""
    last = PortfolioSnapshot.objects.order_by("-business_date").first().business_date
    (movement,) = REPORTS["npa-movement"].rows(Filters(last - timedelta(days=29), last))
    classes = {r[1]: r[2] for r in REPORTS["asset-classification"].rows(Filters(date_to=last))}
    npa_loans = classes["Total"] - classes["Standard"]
    npa = bucket_table().npa.name
    left = (
        Loan.objects.filter(bucket=npa)
        .exclude(status="active")
        .filter(
            Q(write_off_record__written_off_on__gt=last)
            | Q(settlements__status="paid", settlements__ended_on__gt=last)
        )
        .distinct()
        .count()
    )
    assert npa_loans > 0
    assert movement[-1] == npa_loans + left
