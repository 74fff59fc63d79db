"""A mandate's life: registered by the borrower, approved or rejected by the bank (a signed
callback), paused and resumed by officers, cancelled by the borrower or an officer."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import BankAccount, BankAccountStatus
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan, LoanStatus
from mandates.adapters import adapter_get
from mandates.codes import CANCEL_CODES, PAUSE_CODES, REJECT_CODES
from mandates.models import LIVE_STATUSES, Frequency, Mandate, MandateStatus

PAUSE_PERM = "mandates.pause_mandate"
REGISTRABLE = (LoanStatus.PENDING_DISBURSEMENT, LoanStatus.ACTIVE)


def _installment_max(loan: Loan) -> Decimal:
    """The largest installment of the loan: the mandate's ceiling by default (the principal
    before disbursement, when the schedule is not fixed yet)."""
    biggest = max((i.principal_due + i.interest_due for i in loan.installments.all()), default=None)
    return biggest if biggest is not None else loan.principal


def _snapshot(mandate: Mandate) -> dict:
    return {
        "loan": mandate.loan_id,
        "status": mandate.status,
        "reason_code": mandate.reason_code,
        "umrn": mandate.umrn,
    }


def _locked(mandate: Mandate) -> Mandate:
    return Mandate.objects.select_for_update().get(pk=mandate.pk)


def _set_status(mandate: Mandate, status: str, *, code: str = "", reason: str = "") -> dict:
    before = _snapshot(mandate)
    mandate.status = status
    mandate.reason_code = code
    mandate.reason = reason[:200]
    mandate.status_changed_at = timezone.now()
    mandate.save(update_fields=["status", "reason_code", "reason", "status_changed_at", "umrn"])
    return before


@refusals_audited("mandate.register_refused")
@transaction.atomic
def mandate_register(
    *,
    acting_user,
    loan: Loan,
    max_amount: Decimal | None = None,
    start_on: date | None = None,
    end_on: date | None = None,
    frequency: str = Frequency.MONTHLY,
    adapter: str | None = None,
) -> Mandate:
    """The borrower asks their bank for an auto-debit mandate on their verified account.
    The mandate waits (`initiated`) until the bank's signed callback approves or rejects it."""
    if acting_user is None or loan.borrower_id != acting_user.pk:
        raise DomainError("not_found", "No such loan.")
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.status not in REGISTRABLE:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; a mandate is set up "
            "once the Key Fact Statement is accepted and until the loan closes.",
        )
    account = BankAccount.objects.filter(
        profile__user_id=loan.borrower_id, replaced_at__isnull=True
    ).first()
    if account is None or account.status != BankAccountStatus.VERIFIED:
        raise DomainError(
            "account_not_verified",
            "Your bank account must be verified before it can be debited.",
        )
    name = adapter or settings.MANDATE_ADAPTER
    if adapter_get(name) is None:
        raise DomainError("validation_error", f"No mandate adapter named {name!r} is configured.")
    if Mandate.objects.filter(loan=loan, status__in=LIVE_STATUSES).exists():
        raise DomainError(
            "duplicate", f"Loan #{loan.pk} already has a mandate; cancel it to set up another."
        )
    if frequency not in Frequency.values:
        raise DomainError(
            "validation_error", "Unknown frequency.", errors={"frequency": ["unknown"]}
        )
    ceiling = _installment_max(loan)
    max_amount = ceiling if max_amount is None else Decimal(max_amount)
    if max_amount < ceiling:
        raise DomainError(
            "validation_error",
            f"The mandate must allow at least one installment (₹{ceiling:,.2f}).",
            errors={"max_amount": ["below the installment"]},
        )
    start_on = start_on or today_ist()
    last_due = loan.installments.order_by("-due_date").values_list("due_date", flat=True).first()
    # Before disbursement there is no schedule yet: the tenure plus a month's slack.
    end_on = end_on or last_due or start_on + timedelta(days=31 * (loan.tenure + 1))
    if end_on < start_on:
        raise DomainError(
            "validation_error",
            "The mandate must end after it starts.",
            errors={"end_on": ["before start"]},
        )
    mandate = Mandate.objects.create(
        loan=loan,
        bank_account=account,
        adapter=name,
        reference=f"pending-{loan.pk}-{timezone.now().timestamp()}",
        max_amount=max_amount,
        frequency=frequency,
        start_on=start_on,
        end_on=end_on,
        created_by=acting_user,
    )
    mandate.reference = f"MDT{mandate.pk:012d}"
    mandate.save(update_fields=["reference"])
    audit_record(
        action="mandate.registered",
        actor=acting_user,
        target=mandate,
        after={
            **_snapshot(mandate),
            "max_amount": max_amount,
            "adapter": name,
            "start_on": start_on,
            "end_on": end_on,
            "account_last4": account.last4,
        },
    )
    return mandate


