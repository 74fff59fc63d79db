"""Row-level registers: one row per payment, loan, charge or audit event, streamed from
the table in order, 2,000 rows at a time."""

from __future__ import annotations

from collections.abc import Iterator

from accounts.models import AuditEvent
from console.reports.base import CHUNK, Filters
from console.reports.filters import for_product, in_range
from loans.models import Loan
from repayments.models import Charge, Payment


def payment_rows(f: Filters) -> Iterator[tuple]:
    qs = for_product(in_range(Payment.objects.all(), "paid_on", f), "loan__product_id", f)
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
    qs = for_product(
        in_range(Loan.objects.filter(disbursed_on__isnull=False), "disbursed_on", f),
        "product_id",
        f,
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


def charges_rows(f: Filters) -> Iterator[tuple]:
    qs = for_product(in_range(Charge.objects.all(), "charged_on", f), "loan__product_id", f)
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
