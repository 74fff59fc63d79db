"""Write a loan's replayed history back to the database (used by the payment services
only; call inside their transaction, with the loan row locked).

Effects, in this order: changed installment rows updated, new rows created, charges
following their installments, penal charges the history voids reversed
(repayments.services.replay.charges), rows the replay no longer has deleted (a row
something still points at is zeroed instead);
allocations of every payment whose split changed rewritten; the payments' allocation
totals updated, with one balanced `payment_adjustment` entry per earlier payment whose
totals moved; the loan's principal outstanding, status and closing date set.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from lendingsite import rawsql
from loans import ledger
from loans.models import Installment, Loan, LoanStatus
from repayments import engine
from repayments.models import Payment, PaymentAllocation, PaymentStatus
from repayments.selectors import base_rows, loan_base, loan_terms
from repayments.services.replay import charges as replay_charges

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TOTALS = ("penal", "fees", "interest", "principal", "excess")
ROW_FIELDS = (
    "due_date",
    "principal_due",
    "interest_due",
    "penal_due",
    "fees_due",
    "principal_paid",
    "interest_paid",
    "penal_paid",
    "fees_paid",
    "balance_after",
    "paid_on",
)


def _credits(parts: dict[str, Decimal]) -> dict[str, Decimal]:
    """Net credit per account for an allocation split (debits negative). Charges are
    income only when paid: the paid part leaves the receivable and moves from suspense to
    income in the same entry."""
    charges = parts["penal"] + parts["fees"]
    return {
        ledger.LOAN_PORTFOLIO: parts["principal"],
        ledger.interest_paid_account(): parts["interest"],
        ledger.CHARGES_RECEIVABLE: charges,
        ledger.CHARGES_SUSPENSE: -charges,
        ledger.PENAL_INCOME: parts["penal"],
        ledger.FEE_INCOME: parts["fees"],
        ledger.BORROWER_CREDIT: parts["excess"],
    }


def _lines(credits: dict[str, Decimal]) -> list[ledger.Line]:
    lines = []
    for account, amount in credits.items():
        if amount > 0:
            lines.append(ledger.Cr(account, amount))
        elif amount < 0:
            lines.append(ledger.Dr(account, -amount))
    return lines


def payment_lines(parts: dict[str, Decimal], *, amount: Decimal) -> list[ledger.Line]:
    """The payment's entry: Dr Bank amount; Cr Loan Portfolio principal, Cr Interest
    Receivable (accrual basis) or Interest Income (cash basis) interest, Cr Charges Receivable penal + fees with Dr Charges Suspense / Cr Penal
    Income, Fee Income; Cr Borrower Credit excess."""
    return [ledger.Dr(ledger.BANK, amount), *_lines(_credits(parts))]


def adjustment_lines(old: dict[str, Decimal], new: dict[str, Decimal]) -> list[ledger.Line]:
    """What moves when a replay changes an earlier payment's split (the bank side does not
    change: the same money, allocated differently)."""
    before, after = _credits(old), _credits(new)
    return _lines({k: after[k] - before[k] for k in after})


# The id a payment being posted has in the replay before it is inserted: above every real
# id, as the real one will be, so it sorts after payments of the same date.
NEW_PAYMENT = 2**62
STORED = ("id", "number", *ROW_FIELDS)  # installment columns read for a replay
ALLOCATION_FIELDS = ("payment", "installment", "penal", "fees", "interest", "principal")


@dataclass
class Replay:
    """A computed replay of one loan, not yet written. `installments` are the stored rows
    as tuples in STORED order (model instances cost more than the replay itself)."""

    loan: Loan
    result: engine.ReplayResult
    installments: list[tuple]
    charges: list[dict]
    stored_totals: dict[int, dict]
    stored_allocations: dict[int, dict[int, tuple]]
    materiality_floor: Decimal = ZERO


def loan_replay(
    *,
    loan: Loan,
    new_payment: engine.PaymentEvent | None = None,
    tail: bool = False,
    installments: list[tuple] | None = None,
) -> Replay:
    """Lock the loan's installments and replay its history, with `new_payment` (id
    NEW_PAYMENT) if one is being posted. With `tail` (the caller checked that the new
    payment comes after every other event of the loan) only the new payment is applied, to
    the stored installments, which gives exactly what a full replay would; otherwise the
    whole history is replayed over the original schedule. `installments`: the loan's rows
    (STORED) if the caller already locked and read them."""
    terms = loan_terms(loan)
    if installments is None:
        installments = _installments_locked(loan.pk)
    if tail:
        rows = [engine.Row(*stored[1:]) for stored in installments]
        result = engine.replay(rows, [new_payment], terms)
        return Replay(loan, result, installments, [], {}, {})
    due_by_id = {stored[0]: stored[2] for stored in installments}
    number_by_id = {stored[0]: stored[1] for stored in installments}
    # A rescheduled loan replays from its latest base: only what came after it.
    base = loan_base(loan)
    after_payment = base.payments_after_id if base else 0
    payments = list(
        Payment.objects.filter(loan=loan, status=PaymentStatus.POSTED, pk__gt=after_payment).values(
            "id", "amount", "paid_on", "utr", *TOTALS
        )
    )
    charges = replay_charges.loan_charges(loan)
    if base is not None:
        charges = [c for c in charges if c["id"] > base.charges_after_id]
    events = [engine.PaymentEvent(p["id"], p["amount"], p["paid_on"]) for p in payments]
    charge_events = replay_charges.charge_events(charges, due_by_id)
    events += charge_events
    if new_payment is not None:
        events.append(new_payment)
    penal = any(c.kind == "penal" for c in charge_events)
    floor = replay_charges.materiality_floor(loan) if penal else ZERO
    start = base_rows(base) if base is not None else engine.original_rows(terms)
    result = engine.replay(start, events, terms, materiality_floor=floor)
    stored_allocations: dict[int, dict[int, tuple]] = {}
    for a in PaymentAllocation.objects.filter(
        payment__loan=loan, payment_id__gt=after_payment
    ).values("payment_id", "installment_id", "penal", "fees", "interest", "principal"):
        stored_allocations.setdefault(a["payment_id"], {})[number_by_id[a["installment_id"]]] = (
            a["penal"],
            a["fees"],
            a["interest"],
            a["principal"],
        )
    return Replay(
        loan,
        result,
        installments,
        charges,
        {p["id"]: p for p in payments},
        stored_allocations,
        floor,
    )


def loan_replay_store(
    replay: Replay, *, new_payment: Payment | None, acting_user, today: date
) -> engine.ReplayResult:
    """Write a computed replay back. `new_payment` is the inserted payment that stood in
    the replay as NEW_PAYMENT (its totals were set from the replay before the insert)."""
    loan, result = replay.loan, replay.result
    if new_payment is not None:
        result.allocations[new_payment.pk] = result.allocations.pop(NEW_PAYMENT)

    # Allocations whose split changed go first: they point at rows that may move.
    rewrite = []
    for payment_id, allocation in result.allocations.items():
        wanted = {
            n: (p.penal, p.fees, p.interest, p.principal)
            for n, p in allocation.by_row.items()
            if p.total
        }
        if replay.stored_allocations.get(payment_id, {}) != wanted:
            rewrite.append((payment_id, wanted))
    stale = [pid for pid, _ in rewrite if pid in replay.stored_allocations]
    if stale:
        PaymentAllocation.objects.filter(payment_id__in=stale).delete()

    ids, extras = _installments_store(loan, replay.installments, result)
    if replay.charges:  # a full replay of a loan with charges (never the posting fast path)
        stored = {s[0]: (s[1], s[2]) for s in replay.installments}  # id -> (number, due)
        replay_charges.charges_repoint(replay.charges, result, ids, stored)
        if result.void_charges:
            replay_charges.charges_void(
                loan=loan,
                charges=replay.charges,
                void_ids=result.void_charges,
                floor=replay.materiality_floor,
                due_by_id={row_id: due for row_id, (_, due) in stored.items()},
                acting_user=acting_user,
                today=today,
            )
    _installments_drop(extras)

    rawsql.values_insert(
        PaymentAllocation,
        ALLOCATION_FIELDS,
        [
            (payment_id, ids[n], *parts)
            for payment_id, wanted in rewrite
            for n, parts in wanted.items()
        ],
    )
    _payments_adjust(loan, result, new_payment, replay.stored_totals, acting_user, today)
    _loan_store(loan, result)
    if new_payment is None and loan.status in PAID_OFF:
        # A change that leaves the loan paid off (a reversal, a waiver): its accrued
        # interest comes off at once. payment_post does this after its own entry.
        ledger.interest_true_up(loan=loan, entry_date=today, acting_user=acting_user)
    return result


# How each STORED column comes back from a raw cursor, whatever the driver gives (psycopg:
# Decimal and date already; sqlite3 may give numbers and ISO text).
_CONVERT = (int, int, rawsql.day, *([rawsql.money] * 9), rawsql.day)
_row_values = rawsql.getter(ROW_FIELDS)


def _installments_locked(loan_id: int) -> list[tuple]:
    """The loan's installment rows as tuples in STORED order, locked."""
    rows = rawsql.rows_select(
        Installment, STORED, where="loan_id = %s", params=[loan_id], order="number", lock=True
    )
    return installments_converted(rows)


