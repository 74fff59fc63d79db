from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent, User
from accounts.roles import (
    AUDITOR,
    COLLECTIONS_MANAGER,
    COLLECTOR,
    CREDIT_MANAGER,
    FINANCE,
    LOAN_OFFICER,
    STAFF_ROLES,
)
from accounts.tests.factories import borrower, staff
from lendingsite.dates import today_ist
from loans.models import Installment, Loan, LoanStatus
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan

pytestmark = pytest.mark.django_db
LIST_FIELDS = {
    "id",
    "borrower",
    "product",
    "status",
    "principal",
    "annual_rate",
    "tenure",
    "disbursed_on",
    "principal_outstanding",
    "total_outstanding",
    "next_due_date",
    "next_due_amount",
    "overdue_amount",
    "overdue_since",
    "next_installment_date",
    "next_installment_amount",
    "dpd",
    "bucket",
    "apr",
    "net_disbursed",
    "processing_fee",
}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(loan=None, suffix=""):
    return "/api/v1/loans/" + (f"{loan.pk}/" if loan else "") + suffix


# --- list and detail -----------------------------------------------------------------


def test_borrower_lists_only_their_own_loans_with_the_api_shape():
    mine = active_loan()
    active_loan()  # someone else's
    body = client_for(mine.borrower).get(url()).json()
    assert body["count"] == 1 and {"next", "previous"} <= body.keys()
    row = body["results"][0]
    assert row.keys() >= LIST_FIELDS
    assert "notes" not in row  # officers' notes stay internal
    first = mine.installments.order_by("number").first()
    assert row["id"] == mine.pk and row["borrower"] == mine.borrower_id
    assert row["status"] == "active"
    assert row["principal"] == "100000.00"
    assert row["annual_rate"] == "14.0000"
    assert row["tenure"] == 12
    assert row["disbursed_on"] == today_ist().isoformat()
    assert row["principal_outstanding"] == "100000.00"
    assert row["processing_fee"] == "2360.00"
    assert row["net_disbursed"] == "97640.00"
    total = sum((i.total_due for i in mine.installments.all()), Decimal("0"))
    assert row["total_outstanding"] == f"{total:.2f}"
    assert row["next_due_date"] == first.due_date.isoformat()
    assert row["next_due_amount"] == f"{first.total_due:.2f}"
    assert row["dpd"] == 0 and row["bucket"] == "current"


def test_pending_loan_owes_nothing_yet():
    loan = pending_loan()
    row = client_for(loan.borrower).get(url(loan)).json()
    assert row["status"] == "pending_disbursement"
    assert row["total_outstanding"] == "0.00"
    assert row["next_due_date"] is None and row["next_due_amount"] is None


def test_next_due_skips_paid_installments_and_total_counts_only_the_unpaid_parts():
    loan = active_loan()
    rows = list(loan.installments.order_by("number"))
    # Payments are another module's service; here the rows are set as a payment would
    # leave them: the first paid in full, the second half of its interest.
    Installment.objects.filter(pk=rows[0].pk).update(
        principal_paid=rows[0].principal_due, interest_paid=rows[0].interest_due
    )
    half = (rows[1].interest_due / 2).quantize(Decimal("0.01"))
    Installment.objects.filter(pk=rows[1].pk).update(interest_paid=half)
    row = client_for(loan.borrower).get(url(loan)).json()
    expected = sum((i.total_due for i in rows[1:]), Decimal("0")) - half
    assert row["total_outstanding"] == f"{expected:.2f}"
    assert row["next_due_date"] == rows[1].due_date.isoformat()
    assert row["next_due_amount"] == f"{rows[1].total_due - half:.2f}"


def test_an_overdue_loans_next_payment_is_due_today_never_a_past_date():
    today = today_ist()
    # Disbursed 70 days ago: two installments past due, the third ahead.
    loan = active_loan(disbursed_on=today - timedelta(days=70))
    rows = list(loan.installments.order_by("number"))
    assert rows[1].due_date < today < rows[2].due_date
    row = client_for(loan.borrower).get(url(loan)).json()
    arrears = rows[0].total_due + rows[1].total_due
    assert row["next_due_date"] == today.isoformat()  # due now, not "by" 70 days ago
    assert row["next_due_amount"] == f"{arrears:.2f}"
    assert row["overdue_amount"] == f"{arrears:.2f}"
    assert row["overdue_since"] == rows[0].due_date.isoformat()
    assert row["next_installment_date"] == rows[2].due_date.isoformat()
    assert row["next_installment_amount"] == f"{rows[2].total_due:.2f}"
    listed = client_for(loan.borrower).get(url()).json()["results"][0]
    assert listed["next_due_date"] == today.isoformat()


