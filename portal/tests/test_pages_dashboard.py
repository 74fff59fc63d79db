"""The borrower's dashboard (/dashboard/): every loan with its status, next due date and
amount, what is overdue in plain words, promises to pay, and applications in progress."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.roles import COLLECTIONS_MANAGER
from accounts.tests.factories import staff
from collection.models import CollectionCase
from collection.services.desk import promise_record
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment
from loans.services.applications import application_submit
from loans.tests.factories import (
    ProductFactory,
    active_loan,
    approved_application,
    draft_application,
    kyc_verified_borrower,
    pending_loan,
)
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


def _html(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def _card(html: str, loan) -> str:
    """The part of the page about one loan."""
    start = html.index(f'id="loan-{loan.pk}-title"')
    return html[start : html.index("</article>", start)]


def test_url_name_and_login_required(client):
    assert reverse("borrower:dashboard") == URL
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_nothing_yet_invites_to_apply(client):
    html = _html(client, kyc_verified_borrower())
    assert "You have no loans with us yet." in html
    assert "No applications in progress." in html
    assert f'href="{reverse("borrower:apply")}"' in html


def test_a_current_loan_shows_next_due_and_nothing_overdue(client):
    loan = active_loan()  # ₹1,00,000 over 12 months at 14%, disbursed today
    first = Installment.objects.get(loan=loan, number=1)
    card = _card(_html(client, loan.borrower), loan)
    assert "Active" in card
    assert "₹1,00,000.00" in card  # amount borrowed
    assert f"{format_inr(first.principal_due + first.interest_due)} by" in card
    assert f"{first.due_date:%-d %b %Y}" in card
    assert "Nothing is overdue. Thank you." in card
    assert f'href="{reverse("borrower:pay", args=[loan.pk])}"' in card
    assert f'href="{reverse("borrower:loan", args=[loan.pk])}"' in card


def test_overdue_installments_and_days_late_in_plain_words(client):
    today = today_ist()
    # Disbursed 70 days ago: the first two monthly installments are past due, the third not.
    loan = active_loan(disbursed_on=today - timedelta(days=70))
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    assert rows[1].due_date < today <= rows[2].due_date
    # Part of the first installment is paid, by the gateway, today.
    post_payment(loan, amount=Decimal("1000.00"), paid_on=today, channel="upi")
    owed = sum(r.principal_due + r.interest_due for r in rows[:2]) - Decimal("1000.00")
    days = (today - rows[0].due_date).days
    card = _card(_html(client, loan.borrower), loan)
    assert f"2 installments overdue, {days} days late" in card
    assert f"{format_inr(owed)} is overdue" in card
    assert "Nothing is overdue" not in card


def test_promises_to_pay_from_the_collection_case(client):
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    case = CollectionCase.objects.create(loan=loan, opened_on=today)
    promise_record(
        acting_user=staff(COLLECTIONS_MANAGER),
        case=case,
        amount=Decimal("5000.00"),
        promised_on=today + timedelta(days=3),
    )
    card = _card(_html(client, loan.borrower), loan)
    assert "Your promises to pay" in card
    assert f'₹5,000.00 by <time datetime="{today + timedelta(days=3):%Y-%m-%d}">' in card
    assert "pending" in card


def test_applications_in_progress_with_the_offer_link(client):
    user = kyc_verified_borrower()
    draft = draft_application(borrower=user)
    submitted = application_submit(
        acting_user=draft.created_by, application=draft_application(borrower=user)
    )
    offer = approved_application(borrower=user)
    html = _html(client, user)
    for app in (draft, submitted, offer):
        assert f'href="{reverse("borrower:application", args=[app.pk])}"' in html
    assert f'href="{reverse("loans:kfs", args=[offer.pk])}"' in html
    assert "Read and accept the offer" in html


def test_pending_disbursement_is_explained(client):
    loan = pending_loan()
    card = _card(_html(client, loan.borrower), loan)
    assert "Pending disbursement" in card
    assert "the money will be paid out to your bank account soon" in card


def test_only_the_borrowers_own_loans(client):
    mine = active_loan()
    theirs = active_loan()
    html = _html(client, mine.borrower)
    assert f'id="loan-{mine.pk}-title"' in html
    assert f'id="loan-{theirs.pk}-title"' not in html
    assert f"/loans/{theirs.pk}/" not in html


def test_query_count_does_not_grow_with_loans(client, django_assert_max_num_queries):
    product = ProductFactory()
    user = kyc_verified_borrower()
    today = today_ist()
    for days in (0, 40, 70, 100, 130, 160):
        active_loan(product=product, borrower=user, disbursed_on=today - timedelta(days=days))
    pending_loan(product=product, borrower=user)
    draft_application(product=product, borrower=user)
    client.force_login(user)
    with django_assert_max_num_queries(7):  # +1: the header's unread count (messaging)
        response = client.get(URL)
    assert response.status_code == 200
    assert response.content.decode().count('class="card loan-card') == 7


def test_an_overdue_loan_never_shows_a_past_date_as_the_next_payment(client):
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=70))
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    assert rows[1].due_date < today < rows[2].due_date
    card = _card(_html(client, loan.borrower), loan)
    arrears = rows[0].total_due + rows[1].total_due
    assert "Due now (overdue)" in card
    assert f"<strong>{format_inr(arrears)}</strong>, overdue since" in card
    for past in rows[:2]:
        assert f'by <time datetime="{past.due_date:%Y-%m-%d}">' not in card
    upcoming = f'{format_inr(rows[2].total_due)} by <time datetime="{rows[2].due_date:%Y-%m-%d}">'
    assert upcoming in card
    assert "Next payment" not in card


def test_a_remainder_within_the_floor_is_not_overdue_on_the_dashboard(client):
    today = today_ist()
    loan = active_loan(
        disbursed_on=today - timedelta(days=40),
        product=ProductFactory(materiality_floor=Decimal("10.00")),
    )
    first = Installment.objects.filter(loan=loan).order_by("number").first()
    Installment.objects.filter(pk=first.pk).update(
        principal_paid=first.principal_due, interest_paid=first.interest_due - Decimal("9.99")
    )
    card = _card(_html(client, loan.borrower), loan)
    assert "Nothing is overdue. Thank you." in card
    assert "overdue" not in card.replace("Nothing is overdue", "")


# --- kept between visits (lendingsite.readcache) ----------------------------------------


def test_the_loans_are_kept_between_visits_and_replaced_by_a_payment(
    client, django_assert_max_num_queries
):
    loan = active_loan()
    first = _html(client, loan.borrower)
    with django_assert_max_num_queries(3):  # session user, unread count: no loan queries
        assert _card(client.get(URL).content.decode(), loan) == _card(first, loan)
    post_payment(loan, amount=Decimal("2000.00"), paid_on=today_ist())
    card = _card(client.get(URL).content.decode(), loan)
    assert card != _card(first, loan)
    stored = Installment.objects.filter(loan=loan)
    owed = sum(i.outstanding for i in stored)
    assert f"<dd>{format_inr(owed)}</dd>" in card  # "Still to repay": the rows as they are now


def test_a_new_application_is_listed_at_once(client):
    loan = active_loan()
    _html(client, loan.borrower)
    application_submit(
        acting_user=loan.borrower,
        application=draft_application(borrower=loan.borrower),
    )
    html = client.get(URL).content.decode()
    assert "No applications in progress." not in html