@transaction.atomic
def mandate_bank_answer(*, mandate: Mandate, approved: bool, umrn: str = "", code: str = "") -> str:
    """The bank's answer to a registration (a verified callback). Returns "applied" or
    "duplicate" (the mandate had its answer already: a retried callback changes nothing)."""
    mandate = _locked(mandate)
    if mandate.status != MandateStatus.INITIATED:
        return "duplicate"
    if approved:
        mandate.umrn = umrn
        before = _set_status(mandate, MandateStatus.ACTIVE)
        action = "mandate.activated"
    else:
        if code not in REJECT_CODES:
            raise DomainError(
                "validation_error",
                f"Unknown rejection code {code!r}.",
                errors={"reason_code": [f"one of {', '.join(REJECT_CODES)}"]},
            )
        before = _set_status(mandate, MandateStatus.REJECTED, code=code, reason=REJECT_CODES[code])
        action = "mandate.rejected"
    audit_record(action=action, actor=None, target=mandate, before=before, after=_snapshot(mandate))
    return "applied"


def _officer_check(acting_user, what: str) -> None:
    if acting_user is None or not acting_user.has_perm(PAUSE_PERM):
        raise DomainError("permission_denied", f"Only officers can {what} a mandate.")


@refusals_audited("mandate.pause_refused")
@transaction.atomic
def mandate_pause(*, acting_user, mandate: Mandate, code: str, note: str = "") -> Mandate:
    """Stop presenting against an active mandate for now (a moratorium, a dispute)."""
    _officer_check(acting_user, "pause")
    if code not in PAUSE_CODES:
        raise DomainError(
            "validation_error", "Say why.", errors={"code": [f"one of {', '.join(PAUSE_CODES)}"]}
        )
    mandate = _locked(mandate)
    if mandate.status != MandateStatus.ACTIVE:
        raise DomainError(
            "invalid_state", f"Only an active mandate can be paused; this one is {mandate.status}."
        )
    before = _set_status(mandate, MandateStatus.PAUSED, code=code, reason=note or PAUSE_CODES[code])
    audit_record(
        action="mandate.paused",
        actor=acting_user,
        target=mandate,
        before=before,
        after=_snapshot(mandate),
    )
    return mandate


@refusals_audited("mandate.resume_refused")
@transaction.atomic
def mandate_resume(*, acting_user, mandate: Mandate) -> Mandate:
    _officer_check(acting_user, "resume")
    mandate = _locked(mandate)
    if mandate.status != MandateStatus.PAUSED:
        raise DomainError(
            "invalid_state", f"Only a paused mandate can be resumed; this one is {mandate.status}."
        )
    before = _set_status(mandate, MandateStatus.ACTIVE)
    audit_record(
        action="mandate.resumed",
        actor=acting_user,
        target=mandate,
        before=before,
        after=_snapshot(mandate),
    )
    return mandate


@refusals_audited("mandate.cancel_refused")
@transaction.atomic
def mandate_cancel(*, acting_user, mandate: Mandate, code: str = "borrower_request") -> Mandate:
    """The borrower (their own mandate) or an officer stops it for good. The system cancels
    too (acting_user None) when the bank reports the account gone."""
    if acting_user is not None and acting_user.pk != mandate.loan.borrower_id:
        _officer_check(acting_user, "cancel")
    if code not in CANCEL_CODES:
        raise DomainError(
            "validation_error", "Say why.", errors={"code": [f"one of {', '.join(CANCEL_CODES)}"]}
        )
    mandate = _locked(mandate)
    if mandate.status not in LIVE_STATUSES:
        raise DomainError("invalid_state", f"This mandate is already {mandate.status}.")
    before = _set_status(mandate, MandateStatus.CANCELLED, code=code, reason=CANCEL_CODES[code])
    audit_record(
        action="mandate.cancelled",
        actor=acting_user,
        target=mandate,
        before=before,
        after=_snapshot(mandate),
    )
    return mandate
