"""The maker-checker shared by every distress action (docs/servicing.md, "Proposals"):
a credit or collections manager proposes a write-off, a settlement or a restructure with a
reason; another approves it (which carries it out, through the executor of its kind) or
rejects it. Nothing moves until the approval; the proposer can never approve their own."""

from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django_fsm import can_proceed

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan, LoanStatus, Proposal
from repayments.services.base import loan_lock

PROPOSE_PERM = "loans.add_proposal"
DECIDE_PERM = "loans.approve_proposal"

# kind -> executor(acting_user=, proposal=, loan=, today=) -> summary dict for the audit.
# Each kind's module registers its own (imported at the end of this package's use).
EXECUTORS: dict[str, Callable[..., dict]] = {}


def executor(kind: str):
    def register(fn):
        EXECUTORS[kind] = fn
        return fn

    return register


def reason_required(text: str, field: str = "reason") -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(
            "validation_error", "Give the reason in a few words.", errors={field: ["required"]}
        )
    return text[:300]


def loan_must_be_active(loan: Loan, what: str) -> None:
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can "
            f"be {what}.",
        )


def propose_allowed(acting_user) -> None:
    if not acting_user.has_perm(PROPOSE_PERM):
        raise DomainError(
            "permission_denied", "Only credit and collections managers can propose this."
        )


def proposal_create(
    *, acting_user, loan: Loan, kind: str, terms: dict, reason: str, today: date, what: str
) -> Proposal:
    """Called by each kind's propose service inside its transaction, after checking its
    terms: the permission, the loan's state and one open proposal of a kind per loan."""
    propose_allowed(acting_user)
    reason = reason_required(reason)
    loan = loan_lock(loan)
    loan_must_be_active(loan, what)
    open_one = Proposal.objects.filter(loan=loan, kind=kind, status="proposed").first()
    if open_one is not None:
        raise DomainError(
            "invalid_state",
            f"Proposal {open_one.pk} ({open_one.get_kind_display().lower()}) for loan "
            f"#{loan.pk} is already awaiting a decision.",
        )
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                loan=loan,
                kind=kind,
                terms=terms,
                reason=reason,
                proposed_by=acting_user,
                proposed_on=today,
            )
    except IntegrityError:  # a concurrent proposal of the same kind won
        raise DomainError(
            "invalid_state", f"Another {kind} proposal for loan #{loan.pk} was just made."
        ) from None
    audit_record(
        action="proposal.submitted",
        actor=acting_user,
        target=proposal,
        after={"loan": loan.pk, "kind": kind, "terms": terms, "reason": reason},
    )
    return proposal


def _decidable(acting_user, proposal: Proposal, verb: str) -> tuple[Proposal, Loan]:
    """Permission, maker-checker, state, in this order (as the waivers decide)."""
    if not acting_user.has_perm(DECIDE_PERM):
        raise DomainError(
            "permission_denied", f"Only credit and collections managers can {verb} proposals."
        )
    loan = loan_lock(proposal.loan)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.proposed_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You proposed {proposal.get_kind_display().lower()} {proposal.pk}; someone else "
            f"must {verb} it.",
        )
    if not can_proceed(proposal.approve):  # approve and reject share their source
        raise DomainError(
            "invalid_state",
            f"Proposal {proposal.pk} is already {proposal.get_status_display().lower()}.",
        )
    return proposal, loan


@refusals_audited("proposal.approve_refused")
@transaction.atomic
def proposal_approve(
    *, acting_user, proposal: Proposal, note: str = "", business_date: date | None = None
) -> Proposal:
    """Approve and carry out a proposal (not by its proposer): its kind's executor posts
    the entries and changes the loan in this same transaction; a refusal writes nothing."""
    proposal, loan = _decidable(acting_user, proposal, "approve")
    today = business_date or today_ist()
    run = EXECUTORS.get(proposal.kind)
    if run is None:
        raise DomainError(
            "invalid_state",
            f"{proposal.get_kind_display()} proposals cannot be carried out yet.",
        )
    summary = run(acting_user=acting_user, proposal=proposal, loan=loan, today=today)
    proposal.approve()
    proposal.decided_by, proposal.decided_on = acting_user, today
    proposal.decision_note = (note or "").strip()[:300]
    proposal.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    audit_record(
        action="proposal.approved",
        actor=acting_user,
        target=proposal,
        after={
            "loan": loan.pk,
            "kind": proposal.kind,
            "proposed_by": proposal.proposed_by_id,
            "note": proposal.decision_note,
            **summary,
        },
    )
    return proposal


@refusals_audited("proposal.reject_refused")
@transaction.atomic
def proposal_reject(
    *, acting_user, proposal: Proposal, note: str, business_date: date | None = None
) -> Proposal:
    """Reject a proposal with the reason (not by its proposer). Nothing moves."""
    note = reason_required(note, "note")
    proposal, loan = _decidable(acting_user, proposal, "reject")
    proposal.reject()
    proposal.decided_by, proposal.decided_on = acting_user, business_date or today_ist()
    proposal.decision_note = note
    proposal.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    audit_record(
        action="proposal.rejected",
        actor=acting_user,
        target=proposal,
        after={
            "loan": loan.pk,
            "kind": proposal.kind,
            "proposed_by": proposal.proposed_by_id,
            "note": note,
        },
    )
    return proposal
