"""Money in Indian notation, the one formatter pages, texts, PDFs and the console use:
format_inr → ₹12,34,567.89 (the template filters, {{ amount|inr }} and {{ amount|inr_plain }},
are lendingsite/templatetags/money.py). Lakh/crore grouping (last three digits, then pairs),
always two decimals, a real minus sign (U+2212) before the rupee sign, and an em dash for no
value."""

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
