"""Charge waivers (docs/payments.md, "Waivers"): finance proposes to waive a penal charge or
fee, in full or in part, with a reason; another finance officer approves or rejects it
(maker-checker). Approval books the waiver (Dr Charges Suspense / Cr Charges Receivable)
and replays the loan's history with the charge's lower amount in force, so the
installments, allocations and payments follow; money already paid against the waived part
moves to the loan's other dues or to the borrower's credit (payment_adjustment entries).
The loan's delinquency is refreshed by collection through the `charge.waived` event.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django_fsm import can_proceed

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import LoanStatus
from repayments.models import Charge, ChargeStatus, ChargeWaiver, WaiverStatus
from repayments.services.base import loan_lock, money_parse
from repayments.services.replay import loan_replay, loan_replay_store
from repayments.services.servicing.reschedules import history_closed_check

PROPOSE_PERM = "repayments.waive_charge"
DECIDE_PERM = "repayments.approve_chargewaiver"
# A waiver changes what was owed: the loan's history must still be open to replay.
WAIVABLE_LOANS = (LoanStatus.ACTIVE, LoanStatus.CLOSED, LoanStatus.FORECLOSED)


def _reason(text: str, field: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(
            "validation_error", f"Give the reason for the {what}.", errors={field: ["required"]}
        )
    return text


def _charge_in_force(charge: Charge) -> None:
    if charge.amount_in_force <= 0:
        state = charge.get_status_display().lower()
        raise DomainError(
            "invalid_state", f"Charge {charge.pk} is {state}: nothing of it is left to waive."
        )


@refusals_audited("charge.waive_refused")
@transaction.atomic
def charge_waiver_propose(
    *,
    acting_user,
    charge: Charge,
    reason: str,
    amount: Decimal | None = None,
    business_date: date | None = None,
) -> ChargeWaiver:
    """Propose waiving `amount` of a charge (default: all of it still in force). Nothing
    moves until another finance officer approves it."""
    if not acting_user.has_perm(PROPOSE_PERM):
        raise DomainError("permission_denied", "Only finance can propose waiving a charge.")
    reason = _reason(reason, "reason", "waiver")
    loan = loan_lock(charge.loan)
    charge = Charge.objects.select_for_update().get(pk=charge.pk)
    if loan.status not in WAIVABLE_LOANS:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; its charges can no longer be waived.",
        )
    _charge_in_force(charge)
    history_closed_check(loan, charge=charge)
    left = charge.amount_in_force
    amount = left if amount is None else money_parse(amount, "amount")
    if not Decimal("0") < amount <= left:
        raise DomainError(
            "validation_error",
            f"Charge {charge.pk} has ₹{left:,.2f} in force; a waiver must be more than zero "
            "and not more than that.",
            errors={
                "amount": [
                    "more than the charge in force" if amount > 0 else "must be more than zero"
                ]
            },
        )
    if charge.waivers.filter(status=WaiverStatus.PROPOSED).exists():
        raise DomainError(
            "invalid_state",
            f"A waiver of charge {charge.pk} is already awaiting approval; it must be decided first.",
        )
    waiver = ChargeWaiver.objects.create(
        charge=charge,
        amount=amount,
        reason=reason[:300],
        proposed_by=acting_user,
        proposed_on=business_date or today_ist(),
    )
    audit_record(
        action="charge.waiver_proposed",
        actor=acting_user,
        target=waiver,
        after={
            "charge": charge.pk,
            "loan": loan.pk,
            "amount": amount,
            "amount_in_force": left,
            "reason": reason,
        },
    )
    return waiver


def _decidable(acting_user, waiver: ChargeWaiver, verb: str) -> ChargeWaiver:
    """The checks both decisions share, in this order: permission, maker-checker, state."""
    if not acting_user.has_perm(DECIDE_PERM):
        raise DomainError("permission_denied", f"Only finance can {verb} a charge waiver.")
    loan_lock(waiver.charge.loan)
    waiver = ChargeWaiver.objects.select_for_update().select_related("charge").get(pk=waiver.pk)
    if waiver.proposed_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You proposed waiver {waiver.pk}; someone else in finance must {verb} it.",
        )
    if not can_proceed(waiver.approve):  # approve and reject share their source
        raise DomainError(
            "invalid_state",
            f"Waiver {waiver.pk} is already {waiver.get_status_display().lower()}.",
        )
    return waiver


@refusals_audited("charge.waiver_approve_refused")
@transaction.atomic
def charge_waiver_approve(
    *, acting_user, waiver: ChargeWaiver, note: str = "", business_date: date | None = None
) -> ChargeWaiver:
    """Approve a proposed waiver (finance, not the proposer): the ledger entry, the charge's
    amount in force lowered (waived when nothing is left), the loan's history replayed."""
    waiver = _decidable(acting_user, waiver, "approve")
    charge = Charge.objects.select_for_update().get(pk=waiver.charge_id)
    loan = charge.loan
    if loan.status not in WAIVABLE_LOANS:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; its charges can no longer be waived.",
        )
    _charge_in_force(charge)
    before = {"status": charge.status, "amount_in_force": charge.amount_in_force}
    if waiver.amount > charge.amount_in_force:
        raise DomainError(
            "invalid_state",
            f"Charge {charge.pk} has only ₹{charge.amount_in_force:,.2f} in force now; "
            f"waiver {waiver.pk} of ₹{waiver.amount:,.2f} cannot be approved.",
        )
    today = business_date or today_ist()
    entry = ledger.journal_post(
        entry_date=today,
        kind="charge_waiver",
        loan=loan,
        reference=f"waiver:{waiver.pk}",
        memo=f"Waiver {waiver.pk} of {charge.get_kind_display().lower()} {charge.pk}: {waiver.reason}",
        acting_user=acting_user,
        lines=[
            ledger.Dr(ledger.CHARGES_SUSPENSE, waiver.amount),
            ledger.Cr(ledger.CHARGES_RECEIVABLE, waiver.amount),
        ],
    )
    waived = charge.waived_amount + waiver.amount
    status = ChargeStatus.WAIVED if waived == charge.amount else ChargeStatus.IN_FORCE
    Charge.objects.filter(pk=charge.pk).update(waived_amount=waived, status=status)
    charge.waived_amount, charge.status = waived, status
    waiver.approve()
    waiver.decided_by, waiver.decided_on = acting_user, today
    waiver.decision_note, waiver.journal_entry = (note or "").strip()[:300], entry
    waiver.save(
        update_fields=["status", "decided_by", "decided_on", "decision_note", "journal_entry"]
    )
    loan_replay_store(
        loan_replay(loan=loan), new_payment=None, acting_user=acting_user, today=today
    )
    audit_record(
        action="charge.waived",
        actor=acting_user,
        target=charge,
        before=before,
        after={
            "waiver": waiver.pk,
            "amount": waiver.amount,
            "status": charge.status,
            "amount_in_force": charge.amount_in_force,
            "loan": loan.pk,
            "proposed_by": waiver.proposed_by_id,
            "decided_on": today,
            "reason": waiver.reason,
            "note": waiver.decision_note,
        },
    )
    return waiver


@refusals_audited("charge.waiver_reject_refused")
@transaction.atomic
def charge_waiver_reject(
    *, acting_user, waiver: ChargeWaiver, note: str, business_date: date | None = None
) -> ChargeWaiver:
    """Reject a proposed waiver (finance, not the proposer), with the reason. Nothing
    moves: the charge stays as it is."""
    note = _reason(note, "note", "rejection")
    waiver = _decidable(acting_user, waiver, "reject")
    waiver.reject()
    waiver.decided_by, waiver.decided_on = acting_user, business_date or today_ist()
    waiver.decision_note = note[:300]
    waiver.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    audit_record(
        action="charge.waiver_rejected",
        actor=acting_user,
        target=waiver,
        after={
            "charge": waiver.charge_id,
            "amount": waiver.amount,
            "proposed_by": waiver.proposed_by_id,
            "note": note,
        },
    )
    return waiver
