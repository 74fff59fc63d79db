"""Loan terms are defined once (loans.models.terms.LoanTerms) and read into a schedule in
one place (ScheduleTerms.from_terms)."""

from datetime import date
from decimal import Decimal

import pytest

from loans.models import Loan, LoanProduct
from loans.models.terms import LOAN_TERM_FIELDS
from loans.schedule import ScheduleTerms
from loans.tests.factories import ProductFactory, active_loan

pytestmark = pytest.mark.django_db


def test_product_and_loan_share_one_definition_of_each_term():
    for name in LOAN_TERM_FIELDS:
        product, loan = LoanProduct._meta.get_field(name), Loan._meta.get_field(name)
        assert product.deconstruct()[1:] == loan.deconstruct()[1:], name


def test_a_loan_carries_its_products_terms_and_builds_the_same_schedule():
    product = ProductFactory(
        frequency="fortnightly", installment_multiple="1.00", rounding="up", grace_on_principal=1
    )
    loan = active_loan(product=product)

    assert loan.agreed_terms() == product.agreed_terms()
    from_loan = ScheduleTerms.from_terms(loan, disbursement_date=loan.disbursed_on)
    from_product = ScheduleTerms.from_terms(
        product,
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        tenure=loan.tenure,
        disbursement_date=loan.disbursed_on,
    )
    assert from_loan == from_product
    assert from_loan.installment_multiple == Decimal("1.00")
    assert (from_loan.frequency, from_loan.rounding, from_loan.grace_on_principal) == (
        "fortnightly",
        "up",
        1,
    )


def test_given_values_win_over_the_stored_ones():
    product = ProductFactory(grace_on_principal=2)
    terms = ScheduleTerms.from_terms(
        product,
        principal=Decimal("1000.00"),
        annual_rate=Decimal("12"),
        tenure=6,
        disbursement_date=date(2026, 1, 5),
        grace_on_principal=0,
    )
    assert terms.grace_on_principal == 0
