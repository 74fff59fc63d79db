"""The pure allocation/replay engine: hand-worked numbers for both allocation orders,
partial payments, overpayment, prepayment both ways, foreclosure, and hypothesis
properties over random histories."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loans.schedule import ScheduleTerms, build_schedule
from repayments import engine
from repayments.engine import ChargeEvent, LoanTerms, PaymentEvent, Row

D = Decimal
ZERO = D("0.00")


def _rows():
    """Three installments with simple numbers; the first carries a penal charge and a fee."""
    return [
        Row(
            1,
            date(2026, 2, 10),
            D("900.00"),
            D("100.00"),
            penal_due=D("50.00"),
            fees_due=D("20.00"),
        ),
        Row(2, date(2026, 3, 10), D("910.00"), D("90.00")),
        Row(3, date(2026, 4, 10), D("920.00"), D("80.00")),
    ]


def _parts(p: engine.Parts) -> tuple:
    return (p.penal, p.fees, p.interest, p.principal)


# --- allocate: both orders ----------------------------------------------------------------


def test_mifos_standard_order_penal_fees_interest_principal():
    rows, by_row, left = engine.allocate(_rows(), D("1030.00"), date(2026, 3, 10))
    # Installment 1 first: penal 50, fees 20, interest 100, then principal 1030 - 170 = 860
    # (of 900). Nothing reaches installment 2.
    assert _parts(by_row[1]) == (D("50.00"), D("20.00"), D("100.00"), D("860.00"))
    assert 2 not in by_row
    assert left == ZERO
    assert rows[0].outstanding == D("40.00")  # 900 - 860 principal still owed


def test_interest_principal_penal_fees_order():
    rows, by_row, left = engine.allocate(
        _rows(), D("1030.00"), date(2026, 3, 10), engine.INTEREST_PRINCIPAL_PENAL_FEES
    )
    # interest 100, principal 900 (1000 so far), penal 30 of 50, fees nothing.
    assert _parts(by_row[1]) == (D("30.00"), D("0.00"), D("100.00"), D("900.00"))
    assert (rows[0].penal_due - rows[0].penal_paid, rows[0].fees_due - rows[0].fees_paid) == (
        D("20.00"),
        D("20.00"),
    )
    assert left == ZERO


def test_oldest_installment_is_finished_before_the_next():
    rows, by_row, left = engine.allocate(_rows(), D("1100.00"), date(2026, 3, 10))
    # Installment 1 in full (50 + 20 + 100 + 900 = 1070), the other 30 to 2's interest.
    assert _parts(by_row[1]) == (D("50.00"), D("20.00"), D("100.00"), D("900.00"))
    assert _parts(by_row[2]) == (ZERO, ZERO, D("30.00"), ZERO)
    assert rows[0].paid_on == date(2026, 3, 10)
    assert rows[1].paid_on is None
    assert left == ZERO


def test_only_installments_due_by_the_payment_date_are_paid():
    _, by_row, left = engine.allocate(_rows(), D("1500.00"), date(2026, 2, 20))
    # Only installment 1 is due on 20 Feb: 1070; the other 430 is left for prepayment.
    assert list(by_row) == [1]
    assert left == D("430.00")


def test_allocate_leaves_the_callers_rows_alone():
    rows = _rows()
    engine.allocate(rows, D("500.00"), date(2026, 3, 10))
    assert all(r.principal_paid == ZERO and r.penal_paid == ZERO for r in rows)


# --- replay on a real schedule ------------------------------------------------------------
# ₹12,000 at 12 % a year, 6 months, disbursed 10 Jan 2026: r = 0.01,
# EMI = 12000 * 0.01 * 1.01^6 / (1.01^6 - 1) = 2070.58;
# row 1: interest 12000 * 0.01 = 120.00, principal 2070.58 - 120.00 = 1950.58, balance 10049.42.

SIX = ScheduleTerms(
    principal=D("12000.00"), annual_rate=D("12"), tenure=6, disbursement_date=date(2026, 1, 10)
)


def _terms(strategy=engine.REDUCE_TENURE, **schedule) -> LoanTerms:
    return LoanTerms(schedule=replace(SIX, **schedule), prepayment_strategy=strategy)


def _replay(terms, *events):
    return engine.replay(engine.original_rows(terms), events, terms)


def test_original_schedule_is_the_schedule_engines():
    rows = engine.original_rows(_terms())
    assert [(r.principal_due, r.interest_due) for r in rows][:2] == [
        (D("1950.58"), D("120.00")),
        (D("1970.09"), D("100.49")),  # 10049.42 * 0.01 = 100.49
    ]
    assert sum(r.principal_due for r in rows) == D("12000.00")


def test_partial_then_rest_of_the_installment():
    result = _replay(
        _terms(),
        PaymentEvent(1, D("1000.00"), date(2026, 2, 10)),
        PaymentEvent(2, D("1070.58"), date(2026, 2, 12)),
    )
    # 1000: interest 120, principal 880. 1070.58: principal 1950.58 - 880 = 1070.58.
    assert _parts(result.allocations[1].by_row[1]) == (ZERO, ZERO, D("120.00"), D("880.00"))
    assert _parts(result.allocations[2].by_row[1]) == (ZERO, ZERO, ZERO, D("1070.58"))
    assert result.rows[0].paid_on == date(2026, 2, 12)
    assert result.principal_outstanding == D("10049.42")
    assert result.status == engine.ACTIVE


def test_two_overdue_installments_paid_oldest_first():
    result = _replay(_terms(), PaymentEvent(1, D("3000.00"), date(2026, 3, 15)))
    # Row 1 in full: 2070.58; left 929.42: row 2's interest 100.49, principal 828.93.
    alloc = result.allocations[1].by_row
    assert _parts(alloc[1]) == (ZERO, ZERO, D("120.00"), D("1950.58"))
    assert _parts(alloc[2]) == (ZERO, ZERO, D("100.49"), D("828.93"))
    assert result.allocations[1].excess == ZERO


def test_prepayment_reduce_tenure_by_hand():
    result = _replay(
        _terms(engine.REDUCE_TENURE),
        PaymentEvent(1, D("2070.58"), date(2026, 2, 10)),
        PaymentEvent(2, D("3000.00"), date(2026, 2, 25)),
    )
    # Paid 25 Feb, 15 days after the last due date (10 Feb). Broken-period interest on the
    # prepaid principal X: X = floor(3000 / (1 + 12 * 15 / 36500)) = floor(2985.278..) =
    # 2985.27; interest 3000 - 2985.27 = 14.73. New balance 10049.42 - 2985.27 = 7064.15.
    prepay = result.rows[1]
    assert (prepay.kind, prepay.due_date) == (engine.PREPAYMENT, date(2026, 2, 25))
    assert (prepay.principal_paid, prepay.interest_paid) == (D("2985.27"), D("14.73"))
    assert result.principal_outstanding == D("7064.15")
    # Keep EMI <= 2070.58: 3 rows would need 7064.15 * 0.01 * 1.01^3 / (1.01^3 - 1) = 2401.97,
    # 4 rows need 7064.15 * 0.01 * 1.01^4 / (1.01^4 - 1) = 1810.41. So 4 rows, not 5.
    future = result.rows[2:]
    assert [r.scheduled for r in future] == [D("1810.41")] * 3 + [D("1810.39")]
    assert [r.due_date for r in future] == [
        date(2026, 3, 10),
        date(2026, 4, 10),
        date(2026, 5, 10),
        date(2026, 6, 10),
    ]
    assert future[0].interest_due == D("70.64")  # 7064.15 * 0.01
    assert [r.number for r in result.rows] == [1, 2, 3, 4, 5, 6]
    assert sum(r.principal_due for r in result.rows) == D("12000.00")


def test_prepayment_reduce_emi_by_hand():
    result = _replay(
        _terms(engine.REDUCE_EMI),
        PaymentEvent(1, D("2070.58"), date(2026, 2, 10)),
        PaymentEvent(2, D("3000.00"), date(2026, 2, 25)),
    )
    # Same 5 installments left: 7064.15 * 0.01 * 1.01^5 / (1.01^5 - 1) = 1455.50.
    future = result.rows[2:]
    assert len(future) == 5
    assert [r.scheduled for r in future[:-1]] == [D("1455.50")] * 4
    assert future[-1].due_date == date(2026, 7, 10)
    assert result.principal_outstanding == D("7064.15")


def test_prepayment_on_a_due_date_is_all_principal():
    result = _replay(_terms(), PaymentEvent(1, D("3070.58"), date(2026, 2, 10)))
    # 2070.58 pays row 1; the other 1000 on the due date itself: 0 days, no interest.
    assert (result.rows[1].principal_paid, result.rows[1].interest_paid) == (D("1000.00"), ZERO)
    assert result.principal_outstanding == D("9049.42")


def test_foreclosure_closes_and_keeps_the_remainder_as_credit():
    terms = _terms()
    paid = PaymentEvent(1, D("2070.58"), date(2026, 2, 10))
    before = _replay(terms, paid)
    quote = engine.foreclosure_amount(before.rows, terms.schedule, date(2026, 2, 25))
    # 10049.42 not yet due + interest 10049.42 * 12 * 15 / 36500 = 49.56
    assert (quote.principal, quote.interest, quote.total) == (
        D("10049.42"),
        D("49.56"),
        D("10098.98"),
    )
    result = _replay(terms, paid, PaymentEvent(2, quote.total + D("1.02"), date(2026, 2, 25)))
    assert result.status == engine.FORECLOSED
    assert result.closed_on == date(2026, 2, 25)
    assert result.allocations[2].excess == D("1.02")
    assert result.allocations[2].foreclosed
    assert [r.kind for r in result.rows] == [engine.REGULAR, engine.FORECLOSURE]
    assert result.principal_outstanding == ZERO
    assert result.total_outstanding == ZERO


def test_a_paisa_short_of_foreclosure_is_a_prepayment():
    terms = _terms()
    paid = PaymentEvent(1, D("2070.58"), date(2026, 2, 10))
    result = _replay(terms, paid, PaymentEvent(2, D("10098.97"), date(2026, 2, 25)))
    assert result.status == engine.ACTIVE
    assert result.principal_outstanding > ZERO


def test_last_installment_closes_the_loan_and_overpayment_is_excess():
    rows = engine.original_rows(_terms())
    total = sum(r.scheduled for r in rows)
    result = _replay(_terms(), PaymentEvent(1, total + D("5.00"), date(2026, 7, 10)))
    # Everything is due on 10 Jul: all six rows are paid; 5.00 is left over.
    assert result.status == engine.CLOSED
    assert result.closed_on == date(2026, 7, 10)
    assert result.allocations[1].excess == D("5.00")
    later = _replay(
        _terms(),
        PaymentEvent(1, total, date(2026, 7, 10)),
        PaymentEvent(2, D("100.00"), date(2026, 7, 11)),
    )
    assert later.allocations[2].excess == D("100.00")  # a closed loan owes nothing
    assert later.allocations[2].by_row == {}


def test_charge_is_paid_first_and_charges_come_after_payments_on_the_same_day():
    result = _replay(
        _terms(),
        ChargeEvent(7, date(2026, 2, 10), "penal", D("300.00"), date(2026, 2, 13)),
        PaymentEvent(1, D("500.00"), date(2026, 2, 13)),
    )
    # The payment (13 Feb) is applied before the charge of the same day: interest 120 and
    # principal 380; the charge then sits unpaid on row 1.
    assert _parts(result.allocations[1].by_row[1]) == (ZERO, ZERO, D("120.00"), D("380.00"))
    assert result.rows[0].penal_due == D("300.00")
    assert result.charge_rows == {7: 1}
    after = _replay(
        _terms(),
        ChargeEvent(7, date(2026, 2, 10), "penal", D("300.00"), date(2026, 2, 12)),
        PaymentEvent(1, D("500.00"), date(2026, 2, 13)),
    )
    # Charged the day before: penal first, 300; then interest 120, principal 80.
    assert _parts(after.allocations[1].by_row[1]) == (D("300.00"), ZERO, D("120.00"), D("80.00"))


def test_paying_the_quote_on_the_day_of_a_fee_still_forecloses():
    """The day's charge comes after the day's payment in the replay; the payment leaves the
    fee's amount as excess, and the fee is then paid from that excess. (A penal charge of
    that day would be void instead: test_engine_charges.py.)"""
    terms = _terms()
    paid = PaymentEvent(1, D("2070.58"), date(2026, 2, 10))
    charge = ChargeEvent(5, date(2026, 3, 10), "fee", D("300.00"), date(2026, 3, 12))
    state = _replay(terms, paid, charge)
    quote = engine.foreclosure_amount(state.rows, terms.schedule, date(2026, 3, 12))
    assert quote.fees == D("300.00")
    result = _replay(terms, paid, charge, PaymentEvent(2, quote.total, date(2026, 3, 12)))
    assert (result.status, result.closed_on) == (engine.FORECLOSED, date(2026, 3, 12))
    assert result.total_outstanding == ZERO
    foreclosing = result.allocations[2]
    assert (foreclosing.excess, foreclosing.totals().fees) == (ZERO, D("300.00"))
    assert foreclosing.totals().total == quote.total
    assert result.void_charges == []


def test_charge_follows_its_installment_after_renumbering():
    result = _replay(
        _terms(),
        PaymentEvent(1, D("2070.58"), date(2026, 2, 10)),
        PaymentEvent(2, D("500.00"), date(2026, 2, 20)),  # prepayment row inserted as no. 2
        ChargeEvent(9, date(2026, 3, 10), "fee", D("99.00"), date(2026, 3, 12)),
    )
    assert result.rows[2].due_date == date(2026, 3, 10)
    assert result.rows[2].fees_due == D("99.00")
    assert result.charge_rows == {9: 3}


def test_replay_leaves_the_original_rows_alone():
    rows = engine.original_rows(_terms())
    engine.replay(rows, [PaymentEvent(1, D("9000.00"), date(2026, 3, 10))], _terms())
    assert all(r.principal_paid == ZERO for r in rows)


def test_month_end_loan_keeps_its_cadence_after_reamortization():
    terms = _terms(disbursement_date=date(2026, 1, 31))  # due 28 Feb, 31 Mar, 30 Apr, ...
    first = engine.original_rows(terms)[0]
    result = _replay(
        terms,
        PaymentEvent(1, first.scheduled, date(2026, 2, 28)),
        PaymentEvent(2, D("1000.00"), date(2026, 3, 5)),
    )
    assert [r.due_date for r in result.rows if r.kind == engine.REGULAR][1:3] == [
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


# --- properties ---------------------------------------------------------------------------

METHODS = [
    {},
    {"interest_method": "flat"},
    {"amortization": "equal_principal"},
    {"interest_period": "daily"},
    {"installment_multiple": D("1.00"), "rounding": "up"},
    {"grace_on_principal": 2},
]


@st.composite
def histories(draw, with_charges=True):
    tenure = draw(st.integers(3, 18))
    schedule = ScheduleTerms(
        principal=D(draw(st.integers(10_000, 500_000))),
        annual_rate=D(draw(st.sampled_from(["0", "9.5", "14", "24"]))),
        tenure=tenure,
        disbursement_date=date(2026, 1, draw(st.integers(1, 31))),
        **draw(st.sampled_from(METHODS)),
    )
    terms = LoanTerms(
        schedule=schedule,
        allocation_strategy=draw(st.sampled_from(list(engine.STRATEGIES))),
        prepayment_strategy=draw(st.sampled_from([engine.REDUCE_TENURE, engine.REDUCE_EMI])),
    )
    plan = build_schedule(schedule).installments
    emi = max(r.total for r in plan)
    span = (plan[-1].due_date - schedule.disbursement_date).days + 40
    events = []
    for i in range(draw(st.integers(0, 10))):
        kind = draw(st.sampled_from(["partial", "emi", "big", "huge"]))
        amount = {
            "partial": D(draw(st.integers(1, int(emi)))),
            "emi": emi,
            "big": emi * draw(st.integers(2, 4)) + D(draw(st.integers(0, 99))) / 100,
            "huge": schedule.principal * 2,
        }[kind]
        day = schedule.disbursement_date + timedelta(days=draw(st.integers(0, span)))
        events.append(PaymentEvent(i + 1, amount, day))
    if with_charges:
        for i in range(draw(st.integers(0, 3))):
            row = plan[draw(st.integers(0, tenure - 1))]
            events.append(
                ChargeEvent(
                    100 + i,
                    row.due_date,
                    draw(st.sampled_from(["penal", "fee"])),
                    D(draw(st.integers(1, 2000))),
                    row.due_date + timedelta(days=draw(st.integers(0, 30))),
                )
            )
    return terms, events


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_replay_properties(history):
    terms, events = history
    result = engine.replay(engine.original_rows(terms), events, terms)
    principal = terms.schedule.principal
    paid = {name: ZERO for name in engine.PARTS}
    for event in events:
        if not isinstance(event, PaymentEvent):
            continue
        alloc = result.allocations[event.id]
        # Every rupee of a payment is somewhere: the installments or the borrower's credit.
        assert alloc.totals().total + alloc.excess == event.amount
        assert alloc.excess >= 0
        for parts in alloc.by_row.values():
            for name in engine.PARTS:
                assert getattr(parts, name) >= 0
                paid[name] += getattr(parts, name)
    for row in result.rows:
        for name in engine.PARTS:
            assert row.due(name) >= 0 and row.paid(name) >= 0
            assert row.paid(name) <= row.due(name)
    for name in engine.PARTS:
        assert paid[name] == sum((r.paid(name) for r in result.rows), ZERO)
    assert sum((r.principal_due for r in result.rows), ZERO) == principal
    assert paid["principal"] <= principal
    assert [r.number for r in result.rows] == list(range(1, len(result.rows) + 1))
    assert [r.due_date for r in result.rows] == sorted(r.due_date for r in result.rows)
    assert (result.status == engine.ACTIVE) == (result.total_outstanding > 0)
    charge_events = [e for e in events if isinstance(e, ChargeEvent)]
    applied = [e for e in charge_events if e.id not in result.void_charges]
    charges = sum((e.amount for e in applied), ZERO)
    assert sum((r.penal_due + r.fees_due for r in result.rows), ZERO) == charges
    assert all(e.kind == "penal" for e in charge_events if e.id in result.void_charges)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories(with_charges=False))
def test_applying_the_newest_payment_to_stored_rows_equals_a_full_replay(history):
    """What payment_post does for a payment dated after everything else: continue from the
    stored rows (which carry no row kinds) instead of replaying from the start."""
    terms, events = history
    events = sorted(events, key=lambda e: (e.paid_on, e.id))
    full = engine.replay(engine.original_rows(terms), events, terms)
    rows, status, closed_on = engine.original_rows(terms), engine.ACTIVE, None
    allocations = {}
    for event in events:
        step = engine.replay(rows, [event], terms, status=status, closed_on=closed_on)
        rows = [replace(r, kind=engine.REGULAR) for r in step.rows]  # as stored
        status, closed_on = step.status, step.closed_on
        allocations[event.id] = step.allocations[event.id].as_dict()
    strip = [replace(r, kind=engine.REGULAR) for r in full.rows]
    assert rows == strip
    assert (status, closed_on) == (full.status, full.closed_on)
    assert allocations == {k: v.as_dict() for k, v in full.allocations.items()}
