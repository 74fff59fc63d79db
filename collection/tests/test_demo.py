"""seed_demo leaves loans in every bucket, with cases, contacts and promises (collection.demo)."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from accounts.models import User
from collection.demo_servicing import DISTRESS
from collection.models import (
    OPEN_CASE_STATUSES,
    CaseStatus,
    CollectionCase,
    CollectorScore,
    ContactLog,
    DayEndRun,
    PromiseToPay,
    RunStatus,
)
from lendingsite.dates import today_ist
from loans.models import Loan, LoanStatus
from repayments.models import Payment

pytestmark = pytest.mark.django_db
DOMAIN = "demo.lendingsite.example"


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "runs": DayEndRun.objects.count(),
        "cases": sorted(CollectionCase.objects.values_list("id", "status", "assigned_to_id")),
        "contacts": ContactLog.objects.count(),
        "promises": sorted(PromiseToPay.objects.values_list("id", "status")),
        "payments": Payment.objects.count(),
        "loans": Loan.objects.count(),
    }


def test_seed_demo_fills_every_bucket_with_cases_promises_and_contacts():
    output = seed()

    active = Loan.objects.filter(status=LoanStatus.ACTIVE)
    buckets = set(active.values_list("bucket", flat=True))
    assert {"current", "SMA-0", "SMA-1", "SMA-2", "NPA"} <= buckets
    assert (
        DayEndRun.objects.filter(forced_loan__isnull=True, status=RunStatus.COMPLETED).count() == 10
    )

    open_cases = CollectionCase.objects.filter(status__in=OPEN_CASE_STATUSES)
    # A written-off loan is still a debt: its case stays open (docs/servicing.md).
    delinquent = Loan.objects.filter(
        Q(status=LoanStatus.WRITTEN_OFF) | Q(status=LoanStatus.ACTIVE, dpd__gt=0)
    )
    assert set(open_cases.values_list("loan_id", flat=True)) == set(
        delinquent.values_list("id", flat=True)
    )
    assert not open_cases.filter(assigned_to__isnull=True).exists()
    # Round-robin shared the book between the two demo collectors, one case apart at most.
    loads = list(
        open_cases.values("assigned_to").annotate(n=Count("id")).values_list("n", flat=True)
    )
    assert len(loads) == 2 and max(loads) - min(loads) <= 1
    assert set(
        User.objects.filter(collection_cases__isnull=False).values_list("email", flat=True)
    ) == {
        f"collector@{DOMAIN}",
        f"collector.two@{DOMAIN}",
    }

    promises = dict(PromiseToPay.objects.values_list("case__loan__application__purpose", "status"))
    assert promises == {
        "Demo: two-wheeler": "kept",
        "Demo: clinic equipment": "broken",
        "Demo: festival shopping": "pending",
    }
    statuses = dict(open_cases.values_list("loan__application__purpose", "status"))
    assert statuses["Demo: two-wheeler"] == CaseStatus.IN_PROGRESS
    assert statuses["Demo: clinic equipment"] == CaseStatus.BROKEN_PROMISE
    assert statuses["Demo: festival shopping"] == CaseStatus.PROMISE_TO_PAY
    assert statuses["Demo: shop counter"] == CaseStatus.IN_PROGRESS
    assert ContactLog.objects.count() == 4
    assert CollectorScore.objects.exists()
    assert "Collections demo:" in output and "collector.two@" in output
    _distress_loans_ready(output)


def _distress_loans_ready(output: str) -> None:
    """collection.demo_servicing: one loan per servicing path, through the services."""
    by = {
        loan.application.purpose: loan
        for loan in Loan.objects.filter(
            application__purpose__in=[sc.purpose for sc in DISTRESS.values()]
        ).select_related("application")
    }
    fresh = by[DISTRESS["dpd120"].purpose]
    assert fresh.status == LoanStatus.ACTIVE and fresh.dpd >= 120 and fresh.bucket == "NPA"
    assert not fresh.proposals.exists()
    settle = by[DISTRESS["settle"].purpose]
    assert settle.bucket == "NPA"
    proposal = settle.proposals.get()
    assert (proposal.kind, proposal.status, len(proposal.terms["installments"])) == (
        "settlement",
        "proposed",
        3,
    )
    written = by[DISTRESS["writeoff"].purpose]
    assert written.status == LoanStatus.WRITTEN_OFF
    assert written.write_off_record.recovered_principal == Decimal("5000.00")
    restructured = by[DISTRESS["restructure"].purpose]
    assert restructured.restructured and restructured.restructure_count == 1
    assert restructured.reschedules.get().status == "applied"
    assert "Servicing demo:" in output


def test_seed_demo_twice_changes_nothing_in_collections():
    seed()
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert "Collections demo: 0 day-end runs this seed" in output


def test_the_borrower_the_seed_prints_has_loans_in_every_state():
    output = seed()

    [line] = [ln for ln in output.splitlines() if ln.strip().startswith("borrower ")]
    email = line.split()[1]
    assert email == f"vikram@{DOMAIN}"
    loans = Loan.objects.filter(borrower__email=email).select_related("product")
    current = [ln for ln in loans if ln.status == LoanStatus.ACTIVE and ln.dpd == 0]
    overdue = [ln for ln in loans if ln.status == LoanStatus.ACTIVE and ln.dpd > 0]
    closed = [ln for ln in loans if ln.status in (LoanStatus.CLOSED, LoanStatus.FORECLOSED)]
    assert current and overdue and closed
    assert all(ln.bucket != "NPA" for ln in loans)  # borrower-wise NPA would pull all in
    in_cooling_off = [
        ln for ln in current if (today_ist() - ln.disbursed_on).days <= ln.product.cooling_off_days
    ]
    assert in_cooling_off
    assert "new borrower" in output and f"borrower@{DOMAIN}" in output
