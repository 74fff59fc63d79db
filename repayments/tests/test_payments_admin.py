"""The payments officer console: entry form, reversal action, register with its filters
and CSV download, refunds; refusals as form errors with nothing written."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import JournalEntry, Loan
from loans.tests.factories import active_loan, pending_loan
from repayments.models import CreditRefund, Payment, PaymentReversal
from repayments.selectors import credit_balance, foreclosure_quote
from repayments.services.payments import payment_post

pytestmark = pytest.mark.django_db
ADD = "admin:repayments_payment_add"
LIST = "admin:repayments_payment_changelist"
EXPORT = "admin:repayments_payment_export"
REFUND_ADD = "admin:repayments_creditrefund_add"


def signed_in(client, user):
    client.force_login(user)
    return client


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def due_loan(**kwargs) -> Loan:
    return active_loan(disbursed_on=today_ist() - timedelta(days=35), **kwargs)


def post_payment(
    *, loan, by, amount="1000.00", utr=None, channel="neft", paid_on=None, source="api"
):
    return payment_post(
        source=source,
        acting_user=by,
        loan=loan,
        amount=Decimal(amount),
        paid_on=paid_on or today_ist(),
        channel=channel,
        utr=utr or f"U{Payment.objects.count() + 1:06d}",
    )


def form_data(loan, **overrides) -> dict:
    data = {
        "loan": str(loan.pk),
        "amount": "1500.00",
        "paid_on": today_ist().isoformat(),
        "channel": "cash",
        "utr": "RCPT-001",
    }
    return {**data, **overrides}


# --- entry form ------------------------------------------------------------------------


@pytest.mark.parametrize("role", [FINANCE, LOAN_OFFICER])
def test_entry_form_posts_through_the_service_and_shows_the_allocation(client, role):
    loan = due_loan()
    first = loan.installments.order_by("number").first()
    officer = staff(role)
    signed_in(client, officer)
    page = client.get(reverse(ADD))
    assert page.status_code == 200
    assert page.context["form"]["paid_on"].value() == today_ist()

    amount = f"{first.total_due:.2f}"
    response = client.post(reverse(ADD), form_data(loan, amount=amount))
    payment = Payment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:repayments_payment_change", args=[payment.pk])
    assert (payment.received_by, payment.source, payment.channel) == (officer, "admin", "cash")
    assert payment.principal == first.principal_due and payment.interest == first.interest_due
    left = loan.principal - first.principal_due
    [message] = texts(response)
    assert message.startswith(f"Payment RCPT-001 of {format_inr(first.total_due)} posted: ")
    assert f"interest {format_inr(first.interest_due)}" in message
    assert f"principal {format_inr(first.principal_due)}, excess ₹0.00" in message
    assert f"loan #{loan.pk} is now active, principal outstanding {format_inr(left)}" in message

    detail = client.get(response["Location"])
    assert detail.status_code == 200
    html = detail.content.decode()
    assert ">Allocation</h2>" in html and "Loan as it stands now" in html
    assert f"<li>principal outstanding: {format_inr(left)}</li>" in html
    assert "<li>days past due: 0</li>" in html
    inline = detail.context["inline_admin_formsets"][0]
    assert inline.opts.verbose_name_plural == "allocation by installment"
    [row] = inline.formset.queryset
    assert (row.installment_id, row.principal, row.interest) == (
        first.pk,
        first.principal_due,
        first.interest_due,
    )
    # view only: no save button, nothing editable
    assert not detail.context["has_change_permission"]
    assert 'name="_save"' not in html


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"paid_on": "8 days ago"}, "paid_on", "7 days"),
        ({"paid_on": "tomorrow"}, "paid_on", "future"),
        ({"amount": "0.50"}, "amount", "₹"),
    ],
)
def test_a_refusal_is_a_form_error_next_to_its_field_and_writes_nothing(
    client, overrides, field, words
):
    loan = due_loan()
    days = {"8 days ago": -8, "tomorrow": 1}
    if "paid_on" in overrides:
        overrides = {
            "paid_on": (today_ist() + timedelta(days=days[overrides["paid_on"]])).isoformat()
        }
    signed_in(client, staff(FINANCE))
    entries = JournalEntry.objects.count()
    response = client.post(reverse(ADD), form_data(loan, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert words in errors[field][0]
    assert "Nothing was recorded" in response.content.decode()
    assert Payment.objects.count() == 0 and JournalEntry.objects.count() == entries


def test_duplicate_utr_is_shown_on_the_utr_field(client):
    loan = due_loan()
    post_payment(loan=loan, by=staff(FINANCE), utr="RCPT-001")
    signed_in(client, staff(LOAN_OFFICER))
    response = client.post(reverse(ADD), form_data(loan))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["utr"] and "RCPT-001" in errors["utr"][0]
    assert Payment.objects.count() == 1


def test_a_loan_that_is_not_active_is_a_plain_form_error(client):
    loan = pending_loan()
    signed_in(client, staff(FINANCE))
    response = client.post(reverse(ADD), form_data(loan))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors and f"#{loan.pk}" in " ".join(
        e for errs in form.errors.values() for e in errs
    )
    assert Payment.objects.count() == 0


def test_the_loan_box_finds_loans_by_borrower_email(client):
    loan, _other = due_loan(), due_loan()
    signed_in(client, staff(LOAN_OFFICER))
    query = {"app_label": "repayments", "model_name": "payment", "field_name": "loan"}
    found = client.get(reverse("admin:autocomplete"), {**query, "term": loan.borrower.email})
    assert found.status_code == 200
    assert [r["id"] for r in found.json()["results"]] == [str(loan.pk)]


@pytest.mark.parametrize("role", [AUDITOR, CREDIT_MANAGER, COLLECTOR])
def test_entry_form_needs_the_permission(client, role):
    loan = due_loan()
    signed_in(client, staff(role))
    assert client.get(reverse(ADD)).status_code == 403
    assert client.post(reverse(ADD), form_data(loan)).status_code == 403
    assert Payment.objects.count() == 0


def test_payments_are_never_deleted_or_edited(client):
    payment = post_payment(loan=due_loan(), by=staff(FINANCE))
    signed_in(client, staff(FINANCE))
    change = reverse("admin:repayments_payment_change", args=[payment.pk])
    response = client.post(change, {"amount": "1.00", "utr": "EDITED"})
    assert response.status_code == 403
    delete = reverse("admin:repayments_payment_delete", args=[payment.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    payment = Payment.objects.get(pk=payment.pk)
    assert (payment.amount, payment.utr) == (Decimal("1000.00"), payment.utr)
    assert Payment.objects.count() == 1


# --- reversal action -------------------------------------------------------------------


def reverse_action(client, payment, **form):
    data = {"action": "reverse_selected", "_selected_action": [str(payment.pk)], "index": "0"}
    return client.post(reverse(LIST), {**data, **form})


def test_reverse_asks_for_a_reason_then_reverses(client):
    payment = post_payment(loan=due_loan(), by=staff(FINANCE))
    signed_in(client, staff(FINANCE))
    ask = reverse_action(client, payment)
    assert ask.status_code == 200
    assert "reason" in ask.context["form"].fields and payment.utr in ask.content.decode()
    done = reverse_action(client, payment, apply="1", reason="Cheque bounced")
    assert done.status_code == 302
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.status == "reversed"
    assert PaymentReversal.objects.get(payment=payment).reason == "Cheque bounced"
    assert any(f"Payment {payment.utr} reversed" in m for m in texts(done))


def test_the_poster_cannot_reverse_and_is_told_why(client):
    maker = staff(FINANCE)
    payment = post_payment(loan=due_loan(), by=maker)
    signed_in(client, maker)
    response = reverse_action(client, payment, apply="1", reason="Wrong loan")
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error == f"You posted payment {payment.pk}; someone else in finance must reverse it."
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.status == "posted" and not PaymentReversal.objects.exists()


def test_reverse_action_is_only_offered_to_finance(client):
    payment = post_payment(loan=due_loan(), by=staff(FINANCE))
    signed_in(client, staff(LOAN_OFFICER))
    page = client.get(reverse(LIST))
    assert page.status_code == 200 and page.context["action_form"] is None  # no actions at all
    reverse_action(client, payment, apply="1", reason="x")
    payment = Payment.objects.get(pk=payment.pk)
    assert payment.status == "posted"


def test_reverse_needs_exactly_one_payment(client):
    officer = staff(FINANCE)
    loan = due_loan()
    a, b = post_payment(loan=loan, by=officer), post_payment(loan=loan, by=officer)
    signed_in(client, staff(FINANCE))
    data = {"action": "reverse_selected", "_selected_action": [a.pk, b.pk], "index": "0"}
    response = client.post(reverse(LIST), data)
    assert response.status_code == 302
    assert any("exactly one" in m for m in texts(response))
    assert not PaymentReversal.objects.exists()


# --- register ----------------------------------------------------------------------------


@pytest.fixture
def register():
    finance, officer = staff(FINANCE), staff(LOAN_OFFICER)
    today = today_ist()
    loans = [due_loan(), due_loan()]
    post_payment(loan=loans[0], by=finance, utr="R-UPI-1", channel="upi", paid_on=today)
    post_payment(
        loan=loans[0],
        by=officer,
        utr="R-CASH-1",
        channel="cash",
        paid_on=today - timedelta(3),
        source="admin",
    )
    post_payment(loan=loans[1], by=finance, utr="R-UPI-2", channel="upi", paid_on=today)
    post_payment(loan=loans[1], by=finance, utr="987654321012", channel="imps", paid_on=today)
    return {"finance": finance, "officer": officer, "loans": loans}


def utrs(response) -> list[str]:
    return sorted(p.utr for p in response.context["cl"].result_list)


def test_register_filters_and_search(client, register):
    signed_in(client, staff(AUDITOR))
    page = client.get(reverse(LIST))
    assert page.status_code == 200
    assert utrs(page) == ["987654321012", "R-CASH-1", "R-UPI-1", "R-UPI-2"]
    assert utrs(client.get(reverse(LIST), {"channel__exact": "upi"})) == ["R-UPI-1", "R-UPI-2"]
    by_officer = client.get(reverse(LIST), {"received_by__id__exact": register["officer"].pk})
    assert utrs(by_officer) == ["R-CASH-1"]
    assert utrs(client.get(reverse(LIST), {"status__exact": "reversed"})) == []
    assert utrs(client.get(reverse(LIST), {"source__exact": "admin"})) == ["R-CASH-1"]
    day = (today_ist() - timedelta(3)).isoformat()
    ranged = client.get(reverse(LIST), {"paid_on__gte": day, "paid_on__lte": day})
    assert utrs(ranged) == ["R-CASH-1"]
    open_ended = client.get(reverse(LIST), {"paid_on__gte": "", "paid_on__lte": day})
    assert utrs(open_ended) == ["R-CASH-1"]
    today = today_ist()
    hierarchy = client.get(
        reverse(LIST),
        {"paid_on__year": today.year, "paid_on__month": today.month, "paid_on__day": today.day},
    )
    assert utrs(hierarchy) == ["987654321012", "R-UPI-1", "R-UPI-2"]
    assert utrs(client.get(reverse(LIST), {"q": "R-UPI-2"})) == ["R-UPI-2"]
    loan = register["loans"][0]
    assert utrs(client.get(reverse(LIST), {"q": str(loan.pk)})) == ["R-CASH-1", "R-UPI-1"]
    assert utrs(client.get(reverse(LIST), {"q": "987654321012"})) == ["987654321012"]
    assert utrs(client.get(reverse(LIST), {"q": loan.borrower.email})) == ["R-CASH-1", "R-UPI-1"]
    # the range form keeps the other filters
    filtered = client.get(reverse(LIST), {"channel__exact": "upi"}).content.decode()
    assert 'type="hidden" name="channel__exact" value="upi"' in filtered


def test_register_query_count_does_not_grow_with_payments(
    client, register, django_assert_max_num_queries
):
    signed_in(client, staff(AUDITOR))
    client.get(reverse(LIST))  # warm the session and content types
    with django_assert_max_num_queries(14) as few:
        client.get(reverse(LIST))
    for n in range(6):
        post_payment(loan=register["loans"][1], by=register["finance"], amount="10.00", utr=f"M{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse(LIST))
    assert page.context["cl"].result_count == 10


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="payments-')
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_download_honours_the_filters(client, register):
    signed_in(client, staff(AUDITOR))
    page = client.get(reverse(LIST), {"channel__exact": "upi"})
    assert f"{reverse(EXPORT)}?channel__exact=upi" in page.content.decode()
    rows = read_csv(client.get(reverse(EXPORT), {"channel__exact": "upi"}))
    assert sorted(r["utr"] for r in rows) == ["R-UPI-1", "R-UPI-2"]
    row = next(r for r in rows if r["utr"] == "R-UPI-1")
    loan = register["loans"][0]
    assert row["loan"] == str(loan.pk) and row["borrower_email"] == loan.borrower.email
    assert row["amount"] == "1000.00" and row["channel"] == "upi" and row["status"] == "posted"
    assert row["received_by"] == register["finance"].email
    assert Decimal(row["interest"]) + Decimal(row["principal"]) == Decimal("1000.00")
    assert row["posted_at"].endswith("+05:30") and row["reversed_on"] == ""
    everything = read_csv(client.get(reverse(EXPORT)))
    assert len(everything) == 4
    searched = read_csv(client.get(reverse(EXPORT), {"q": "R-CASH"}))
    assert [r["utr"] for r in searched] == ["R-CASH-1"]


def test_csv_cells_that_look_like_formulas_are_quoted(client):
    post_payment(loan=due_loan(), by=staff(FINANCE), utr="=HYPERLINK(1)")
    signed_in(client, staff(FINANCE))
    [row] = read_csv(client.get(reverse(EXPORT)))
    assert row["utr"] == "'=HYPERLINK(1)"


def test_csv_download_needs_the_view_permission(client, register):
    signed_in(client, staff(CREDIT_MANAGER))
    assert client.get(reverse(EXPORT)).status_code == 403
    assert client.get(reverse(LIST)).status_code == 403


# --- refunds and charges ---------------------------------------------------------------


def overpaid_loan(extra: Decimal = Decimal("500.00")) -> Loan:
    loan = due_loan()
    total = foreclosure_quote(loan=loan, as_of=today_ist()).total
    post_payment(loan=loan, by=staff(FINANCE), amount=f"{total + extra:.2f}")
    assert credit_balance(loan) == extra
    return loan


def test_refund_form_refunds_through_the_service(client):
    loan = overpaid_loan()
    officer = staff(FINANCE)
    signed_in(client, officer)
    page = client.get(reverse(REFUND_ADD), {"loan": loan.pk})
    assert page.status_code == 200
    assert f"Loan #{loan.pk} has ₹500.00 in credit." in page.content.decode()
    assert page.context["form"]["loan"].value() == str(loan.pk)
    data = {
        "loan": str(loan.pk),
        "amount": "200.00",
        "reference": "RF-1",
        "refunded_on": today_ist().isoformat(),
    }
    response = client.post(reverse(REFUND_ADD), data)
    assert response.status_code == 302
    refund = CreditRefund.objects.get()
    assert (refund.amount, refund.refunded_by, refund.reference) == (
        Decimal("200.00"),
        officer,
        "RF-1",
    )
    assert any("credit balance left ₹300.00" in m for m in texts(response))


def test_refund_beyond_the_balance_is_a_form_error(client):
    loan = overpaid_loan()
    signed_in(client, staff(FINANCE))
    data = {
        "loan": str(loan.pk),
        "amount": "900.00",
        "reference": "RF-2",
        "refunded_on": today_ist().isoformat(),
    }
    response = client.post(reverse(REFUND_ADD), data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not CreditRefund.objects.exists()


@pytest.mark.parametrize("role", [LOAN_OFFICER, AUDITOR])
def test_refund_form_is_for_finance_only(client, role):
    signed_in(client, staff(role))
    assert client.get(reverse(REFUND_ADD)).status_code == 403


def test_charges_and_refunds_are_read_only(client):
    signed_in(client, staff(AUDITOR))
    assert client.get(reverse("admin:repayments_charge_changelist")).status_code == 200
    assert client.get(reverse("admin:repayments_charge_add")).status_code == 403
    assert client.get(reverse("admin:repayments_creditrefund_changelist")).status_code == 200
    assert client.get(reverse("admin:repayments_paymentreversal_changelist")).status_code == 200
