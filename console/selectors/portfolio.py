"""The portfolio dashboard's reads: all from the day-end's snapshot tables
(collection.models.PortfolioSnapshot, RollSnapshot), never the book. A fixed number of
queries whatever the book's size (console/tests/test_dashboard.py guards it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from collection.dayend.buckets import bucket_table
from collection.models import PortfolioSnapshot, RollSnapshot
from console.charts import percent, roll_matrix
from loans.models import LoanProduct

ZERO = Decimal("0.00")
TREND_MONTHS = 12
STOCK = ["loans", "principal_outstanding", "par1", "par30", "par60", "par90", "overdue"]
FLOW = ["demand", "collected", "disbursed_loans", "disbursed_amount"]


@dataclass
class Portfolio:
    as_of: date | None
    product: LoanProduct | None
    totals: dict = field(default_factory=dict)
    par: list[dict] = field(default_factory=list)
    buckets: list[dict] = field(default_factory=list)
    npa_ratio: Decimal | None = None
    disbursed: dict = field(default_factory=dict)
    months: list[dict] = field(default_factory=list)
    rolls: list[dict] = field(default_factory=list)
    roll_month: date | None = None


def snapshots(product_id: int | None = None) -> QuerySet:
    qs = PortfolioSnapshot.objects.all()
    return qs.filter(product_id=product_id) if product_id else qs


def latest_snapshot_date(on_or_before: date | None = None) -> date | None:
    qs = PortfolioSnapshot.objects.all()
    if on_or_before:
        qs = qs.filter(business_date__lte=on_or_before)
    return qs.order_by("-business_date").values_list("business_date", flat=True).first()


def _sum(qs: QuerySet, names: list[str]) -> dict:
    got = qs.aggregate(**{n: Sum(n) for n in names})
    return {n: got[n] if got[n] is not None else (0 if "loans" in n else ZERO) for n in names}


def portfolio(*, as_of: date | None = None, product_id: int | None = None) -> Portfolio:
    """The book at the end of the latest snapshot date on or before `as_of`."""
    product = LoanProduct.objects.filter(pk=product_id).first() if product_id else None
    day = latest_snapshot_date(as_of)
    result = Portfolio(as_of=day, product=product)
    if day is None:
        return result
    base = snapshots(product_id)
    today = base.filter(business_date=day)
    per_bucket = {
        r["bucket"]: r
        for r in today.values("bucket").annotate(
            **{n: Sum(n) for n in [*STOCK, "first_payment_defaults"]}
        )
    }
    totals = {
        n: sum((r[n] for r in per_bucket.values()), 0 if n == "loans" else ZERO) for n in STOCK
    }
    totals["first_payment_defaults"] = sum(r["first_payment_defaults"] for r in per_bucket.values())
    result.totals = totals
    po = totals["principal_outstanding"]
    result.par = [
        {"name": f"PAR {n}", "amount": totals[f"par{n}"], "ratio": percent(totals[f"par{n}"], po)}
        for n in (1, 30, 60, 90)
    ]
    table = bucket_table()
    names = table.names()
    names += [b for b in per_bucket if b not in names]
    result.buckets = [
        {
            "bucket": b,
            "loans": per_bucket.get(b, {}).get("loans", 0),
            "principal_outstanding": per_bucket.get(b, {}).get("principal_outstanding", ZERO),
            "share": percent(per_bucket.get(b, {}).get("principal_outstanding", ZERO), po),
        }
        for b in names
    ]
    npa = table.npa.name
    result.npa_ratio = percent(per_bucket.get(npa, {}).get("principal_outstanding", ZERO), po)
    year_start, month_start = day.replace(month=1, day=1), day.replace(day=1)
    flows = base.filter(business_date__range=(year_start, day)).aggregate(
        day_n=Sum("disbursed_loans", filter=Q(business_date=day)),
        day_v=Sum("disbursed_amount", filter=Q(business_date=day)),
        month_n=Sum("disbursed_loans", filter=Q(business_date__gte=month_start)),
        month_v=Sum("disbursed_amount", filter=Q(business_date__gte=month_start)),
        year_n=Sum("disbursed_loans"),
        year_v=Sum("disbursed_amount"),
    )
    result.disbursed = {
        k: v if v is not None else (0 if k.endswith("_n") else ZERO) for k, v in flows.items()
    }
    first_month = _months_back(month_start, TREND_MONTHS - 1)
    monthly = (
        base.filter(business_date__range=(first_month, day))
        .annotate(month=TruncMonth("business_date"))
        .values("month")
        .annotate(**{n: Sum(n) for n in FLOW})
        .order_by("month")
    )
    result.months = [{**m, "efficiency": percent(m["collected"], m["demand"])} for m in monthly]
    rolls = RollSnapshot.objects.filter(month=month_start)
    if product_id:
        rolls = rolls.filter(product_id=product_id)
    cells = list(rolls.values("from_bucket", "to_bucket").annotate(loans=Sum("loans")))
    result.roll_month = month_start
    result.rolls = roll_matrix(cells, table.names())
    return result


def _months_back(first_of_month: date, n: int) -> date:
    y, m = first_of_month.year, first_of_month.month - n
    while m <= 0:
        y, m = y - 1, m + 12
    return date(y, m, 1)


def products() -> QuerySet:
    return LoanProduct.objects.order_by("code").only("id", "code", "name")
