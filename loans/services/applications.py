"""Application lifecycle (DESIGN §4): create, submit (eligibility scoring), recommend,
approve / reject (maker-checker), withdraw, expire, accept (consent → loan account)."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record, refusals_audited
from accounts.models import BorrowerProfile
from lendingsite import context
from lendingsite.dates import add_working_days, today_ist
from lendingsite.errors import DomainError
from loans import scoring
from loans.kfs import kfs_build, kfs_hash
from loans.models import ApplicationStatus, Consent, Loan, LoanApplication, LoanProduct
from loans.quotes import quote_for_product
from loans.selectors import borrower_has_active_npa, borrower_on_time_ratio

DECIDE_PERM = "loans.decide_loanapplication"
CREATE_FOR_OTHERS_PERM = "loans.add_loanapplication"
CHANGE_PERM = "loans.change_loanapplication"
VIEW_PERM = "loans.view_loanapplication"


def _snapshot(app: LoanApplication) -> dict:
    return {
        "status": app.status,
        "amount": app.amount,
        "tenure": app.tenure,
        "offered_amount": app.offered_amount,
        "offered_rate": app.offered_rate,
        "grade": app.grade,
    }


def _lock(application: LoanApplication) -> LoanApplication:
    return LoanApplication.objects.select_for_update().get(pk=application.pk)


def _require_state(app: LoanApplication, allowed: set[str], doing: str) -> None:
    if app.status not in allowed:
        raise DomainError(
            "invalid_state",
            f"Application #{app.pk} is {app.get_status_display().lower()}; it cannot be {doing}.",
        )


def _refuse_outsider(acting_user, app: LoanApplication, doing: str) -> None:
    # Staff who may read the application are told plainly; anyone else learns nothing
    # about it (the same 404 as an id that does not exist).
    if acting_user.has_perm(VIEW_PERM):
        raise DomainError("permission_denied", f"You may not {doing} application #{app.pk}.")
    raise DomainError("not_found", "No such application.")


def _validate_terms(product: LoanProduct, amount: Decimal, tenure: int) -> None:
    errors = {}
    if not product.min_amount <= amount <= product.max_amount:
        errors["amount"] = [
            f"This product lends between ₹{product.min_amount} and ₹{product.max_amount}."
        ]
    if not product.min_tenure <= tenure <= product.max_tenure:
        errors["tenure"] = [
            f"This product's tenure is {product.min_tenure} to {product.max_tenure} installments."
        ]
    if errors:
        raise DomainError(
            "validation_error",
            "The amount or tenure is outside the product's limits.",
            errors=errors,
        )


@refusals_audited("application.create")
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
    _validate_terms(product, amount, tenure)
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
    audit_record(action="application.created", actor=acting_user, target=app, after=_snapshot(app))
    return app


def _age(born: date | None, on: date) -> int | None:
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def eligibility_score(
    *,
    application: LoanApplication,
    amount: Decimal,
    annual_rate: Decimal | None,
    business_date: date,
) -> scoring.ScoreResult:
    """Score an application's terms as of a date (submit scores the request; approve
    re-checks the final offer)."""
    product = application.product
    quote = quote_for_product(
        product=product,
        principal=amount,
        tenure=application.tenure,
        annual_rate=annual_rate if annual_rate is not None else product.max_rate,
        disbursement_date=business_date,
    )
    profile = (
        BorrowerProfile.objects.filter(user=application.borrower)
        .prefetch_related("documents")
        .first()
    )
    born = profile.date_of_birth if profile else None
    maturity = quote.schedule.installments[-1].due_date
    return scoring.score(
        scoring.ScoringInput(
            monthly_income=application.monthly_income,
            existing_emis=application.existing_emis,
            new_installment=quote.installment_amount,
            max_foir_percent=product.max_foir_percent,
            age_now=_age(born, business_date),
            age_at_maturity=_age(born, maturity),
            kyc_verified=bool(profile and profile.kyc_verified),
            has_active_npa=borrower_has_active_npa(borrower=application.borrower),
            on_time_ratio=borrower_on_time_ratio(
                borrower=application.borrower, as_of=business_date
            ),
            bureau_score=application.bureau_score,
        )
    )


@refusals_audited("application.submit")
@transaction.atomic
def application_submit(
    *, acting_user, application: LoanApplication, business_date: date | None = None
) -> LoanApplication:
    app = _lock(application)
    if acting_user.pk not in (app.borrower_id, app.created_by_id) and not acting_user.has_perm(
        CHANGE_PERM
    ):
        _refuse_outsider(acting_user, app, "submit")
    _require_state(app, {ApplicationStatus.DRAFT}, "submitted")
    before = _snapshot(app)
    day = business_date or today_ist()
    app.submitted_at = timezone.now()
    if settings.SCORING_ENABLED:
        # Scored at the top of the product's rate range: eligibility must hold even for
        # the dearest offer the grade could bring.
        result = eligibility_score(
            application=app, amount=app.amount, annual_rate=None, business_date=day
        )
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
        after={**_snapshot(app), "score": app.score, "reasons": [r["code"] for r in app.reasons]},
    )
    return app


@refusals_audited("application.recommend")
@transaction.atomic
def application_recommend(
    *, acting_user, application: LoanApplication, note: str = ""
) -> LoanApplication:
    """A loan officer recommends a submitted application for a credit decision; they
    become a maker and so may not approve it."""
    if not acting_user.has_perm(CHANGE_PERM):
        raise DomainError("permission_denied", "Only a loan officer can recommend applications.")
    app = _lock(application)
    _require_state(app, {ApplicationStatus.SUBMITTED}, "recommended")
    before = _snapshot(app)
    app.recommended_by = acting_user
    app.send_to_review()
    app.save()
    audit_record(
        action="application.recommended",
        actor=acting_user,
        target=app,
        before=before,
        after={**_snapshot(app), "note": note},
    )
    return app


def _check_checker(acting_user, app: LoanApplication, doing: str) -> None:
    if not acting_user.has_perm(DECIDE_PERM):
        raise DomainError("permission_denied", f"Only a credit manager can {doing} applications.")
    makers = {app.created_by_id, app.recommended_by_id, app.borrower_id}
    if acting_user.pk in makers:
        raise DomainError(
            "maker_checker",
            f"You created, recommended or applied for application #{app.pk}; another credit manager must {doing} it.",
        )


@refusals_audited("application.approve")
@transaction.atomic
def application_approve(
    *,
    acting_user,
    application: LoanApplication,
    amount: Decimal | None = None,
    annual_rate: Decimal | None = None,
    business_date: date | None = None,
) -> LoanApplication:
    app = _lock(application)
    _check_checker(acting_user, app, "approve")
    _require_state(app, {ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW}, "approved")
    product, day = app.product, business_date or today_ist()
    grade = app.grade or "C"
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
    _validate_terms(product, amount, app.tenure)
    result = eligibility_score(application=app, amount=amount, annual_rate=rate, business_date=day)
    if not result.eligible:
        texts = [r.text for r in result.reasons if r.hard_stop]
        raise DomainError(
            "invalid_state",
            "The application is not eligible: " + " ".join(texts),
            errors={"eligibility": texts},
        )
    before = _snapshot(app)
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
            **_snapshot(app),
            "kfs_hash": app.kfs_hash,
            "apr": app.kfs["apr"],
            "makers": [app.created_by_id, app.recommended_by_id],
        },
    )
    return app


@refusals_audited("application.reject")
@transaction.atomic
def application_reject(
    *, acting_user, application: LoanApplication, reason: str
) -> LoanApplication:
    if not reason or not reason.strip():
        raise DomainError(
            "validation_error", "Give the reason for rejecting.", errors={"reason": ["required"]}
        )
    app = _lock(application)
    _check_checker(acting_user, app, "reject")
    _require_state(app, {ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW}, "rejected")
    before = _snapshot(app)
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
        after={**_snapshot(app), "reason": app.decision_reason},
    )
    return app


@refusals_audited("application.withdraw")
@transaction.atomic
def application_withdraw(
    *, acting_user, application: LoanApplication, reason: str = ""
) -> LoanApplication:
    app = _lock(application)
    if acting_user.pk != app.borrower_id and not acting_user.has_perm(CHANGE_PERM):
        _refuse_outsider(acting_user, app, "withdraw")
    _require_state(
        app,
        {
            ApplicationStatus.DRAFT,
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.UNDER_REVIEW,
            ApplicationStatus.APPROVED,
        },
        "withdrawn",
    )
    before = _snapshot(app)
    app.withdraw()
    app.save()
    audit_record(
        action="application.withdrawn",
        actor=acting_user,
        target=app,
        before=before,
        after={**_snapshot(app), "reason": reason},
    )
    return app


@transaction.atomic
def applications_expire(*, business_date: date) -> int:
    """Expire approved offers whose KFS validity ended before `business_date` (beat, daily)."""
    expired = 0
    for app in LoanApplication.objects.select_for_update(skip_locked=True).filter(
        status=ApplicationStatus.APPROVED, offer_expires_on__lt=business_date
    ):
        app.expire()
        app.save()
        audit_record(
            action="application.expired",
            actor=None,
            target=app,
            after={"status": app.status, "offer_expires_on": app.offer_expires_on},
        )
        expired += 1
    return expired


@refusals_audited("application.accept")
@transaction.atomic
def application_accept(
    *,
    acting_user,
    application: LoanApplication,
    kfs_hash_seen: str | None = None,
    business_date: date | None = None,
) -> Loan:
    """The borrower accepts the exact KFS they were shown: consent (time, IP, KFS hash) is
    recorded and the loan account is opened, pending disbursement."""
    app = _lock(application)
    if acting_user.pk != app.borrower_id:
        _refuse_outsider(acting_user, app, "accept the offer on")
    _require_state(app, {ApplicationStatus.APPROVED}, "accepted")
    day = business_date or today_ist()
    if app.offer_expires_on and day > app.offer_expires_on:
        raise DomainError(
            "invalid_state",
            f"This offer expired on {app.offer_expires_on:%d %b %Y}. Ask us for a fresh offer.",
        )
    if kfs_hash_seen is not None and kfs_hash_seen != app.kfs_hash:
        raise DomainError(
            "invalid_state",
            "The Key Fact Statement changed since you opened it; please read it again.",
        )
    ctx = context.current()
    Consent.objects.create(
        application=app,
        borrower=acting_user,
        kfs_hash=app.kfs_hash,
        accepted_at=timezone.now(),
        ip=ctx.ip,
        user_agent=ctx.user_agent,
    )
    before = _snapshot(app)
    app.accept()
    app.save()
    product, kfs = app.product, app.kfs
    loan = Loan.objects.create(
        application=app,
        borrower=app.borrower,
        product=product,
        principal=app.offered_amount,
        annual_rate=app.offered_rate,
        tenure=app.tenure,
        interest_method=product.interest_method,
        amortization=product.amortization,
        interest_period=product.interest_period,
        frequency=product.frequency,
        installment_multiple=product.installment_multiple,
        rounding=product.rounding,
        grace_on_principal=product.grace_on_principal,
        allocation_strategy=product.allocation_strategy,
        prepayment_strategy=product.prepayment_strategy,
        processing_fee=Decimal(kfs["total_charges"]),
        net_disbursed=Decimal(kfs["net_disbursed"]),
        apr=Decimal(kfs["apr"]),
        kfs_hash=app.kfs_hash,
        approved_by=app.decided_by,
    )
    audit_record(
        action="application.accepted",
        actor=acting_user,
        target=app,
        before=before,
        after={**_snapshot(app), "kfs_hash": app.kfs_hash, "loan": loan.pk},
    )
    audit_record(
        action="loan.opened",
        actor=acting_user,
        target=loan,
        after={"status": loan.status, "principal": loan.principal, "annual_rate": loan.annual_rate},
    )
    return loan
