"""A hypothesis state machine over one loan's life: payments (partial, exact, over,
foreclosing, backdated: some void a penal charge), reversals, charges, waivers and refunds,
with the ledger and schedule invariants of DESIGN §6 checked after every step."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalLine, Loan, LoanStatus
from loans.tests.factories import ProductFactory, active_loan
from repayments import engine
from repayments.models import Charge, CreditRefund, Payment, PaymentAllocation
from repayments.selectors import credit_balance, engine_rows, foreclosure_quote, loan_terms
from repayments.services.payments import charge_levy, credit_refund, payment_post, payment_reverse
from repayments.services.waivers import charge_waiver_approve, charge_waiver_propose
from repayments.tests.factories import next_utr

D = Decimal
ZERO = D("0.00")
PARTS = ("penal", "fees", "interest", "principal")
LOANS = {
    "mifos, reduce tenure": (engine.PENAL_FEES_INTEREST_PRINCIPAL, engine.REDUCE_TENURE),
    "interest first, reduce emi": (engine.INTEREST_PRINCIPAL_PENAL_FEES, engine.REDUCE_EMI),
}


class LoanLife(RuleBasedStateMachine):
    loan_ids: dict[str, int]  # one freshly disbursed loan per (allocation, prepayment) pair
    posters: list
    checker = None

    @initialize(strategies=st.sampled_from(sorted(LOANS)))
    def start(self, strategies):
        # Each example starts from one of the freshly disbursed loans: its writes are
        # undone by rolling back this savepoint in teardown.
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.loan_id = self.loan_ids[strategies]
        self.today = Loan.objects.get(pk=self.loan_id).disbursed_on

    def teardown(self):
        if hasattr(self, "atomic"):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

    @property
    def loan(self) -> Loan:
        return Loan.objects.get(pk=self.loan_id)

    def _emi(self) -> Decimal:
        first = Installment.objects.filter(loan_id=self.loan_id).order_by("number").first()
        return first.principal_due + first.interest_due

    def _post(self, amount: Decimal, back: int):
        paid_on = max(self.today - timedelta(days=back), self.loan.disbursed_on)
        loan = self.loan
        try:
            payment_post(
                acting_user=self.posters[0],
                loan=loan,
                amount=amount,
                paid_on=paid_on,
                channel="upi",
                utr=next_utr("INV"),
                business_date=self.today,
            )
        except DomainError as error:
            assert loan.status != LoanStatus.ACTIVE
            assert error.code == "loan_not_active"

    @rule(days=st.integers(1, 45))
    def time_passes(self, days):
        self.today += timedelta(days=days)

    @rule(fraction=st.integers(1, 100), back=st.integers(0, 7))
    def pay_partly(self, fraction, back):
        self._post(max(D("1.00"), (self._emi() * fraction / 100).quantize(D("0.01"))), back)

    @rule(back=st.integers(0, 7))
    def pay_the_next_installment(self, back):
        row = (
            Installment.objects.filter(loan_id=self.loan_id)
            .order_by("number")
            .exclude(paid_on__isnull=False)
            .first()
        )
        self._post(row.outstanding if row and row.outstanding > 0 else D("1.00"), back)

    @rule()
    def pay_a_charged_installment_on_time(self):
        """Recorded today, dated on or before the day a penal charge was levied on the
        installment, paying its principal and interest: the charge turns out void."""
        charge = (
            Charge.objects.filter(loan_id=self.loan_id, kind="penal", status="in_force")
            .select_related("installment")
            .order_by("id")
            .first()
        )
        if charge is None or charge.installment is None:
            return
        row = charge.installment
        on = max(row.due_date, self.today - timedelta(days=7))
        owed = row.principal_due + row.interest_due - row.principal_paid - row.interest_paid
        if on > charge.charged_on or owed <= 0:
            return
        self._post(owed, (self.today - on).days)

    @rule(times=st.integers(2, 4), paise=st.integers(0, 99), back=st.integers(0, 7))
    def pay_more(self, times, paise, back):
        self._post(self._emi() * times + D(paise) / 100, back)

    @rule(share=st.integers(1, 60))
    def prepay(self, share):
        """Everything due to date plus a share of the principal not yet due."""
        quote_day = self.today
        if self.loan.status != LoanStatus.ACTIVE:
            return
        quote = foreclosure_quote(self.loan, as_of=quote_day)
        due_now = sum(
            (
                r.outstanding
                for r in Installment.objects.filter(loan_id=self.loan_id, due_date__lte=quote_day)
            ),
            ZERO,
        )
        self._post(due_now + (quote.principal * share / 100).quantize(D("0.01")) + D("1.00"), 0)

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(extra=st.sampled_from([ZERO, D("0.01"), D("250.00")]))
    def foreclose(self, extra):
        quote = foreclosure_quote(self.loan, as_of=self.today)
        self._post(quote.total + extra, 0)
        assert self.loan.status in (LoanStatus.FORECLOSED, LoanStatus.CLOSED)

    @rule(pick=st.integers(0, 50))
    def reverse(self, pick):
        posted = list(Payment.objects.filter(loan_id=self.loan_id, status="posted").order_by("id"))
        if not posted:
            return
        payment_reverse(
            acting_user=self.checker,
            payment=posted[pick % len(posted)],
            reason="Bounced",
            business_date=self.today,
        )

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(
        pick=st.integers(0, 50), kind=st.sampled_from(["penal", "fee"]), rupees=st.integers(1, 900)
    )
    def charge(self, pick, kind, rupees):
        due = [
            row
            for row in Installment.objects.filter(loan_id=self.loan_id, due_date__lte=self.today)
            .exclude(charges__kind=kind)
            .order_by("number")
            if row.outstanding > 0
        ]
        if not due:
            return
        charge_levy(
            loan=self.loan,
            installment=due[pick % len(due)],
            kind=kind,
            amount=D(rupees),
            charged_on=self.today,
        )

    @rule(pick=st.integers(0, 50), share=st.integers(1, 100))
    def waive(self, pick, share):
        """A charge waived in part or in full, by two finance officers."""
        charges = [
            c
            for c in Charge.objects.filter(loan_id=self.loan_id).order_by("id")
            if c.amount_in_force > 0
        ]
        if not charges or self.loan.status == LoanStatus.WRITTEN_OFF:
            return
        charge = charges[pick % len(charges)]
        amount = max(D("0.01"), (charge.amount_in_force * share / 100).quantize(D("0.01")))
        waiver = charge_waiver_propose(
            acting_user=self.posters[0],
            charge=charge,
            reason="Goodwill",
            amount=amount,
            business_date=self.today,
        )
        charge_waiver_approve(acting_user=self.checker, waiver=waiver, business_date=self.today)

    @rule(share=st.integers(1, 100))
    def refund(self, share):
        available = credit_balance(self.loan)
        if available <= 0:
            return
        amount = max(D("0.01"), (available * share / 100).quantize(D("0.01")))
        credit_refund(acting_user=self.checker, loan=self.loan, amount=amount, reference="RF")

    # --- invariants -----------------------------------------------------------------------

    @invariant()
    def every_entry_balances(self):
        if not hasattr(self, "atomic"):
            return
        per_entry = (
            JournalLine.objects.values("entry_id")
            .annotate(dr=Sum("debit"), cr=Sum("credit"))
            .order_by()
        )
        assert all(row["dr"] == row["cr"] for row in per_entry)
        overall = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
        assert overall["dr"] == overall["cr"]

    @invariant()
    def principal_agrees_three_ways(self):
        if not hasattr(self, "atomic"):
            return
        loan = self.loan
        repaid = (
            PaymentAllocation.objects.filter(
                payment__loan=loan, payment__status="posted"
            ).aggregate(p=Sum("principal"))["p"]
            or ZERO
        )
        assert loan.principal_outstanding == ledger.account_balance(
            ledger.LOAN_PORTFOLIO, loan=loan
        )
        assert loan.principal_outstanding == loan.principal - repaid

    @invariant()
    def payments_are_fully_allocated(self):
        if not hasattr(self, "atomic"):
            return
        sums = {
            row["payment_id"]: row
            for row in PaymentAllocation.objects.filter(payment__loan_id=self.loan_id)
            .values("payment_id")
            .annotate(**{p: Sum(p) for p in PARTS})
            .order_by()
        }
        for payment in Payment.objects.filter(loan_id=self.loan_id):
            if payment.status != "posted":
                assert payment.pk not in sums
                continue
            parts = sums.get(payment.pk, dict.fromkeys(PARTS, ZERO))
            assert payment.amount == sum(parts[p] for p in PARTS) + payment.excess
            assert all(getattr(payment, p) == parts[p] for p in PARTS)
            assert all(getattr(payment, p) >= 0 for p in (*PARTS, "excess"))

    @invariant()
    def installments_are_dues_less_allocations(self):
        if not hasattr(self, "atomic"):
            return
        rows = list(Installment.objects.filter(loan_id=self.loan_id).order_by("number"))
        allocated = PaymentAllocation.objects.filter(
            payment__loan_id=self.loan_id, payment__status="posted"
        ).aggregate(**{p: Sum(p) for p in PARTS})
        dues = sum((r.total_due for r in rows), ZERO)
        outstanding = sum((r.outstanding for r in rows), ZERO)
        assert dues == sum((allocated[p] or ZERO for p in PARTS), ZERO) + outstanding
        for r in rows:
            for p in PARTS:
                due, paid = getattr(r, f"{p}_due"), getattr(r, f"{p}_paid")
                assert 0 <= paid <= due
        assert [r.number for r in rows] == list(range(1, len(rows) + 1))
        charged = sum(
            (c.amount_in_force for c in Charge.objects.filter(loan_id=self.loan_id)), ZERO
        )
        assert sum((r.penal_due + r.fees_due for r in rows), ZERO) == charged
        unpaid_charges = sum(
            (r.penal_due + r.fees_due - r.penal_paid - r.fees_paid for r in rows), ZERO
        )
        assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=self.loan) == unpaid_charges
        loan = self.loan
        assert (loan.status == LoanStatus.ACTIVE) == (outstanding > 0)

    @invariant()
    def stored_state_is_the_full_replay(self):
        """The fast path (newest payment applied to the stored rows) never drifts from a
        replay of the whole history."""
        if not hasattr(self, "atomic"):
            return
        loan = self.loan
        rows = list(Installment.objects.filter(loan=loan).order_by("number"))
        due_by_id = {r.pk: r.due_date for r in rows}
        events = [
            engine.PaymentEvent(p.pk, p.amount, p.paid_on)
            for p in Payment.objects.filter(loan=loan, status="posted")
        ] + [
            engine.ChargeEvent(
                c.pk, due_by_id[c.installment_id], c.kind, c.amount_in_force, c.charged_on
            )
            for c in Charge.objects.filter(loan=loan)
            if c.amount_in_force > 0
        ]
        terms = loan_terms(loan)
        floor = loan.product.materiality_floor
        full = engine.replay(engine.original_rows(terms), events, terms, materiality_floor=floor)
        assert full.void_charges == []  # every void charge was reversed when it became so
        stored = [engine.Row(**{**vars_of(r), "kind": engine.REGULAR}) for r in engine_rows(rows)]
        assert stored == [engine.Row(**{**vars_of(r), "kind": engine.REGULAR}) for r in full.rows]
        credit = -ledger.account_balance(ledger.BORROWER_CREDIT, loan=loan)
        excess = Payment.objects.filter(loan=loan, status="posted").aggregate(t=Sum("excess"))["t"]
        refunded = CreditRefund.objects.filter(loan=loan).aggregate(t=Sum("amount"))["t"]
        assert credit == (excess or ZERO) - (refunded or ZERO)


def vars_of(row: engine.Row) -> dict:
    return {name: getattr(row, name) for name in engine.Row.__slots__}


@pytest.mark.django_db
def test_ledger_and_schedule_invariants_hold_after_every_step():
    LoanLife.loan_ids = {}
    for key, (allocation, prepayment) in LOANS.items():
        product = ProductFactory(allocation_strategy=allocation, prepayment_strategy=prepayment)
        LoanLife.loan_ids[key] = active_loan(tenure=6, product=product).pk
    LoanLife.posters = [staff(FINANCE)]
    LoanLife.checker = staff(FINANCE)
    LoanLife.posters[0].has_perm("repayments.add_payment")
    LoanLife.checker.has_perm("repayments.reverse_payment")
    run_state_machine_as_test(
        LoanLife,
        settings=settings(
            max_examples=25,
            stateful_step_count=12,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
