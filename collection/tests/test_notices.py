"""Lifecycle notices (collection.notices): each made once in the action's transaction,
delivered after commit in-app, by email and by SMS, with the content that matters; the
same event twice or a retried task sends nothing twice; transactional notices go at any
hour while reminders wait for calling hours."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER
from accounts.services.privacy import consent_set
from accounts.tests.factories import staff
from collection import notify
from collection.models import Notification
from collection.notices.jobs import offers_expiring_notify
from collection.notices.service import NoticeDraft, notices_create, notices_deliver
from collection.services.reminders import reminders_send
from collection.tasks.notices import notices_deliver_task, notices_release_task
from collection.tests.factories_desk import at
from lendingsite import audit
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment, Loan
from loans.tests.factories import active_loan, approved_application
from repayments.selectors import foreclosure_quote, total_outstanding
from repayments.tests.factories import levy_penal, post_payment

pytestmark = pytest.mark.django_db
D = Decimal
DISBURSED = date(2026, 1, 10)  # a Saturday; ₹1,00,000 at 14 %, 12 months: EMI ₹8,978.71
SITE = "https://lend.example"


@pytest.fixture(autouse=True)
def _channels(settings):
    settings.SMS_BACKEND = "collection.notify.LocmemSmsBackend"
    settings.NOTICE_CHANNELS = ["email", "sms"]
    settings.REMINDER_CHANNELS = ["email", "sms"]
    settings.SITE_URL = SITE
    notify.outbox.clear()
    yield
    notify.outbox.clear()


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Run the block and then what its commits set off (the delivery tasks, eager here)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def rows(kind: str) -> dict[str, Notification]:
    return {n.channel: n for n in Notification.objects.filter(kind=kind)}


def mails(kind_subject: str) -> list:
    return [m for m in mail.outbox if kind_subject in m.subject]


def texts(kind: str) -> list[str]:
    """Every text the borrower got for this kind: in-app, email, SMS."""
    return [n.body for n in Notification.objects.filter(kind=kind)]


def day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def replay_listeners(action: str, target) -> None:
    """The same event delivered to its listeners again (a retried job, a replayed hook)."""
    event = AuditEvent.objects.filter(action=action).latest("id")
    for listener in audit._listeners[action]:
        listener(event=event, target=target)


# --- offer made ----------------------------------------------------------------------------


def test_offer_made_once_in_app_by_email_and_sms_with_kfs_link_and_validity(delivered):
    with delivered():
        app = approved_application(business_date=date(2026, 3, 2))  # a Monday

    assert app.offer_expires_on == date(2026, 3, 5)  # 3 working days
    made = rows("offer_made")
    assert sorted(made) == ["email", "in_app", "sms"]
    assert {n.status for n in made.values()} == {"sent"}
    kfs_url = f"{SITE}/applications/{app.pk}/kfs/"
    [email] = mails("Your loan offer")
    assert email.to == [app.borrower.email]
    assert "valid until 5 Mar 2026" in email.subject
    assert kfs_url in email.body
    assert "valid until the end of 5 Mar 2026" in email.body
    assert "₹1,00,000.00 at 14.00% a year" in email.body
    assert made["in_app"].body == email.body and made["in_app"].subject == email.subject
    [sms] = notify.outbox
    assert sms["to"] == app.borrower.profile.phone
    assert kfs_url in sms["body"] and "5 Mar 2026" in sms["body"]

    # The same event again, and the delivery task retried: nothing new, nothing resent.
    with delivered():
        replay_listeners("application.approved", app)
    notices_deliver_task(keys=[made["in_app"].dedupe_key])
    notices_deliver_task()
    assert Notification.objects.filter(kind="offer_made").count() == 3
    assert len(mails("Your loan offer")) == 1 and len(notify.outbox) == 1


def test_a_refused_approval_tells_nobody(delivered):
    from lendingsite.errors import DomainError
    from loans.services.applications import application_approve, application_submit
    from loans.tests.factories import draft_application

    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app)
    with delivered(), pytest.raises(DomainError) as refused:
        application_approve(
            acting_user=staff(CREDIT_MANAGER), application=app, annual_rate=D("99.0000")
        )
    assert refused.value.code == "validation_error"
    assert not Notification.objects.filter(kind="offer_made").exists()
    assert mail.outbox == []


# --- offer about to lapse ------------------------------------------------------------------


def test_offer_lapsing_notice_on_the_working_day_before_and_once(delivered):
    thursday = approved_application(business_date=date(2026, 3, 2))  # valid until Thu 5 Mar
    monday = approved_application(business_date=date(2026, 3, 4))  # valid until Mon 9 Mar

    with delivered():
        assert offers_expiring_notify(business_date=date(2026, 3, 3)) == 0  # Tuesday
        assert offers_expiring_notify(business_date=date(2026, 3, 4)) == 1  # Wednesday
        assert offers_expiring_notify(business_date=date(2026, 3, 5)) == 0  # Thursday
        assert offers_expiring_notify(business_date=date(2026, 3, 6)) == 1  # Friday
        assert offers_expiring_notify(business_date=date(2026, 3, 9)) == 0  # Monday: told

    lapsing = Notification.objects.filter(kind="offer_expiring", channel="in_app")
    assert sorted(n.dedupe_key for n in lapsing) == sorted(
        [f"offer_expiring:{thursday.pk}:in_app", f"offer_expiring:{monday.pk}:in_app"]
    )
    subjects = sorted(m.subject for m in mails("lapses after"))
    assert subjects == [
        "Your loan offer lapses after 5 Mar 2026",
        "Your loan offer lapses after 9 Mar 2026",
    ]
    body = mails("lapses after 9 Mar 2026")[0].body
    assert f"{SITE}/applications/{monday.pk}/kfs/" in body


def test_an_accepted_offer_is_not_told_it_lapses():
    from loans.tests.factories import pending_loan

    pending_loan(business_date=date(2026, 3, 2))
    assert offers_expiring_notify(business_date=date(2026, 3, 4)) == 0


# --- disbursed -----------------------------------------------------------------------------


def test_disbursed_notice_with_amount_reference_and_first_due_date(delivered):
    with delivered():
        loan = active_loan(disbursed_on=DISBURSED, tenure=12, reference="HDFCN26010100042")

    made = rows("loan_disbursed")
    assert sorted(made) == ["email", "in_app", "sms"]
    [email] = mails(f"Loan #{loan.pk}: ")
    net = format_inr(loan.net_disbursed)
    assert email.subject == f"Loan #{loan.pk}: {net} paid out"
    assert "HDFCN26010100042" in email.body
    account = loan.disbursement_account
    assert (
        f"{net} was transferred to your account {account.masked_number} "
        f"({account.bank_name}, IFSC {account.ifsc})" in email.body
    )
    assert "amount borrowed is ₹1,00,000.00" in email.body
    assert "first installment of ₹8,978.71 is due on 10 Feb 2026" in email.body
    assert f"{SITE}/loans/{loan.pk}/" in email.body
    assert "cancel the loan until 13 Jan 2026" in email.body  # 3 cooling-off days
    assert made["in_app"].amount == loan.net_disbursed
    assert any("First EMI ₹8,978.71 due 10 Feb 2026" in s["body"] for s in notify.outbox)


# --- payment received ----------------------------------------------------------------------


@pytest.fixture
def loan():
    return active_loan(disbursed_on=DISBURSED, tenure=12)


def test_receipt_once_with_the_allocation_and_what_is_still_owed(loan, delivered):
    levy_penal(loan, number=1, amount=D("500.00"), charged_on=date(2026, 2, 14))
    with delivered():
        payment = post_payment(loan, amount=D("9478.71"), paid_on=date(2026, 2, 20), utr="N26A1")

    loan = Loan.objects.get(pk=loan.pk)
    made = rows("payment_received")
    assert sorted(made) == ["email", "in_app", "sms"]
    assert {n.status for n in made.values()} == {"sent"}
    [email] = mails("Receipt")
    assert email.subject == f"Receipt: ₹9,478.71 received for loan #{loan.pk}"
    assert "paid on 20 Feb 2026 (reference N26A1)" in email.body
    assert "Penal charges: ₹500.00" in email.body
    assert "Fees: ₹0.00" in email.body
    assert "Interest: ₹1,166.67" in email.body
    assert "Principal: ₹7,812.04" in email.body
    assert "Excess (kept as a credit for you): ₹0.00" in email.body
    owed = total_outstanding(loan)
    assert (
        f"Still owed on the loan after this payment: {format_inr(owed)} "
        f"(of which principal {format_inr(loan.principal_outstanding)})" in email.body
    )
    assert made["in_app"].body == email.body
    sms = [s["body"] for s in notify.outbox if "Received" in s["body"]]
    assert sms == [
        f"{_lender()}: Received ₹9,478.71 for loan #{loan.pk} on 20 Feb 2026, ref N26A1. "
        f"Still owed {format_inr(owed)}."
    ]

    # The event again and the task retried: still one receipt.
    with delivered():
        replay_listeners("payment.posted", payment)
    notices_deliver_task(keys=[made["in_app"].dedupe_key])
    assert Notification.objects.filter(kind="payment_received").count() == 3
    assert len(mails("Receipt")) == 1


def _lender():
    from django.conf import settings

    return settings.LENDER_NAME


def test_posting_adds_one_insert_and_no_read_for_the_receipt(loan):
    with CaptureQueriesContext(connection) as ctx:
        post_payment(loan, amount=D("8978.71"), paid_on=date(2026, 2, 10))
    touching = [q["sql"] for q in ctx.captured_queries if "collection_notification" in q["sql"]]
    assert len(touching) == 1
    assert touching[0].lstrip().upper().startswith("INSERT")
    notice = Notification.objects.get(kind="payment_received")
    assert (notice.channel, notice.status, notice.body) == ("in_app", "queued", "")  # not yet


def test_a_refused_payment_makes_no_receipt(loan, delivered):
    from lendingsite.errors import DomainError

    post_payment(loan, amount=D("8978.71"), paid_on=date(2026, 2, 10), utr="DUP1")
    with delivered(), pytest.raises(DomainError):
        post_payment(loan, amount=D("100.00"), paid_on=date(2026, 2, 11), utr="DUP1")
    assert Notification.objects.filter(kind="payment_received").count() == 1


# --- penal charge levied ---------------------------------------------------------------------


def test_charge_levied_by_hand_is_told_once_with_its_amount(loan, delivered):
    with delivered():
        charge = levy_penal(loan, number=1, amount=D("500.00"), charged_on=date(2026, 2, 14))

    made = rows("charge_levied")
    assert sorted(made) == ["email", "in_app", "sms"]
    assert made["in_app"].dedupe_key == f"charge_levied:{charge.pk}:in_app"
    assert made["in_app"].amount == D("500.00")
    [email] = mails("penal charge")
    assert email.subject == f"A penal charge of ₹500.00 was added to loan #{loan.pk}"
    assert "Installment 1 of loan" in email.body and "due on 10 Feb 2026" in email.body
    assert "on 14 Feb 2026" in email.body
    assert "not added to your interest rate" in email.body
    with delivered():
        replay_listeners("charge.levied", charge)
    assert len(mails("penal charge")) == 1


# --- loan closed ---------------------------------------------------------------------------


def test_closing_payment_sends_the_closure_notice_with_the_certificate_link(loan, delivered):
    day = date(2026, 2, 25)
    quote = foreclosure_quote(loan=loan, as_of=day)
    with delivered():
        payment = post_payment(loan, amount=quote.total, paid_on=day)

    closed = rows("loan_closed")
    assert sorted(closed) == ["email", "in_app", "sms"]
    assert closed["in_app"].dedupe_key == f"loan_closed:{payment.pk}:in_app"
    [email] = mails("is closed")
    assert email.subject == f"Loan #{loan.pk} is closed: your No Dues Certificate"
    assert "closed early (foreclosed) on 25 Feb 2026" in email.body
    assert "Nothing more is owed" in email.body
    assert f"{SITE}/loans/{loan.pk}/no-dues-certificate/" in email.body
    assert "This payment closed your loan" in mails("Receipt")[0].body
    with delivered():
        replay_listeners("payment.posted", payment)
    assert Notification.objects.filter(kind="loan_closed").count() == 3


def test_a_loan_paid_to_its_last_installment_is_closed_paid_in_full(delivered):
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows_ = list(Installment.objects.filter(loan=loan).order_by("number"))
    with delivered():
        for row in rows_:
            post_payment(loan, amount=row.total_due, paid_on=row.due_date)
    assert Notification.objects.filter(kind="payment_received", channel="in_app").count() == 3
    [email] = mails("is closed")
    assert f"was paid in full on {day_text(rows_[-1].due_date)}" in email.body


# --- calling hours: transactional notices go at any hour -------------------------------------


def test_at_ten_pm_the_receipt_goes_while_a_reminder_waits(loan):
    late = at(today_ist() + timedelta(days=1), 22, 0)  # after any real "now" of this test
    installment = Installment.objects.get(loan=loan, number=2)
    reminders_send(business_date=installment.due_date, now=late)
    post_payment(loan, amount=D("8978.71"), paid_on=date(2026, 2, 10), utr="LATE1")
    receipt = Notification.objects.get(kind="payment_received", channel="in_app")

    counts = notices_deliver(keys=[receipt.dedupe_key], now=late)

    assert counts == {"notices": 1, "sent": 2, "failed": 0, "held": 0}
    assert {(n.channel, n.status, n.sent_at) for n in rows("payment_received").values()} == {
        ("in_app", "sent", late),
        ("email", "sent", late),
        ("sms", "sent", late),
    }
    reminder = rows("due_today")
    assert (reminder["email"].status, reminder["sms"].status) == ("held", "held")
    assert reminder["email"].not_before == at(late.date() + timedelta(days=1), 8, 0)
    assert [m.subject for m in mail.outbox] == [f"Receipt: ₹8,978.71 received for loan #{loan.pk}"]
    # The transactional sweep at the same hour does not send the reminder either.
    notices_release_task()
    assert rows("due_today")["email"].status == "held" and not mails("EMI")


def test_withdrawn_consent_to_reminders_does_not_stop_a_receipt(loan, delivered):
    consent_set(acting_user=loan.borrower, purpose="reminders", granted=False)
    with delivered():
        post_payment(loan, amount=D("8978.71"), paid_on=date(2026, 2, 10))
    assert {n.status for n in rows("payment_received").values()} == {"sent"}


# --- channels ------------------------------------------------------------------------------


def test_a_failing_sms_gateway_is_recorded_and_email_and_in_app_still_go(loan, settings, delivered):
    settings.SMS_BACKEND = "collection.notify.UnconfiguredSmsBackend"
    with delivered():
        post_payment(loan, amount=D("8978.71"), paid_on=date(2026, 2, 10))
    made = rows("payment_received")
    assert (made["in_app"].status, made["email"].status) == ("sent", "sent")
    assert (made["sms"].status, made["sms"].error) == (
        "failed",
        "No SMS gateway is configured (set SMS_BACKEND).",
    )


def test_notice_channels_setting_and_no_sms_without_a_phone(settings, delivered):
    from loans.tests.factories import kyc_verified_borrower

    settings.NOTICE_CHANNELS = ["email"]
    with delivered():
        active_loan(disbursed_on=DISBURSED)
    assert sorted(rows("loan_disbursed")) == ["email", "in_app"]

    settings.NOTICE_CHANNELS = ["email", "sms"]
    with delivered():
        active_loan(disbursed_on=DISBURSED, borrower=kyc_verified_borrower(phone=""))
    no_phone = Notification.objects.filter(kind="loan_disbursed", borrower__profile__phone="")
    assert sorted(no_phone.values_list("channel", flat=True)) == ["email", "in_app"]


# --- the hook for exit requests --------------------------------------------------------------


def test_exit_request_notices_render_from_their_facts(loan):
    drafts = [
        NoticeDraft(
            "exit_request_opened",
            71,
            loan.borrower_id,
            loan_id=loan.pk,
            amount=D("100115.07"),
            data={"amount": "100115.07", "pay_by": "2026-01-15", "reference": "EXIT-71"},
        ),
        NoticeDraft(
            "exit_request_lapsed",
            71,
            loan.borrower_id,
            loan_id=loan.pk,
            data={"amount": "100115.07", "pay_by": "2026-01-15"},
        ),
    ]
    keys = notices_create(drafts, deliver=False)
    assert notices_deliver(keys=keys)["notices"] == 2
    opened = mails("To cancel loan")[0]
    assert opened.subject == f"To cancel loan #{loan.pk}, pay ₹1,00,115.07 by 15 Jan 2026"
    assert "quoting EXIT-71" in opened.body and "lendingsite.demo@examplebank" in opened.body
    assert "lapsed" in mails("lapsed")[0].subject


def _exit_loan() -> Loan:
    """A loan paid out yesterday, inside its cooling-off period."""
    return active_loan(disbursed_on=today_ist() - timedelta(days=1))


def test_asking_to_exit_tells_the_amount_the_deadline_and_where_to_pay_once(delivered):
    from repayments.services.exits import exit_request_open

    loan = _exit_loan()
    with delivered():
        request, created = exit_request_open(acting_user=loan.borrower, loan=loan)
    assert created
    with delivered():
        exit_request_open(acting_user=loan.borrower, loan=loan)  # asked again: nothing new
    assert sorted(rows("exit_request_opened")) == ["email", "in_app", "sms"]
    [opened] = mails("To cancel loan")
    assert opened.subject == (
        f"To cancel loan #{loan.pk}, pay {format_inr(request.amount)} by {day_text(request.pay_by)}"
    )
    assert f"quoting {request.reference}" in opened.body
    assert "lendingsite.demo@examplebank" in opened.body  # where to pay: the UPI id


def test_an_unpaid_exit_request_tells_the_borrower_it_lapsed(delivered):
    from repayments.services.exits import exit_request_open, exit_requests_lapse

    loan = _exit_loan()
    request, _ = exit_request_open(acting_user=loan.borrower, loan=loan)
    with delivered():
        assert exit_requests_lapse(business_date=request.pay_by + timedelta(days=1)) == 1
    [lapsed] = mails("lapsed")
    assert lapsed.subject == f"Your request to cancel loan #{loan.pk} lapsed"
    assert "continues as agreed" in lapsed.body


def test_the_money_arriving_cancels_the_loan_and_says_so_with_the_certificate(delivered):
    from repayments.services.exits import exit_request_open

    loan = _exit_loan()
    exit_request_open(acting_user=loan.borrower, loan=loan)
    due = foreclosure_quote(loan, as_of=today_ist()).total
    with delivered():
        post_payment(loan, amount=due, paid_on=today_ist(), utr="EXIT-NOTICE-1")
    assert Loan.objects.get(pk=loan.pk).status == "cancelled"
    [done] = mails(f"Loan #{loan.pk} is cancelled")
    assert f"/loans/{loan.pk}/no-dues-certificate/" in done.body
    # The receipt goes as for any payment; no "paid off" closure notice contradicts the
    # cancellation, and the certificate the notice links to is there.
    assert rows("payment_received") and not rows("loan_closed")
    from repayments.certificates import no_dues_certificate

    certificate = no_dues_certificate(Loan.objects.get(pk=loan.pk))
    assert certificate.how_closed.startswith("Cancelled within the cooling-off period")


def test_a_notice_that_cannot_be_written_is_recorded_not_raised(loan):
    [key] = notices_create(
        [NoticeDraft("payment_received", "broken", loan.borrower_id, loan_id=loan.pk, data={})],
        deliver=False,
    )
    assert notices_deliver(keys=[key])["failed"] == 1
    row = Notification.objects.get(dedupe_key=key)
    assert row.status == "failed" and row.error.startswith("Could not be written")
    assert mail.outbox == []


def test_a_loan_reminded_of_a_future_installment_can_still_be_foreclosed(loan):
    """The reminder points at an installment the foreclosure no longer needs: the row is
    kept owing nothing (the message is history) — also inside posting's pipeline."""
    third = Installment.objects.get(loan=loan, number=3)
    reminders_send(business_date=third.due_date - timedelta(days=3), now=at(DISBURSED, 9))
    day = date(2026, 2, 25)
    post_payment(loan, amount=foreclosure_quote(loan=loan, as_of=day).total, paid_on=day)
    loan = Loan.objects.get(pk=loan.pk)
    third.refresh_from_db()
    assert loan.status == "foreclosed"
    assert (third.total_due, third.total_paid, third.balance_after) == (0, 0, 0)
    assert Notification.objects.filter(installment=third, kind="due_t3").count() == 3
