"""The cooling-off rule (loans.services.loans): who may still exit and for how much. The
exit itself (ask, then pay) is repayments.services.exits: repayments/tests/test_exits*.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Installment
from loans.services.loans import cooling_off_amount, cooling_off_check, cooling_off_quote
from loans.tests.factories import active_loan, pending_loan

pytestmark = pytest.mark.django_db


def test_the_amount_is_principal_and_interest_for_the_days_held():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=2), amount=Decimal("250000.00"))
    # 2,50,000 x 14% x 2/365 = 191.78; no penalty, no other charge
    assert cooling_off_quote(loan=loan, on=day) == {
        "principal": Decimal("250000.00"),
        "interest": Decimal("191.78"),
        "days": 2,
        "total": Decimal("250191.78"),
        "cooling_off_until": day + timedelta(days=1),
    }


def test_on_the_disbursement_day_only_the_principal():
    loan = active_loan()
    assert cooling_off_amount(loan, on=today_ist())["total"] == Decimal("100000.00")


def test_the_last_day_of_the_window_is_still_inside_it():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=3))
    assert loan.cooling_off_until == today_ist()
    cooling_off_check(loan, on=today_ist())  # no refusal


def test_after_the_window():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=4))
    with pytest.raises(DomainError) as exc:
        cooling_off_quote(loan=loan, on=day)
    assert exc.value.code == "invalid_state" and "ended on" in exc.value.detail


def test_before_the_disbursement():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    with pytest.raises(DomainError) as exc:
        cooling_off_check(loan, on=today_ist() - timedelta(days=2))
    assert exc.value.code == "validation_error" and "on" in exc.value.errors


def test_not_once_something_was_repaid():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    first = loan.installments.get(number=1)
    Installment.objects.filter(pk=first.pk).update(interest_paid=Decimal("5.00"))
    with pytest.raises(DomainError) as exc:
        cooling_off_check(loan, on=today_ist())
    assert exc.value.code == "invalid_state" and "foreclosure" in exc.value.detail


def test_not_once_the_first_installment_fell_due():
    # A product whose cooling-off outlasts the first period: from the first due date on,
    # the schedule's interest is owed, not the daily rule's.
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    first = loan.installments.get(number=1)
    Installment.objects.filter(pk=first.pk).update(due_date=today_ist())
    with pytest.raises(DomainError) as exc:
        cooling_off_check(loan, on=today_ist())
    assert exc.value.code == "invalid_state" and "fell due" in exc.value.detail


def test_a_pending_loan():
    with pytest.raises(DomainError) as exc:
        cooling_off_check(pending_loan(), on=today_ist())
    assert exc.value.code == "invalid_state"


# --- the quote through the API ---------------------------------------------------------


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(loan, suffix=""):
    return f"/api/v1/loans/{loan.pk}/{suffix}"


def test_cooling_off_quote_by_the_borrower():
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=2))
    quote = client_for(loan.borrower).get(url(loan, "cooling-off-quote/"), {"on": day.isoformat()})
    # 2 days of 14% on 1,00,000: 100000 * 0.14 * 2 / 365 = 76.71
    assert quote.json() == {
        "loan": loan.pk,
        "on": day.isoformat(),
        "days": 2,
        "principal": "100000.00",
        "interest": "76.71",
        "total": "100076.71",
        "cooling_off_until": (day + timedelta(days=1)).isoformat(),
    }


def test_cooling_off_quote_after_the_window_is_409():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=5))
    quote = client_for(loan.borrower).get(url(loan, "cooling-off-quote/"))
    assert quote.status_code == 409 and quote.json()["code"] == "invalid_state"


def test_cooling_off_quote_rejects_a_bad_date():
    loan = active_loan()
    response = client_for(loan.borrower).get(url(loan, "cooling-off-quote/"), {"on": "31-12"})
    assert response.status_code == 400 and response.json()["code"] == "validation_error"
    assert "on" in response.json()["errors"]
