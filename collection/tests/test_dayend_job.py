"""The day-end job end to end (collection.dayend): DPD and buckets on the worked example,
the materiality floor, the NPA upgrade rule, penal charges, legal escalation, collection
cases, idempotency and the refusals. Loans are made and paid through the real services."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from accounts.roles import COLLECTOR, FINANCE
from accounts.tests.factories import staff
from collection.dayend import day_end_run
from collection.dayend.buckets import penal_amount
from collection.models import BucketHistory, CollectionCase, DayEndRun, RunStatus
from collection.tests.dayend_helpers import (
    arrears,
    loan_due,
    pay,
    pay_installments,
    snapshot,
)
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalLine, Loan, LoanStatus
from loans.tests.factories import ProductFactory
from repayments.models import Charge
from repayments.selectors import foreclosure_quote
from repayments.services.payments import charge_levy

pytestmark = pytest.mark.django_db

JAN31 = date(2025, 1, 31)  # installments due 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun, ...


def fresh(loan: Loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def case_of(loan: Loan) -> CollectionCase:
    return CollectionCase.objects.get(loan=loan)


def test_the_worked_example_due_31_march():
    """Due 31 Mar unpaid: DPD 1 on 31 Mar, 30 on 29 Apr (SMA-0), 31 on 30 Apr (SMA-1),
    91 on 29 Jun (NPA), each change on record, the case following, legal at DPD 91."""
    loan = loan_due(JAN31)
    pay_installments(loan, [1], on=date(2025, 2, 28))  # the 28 Feb installment is paid
    seen = []
    for day in (date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 29), date(2025, 4, 30)):
        day_end_run(business_date=day)
        seen.append((fresh(loan).dpd, fresh(loan).bucket))
    day_end_run(business_date=date(2025, 6, 29))
    seen.append((fresh(loan).dpd, fresh(loan).bucket))

    assert seen == [(0, "current"), (1, "SMA-0"), (30, "SMA-0"), (31, "SMA-1"), (91, "NPA")]
    history = BucketHistory.objects.filter(loan=loan).order_by("business_date")
    assert [(h.business_date, h.from_bucket, h.to_bucket, h.dpd) for h in history] == [
        (date(2025, 3, 31), "current", "SMA-0", 1),
        (date(2025, 4, 30), "SMA-0", "SMA-1", 31),
        (date(2025, 6, 29), "SMA-1", "NPA", 91),
    ]
    case = case_of(loan)
    assert (case.status, case.opened_on, case.loan.dpd, case.loan.bucket) == (
        "open",
        date(2025, 3, 31),
        91,
        "NPA",
    )
    assert case.overdue_amount == arrears(loan, on=date(2025, 6, 29))
    assert (case.legal_escalated, case.escalated_on) == (True, date(2025, 6, 29))


def test_a_remainder_within_the_materiality_floor_counts_as_paid():
    product = ProductFactory(materiality_floor=Decimal("10.00"))
    within = loan_due(JAN31, product=product)
    above = loan_due(JAN31, product=product)
    pay_installments(within, [1], on=date(2025, 2, 28), leave=Decimal("5.00"))
    pay_installments(above, [1], on=date(2025, 2, 28), leave=Decimal("15.00"))

    run = day_end_run(business_date=date(2025, 3, 10))

    assert (fresh(within).dpd, fresh(within).bucket) == (0, "current")
    assert not CollectionCase.objects.filter(loan=within).exists()
    assert not Charge.objects.filter(loan=within).exists()  # not overdue: no penal either
    assert (fresh(above).dpd, fresh(above).bucket) == (11, "SMA-0")
    assert case_of(above).overdue_amount == Decimal("515.00")  # ₹15 + the ₹500 penal
    assert Charge.objects.get(loan=above).amount == Decimal("500.00")
    assert run.counts["cases"]["opened"] == 1


def test_npa_is_upgraded_only_when_every_arrear_is_paid():
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 5, 31))  # oldest unpaid 28 Feb: DPD 93
    assert (fresh(loan).dpd, fresh(loan).bucket) == (93, "NPA")

    pay_installments(loan, [1, 2], on=date(2025, 6, 1))  # oldest unpaid now 30 Apr
    day_end_run(business_date=date(2025, 6, 1))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (33, "NPA")  # DPD 33, still NPA
    assert case_of(loan).status == "open"

    pay(loan, arrears(loan, on=date(2025, 6, 2)), on=date(2025, 6, 2))
    day_end_run(business_date=date(2025, 6, 2))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    assert list(
        BucketHistory.objects.filter(loan=loan).values_list("business_date", "to_bucket")
    ) == [(date(2025, 5, 31), "NPA"), (date(2025, 6, 2), "current")]
    case = case_of(loan)
    assert (case.status, case.closed_on, case.loan.dpd, case.overdue_amount) == (
        "resolved",
        date(2025, 6, 2),
        0,
        Decimal("0.00"),
    )


def test_penal_charge_is_levied_once_after_the_grace_days_and_never_earns_interest():
    product = ProductFactory(penal_grace_days=3, penal_charge_flat=Decimal("500.00"))
    loan = loan_due(JAN31, product=product)
    schedule = list(
        loan.installments.values_list("number", "principal_due", "interest_due", "balance_after")
    )
    for day in (date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5), date(2025, 3, 20)):
        day_end_run(business_date=day)
        if day == date(2025, 3, 3):
            assert not Charge.objects.exists()  # 3 days after the due date: still grace

    charge = Charge.objects.get()
    first = loan.installments.get(number=1)
    assert (charge.installment_id, charge.kind, charge.amount, charge.charged_on) == (
        first.pk,
        "penal",
        Decimal("500.00"),
        date(2025, 3, 4),
    )
    assert first.penal_due == Decimal("500.00")
    # Never capitalised, no interest on it: the schedule and the principal are as they were.
    assert (
        list(
            loan.installments.values_list(
                "number", "principal_due", "interest_due", "balance_after"
            )
        )
        == schedule
    )
    assert fresh(loan).principal_outstanding == loan.principal
    lines = JournalLine.objects.filter(entry=charge.journal_entry).order_by("account__code")
    assert [(ln.account.code, ln.debit, ln.credit, ln.loan_id) for ln in lines] == [
        (ledger.CHARGES_RECEIVABLE, Decimal("500.00"), Decimal("0.00"), loan.pk),
        (ledger.CHARGES_SUSPENSE, Decimal("0.00"), Decimal("500.00"), loan.pk),
    ]
    assert not JournalLine.objects.filter(account__code=ledger.INTEREST_INCOME).exists()


def test_the_day_end_levy_has_exactly_the_effects_of_charge_levy():
    product = ProductFactory(penal_charge_flat=Decimal("750.00"))
    by_job, by_hand = loan_due(JAN31, product=product), loan_due(JAN31, product=product)
    day = date(2025, 3, 10)
    day_end_run(business_date=day, force_loan_id=by_job.pk)
    job_charge = Charge.objects.get(loan=by_job)
    hand_charge = charge_levy(
        loan=by_hand,
        installment=by_hand.installments.get(number=1),
        kind="penal",
        amount=Decimal("750.00"),
        charged_on=day,
        reason=job_charge.reason,
    )

    def effects(charge: Charge) -> dict:
        entry = charge.journal_entry
        installment = Installment.objects.get(pk=charge.installment_id)
        return {
            "charge": (charge.kind, charge.amount, charge.charged_on, charge.reason),
            "installment": (installment.number, installment.penal_due, installment.paid_on),
            "entry": (
                entry.kind,
                entry.entry_date,
                entry.memo,
                entry.reference.replace(str(installment.pk), "<id>"),
                entry.created_by_id,
                entry.loan_id == charge.loan_id,
            ),
            "lines": sorted(
                (ln.account.code, ln.debit, ln.credit, ln.loan_id == charge.loan_id)
                for ln in entry.lines.all()
            ),
        }

    assert effects(Charge.objects.get(pk=job_charge.pk)) == effects(hand_charge)


def test_percent_penal_is_a_share_of_the_overdue_amount_with_the_loan_rounding():
    product = ProductFactory(
        penal_charge_type="percent_of_overdue", penal_charge_percent=Decimal("2.5000")
    )
    loan = loan_due(JAN31, product=product)
    owed = loan.installments.get(number=1).outstanding
    day_end_run(business_date=date(2025, 3, 10))
    expected = penal_amount(
        charge_type="percent_of_overdue",
        flat=product.penal_charge_flat,
        percent=Decimal("2.5"),
        overdue=owed,
        rounding=loan.rounding,
    )
    assert Charge.objects.get(loan=loan).amount == expected
    assert expected > 0 and expected != product.penal_charge_flat


def test_escalation_at_the_threshold(settings):
    settings.ESCALATION_DPD_THRESHOLD = 30
    loan = loan_due(JAN31)  # 28 Feb due unpaid: DPD 29 on 28 Mar, 30 on 29 Mar
    day_end_run(business_date=date(2025, 3, 28))
    assert (case_of(loan).loan.dpd, case_of(loan).legal_escalated) == (29, False)
    run = day_end_run(business_date=date(2025, 3, 29))
    case = case_of(loan)
    assert (case.legal_escalated, case.escalated_on, case.loan.dpd) == (True, date(2025, 3, 29), 30)
    assert run.counts["escalation"] == 1
    day_end_run(business_date=date(2025, 3, 30))
    assert case_of(loan).escalated_on == date(2025, 3, 29)  # once


def test_escalation_switched_off_is_skipped_and_says_so(settings):
    settings.ESCALATION_ENABLED = False
    loan = loan_due(JAN31)
    run = day_end_run(business_date=date(2025, 6, 1))
    assert fresh(loan).dpd == 94
    assert run.counts["escalation"] == "skipped"
    assert case_of(loan).legal_escalated is False

    settings.ESCALATION_ENABLED = True
    day_end_run(business_date=date(2025, 6, 2))
    assert (case_of(loan).legal_escalated, case_of(loan).escalated_on) == (True, date(2025, 6, 2))


def test_a_product_npa_threshold_moves_the_npa_boundary():
    loan = loan_due(JAN31, product=ProductFactory(npa_threshold_days=60))
    day_end_run(business_date=date(2025, 4, 28))  # 28 Feb + 60 days: DPD 60
    assert (fresh(loan).dpd, fresh(loan).bucket) == (60, "SMA-1")
    day_end_run(business_date=date(2025, 4, 29))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (61, "NPA")


def test_configured_buckets_are_used(settings):
    settings.DAY_END_BUCKETS = "current:0,early:1-15,late:16-90,NPA:91+"
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 15))  # DPD 16
    assert fresh(loan).bucket == "late"
    assert BucketHistory.objects.get(loan=loan).to_bucket == "late"


def test_cases_open_get_assigned_and_close_when_the_loan_is_paid_off():
    collector = staff(COLLECTOR)
    loan = loan_due(JAN31)
    current = loan_due(JAN31)
    pay_installments(current, [1], on=date(2025, 2, 28))
    run = day_end_run(business_date=date(2025, 3, 10))
    case = case_of(loan)
    assert (case.status, case.assigned_to, case.loan.dpd) == ("open", collector, 11)
    assert not CollectionCase.objects.filter(loan=current).exists()
    assert run.counts["assigned"] == 1
    assert set(run.counts["promises"]) >= {"kept", "broken"}

    quote = foreclosure_quote(fresh(loan), as_of=date(2025, 3, 11))
    pay(fresh(loan), quote.total, on=date(2025, 3, 11), cashier=staff(FINANCE))
    assert fresh(loan).status != LoanStatus.ACTIVE
    # Resolved by the payment itself (collection.services.delinquency), not the night after.
    case = case_of(loan)
    assert (case.status, case.closed_on) == ("resolved", date(2025, 3, 11))
    # Nothing is owed any more: the settled loan is no longer shown as delinquent either.
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    history = [(date(2025, 3, 10), "SMA-0", 11), (date(2025, 3, 11), "current", 0)]
    assert (
        list(
            BucketHistory.objects.filter(loan=loan).values_list("business_date", "to_bucket", "dpd")
        )
        == history
    )
    run = day_end_run(business_date=date(2025, 3, 11))
    assert run.counts["cases"]["resolved"] == 0
    assert case_of(loan).status == "resolved"
    assert BucketHistory.objects.filter(loan=loan).count() == 2


def test_the_day_end_still_resolves_a_settled_loans_case():
    """A loan settled by a path that does not refresh its delinquency at once (none does
    today; the night's run is the safety net): DPD 0, current, case resolved."""
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 10))
    Loan.objects.filter(pk=loan.pk).update(status=LoanStatus.CANCELLED)
    run = day_end_run(business_date=date(2025, 3, 11))
    case = case_of(loan)
    assert (case.status, case.closed_on) == ("resolved", date(2025, 3, 11))
    assert run.counts["cases"]["resolved"] == 1
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    assert list(
        BucketHistory.objects.filter(loan=loan).values_list("business_date", "to_bucket", "dpd")
    ) == [(date(2025, 3, 10), "SMA-0", 11), (date(2025, 3, 11), "current", 0)]


