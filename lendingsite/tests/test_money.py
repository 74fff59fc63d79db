"""lendingsite.money.amount_parse: the one rule for money written as text."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lendingsite.money import AmountInvalid, amount_parse

# Any amount the models can hold: up to 12 digits of rupees and 2 of paise.
AMOUNTS = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(AMOUNTS)
def test_a_plainly_written_amount_reads_back_equal(amount):
    assert amount_parse(f"{amount:f}", signed=True) == amount
    assert amount_parse(f"{abs(amount):,f}", grouping=True) == abs(amount)


@given(AMOUNTS.filter(lambda a: a != 0))
def test_an_amount_in_exponent_form_is_refused(amount):
    # Decimal itself reads every one of these back as `amount`.
    # (The third: a plain mantissa with an exponent; str() of a normalized round number
    # such as 1000 is already "1E+3", which made "1E+1E2", not a number at all.)
    for text in (f"{amount:e}", f"{amount:E}", f"{amount.scaleb(-2):f}E2"):
        assert Decimal(text) == amount
        with pytest.raises(AmountInvalid) as refused:
            amount_parse(text, signed=True, grouping=True)
        assert refused.value.kind == "format"


@pytest.mark.parametrize(
    "text",
    [
        *("1e3", "1E3", "1E+3", "NaN", "nan", "sNaN", "Infinity", "-Infinity", "inf"),
        *("0x10", "\uff11\uff10\uff10\uff10", "\u0967\u0966\u0966", "+100", "\u2212100"),
        *("1 000", " 100", "100 ", "1_000", "100.", ".5", "", "-", "1.2.3", "1,000"),
    ],
)
def test_what_decimal_would_read_but_an_amount_is_not(text):
    with pytest.raises(AmountInvalid) as refused:
        amount_parse(text, signed=True)
    assert refused.value.kind == "format"


def test_the_limits_of_places_digits_sign_and_grouping():
    assert amount_parse("1500") == Decimal("1500.00")
    assert amount_parse("0001.5") == Decimal("1.50")
    assert amount_parse("1,00,000.50", grouping=True) == Decimal("100000.50")
    assert amount_parse("1.2345", places=4, digits=7) == Decimal("1.2345")
    for text, kind, options in [
        ("1.005", "places", {}),
        ("1.500", "places", {}),
        ("-5", "sign", {}),
        ("-1,000", "sign", {"grouping": True}),
        ("9999999999999", "size", {}),
        ("1,0000", "format", {"grouping": True}),
        ("10,000", "format", {}),
    ]:
        with pytest.raises(AmountInvalid) as refused:
            amount_parse(text, **options)
        assert refused.value.kind == kind, text
    with pytest.raises(AmountInvalid):
        amount_parse(1500)  # text only: a number is not the caller's text