def test_a_remainder_within_the_materiality_floor_is_not_overdue():
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    loan.product.materiality_floor = Decimal("10.00")
    loan.product.save()
    first, second = loan.installments.order_by("number")[:2]
    Installment.objects.filter(pk=first.pk).update(
        principal_paid=first.principal_due, interest_paid=first.interest_due - Decimal("10.00")
    )
    row = client_for(loan.borrower).get(url(loan)).json()
    assert row["overdue_amount"] == "0.00" and row["overdue_since"] is None
    assert row["next_due_date"] == second.due_date.isoformat()
    schedule = client_for(loan.borrower).get(url(loan, "schedule/")).json()["results"]
    assert schedule[0]["status"] == "partially_paid"  # ₹10 owed: immaterial, not overdue


def test_another_borrowers_loan_is_not_found():
    loan = active_loan()
    outsider = kyc_verified_borrower()
    for suffix in ("", "schedule/", "cooling-off-quote/"):
        response = client_for(outsider).get(url(loan, suffix))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["code"] == "not_found"


def test_anonymous_gets_401():
    loan = active_loan()
    response = client_for(None).get(url(loan))
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize("role", sorted(STAFF_ROLES - {COLLECTOR}))
def test_every_staff_role_sees_every_loan(role):
    loans = [active_loan(), pending_loan()]
    body = client_for(staff(role)).get(url()).json()
    assert sorted(r["id"] for r in body["results"]) == sorted(x.pk for x in loans)
    assert "notes" in body["results"][0]


def test_collector_sees_no_loans_here():
    # Collectors reach loans through their assigned cases (collections), not this list.
    loan = active_loan()
    client = client_for(staff(COLLECTOR))
    assert client.get(url()).json()["count"] == 0
    assert client.get(url(loan)).status_code == 404


def test_filters_by_status_and_bucket():
    active, pending = active_loan(), pending_loan()
    Loan.objects.filter(pk=active.pk).update(bucket="SMA-1", dpd=40)
    client = client_for(staff(AUDITOR))
    by_status = client.get(url(), {"status": "pending_disbursement"}).json()["results"]
    assert [r["id"] for r in by_status] == [pending.pk]
    by_bucket = client.get(url(), {"bucket": "SMA-1"}).json()["results"]
    assert [r["id"] for r in by_bucket] == [active.pk]
    assert by_bucket[0]["dpd"] == 40
    assert client.get(url(), {"bucket": "NPA"}).json()["count"] == 0


def test_list_costs_the_same_few_queries_for_many_loans(django_assert_num_queries):
    for _ in range(6):
        active_loan(tenure=24)
    auditor = staff(AUDITOR)
    client = client_for(auditor)
    # permissions (one query, accounts.permissions_backend) + page + the page's installments
    # (for the arrears): balances are annotations, not a query per loan; a first page
    # shorter than a page is the whole list, so no COUNT (lendingsite.pagination)
    with django_assert_num_queries(3):
        body = client.get(url()).json()
    assert body["count"] == 6
    assert all(Decimal(r["total_outstanding"]) > Decimal("100000") for r in body["results"])
    # A full page does not know the total: the COUNT is back (a fresh user: the forced
    # one kept its permissions from the first request).
    client = client_for(User.objects.get(pk=auditor.pk))
    with django_assert_num_queries(4):
        body = client.get(url(), {"page_size": 5}).json()
    assert body["count"] == 6 and len(body["results"]) == 5 and body["next"]


def test_one_loan_is_three_queries(django_assert_num_queries):
    loan = active_loan(tenure=24)
    client = client_for(loan.borrower)
    # permissions, the loan with its balance (an annotation), its installments (arrears)
    with django_assert_num_queries(3):
        body = client.get(url(loan)).json()
    assert body["id"] == loan.pk and body["borrower"] == loan.borrower_id


# --- schedule ------------------------------------------------------------------------


