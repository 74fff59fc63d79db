"""Summaries: read the day-end's snapshot or aggregate in SQL (a few rows whatever the
book's size)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Sum
from django.db.models.functions import TruncMonth

from collection.dayend.buckets import bucket_table
from collection.models import BucketHistory, CollectorScore, PortfolioSnapshot
from console.charts import percent
from console.reports.base import Filters
from console.reports.filters import for_product, in_range
from console.reports.servicing import npa_exits


def _snapshots(f: Filters):
    return for_product(
        in_range(PortfolioSnapshot.objects.all(), "business_date", f), "product_id", f
    )


def demand_collection_rows(f: Filters) -> Iterator[tuple]:
    monthly = (
        _snapshots(f)
        .annotate(month=TruncMonth("business_date"))
        .values("month")
        .annotate(demand=Sum("demand"), collected=Sum("collected"))
        .order_by("month")
    )
    for m in monthly:
        yield (m["month"], m["demand"], m["collected"], percent(m["collected"], m["demand"]))


def ageing_rows(f: Filters) -> Iterator[tuple]:
    """The book by bucket at the end of the latest snapshot date in the range."""
    day = _snapshots(f).order_by("-business_date").values_list("business_date", flat=True).first()
    if day is None:
        return
    per = {
        r["bucket"]: r
        for r in _snapshots(f)
        .filter(business_date=day)
        .values("bucket")
        .annotate(loans=Sum("loans"), po=Sum("principal_outstanding"), overdue=Sum("overdue"))
    }
    names = bucket_table().names() + sorted(set(per) - set(bucket_table().names()))
    for b in names:
        r = per.get(b)
        yield (day, b, r["loans"] if r else 0, r["po"] if r else 0, r["overdue"] if r else 0)


def npa_movement_rows(f: Filters) -> Iterator[tuple]:
    """Opening and closing NPA (loans, from the snapshot on the day before the range and its
    last day), additions (moved into NPA) and upgrades (moved out) from bucket history,
    write-offs and settlements of NPA loans from their records; the other closures
    (repaid, foreclosed) are the balance."""
    npa = bucket_table().npa.name
    snaps = for_product(PortfolioSnapshot.objects.filter(bucket=npa), "product_id", f)
    opening_day = (f.date_from - timedelta(days=1)) if f.date_from else None
    opening = (
        snaps.filter(business_date=opening_day).aggregate(n=Sum("loans"))["n"] or 0
        if opening_day
        else 0
    )
    # The last snapshot day of the whole book: a day whose NPA bucket is empty has no NPA
    # row, and must not fall back to an earlier day's NPA count.
    every = for_product(PortfolioSnapshot.objects.all(), "product_id", f)
    every = every.filter(business_date__lte=f.date_to) if f.date_to else every
    last = every.order_by("-business_date").values_list("business_date", flat=True).first()
    closing = snaps.filter(business_date=last).aggregate(n=Sum("loans"))["n"] or 0
    moves = for_product(
        in_range(BucketHistory.objects.all(), "business_date", f), "loan__product_id", f
    )
    additions = moves.filter(to_bucket=npa).exclude(from_bucket=npa).count()
    out_of_npa = moves.filter(from_bucket=npa).exclude(to_bucket=npa)
    written_off, settled, were_settlements = npa_exits(f, npa, out_of_npa)
    upgrades = out_of_npa.count() - were_settlements
    closures = opening + additions - upgrades - written_off - settled - closing
    yield (opening, additions, upgrades, written_off, settled, max(closures, 0), closing)


def collector_rows(f: Filters) -> Iterator[tuple]:
    qs = in_range(CollectorScore.objects.all(), "week_start", f)
    per = (
        qs.values("collector__email")
        .annotate(
            made=Sum("promises_made"),
            kept=Sum("promises_kept"),
            assigned=Sum("amount_assigned"),
            collected=Sum("amount_collected"),
        )
        .order_by("collector__email")
    )
    for r in per:
        yield (
            r["collector__email"],
            r["made"],
            r["kept"],
            r["assigned"],
            r["collected"],
            percent(r["collected"], r["assigned"]),
        )
