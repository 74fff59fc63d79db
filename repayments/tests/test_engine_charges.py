"""Penal charges the replayed history voids (repayments.engine.penal_charge_void), directly
and with hypothesis: a payment dated on time but recorded late leaves the loan exactly as
if it had been recorded that day, penal charges included (issue 11, part 3)."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from loans.arrears import counts_as_overdue
from loans.schedule import ScheduleTerms, build_schedule
from repayments import engine
from repayments.engine import ChargeEvent, LoanTerms, PaymentEvent

D = Decimal
ZERO = D("0.00")
DUE = date(2026, 2, 10)  # installment 1 of _terms()
FLAT = D("500.00")


def _terms(**kw) -> LoanTerms:
    schedule = {
        "principal": D("10000.00"),
        "annual_rate": D("12"),
        "tenure": 5,
        "disbursement_date": date(2026, 1, 10),
        **kw,
    }
    return LoanTerms(schedule=ScheduleTerms(**schedule))


def _replay(terms, *events, floor=ZERO):
    return engine.replay(engine.original_rows(terms), events, terms, materiality_floor=floor)


def _emi(terms) -> Decimal:
    return engine.original_rows(terms)[0].scheduled


def test_a_payment_dated_on_the_due_date_voids_the_charge_levied_before_it_was_recorded():
    terms = _terms()
    charge = ChargeEvent(7, DUE, "penal", FLAT, DUE + timedelta(days=4))
    result = _replay(terms, charge, PaymentEvent(1, _emi(terms), DUE))
    assert result.void_charges == [7]
    assert result.rows[0].penal_due == ZERO and result.rows[0].outstanding == ZERO
    assert result.charge_rows == {}
    # Recorded on the charge's own date: the payment comes first, so it is void too.
    same_day = _replay(terms, charge, PaymentEvent(1, _emi(terms), DUE + timedelta(days=4)))
    assert same_day.void_charges == [7]


def test_a_payment_dated_after_the_charge_date_pays_the_charge():
    terms = _terms()
    charge = ChargeEvent(7, DUE, "penal", FLAT, DUE + timedelta(days=4))
    result = _replay(terms, charge, PaymentEvent(1, _emi(terms) + FLAT, DUE + timedelta(days=5)))
    assert result.void_charges == []
    assert result.allocations[1].totals().penal == FLAT
    assert result.rows[0].outstanding == ZERO


def test_the_floor_decides_a_remainder():
    terms = _terms()
    charge = ChargeEvent(7, DUE, "penal", FLAT, DUE + timedelta(days=4))
    short = PaymentEvent(1, _emi(terms) - D("10.00"), DUE)
    assert _replay(terms, charge, short, floor=D("10.00")).void_charges == [7]
    assert _replay(terms, charge, short, floor=D("9.99")).void_charges == []


def test_fees_are_never_void():
    terms = _terms()
    fee = ChargeEvent(7, DUE, "fee", D("99.00"), DUE + timedelta(days=4))
    result = _replay(terms, fee, PaymentEvent(1, _emi(terms), DUE))
    assert result.void_charges == [] and result.rows[0].fees_due == D("99.00")


def test_a_charge_on_an_installment_a_backdated_foreclosure_removed_is_void():
    terms = _terms()
    charge = ChargeEvent(7, DUE, "penal", FLAT, DUE + timedelta(days=4))
    rows = engine.original_rows(terms)
    quote = engine.foreclosure_amount(rows, terms.schedule, DUE - timedelta(days=2))
    result = _replay(terms, charge, PaymentEvent(1, quote.total, DUE - timedelta(days=2)))
    assert result.status == engine.FORECLOSED
    assert result.void_charges == [7]
    assert all(r.penal_due == ZERO for r in result.rows)


# --- on time is on time: a simulated day-end, with and without the late recording --------


def _day_end_levies(terms, payments, *, until, known_from, grace, floor):
    """Penal charges a nightly job levies (flat, once per installment, on the first night
    with days past the due date > grace and more than the floor owed), each night knowing
    the payments recorded by then: payment p from known_from[p.id] (its date if absent)."""
    charges: list[ChargeEvent] = []
    charged: set[date] = set()
    day = terms.schedule.disbursement_date
    original = engine.original_rows(terms)
    while day <= until:
        known = [p for p in payments if known_from.get(p.id, p.paid_on) <= day <= until]
        known = [p for p in known if p.paid_on <= day]
        state = engine.replay(original, [*known, *charges], terms, materiality_floor=floor)
        for row in state.rows:
            if row.kind != engine.REGULAR or row.due_date in charged:
                continue
            late = (day - row.due_date).days > grace
            overdue = counts_as_overdue(
                due_date=row.due_date,
                outstanding=row.outstanding,
                business_date=day,
                materiality_floor=floor,
            )
            if late and overdue:
                charged.add(row.due_date)
                charges.append(ChargeEvent(1000 + len(charges), row.due_date, "penal", FLAT, day))
        day += timedelta(days=1)
    return charges


@st.composite
def late_recordings(draw):
    terms = _terms(
        tenure=draw(st.integers(2, 4)),
        annual_rate=D(draw(st.sampled_from(["0", "12", "24"]))),
        disbursement_date=date(2026, 1, draw(st.integers(1, 28))),
    )
    plan = build_schedule(terms.schedule).installments
    emi = max(r.total for r in plan)
    payments = []
    for n in range(draw(st.integers(1, 4))):
        row = plan[draw(st.integers(0, len(plan) - 1))]
        on = row.due_date + timedelta(days=draw(st.integers(-3, 12)))
        amount = draw(
            st.sampled_from([emi, emi + FLAT, emi - D("5.00"), emi * 2])
            | st.decimals(min_value=D("1.00"), max_value=emi * 2, places=2)
        )
        payments.append(PaymentEvent(n + 1, amount, on))
    late = draw(st.sampled_from(payments))
    recorded = late.paid_on + timedelta(days=draw(st.integers(0, 7)))
    floor = draw(st.sampled_from([ZERO, D("10.00")]))
    grace = draw(st.integers(0, 4))
    return terms, payments, late, recorded, floor, grace


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(late_recordings())
def test_a_payment_recorded_late_leaves_the_loan_as_if_recorded_on_its_date(case):
    terms, payments, late, recorded, floor, grace = case
    until = build_schedule(terms.schedule).installments[-1].due_date + timedelta(days=15)
    until = max(until, recorded)
    on_time = _day_end_levies(terms, payments, until=until, known_from={}, grace=grace, floor=floor)
    levied_late = _day_end_levies(
        terms, payments, until=until, known_from={late.id: recorded}, grace=grace, floor=floor
    )

    truth = _replay(terms, *payments, *on_time, floor=floor)
    corrected = _replay(terms, *payments, *levied_late, floor=floor)
    event("some charge voided" if corrected.void_charges else "nothing voided")

    # The charges left in force are exactly those levied had the payment been recorded on
    # its date (same installments, same nights), and the loan is the same to the paisa.
    in_force = {(c.due_date, c.charged_on) for c in levied_late} - {
        (c.due_date, c.charged_on) for c in levied_late if c.id in corrected.void_charges
    }
    assert in_force == {(c.due_date, c.charged_on) for c in on_time}
    assert truth.void_charges == []
    assert [r for r in corrected.rows] == [r for r in truth.rows]
    assert {k: v.as_dict() for k, v in corrected.allocations.items()} == {
        k: v.as_dict() for k, v in truth.allocations.items()
    }
    assert (corrected.status, corrected.closed_on) == (truth.status, truth.closed_on)
