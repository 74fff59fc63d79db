"""The credit decision on today's facts (DESIGN §4; docs/decisions.md).

At the decision the application is scored again (`application.rescored`, trigger
"decision") and the offer is priced from that grade. A hard stop on that score blocks
approval (`eligibility_hard_stop`, 409) unless a credit manager — not a maker — recorded an
override of exactly those hard stops with a written reason; approval is then for another
credit manager. Some hard stops can never be overridden (scoring.NOT_OVERRIDABLE). The
borrower's current bank account must be verified (`account_not_verified`, 409).

`application_decision_view` is what the console's confirmation pages show; approve applies
the same rules through the same functions, so the page shows what the action will do.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import BankAccount, BankAccountStatus
from accounts.screening.services import screening_approval_gate, screening_hits_kept
from accounts.selectors import bank_account_current
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import add_working_days, today_ist
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on
from loans import scoring
from loans.kfs import kfs_build, kfs_hash
from loans.models import LoanApplication
from loans.quotes import quote_for_product
from loans.services.applications.rescore import application_rescore
from loans.services.applications.rules import (
    application_score_now,
    application_terms_validate,
    check_checker,
    eligibility_score,
    locked,
    require_state,
    snapshot,
)

MIN_OVERRIDE_REASON = 20


@dataclass
class DecisionView:
    """The score on today's facts and what approving now would do."""

    result: scoring.ScoreResult
    hard_stops: list[scoring.Reason]
    uncovered: list[str]  # hard stops the recorded override does not cover
    not_overridable: list[str]
    account: BankAccount | None
    amount: Decimal | None = None
    rate: Decimal | None = None
    apr: Decimal | None = None
    offer_problem: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def account_verified(self) -> bool:
        return self.account is not None and self.account.status == BankAccountStatus.VERIFIED


def _pricing_grade(result: scoring.ScoreResult) -> str:
    # With scoring switched off the grade carries no information: the middle of the range.
    return result.grade if switch_is_on("SCORING_ENABLED") else "C"


def offer_terms(
    app: LoanApplication, grade: str, amount: Decimal | None, annual_rate: Decimal | None
) -> tuple[Decimal, Decimal]:
    """The offer's amount and rate: what the credit manager set, else the grade's."""
    product = app.product
    rate = (
        annual_rate
        if annual_rate is not None
        else scoring.offered_rate(grade=grade, min_rate=product.min_rate, max_rate=product.max_rate)
    )
    if amount is None:
        amount = (
            scoring.offered_amount(grade=grade, requested=app.amount, min_amount=product.min_amount)
            or app.amount
        )
    if not product.min_rate <= rate <= product.max_rate:
        raise DomainError(
            "validation_error",
            f"The rate must be between {product.min_rate}% and {product.max_rate}% for this product.",
            errors={"annual_rate": ["outside the product's range"]},
        )
    application_terms_validate(product, amount, app.tenure)
    return amount, rate


def _uncovered(app: LoanApplication, hard_stops: list[scoring.Reason]) -> list[str]:
    covered = set(app.hard_stop_override_codes or [])
    return [r.code for r in hard_stops if r.code not in covered]


def application_decision_view(
    *,
    application: LoanApplication,
    business_date: date | None = None,
    amount: Decimal | None = None,
    annual_rate: Decimal | None = None,
) -> DecisionView:
    """Read only: today's score, its hard stops, the offer approval would make (amount,
    rate, APR) and the borrower's payout account."""
    day = business_date or today_ist()
    result = application_score_now(application=application, business_date=day)
    hard_stops = result.hard_stops
    view = DecisionView(
        result=result,
        hard_stops=hard_stops,
        uncovered=_uncovered(application, hard_stops),
        not_overridable=[r.code for r in hard_stops if r.code in scoring.NOT_OVERRIDABLE],
        account=bank_account_current(user=application.borrower),
    )
    try:
        view.amount, view.rate = offer_terms(
            application, _pricing_grade(result), amount, annual_rate
        )
    except DomainError as exc:
        view.offer_problem = exc.detail
        return view
    quote = quote_for_product(
        product=application.product,
        principal=view.amount,
        tenure=application.tenure,
        annual_rate=view.rate,
        disbursement_date=day,
    )
    view.apr = quote.apr
    return view


def _hard_stop_refusal(app: LoanApplication, reasons: list[scoring.Reason]) -> DomainError:
    texts = [r.text for r in reasons]
    return DomainError(
        "eligibility_hard_stop",
        f"Application #{app.pk} does not meet the lending rules: " + " ".join(texts),
        errors={"eligibility": texts},
        hard_stops=[r.code for r in reasons],
    )


