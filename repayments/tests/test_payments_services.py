"""payment_post: safety rules (each refusal writes nothing and is audited once), allocation,
ledger entry, audit; charge_levy and credit_refund.

The loan used throughout: ₹1,00,000 at 14 % a year for 12 months, disbursed 10 Jan 2026.
r = 14/1200; EMI = 100000*r*(1+r)^12/((1+r)^12 - 1) = 8978.71; installment 1 =
interest 100000 x 14/1200 = 1166.67 + principal 8978.71 - 1166.67 = 7812.04.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent, AuditOutcome
from accounts.roles import COLLECTOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalEntry, Loan
from loans.tests.factories import active_loan, pending_loan
from repayments.models import Charge, Payment, PaymentAllocation
from repayments.selectors import credit_balance, loan_after
from repayments.services.payments import credit_refund, payment_post
from repayments.tests.factories import levy_penal, money_snapshot, next_utr

D = Decimal
DISBURSED = date(2026, 1, 10)
FIRST_DUE = date(2026, 2, 10)
EMI = D("8978.71")


@pytest.fixture
def loan():
    return active_loan(disbursed_on=DISBURSED, tenure=12)


def fresh(loan: Loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def _post(loan, **overrides):
    if "acting_user" not in overrides:
        overrides["acting_user"] = staff(FINANCE)
    kwargs = {
        "loan": loan,
        "amount": EMI,
        "paid_on": FIRST_DUE,
        "channel": "upi",
        "utr": next_utr(),
        "business_date": FIRST_DUE,
    }
    kwargs.update(overrides)
    return payment_post(**kwargs)


@pytest.mark.django_db
def test_installment_paid_on_its_due_date(loan):
    officer = staff(FINANCE)
    payment = _post(loan, acting_user=officer, utr="N12345")

    assert (payment.interest, payment.principal, payment.penal, payment.fees, payment.excess) == (
        D("1166.67"),
        D("7812.04"),
        D("0.00"),
        D("0.00"),
        D("0.00"),
    )
    first = Installment.objects.get(loan=loan, number=1)
    assert (first.interest_paid, first.principal_paid, first.paid_on) == (
        D("1166.67"),
        D("7812.04"),
        FIRST_DUE,
    )
    assert Installment.objects.filter(loan=loan, number=2, principal_paid=0).exists()
    alloc = PaymentAllocation.objects.get(payment=payment)
    assert (alloc.installment_id, alloc.interest, alloc.principal) == (
        first.pk,
        D("1166.67"),
        D("7812.04"),
    )
    loan = fresh(loan)
    assert loan.principal_outstanding == D("100000.00") - D("7812.04") == D("92187.96")
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == D("92187.96")

    entry = JournalEntry.objects.get(loan=loan, kind="payment")
    lines = {(ln.account.code, ln.debit, ln.credit) for ln in entry.lines.all()}
    assert lines == {
        (ledger.BANK, EMI, D("0")),
        (ledger.LOAN_PORTFOLIO, D("0"), D("7812.04")),
        # Accrual basis (the default): the interest clears the receivable the month-end
        # accrual built; income was recognised then (docs/accounting.md).
        (ledger.INTEREST_RECEIVABLE, D("0"), D("1166.67")),
    }
    assert (entry.reference, entry.entry_date, entry.created_by) == ("N12345", FIRST_DUE, officer)

    event = AuditEvent.objects.get(action="payment.posted")
    assert event.actor == officer
    assert event.target_id == str(payment.pk)
    assert event.after["allocation"] == {
        "penal": "0.00",
        "fees": "0.00",
        "interest": "1166.67",
        "principal": "7812.04",
        "excess": "0.00",
    }
    assert payment.received_by == officer
    assert payment.source == "api"


@pytest.mark.django_db
def test_partial_payment_goes_to_interest_first(loan):
    payment = _post(loan, amount=D("5000.00"))
    # 5000 - interest 1166.67 = 3833.33 principal; installment 1 still owes 7812.04 - 3833.33
    assert (payment.interest, payment.principal) == (D("1166.67"), D("3833.33"))
    first = Installment.objects.get(loan=loan, number=1)
    assert first.outstanding == D("3978.71")
    assert first.paid_on is None
    assert fresh(loan).principal_outstanding == D("96166.67")


@pytest.mark.django_db
def test_loan_officer_may_post_and_webhook_posts_without_a_person(loan):
    assert _post(loan, acting_user=staff(LOAN_OFFICER), amount=D("100.00")).pk
    payment = _post(
        loan,
        acting_user=None,
        source="webhook",
        amount=D("100.00"),
        provider="sandbox",
        provider_payment_id="pay_1",
    )
    assert payment.received_by is None
    assert payment.source == "webhook"
    assert Payment.objects.filter(loan=loan).count() == 2


def _refusal(loan, code, before=None, **overrides):
    before = before or money_snapshot()
    denied_before = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).count()
    with pytest.raises(DomainError) as caught:
        _post(loan, **overrides)
    assert caught.value.code == code
    assert money_snapshot() == before, "a refusal must write nothing"
    denied = AuditEvent.objects.filter(outcome=AuditOutcome.DENIED).order_by("id")
    assert denied.count() == denied_before + 1
    assert denied.last().action == "payment.post_refused"
    assert denied.last().after["code"] == code
    return caught.value


@pytest.mark.django_db
def test_duplicate_utr_refused_naming_the_earlier_payment(loan):
    first = _post(loan, utr="N12345")
    error = _refusal(loan, "duplicate_utr", utr="N12345", amount=D("10.00"))
    assert error.status == 409
    assert error.detail == f"UTR N12345 was already posted on 2026-02-10 (payment {first.pk})."
    assert error.errors == {"utr": ["already used"]}


@pytest.mark.django_db
def test_duplicate_utr_refused_on_another_loan_too(loan):
    _post(loan, utr="N777")
    other = active_loan(disbursed_on=DISBURSED, tenure=6)
    _refusal(other, "duplicate_utr", utr=" N777 ")


@pytest.mark.django_db
def test_same_gateway_payment_id_refused(loan):
    _post(loan, acting_user=None, source="webhook", provider="sandbox", provider_payment_id="p9")
    _refusal(
        loan,
        "duplicate",
        acting_user=None,
        source="webhook",
        provider="sandbox",
        provider_payment_id="p9",
    )


@pytest.mark.django_db
def test_future_dated_refused(loan):
    error = _refusal(loan, "future_dated", paid_on=FIRST_DUE + timedelta(days=1))
    assert error.status == 422


@pytest.mark.django_db
def test_backdated_more_than_seven_days_refused_seven_accepted(loan):
    today = FIRST_DUE + timedelta(days=8)
    _refusal(loan, "backdated", paid_on=FIRST_DUE, business_date=today)
    assert _post(loan, paid_on=FIRST_DUE, business_date=today - timedelta(days=1)).pk


@pytest.mark.django_db
def test_backdate_limit_is_configurable(loan, settings):
    settings.PAYMENT_MAX_BACKDATE_DAYS = 2
    _refusal(loan, "backdated", paid_on=FIRST_DUE, business_date=FIRST_DUE + timedelta(days=3))


@pytest.mark.django_db
@pytest.mark.parametrize("amount", ["0.99", "0.00", "-5.00", "10000000.01"])
def test_amount_out_of_range_refused(loan, amount):
    error = _refusal(loan, "amount_out_of_range", amount=D(amount))
    assert error.status == 422
    assert error.errors == {"amount": ["out of range"]}


@pytest.mark.django_db
def test_amount_limits_are_inclusive_and_configurable(loan, settings):
    assert _post(loan, amount=D("1.00")).principal == D("0.00")  # all to interest
    settings.PAYMENT_MIN_AMOUNT = "500.00"
    _refusal(loan, "amount_out_of_range", amount=D("499.99"))


@pytest.mark.django_db
def test_amount_with_more_than_two_decimals_refused(loan):
    _refusal(loan, "validation_error", amount=D("10.001"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "said"),
    [
        *[(text, "not a number") for text in ("1e3", "1E3", "NaN", "Infinity", "0x10", "+10")],
        *[(text, "not a number") for text in ("1 000", " 10", "\uff11\uff10", None, 10.5)],
        ("10.001", "at most 2 decimal places"),
        ("10.000", "at most 2 decimal places"),
    ],
)
def test_an_amount_given_as_text_is_read_by_the_one_rule(loan, amount, said):
    # lendingsite.money.amount_parse: Decimal("1e3") would have posted ₹1,000.00.
    error = _refusal(loan, "validation_error", amount=amount)
    assert error.errors == {"amount": [said]}


@pytest.mark.django_db
def test_an_amount_given_as_plain_text_or_an_integer_posts(loan):
    assert _post(loan, amount="1000.5").amount == D("1000.50")
    assert _post(loan, amount=1000).amount == D("1000.00")


@pytest.mark.django_db
def test_loan_not_active_refused():
    loan = pending_loan(business_date=DISBURSED)
    error = _refusal(loan, "loan_not_active")
    assert error.status == 409


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["collector", "borrower", "nobody"])
def test_permission_denied(loan, who):
    user = {"collector": lambda: staff(COLLECTOR), "borrower": borrower, "nobody": lambda: None}[
        who
    ]()
    error = _refusal(loan, "permission_denied", acting_user=user)
    assert error.status == 403


@pytest.mark.django_db
def test_payment_before_disbursement_refused(loan):
    _refusal(
        loan, "validation_error", paid_on=DISBURSED - timedelta(days=1), business_date=DISBURSED
    )


@pytest.mark.django_db
def test_unknown_channel_and_missing_utr_refused(loan):
    _refusal(loan, "validation_error", channel="bitcoin")
    _refusal(loan, "validation_error", utr="   ")


@pytest.mark.django_db
def test_loan_after_shows_the_loan_now(loan):
    scheduled = sum(
        (i.principal_due + i.interest_due for i in Installment.objects.filter(loan=loan)), D(0)
    )
    _post(loan)
    assert loan_after(fresh(loan)) == {
        "status": "active",
        "principal_outstanding": "92187.96",
        "total_outstanding": f"{scheduled - EMI:.2f}",
        "dpd": 0,
        "bucket": "current",
    }


@pytest.mark.django_db
def test_posting_a_payment_costs_a_bounded_number_of_queries(loan, django_assert_max_num_queries):
    officer = staff(FINANCE)
    officer.has_perm("repayments.add_payment")  # permissions cached, as in a request
    _post(loan, acting_user=officer, amount=D("100.00"))
    # 12 for the posting, plus one INSERT of its webhook outbox row (integrations.outbox).
    with django_assert_max_num_queries(13):
        _post(loan, acting_user=officer, amount=D("100.00"))


# --- charges -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_charge_levy_adds_to_the_installment_and_books_a_receivable(loan):
    charge = levy_penal(loan, number=1, amount=D("500.00"), charged_on=FIRST_DUE + timedelta(3))
    first = Installment.objects.get(loan=loan, number=1)
    assert first.penal_due == D("500.00")
    assert charge.journal_entry.kind == "charge"
    assert {(ln.account.code, ln.debit, ln.credit) for ln in charge.journal_entry.lines.all()} == {
        (ledger.CHARGES_RECEIVABLE, D("500.00"), D("0")),
        (ledger.CHARGES_SUSPENSE, D("0"), D("500.00")),
    }
    assert AuditEvent.objects.filter(action="charge.levied", target_id=str(charge.pk)).exists()

    # Penal first (mifos-standard): a payment of the EMI + 500 pays the charge and the EMI,
    # and only then is the charge income (Dr suspense / Cr penal income in the payment entry).
    payment = _post(
        loan,
        amount=EMI + D("500.00"),
        paid_on=FIRST_DUE + timedelta(4),
        business_date=FIRST_DUE + timedelta(4),
    )
    assert (payment.penal, payment.interest, payment.principal) == (
        D("500.00"),
        D("1166.67"),
        D("7812.04"),
    )
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert ledger.account_balance(ledger.CHARGES_SUSPENSE, loan=loan) == 0
    assert ledger.account_balance(ledger.PENAL_INCOME, loan=loan) == D("-500.00")


@pytest.mark.django_db
def test_charge_once_per_installment_and_only_when_due(loan):
    levy_penal(loan, number=1, amount=D("500.00"), charged_on=FIRST_DUE)
    before = money_snapshot()
    with pytest.raises(DomainError) as again:
        levy_penal(loan, number=1, amount=D("500.00"), charged_on=FIRST_DUE + timedelta(1))
    assert again.value.code == "duplicate"
    with pytest.raises(DomainError) as early:
        levy_penal(loan, number=2, amount=D("500.00"), charged_on=FIRST_DUE)
    assert early.value.code == "validation_error"
    assert money_snapshot() == before
    assert Charge.objects.count() == 1


# --- refunds -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_overpayment_after_the_last_installment_is_a_credit_that_finance_refunds():
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    last_due = rows[-1].due_date
    owed = sum((r.total_due for r in rows), D("0.00"))
    payment = _post(loan, amount=owed + D("250.00"), paid_on=last_due, business_date=last_due)
    assert payment.excess == D("250.00")
    loan = fresh(loan)
    assert loan.status == "closed"
    assert loan.closed_on == last_due
    assert credit_balance(loan) == D("250.00")

    finance = staff(FINANCE)
    with pytest.raises(DomainError) as too_much:
        credit_refund(acting_user=finance, loan=loan, amount=D("250.01"), reference="RF1")
    assert too_much.value.code == "validation_error"
    with pytest.raises(DomainError) as not_finance:
        credit_refund(
            acting_user=staff(LOAN_OFFICER), loan=loan, amount=D("10.00"), reference="RF1"
        )
    assert not_finance.value.code == "permission_denied"

    refund = credit_refund(acting_user=finance, loan=loan, amount=D("250.00"), reference="RF1")
    assert credit_balance(loan) == 0
    assert {(ln.account.code, ln.debit, ln.credit) for ln in refund.journal_entry.lines.all()} == {
        (ledger.BORROWER_CREDIT, D("250.00"), D("0")),
        (ledger.BANK, D("0"), D("250.00")),
    }
    assert AuditEvent.objects.filter(action="credit.refunded", actor=finance).count() == 1
    assert AuditEvent.objects.filter(action="credit.refund_refused", outcome="denied").count() == 2


@pytest.mark.django_db
def test_closed_loan_takes_no_more_payments():
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    owed = sum((r.total_due for r in rows), D("0.00"))
    _post(loan, amount=owed, paid_on=rows[-1].due_date, business_date=rows[-1].due_date)
    assert fresh(loan).status == "closed"
    _refusal(
        fresh(loan),
        "loan_not_active",
        amount=D("10.00"),
        paid_on=rows[-1].due_date,
        business_date=rows[-1].due_date,
    )
