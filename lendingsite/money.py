"""Money in Indian notation, the one formatter pages, texts, PDFs and the console use:
format_inr → ₹12,34,567.89 (the template filters, {{ amount|inr }} and {{ amount|inr_plain }},
are lendingsite/templatetags/money.py). Lakh/crore grouping (last three digits, then pairs),
always two decimals, a real minus sign (U+2212) before the rupee sign, and an em dash for no
value.

amount_parse is the other direction, the one rule for money written as text, wherever it
comes from (the API's fields, the borrower pages and console forms, a bank statement's CSV or
MT940, a signed credit or gateway webhook, the services' own money_parse).
"""

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

RUPEE = "₹"
MINUS = "\u2212"
NOTHING = "—"
CENT = Decimal("0.01")


def _group_indian(digits: str) -> str:
    if len(digits) <= 3:
        return digits
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    return ",".join([head, *pairs, tail])


def format_inr(value, *, symbol: bool = True) -> str:
    """The one formatter the filters, the admin and anything else showing money use."""
    if value is None or value == "":
        return NOTHING
    try:
        amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_EVEN)
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if not amount.is_finite():
        return str(value)
    sign = MINUS if amount < 0 else ""  # -0.00 is not negative, so it shows as ₹0.00
    whole, fraction = f"{abs(amount):.2f}".split(".")
    return f"{sign}{RUPEE if symbol else ''}{_group_indian(whole)}.{fraction}"


def format_rate(value) -> str:
    """A rate without trailing zeros: 12.0000 → "12", 10.5000 → "10.5" (no exponent)."""
    if value is None or value == "":
        return NOTHING
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if not rate.is_finite():
        return str(value)
    text = f"{rate:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in {"", "-", "-0"} else "0"


# ASCII digits only ([0-9], not \d, which takes every script's digits), a point and at least
# one digit after it. Whatever else Python's Decimal would read is refused: "1e3" is
# ₹1,000.00, "NaN" and "Infinity" are not amounts, "+", "0x10", inner blanks.
_PLAIN = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")
# A bank file groups thousands the Indian way (1,00,000) or the Western way (100,000).
_GROUPED = re.compile(
    r"(-?)([0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,2}(?:,[0-9]{2})*,[0-9]{3})(?:\.([0-9]+))?"
)


class AmountInvalid(ValueError):
    """`kind` is "format", "sign", "places" or "size"; `reason` a plain phrase for a person."""

    def __init__(self, kind: str, reason: str):
        super().__init__(reason)
        self.kind = kind
        self.reason = reason


def amount_parse(
    text: str, *, digits: int = 14, places: int = 2, signed: bool = False, grouping: bool = False
) -> Decimal:
    """The value of `text` written as plain decimal digits, at most `places` after the point
    and `digits` in all (DESIGN §2: money is 14 digits with 2 places); with `signed` a leading
    "-" is read (the caller's range rule then says what is wrong), with `grouping` thousands
    separators are (only where banks or people write them). AmountInvalid otherwise. Blanks
    around the text are the caller's to strip."""
    if not isinstance(text, str):
        raise AmountInvalid("format", "not a number")
    match = (grouping and _GROUPED.fullmatch(text)) or _PLAIN.fullmatch(text)
    if match is None:
        raise AmountInvalid("format", 'not an amount written as digits, like "1500" or "1500.50"')
    sign, whole, fraction = match.groups()
    whole = whole.replace(",", "")
    if sign and not signed:
        raise AmountInvalid("sign", "a negative amount")
    if fraction is not None and len(fraction) > places:
        raise AmountInvalid("places", f"more than {places} decimal places")
    if len(whole.lstrip("0")) > digits - places:
        raise AmountInvalid("size", "too large")
    # Built from the digits, so no context precision or rounding is involved.
    return Decimal(f"{sign}{whole}.{(fraction or '').ljust(places, '0')}")
