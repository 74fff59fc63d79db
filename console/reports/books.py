"""The books' reports (issue 16, item 6): the trial balance as of a date, interest and
charges recognised vs suspended over a period, and the asset classification with
provisions of a month-end close. Each reads the accounting selector the Books page and
the books API read (accounting.selectors): one rule, three views. Definitions:
docs/accounting.md, "Reports and API"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

from accounting.selectors import (
    INCOME_FIGURES,
    ZERO,
    close_for,
    income_by_product,
    provision_summary,
    trial_balance,
)
from console.reports.base import Filters
from lendingsite.dates import today_ist

TOTAL = "Total"
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """A sum as rupees and paise (SQLite's decimal sums come back with extra digits)."""
    return Decimal(value).quantize(CENT)


def as_of(f: Filters) -> date:
    """An as-of report reads the range's last day (default: today, IST)."""
    return f.date_to or today_ist()


def period(f: Filters) -> tuple[date, date]:
    """A period report's dates: to (default today), from (default the 1st of to's month)."""
    end = as_of(f)
    return f.date_from or end.replace(day=1), end


def trial_balance_rows(f: Filters) -> Iterator[tuple]:
    """Every account's debit or credit balance as of the date, then the totals (equal
    when the books balance). The product filter does not apply: the books are one."""
    tb = trial_balance(as_of=as_of(f))
    for a in tb["accounts"]:
        yield (
            tb["as_of"],
            a.code,
            a.name,
            a.kind,
            money(a.debit),
            money(a.credit),
            money(a.debit - a.credit),
        )
    state = "balanced" if tb["balanced"] else "NOT balanced"
    yield (
        tb["as_of"],
        "",
        TOTAL,
        state,
        money(tb["total_debit"]),
        money(tb["total_credit"]),
        money(tb["total_debit"] - tb["total_credit"]),
    )


def income_rows(f: Filters) -> Iterator[tuple]:
    """Per product, then the total: the income_by_product figures for the period."""
    start, end = period(f)
    rows = income_by_product(start=start, end=end, product_id=f.product_id)
    for row in rows:
        yield (start, end, row["product"], *(money(row[name]) for name in INCOME_FIGURES))
    if len(rows) > 1:
        yield (
            start,
            end,
            TOTAL,
            *(money(sum((row[name] for row in rows), ZERO)) for name in INCOME_FIGURES),
        )


def classification_rows(f: Filters) -> Iterator[tuple]:
    """Per asset class, then the total, from the provisioning detail of the completed
    close on the date or the latest before it (no rows when there is none)."""
    run = close_for(as_of(f))
    if run is None:
        return
    summary = provision_summary(run, product_id=f.product_id)
    figures = ("exposure", "secured", "unsecured", "provision")
    for c in summary:
        yield (run.business_date, c["label"], c["loans"], *(money(c[k]) for k in figures))
    yield (
        run.business_date,
        TOTAL,
        sum(c["loans"] for c in summary),
        *(money(sum((c[k] for c in summary), ZERO)) for k in figures),
    )
