"""The on-time-recorded-late scenario (issue 11, part 3) through the API and the officer
console's payment entry form, on today's dates: the day-end ran every night since the due
date and levied a penal charge; finance records a payment dated on the due date."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from collection.dayend import day_end_run
from collection.models import BucketHistory, CollectionCase
from lendingsite.dates import today_ist
from loans import ledger
from loans.models import JournalLine, Loan
from loans.tests.factories import ProductFactory, active_loan
from repayments.models import Charge

pytestmark = pytest.mark.django_db
D500 = Decimal("500.00")


def _month_before(day: date) -> date:
    return (
        day.replace(year=day.year - 1, month=12)
        if day.month == 1
        else day.replace(month=day.month - 1)
    )


@pytest.fixture
def levied():
    """A loan whose first installment fell due a few days ago (within the 7-day window, a
    day of month every month has), with a penal charge levied by the day-end (grace 1)."""
    today = today_ist()
    due = next(
        today - timedelta(days=n) for n in range(7, 2, -1) if (today - timedelta(n)).day <= 28
    )
    product = ProductFactory(penal_grace_days=1, penal_charge_flat=Decimal("500.00"))
    loan = active_loan(disbursed_on=_month_before(due), product=product)
    first = loan.installments.order_by("number").first()
    assert first.due_date == due
    day = due
    while day < today:
        day_end_run(business_date=day)
        day += timedelta(days=1)
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == ((today - due).days, "SMA-0")
    charge = Charge.objects.get(loan=loan)
    assert (charge.amount, loan.installments.get(pk=first.pk).penal_due) == (D500, D500)
    assert CollectionCase.objects.get(loan=loan).status == "open"
    return {"loan": loan, "first": first, "charge": charge, "due": due, "today": today}


def _undone(levied) -> None:
    loan = Loan.objects.get(pk=levied["loan"].pk)
    first = loan.installments.get(pk=levied["first"].pk)
    assert (first.penal_due, first.outstanding) == (0, 0)
    assert (loan.dpd, loan.bucket) == (0, "current")
    charge = Charge.objects.get(pk=levied["charge"].pk)
    assert (charge.status, charge.reversed_on) == ("reversed", levied["today"])
    assert not CollectionCase.objects.filter(loan=loan, status="open").exists()
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    totals = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    assert totals["dr"] == totals["cr"]
    row = BucketHistory.objects.get(loan=loan, business_date=levied["today"])
    assert (row.from_bucket, row.to_bucket, row.dpd) == ("SMA-0", "current", 0)


def test_through_the_api(levied):
    client = APIClient()
    client.force_authenticate(staff(FINANCE))
    first = levied["first"]
    response = client.post(
        "/api/v1/payments/",
        {
            "loan": levied["loan"].pk,
            "amount": f"{first.principal_due + first.interest_due:.2f}",
            "paid_on": levied["due"].isoformat(),
            "channel": "neft",
            "utr": "NEFT-ON-TIME-1",
        },
        format="json",
        HTTP_IDEMPOTENCY_KEY="on-time-1",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["allocation"]["penal"] == "0.00"
    assert (body["loan_after"]["dpd"], body["loan_after"]["bucket"]) == (0, "current")
    _undone(levied)


def test_through_the_console_payment_form(client, levied):
    levied_case = levied
    client.force_login(staff(FINANCE))
    first = levied_case["first"]
    response = client.post(
        reverse("admin:repayments_payment_add"),
        {
            "loan": str(levied_case["loan"].pk),
            "amount": f"{first.principal_due + first.interest_due:.2f}",
            "paid_on": levied_case["due"].isoformat(),
            "channel": "neft",
            "utr": "NEFT-ON-TIME-2",
        },
    )
    assert response.status_code == 302
    _undone(levied_case)
