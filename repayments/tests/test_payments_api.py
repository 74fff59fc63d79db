"""The payments API: shapes, refusals as problem+json, the permission matrix per role and
object-level 404s. The rules themselves are tested with the services; here each one is
checked to reach the client with its status and code, and to write nothing."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.models import JournalEntry, Loan, LoanStatus
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan
from repayments.models import Payment, PaymentReversal, PaymentStatus
from repayments.selectors import credit_balance

pytestmark = pytest.mark.django_db
_keys = itertools.count(1)
ALLOCATION = {"penal", "fees", "interest", "principal", "excess"}
LOAN_AFTER = {"status", "principal_outstanding", "total_outstanding", "dpd", "bucket"}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def post(client, path, body):
    return client.post(path, body, format="json", HTTP_IDEMPOTENCY_KEY=f"test-{next(_keys)}")


def due_loan(**kwargs) -> Loan:
    """A loan disbursed 35 days ago: its first installment is due, nothing is overdue for
    long, and a payment today is within the backdating window."""
    return active_loan(disbursed_on=today_ist() - timedelta(days=35), **kwargs)


def first(loan):
    return loan.installments.order_by("number").first()


def body_for(loan, /, **overrides) -> dict:
    """A valid body: the first installment in full, today, by NEFT."""
    installment = first(loan)
    body = {
        "loan": loan.pk,
        "amount": f"{installment.total_due:.2f}" if installment else "1000.00",
        "paid_on": today_ist().isoformat(),
        "channel": "neft",
        "utr": f"N{loan.pk:08d}",
    }
    return {**body, **overrides}


def pay(loan, *, by=None, **overrides) -> Payment:
    response = post(
        client_for(by or staff(FINANCE)), "/api/v1/payments/", body_for(loan, **overrides)
    )
    assert response.status_code == 201, response.json()
    return Payment.objects.get(pk=response.json()["id"])


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code and body["status"] == status
    return body


# --- posting -------------------------------------------------------------------------


def test_post_answers_the_payment_with_its_allocation_and_the_loan_after():
    loan = due_loan()
    inst = first(loan)
    officer = staff(FINANCE)
    response = post(client_for(officer), "/api/v1/payments/", body_for(loan, channel="upi"))
    assert response.status_code == 201
    body = response.json()
    payment = Payment.objects.get()
    assert body["id"] == payment.pk and body["loan"] == loan.pk
    assert body["amount"] == f"{inst.total_due:.2f}"
    assert body["paid_on"] == today_ist().isoformat()
    assert (body["channel"], body["utr"], body["status"]) == ("upi", f"N{loan.pk:08d}", "posted")
    assert body["allocation"] == {
        "penal": "0.00",
        "fees": "0.00",
        "interest": f"{inst.interest_due:.2f}",
        "principal": f"{inst.principal_due:.2f}",
        "excess": "0.00",
    }
    rest = sum((i.total_due for i in loan.installments.all()), Decimal("0")) - inst.total_due
    assert body["loan_after"] == {
        "status": "active",
        "principal_outstanding": f"{loan.principal - inst.principal_due:.2f}",
        "total_outstanding": f"{rest:.2f}",
        "dpd": 0,
        "bucket": "current",
    }
    assert (payment.received_by, payment.source) == (officer, "api")
    inst.refresh_from_db()
    assert inst.outstanding == 0


def test_loan_officer_may_post_too():
    loan = due_loan()
    payment = pay(loan, by=staff(LOAN_OFFICER), amount="1000.00")
    assert payment.amount == Decimal("1000.00") and payment.interest == Decimal("1000.00")


def test_duplicate_utr_is_409_with_the_field_error_and_nothing_more_is_written():
    loan = due_loan()
    pay(loan, amount="1000.00", utr="DUP123")
    entries = JournalEntry.objects.count()
    response = post(
        client_for(staff(FINANCE)),
        "/api/v1/payments/",
        body_for(loan, amount="500.00", utr="DUP123"),
    )
    body = problem(response, 409, "duplicate_utr")
    assert body["errors"] == {"utr": ["already used"]}
    assert "DUP123" in body["detail"]
    assert Payment.objects.count() == 1 and JournalEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"paid_on": "tomorrow"}, 422, "future_dated"),
        ({"paid_on": "8 days ago"}, 422, "backdated"),
        ({"amount": "0.50"}, 422, "amount_out_of_range"),
        ({"amount": "10000000.01"}, 422, "amount_out_of_range"),
        ({"amount": "-5.00"}, 422, "amount_out_of_range"),
    ],
)
def test_each_refusal_has_its_status_and_code_and_writes_nothing(overrides, status, code):
    loan = due_loan()
    days = {"tomorrow": 1, "8 days ago": -8}
    if "paid_on" in overrides:
        overrides = {
            "paid_on": (today_ist() + timedelta(days=days[overrides["paid_on"]])).isoformat()
        }
    officer = staff(FINANCE)
    entries, last_event = JournalEntry.objects.count(), AuditEvent.objects.latest("id").pk
    response = post(client_for(officer), "/api/v1/payments/", body_for(loan, **overrides))
    problem(response, status, code)
    assert Payment.objects.count() == 0 and JournalEntry.objects.count() == entries
    # the refusal itself is on record, and nothing else
    events = list(AuditEvent.objects.filter(pk__gt=last_event))
    assert [(e.outcome, e.actor) for e in events] == [("denied", officer)]


def test_loan_not_active_is_409():
    loan = pending_loan()
    response = post(client_for(staff(FINANCE)), "/api/v1/payments/", body_for(loan))
    problem(response, 409, "loan_not_active")
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": "abc"}, "amount"),
        ({"paid_on": "31-01-2026"}, "paid_on"),
        ({"channel": "bitcoin"}, "channel"),
        ({"utr": ""}, "utr"),
        ({"loan": 999999}, "loan"),
    ],
)
def test_malformed_input_is_400_validation_error(overrides, field):
    loan = due_loan()
    response = post(client_for(staff(FINANCE)), "/api/v1/payments/", body_for(loan, **overrides))
    body = problem(response, 400, "validation_error")
    assert field in body["errors"]
    assert Payment.objects.count() == 0


@pytest.mark.parametrize(
    "extra",
    [{"allocation": {"principal": "1.00"}}, {"status": "reversed"}, {"received_by": 1}],
)
def test_protected_fields_are_refused_whole_and_audited(extra):
    loan = due_loan()
    officer = staff(FINANCE)
    response = post(client_for(officer), "/api/v1/payments/", {**body_for(loan), **extra})
    body = problem(response, 403, "protected_field")
    assert set(body["errors"]) == set(extra)
    assert Payment.objects.count() == 0
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.actor == officer and event.outcome == "denied"
    assert event.after["fields"] == sorted(extra)


@pytest.mark.parametrize("role", [CREDIT_MANAGER, AUDITOR])
def test_staff_without_the_permission_get_403(role):
    loan = due_loan()
    response = post(client_for(staff(role)), "/api/v1/payments/", body_for(loan))
    problem(response, 403, "permission_denied")
    assert Payment.objects.count() == 0


def test_borrower_cannot_post_on_their_own_loan():
    loan = due_loan()
    response = post(client_for(loan.borrower), "/api/v1/payments/", body_for(loan))
    problem(response, 403, "permission_denied")
    assert Payment.objects.count() == 0


def test_a_loan_the_caller_cannot_see_tells_them_nothing():
    # Collectors and other borrowers may not post at all: they are refused before the body
    # is read, the same way for someone else's loan as for an id that does not exist.
    loan = due_loan()
    for user in (staff(COLLECTOR), kyc_verified_borrower()):
        seen = post(client_for(user), "/api/v1/payments/", body_for(loan))
        missing = post(client_for(user), "/api/v1/payments/", body_for(loan, loan=loan.pk + 999))
        assert problem(seen, 403, "permission_denied") == problem(missing, 403, "permission_denied")
    assert Payment.objects.count() == 0


def test_anonymous_gets_401():
    loan = due_loan()
    problem(post(client_for(None), "/api/v1/payments/", body_for(loan)), 401, "not_authenticated")
    problem(client_for(None).get("/api/v1/payments/"), 401, "not_authenticated")


# --- listing and reading ---------------------------------------------------------------


@pytest.fixture
def two_loans_paid():
    mine, theirs = due_loan(), due_loan()
    pay(mine, amount="1000.00", utr="MINE1", channel="upi")
    pay(mine, amount="2000.00", utr="MINE2", channel="neft")
    pay(theirs, amount="3000.00", utr="THEIRS1", channel="upi")
    return mine, theirs


@pytest.mark.parametrize("role", [FINANCE, LOAN_OFFICER, AUDITOR])
def test_staff_with_the_view_permission_see_every_payment(role, two_loans_paid):
    body = client_for(staff(role)).get("/api/v1/payments/").json()
    assert body["count"] == 3 and {"next", "previous", "results"} <= body.keys()
    row = body["results"][0]
    assert row.keys() >= {
        "id",
        "loan",
        "amount",
        "paid_on",
        "channel",
        "utr",
        "status",
        "allocation",
    }
    assert row["allocation"].keys() == ALLOCATION


@pytest.mark.parametrize("role", [CREDIT_MANAGER, COLLECTOR])
def test_staff_without_the_view_permission_see_none(role, two_loans_paid):
    assert client_for(staff(role)).get("/api/v1/payments/").json()["count"] == 0


def test_borrower_sees_only_payments_on_their_own_loans(two_loans_paid):
    mine, theirs = two_loans_paid
    client = client_for(mine.borrower)
    body = client.get("/api/v1/payments/").json()
    assert sorted(r["utr"] for r in body["results"]) == ["MINE1", "MINE2"]
    assert client.get("/api/v1/payments/", {"loan": theirs.pk}).json()["count"] == 0
    other = Payment.objects.get(utr="THEIRS1")
    problem(client.get(f"/api/v1/payments/{other.pk}/"), 404, "not_found")
    own = Payment.objects.get(utr="MINE1")
    detail = client.get(f"/api/v1/payments/{own.pk}/").json()
    assert (detail["utr"], detail["amount"]) == ("MINE1", "1000.00")
    assert detail["allocation"]["interest"] == "1000.00"


def test_filters_loan_channel_status_and_date_range(two_loans_paid):
    mine, _ = two_loans_paid
    client = client_for(staff(AUDITOR))

    def utrs(**params):
        return sorted(r["utr"] for r in client.get("/api/v1/payments/", params).json()["results"])

    assert utrs(loan=mine.pk) == ["MINE1", "MINE2"]
    assert utrs(channel="upi") == ["MINE1", "THEIRS1"]
    assert utrs(loan=mine.pk, channel="upi") == ["MINE1"]
    today = today_ist()
    assert len(utrs(paid_on_from=today.isoformat(), paid_on_to=today.isoformat())) == 3
    assert utrs(paid_on_to=(today - timedelta(days=1)).isoformat()) == []
    assert utrs(status="reversed") == []
    Payment.objects.filter(utr="MINE2").update(status=PaymentStatus.REVERSED)
    assert utrs(status="reversed") == ["MINE2"]
    problem(client.get("/api/v1/payments/", {"paid_on_from": "yesterday"}), 400, "validation_error")
    problem(client.get("/api/v1/payments/", {"channel": "bitcoin"}), 400, "validation_error")


def test_list_costs_the_same_few_queries_for_many_payments(django_assert_max_num_queries):
    for n in range(3):
        loan = due_loan()
        for k in range(3):
            pay(loan, amount="100.00", utr=f"Q{n}-{k}")
    client = client_for(staff(AUDITOR))
    # permissions (user + groups), count, page
    with django_assert_max_num_queries(4):
        body = client.get("/api/v1/payments/").json()
    assert body["count"] == 9


# --- reversal --------------------------------------------------------------------------


def test_reversal_by_another_finance_officer():
    loan = due_loan()
    payment = pay(loan, by=staff(FINANCE))
    checker = staff(FINANCE)
    response = post(
        client_for(checker), f"/api/v1/payments/{payment.pk}/reverse/", {"reason": "Cheque bounced"}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    reversal = PaymentReversal.objects.get()
    assert body["id"] == reversal.pk and body["payment"] == payment.pk
    assert (body["reason"], body["reversed_by"]) == ("Cheque bounced", checker.pk)
    assert body["reversed_on"] == today_ist().isoformat()
    assert body["loan_after"].keys() == LOAN_AFTER
    assert body["loan_after"]["principal_outstanding"] == f"{loan.principal:.2f}"
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.status == "reversed"


def test_the_poster_cannot_reverse_their_own_payment():
    loan = due_loan()
    maker = staff(FINANCE)
    payment = pay(loan, by=maker)
    response = post(client_for(maker), f"/api/v1/payments/{payment.pk}/reverse/", {"reason": "x"})
    problem(response, 403, "maker_checker")
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.status == "posted" and not PaymentReversal.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(LOAN_OFFICER, 403), (AUDITOR, 403)])
def test_reversal_needs_finance(role, status):
    payment = pay(due_loan())
    response = post(
        client_for(staff(role)), f"/api/v1/payments/{payment.pk}/reverse/", {"reason": "x"}
    )
    problem(response, status, "permission_denied")
    assert not PaymentReversal.objects.exists()


def test_reversal_of_a_payment_the_caller_cannot_see_is_404():
    payment = pay(due_loan())
    for user in (staff(CREDIT_MANAGER), staff(COLLECTOR), kyc_verified_borrower()):
        response = post(
            client_for(user), f"/api/v1/payments/{payment.pk}/reverse/", {"reason": "x"}
        )
        problem(response, 404, "not_found")
    owner = post(
        client_for(payment.loan.borrower),
        f"/api/v1/payments/{payment.pk}/reverse/",
        {"reason": "x"},
    )
    problem(owner, 403, "permission_denied")
    anonymous = post(client_for(None), f"/api/v1/payments/{payment.pk}/reverse/", {"reason": "x"})
    problem(anonymous, 401, "not_authenticated")
    assert not PaymentReversal.objects.exists()


def test_reversal_needs_a_reason():
    payment = pay(due_loan())
    response = post(client_for(staff(FINANCE)), f"/api/v1/payments/{payment.pk}/reverse/", {})
    assert "reason" in problem(response, 400, "validation_error")["errors"]


# --- foreclosure quote -----------------------------------------------------------------


def quote_url(loan):
    return f"/api/v1/loans/{loan.pk}/foreclosure-quote/"


def test_foreclosure_quote_shape_and_default_date():
    loan = due_loan()
    body = client_for(loan.borrower).get(quote_url(loan)).json()
    assert body.keys() >= {"as_of", "principal", "interest", "penal", "fees", "total"}
    assert body["as_of"] == today_ist().isoformat()
    assert body["principal"] == f"{loan.principal:.2f}"
    parts = sum(Decimal(body[k]) for k in ("principal", "interest", "penal", "fees"))
    assert Decimal(body["total"]) == parts
    assert Decimal(body["interest"]) > 0  # 35 days of interest have accrued


def test_foreclosure_quote_pays_the_loan_off():
    loan = due_loan()
    day = today_ist()
    total = (
        client_for(staff(FINANCE)).get(quote_url(loan), {"as_of": day.isoformat()}).json()["total"]
    )
    payment = pay(loan, amount=total)
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.FORECLOSED and loan.principal_outstanding == 0
    assert payment.excess == 0
    # a closed loan has nothing left to quote
    problem(client_for(loan.borrower).get(quote_url(loan)), 409, "invalid_state")


@pytest.mark.parametrize("role", [FINANCE, LOAN_OFFICER, CREDIT_MANAGER, AUDITOR])
def test_staff_who_see_loans_get_the_quote(role):
    loan = due_loan()
    assert client_for(staff(role)).get(quote_url(loan)).status_code == 200


def test_foreclosure_quote_is_404_for_others_and_401_for_anonymous():
    loan = due_loan()
    for user in (staff(COLLECTOR), kyc_verified_borrower()):
        problem(client_for(user).get(quote_url(loan)), 404, "not_found")
    problem(client_for(None).get(quote_url(loan)), 401, "not_authenticated")


def test_foreclosure_quote_bad_date_is_400():
    loan = due_loan()
    response = client_for(loan.borrower).get(quote_url(loan), {"as_of": "31/12/2026"})
    assert "as_of" in problem(response, 400, "validation_error")["errors"]


# --- refund of a credit balance --------------------------------------------------------


def overpaid_loan(extra: Decimal = Decimal("500.00")) -> Loan:
    loan = due_loan()
    total = Decimal(client_for(staff(FINANCE)).get(quote_url(loan)).json()["total"])
    payment = pay(loan, amount=f"{total + extra:.2f}", utr=f"OVER{loan.pk}")
    assert payment.excess == extra
    return loan


def refund_url(loan):
    return f"/api/v1/loans/{loan.pk}/refund/"


def test_finance_refunds_the_credit_balance():
    loan = overpaid_loan()
    assert credit_balance(loan) == Decimal("500.00")
    officer = staff(FINANCE)
    response = post(client_for(officer), refund_url(loan), {"amount": "300.00", "reference": "RF1"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["loan"], body["amount"], body["reference"]) == (loan.pk, "300.00", "RF1")
    assert body["refunded_by"] == officer.pk
    assert body["refunded_on"] == today_ist().isoformat()
    assert body["credit_balance"] == "200.00"


def test_refund_beyond_the_credit_balance_is_refused():
    loan = overpaid_loan()
    response = post(
        client_for(staff(FINANCE)), refund_url(loan), {"amount": "500.01", "reference": "RF2"}
    )
    body = problem(response, 400, "validation_error")
    assert body["errors"] == {"amount": ["more than the credit balance"]}
    assert "₹500.00" in body["detail"]
    assert not loan.refunds.exists() and credit_balance(loan) == Decimal("500.00")


def test_refund_permission_matrix():
    loan = overpaid_loan()
    body = {"amount": "100.00", "reference": "RF3"}
    for role in (LOAN_OFFICER, CREDIT_MANAGER, AUDITOR):
        problem(post(client_for(staff(role)), refund_url(loan), body), 403, "permission_denied")
    problem(post(client_for(loan.borrower), refund_url(loan), body), 403, "permission_denied")
    for user in (staff(COLLECTOR), kyc_verified_borrower()):
        problem(post(client_for(user), refund_url(loan), body), 404, "not_found")
    problem(post(client_for(None), refund_url(loan), body), 401, "not_authenticated")
    assert not loan.refunds.exists()


def test_refund_refuses_protected_fields():
    loan = overpaid_loan()
    response = post(
        client_for(staff(FINANCE)),
        refund_url(loan),
        {"amount": "100.00", "reference": "RF4", "refunded_by": 1},
    )
    problem(response, 403, "protected_field")
    assert not loan.refunds.exists()
