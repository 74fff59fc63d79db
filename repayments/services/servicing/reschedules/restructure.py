"""Restructure (docs/servicing.md, "Restructuring"): proposed with the new rate and tenure,
approved by another manager (which fixes the KFS addendum: new APR and schedule), then
accepted by the borrower before it applies. Unpaid principal and interest already due are
capitalised or kept as a separate due as the product says; penal charges never move."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import (
    Loan,
    LoanStatus,
    Proposal,
    ProposalKind,
    Reschedule,
    RescheduleKind,
    RescheduleStatus,
)
from repayments.selectors import row_to_json
from repayments.services.base import loan_lock
from repayments.services.servicing.proposals import executor, proposal_create, propose_allowed
from repayments.services.servicing.reschedules.apply import reschedule_apply
from repayments.services.servicing.reschedules.common import history_marks
from repayments.services.servicing.reschedules.terms import (
    _check_terms,
    preview_kwargs,
    restructure_preview,
)


@refusals_audited("proposal.submit_refused")
@transaction.atomic
def loan_restructure_propose(
    *,
    acting_user,
    loan: Loan,
    annual_rate: Decimal,
    reason: str,
    tenure: int | None = None,
    installment: Decimal | None = None,
    business_date: date | None = None,
) -> Proposal:
    """Propose a new rate and either a tenure or an installment amount from today for the
    loan's principal outstanding (with its arrears as the product says). Another manager
    approves; the borrower accepts. An installment that cannot repay the outstanding
    within the longest tenure is refused now (`installment_too_small`)."""
    propose_allowed(acting_user)
    terms = _check_terms(annual_rate, tenure, installment)
    today = business_date or today_ist()
    proposal = proposal_create(
        acting_user=acting_user,
        loan=loan,
        kind=ProposalKind.RESTRUCTURE,
        terms=terms,
        reason=reason,
        today=today,
        what="restructured",
    )
    if "installment" in terms:  # refused (and rolled back) if it cannot amortise today
        restructure_preview(loan, on=today, **preview_kwargs(terms))
    return proposal


@executor(ProposalKind.RESTRUCTURE)
def _restructure_execute(*, acting_user, proposal: Proposal, loan: Loan, today: date) -> dict:
    """Approval fixes the addendum (rows, APR) for the borrower to accept; nothing moves."""
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active", f"Loan #{loan.pk} is {loan.get_status_display().lower()}."
        )
    if loan.settlements.filter(status="in_force").exists():
        raise DomainError("invalid_state", f"Loan #{loan.pk} has a settlement in force.")
    preview = restructure_preview(loan, on=today, **preview_kwargs(proposal.terms))
    rate, tenure = Decimal(proposal.terms["annual_rate"]), preview["tenure"]
    payments_after, charges_after = history_marks(loan)
    reschedule = Reschedule.objects.create(
        loan=loan,
        kind=RescheduleKind.RESTRUCTURE,
        status=RescheduleStatus.AWAITING_BORROWER,
        proposal=proposal,
        effective_on=today,
        anchor=today,
        annual_rate=rate,
        tenure=tenure,
        principal_total=preview["principal_total"],
        capitalised=preview["capitalised"],
        apr=preview["apr"],
        before_rows=[row_to_json(r) for r in preview["before"]],
        base_rows=[row_to_json(r) for r in preview["after"]],
        payments_after_id=payments_after,
        charges_after_id=charges_after,
    )
    return {"reschedule": reschedule.pk, "apr": preview["apr"], "awaiting": "borrower"}


@refusals_audited("restructure.accept_refused")
@transaction.atomic
def restructure_accept(
    *, acting_user, reschedule: Reschedule, business_date: date | None = None
) -> Reschedule:
    """The borrower accepts the KFS addendum: the new schedule applies from its date. If
    the loan moved since the approval (a payment, a charge, a settlement, a write-off) or
    the day passed, the addendum has lapsed."""
    loan = loan_lock(reschedule.loan)
    reschedule = Reschedule.objects.select_for_update().get(pk=reschedule.pk)
    if acting_user.pk != loan.borrower_id:
        raise DomainError("permission_denied", "Only the borrower can accept the addendum.")
    if reschedule.status != RescheduleStatus.AWAITING_BORROWER:
        raise DomainError(
            "invalid_state", f"This addendum is {reschedule.get_status_display().lower()}."
        )
    today = business_date or today_ist()
    if (
        loan.status != LoanStatus.ACTIVE
        or loan.under_settlement
        or history_marks(loan) != (reschedule.payments_after_id, reschedule.charges_after_id)
        or today != reschedule.effective_on
    ):
        Reschedule.objects.filter(pk=reschedule.pk).update(status=RescheduleStatus.LAPSED)
        audit_record(
            action="restructure.lapsed",
            actor=acting_user,
            target=reschedule,
            after={"loan": loan.pk, "reason": "the loan changed or the day passed"},
        )
        reschedule.status = RescheduleStatus.LAPSED
        return reschedule
    reschedule.accepted_at = timezone.now()
    reschedule_apply(loan=loan, reschedule=reschedule, acting_user=acting_user, today=today)
    return reschedule
