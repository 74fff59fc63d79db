"""The statement's rows for distress servicing (docs/servicing.md): reschedules
(restructure, payment holiday), a write-off, a settlement agreed, broken or paid. Apart
from repayments.statements to keep it under the size the codebase holds modules to."""

from datetime import date
from decimal import Decimal

from lendingsite.money import format_inr
from loans.models import (
    Loan,
    LoanStatus,
    Reschedule,
    RescheduleStatus,
    Settlement,
    SettlementStatus,
    WriteOff,
)
from repayments.statements import ZERO, StatementRow


def servicing_rows(loan: Loan, end: date) -> list[StatementRow]:
    """Distress servicing (docs/servicing.md): a reschedule (the interest it capitalised is
    owed as principal from then), a write-off (nothing changes for the borrower but the
    interest not yet due, which is no longer claimed: its rows are gone), a settlement
    paid (the rest waived)."""
    rows = []
    if loan.reschedule_count:
        for r in Reschedule.objects.filter(
            loan=loan, status=RescheduleStatus.APPLIED, applied_on__lte=end
        ).select_related("moratorium"):
            capitalised = (
                sum(
                    (
                        Decimal(row["interest_due"]) - Decimal(row["interest_paid"])
                        for row in r.before_rows
                        if date.fromisoformat(row["due_date"]) <= r.effective_on
                    ),
                    ZERO,
                )
                if r.capitalised
                else ZERO
            )
            if r.kind == "restructure":
                what = (
                    f"Loan restructured: {r.annual_rate.normalize()}% a year over {r.tenure} "
                    "new installments"
                )
            else:
                moved = r.moratorium.installments if r.moratorium else None
                what = (
                    f"Payment holiday: {moved} installment{'s' if moved != 1 else ''} deferred, "
                    "later installments moved"
                    if moved
                    else "Payment holiday: installments moved later"
                )
                what += (
                    f"; holiday interest {format_inr(r.holiday_interest, symbol=False)} spread "
                    "over them"
                    if r.holiday_interest
                    else "; holiday interest waived"
                )
            if capitalised:
                what += "; interest overdue added to the principal"
            rows.append(
                StatementRow(
                    on=r.applied_on,
                    kind="reschedule",
                    description=what,
                    amount=capitalised,
                    order=r.pk,
                )
            )
    if loan.status == LoanStatus.WRITTEN_OFF:
        w = WriteOff.objects.filter(loan=loan, written_off_on__lte=end).first()
        if w is not None:
            rows.append(
                StatementRow(
                    on=w.written_off_on,
                    kind="write_off",
                    description="Written off in the lender's books"
                    + (": you still owe the balance" if w.kind == "technical" else ""),
                    amount=ZERO,
                    order=w.pk,
                )
            )
    # Agreed (in force, paid or broken): a settlement is only ever made on an active loan.
    settlements = Settlement.objects.filter(loan=loan, approved_on__lte=end)
    if loan.status not in (LoanStatus.ACTIVE, LoanStatus.SETTLED, LoanStatus.WRITTEN_OFF):
        settlements = settlements.none()
    for st in settlements.order_by("id"):
        rows.append(
            StatementRow(
                on=st.approved_on,
                kind="settlement",
                description=f"Settlement agreed: {format_inr(st.amount, symbol=False)} "
                f"instead of the {format_inr(st.dues_at_approval, symbol=False)} due",
                amount=ZERO,
                order=st.pk,
            )
        )
        if st.status == SettlementStatus.BROKEN and st.ended_on <= end:
            rows.append(
                StatementRow(
                    on=st.ended_on,
                    kind="settlement",
                    description="Settlement ended: a payment was missed; the full dues apply "
                    "again, less what was paid",
                    amount=ZERO,
                    order=st.pk,
                )
            )
    if loan.status == LoanStatus.SETTLED:
        st = Settlement.objects.filter(
            loan=loan, status=SettlementStatus.PAID, ended_on__lte=end
        ).first()
        if st is not None:
            rows.append(
                StatementRow(
                    on=st.ended_on,
                    kind="settlement",
                    description=f"Settled for {format_inr(st.amount, symbol=False)}: the rest "
                    "waived",
                    amount=-(st.waived_principal + st.waived_charges),
                    order=st.pk,
                )
            )
    return rows
