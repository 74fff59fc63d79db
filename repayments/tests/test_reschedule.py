"""The pure rescheduling rules (repayments.engine.reschedule) and the distress rules
(repayments.engine.distress): worked examples computed by hand, and hypothesis properties
(no money appears or vanishes; penal charges are never capitalised)."""

from datetime import date
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from loans.schedule import ScheduleTerms, build_schedule
from repayments.engine import rows_from_schedule
from repayments.engine.distress import (
    SettlementDue,
    recovery_allocate,
    settlement_broken,
    settlement_fill,
    write_off_rows,
)
from repayments.engine.reschedule import moratorium_rows, reamortize_arrears, restructure_rows
from repayments.engine.types import Row

D = Decimal
ZERO = D("0.00")


def _four_by_250() -> list[Row]:
    terms = ScheduleTerms(
        principal=D("1000.00"), annual_rate=D("0"), tenure=4, disbursement_date=date(2026, 1, 1)
    )
    return rows_from_schedule(build_schedule(terms))


def test_fineract_reamortization_two_missed_of_four_become_two_of_500():
    rows = _four_by_250()
    assert [r.principal_due for r in rows] == [D("250.00")] * 4
    # Due 1 Feb and 1 Mar, both missed; re-amortized on 2 Mar.
    out = reamortize_arrears(rows, date(2026, 3, 2), D("1000.00"))
    assert [(r.due_date, r.principal_due + r.interest_due) for r in out] == [
        (date(2026, 2, 1), ZERO),
        (date(2026, 3, 1), ZERO),
        (date(2026, 4, 1), D("500.00")),
        (date(2026, 5, 1), D("500.00")),
    ]
    assert out[-1].balance_after == ZERO


def test_a_penal_charge_is_never_capitalised():
    rows = _four_by_250()
    rows[0].penal_due = D("100.00")
    out = reamortize_arrears(rows, date(2026, 3, 2), D("1000.00"))
    assert out[0].penal_due == D("100.00")  # stays on the missed row, a separate due
    assert sum((r.penal_due for r in out[2:]), ZERO) == ZERO
    restructured = restructure_rows(
        rows,
        date(2026, 3, 2),
        D("1000.00"),
        annual_rate=D("12"),
        tenure=6,
        capitalise_arrears=True,
        schedule_terms=ScheduleTerms(
            principal=D("1"), annual_rate=D("0"), tenure=1, disbursement_date=date(2026, 1, 1)
        ),
    )
    assert restructured[0].penal_due == D("100.00")
    # Capitalised: the ₹500 missed + the ₹500 not yet due, over 6 new months at 12 %.
    new = restructured[2:]
    assert len(new) == 6
    assert sum((r.principal_due for r in new), ZERO) == D("1000.00")
    assert new[0].due_date == date(2026, 4, 2) and new[0].interest_due == D("10.00")


def test_moratorium_of_three_installments_on_a_24_month_loan():
    """₹1,20,000 at 12 % for 24 months from 15 Jan 2026: EMI ₹5,648.82. Six paid; the
    7th (15 Aug 2026), 8th and 9th are deferred: every row from the 7th moves 3 months.
    Holiday interest = principal outstanding after the 6th, ₹92,630.80, x 1 % x 3 =
    ₹2,778.924 -> ₹2,778.92, spread over the 18 moved rows: ₹154.38 each, the last
    ₹2,778.92 - 17 x ₹154.38 = ₹154.46."""
    terms = ScheduleTerms(
        principal=D("120000.00"),
        annual_rate=D("12"),
        tenure=24,
        disbursement_date=date(2026, 1, 15),
    )
    rows = rows_from_schedule(build_schedule(terms))
    assert rows[0].scheduled == D("5648.82")
    for row in rows[:6]:
        row.principal_paid, row.interest_paid = row.principal_due, row.interest_due
    assert rows[5].balance_after == D("92630.80")

    out, interest = moratorium_rows(
        rows,
        start=date(2026, 8, 1),
        count=3,
        annual_rate=D("12"),
        accrue_interest=True,
        anchor_before=date(2026, 7, 15),
    )

    assert interest == D("2778.92")
    assert [r.due_date for r in out[:7]] == [
        *(date(2026, m, 15) for m in range(2, 8)),
        date(2026, 11, 15),
    ]
    assert out[-1].due_date == date(2028, 4, 15)  # was 15 Jan 2028
    assert (out[6].interest_due, out[6].principal_due) == (D("1080.69"), D("4722.51"))
    assert out[6].scheduled == D("5803.20")
    assert out[-1].interest_due == D("55.93") + D("154.46")
    assert sum((r.principal_due for r in out), ZERO) == D("120000.00")
    # Nothing falls due between 15 Jul and 15 Nov 2026: no DPD can run in the holiday.
    assert not [r for r in out if date(2026, 7, 15) < r.due_date < date(2026, 11, 15)]

    waived, none = moratorium_rows(
        rows, start=date(2026, 8, 1), count=3, annual_rate=D("12"), accrue_interest=False
    )
    assert none == ZERO
    assert waived[6].interest_due == D("926.31")