def test_a_second_run_for_the_date_changes_nothing_and_says_so():
    loan_due(JAN31)
    first = day_end_run(business_date=date(2025, 3, 10))
    before, events = snapshot(), AuditEvent.objects.count()

    again = day_end_run(business_date=date(2025, 3, 10))

    assert (again.pk, again.outcome, again.status) == (first.pk, "already_completed", "completed")
    assert snapshot() == before
    assert AuditEvent.objects.count() == events
    assert DayEndRun.objects.count() == 1


def test_a_date_before_the_last_completed_run_is_refused():
    loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 10))
    before = snapshot()

    with pytest.raises(DomainError) as refused:
        day_end_run(business_date=date(2025, 3, 9))

    assert refused.value.code == "invalid_state"
    assert "already completed for a later date (2025-03-10)" in refused.value.detail
    assert snapshot() == before
    assert DayEndRun.objects.count() == 1
    assert AuditEvent.objects.filter(action="day_end.run_refused", outcome="denied").count() == 1


def test_force_loan_processes_only_that_loan_even_for_an_earlier_date():
    forced, other = loan_due(JAN31), loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 10))
    assert fresh(forced).dpd == fresh(other).dpd == 11

    run = day_end_run(business_date=date(2025, 3, 5), force_loan_id=forced.pk)

    assert (run.status, run.forced_loan_id, run.loans_processed) == (
        RunStatus.COMPLETED,
        forced.pk,
        1,
    )
    assert (fresh(forced).dpd, fresh(other).dpd) == (6, 11)
    assert Charge.objects.filter(loan=forced).count() == 1  # still once per installment


def test_force_loan_refuses_a_loan_that_is_not_active():
    loan = loan_due(JAN31)
    quote = foreclosure_quote(loan, as_of=date(2025, 2, 5))
    pay(loan, quote.total, on=date(2025, 2, 5))
    with pytest.raises(DomainError) as refused:
        day_end_run(business_date=date(2025, 3, 5), force_loan_id=loan.pk)
    assert refused.value.code == "loan_not_active"
    with pytest.raises(DomainError) as missing:
        day_end_run(business_date=date(2025, 3, 5), force_loan_id=loan.pk + 1000)
    assert missing.value.code == "not_found"
    assert not DayEndRun.objects.exists()


def test_the_sql_per_chunk_does_not_grow_with_the_number_of_loans():
    """Set-based: one chunk of 1 loan and one chunk of 4 loans take the same statements."""

    def statements(day: date) -> int:
        with CaptureQueriesContext(connection) as ctx:
            day_end_run(business_date=day)
        return len(ctx.captured_queries)

    loan_due(JAN31)
    one = statements(date(2025, 3, 10))
    for _ in range(3):
        loan_due(JAN31)
    four = statements(date(2025, 3, 11))
    assert one == four
    assert Loan.objects.filter(dpd=12).count() == 4
