from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.ledger import LOAN_PORTFOLIO, account_balance
from loans.models import Installment, JournalEntry, Loan, LoanStatus
from loans.services.loans import cooling_off_quote, loan_cooling_off_cancel
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan

pytestmark = pytest.mark.django_db


def cancel(loan, *, by=None, on=None, amount=None, reference="UPI-REF-1"):
    on = on or today_ist()
    if amount is None:
        amount = cooling_off_quote(loan=loan, on=on)["total"]
    return loan_cooling_off_cancel(
        acting_user=by or loan.borrower,
        loan=loan,
        paid_on=on,
        amount=amount,
        reference=reference,
    )


def still_active(loan) -> None:
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.status == LoanStatus.ACTIVE and fresh.closed_on is None
    assert fresh.principal_outstanding == fresh.principal
    assert list(JournalEntry.objects.filter(loan=loan).values_list("kind", flat=True)) == [
        "disbursement"
    ]


def refused_on_record(loan, code) -> None:
    assert AuditEvent.objects.filter(
        action="loan.cooling_off_cancel",
        outcome="denied",
        target_id=str(loan.pk),
        after__code=code,
    ).exists()


def test_cancel_within_the_window_repays_principal_and_interest_for_the_days():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=2), amount=Decimal("250000.00"))
    quote = cooling_off_quote(loan=loan, on=day)
    # 2,50,000 x 14% x 2/365 = 191.78; no penalty, no other charge
    assert quote == {
        "principal": Decimal("250000.00"),
        "interest": Decimal("191.78"),
        "days": 2,
        "total": Decimal("250191.78"),
        "cooling_off_until": day + timedelta(days=1),
    }
    finance = staff(FINANCE)
    loan = cancel(loan, by=finance, amount=Decimal("250191.78"))
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.status == LoanStatus.CANCELLED and fresh.closed_on == day
    assert fresh.principal_outstanding == Decimal("0.00")
    assert account_balance(LOAN_PORTFOLIO, loan=fresh) == Decimal("0.00")
    entry = JournalEntry.objects.get(loan=loan, kind="cooling_off_cancellation")
    lines = list(entry.lines.all())
    assert sum(ln.debit for ln in lines) == sum(ln.credit for ln in lines) == Decimal("250191.78")
    event = AuditEvent.objects.get(action="loan.cancelled", target_id=str(loan.pk))
    assert event.actor == finance and event.after["total"] == "250191.78"


def test_cancel_on_the_disbursement_day_costs_only_the_principal():
    loan = active_loan()
    assert cooling_off_quote(loan=loan, on=today_ist())["total"] == Decimal("100000.00")
    assert cancel(loan).status == LoanStatus.CANCELLED


def test_the_last_day_of_the_window_is_still_inside_it():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=3))
    assert loan.cooling_off_until == today_ist()
    assert cancel(loan).status == LoanStatus.CANCELLED


def test_after_the_window_nothing_is_written():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=4))
    with pytest.raises(DomainError) as exc:
        cooling_off_quote(loan=loan, on=day)
    assert exc.value.code == "invalid_state"
    with pytest.raises(DomainError) as exc:
        cancel(loan, amount=Decimal("100153.42"))
    assert exc.value.code == "invalid_state" and "ended on" in exc.value.detail
    still_active(loan)
    refused_on_record(loan, "invalid_state")


@pytest.mark.parametrize("amount", ["100076.70", "100076.72", "100000.00"])
def test_a_wrong_amount_is_refused_and_nothing_is_written(amount):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=2))
    with pytest.raises(DomainError) as exc:
        cancel(loan, amount=Decimal(amount))
    assert exc.value.code == "validation_error"
    assert exc.value.errors == {"amount": ["must be 100076.71"]}
    still_active(loan)
    refused_on_record(loan, "validation_error")


def test_a_future_or_pre_disbursement_date_is_refused():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=1))
    with pytest.raises(DomainError) as exc:
        cancel(loan, on=day + timedelta(days=1), amount=Decimal("100000.00"))
    assert exc.value.code == "future_dated"
    with pytest.raises(DomainError) as exc:
        cancel(loan, on=day - timedelta(days=2), amount=Decimal("100000.00"))
    assert exc.value.code == "validation_error" and "paid_on" in exc.value.errors
    still_active(loan)


def test_a_loan_with_repayments_cannot_be_cancelled():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    first = loan.installments.get(number=1)
    Installment.objects.filter(pk=first.pk).update(interest_paid=Decimal("5.00"))
    with pytest.raises(DomainError) as exc:
        cancel(loan, amount=Decimal("100038.36"))
    assert exc.value.code == "invalid_state" and "foreclosure" in exc.value.detail
    still_active(loan)


def test_a_pending_loan_cannot_be_cancelled():
    loan = pending_loan()
    with pytest.raises(DomainError) as exc:
        cancel(loan, amount=Decimal("100000.00"))
    assert exc.value.code == "invalid_state"


def test_who_may_cancel():
    loan = active_loan()
    with pytest.raises(DomainError) as exc:
        cancel(loan, by=kyc_verified_borrower())
    assert exc.value.code == "not_found"
    with pytest.raises(DomainError) as exc:
        cancel(loan, by=staff(LOAN_OFFICER))
    assert exc.value.code == "permission_denied"
    still_active(loan)
    assert cancel(loan, by=loan.borrower).status == LoanStatus.CANCELLED


# --- through the API ---------------------------------------------------------------


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(loan, suffix=""):
    return f"/api/v1/loans/{loan.pk}/{suffix}"


def test_cooling_off_quote_and_cancel_by_the_borrower():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=2))
    client = client_for(loan.borrower)
    quote = client.get(url(loan, "cooling-off-quote/"), {"on": day.isoformat()}).json()
    # 2 days of 14% on 1,00,000: 100000 * 0.14 * 2 / 365 = 76.71
    assert quote == {
        "loan": loan.pk,
        "on": day.isoformat(),
        "days": 2,
        "principal": "100000.00",
        "interest": "76.71",
        "total": "100076.71",
        "cooling_off_until": (day + timedelta(days=1)).isoformat(),
    }
    response = client.post(
        url(loan, "cooling-off-cancel/"),
        {"paid_on": day.isoformat(), "amount": "100076.71", "reference": "UPI-9"},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "cancelled"
    assert response.json()["principal_outstanding"] == "0.00"


def test_cooling_off_after_the_window_is_refused():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=5))
    client = client_for(loan.borrower)
    quote = client.get(url(loan, "cooling-off-quote/"))
    assert quote.status_code == 409 and quote.json()["code"] == "invalid_state"
    refused = client.post(
        url(loan, "cooling-off-cancel/"),
        {"paid_on": day.isoformat(), "amount": "100191.78", "reference": "UPI-1"},
    )
    assert refused.status_code == 409
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.ACTIVE and loan.journal.count() == 1


def test_cooling_off_quote_rejects_a_bad_date():
    loan = active_loan()
    response = client_for(loan.borrower).get(url(loan, "cooling-off-quote/"), {"on": "31-12"})
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert "on" in response.json()["errors"]


def test_cancelled_loan_shows_nothing_outstanding():
    loan = active_loan()
    quote = client_for(loan.borrower).get(url(loan, "cooling-off-quote/")).json()
    client_for(staff(FINANCE)).post(
        url(loan, "cooling-off-cancel/"),
        {"paid_on": today_ist().isoformat(), "amount": quote["total"], "reference": "UTR-C1"},
    )
    row = client_for(loan.borrower).get(url(loan)).json()
    assert row["status"] == "cancelled" and row["total_outstanding"] == "0.00"
    assert row["next_due_date"] is None