def installments_converted(rows: list[tuple]) -> list[tuple]:
    """STORED rows as Python values whatever the driver gave (sqlite3: floats, text)."""
    if rows and not isinstance(rows[0][3], Decimal):
        rows = [tuple(f(v) for f, v in zip(_CONVERT, row, strict=True)) for row in rows]
    return rows


def _installments_store(loan, stored: list[tuple], result) -> tuple[dict[int, int], list[int]]:
    """Write the replay's rows over the stored ones by number. Returns {number: id} and
    the ids of stored rows the replay no longer has."""
    by_number = {row[1]: row for row in stored}
    ids: dict[int, int] = {}
    changed, created = [], []
    for row in result.rows:
        values = _row_values(row)
        current = by_number.get(row.number)
        if current is None:
            created.append(
                Installment(
                    loan=loan, number=row.number, **dict(zip(ROW_FIELDS, values, strict=True))
                )
            )
        else:
            ids[row.number] = current[0]
            if current[2:] != values:
                changed.append((current[0], values))
    rawsql.values_update(Installment, ROW_FIELDS, changed)
    if created:
        ids.update((i.number, i.pk) for i in Installment.objects.bulk_create(created))
    extras = [by_number[n][0] for n in sorted(by_number) if n > len(result.rows)]
    return ids, extras


