"""The bank's response file: each line applied once, refusals listed, finance only."""

from datetime import date, timedelta

import pytest

from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan
from mandates.models import Presentation, PresentationStatus
from mandates.services import presentations_run
from mandates.tests.factories import active_mandate
from mandates.webhooks import response_file_load
from repayments.models import Payment

pytestmark = pytest.mark.django_db


def test_response_file_applies_each_line_once():
    loans = [active_loan(disbursed_on=date(2026, 1, 10)) for _ in range(2)]
    for loan in loans:
        active_mandate(loan)
    due = loans[0].installments.order_by("number").first().due_date
    presentations_run(business_date=due - timedelta(days=1))
    ok, bounce = Presentation.objects.order_by("loan_id")
    content = (
        f"reference,status,reason_code\n{ok.reference},success,\n{bounce.reference},bounce,04\n"
        "NACH9999999999,success,\n"
    ).encode()
    finance = staff(FINANCE)
    first = response_file_load(
        acting_user=finance, adapter="sandbox", content=content, business_date=due
    )
    assert (first["applied"], first["duplicate"], len(first["errors"])) == (2, 0, 1)
    again = response_file_load(
        acting_user=finance, adapter="sandbox", content=content, business_date=due
    )
    assert (again["applied"], again["duplicate"]) == (0, 2)
    assert Payment.objects.filter(channel="nach").count() == 1
    bounce.refresh_from_db()
    assert (bounce.status, bounce.reason_code) == (PresentationStatus.BOUNCED, "04")
    with pytest.raises(DomainError) as err:
        response_file_load(acting_user=staff(LOAN_OFFICER), adapter="sandbox", content=content)
    assert err.value.code == "permission_denied"
