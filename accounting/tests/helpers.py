"""Test helpers for the books: balances of a loan, the Python (per-loan) twin of the
set-based close computed from the database, and a snapshot of what the close writes."""

from datetime import date
from decimal import Decimal

from django.db.models import F, Sum

from accounting.close.sql.common import ACCRUAL_KINDS
from accounting.rules import Period, accrual_moves, interest_earned
from loans import ledger
from loans.models import JournalLine, Loan

ZERO = Decimal("0.00")


def balance(code: str, loan: Loan | None = None, *, as_of: date | None = None) -> Decimal:
    """Debit-positive balance (as loans.ledger.account_balance), optionally as of a date."""
    qs = JournalLine.objects.filter(account__code=code)
    if loan is not None:
        qs = qs.filter(loan=loan)
    if as_of is not None:
        qs = qs.filter(entry__entry_date__lte=as_of)
    t = qs.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    return (t["dr"] or ZERO) - (t["cr"] or ZERO)


def income(loan: Loan | None = None, *, as_of: date | None = None) -> Decimal:
    return -balance(ledger.INTEREST_INCOME, loan, as_of=as_of)


def periods(loan: Loan) -> list[Period]:
    out, start = [], loan.disbursed_on
    for row in loan.installments.order_by("number"):
        out.append(Period(start, row.due_date, row.interest_due))
        start = row.due_date
    return out


def accrued(loan: Loan, *, as_of: date | None = None) -> Decimal:
    qs = JournalLine.objects.filter(
        loan=loan,
        account__code=ledger.INTEREST_RECEIVABLE,
        entry__kind__in=ACCRUAL_KINDS,
    )
    if as_of is not None:
        qs = qs.filter(entry__entry_date__lte=as_of)
    t = qs.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    return (t["dr"] or ZERO) - (t["cr"] or ZERO)


def expected_moves(loan: Loan, on: date, *, npa_bucket: str = "NPA"):
    """What the close should post for `loan` on `on`, computed one loan at a time in
    Python from the rules (the independent twin of accounting.close.sql)."""
    loan = type(loan).objects.get(pk=loan.pk)
    active = loan.status == "active"
    return accrual_moves(
        earned=interest_earned(periods(loan), on) if active else ZERO,
        accrued=accrued(loan, as_of=on),
        receivable=balance(ledger.INTEREST_RECEIVABLE, loan, as_of=on),
        suspense=-balance(ledger.INTEREST_SUSPENSE, loan, as_of=on),
        npa=loan.bucket == npa_bucket,
        active=active,
    )


def posted_on(loan: Loan, on: date, kind: str) -> Decimal:
    t = JournalLine.objects.filter(
        loan=loan, entry__entry_date=on, entry__kind=kind, debit__gt=0
    ).aggregate(v=Sum("debit"))
    return t["v"] or ZERO


def books_snapshot() -> dict:
    from accounting.models import ProvisionDetail

    journal = JournalLine.objects.annotate(
        kind=F("entry__kind"), entry_date=F("entry__entry_date"), code=F("account__code")
    ).values_list("loan_id", "kind", "entry_date", "code", "debit", "credit")
    details = ProvisionDetail.objects.values_list(
        "loan_id", "as_of", "asset_class", "exposure", "required", "posted"
    )
    return {"journal": sorted(journal), "provisions": sorted(details)}
