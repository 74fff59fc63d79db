"""Upfront charges, computed one way for quotes, the KFS and disbursement."""

from dataclasses import dataclass
from decimal import Decimal

from loans.schedule import round_money

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ProcessingFee:
    base: Decimal
    gst: Decimal

    @property
    def total(self) -> Decimal:
        return self.base + self.gst


def processing_fee(
    *, amount: Decimal, percent: Decimal, flat: Decimal, gst_percent: Decimal, rounding: str
) -> ProcessingFee:
    """Fee = percent of the amount + flat, each rounded to the paisa with the loan's mode;
    GST on top of the fee (the KFS shows the total, taxes included)."""
    base = round_money(amount * percent / HUNDRED, rounding) + round_money(flat, rounding)
    gst = round_money(base * gst_percent / HUNDRED, rounding)
    return ProcessingFee(base=base, gst=gst)
