from datetime import date, timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Installment, JournalEntry, Loan, LoanStatus
from loans.quotes import quote_for_product
from loans.schedule.dates import add_months
from loans.services.loans import loan_disburse
from loans.tests.factories import ProductFactory, pending_loan

pytestmark = pytest.mark.django_db


def disburse(loan, *, by=None, on=None, reference="UTR-1", business_date=None):
    return loan_disburse(
        acting_user=by or staff(FINANCE),
        loan=loan,
        disbursed_on=on or today_ist(),
        reference=reference,
        business_date=business_date,
    )


def nothing_written(loan: Loan) -> None:
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.status == LoanStatus.PENDING_DISBURSEMENT
    assert fresh.disbursed_on is None and fresh.principal_outstanding == 0
    assert not Installment.objects.filter(loan=loan).exists()
    assert not JournalEntry.objects.filter(loan=loan).exists()


def refusal(loan, code):
    return AuditEvent.objects.get(
        action="loan.disburse_refused", outcome="denied", target_id=str(loan.pk), after__code=code
    )


def test_the_approver_cannot_disburse_even_with_the_finance_role():
    approver = staff(CREDIT_MANAGER)
    approver.groups.add(*staff(FINANCE).groups.all())
    loan = pending_loan(approver=approver)
    with pytest.raises(DomainError) as exc:
        disburse(loan, by=approver)
    assert exc.value.code == "maker_checker" and exc.value.status == 403
    nothing_written(loan)
    assert refusal(loan, "maker_checker").actor == approver


def test_a_credit_manager_without_finance_permission_is_refused():
    loan = pending_loan()
    manager = staff(CREDIT_MANAGER)
    with pytest.raises(DomainError) as exc:
        disburse(loan, by=manager)
    assert exc.value.code == "permission_denied"
    nothing_written(loan)
    assert refusal(loan, "permission_denied").actor == manager


def test_the_borrower_cannot_disburse_their_own_loan():
    loan = pending_loan()
    with pytest.raises(DomainError) as exc:
        disburse(loan, by=loan.borrower)
    assert exc.value.code == "permission_denied"
    nothing_written(loan)


def test_schedule_is_fixed_from_the_disbursement_date_not_the_approval_date():
    approved_on = date(2026, 3, 2)
    loan = pending_loan(business_date=approved_on, tenure=6)
    disbursed_on = date(2026, 3, 6)
    loan = disburse(loan, on=disbursed_on, business_date=date(2026, 3, 9))
    dues = list(loan.installments.order_by("number").values_list("due_date", flat=True))
    assert dues == [date(2026, m, 6) for m in (4, 5, 6, 7, 8, 9)]
    expected = quote_for_product(
        product=loan.product,
        principal=loan.principal,
        tenure=6,
        annual_rate=loan.annual_rate,
        disbursement_date=disbursed_on,
    )
    got = [
        (i.principal_due, i.interest_due, i.balance_after)
        for i in loan.installments.order_by("number")
    ]
    assert got == [(r.principal, r.interest, r.balance) for r in expected.schedule.installments]
    assert sum(p for p, _, _ in got) == loan.principal
    assert loan.cooling_off_until == disbursed_on + timedelta(days=3)


def test_a_31st_disbursement_is_due_on_each_month_end():
    day = date(2026, 1, 31)
    loan = disburse(pending_loan(business_date=day, tenure=4), on=day, business_date=day)
    dues = list(loan.installments.order_by("number").values_list("due_date", flat=True))
    assert dues == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]


def test_processing_fee_is_deducted_from_the_amount_paid_out():
    product = ProductFactory(processing_fee_percent=Decimal("1.5000"), processing_fee_flat=500)
    loan = disburse(pending_loan(product=product, amount=Decimal("200000.00")))
    # 1.5% of 2,00,000 + 500 = 3,500; GST 18% = 630
    assert loan.processing_fee == Decimal("4130.00")
    assert loan.net_disbursed == Decimal("195870.00")
    assert loan.principal_outstanding == Decimal("200000.00")
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.net_disbursed == Decimal("195870.00") and fresh.status == LoanStatus.ACTIVE


def test_first_due_date_is_one_month_after_disbursement():
    day = today_ist()
    loan = disburse(pending_loan(), on=day)
    assert loan.installments.get(number=1).due_date == add_months(day, 1)


def test_backdated_more_than_seven_days_is_refused():
    loan = pending_loan()
    with pytest.raises(DomainError) as exc:
        disburse(loan, on=today_ist() - timedelta(days=8))
    assert exc.value.code == "backdated" and exc.value.status == 422
    assert exc.value.errors == {"disbursed_on": ["too far back"]}
    nothing_written(loan)


def test_seven_days_back_is_still_allowed():
    loan = disburse(pending_loan(), on=today_ist() - timedelta(days=7))
    assert loan.status == LoanStatus.ACTIVE


def test_future_dated_is_refused():
    loan = pending_loan()
    with pytest.raises(DomainError) as exc:
        disburse(loan, on=today_ist() + timedelta(days=1))
    assert exc.value.code == "future_dated" and exc.value.status == 422
    nothing_written(loan)


def test_a_blank_reference_is_refused():
    loan = pending_loan()
    with pytest.raises(DomainError) as exc:
        disburse(loan, reference="   ")
    assert exc.value.code == "validation_error" and "reference" in exc.value.errors
    nothing_written(loan)


def test_only_a_pending_loan_can_be_disbursed():
    loan = disburse(pending_loan())
    with pytest.raises(DomainError) as exc:
        disburse(loan, reference="UTR-2")
    assert exc.value.code == "invalid_state"
    assert Installment.objects.filter(loan=loan).count() == 12
    assert JournalEntry.objects.filter(loan=loan).count() == 1


def test_audit_names_the_approver_and_the_disburser():
    approver, officer, disburser = staff(CREDIT_MANAGER), staff(LOAN_OFFICER), staff(FINANCE)
    loan = pending_loan(approver=approver, officer=officer)
    disburse(loan, by=disburser, reference="N77")
    event = AuditEvent.objects.get(action="loan.disbursed", target_id=str(loan.pk))
    assert event.actor == disburser and event.outcome == "success"
    assert event.after["approved_by"] == approver.pk
    assert event.after["reference"] == "N77"
    assert event.after["net_disbursed"] == "97640.00"
    assert event.before == {"status": "pending_disbursement"}
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.approved_by == approver and fresh.disbursed_by == disburser
