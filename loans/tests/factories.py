"""Shared loans test data. Products are plain factory rows; applications and loans are
made through the real services (create → submit → approve → accept → disburse), so every
helper's test starts from a state the application itself can reach.

    from loans.tests.factories import ProductFactory, approved_application, active_loan

    loan = active_loan()                                  # disbursed today
    loan = active_loan(disbursed_on=date(2026, 1, 31))    # the whole chain booked on that day
    loan = pending_loan(amount=Decimal("50000.00"), tenure=6)
"""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import KycDocType, KycDocument, KycStatus
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import BorrowerProfileFactory, staff, verified_bank_account
from lendingsite.dates import today_ist
from loans.models import Loan, LoanApplication, LoanProduct
from loans.services.applications import (
    application_accept,
    application_approve,
    application_create,
    application_submit,
)
from loans.services.loans import loan_disburse


class ProductFactory(factory.django.DjangoModelFactory):
    """A monthly declining-balance personal loan: ₹10,000 to ₹10,00,000, 3 to 60 months,
    10 to 24% a year, 2% processing fee + 18% GST, 3 cooling-off days."""

    class Meta:
        model = LoanProduct
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test-product-{n}")
    name = factory.Sequence(lambda n: f"Test personal loan {n}")
    min_amount = Decimal("10000.00")
    max_amount = Decimal("1000000.00")
    min_tenure = 3
    max_tenure = 60
    min_rate = Decimal("10.0000")
    max_rate = Decimal("24.0000")
    default_rate = Decimal("14.0000")
    processing_fee_percent = Decimal("2.0000")
    processing_fee_flat = Decimal("0.00")
    gst_percent = Decimal("18.00")
    cooling_off_days = 3


def kyc_verified_borrower(
    *, date_of_birth: date = date(1990, 5, 17), bank_account: bool = True, **profile_fields
):
    """A borrower whose profile passes the scorecard's hard stops: adult, PAN card and
    address proof verified, and (unless `bank_account=False`) a verified payout account.
    The KYC and account rows are written directly (no file is stored, no verifier runs)
    because both are tested in accounts."""
    profile = BorrowerProfileFactory(date_of_birth=date_of_birth, **profile_fields)
    if bank_account:
        verified_bank_account(profile)
    checker = staff(CREDIT_MANAGER)
    for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
        KycDocument.objects.create(
            profile=profile,
            doc_type=doc_type,
            file=f"kyc/test/{doc_type}.pdf",
            content_type="application/pdf",
            size=1024,
            sha256="0" * 64,
            status=KycStatus.VERIFIED,
            verified_by=checker,
            verified_at=timezone.now(),
        )
    return profile.user


def draft_application(
    *,
    product: LoanProduct | None = None,
    borrower=None,
    officer=None,
    amount: Decimal = Decimal("100000.00"),
    tenure: int = 12,
    monthly_income: Decimal = Decimal("150000.00"),
    existing_emis: Decimal = Decimal("0.00"),
    purpose: str = "Home renovation",
) -> LoanApplication:
    """Created by a loan officer on the borrower's behalf (the officer is the maker)."""
    product = product or ProductFactory()
    borrower = borrower or kyc_verified_borrower()
    officer = officer or staff(LOAN_OFFICER)
    return application_create(
        acting_user=officer,
        borrower=borrower,
        product=product,
        amount=amount,
        tenure=tenure,
        purpose=purpose,
        monthly_income=monthly_income,
        existing_emis=existing_emis,
    )


def approved_application(
    *,
    approver=None,
    approved_amount: Decimal | None = None,
    annual_rate: Decimal | None = None,
    business_date: date | None = None,
    **draft_kwargs,
) -> LoanApplication:
    """Submitted and approved by a credit manager who did not make it. Unless told
    otherwise the offer is exactly the requested amount at the product's default rate, so
    tests can compute the schedule they expect."""
    day = business_date or today_ist()
    app = draft_application(**draft_kwargs)
    app = application_submit(acting_user=app.created_by, application=app, business_date=day)
    return application_approve(
        acting_user=approver or staff(CREDIT_MANAGER),
        application=app,
        amount=approved_amount if approved_amount is not None else app.amount,
        annual_rate=annual_rate if annual_rate is not None else app.product.default_rate,
        business_date=day,
    )


def pending_loan(*, business_date: date | None = None, **kwargs) -> Loan:
    """An accepted offer: a loan pending disbursement."""
    app = approved_application(business_date=business_date, **kwargs)
    return application_accept(
        acting_user=app.borrower, application=app, business_date=business_date
    )


def active_loan(
    *,
    disbursed_on: date | None = None,
    disburser=None,
    reference: str | None = None,
    **kwargs,
) -> Loan:
    """A disbursed loan. With `disbursed_on` in the past, approval, acceptance and
    disbursement are all booked on that day (as if the chain ran then)."""
    day = disbursed_on or today_ist()
    loan = pending_loan(business_date=day, **kwargs)
    return loan_disburse(
        acting_user=disburser or staff(FINANCE),
        loan=loan,
        disbursed_on=day,
        reference=reference or f"UTR{loan.pk:010d}",
        business_date=day,
    )
