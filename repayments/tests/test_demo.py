"""seed_demo's payment histories: on time, late, partial, prepaid, foreclosed, all through
payment_post on past business dates; a second run posts nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import AuditEvent
from lendingsite.dates import today_ist
from loans.ledger import LOAN_PORTFOLIO, account_balance
from loans.models import Installment, JournalEntry, Loan, LoanStatus
from loans.services.loans import loan_quote
from repayments.demo import UTR_PREFIX
from repayments.models import ExitRequest, Payment, PaymentAllocation
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db
DOMAIN = "demo.lendingsite.example"


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def loan_for(purpose: str) -> Loan:
    return Loan.objects.get(application__purpose=purpose)


def test_seed_posts_every_kind_of_payment_history():
    output = seed()
    payments = Payment.objects.filter(utr__startswith=UTR_PREFIX)  # (collections seeds more)
    assert payments.count() == 9  # vikram's phone loan: on time, then foreclosed
    assert set(payments.values_list("source", flat=True)) == {"admin"}
    assert {p.received_by.email for p in payments} == {
        f"finance@{DOMAIN}",
        f"loan.officer@{DOMAIN}",
    }
    for payment in payments:
        # every payment was booked on its own day, in the past, and allocated
        assert payment.paid_on <= payment.posted_at.date()
        assert payment.amount == (
            payment.penal + payment.fees + payment.interest + payment.principal + payment.excess
        )

    cold = loan_for("Demo: cold storage")
    rows = {i.number: i for i in cold.installments.all()}
    on_time, late, partial = cold.payments.filter(utr__startswith=UTR_PREFIX).order_by("paid_on")
    assert on_time.paid_on == rows[1].due_date and rows[1].outstanding == 0
    assert rows[1].paid_on == rows[1].due_date
    assert late.paid_on > rows[2].due_date and rows[2].outstanding == 0
    assert rows[2].paid_on == late.paid_on
    assert late.channel == "upi" and partial.channel == "cash"
    assert partial.received_by.email == f"loan.officer@{DOMAIN}"
    assert 0 < rows[3].outstanding < rows[3].total_due  # partly paid
    assert rows[4].total_paid == 0  # left overdue for the day-end

    medical = loan_for("Demo: medical bills")
    assert medical.status == LoanStatus.ACTIVE
    prepaid = medical.payments.order_by("paid_on").last()
    assert prepaid.principal > medical.installments.get(number=2).principal_due
    assert medical.prepayment_strategy == "reduce_tenure"
    # reduce_tenure: the same installment, so the loan now ends sooner than agreed
    original = loan_quote(medical, disbursement_date=medical.disbursed_on).schedule.installments
    last = medical.installments.order_by("due_date").last()
    assert last.due_date < original[-1].due_date

    fridge = loan_for("Demo: refrigerator")
    assert fridge.status == LoanStatus.FORECLOSED
    assert fridge.principal_outstanding == 0
    assert account_balance(LOAN_PORTFOLIO, loan=fridge) == 0

    for loan in (cold, medical):
        assert loan.principal_outstanding == account_balance(LOAN_PORTFOLIO, loan=loan)
    assert PaymentAllocation.objects.filter(payment__loan=cold).exists()

    [summary] = [line for line in output.splitlines() if line.startswith("Payments demo:")]
    assert "9 payments on 4 loans" in summary and "9 posted this run" in summary
    assert "foreclosed" in summary


def test_seed_twice_posts_nothing_the_second_time():
    seed()
    counts = (
        Payment.objects.count(),
        JournalEntry.objects.count(),
        AuditEvent.objects.filter(action__startswith="payment.").count(),
        list(Installment.objects.order_by("pk").values_list("principal_paid", "interest_paid")),
    )
    output = seed()
    assert (
        Payment.objects.count(),
        JournalEntry.objects.count(),
        AuditEvent.objects.filter(action__startswith="payment.").count(),
        list(Installment.objects.order_by("pk").values_list("principal_paid", "interest_paid")),
    ) == counts
    assert "0 posted this run" in output


def test_the_demo_has_a_loan_in_cooling_off_that_its_borrower_can_exit(client):
    seed()
    loan = loan_for("Demo: education fees")  # vikram's, disbursed two days ago
    client.force_login(loan.borrower)
    html = client.get(f"/loans/{loan.pk}/").content.decode()
    assert "Ask to cancel this loan" in html
    response = client.post(f"/loans/{loan.pk}/exit/", follow=True)
    assert "We have your request to cancel" in response.content.decode()
    request = ExitRequest.objects.get(loan=loan)
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    post_payment(loan, amount=request.amount, paid_on=today_ist(), utr="DEMO-EXIT-1")
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.CANCELLED
