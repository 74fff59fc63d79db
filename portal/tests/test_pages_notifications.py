"""The borrower's messages page (/notifications/): their own notices and reminders,
newest first, every kind in plain words, with how each went by email and SMS."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory, staff
from collection.models import Notification
from collection.notices.jobs import offers_expiring_notify
from collection.notices.kinds import KINDS
from collection.notices.service import NoticeDraft, notices_create, notices_deliver
from collection.services.reminders import reminders_send
from collection.tests.factories_desk import at
from lendingsite.dates import today_ist
from loans.models import Installment
from loans.tests.factories import active_loan, approved_application, kyc_verified_borrower
from portal.tests.test_pages_landing import assert_csp_clean, text_of
from repayments.selectors import foreclosure_quote
from repayments.tests.factories import levy_penal, post_payment

URL = "/notifications/"
D = Decimal
DISBURSED = date(2026, 1, 10)


@pytest.fixture(autouse=True)
def _channels(settings):
    settings.SMS_BACKEND = "collection.notify.LocmemSmsBackend"
    settings.NOTICE_CHANNELS = ["email", "sms"]
    settings.REMINDER_CHANNELS = ["email", "sms"]


def deliver_all(now=None):
    keys = list(
        Notification.objects.filter(channel="in_app", status="queued").values_list(
            "dedupe_key", flat=True
        )
    )
    return notices_deliver(keys=keys, now=now)


def draft(kind, person, loan, ref, **data):
    return NoticeDraft(kind, ref, person.pk, loan_id=loan.pk, amount=D("4200.00"), data=data)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    page = client.get(URL)
    assert page.status_code == 302
    assert page["Location"] == f"{reverse('accounts:login')}?next={URL}"


@pytest.mark.django_db
def test_every_kind_of_message_is_listed_in_plain_words(client):
    person = kyc_verified_borrower()
    loan = active_loan(disbursed_on=DISBURSED, borrower=person)  # offer, paid out
    first, second, third = Installment.objects.filter(loan=loan).order_by("number")[:3]
    for row, days_before in ((first, 3), (second, 1), (third, 0)):  # T-3, T-1, due today
        reminders_send(business_date=row.due_date - timedelta(days_before), now=at(DISBURSED, 9))
    levy_penal(loan, number=1, amount=D("500.00"), charged_on=date(2026, 2, 14))
    day = date(2026, 2, 25)
    post_payment(loan, amount=foreclosure_quote(loan=loan, as_of=day).total, paid_on=day)
    other = approved_application(borrower=person, business_date=date(2026, 3, 2))
    offers_expiring_notify(business_date=other.offer_expires_on)
    facts = {"amount": "100115.07", "pay_by": "2026-01-15", "reference": "EXIT-9"}
    notices_create(
        [
            draft("promise_due", person, loan, 9, due_on="2026-02-12"),
            draft("exit_request_opened", person, loan, 9, **facts),
            draft("exit_request_lapsed", person, loan, 9, **facts),
            draft("exit_request_completed", person, loan, 9, **facts),
            draft(
                "debit_bounced",
                person,
                loan,
                9,
                due_date="2026-02-05",
                reason="Insufficient funds",
                reason_code="01",
                represent_on="2026-02-08",
            ),
        ],
        deliver=False,
    )
    deliver_all(now=at(DISBURSED, 10))
    client.force_login(person)

    page = client.get(URL)

    assert page.status_code == 200
    assert_csp_clean(page)
    words = text_of(page)
    shown = {kind for kind, k in KINDS.items() if k.label in words}
    assert shown == set(KINDS), set(KINDS) - shown
    assert "Receipt: ₹" in words and f"received for loan #{loan.pk}" in words
    assert f"Loan #{loan.pk} is closed: your No Dues Certificate" in words
    assert "Email · Sent on" in words and "SMS · Sent on" in words


@pytest.mark.django_db
def test_own_messages_only_newest_first_with_each_channel_in_plain_words(client, settings):
    person = kyc_verified_borrower()
    loan = active_loan(borrower=person)
    someone = active_loan()
    settings.SMS_BACKEND = "collection.notify.UnconfiguredSmsBackend"
    deliver_all()  # offer and payout notices of both borrowers, their SMS failing
    late = at(today_ist() + timedelta(days=1), 22, 0)
    due = Installment.objects.get(loan=loan, number=1).due_date
    reminders_send(business_date=due, now=late)  # email and SMS held until 08:00
    client.force_login(person)

    words = text_of(client.get(URL))

    reminder = words.index("Reminder: an installment is due today")
    assert reminder < words.index("Your loan was paid out") < words.index("Your loan offer")
    assert "Email · Waiting: we only send reminders between 8 am and 7 pm" in words
    assert "SMS · Could not be delivered" in words  # the payout notice's SMS
    assert f"loan #{someone.pk}" not in words
    assert "not kept here: we don't store them" in words


@pytest.mark.django_db
def test_a_notice_not_delivered_yet_says_so(client):
    person = kyc_verified_borrower()
    active_loan(borrower=person)  # its notices wait for the commit that never comes here
    client.force_login(person)
    words = text_of(client.get(URL))
    assert "Your loan was paid out" in words and "Being prepared" in words


@pytest.mark.django_db
def test_empty_page_says_what_will_appear(client):
    client.force_login(staff("loan_officer"))  # staff have their own (empty) page
    words = text_of(client.get(URL))
    assert "No messages yet." in words
    assert "not kept here" in words


@pytest.mark.django_db
def test_pages_of_twenty_with_bounded_queries(client, django_assert_max_num_queries):
    person = UserFactory()
    loan = active_loan()
    start = today_ist() - timedelta(days=30)
    keys = notices_create(
        [
            draft("promise_due", person, loan, n, due_on=(start + timedelta(n)).isoformat())
            for n in range(45)
        ],
        deliver=False,
    )
    notices_deliver(keys=keys, now=at(start, 10))
    for n, key in enumerate(keys):
        Notification.objects.filter(dedupe_key=key).update(
            created_at=at(start, 10) + timedelta(hours=n)
        )
    client.force_login(person)

    with django_assert_max_num_queries(6):  # +1: the header's unread count (messaging)
        first = client.get(URL)
    words = text_of(first)
    assert words.count("Reminder: the payment you promised is due") == 20
    last_due = f"{(start + timedelta(44)).day} {start + timedelta(44):%b %Y}"
    assert f"is due today, {last_due}" in words
    assert words.count("Email · Sent on") == 20 and words.count("SMS · ") == 0  # no phone
    assert "Page 1 of 3" in words
    last = text_of(client.get(URL, {"page": 3}))
    assert last.count("Reminder: the payment you promised is due") == 5
    assert "Page 1 of 3" in text_of(client.get(URL, {"page": "nonsense"}))
    assert "Page 3 of 3" in text_of(client.get(URL, {"page": "99"}))
