"""Recovery after write-off (docs/servicing.md, "Recovery"): a payment on a written-off
loan is posted like any payment (the same checks, receipt, statement row) but goes to Bad
Debts Recovered income: Dr Bank / Cr Bad Debts Recovered (anything beyond the claim: Cr
Borrower Credit). It is allocated against the written-off claim in its own order
(repayments.engine.distress.RECOVERY_ORDER), every row due, in the order recoveries are
booked. A reversal takes its entries back and re-allocates the other recoveries.
Called by repayments.services.payments inside its transaction, the loan row locked."""

from datetime import date
from decimal import Decimal

from lendingsite import rawsql
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalEntry, Loan, WriteOff
from repayments import engine
from repayments.engine.distress import recovery_allocate
from repayments.engine.types import PARTS
from repayments.models import Payment, PaymentAllocation, PaymentReversal, PaymentStatus
from repayments.services.replay import ROW_FIELDS, _installments_locked, _row_values

ZERO = Decimal("0.00")
RECOVERY_KINDS = ("recovery", "recovery_adjustment")


def _lines(amount: Decimal, excess: Decimal) -> list[ledger.Line]:
    return [
        ledger.Dr(ledger.BANK, amount),
        ledger.Cr(ledger.BAD_DEBTS_RECOVERED, amount - excess),
        ledger.Cr(ledger.BORROWER_CREDIT, excess),
    ]


def _rows_store(stored: list[tuple], rows: list[engine.Row]) -> dict[int, int]:
    """Write changed rows back; returns {number: installment id}."""
    by_number = {row.number: row for row in rows}
    changed = []
    for s in stored:
        values = _row_values(by_number[s[1]])
        if s[2:] != values:
            changed.append((s[0], values))
    rawsql.values_update(Installment, ROW_FIELDS, changed)
    return {s[1]: s[0] for s in stored}


def _record_refresh(loan: Loan) -> WriteOff:
    """The write-off's recovered amounts: every allocation of its live recoveries."""
    record = WriteOff.objects.select_for_update().get(loan=loan)
    totals = dict.fromkeys(PARTS, ZERO)
    for a in PaymentAllocation.objects.filter(payment_id__in=_recovery_ids(loan)).values(*PARTS):
        for part in PARTS:
            totals[part] += a[part]
    for part in PARTS:
        setattr(record, f"recovered_{part}", totals[part])
    # Not save(update_fields=...): inside payment posting's pipeline (PostgreSQL) the ORM
    # cannot read the row count it checks.
    WriteOff.objects.filter(pk=record.pk).update(
        **{f"recovered_{part}": totals[part] for part in PARTS}
    )
    return record


def _recovery_ids(loan: Loan, *, posted_only: bool = True) -> list[int]:
    utrs = JournalEntry.objects.filter(loan=loan, kind="recovery").values_list(
        "reference", flat=True
    )
    qs = Payment.objects.filter(loan=loan, utr__in=list(utrs))
    if posted_only:
        qs = qs.filter(status=PaymentStatus.POSTED)
    return list(qs.order_by("id").values_list("id", flat=True))


def recovery_post(
    *,
    acting_user,
    loan: Loan,
    amount: Decimal,
    paid_on: date,
    channel: str,
    utr: str,
    source: str,
    provider: str,
    provider_payment_id: str,
) -> Payment | None:
    """Post a recovery; None when the UTR (or the gateway's id) is taken, nothing written."""
    stored = _installments_locked(loan.pk)
    rows, by_row, excess = recovery_allocate([engine.Row(*s[1:]) for s in stored], amount, paid_on)
    totals = {
        part: sum((p.__getattribute__(part) for p in by_row.values()), ZERO) for part in PARTS
    }
    payment = Payment(
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        channel=channel,
        utr=utr,
        utr_canonical=utr,
        received_by=acting_user,
        source=source,
        provider=provider,
        provider_payment_id=provider_payment_id,
        excess=excess,
        **totals,
    )
    if rawsql.insert_returning_id(payment, skip_conflicts=True) is None:
        return None
    ids = _rows_store(stored, rows)
    PaymentAllocation.objects.bulk_create(
        PaymentAllocation(
            payment=payment, installment_id=ids[n], **{k: getattr(p, k) for k in PARTS}
        )
        for n, p in by_row.items()
    )
    ledger.journal_post(
        entry_date=paid_on,
        kind="recovery",
        loan=loan,
        reference=utr,
        memo=f"Recovery {payment.pk} on written-off loan #{loan.pk}",
        acting_user=acting_user,
        lines=_lines(amount, excess),
    )
    _record_refresh(loan)
    return payment


