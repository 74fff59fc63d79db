"""Application lifecycle up to the credit decision (DESIGN §4): create, submit (eligibility
scoring), recommend, reject (maker-checker), withdraw."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.duties import borrower_capacity_check
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on
from loans.models import ApplicationStatus, LoanApplication, LoanProduct
from loans.services.applications.rescore import application_rescore
from loans.services.applications.rules import (
    CHANGE_PERM,
    CREATE_FOR_OTHERS_PERM,
    application_score_now,
    application_terms_validate,
    check_checker,
    locked,
    refuse_outsider,
    require_state,
    snapshot,
)


@refusals_audited("application.create_refused")
@transaction.atomic
def application_create(
    *,
    acting_user,
    borrower,
    product: LoanProduct,
    amount: Decimal,
    tenure: int,
    purpose: str,
    monthly_income: Decimal,
    existing_emis: Decimal = Decimal("0.00"),
) -> LoanApplication:
    if acting_user.pk != borrower.pk and not acting_user.has_perm(CREATE_FOR_OTHERS_PERM):
        raise DomainError("permission_denied", "Only a loan officer can apply for someone else.")
    borrower_capacity_check(user=borrower, acting_user=acting_user)
    if acting_user.pk == borrower.pk and not borrower.email_verified:
        raise DomainError("email_not_verified", "Verify your email address before you apply.")
    if not product.is_active:
        raise DomainError(
            "validation_error",
            "This product is not open for applications.",
            errors={"product": ["not available"]},
        )
    if monthly_income < 0 or existing_emis < 0:
        raise DomainError(
            "validation_error",
            "Income and existing EMIs cannot be negative.",
            errors={"monthly_income": ["must not be negative"]},
        )
    application_terms_validate(product, amount, tenure)
    app = LoanApplication.objects.create(
        borrower=borrower,
        product=product,
        amount=amount,
        tenure=tenure,
        purpose=purpose,
        monthly_income=monthly_income,
        existing_emis=existing_emis,
        created_by=acting_user,
    )
    audit_record(action="application.created", actor=acting_user, target=app, after=snapshot(app))
    return app


@refusals_audited("application.submit_refused")
@transaction.atomic
def application_submit(
    *, acting_user, application: LoanApplication, business_date: date | None = None
) -> LoanApplication:
    app = locked(application)
    if acting_user.pk not in (app.borrower_id, app.created_by_id) and not acting_user.has_perm(
        CHANGE_PERM
    ):
        refuse_outsider(acting_user, app, "submit")
    require_state(app, app.submit, "submitted")
    before = snapshot(app)
    day = business_date or today_ist()
    app.submitted_at = timezone.now()
    if switch_is_on("SCORING_ENABLED"):
        result = application_score_now(application=app, business_date=day)
        app.score, app.grade = result.score, result.grade
        app.reasons = [r.as_dict() for r in result.reasons]
        app.submit()
    else:
        app.score, app.grade = None, ""
        app.reasons = [
            {
                "code": "SCORING_DISABLED",
                "text": "Automatic scoring is switched off; a credit manager will review your application.",
                "points": 0,
                "hard_stop": False,
            }
        ]
        app.send_to_review()
    app.save()
    audit_record(
        action="application.submitted",
        actor=acting_user,
        target=app,
        before=before,
        after={**snapshot(app), "score": app.score, "reasons": [r["code"] for r in app.reasons]},
    )
    return app


@refusals_audited("application.recommend_refused")
@transaction.atomic
def application_recommend(
    *,
    acting_user,
    application: LoanApplication,
    note: str = "",
    business_date: date | None = None,
) -> LoanApplication:
    """A loan officer recommends a submitted application for a credit decision (scored
    again first, so the recommendation stands on today's facts); they become a maker and
    so may not approve it."""
    if not acting_user.has_perm(CHANGE_PERM):
        raise DomainError("permission_denied", "Only a loan officer can recommend applications.")
    app = locked(application)
    # Narrower than send_to_review's sources (which also takes a draft, for the scoring at
    # submission): an officer recommends only a submitted application.
    require_state(app, {ApplicationStatus.SUBMITTED}, "recommended")
    before = snapshot(app)
    application_rescore(
        app=app,
        actor=acting_user,
        trigger="recommendation",
        business_date=business_date or today_ist(),
    )
    app.recommended_by = acting_user
    app.send_to_review()
    app.save()
    audit_record(
        action="application.recommended",
        actor=acting_user,
        target=app,
        before=before,
        after={**snapshot(app), "score": app.score, "note": note},
    )
    return app


@refusals_audited("application.reject_refused")
@transaction.atomic
def application_reject(
    *, acting_user, application: LoanApplication, reason: str
) -> LoanApplication:
    if not reason or not reason.strip():
        raise DomainError(
            "validation_error", "Give the reason for rejecting.", errors={"reason": ["required"]}
        )
    app = locked(application)
    check_checker(acting_user, app, "reject")
    require_state(app, app.reject, "rejected")
    before = snapshot(app)
    app.decided_by, app.decided_at, app.decision_reason = (
        acting_user,
        timezone.now(),
        reason.strip()[:500],
    )
    app.reject()
    app.save()
    audit_record(
        action="application.rejected",
        actor=acting_user,
        target=app,
        before=before,
        after={**snapshot(app), "reason": app.decision_reason},
    )
    return app


@refusals_audited("application.withdraw_refused")
@transaction.atomic
def application_withdraw(
    *, acting_user, application: LoanApplication, reason: str = ""
) -> LoanApplication:
    app = locked(application)
    if acting_user.pk != app.borrower_id and not acting_user.has_perm(CHANGE_PERM):
        refuse_outsider(acting_user, app, "withdraw")
    require_state(
        app,
        app.withdraw,
        "withdrawn",
    )
    before = snapshot(app)
    app.withdraw()
    app.save()
    audit_record(
        action="application.withdrawn",
        actor=acting_user,
        target=app,
        before=before,
        after={**snapshot(app), "reason": reason},
    )
    return app