def _installments_drop(extras: list[int]) -> None:
    if not extras:
        return
    for extra in Installment.objects.filter(pk__in=extras):
        try:
            with transaction.atomic():
                extra.delete()
        except ProtectedError:
            # Something (a reminder sent for it) still points at the row: keep it, owing nothing.
            for name in ROW_FIELDS[1:-2]:
                setattr(extra, name, ZERO)
            extra.paid_on = None
            extra.balance_after = ZERO
            # Not save(update_fields=...): inside payment posting's pipeline the ORM cannot
            # read the row count it checks, and refuses the save.
            rawsql.values_update(Installment, ROW_FIELDS, [(extra.pk, _row_values(extra))])


def _payments_adjust(loan, result, new_payment, stored, acting_user, today) -> None:
    """Earlier payments whose totals the replay moved: new totals and an adjustment entry."""
    changed = []
    for payment_id, allocation in result.allocations.items():
        if new_payment is not None and payment_id == new_payment.pk:
            continue
        new = allocation.as_dict()
        old = {k: stored[payment_id][k] for k in TOTALS}
        if old == new:
            continue
        ledger.journal_post(
            entry_date=today,
            kind="payment_adjustment",
            loan=loan,
            reference=stored[payment_id]["utr"],
            memo=f"Re-allocation of payment {payment_id} after a change in the loan's history",
            acting_user=acting_user,
            lines=adjustment_lines(old, new),
        )
        changed.append((payment_id, [new[k] for k in TOTALS]))
    rawsql.values_update(Payment, TOTALS, changed)


PAID_OFF = (LoanStatus.CLOSED, LoanStatus.FORECLOSED, LoanStatus.CANCELLED)
LOAN_FIELDS = ("status", "closed_on", "principal_outstanding", "updated_at")
_loan_values = rawsql.getter(LOAN_FIELDS)


def _loan_store(loan: Loan, result: engine.ReplayResult) -> None:
    target = result.status
    if loan.status != target:
        if loan.status in (LoanStatus.CLOSED, LoanStatus.FORECLOSED):
            loan.reopen()
        if target == engine.CLOSED:
            loan.close()
        elif target == engine.FORECLOSED:
            loan.foreclose()
    loan.closed_on = result.closed_on if target != engine.ACTIVE else None
    loan.principal_outstanding = result.principal_outstanding
    loan.updated_at = timezone.now()
    rawsql.values_update(Loan, LOAN_FIELDS, [(loan.pk, _loan_values(loan))])
