"""The offer and its acceptance (DESIGN §4): approve (maker-checker, the Key Fact
Statement), expire an offer whose validity passed, accept (consent → loan account)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record, refusals_audited
from accounts.duties import borrower_capacity_check
from lendingsite import context
from lendingsite.dates import add_working_days, today_ist
from lendingsite.errors import DomainError
from loans import scoring
from loans.kfs import kfs_build, kfs_hash
from loans.models import ApplicationStatus, Consent, Loan, LoanApplication
from loans.quotes import quote_for_product
from loans.services.applications.rules import (
    application_terms_validate,
    check_checker,
    eligibility_score,
    locked,
    refuse_outsider,
    require_state,
    snapshot,
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
    app = locked(application)
    check_checker(acting_user, app, "approve")
    require_state(app, {ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW}, "approved")
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
    application_terms_validate(product, amount, app.tenure)
    result = eligibility_score(application=app, amount=amount, annual_rate=rate, business_date=day)
    if not result.eligible:
        texts = [r.text for r in result.reasons if r.hard_stop]
        raise DomainError(
            "invalid_state",
            "The application is not eligible: " + " ".join(texts),
            errors={"eligibility": texts},
        )
    before = snapshot(app)
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
            "kfs_hash": app.kfs_hash,
            "apr": app.kfs["apr"],
            "makers": [app.created_by_id, app.recommended_by_id],
        },
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
    app = locked(application)
    if acting_user.pk != app.borrower_id:
        refuse_outsider(acting_user, app, "accept the offer on")
    borrower_capacity_check(user=acting_user)
    require_state(app, {ApplicationStatus.APPROVED}, "accepted")
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
    before = snapshot(app)
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
        after={**snapshot(app), "kfs_hash": app.kfs_hash, "loan": loan.pk},
    )
    audit_record(
        action="loan.opened",
        actor=acting_user,
        target=loan,
        after={"status": loan.status, "principal": loan.principal, "annual_rate": loan.annual_rate},
    )
    return loan