def test_schedule_rows_and_their_status_today(django_assert_num_queries):
    day = today_ist()
    loan = active_loan(disbursed_on=day - timedelta(days=75), tenure=6)
    rows = list(loan.installments.order_by("number"))
    Installment.objects.filter(pk=rows[0].pk).update(
        principal_paid=rows[0].principal_due, interest_paid=rows[0].interest_due, paid_on=day
    )
    client = client_for(loan.borrower)
    # permissions (one query), the loan, its installments (the arrears and the page)
    with django_assert_num_queries(3):
        body = client.get(url(loan, "schedule/")).json()
    assert body["count"] == 6
    got = body["results"]
    assert [r["number"] for r in got] == [1, 2, 3, 4, 5, 6]
    assert {
        "number",
        "due_date",
        "principal",
        "interest",
        "penal",
        "fees",
        "total",
        "paid",
        "status",
    } <= got[0].keys()
    assert got[0]["status"] == "paid"
    assert got[0]["paid"] == got[0]["total"] == f"{rows[0].total_due:.2f}"
    assert rows[1].due_date < day and got[1]["status"] == "overdue"
    assert rows[2].due_date >= day and got[2]["status"] == "due"
    assert got[2]["paid"] == "0.00" and got[2]["penal"] == "0.00"
    assert sum(Decimal(r["principal"]) for r in got) == Decimal("100000.00")


def test_partly_paid_future_installment_is_partially_paid():
    loan = active_loan()
    first = loan.installments.get(number=1)
    Installment.objects.filter(pk=first.pk).update(interest_paid=Decimal("10.00"))
    got = client_for(loan.borrower).get(url(loan, "schedule/")).json()["results"][0]
    assert got["status"] == "partially_paid" and got["paid"] == "10.00"


# --- disburse ------------------------------------------------------------------------


def test_finance_disburses_and_the_schedule_runs_from_the_disbursement_date():
    loan = pending_loan()
    day = today_ist() - timedelta(days=2)
    response = client_for(staff(FINANCE)).post(
        url(loan, "disburse/"), {"disbursed_on": day.isoformat(), "reference": "UTR123"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "active" and body["disbursed_on"] == day.isoformat()
    assert body["principal_outstanding"] == "100000.00"
    first = Installment.objects.get(loan=loan, number=1)
    assert body["next_due_date"] == first.due_date.isoformat()
    assert (first.due_date.year * 12 + first.due_date.month) - (day.year * 12 + day.month) == 1


def test_the_approver_cannot_disburse():
    approver = staff(CREDIT_MANAGER)
    approver.groups.add(*staff(FINANCE).groups.all())
    loan = pending_loan(approver=approver)
    response = client_for(approver).post(
        url(loan, "disburse/"), {"disbursed_on": today_ist().isoformat(), "reference": "U1"}
    )
    assert response.status_code == 403 and response.json()["code"] == "maker_checker"
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.PENDING_DISBURSEMENT and not loan.installments.exists()


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"disbursed_on": "FUTURE", "reference": "U1"}, 422, "future_dated"),
        ({"disbursed_on": "OLD", "reference": "U1"}, 422, "backdated"),
        ({"disbursed_on": "TODAY"}, 400, "validation_error"),
    ],
)
def test_disburse_refusals(body, status, code):
    loan = pending_loan()
    day = today_ist()
    dates = {"FUTURE": day + timedelta(days=1), "OLD": day - timedelta(days=8), "TODAY": day}
    body = {**body, "disbursed_on": dates[body["disbursed_on"]].isoformat()}
    response = client_for(staff(FINANCE)).post(url(loan, "disburse/"), body)
    assert response.status_code == status and response.json()["code"] == code
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.PENDING_DISBURSEMENT and loan.disbursed_on is None


