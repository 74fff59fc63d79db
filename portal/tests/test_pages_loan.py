"""The borrower's loan page (/loans/<id>/): schedule marks, payments, foreclosure quote,
statement downloads. The cooling-off exit on this page: repayments/tests/test_pages_exit.py."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment, Loan, LoanStatus
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan
from repayments.selectors import foreclosure_quote
from repayments.services.payments import payment_post

pytestmark = pytest.mark.django_db


def _url(loan, name="borrower:loan") -> str:
    return reverse(name, args=[loan.pk])


def _get(client, loan, params=None, status=200) -> str:
    client.force_login(loan.borrower)
    response = client.get(_url(loan), params or {})
    assert response.status_code == status
    return response.content.decode()


def _pay(loan, amount, utr, *, paid_on=None):
    return payment_post(
        acting_user=staff(FINANCE),
        loan=loan,
        amount=Decimal(amount),
        paid_on=paid_on or today_ist(),
        channel="upi",
        utr=utr,
    )


def _marks(html: str) -> list[str]:
    schedule = html.split('<table class="schedule">', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<td data-label="Status">([^<]*)</td>', schedule)


def test_url_name_login_and_other_borrowers(client):
    loan = active_loan()
    assert _url(loan) == f"/loans/{loan.pk}/"
    response = client.get(_url(loan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(kyc_verified_borrower())
    for name in ("borrower:loan", "borrower:statement", "borrower:pay"):
        assert client.get(_url(loan, name)).status_code == 404
    assert client.post(_url(loan, "borrower:exit"), {"reference": "X"}).status_code == 404
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE


def test_schedule_marks_paid_partly_paid_and_overdue(client, monkeypatch):
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=70))
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    first_total = rows[0].principal_due + rows[0].interest_due
    _pay(loan, first_total, "UTR-MARK-1")
    _pay(loan, "1000.00", "UTR-MARK-2")
    html = _get(client, loan)
    marks = _marks(html)
    assert marks[:3] == ["Paid", "Overdue (partly paid)", "Due"]
    assert set(marks[3:]) == {"Due"}
    assert 'class="status-paid"' in html and 'class="status-overdue"' in html
    # As of the second due date itself, a partly paid installment is not yet overdue.
    monkeypatch.setattr("portal.views.loan.today_ist", lambda: rows[1].due_date)
    monkeypatch.setattr("loans.selectors.today_ist", lambda: rows[1].due_date)
    assert _marks(_get(client, loan))[:3] == ["Paid", "Partly paid", "Due"]


def test_payments_are_listed_newest_first(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=5))
    _pay(loan, "2500.00", "UTR-LIST-1", paid_on=today_ist() - timedelta(days=2))
    _pay(loan, "1000.50", "UTR-LIST-2")
    html = _get(client, loan)
    section = html.split('id="payments-title"', 1)[1]
    assert section.index("UTR-LIST-2") < section.index("UTR-LIST-1")
    assert "₹2,500.00" in section and "₹1,000.50" in section
    assert "No payments yet." not in html


def test_foreclosure_quote_for_a_chosen_date(client):
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=20))
    on = today + timedelta(days=5)
    quote = foreclosure_quote(loan, as_of=on)
    html = _get(client, loan, {"as_of": on.isoformat()})
    assert f'To close the loan on <time datetime="{on:%Y-%m-%d}">' in html
    assert f"pay <strong>{format_inr(quote.total)}</strong>" in html
    assert format_inr(quote.principal) in html
    assert quote.total > loan.principal  # principal plus interest accrued


def test_foreclosure_form_errors_are_plain(client):
    loan = active_loan()
    html = _get(client, loan, {"as_of": "31/02/2026"})
    assert "Enter the date as day/month/year, like 25/12/2026." in html
    assert 'aria-invalid="true"' in html
    yesterday = today_ist() - timedelta(days=1)
    html = _get(client, loan, {"as_of": yesterday.isoformat()})
    assert "Choose today or a later date." in html
    assert "To close the loan on" not in html


def test_statement_downloads(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=3))
    _pay(loan, "1500.00", "UTR-STMT-1")
    html = _get(client, loan)
    assert f'href="{_url(loan, "borrower:statement")}?format=csv"' in html
    assert f'href="{_url(loan, "borrower:statement")}?format=pdf"' in html

    csv = client.get(_url(loan, "borrower:statement"), {"format": "csv"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    assert csv["Content-Disposition"] == f'attachment; filename="loan-{loan.pk}-statement.csv"'
    body = csv.content.decode()
    assert body.splitlines()[0].startswith("date,type,description")
    assert "UTR-STMT-1" in body and "1500.00" in body

    pdf = client.get(_url(loan, "borrower:statement"), {"format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get(_url(loan, "borrower:statement"), {"format": "xls"}).status_code == 404


def test_no_statement_or_schedule_before_payout(client):
    loan = pending_loan()
    html = _get(client, loan)
    assert "The schedule starts when our finance team pays out the money." in html
    assert "Statement (CSV)" not in html
    assert "Pay off the whole loan early" not in html


def test_query_count_is_bounded(client, django_assert_max_num_queries):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=6))
    for n in range(8):
        _pay(loan, "700.00", f"UTR-Q-{n}")
    client.force_login(loan.borrower)
    with django_assert_max_num_queries(10):
        response = client.get(_url(loan), {"as_of": today_ist().isoformat()})
    assert response.status_code == 200
    assert response.content.decode().count("UTR-Q-") == 8


def test_an_overdue_loan_shows_its_arrears_due_now_not_a_past_next_payment(client):
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    assert rows[0].due_date < today < rows[1].due_date
    html = _get(client, loan)
    assert f'by <time datetime="{rows[0].due_date:%Y-%m-%d}">' not in html
    assert "Due now (overdue)" in html
    assert f"<strong>{format_inr(rows[0].total_due)}</strong>" in html
    assert (
        f'{format_inr(rows[1].total_due)} by <time datetime="{rows[1].due_date:%Y-%m-%d}">' in html
    )


def test_the_loan_page_explains_a_restructure_offer_and_the_borrower_accepts_it(client):
    from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
    from accounts.tests.factories import staff
    from repayments.services.servicing.proposals import proposal_approve
    from repayments.services.servicing.reschedules import loan_restructure_propose

    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    proposal = loan_restructure_propose(
        acting_user=staff(CREDIT_MANAGER),
        loan=loan,
        annual_rate=Decimal("9"),
        tenure=14,
        reason="x",
    )
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)
    html = _get(client, loan)
    assert "Offer to restructure your loan" in html and "APR 9.00%" in html
    reschedule = loan.reschedules.get()
    response = client.post(f"/loans/{loan.pk}/addendum/{reschedule.pk}/accept/")
    assert response.status_code == 302
    html = _get(client, loan)
    assert "Your loan was <strong>restructured</strong>" in html
    assert "Offer to restructure" not in html
    other = active_loan()
    client.force_login(other.borrower)
    assert client.post(f"/loans/{loan.pk}/addendum/{reschedule.pk}/accept/").status_code == 404