money = st.decimals(min_value=D("1.00"), max_value=D("500000.00"), places=2)


@given(
    principal=money, tenure=st.integers(2, 36), missed=st.integers(1, 35), rate=st.integers(0, 30)
)
def test_reamortization_moves_no_money(principal, tenure, missed, rate):
    missed = min(missed, tenure - 1)
    terms = ScheduleTerms(
        principal=principal, annual_rate=D(rate), tenure=tenure, disbursement_date=date(2026, 1, 31)
    )
    rows = rows_from_schedule(build_schedule(terms))
    on = rows[missed - 1].due_date
    out = reamortize_arrears(rows, on, principal)
    assert sum((r.principal_due for r in out), ZERO) == principal
    assert sum((r.scheduled for r in out), ZERO) == sum((r.scheduled for r in rows), ZERO)
    assert out[-1].balance_after == ZERO


@given(principal=money, tenure=st.integers(2, 36), count=st.integers(1, 6), at=st.integers(0, 35))
def test_moratorium_keeps_principal_and_adds_exactly_the_holiday_interest(
    principal, tenure, count, at
):
    at = min(at, tenure - 1)
    terms = ScheduleTerms(
        principal=principal, annual_rate=D("14"), tenure=tenure, disbursement_date=date(2026, 1, 10)
    )
    rows = rows_from_schedule(build_schedule(terms))
    assume(rows[at].outstanding > 0)  # a tiny loan can have rows of ₹0.00
    out, interest = moratorium_rows(
        rows, start=rows[at].due_date, count=count, annual_rate=D("14"), accrue_interest=True
    )
    assert sum((r.principal_due for r in out), ZERO) == principal
    added = sum((r.interest_due for r in out), ZERO) - sum((r.interest_due for r in rows), ZERO)
    assert added == interest >= ZERO
    assert len(out) == tenure


@given(principal=money, paid=money, amounts=st.lists(money, min_size=1, max_size=5))
def test_recoveries_never_take_more_than_the_claim(principal, paid, amounts):
    rows = [
        Row(
            number=1,
            due_date=date(2026, 2, 1),
            principal_due=principal,
            interest_due=D("10.00"),
            penal_due=D("5.00"),
        )
    ]
    rows, claim = write_off_rows(rows, date(2026, 3, 1))
    total_excess = ZERO
    for amount in amounts:
        rows, by_row, excess = recovery_allocate(rows, amount, date(2026, 3, 2))
        taken = sum((p.principal + p.interest + p.penal + p.fees for p in by_row.values()), ZERO)
        assert taken + excess == amount
        total_excess += excess
    recovered = sum(amounts, ZERO) - total_excess
    assert recovered == min(sum(amounts, ZERO), claim.total)
    assert sum((r.outstanding for r in rows), ZERO) == claim.total - recovered


def test_settlement_fill_and_break():
    dues = [
        SettlementDue(1, date(2026, 3, 10), D("20000.00")),
        SettlementDue(2, date(2026, 4, 10), D("40000.00")),
    ]
    filled = settlement_fill(dues, D("25000.00"))
    assert [d.paid for d in filled] == [D("20000.00"), D("5000.00")]
    assert settlement_broken(filled, date(2026, 4, 12), 3) is None  # in the grace
    assert settlement_broken(filled, date(2026, 4, 13), 3).number == 2
    assert settlement_broken(settlement_fill(dues, ZERO), date(2026, 3, 10), 0).number == 1