def test_disbursing_twice_is_invalid_state():
    loan = active_loan()
    response = client_for(staff(FINANCE)).post(
        url(loan, "disburse/"), {"disbursed_on": today_ist().isoformat(), "reference": "U2"}
    )
    assert response.status_code == 409 and response.json()["code"] == "invalid_state"
    assert loan.journal.count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (FINANCE, 200),
        (CREDIT_MANAGER, 403),
        (LOAN_OFFICER, 403),
        (COLLECTOR, 404),
        (COLLECTIONS_MANAGER, 403),
        (AUDITOR, 403),
    ],
)
def test_disburse_permission_matrix(role, status):
    loan = pending_loan()
    response = client_for(staff(role)).post(
        url(loan, "disburse/"), {"disbursed_on": today_ist().isoformat(), "reference": "U3"}
    )
    assert response.status_code == status
    if status in (403, 404):
        assert response.json()["code"] == {403: "permission_denied", 404: "not_found"}[status]
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.status == LoanStatus.ACTIVE) is (status == 200)


def test_borrower_cannot_disburse_own_loan_and_gets_404_for_anothers():
    loan = pending_loan()
    body = {"disbursed_on": today_ist().isoformat(), "reference": "U4"}
    own = client_for(loan.borrower).post(url(loan, "disburse/"), body)
    assert own.status_code == 403 and own.json()["code"] == "permission_denied"
    other = client_for(borrower()).post(url(loan, "disburse/"), body)
    assert other.status_code == 404


# --- PATCH and the financial guard ---------------------------------------------------


def test_staff_patch_changes_notes_only():
    loan = active_loan()
    officer = staff(LOAN_OFFICER)
    response = client_for(officer).patch(url(loan), {"notes": "Called; salary credited 1st."})
    assert response.status_code == 200, response.json()
    assert response.json()["notes"] == "Called; salary credited 1st."
    event = AuditEvent.objects.get(action="loan.updated")
    assert event.actor == officer and event.target_id == str(loan.pk)
    assert event.after == {"notes": "Called; salary credited 1st."}


@pytest.mark.parametrize(
    "field",
    ["status", "dpd", "bucket", "principal", "annual_rate", "principal_outstanding", "schedule"],
)
def test_patching_a_financial_field_is_refused_whole(field):
    loan = active_loan()
    officer = staff(LOAN_OFFICER)
    response = client_for(officer).patch(url(loan), {field: "1", "notes": "sneaky"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "protected_field" and body["errors"] == {field: ["is protected"]}
    before = Loan.objects.get(pk=loan.pk)
    assert before.notes == "" and before.status == LoanStatus.ACTIVE
    assert before.principal == Decimal("100000.00") and before.dpd == 0
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.outcome == "denied" and event.actor == officer
    assert event.target_type == "loans.loan" and event.target_id == str(loan.pk)
    assert event.after["fields"] == [field]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (LOAN_OFFICER, 200),
        (CREDIT_MANAGER, 403),
        (FINANCE, 403),
        (COLLECTOR, 404),
        (COLLECTIONS_MANAGER, 403),
        (AUDITOR, 403),
    ],
)
def test_patch_permission_matrix(role, status):
    loan = active_loan()
    response = client_for(staff(role)).patch(url(loan), {"notes": "note"})
    assert response.status_code == status
    assert Loan.objects.get(pk=loan.pk).notes == ("note" if status == 200 else "")
    if status in (403, 404):
        assert response.json()["code"] == {403: "permission_denied", 404: "not_found"}[status]


def test_an_empty_patch_changes_and_records_nothing():
    loan = active_loan()
    response = client_for(staff(LOAN_OFFICER)).patch(url(loan), {})
    assert response.status_code == 200 and response.json()["notes"] == ""
    assert not AuditEvent.objects.filter(action="loan.updated").exists()


def test_borrower_patch_is_refused():
    loan = active_loan()
    response = client_for(loan.borrower).patch(url(loan), {"notes": "mine"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Loan.objects.get(pk=loan.pk).notes == ""
    other = client_for(borrower()).patch(url(loan), {"notes": "x"})
    assert other.status_code == 404


def test_borrower_writing_their_balance_is_on_record():
    loan = active_loan()
    response = client_for(loan.borrower).patch(url(loan), {"principal_outstanding": "0.00"})
    assert response.status_code == 403 and response.json()["code"] == "protected_field"
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.actor == loan.borrower and event.after["fields"] == ["principal_outstanding"]


def test_put_and_delete_are_not_offered():
    loan = active_loan()
    client = client_for(staff(LOAN_OFFICER))
    assert client.put(url(loan), {"notes": "x"}).status_code == 405
    assert client.delete(url(loan)).status_code == 405
    assert client.post(url(), {"principal": "1"}).status_code == 405