def recovery_reverse(
    *, acting_user, loan: Loan, payment: Payment, reason: str, today: date
) -> PaymentReversal:
    """Reverse a recovery: its entries reversed, its allocations gone, the later recoveries
    re-allocated (a moved excess gets an adjustment entry)."""
    live = _recovery_ids(loan)
    if payment.pk not in live:
        raise DomainError(
            "invalid_state",
            f"Payment {payment.pk} was posted before loan #{loan.pk} was written off; it can "
            "no longer be reversed.",
        )
    reversal = PaymentReversal.objects.create(
        payment=payment, reason=reason[:300], reversed_by=acting_user, reversed_on=today
    )
    payment.reverse()
    payment.save(update_fields=["status"])
    for entry in JournalEntry.objects.filter(
        loan=loan, kind__in=RECOVERY_KINDS, reference=payment.utr, reversed_by__isnull=True
    ).order_by("id"):
        ledger.journal_reverse(
            entry=entry,
            entry_date=today,
            acting_user=acting_user,
            memo=f"Reversal of recovery {payment.pk}: {reason}",
        )
    # Back to the rows as the write-off left them, then every other recovery again.
    stored = _installments_locked(loan.pk)
    rows = {s[1]: engine.Row(*s[1:]) for s in stored}
    number_of = {s[0]: s[1] for s in stored}
    allocations = PaymentAllocation.objects.filter(payment_id__in=live)
    for a in allocations.values("installment_id", *PARTS):
        row = rows[number_of[a["installment_id"]]]
        for part in PARTS:
            setattr(row, f"{part}_paid", row.paid(part) - a[part])
        if row.outstanding > 0:
            row.paid_on = None
    allocations.delete()
    base = [rows[n] for n in sorted(rows)]
    others = Payment.objects.filter(pk__in=[pid for pid in live if pid != payment.pk]).order_by(
        "id"
    )
    new_allocations = []
    for other in others:
        base, by_row, excess = recovery_allocate(base, other.amount, other.paid_on)
        new = {part: sum((getattr(p, part) for p in by_row.values()), ZERO) for part in PARTS}
        if excess != other.excess:
            moved = excess - other.excess
            ledger.journal_post(
                entry_date=today,
                kind="recovery_adjustment",
                loan=loan,
                reference=other.utr,
                memo=f"Re-allocation of recovery {other.pk} after reversal of {payment.pk}",
                acting_user=acting_user,
                lines=[
                    ledger.Dr(ledger.BAD_DEBTS_RECOVERED, moved),
                    ledger.Cr(ledger.BORROWER_CREDIT, moved),
                ]
                if moved > 0
                else [
                    ledger.Dr(ledger.BORROWER_CREDIT, -moved),
                    ledger.Cr(ledger.BAD_DEBTS_RECOVERED, -moved),
                ],
            )
        Payment.objects.filter(pk=other.pk).update(excess=excess, **new)
        new_allocations += [(other.pk, n, p) for n, p in by_row.items()]
    ids = _rows_store(stored, base)
    PaymentAllocation.objects.bulk_create(
        PaymentAllocation(
            payment_id=pid, installment_id=ids[n], **{k: getattr(p, k) for k in PARTS}
        )
        for pid, n, p in new_allocations
    )
    _record_refresh(loan)
    return reversal
