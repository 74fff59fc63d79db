"""The offer after approval (DESIGN §4; approval itself is in `decision`): expire an offer
whose validity passed, accept (consent → loan account)."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.duties import borrower_capacity_check
from lendingsite import context
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import ApplicationStatus, Consent, Loan, LoanApplication
from loans.services.applications.rules import (
    locked,
    refuse_outsider,
    require_state,
    snapshot,
)


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


@refusals_audited("application.accept_refused")
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
    require_state(app, app.accept, "accepted")
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
        **product.agreed_terms(),
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
