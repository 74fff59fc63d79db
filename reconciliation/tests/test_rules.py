"""The pure rules: virtual account numbers and their check digit, reading statement rows."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconciliation import rules


def test_known_account_number():
    # 9988 + 000000123 + Luhn digit, worked by hand: 99880000001233 (check digit 3)
    number = rules.sandbox_account_number(123)
    assert number[:13] == "9988000000123" and len(number) == 14
    assert rules.luhn_digit("7992739871") == "3"  # the textbook Luhn example
    assert rules.luhn_valid(number)


@given(st.integers(min_value=1, max_value=10**9 - 1))
def test_account_numbers_are_deterministic_and_checked(loan_id):
    number = rules.sandbox_account_number(loan_id)
    assert number == rules.sandbox_account_number(loan_id)
    assert rules.luhn_valid(number)
    assert rules.account_numbers_in(f"NEFT/X/{number}/Y") == [number]


@given(
    st.integers(min_value=1, max_value=10**9 - 1),
    st.integers(min_value=4, max_value=13),
    st.integers(1, 9),
)
def test_one_wrong_digit_matches_no_account(loan_id, position, delta):
    number = rules.sandbox_account_number(loan_id)
    wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert rules.account_numbers_in(wrong) == []


def test_loan_reference_and_utr_in_narration():
    assert rules.loan_ids_in("upi/ln00000042/emi") == [42]
    assert rules.utr_in("NEFT/SBIN0123456789AB/RAVI KUMAR") == "SBIN0123456789AB"
    assert rules.utr_in("UPI-412345678901-ravi@okaxis") == "412345678901"
    assert rules.utr_in("CASH DEPOSIT") == ""


def test_row_parse_reads_a_bank_row():
    columns = rules.header_map(
        ["Txn Date", "Value Date", "Narration", "Ref No./Cheque No.", "Debit", "Credit", "Balance"]
    )
    number = rules.sandbox_account_number(7)
    row = rules.row_parse(
        [
            "02/12/2026",
            "03/12/2026",
            f"NEFT/{number}",
            " sbin 0001 ",
            "",
            "1,23,456.70",
            "2,00,000.00",
        ],
        columns,
    )
    assert (row.txn_date, row.value_date, row.reference, row.credit, row.debit, row.balance) == (
        date(2026, 12, 2),
        date(2026, 12, 3),
        "SBIN0001",
        Decimal("123456.70"),
        Decimal("0.00"),
        Decimal("200000.00"),
    )
    assert row.account_number == number and row.account_count == 1


FORMAT = 'not an amount written as digits, like "1500" or "1500.50"'


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("12.345", "more than 2 decimal places"),
        ("12.340", "more than 2 decimal places"),
        ("-5", "a negative amount"),
        ("abc", FORMAT),
        ("1e3x", FORMAT),
        # Python's Decimal reads all of these; a bank file means none of them.
        ("1e3", FORMAT),
        ("1E3", FORMAT),
        ("NaN", FORMAT),
        ("Infinity", FORMAT),
        ("0x10", FORMAT),
        ("\uff11\uff10\uff10", FORMAT),
        ("+5", FORMAT),
        ("1 000", FORMAT),
        ("1,0000", FORMAT),
        ("1,00,0000", FORMAT),
        ("9999999999999", "too large"),
    ],
)
def test_amounts_in_rupees_and_paise_only(bad, reason):
    with pytest.raises(rules.RowInvalid) as refused:
        rules.parse_amount(bad)
    assert str(refused.value) == f"{bad!r} is not an amount in rupees and paise ({reason})"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1,00,000.50", "100000.50"),
        ("100,000.50", "100000.50"),
        ("10,00,00,000", "100000000.00"),
        ("₹ 1,500.5", "1500.50"),
        ("1500.00 CR", "1500.00"),
        ("", "0.00"),
        ("-", "0.00"),
    ],
)
def test_bank_amounts_with_grouping_and_decorations(text, amount):
    assert rules.parse_amount(text) == Decimal(amount)


def test_missing_columns_are_named():
    with pytest.raises(rules.RowInvalid, match="credit"):
        rules.header_map(["Txn Date", "Description", "Debit"])
