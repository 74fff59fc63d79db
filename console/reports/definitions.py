"""The reports. Row-level registers stream from their table in id order; summaries read the
day-end's snapshot (collection.models.PortfolioSnapshot) or aggregate in SQL, so none of
them holds more than a chunk of rows in Python. Definitions: docs/console.md."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from accounts.models import AuditEvent
from collection.dayend.buckets import bucket_table
from collection.models import BucketHistory, CollectorScore, PortfolioSnapshot
from console.charts import percent
from console.reports.base import CHUNK, Column, Filters, Report
from loans.models import Loan
from repayments.models import Charge, Payment


def _range(qs, field: str, f: Filters):
    if f.date_from:
        qs = qs.filter(**{f"{field}__gte": f.date_from})
    if f.date_to:
        qs = qs.filter(**{f"{field}__lte": f.date_to})
    return qs


def _product(qs, path: str, f: Filters):
    return qs.filter(**{path: f.product_id}) if f.product_id else qs


def payment_rows(f: Filters) -> Iterator[tuple]:
    qs = _product(_range(Payment.objects.all(), "paid_on", f), "loan__product_id", f)
    yield from (
        qs.order_by("paid_on", "id")
        .values_list(
            "id",
            "paid_on",
            "loan_id",
            "loan__product__code",
            "channel",
            "utr",
            "status",
            "amount",
            "penal",
            "fees",
            "interest",
            "principal",
            "excess",
        )
        .iterator(chunk_size=CHUNK)
    )


def disbursement_rows(f: Filters) -> Iterator[tuple]:
    qs = _product(
        _range(Loan.objects.filter(disbursed_on__isnull=False), "disbursed_on", f), "product_id", f
    )
    yield from (
        qs.order_by("disbursed_on", "id")
        .values_list(
            "id",
            "disbursed_on",
            "product__code",
            "principal",
            "processing_fee",
            "net_disbursed",
            "annual_rate",
            "tenure",
            "disbursement_reference",
            "status",
        )
        .iterator(chunk_size=CHUNK)
    )


def _snapshots(f: Filters):
    return _product(_range(PortfolioSnapshot.objects.all(), "business_date", f), "product_id", f)


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
    last day), additions (moved into NPA) and upgrades (moved out) from bucket history."""
    npa = bucket_table().npa.name
    snaps = _product(PortfolioSnapshot.objects.filter(bucket=npa), "product_id", f)
    opening_day = (f.date_from - timedelta(days=1)) if f.date_from else None
    opening = (
        snaps.filter(business_date=opening_day).aggregate(n=Sum("loans"))["n"] or 0
        if opening_day
        else 0
    )
    closing_qs = snaps.filter(business_date__lte=f.date_to) if f.date_to else snaps
    last = closing_qs.order_by("-business_date").values_list("business_date", flat=True).first()
    closing = closing_qs.filter(business_date=last).aggregate(n=Sum("loans"))["n"] or 0
    moves = _product(_range(BucketHistory.objects.all(), "business_date", f), "loan__product_id", f)
    got = moves.aggregate(
        additions=Count("id", filter=Q(to_bucket=npa) & ~Q(from_bucket=npa)),
        upgrades=Count("id", filter=Q(from_bucket=npa) & ~Q(to_bucket=npa)),
    )
    closures = opening + got["additions"] - got["upgrades"] - closing
    yield (opening, got["additions"], got["upgrades"], max(closures, 0), closing)


def charges_rows(f: Filters) -> Iterator[tuple]:
    qs = _product(_range(Charge.objects.all(), "charged_on", f), "loan__product_id", f)
    yield from (
        qs.order_by("charged_on", "id")
        .values_list(
            "id",
            "charged_on",
            "loan_id",
            "loan__product__code",
            "kind",
            "amount",
            "waived_amount",
            "status",
        )
        .iterator(chunk_size=CHUNK)
    )


def collector_rows(f: Filters) -> Iterator[tuple]:
    qs = _range(CollectorScore.objects.all(), "week_start", f)
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


def audit_rows(f: Filters) -> Iterator[tuple]:
    qs = AuditEvent.objects.all()
    if f.date_from:
        qs = qs.filter(created_at__date__gte=f.date_from)
    if f.date_to:
        qs = qs.filter(created_at__date__lte=f.date_to)
    yield from (
        qs.order_by("created_at", "id")
        .values_list(
            "id",
            "created_at",
            "actor_repr",
            "action",
            "outcome",
            "target_type",
            "target_id",
            "ip",
            "request_id",
        )
        .iterator(chunk_size=CHUNK)
    )


