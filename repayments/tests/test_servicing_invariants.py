"""The hypothesis state machine of test_invariants (payments, reversals, charges, waivers,
refunds) with the distress actions added: write-off and recoveries, settlement (paid or
broken), restructure and moratorium. After every step: every entry balances, Loan
Portfolio = principal outstanding = the rows' unpaid principal, Σ dues = Σ allocations +
outstanding, and the stored rows are the replay from the loan's base."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, Loan, LoanStatus, Reschedule
from repayments import engine
from repayments.models import Charge, Payment, PaymentAllocation
from repayments.selectors import base_rows, engine_rows, loan_base, loan_terms
from repayments.services.payments import payment_post, payment_reverse
from repayments.services.servicing.moratoria import moratorium_create, moratorium_run
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.services.servicing.settlements import (
    loan_dues,
    loan_settlement_propose,
    settlements_break_due,
)
from repayments.services.servicing.writeoffs import loan_write_off_propose
from repayments.services.waivers import charge_waiver_approve, charge_waiver_propose
from repayments.tests.factories import next_utr
from repayments.tests.lives import distress_life_run
from repayments.tests.test_invariants import PARTS, LoanLife, vars_of

D = Decimal
ZERO = D("0.00")
ALLOWED = {"loan_not_active", "backdated", "invalid_state"}


class DistressLife(LoanLife):
    makers: list

    def _post(self, amount: Decimal, back: int):
        paid_on = max(self.today - timedelta(days=back), self.loan.disbursed_on)
        try:
            payment_post(
                acting_user=self.posters[0],
                loan=self.loan,
                amount=amount,
                paid_on=paid_on,
                channel="upi",
                utr=next_utr("DIS"),
                business_date=self.today,
            )
        except DomainError as error:
            assert error.code in ALLOWED, error.detail

    @rule(pick=st.integers(0, 50))
    def reverse(self, pick):
        posted = list(Payment.objects.filter(loan_id=self.loan_id, status="posted").order_by("id"))
        if not posted:
            return
        try:
            payment_reverse(
                acting_user=self.checker,
                payment=posted[pick % len(posted)],
                reason="Bounced",
                business_date=self.today,
            )
        except DomainError as error:
            assert error.code == "invalid_state", error.detail

    @rule(pick=st.integers(0, 50), share=st.integers(1, 100))
    def waive(self, pick, share):
        charges = [
            c
            for c in Charge.objects.filter(loan_id=self.loan_id).order_by("id")
            if c.amount_in_force > 0
        ]
        if not charges:
            return
        charge = charges[pick % len(charges)]
        amount = max(D("0.01"), (charge.amount_in_force * share / 100).quantize(D("0.01")))
        try:
            waiver = charge_waiver_propose(
                acting_user=self.posters[0],
                charge=charge,
                reason="Goodwill",
                amount=amount,
                business_date=self.today,
            )
            charge_waiver_approve(acting_user=self.checker, waiver=waiver, business_date=self.today)
        except DomainError as error:
            assert error.code == "invalid_state", error.detail

    # --- the distress actions ------------------------------------------------------------

    def _decide(self, proposal):
        return proposal_approve(
            acting_user=self.makers[1], proposal=proposal, business_date=self.today
        )

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(kind=st.sampled_from(["technical", "full"]))
    def write_off(self, kind):
        try:
            self._decide(
                loan_write_off_propose(
                    acting_user=self.makers[0],
                    loan=self.loan,
                    kind=kind,
                    reason="Absconded",
                    business_date=self.today,
                )
            )
        except DomainError as error:
            assert error.code in ALLOWED, error.detail

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(share=st.integers(10, 90), split=st.booleans())
    def settle(self, share, split):
        dues = loan_dues(self.loan, self.today)
        amount = (dues * share / 100).quantize(D("0.01"))
        if amount < D("2.00"):
            return
        first = (amount / 2).quantize(D("0.01"))
        installments = (
            [
                {"due_date": self.today + timedelta(days=10), "amount": first},
                {"due_date": self.today + timedelta(days=40), "amount": amount - first},
            ]
            if split
            else [{"due_date": self.today + timedelta(days=10), "amount": amount}]
        )
        try:
            self._decide(
                loan_settlement_propose(
                    acting_user=self.makers[0],
                    loan=self.loan,
                    amount=amount,
                    installments=installments,
                    grace_days=2,
                    reason="Hardship",
                    business_date=self.today,
                )
            )
        except DomainError as error:
            assert error.code in {*ALLOWED, "validation_error"}, error.detail

    @rule()
    def settlements_break(self):
        settlements_break_due(business_date=self.today)

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(rate=st.sampled_from(["0", "9.5", "14"]), tenure=st.integers(1, 8))
    def restructure(self, rate, tenure):
        try:
            self._decide(
                loan_restructure_propose(
                    acting_user=self.makers[0],
                    loan=self.loan,
                    annual_rate=D(rate),
                    tenure=tenure,
                    reason="Income fell",
                    business_date=self.today,
                )
            )
        except DomainError as error:
            assert error.code in ALLOWED, error.detail
            return
        reschedule = Reschedule.objects.filter(loan_id=self.loan_id).order_by("-id").first()
        restructure_accept(
            acting_user=self.loan.borrower, reschedule=reschedule, business_date=self.today
        )

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(
        rate=st.sampled_from(["0", "12"]),
        installment=st.sampled_from(["50.00", "900.00", "2500.00", "20000.00"]),
    )
    def restructure_by_installment(self, rate, installment):
        try:
            self._decide(
                loan_restructure_propose(
                    acting_user=self.makers[0],
                    loan=self.loan,
                    annual_rate=D(rate),
                    installment=D(installment),
                    reason="Smaller EMI",
                    business_date=self.today,
                )
            )
        except DomainError as error:
            assert error.code in {*ALLOWED, "installment_too_small"}, error.detail
            return
        reschedule = Reschedule.objects.filter(loan_id=self.loan_id).order_by("-id").first()
        regular = [
            D(r["principal_due"]) + D(r["interest_due"])
            for r in reschedule.base_rows[:-1]  # the last takes the rounding
            if r["due_date"] > reschedule.effective_on.isoformat()
        ][1:]  # the first carries the interest up to the restructure date
        assert all(total <= D(installment) for total in regular), (installment, regular)
        restructure_accept(
            acting_user=self.loan.borrower, reschedule=reschedule, business_date=self.today
        )

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(count=st.integers(1, 3))
    def moratorium(self, count):
        moratorium = moratorium_create(
            acting_user=self.makers[0],
            name="Flood",
            start=self.today,
            installments=count,
            loan_ids=[self.loan_id],
            business_date=self.today,
        )
        moratorium_run(moratorium=moratorium, business_date=self.today)

    # --- invariants (the distress-aware versions) ------------------------------------------

    @invariant()
    def principal_agrees_three_ways(self):
        if not hasattr(self, "atomic"):
            return
        loan = self.loan
        assert loan.principal_outstanding == ledger.account_balance(
            ledger.LOAN_PORTFOLIO, loan=loan
        )
        if loan.status == LoanStatus.ACTIVE:
            rows = Installment.objects.filter(loan=loan)
            assert loan.principal_outstanding == sum(
                (r.principal_due - r.principal_paid for r in rows), ZERO
            )

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
                assert 0 <= getattr(r, f"{p}_paid") <= getattr(r, f"{p}_due")
        assert [r.number for r in rows] == list(range(1, len(rows) + 1))
        loan = self.loan
        if loan.status == LoanStatus.ACTIVE:
            unpaid_charges = sum(
                (r.penal_due + r.fees_due - r.penal_paid - r.fees_paid for r in rows), ZERO
            )
            assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == unpaid_charges
            assert outstanding > 0
        if loan.status in (LoanStatus.WRITTEN_OFF, LoanStatus.SETTLED):
            assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == ZERO
        if loan.status == LoanStatus.SETTLED:
            assert outstanding == ZERO

    @invariant()
    def stored_state_is_the_full_replay(self):
        if not hasattr(self, "atomic"):
            return
        loan = self.loan
        if loan.status not in (LoanStatus.ACTIVE, LoanStatus.CLOSED, LoanStatus.FORECLOSED):
            return  # written off or settled: no replay runs on it any more
        rows = list(Installment.objects.filter(loan=loan).order_by("number"))
        due_by_id = {r.pk: r.due_date for r in rows}
        base = loan_base(loan)
        after_payment = base.payments_after_id if base else 0
        after_charge = base.charges_after_id if base else 0
        events = [
            engine.PaymentEvent(p.pk, p.amount, p.paid_on)
            for p in Payment.objects.filter(loan=loan, status="posted", pk__gt=after_payment)
        ] + [
            engine.ChargeEvent(
                c.pk, due_by_id[c.installment_id], c.kind, c.amount_in_force, c.charged_on
            )
            for c in Charge.objects.filter(loan=loan, pk__gt=after_charge)
            if c.amount_in_force > 0
        ]
        terms = loan_terms(loan)
        start = base_rows(base) if base else engine.original_rows(terms)
        full = engine.replay(start, events, terms, materiality_floor=loan.product.materiality_floor)
        stored = [engine.Row(**{**vars_of(r), "kind": engine.REGULAR}) for r in engine_rows(rows)]
        assert stored == [engine.Row(**{**vars_of(r), "kind": engine.REGULAR}) for r in full.rows]


@pytest.mark.django_db
def test_ledger_and_schedule_invariants_hold_through_distress():
    distress_life_run(DistressLife, steps=14)
    assert Loan.objects.exists()
