"""The auto-debit events reach the outbox with their documented shape."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from integrations.models import WebhookEvent
from loans.models import LoanProduct
from loans.tests.factories import active_loan
from mandates.models import Presentation
from mandates.services import presentations_run
from mandates.tests.factories import active_mandate, callback

pytestmark = pytest.mark.django_db


def test_mandate_and_bounce_events():
    loan = active_loan(disbursed_on=date(2026, 1, 10))
    LoanProduct.objects.filter(pk=loan.product_id).update(bounce_charge=Decimal("300.00"))
    mandate = active_mandate(loan)
    activated = WebhookEvent.objects.get(type="mandate.activated")
    assert activated.loan_id == loan.pk
    assert activated.data["mandate"] == {
        "id": mandate.pk,
        "loan": loan.pk,
        "status": "active",
        "umrn": mandate.umrn,
        "max_amount": f"{mandate.max_amount:.2f}",
        "reason_code": "",
    }
    due = loan.installments.order_by("number").first().due_date
    presentations_run(business_date=due - timedelta(days=1))
    p = Presentation.objects.get()
    callback("debit.bounced", p.reference, reason_code="04", business_date=due)
    bounced = WebhookEvent.objects.get(type="presentation.bounced")
    assert bounced.data["presentation"]["reason_code"] == "04"
    assert bounced.data["presentation"]["amount"] == f"{p.amount:.2f}"
    # The bounce charge is a charge.levied event like any other.
    assert WebhookEvent.objects.filter(type="charge.levied", loan_id=loan.pk).count() == 1