C = Column
REPORTS: dict[str, Report] = {
    r.name: r
    for r in [
        Report(
            "payment-register",
            "Payment register",
            "Every payment dated in the range, as allocated.",
            (
                C("id", "Payment", "int"),
                C("paid_on", "Paid on", "date"),
                C("loan", "Loan", "int"),
                C("product", "Product"),
                C("channel", "Channel"),
                C("utr", "UTR"),
                C("status", "Status"),
                C("amount", "Amount", "money"),
                C("penal", "Penal", "money"),
                C("fees", "Fees", "money"),
                C("interest", "Interest", "money"),
                C("principal", "Principal", "money"),
                C("excess", "Excess", "money"),
            ),
            payment_rows,
            "repayments.view_payment",
        ),
        Report(
            "disbursement-register",
            "Disbursement register",
            "Every loan disbursed in the range.",
            (
                C("id", "Loan", "int"),
                C("disbursed_on", "Disbursed on", "date"),
                C("product", "Product"),
                C("principal", "Principal", "money"),
                C("processing_fee", "Processing fee", "money"),
                C("net_disbursed", "Net disbursed", "money"),
                C("annual_rate", "Annual rate %", "percent"),
                C("tenure", "Tenure", "int"),
                C("reference", "Reference"),
                C("status", "Status"),
            ),
            disbursement_rows,
            "loans.view_loan",
        ),
        Report(
            "demand-collection",
            "Demand vs collection",
            "By month, from the day-end snapshots.",
            (
                C("month", "Month", "date"),
                C("demand", "Demand", "money"),
                C("collected", "Collected", "money"),
                C("efficiency", "Efficiency %", "percent"),
            ),
            demand_collection_rows,
            "loans.view_loan",
        ),
        Report(
            "ageing",
            "Ageing by bucket",
            "The book by bucket at the end of the range.",
            (
                C("as_of", "As of", "date"),
                C("bucket", "Bucket"),
                C("loans", "Loans", "int"),
                C("principal_outstanding", "Principal outstanding", "money"),
                C("overdue", "Overdue", "money"),
            ),
            ageing_rows,
            "loans.view_loan",
        ),
        Report(
            "npa-movement",
            "NPA movement",
            "Loans in NPA: opening, additions, upgrades, closures, closing.",
            (
                C("opening", "Opening", "int"),
                C("additions", "Additions", "int"),
                C("upgrades", "Upgrades", "int"),
                C("closures", "Closures and write-offs", "int"),
                C("closing", "Closing", "int"),
            ),
            npa_movement_rows,
            "loans.view_loan",
        ),
        Report(
            "charges",
            "Charges levied and waived",
            "Every charge levied in the range.",
            (
                C("id", "Charge", "int"),
                C("charged_on", "Charged on", "date"),
                C("loan", "Loan", "int"),
                C("product", "Product"),
                C("kind", "Kind"),
                C("amount", "Amount", "money"),
                C("waived", "Waived", "money"),
                C("status", "Status"),
            ),
            charges_rows,
            "repayments.view_charge",
        ),
        Report(
            "collector-efficiency",
            "Collection efficiency by collector",
            "Weekly scores in the range, summed (product filter does not apply).",
            (
                C("collector", "Collector"),
                C("made", "Promises made", "int"),
                C("kept", "Promises kept", "int"),
                C("assigned", "Amount assigned", "money"),
                C("collected", "Amount collected", "money"),
                C("efficiency", "Efficiency %", "percent"),
            ),
            collector_rows,
            "collection.view_collectorscore",
        ),
        Report(
            "audit-extract",
            "Audit extract",
            "Every audit event in the range (product filter does not apply).",
            (
                C("id", "Event", "int"),
                C("created_at", "When (IST)", "datetime"),
                C("actor", "Actor"),
                C("action", "Action"),
                C("outcome", "Outcome"),
                C("target_type", "Target type"),
                C("target_id", "Target id"),
                C("ip", "IP"),
                C("request_id", "Request id"),
            ),
            audit_rows,
            "accounts.view_auditevent",
        ),
    ]
}


def report_for(name: str) -> Report | None:
    return REPORTS.get(name)
