"""The reconciliation queue: credits no rule could match (docs/reconciliation.md). Finance
assigns one to a loan; another finance officer approves it (maker-checker; pages and API
ask for a fresh re-authentication), and only then is it posted through payment_post.
Or finance marks it for refund to the sender."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan
from reconciliation.models import LineStatus, MatchKind, StatementLine
from reconciliation.services.statements import channel_of
from repayments.models import PaymentSource
from repayments.services.payments import payment_post

ASSIGN_PERM = "reconciliation.assign_statementline"
APPROVE_PERM = "reconciliation.approve_statementline"


def _locked(line: StatementLine) -> StatementLine:
    return StatementLine.objects.select_for_update().get(pk=line.pk)


def _state(line: StatementLine, allowed: tuple[str, ...], verb: str) -> None:
    if line.status not in allowed:
        raise DomainError(
            "invalid_state",
            f"Line {line.line_no} of statement {line.statement_id} is "
            f"{line.get_status_display().lower()}; it cannot be {verb}.",
        )


@refusals_audited("statement_line.assign_refused")
@transaction.atomic
def statement_line_assign(
    *, acting_user, line: StatementLine, loan: Loan, note: str = ""
) -> StatementLine:
    """Propose that a queued credit belongs to `loan`. Nothing is posted until someone
    else approves."""
    if not acting_user.has_perm(ASSIGN_PERM):
        raise DomainError("permission_denied", "Only finance can assign a credit to a loan.")
    line = _locked(line)
    _state(line, (LineStatus.QUEUED,), "assigned")
    before = {"status": line.status, "loan": line.loan_id}
    line.status, line.loan, line.assigned_by = LineStatus.PROPOSED, loan, acting_user
    line.assign_note = (note or "").strip()[:300]
    line.save(update_fields=["status", "loan", "assigned_by", "assign_note"])
    audit_record(
        action="statement_line.assigned",
        actor=acting_user,
        target=line,
        before=before,
        after={
            "status": line.status,
            "loan": loan.pk,
            "amount": line.credit,
            "utr": line.utr,
            "note": line.assign_note,
        },
    )
    return line


@refusals_audited("statement_line.approve_refused")
@transaction.atomic
def statement_line_approve(
    *, acting_user, line: StatementLine, business_date: date | None = None
) -> StatementLine:
    """Approve an assignment (finance, not the person who made it: `maker_checker`) and
    post the credit to the loan through payment_post. payment_post's refusals (loan not
    active, UTR already used, too far back) refuse the approval and change nothing."""
    if not acting_user.has_perm(APPROVE_PERM):
        raise DomainError("permission_denied", "Only finance can approve an assigned credit.")
    line = _locked(line)
    if line.assigned_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You assigned line {line.line_no} of statement {line.statement_id}; someone else in finance must approve it.",
        )
    _state(line, (LineStatus.PROPOSED,), "approved")
    payment = payment_post(
        acting_user=acting_user,
        loan=Loan.objects.get(pk=line.loan_id),
        amount=line.credit,
        paid_on=line.value_date or line.txn_date,
        channel=channel_of(line.narration),
        utr=line.utr,
        source=PaymentSource.ADMIN,
        business_date=business_date or today_ist(),
    )
    line.status, line.payment, line.match_kind = LineStatus.POSTED, payment, MatchKind.MANUAL
    line.decided_by, line.decided_at = acting_user, timezone.now()
    line.save(update_fields=["status", "payment", "match_kind", "decided_by", "decided_at"])
    audit_record(
        action="statement_line.approved",
        actor=acting_user,
        target=line,
        before={"status": LineStatus.PROPOSED},
        after={
            "status": line.status,
            "loan": line.loan_id,
            "payment": payment.pk,
            "assigned_by": line.assigned_by_id,
        },
    )
    return line


@refusals_audited("statement_line.refund_refused")
@transaction.atomic
def statement_line_refund_mark(*, acting_user, line: StatementLine, reason: str) -> StatementLine:
    """Mark a queued (or assigned, not yet approved) credit to be sent back to its sender.
    No money moves here: the refund is a bank transfer made outside, and the line leaves
    the queue."""
    if not acting_user.has_perm(ASSIGN_PERM):
        raise DomainError("permission_denied", "Only finance can mark a credit for refund.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "validation_error", "Give the reason for the refund.", errors={"reason": ["required"]}
        )
    line = _locked(line)
    _state(line, (LineStatus.QUEUED, LineStatus.PROPOSED), "marked for refund")
    before = {"status": line.status, "loan": line.loan_id}
    line.status, line.reason, line.decided_by, line.decided_at = (
        LineStatus.REFUND,
        reason[:300],
        acting_user,
        timezone.now(),
    )
    line.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(
        action="statement_line.refund_marked",
        actor=acting_user,
        target=line,
        before=before,
        after={
            "status": line.status,
            "amount": line.credit,
            "utr": line.utr,
            "reason": line.reason,
        },
    )
    return line
