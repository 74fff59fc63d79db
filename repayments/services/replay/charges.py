"""The charges' side of writing a replay back (repayments.services.replay): which amount of
each charge the replay applies, charges following their installment when rows are
renumbered, and void penal charges reversed (docs/payments.md, "Charges that history
voids"). Call inside the payment services' transaction, with the loan row locked."""

from datetime import date
from decimal import Decimal

from lendingsite.audit import audit_record
from loans import ledger
from loans.models import JournalEntry, Loan
from repayments import engine
from repayments.models import Charge, ChargeStatus

ZERO = Decimal("0.00")
FIELDS = (
    "id",
    "installment_id",
    "kind",
    "amount",
    "charged_on",
    "status",
    "waived_amount",
    "journal_entry_id",
)


def loan_charges(loan: Loan) -> list[dict]:
    """Every charge of the loan, in force or not (a charge no longer in force still follows
    its installment, so that the day-end never levies that installment again)."""
    return list(Charge.objects.filter(loan=loan).values(*FIELDS))


def in_force(charge: dict) -> Decimal:
    if charge["status"] != ChargeStatus.IN_FORCE:
        return ZERO
    return charge["amount"] - charge["waived_amount"]


def charge_events(charges: list[dict], due_by_id: dict[int, date]) -> list[engine.ChargeEvent]:
    """The replay's charge events: only charges in force, each with its amount in force."""
    return [
        engine.ChargeEvent(
            c["id"], due_by_id[c["installment_id"]], c["kind"], in_force(c), c["charged_on"]
        )
        for c in charges
        if in_force(c) > 0
    ]


def materiality_floor(loan: Loan) -> Decimal:
    """The product's floor, for deciding which penal charges the history voids."""
    return Loan.objects.filter(pk=loan.pk).values_list("product__materiality_floor", flat=True)[0]


def charges_repoint(
    charges: list[dict],
    result: engine.ReplayResult,
    ids: dict[int, int],
    stored: dict[int, tuple[int, date]],
) -> None:
    """A charge follows its installment (matched by due date) when rows are renumbered.
    `stored`: installment id -> (number, due date) before the replay. A charge no longer in
    force whose installment the replay removed points at nothing (its row can then go).
    One at a time, rows moving up from the top down and rows moving down from the bottom
    up, so two charges of a kind never meet on one row mid-way."""
    regular = {r.due_date: r.number for r in result.rows if r.kind == engine.REGULAR}
    detach, up, down = [], [], []
    for charge in charges:
        current = charge["installment_id"]
        if current is None:
            continue
        number = result.charge_rows.get(charge["id"]) or regular.get(stored[current][1])
        if number is None:
            detach.append(charge["id"])
        elif ids[number] != current:
            moving_up = number > stored[current][0]
            (up if moving_up else down).append((number, charge["id"]))
    if detach:
        Charge.objects.filter(pk__in=detach).update(installment=None)
    for number, charge_id in [*sorted(up, reverse=True), *sorted(down)]:
        Charge.objects.filter(pk=charge_id).update(installment_id=ids[number])


def charges_void(
    *,
    loan: Loan,
    charges: list[dict],
    void_ids: list[int],
    floor: Decimal,
    due_by_id: dict[int, date],
    acting_user,
    today: date,
) -> None:
    """Reverse the penal charges the replayed history shows void: the charge is marked
    reversed (kept, never deleted) with the date and reason, and its levy entry is reversed
    by a new entry (Dr Charges Suspense / Cr Charges Receivable for the amount in force).
    The replay already left them out, so the installments, allocations and the payments'
    adjustment entries follow from it."""
    by_id = {c["id"]: c for c in charges}
    for charge_id in void_ids:
        charge = by_id[charge_id]
        amount = in_force(charge)
        due = due_by_id[charge["installment_id"]]
        reason = (
            f"Void: the installment due {due:%d %b %Y} was not overdue above ₹{floor:,.2f} at "
            f"the end of {charge['charged_on']:%d %b %Y} once the loan's history was replayed "
            "(a payment dated on time was recorded late)."
        )
        levy = JournalEntry.objects.filter(pk=charge["journal_entry_id"]).first()
        memo = f"Reversal of void charge {charge_id}"
        if levy is not None and charge["waived_amount"] == 0:
            ledger.journal_reverse(entry=levy, entry_date=today, acting_user=acting_user, memo=memo)
        else:  # partly waived already: only the amount still in force is reversed
            ledger.journal_post(
                entry_date=today,
                kind="charge_reversal",
                loan=loan,
                reference=levy.reference if levy else f"charge:{charge['installment_id']}",
                memo=memo,
                acting_user=acting_user,
                reverses=levy,
                lines=[
                    ledger.Dr(ledger.CHARGES_SUSPENSE, amount),
                    ledger.Cr(ledger.CHARGES_RECEIVABLE, amount),
                ],
            )
        Charge.objects.filter(pk=charge_id).update(
            status=ChargeStatus.REVERSED, reversed_on=today, reversal_reason=reason
        )
        audit_record(
            action="charge.reversed",
            actor=acting_user,
            target_type=Charge._meta.label_lower,
            target_id=charge_id,
            before={"status": charge["status"], "amount_in_force": amount},
            after={
                "status": ChargeStatus.REVERSED,
                "loan": loan.pk,
                "kind": charge["kind"],
                "charged_on": charge["charged_on"],
                "due_date": due,
                "reversed_on": today,
                "reason": reason,
            },
        )
