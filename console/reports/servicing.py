"""Distress servicing in the reports (docs/servicing.md): the register of write-offs,
settlements and reschedules, and what the NPA movement needs to tell write-offs and
settlements apart from other closures.

The register merges three tables, each streamed in date order in chunks, so memory stays
flat: write-offs (on their date), settlements (on their approval date, with their status
now and what was waived if paid) and reschedules applied (restructures and moratoria, on
the day they applied)."""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q

from console.reports.base import CHUNK, Filters
from console.reports.filters import for_product, in_range
from loans.models import Reschedule, RescheduleStatus, Settlement, SettlementStatus, WriteOff

ZERO = Decimal("0.00")


def _write_offs(f: Filters) -> Iterator[tuple]:
    qs = for_product(in_range(WriteOff.objects.all(), "written_off_on", f), "loan__product_id", f)
    for r in (
        qs.order_by("written_off_on", "id")
        .annotate(charges=F("penal") + F("fees"))
        .values_list(
            "written_off_on",
            "loan_id",
            "loan__product__code",
            "kind",
            "principal",
            "interest",
            "charges",
            "recovered_principal",
            "recovered_interest",
            "recovered_penal",
            "recovered_fees",
            "proposal_id",
        )
        .iterator(chunk_size=CHUNK)
    ):
        day, loan, product, kind, principal, interest, charges, *recovered, proposal = r
        recovered_total = sum((Decimal(x) for x in recovered), ZERO)
        yield (day, loan, product, "write-off", kind, principal, interest, charges,
               recovered_total, ZERO, ZERO, None, None, proposal)  # fmt: skip


def _settlements(f: Filters) -> Iterator[tuple]:
    qs = for_product(in_range(Settlement.objects.all(), "approved_on", f), "loan__product_id", f)
    for r in (
        qs.order_by("approved_on", "id")
        .values_list(
            "approved_on",
            "loan_id",
            "loan__product__code",
            "status",
            "waived_principal",
            "waived_interest",
            "waived_charges",
            "amount",
            "proposal_id",
        )
        .iterator(chunk_size=CHUNK)
    ):
        day, loan, product, status, principal, interest, charges, agreed, proposal = r
        yield (day, loan, product, "settlement", status, principal, interest, charges,
               ZERO, agreed, ZERO, None, None, proposal)  # fmt: skip


def _reschedules(f: Filters) -> Iterator[tuple]:
    qs = for_product(
        in_range(Reschedule.objects.filter(status=RescheduleStatus.APPLIED), "applied_on", f),
        "loan__product_id",
        f,
    )
    for r in (
        qs.order_by("applied_on", "id")
        .values_list(
            "applied_on",
            "loan_id",
            "loan__product__code",
            "kind",
            "principal_total",
            "holiday_interest",
            "capitalised",
            "annual_rate",
            "tenure",
            "proposal_id",
        )
        .iterator(chunk_size=CHUNK)
    ):
        day, loan, product, kind, principal, holiday, capitalised, rate, tenure, proposal = r
        yield (day, loan, product, kind, "applied", principal, holiday, ZERO,
               ZERO, ZERO, capitalised, rate, tenure, proposal)  # fmt: skip


def servicing_rows(f: Filters) -> Iterator[tuple]:
    yield from heapq.merge(
        _write_offs(f), _settlements(f), _reschedules(f), key=lambda r: (r[0], r[1], r[3])
    )


def npa_exits(f: Filters, npa: str, upgrades) -> tuple[int, int, int]:
    """NPA loans written off and settled (paid) in the range, and how many of the
    `upgrades` (bucket history rows out of NPA in the range) were settlements. A written-off
    loan is no longer active, so its bucket stays the one it had. A settlement's last
    payment refreshes the loan's DPD first, which moves it out of NPA a moment before it is
    settled: that move is the settlement, not an upgrade."""
    written = for_product(
        in_range(WriteOff.objects.filter(loan__bucket=npa), "written_off_on", f),
        "loan__product_id",
        f,
    ).count()
    paid = for_product(
        in_range(Settlement.objects.filter(status=SettlementStatus.PAID), "ended_on", f),
        "loan__product_id",
        f,
    )
    moved_out = upgrades.filter(loan_id=OuterRef("loan_id"))
    settled = paid.filter(Q(loan__bucket=npa) | Q(Exists(moved_out))).count()
    were_settlements = upgrades.filter(Exists(paid.filter(loan_id=OuterRef("loan_id")))).count()
    return written, settled, were_settlements
