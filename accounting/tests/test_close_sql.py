"""The set-based close equals the per-loan Python rules on random books (hypothesis), and
the trial balance balances after any sequence of operations."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounting.close.job import month_end_run
from accounting.config import provision_rates
from accounting.models import ProvisionDetail, RunKind
from accounting.rules import provision_required
from accounting.selectors import trial_balance
from accounting.tests.helpers import balance, expected_moves
from collection.tests.dayend_helpers import loan_due, pay
from loans import ledger
from loans.models import JournalLine, Loan
from repayments.tests.factories import reverse_payment

pytestmark = pytest.mark.django_db

D = Decimal
START = date(2026, 1, 1)
FIRST_RUN = date(2026, 3, 10)
SECOND_RUN = date(2026, 4, 30)

loan_spec = st.fixed_dictionaries(
    {
        "disbursed": st.integers(0, 40),
        "tenure": st.integers(6, 12),  # the borrower's income allows these EMIs (FOIR)
        "amount": st.sampled_from(["10000.00", "73456.00", "250000.00"]),
        "pays": st.lists(st.tuples(st.integers(0, 60), st.integers(100, 30000)), max_size=3),
        "npa_at_first": st.booleans(),
        "npa_at_second": st.booleans(),
        "reverse_first_payment": st.booleans(),
    }
)


class Rollback(Exception):
    pass


def _net(loan, on, kind_plus, kind_minus):
    """What the close posted for the loan on `on`: a loan paid off that day also has its
    interest trued up that day (loans.ledger.interest_true_up, same kinds, outside the
    close), which the per-loan rule of the close does not count."""

    def posted(kind):
        rows = JournalLine.objects.filter(
            loan=loan, entry__entry_date=on, entry__kind=kind
        ).exclude(entry__memo__contains="paid off")
        return sum((r.debit for r in rows), D(0))

    return posted(kind_plus) - posted(kind_minus)


def _check_against_python(loans, on):
    expected = {loan.pk: expected_moves(loan, on) for loan in loans}
    month_end_run(business_date=on, kind=RunKind.ACCRUAL, chunk_size=2)
    for loan in loans:
        accrue = _net(loan, on, "interest_accrual", "interest_accrual_reversal")
        suspend = _net(loan, on, "npa_interest_suspended", "npa_interest_released")
        assert (accrue, suspend) == (expected[loan.pk].accrue, expected[loan.pk].suspend)


def _set_npa(loan, npa):
    Loan.objects.filter(pk=loan.pk).update(bucket="NPA" if npa else "current", dpd=95 if npa else 0)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(loan_spec, min_size=1, max_size=3))
def test_the_set_based_accrual_equals_the_per_loan_rules_and_the_books_balance(specs):
    try:
        with transaction.atomic():
            loans, payments = [], []
            for spec in specs:
                loan = loan_due(
                    START + timedelta(days=spec["disbursed"]),
                    tenure=spec["tenure"],
                    amount=spec["amount"],
                )
                loans.append(loan)
                for offset, amount in sorted(spec["pays"]):
                    day = loan.disbursed_on + timedelta(days=offset + 1)
                    payments.append((day, loan, D(amount), spec))
            for loan, spec in zip(loans, specs, strict=True):
                _set_npa(loan, spec["npa_at_first"])
            first, later = [], []
            for item in payments:
                (first if item[0] <= FIRST_RUN else later).append(item)
            reversed_once = set()
            for day, loan, amount, spec in sorted(first, key=lambda x: (x[0], x[1].pk)):
                if Loan.objects.get(pk=loan.pk).status != "active":
                    continue
                made = pay(loan, amount, on=day)
                if spec["reverse_first_payment"] and loan.pk not in reversed_once:
                    reversed_once.add(loan.pk)
                    reverse_payment(made, business_date=day)
            _check_against_python(loans, FIRST_RUN)
            for day, loan, amount, _ in sorted(later, key=lambda x: (x[0], x[1].pk)):
                if Loan.objects.get(pk=loan.pk).status == "active":
                    pay(loan, amount, on=day)
            for loan, spec in zip(loans, specs, strict=True):
                _set_npa(loan, spec["npa_at_second"])
            _check_against_python(loans, SECOND_RUN)
            # The close's provisioning: each loan's detail equals the rule on its books.
            run = month_end_run(business_date=SECOND_RUN, chunk_size=2)
            rates = provision_rates()
            for loan in loans:
                loan = Loan.objects.get(pk=loan.pk)
                exposure = max(
                    balance(ledger.LOAN_PORTFOLIO, loan)
                    + balance(ledger.INTEREST_RECEIVABLE, loan)
                    + balance(ledger.INTEREST_SUSPENSE, loan),
                    D(0),
                )
                if loan.status != "active":
                    exposure = D(0)
                name = "substandard" if loan.bucket == "NPA" else "standard"
                want = provision_required(exposure=exposure, security=D(0), rate=rates[name])
                got = ProvisionDetail.objects.filter(run=run, loan=loan).first()
                if want.required or got is not None:
                    assert (got.asset_class, got.exposure, got.required) == (
                        name if loan.status == "active" else "standard",
                        exposure,
                        want.required,
                    )
                    assert -balance(ledger.LOAN_LOSS_PROVISION, loan) == want.required
            for as_of in (FIRST_RUN, SECOND_RUN, SECOND_RUN + timedelta(days=400)):
                tb = trial_balance(as_of=as_of)
                assert tb["balanced"], as_of
            raise Rollback
    except Rollback:
        pass
