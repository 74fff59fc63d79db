"""The day-end's portfolio snapshot (collection.models.PortfolioSnapshot, RollSnapshot): a
few aggregate queries over the book once a night, so the console's dashboard reads a small
table instead of the book on every page view (docs/console.md).

Definitions (the tests recompute each from payments, installments and bucket history):
- stock, at the end of D, over active loans: count, principal outstanding, PAR n = principal
  outstanding of loans with DPD > n (PAR 1: DPD ≥ 1), overdue = owed on installments due
  by D;
- flow, on D: demand = principal + interest of installments falling due on D (active,
  closed or foreclosed loans: the schedule as fixed), collected = posted payments dated D
  less their excess, disbursed = loans disbursed on D (count, principal);
- first-payment default: an active loan whose first installment, due 30 or more days before
  D, is still owed;
- roll rates: each active loan disbursed by the end of the previous month, from its bucket
  then (the last bucket-history row on or before that date, "current" if none) to its
  bucket now.
Rows are keyed by the loan's bucket at the end of D."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from collection.models import BucketHistory, PortfolioSnapshot, RollSnapshot
from loans.models import Installment, Loan, LoanStatus
from repayments.models import Payment, PaymentStatus

ZERO = Decimal("0.00")
MONEY_OUT = DecimalField(max_digits=14, decimal_places=2)
CURRENT = "current"
SCHEDULED = [LoanStatus.ACTIVE, LoanStatus.CLOSED, LoanStatus.FORECLOSED, LoanStatus.WRITTEN_OFF]


def _money(expr, **kw):
    return Coalesce(Sum(expr, output_field=MONEY_OUT, **kw), ZERO, output_field=MONEY_OUT)


def _rows(business_date: date) -> dict[tuple[int, str], dict]:
    rows: dict[tuple[int, str], dict] = defaultdict(dict)
    active = Loan.objects.filter(status=LoanStatus.ACTIVE)
    stock = active.values("product_id", "bucket").annotate(
        n=Count("id"),
        po=_money("principal_outstanding"),
        p1=_money("principal_outstanding", filter=Q(dpd__gte=1)),
        p30=_money("principal_outstanding", filter=Q(dpd__gt=30)),
        p60=_money("principal_outstanding", filter=Q(dpd__gt=60)),
        p90=_money("principal_outstanding", filter=Q(dpd__gt=90)),
    )
    for r in stock:
        rows[(r["product_id"], r["bucket"])].update(
            loans=r["n"],
            principal_outstanding=r["po"],
            par1=r["p1"],
            par30=r["p30"],
            par60=r["p60"],
            par90=r["p90"],
        )
    overdue = (
        Installment.objects.filter(
            loan__status=LoanStatus.ACTIVE, due_date__lte=business_date, owed__gt=0
        )
        .values("loan__product_id", "loan__bucket")
        .annotate(v=_money("owed"))
    )
    for r in overdue:
        rows[(r["loan__product_id"], r["loan__bucket"])]["overdue"] = r["v"]
    demand = (
        Installment.objects.filter(loan__status__in=SCHEDULED, due_date=business_date)
        .values("loan__product_id", "loan__bucket")
        .annotate(v=_money(F("principal_due") + F("interest_due")))
    )
    for r in demand:
        rows[(r["loan__product_id"], r["loan__bucket"])]["demand"] = r["v"]
    collected = (
        Payment.objects.filter(paid_on=business_date, status=PaymentStatus.POSTED)
        .values("loan__product_id", "loan__bucket")
        .annotate(v=_money(ExpressionWrapper(F("amount") - F("excess"), output_field=MONEY_OUT)))
    )
    for r in collected:
        rows[(r["loan__product_id"], r["loan__bucket"])]["collected"] = r["v"]
    disbursed = (
        Loan.objects.filter(disbursed_on=business_date)
        .values("product_id", "bucket")
        .annotate(n=Count("id"), v=_money("principal"))
    )
    for r in disbursed:
        rows[(r["product_id"], r["bucket"])].update(disbursed_loans=r["n"], disbursed_amount=r["v"])
    fpd = (
        Installment.objects.filter(
            loan__status=LoanStatus.ACTIVE,
            number=1,
            due_date__lte=business_date - timedelta(days=30),
            owed__gt=0,
        )
        .values("loan__product_id", "loan__bucket")
        .annotate(n=Count("id"))
    )
    for r in fpd:
        rows[(r["loan__product_id"], r["loan__bucket"])]["first_payment_defaults"] = r["n"]
    return rows


def month_start(d: date) -> date:
    return d.replace(day=1)


def _rolls(business_date: date) -> list[RollSnapshot]:
    month = month_start(business_date)
    previous_end = month - timedelta(days=1)
    then = (
        BucketHistory.objects.filter(loan=OuterRef("pk"), business_date__lte=previous_end)
        .order_by("-business_date", "-id")
        .values("to_bucket")[:1]
    )
    moves = (
        Loan.objects.filter(status=LoanStatus.ACTIVE, disbursed_on__lte=previous_end)
        .annotate(from_bucket=Coalesce(Subquery(then), Value(CURRENT)))
        .values("product_id", "from_bucket", "bucket")
        .annotate(n=Count("id"), v=_money("principal_outstanding"))
    )
    return [
        RollSnapshot(
            month=month,
            business_date=business_date,
            product_id=r["product_id"],
            from_bucket=r["from_bucket"],
            to_bucket=r["bucket"],
            loans=r["n"],
            principal_outstanding=r["v"],
        )
        for r in moves
    ]


@transaction.atomic
def portfolio_snapshot_write(*, business_date: date) -> int:
    """Write (or rewrite) the snapshot of `business_date` and its month's roll rates.
    Returns the number of snapshot rows. Called by the day-end's finish step; safe to run
    again for the same date (the rows are replaced)."""
    PortfolioSnapshot.objects.filter(business_date=business_date).delete()
    snapshot = [
        PortfolioSnapshot(business_date=business_date, product_id=product, bucket=bucket, **v)
        for (product, bucket), v in sorted(_rows(business_date).items())
    ]
    PortfolioSnapshot.objects.bulk_create(snapshot)
    month = month_start(business_date)
    stale = RollSnapshot.objects.filter(month=month, business_date__gt=business_date).exists()
    if not stale:  # a rerun of an earlier date never overwrites a later day's month-to-date
        RollSnapshot.objects.filter(month=month).delete()
        RollSnapshot.objects.bulk_create(_rolls(business_date))
    return len(snapshot)
