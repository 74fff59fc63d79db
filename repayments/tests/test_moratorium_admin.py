"""The console's moratorium page: loans chosen in the loan list or by product and place, a
confirmation page with the count and an example loan's schedule before and after, the job
run through the same service as the API, and its progress page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import BorrowerProfile
from accounts.roles import CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.models import Loan, Moratorium, MoratoriumLoan
from loans.tests.factories import active_loan
from repayments.selectors.moratoria import moratorium_candidates

pytestmark = pytest.mark.django_db
GRANT = "admin:loans_moratorium_grant"


@pytest.fixture
def loans():
    day = today_ist() - timedelta(days=20)
    first, second = active_loan(disbursed_on=day), active_loan(disbursed_on=day)
    BorrowerProfile.objects.filter(user=second.borrower).update(
        address="3 Beach Road, Cuddalore district, Tamil Nadu 607001"
    )
    return first, second


def test_candidates_by_place_match_a_whole_pin_code_or_a_name(loans):
    first, second = loans
    assert list(moratorium_candidates(place="607001")) == [second]
    assert list(moratorium_candidates(place="607002")) == []
    assert list(moratorium_candidates(place="cuddalore")) == [second]
    assert list(moratorium_candidates(loan_ids=[first.pk, second.pk], place="560001")) == [first]
    assert first.product != second.product  # the factory makes one each
    assert list(moratorium_candidates(product=first.product)) == [first]


def test_grant_by_place_confirm_then_the_job_applies_it(
    client, loans, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    first, second = loans
    client.force_login(staff(CREDIT_MANAGER))
    body = {
        "name": "Cyclone",
        "start": today_ist().isoformat(),
        "installments": "2",
        "place": "607001",
    }
    nothing = client.post(reverse(GRANT), {"name": "x", "start": body["start"], "installments": 1})
    assert "Choose the loans" in nothing.content.decode()
    confirm = client.post(reverse(GRANT), body)
    text = confirm.content.decode()
    assert 'id="moratorium-count">1 loan<' in text
    assert "Schedule before" in text and "Schedule after" in text
    assert f"Example: loan #{second.pk}" in text
    assert "accrues: spread over the moved installments" in text
    assert not Moratorium.objects.exists()  # nothing moves before the confirmation
    due_before = second.installments.order_by("number").first().due_date
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse(GRANT), {**body, "confirm": "1"})
    moratorium = Moratorium.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("admin:loans_moratorium_progress", args=[moratorium.pk])
    assert [m.loan_id for m in MoratoriumLoan.objects.all()] == [second.pk]
    moved = second.installments.order_by("number").first().due_date
    assert moved > due_before + timedelta(days=55)  # two months later
    with django_assert_max_num_queries(12):  # counts in one aggregate, skipped in one query
        progress = client.get(done["Location"]).content.decode()
    assert "<td>1</td><td>0</td><td>0</td>" in progress  # applied, skipped, pending
    assert Loan.objects.get(pk=first.pk).reschedule_count == 0


def test_a_stale_count_shows_the_confirmation_again(client, loans):
    client.force_login(staff(CREDIT_MANAGER))
    body = {"name": "Flood", "start": today_ist().isoformat(), "installments": "1"}
    page = client.post(
        reverse(GRANT), {**body, "product": loans[0].product_id, "confirm": "5"}
    ).content.decode()
    assert "changed since you looked" in page
    assert not Moratorium.objects.exists()


def test_from_the_loan_list_with_the_selected_loans(client, loans):
    client.force_login(staff(CREDIT_MANAGER))
    ids = [loans[0].pk, loans[1].pk]
    went = client.post(
        reverse("admin:loans_loan_changelist"),
        {"action": "moratorium_selected", "_selected_action": ids, "index": "0"},
    )
    assert went.status_code == 302
    assert went["Location"] == f"{reverse(GRANT)}?loans={ids[0]},{ids[1]}"
    page = client.get(went["Location"]).content.decode()
    assert f"{ids[0]},{ids[1]}" in page


def test_finance_cannot_grant_one(client, loans):
    client.force_login(staff(FINANCE))
    refused = client.post(
        reverse(GRANT),
        {"name": "x", "start": today_ist().isoformat(), "installments": "1", "confirm": "2"},
    )
    assert refused.status_code == 302
    assert not Moratorium.objects.exists()