def account_verified_check(borrower) -> BankAccount:
    """The borrower's current payout account, or `account_not_verified`."""
    account = bank_account_current(user=borrower)
    if account is None:
        raise DomainError(
            "account_not_verified",
            "The borrower has no bank account for the payout yet; they add it under "
            "“Bank account”.",
        )
    if account.status != BankAccountStatus.VERIFIED:
        why = f" ({account.status_reason})" if account.status_reason else ""
        raise DomainError(
            "account_not_verified",
            f"The borrower's bank account {account.masked_number} is "
            f"{account.get_status_display().lower()}{why}.",
        )
    return account


@refusals_audited("application.override_refused")
@transaction.atomic
def application_hard_stops_override(
    *,
    acting_user,
    application: LoanApplication,
    reason: str,
    business_date: date | None = None,
) -> LoanApplication:
    """A credit manager (not a maker) records that the application may be approved past
    its current hard stops, and why. Approval is then for another credit manager."""
    reason = (reason or "").strip()
    if len(reason) < MIN_OVERRIDE_REASON:
        raise DomainError(
            "validation_error",
            f"Write why these hard stops may be set aside (at least {MIN_OVERRIDE_REASON} characters).",
            errors={"reason": ["a written reason is required"]},
        )
    app = locked(application)
    check_checker(acting_user, app, "override hard stops on")
    require_state(app, app.approve, "overridden")  # an override is for an approval
    day = business_date or today_ist()
    result = application_rescore(app=app, actor=acting_user, trigger="override", business_date=day)
    codes = [r.code for r in result.hard_stops]
    if not codes:
        raise DomainError("invalid_state", f"Application #{app.pk} has no hard stop to override.")
    blocked = [r for r in result.hard_stops if r.code in scoring.NOT_OVERRIDABLE]
    if blocked:
        raise DomainError(
            "eligibility_hard_stop",
            "These rules cannot be overridden: " + " ".join(r.text for r in blocked),
            errors={"eligibility": [r.text for r in blocked]},
            hard_stops=[r.code for r in blocked],
        )
    before = {
        "codes": app.hard_stop_override_codes,
        "by": app.hard_stop_override_by_id,
        "reason": app.hard_stop_override_reason,
    }
    app.hard_stop_override_codes = codes
    app.hard_stop_override_reason = reason[:2000]
    app.hard_stop_override_by, app.hard_stop_override_at = acting_user, timezone.now()
    app.save()
    audit_record(
        action="application.hard_stops_overridden",
        actor=acting_user,
        target=app,
        before=before,
        after={"codes": codes, "reason": app.hard_stop_override_reason, "score": app.score},
    )
    return app


@refusals_audited("application.approve_refused")
@screening_hits_kept
@transaction.atomic
def application_approve(
    *,
    acting_user,
    application: LoanApplication,
    amount: Decimal | None = None,
    annual_rate: Decimal | None = None,
    business_date: date | None = None,
) -> LoanApplication:
    app = locked(application)
    check_checker(acting_user, app, "approve")
    if app.hard_stop_override_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You overrode the hard stops of application #{app.pk}; another credit manager must approve it.",
        )
    require_state(app, app.approve, "approved")
    screening_approval_gate(user=app.borrower)
    product, day = app.product, business_date or today_ist()
    before = snapshot(app)
    result = application_rescore(app=app, actor=acting_user, trigger="decision", business_date=day)
    uncovered = _uncovered(app, result.hard_stops)
    if uncovered:
        raise _hard_stop_refusal(app, [r for r in result.hard_stops if r.code in uncovered])
    amount, rate = offer_terms(app, _pricing_grade(result), amount, annual_rate)
    # The final offer's own figures (its installment for FOIR) must hold too.
    offer_check = eligibility_score(
        application=app, amount=amount, annual_rate=rate, business_date=day
    )
    uncovered = _uncovered(app, offer_check.hard_stops)
    if uncovered:
        raise _hard_stop_refusal(app, [r for r in offer_check.hard_stops if r.code in uncovered])
    account = account_verified_check(app.borrower)
    quote = quote_for_product(
        product=product,
        principal=amount,
        tenure=app.tenure,
        annual_rate=rate,
        disbursement_date=day,
    )
    app.offered_amount, app.offered_rate = amount, rate
    app.offer_expires_on = add_working_days(day, product.kfs_validity_working_days)
    app.decided_by, app.decided_at = acting_user, timezone.now()
    app.kfs = kfs_build(
        application=app, quote=quote, valid_until=app.offer_expires_on, generated_on=day
    )
    app.kfs_hash = kfs_hash(app.kfs)
    app.approve()
    app.save()
    audit_record(
        action="application.approved",
        actor=acting_user,
        target=app,
        before=before,
        after={
            **snapshot(app),
            "score": app.score,
            "kfs_hash": app.kfs_hash,
            "apr": app.kfs["apr"],
            "makers": [app.created_by_id, app.recommended_by_id],
            "hard_stops_overridden": app.hard_stop_override_codes,
            "override_by": app.hard_stop_override_by_id,
            "bank_account": account.pk,
        },
    )
    return app
