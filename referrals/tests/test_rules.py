"""The fraud checks and codes as plain functions: each rule flags its case and passes a
clean one."""

import math
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lendingsite import refcode
from referrals import rules

T0 = datetime(2026, 11, 1, 10, 0, tzinfo=UTC)
LIMITS = rules.Limits(max_signups_per_ip=3, burst_count=3, burst_hours=24)


def clean() -> rules.Facts:
    return rules.Facts(
        referrer=rules.Person(
            user_id=1,
            pan_hash="a" * 64,
            phone="+919800000001",
            bank_hashes=frozenset({"bank-a"}),
            ips=frozenset({"198.51.100.1"}),
            devices=frozenset({"dev-a"}),
        ),
        referred=rules.Person(
            user_id=2, pan_hash="b" * 64, phone="+919800000002", bank_hashes=frozenset({"bank-b"})
        ),
        signup_ip="203.0.113.7",
        signup_device="dev-b",
        signed_up_at=T0,
        signups_from_ip=1,
        referrer_signups=[T0 - timedelta(days=3)],
        referred_by={},
        loan_status="active",
        loan_closed_on=None,
        cooling_off_until=date(2026, 11, 4),
    )


def test_a_clean_referral_has_no_reason():
    assert rules.fraud_reasons(clean(), LIMITS) == []


def _with_referred(**changes):
    facts = clean()
    return replace(facts, referred=replace(facts.referred, **changes))


CASES = {
    rules.SAME_PAN: _with_referred(pan_hash="a" * 64),
    rules.SAME_PHONE: _with_referred(phone="+919800000001"),
    rules.SAME_BANK_ACCOUNT: _with_referred(bank_hashes=frozenset({"bank-a", "bank-c"})),
    rules.SAME_DEVICE: replace(clean(), signup_ip="198.51.100.1"),
    rules.IP_VELOCITY: replace(clean(), signups_from_ip=4),
    rules.BURST: replace(clean(), referrer_signups=[T0 - timedelta(hours=h) for h in (1, 5, 20)]),
    rules.COOLING_OFF_EXIT: replace(
        clean(), loan_status="cancelled", loan_closed_on=date(2026, 11, 3)
    ),
    rules.CIRCULAR: replace(clean(), referred_by={1: 2}),
}


@pytest.mark.parametrize("reason", list(rules.REASONS))
def test_each_rule_flags_its_case_and_only_it(reason):
    assert rules.fraud_reasons(CASES[reason], LIMITS) == [reason]


def test_same_device_also_by_fingerprint():
    assert rules.fraud_reasons(replace(clean(), signup_device="dev-a"), LIMITS) == [
        rules.SAME_DEVICE
    ]


def test_limits_are_the_edges():
    assert rules.fraud_reasons(replace(clean(), signups_from_ip=3), LIMITS) == []
    two_near = replace(clean(), referrer_signups=[T0 - timedelta(hours=1), T0 - timedelta(hours=2)])
    assert rules.fraud_reasons(two_near, LIMITS) == []
    spread = replace(clean(), referrer_signups=[T0 - timedelta(hours=h) for h in (25, 49, 73)])
    assert rules.fraud_reasons(spread, LIMITS) == []


def test_closed_after_cooling_off_is_not_flagged_but_within_is():
    paid_off_late = replace(clean(), loan_status="closed", loan_closed_on=date(2026, 12, 1))
    assert rules.fraud_reasons(paid_off_late, LIMITS) == []
    paid_off_early = replace(clean(), loan_status="foreclosed", loan_closed_on=date(2026, 11, 4))
    assert rules.fraud_reasons(paid_off_early, LIMITS) == [rules.COOLING_OFF_EXIT]


def test_circular_rings_of_any_length_and_not_plain_chains():
    # 2 referred 3, 3 referred 1, now 1 refers 2: a ring of three.
    assert rules.is_circular(referrer=1, referred=2, referred_by={1: 3, 3: 2})
    # 5 referred 1 and 6 referred 5: a chain above, not a ring.
    assert not rules.is_circular(referrer=1, referred=2, referred_by={1: 5, 5: 6})
    # a corrupt loop above does not hang
    assert not rules.is_circular(referrer=1, referred=2, referred_by={1: 5, 5: 1})


def test_first_installment_on_time():
    due = date(2026, 12, 1)
    assert rules.first_installment_on_time(due_date=due, paid_on=due, fully_paid=True)
    assert not rules.first_installment_on_time(
        due_date=due, paid_on=date(2026, 12, 2), fully_paid=True
    )
    assert not rules.first_installment_on_time(due_date=due, paid_on=due, fully_paid=False)


# --- codes --------------------------------------------------------------------------------


def test_code_shape_and_entropy():
    assert refcode.ENTROPY_BITS >= 40
    codes = {refcode.generate() for _ in range(20000)}
    assert len(codes) == 20000  # no collision among 20 000 (birthday bound ~ 2^27.5)
    for code in list(codes)[:500]:
        assert len(code) == 12 and set(code) <= set(refcode.ALPHABET)
        assert not set(code) & set("ILOU")
        assert refcode.canonical(code) == code


def test_symbols_are_uniform_enough():
    """Each data symbol position draws every symbol about equally (chi-square, 31 dof)."""
    n = 16000
    counts = Counter(refcode.generate()[0] for _ in range(n))
    expected = n / 32
    chi2 = sum((counts.get(c, 0) - expected) ** 2 / expected for c in refcode.ALPHABET)
    assert chi2 < 70  # p ≈ 1e-4 for 31 degrees of freedom
    assert math.log2(len(counts)) == 5


def test_typing_is_forgiving():
    code = refcode.generate()
    typed = refcode.display(code).lower().replace("0", "o").replace("1", "l")
    assert refcode.canonical(typed) == code
    assert refcode.canonical(" " + refcode.display(code) + " ") == code


@given(
    st.text(alphabet=refcode.ALPHABET, min_size=11, max_size=11),
    st.integers(0, 10),
    st.integers(1, 31),
)
def test_check_symbol_catches_one_wrong_symbol(data, position, shift):
    code = data + refcode.check_symbol(data)
    wrong = refcode.ALPHABET[(refcode.ALPHABET.index(code[position]) + shift) % 32]
    assert refcode.canonical(code[:position] + wrong + code[position + 1 :]) is None


@given(st.text(alphabet=refcode.ALPHABET, min_size=11, max_size=11), st.integers(0, 10))
def test_check_symbol_catches_a_swap_of_neighbours(data, position):
    """All but 0↔Z, Luhn mod N's one blind pair (values 0 and N-1)."""
    code = data + refcode.check_symbol(data)
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code and {code[position], code[position + 1]} != {"0", "Z"}:
        assert refcode.canonical(swapped) is None


@pytest.mark.parametrize(
    "typed", ["", "ABC", "7K3M-Q9TX-2HB", "7K3M-Q9TX-2HBR-X", "7K3M_Q9TX_2HBU"]
)
def test_not_a_code(typed):
    assert refcode.canonical(typed) is None
