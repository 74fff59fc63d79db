"""The day-end's rules as pure functions (no database): delinquency buckets, the NPA
upgrade rule and the penal charge amount (days past due and what counts as overdue are
loans.arrears', re-exported here). The SQL in collection.dayend.sql is
generated from the same bucket table, so the rule is stated once and tested here with
hypothesis (collection/tests/test_dayend_rules.py).

DESIGN §7 and docs/collections.md:
- DPD on business date D = (D - due date of the oldest overdue installment) + 1, where an
  installment is overdue when it fell due on or before D and its outstanding (every due
  part minus every paid part) is above the product's materiality floor.
- Buckets come from ``settings.DAY_END_BUCKETS`` ("current:0,SMA-0:1-30,...,NPA:91+"); the
  last bucket is the NPA bucket. A product whose ``npa_threshold_days`` differs from 90
  moves the NPA boundary to threshold + 1 for its loans.
- A loan in NPA stays in NPA until every arrear is paid (DPD back to 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

from loans.arrears import counts_as_overdue, days_past_due
from loans.schedule import round_money
from loans.vocabulary import PENAL_FLAT, PENAL_PERCENT_OF_OVERDUE

# The overdue rule itself (which installments count, DPD) lives in loans.arrears, low
# enough for every app to use; it is re-exported here with the day-end's other rules.
__all__ = [
    "DEFAULT_BUCKETS",
    "DEFAULT_NPA_THRESHOLD_DAYS",
    "Bucket",
    "BucketTable",
    "bucket_for",
    "bucket_table",
    "counts_as_overdue",
    "days_past_due",
    "parse_buckets",
    "penal_amount",
    "penal_due_today",
]

DEFAULT_BUCKETS = "current:0,SMA-0:1-30,SMA-1:31-60,SMA-2:61-90,NPA:91+"
# The regulatory default the bucket table is written for: a product with this threshold
# uses the table's NPA start; any other value moves the NPA boundary for that product.
DEFAULT_NPA_THRESHOLD_DAYS = 90
# A restructured loan is not upgraded from NPA for this many days after the restructure
# (docs/collections.md, "Restructured loans": RBI Prudential Framework, 7 Jun 2019).
RESTRUCTURE_WATCH_DAYS = 365


def in_restructure_watch(restructured_on, business_date) -> bool:
    """True while `business_date` is within the watch period of a restructure."""
    if restructured_on is None:
        return False
    return (business_date - restructured_on).days < RESTRUCTURE_WATCH_DAYS


BUCKET_NAME_MAX = 10  # Loan.bucket, BucketHistory.*_bucket are CharField(max_length=10)


@dataclass(frozen=True)
class Bucket:
    name: str
    lo: int
    hi: int | None  # None: open-ended (the NPA bucket)


@dataclass(frozen=True)
class BucketTable:
    buckets: tuple[Bucket, ...]

    @property
    def npa(self) -> Bucket:
        return self.buckets[-1]

    @property
    def current(self) -> Bucket:
        return self.buckets[0]

    def npa_from(self, npa_threshold_days: int = DEFAULT_NPA_THRESHOLD_DAYS) -> int:
        """The first DPD that is NPA for a product with this threshold."""
        if npa_threshold_days != DEFAULT_NPA_THRESHOLD_DAYS:
            return npa_threshold_days + 1
        return self.npa.lo

    def names(self) -> list[str]:
        return [bucket.name for bucket in self.buckets]


def parse_buckets(text: str) -> BucketTable:
    """Parse "name:lo-hi,...,name:lo+" into a table. The ranges must start at 0 with a
    bucket holding DPD 0 only, follow each other without gaps or overlaps, and end with an
    open range (the NPA bucket)."""
    items = [part.strip() for part in (text or "").split(",") if part.strip()]
    if len(items) < 2:
        raise ImproperlyConfigured(
            f"DAY_END_BUCKETS needs at least two buckets (current and NPA), got {text!r}"
        )
    buckets: list[Bucket] = []
    for position, item in enumerate(items):
        name, sep, span = item.partition(":")
        name, span = name.strip(), span.strip()
        if not sep or not name or not span:
            raise ImproperlyConfigured(f"DAY_END_BUCKETS: {item!r} is not name:range")
        if len(name) > BUCKET_NAME_MAX:
            raise ImproperlyConfigured(
                f"DAY_END_BUCKETS: bucket name {name!r} is longer than {BUCKET_NAME_MAX}"
            )
        try:
            if span.endswith("+"):
                lo, hi = int(span[:-1]), None
            elif "-" in span:
                lo_text, hi_text = span.split("-", 1)
                lo, hi = int(lo_text), int(hi_text)
            else:
                lo = hi = int(span)
        except ValueError:
            raise ImproperlyConfigured(f"DAY_END_BUCKETS: bad range in {item!r}") from None
        last = position == len(items) - 1
        if (hi is None) != last:
            raise ImproperlyConfigured(
                "DAY_END_BUCKETS: only the last bucket (NPA) is open-ended, as in 'NPA:91+'"
            )
        expected_lo = 0 if not buckets else buckets[-1].hi + 1
        if lo != expected_lo or (hi is not None and hi < lo):
            raise ImproperlyConfigured(
                f"DAY_END_BUCKETS: {item!r} should start at {expected_lo} (no gaps, no overlaps)"
            )
        buckets.append(Bucket(name=name, lo=lo, hi=hi))
    if buckets[0].hi != 0:
        raise ImproperlyConfigured(
            "DAY_END_BUCKETS: the first bucket holds DPD 0 only ('current:0')"
        )
    if len({b.name for b in buckets}) != len(buckets):
        raise ImproperlyConfigured("DAY_END_BUCKETS: bucket names must be unique")
    return BucketTable(buckets=tuple(buckets))


def bucket_table() -> BucketTable:
    """The configured table (settings.DAY_END_BUCKETS), read at call time (parsed once per
    distinct setting: payment posting asks for it too)."""
    from django.conf import settings

    return _parsed(getattr(settings, "DAY_END_BUCKETS", DEFAULT_BUCKETS))


@lru_cache(maxsize=8)
def _parsed(text: str) -> BucketTable:
    return parse_buckets(text)


def bucket_for(
    dpd: int,
    *,
    table: BucketTable,
    previous: str | None = None,
    npa_threshold_days: int = DEFAULT_NPA_THRESHOLD_DAYS,
    in_watch: bool = False,
) -> str:
    """The bucket for `dpd`. A loan already in NPA stays there while any arrear remains
    (it is upgraded only at DPD 0), and a restructured loan in its watch period stays NPA
    even at DPD 0 (`in_watch`; docs/collections.md, "Restructured loans"). Below the NPA
    boundary the bucket is the last one whose lower bound is at or below `dpd`, so a
    product with a later NPA boundary stretches the bucket just below NPA."""
    if dpd < 0:
        raise ValueError("dpd cannot be negative")
    if previous == table.npa.name and (dpd > 0 or in_watch):
        return table.npa.name
    if dpd >= table.npa_from(npa_threshold_days):
        return table.npa.name
    name = table.current.name
    for bucket in table.buckets[:-1]:
        if dpd >= bucket.lo:
            name = bucket.name
    return name


def penal_amount(
    *,
    charge_type: str,
    flat: Decimal,
    percent: Decimal,
    overdue: Decimal,
    rounding: str,
) -> Decimal:
    """One penal charge on one overdue installment: the product's flat amount, or its
    percentage of the installment's overdue amount rounded to the paisa with the loan's
    rounding mode. Zero means no charge is levied."""
    if charge_type == PENAL_FLAT:
        return round_money(flat, rounding)
    if charge_type == PENAL_PERCENT_OF_OVERDUE:
        return round_money(overdue * percent / Decimal(100), rounding)
    raise ValueError(f"unknown penal charge type {charge_type!r}")


def penal_due_today(*, business_date: date, due_date: date, grace_days: int) -> bool:
    """A penal charge is levied on the first day-end where D - due date > grace days (grace
    3, due 31 Mar: levied by the 4 Apr day-end), once per installment."""
    return (business_date - due_date).days > grace_days
