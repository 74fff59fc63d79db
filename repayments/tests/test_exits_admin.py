"""Exit requests in the officer console: finance's list (open by default, completed,
lapsed, all; pay-by range), a request's page with the payments that could match, and the
link that opens the payment entry form filled in."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import AUDITOR, COLLECTOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from loans.tests.factories import active_loan
from repayments.models import ExitRequest
from repayments.services.exits import exit_requests_lapse
from repayments.tests.factories import open_exit, post_payment

pytestmark = pytest.mark.django_db
LIST = "admin:repayments_exitrequest_changelist"
D0 = date(2026, 1, 15)


def change(request) -> str:
    return reverse("admin:repayments_exitrequest_change", args=[request.pk])


@pytest.fixture
def three():
    """An open request, a completed one and a lapsed one."""
    open_one = open_exit(active_loan(disbursed_on=D0), on=date(2026, 1, 16))
    done_loan = active_loan(disbursed_on=D0)
    done = open_exit(done_loan, on=D0)
    post_payment(done_loan, amount=done.amount, paid_on=D0, utr="NEFT-DONE-1")
    lapsed = open_exit(active_loan(disbursed_on=D0 - timedelta(days=5)), on=D0 - timedelta(days=4))
    exit_requests_lapse(business_date=D0)
    return {"open": open_one, "completed": done, "lapsed": lapsed}


def listed(client, **params) -> list[int]:
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    return [row.pk for row in response.context["cl"].result_list]


def test_finance_sees_open_requests_first_and_filters_the_rest(client, three):
    client.force_login(staff(FINANCE))
    assert listed(client) == [three["open"].pk]
    assert listed(client, status="completed") == [three["completed"].pk]
    assert listed(client, status="lapsed") == [three["lapsed"].pk]
    assert sorted(listed(client, status="all")) == sorted(r.pk for r in three.values())
    by_date = {"status": "all", "pay_by__gte": "2026-01-18", "pay_by__lte": "2026-01-19"}
    assert sorted(listed(client, **by_date)) == sorted([three["open"].pk, three["completed"].pk])
    html = client.get(reverse(LIST)).content.decode()
    assert three["open"].loan.borrower.email in html


def test_a_request_shows_the_payments_that_could_match_and_how_to_post_one(client, three):
    client.force_login(staff(FINANCE))
    done = three["completed"]
    html = client.get(change(done)).content.decode()
    assert "NEFT-DONE-1" in html and "completed this request" in html

    request = three["open"]
    post_payment(request.loan, amount=Decimal("500.00"), paid_on=date(2026, 1, 16), utr="UPI-PART")
    html = client.get(change(request)).content.decode()
    assert "UPI-PART" in html and "completed this request" not in html
    add = reverse("admin:repayments_payment_add")
    link = f"{add}?loan={request.loan_id}&amp;amount={request.amount}"
    assert link in html
    form = client.get(add, {"loan": request.loan_id, "amount": f"{request.amount}"})
    assert form.context["form"].initial == {
        "loan": str(request.loan_id),
        "amount": f"{request.amount}",
    }


def test_nothing_here_changes_a_request(client, three):
    client.force_login(staff(FINANCE))
    request = three["open"]
    response = client.post(change(request), {"status": "completed"})
    assert response.status_code == 403
    assert ExitRequest.objects.get(pk=request.pk).status == "open"
    assert client.get(reverse("admin:repayments_exitrequest_add")).status_code == 403


@pytest.mark.parametrize(
    ("role", "allowed"), [(LOAN_OFFICER, True), (AUDITOR, True), (COLLECTOR, False)]
)
def test_who_sees_the_list(client, three, role, allowed):
    client.force_login(staff(role))
    assert (client.get(reverse(LIST)).status_code == 200) is allowed


def test_the_list_query_count_is_bounded(client, three, django_assert_max_num_queries):
    for n in range(5):
        open_exit(active_loan(disbursed_on=D0), on=D0 + timedelta(days=n % 3))
    client.force_login(staff(FINANCE))
    with django_assert_max_num_queries(12):
        response = client.get(reverse(LIST))
    assert len(response.context["cl"].result_list) == 6
