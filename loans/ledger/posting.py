"""One balanced entry: its lines (`Dr`, `Cr`), `journal_post`, `journal_reverse`, and
the balance of an account read back from the lines."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from lendingsite import rawsql
from loans.ledger.chart import ZERO, _account_ids
from loans.models import JournalEntry, JournalLine


class UnbalancedEntry(ValueError):
    pass


@dataclass(frozen=True)
class Line:
    account: str
    debit: Decimal = ZERO
    credit: Decimal = ZERO


def Dr(account: str, amount: Decimal) -> Line:
    return Line(account=account, debit=amount)


def Cr(account: str, amount: Decimal) -> Line:
    return Line(account=account, credit=amount)


def journal_post(
    *,
    entry_date: date,
    kind: str,
    lines: Iterable[Line],
    loan=None,
    memo: str = "",
    reference: str = "",
    acting_user=None,
    reverses: JournalEntry | None = None,
) -> JournalEntry:
    """Post one balanced entry. Zero lines are dropped; an entry that does not balance,
    or has a negative amount, is a programming error and raises before anything is written.
    Call inside the service's transaction."""
    kept = [ln for ln in lines if ln.debit or ln.credit]
    for ln in kept:
        if ln.debit < 0 or ln.credit < 0 or (ln.debit and ln.credit):
            raise UnbalancedEntry(f"bad line {ln}")
    debits = sum((ln.debit for ln in kept), ZERO)
    credits = sum((ln.credit for ln in kept), ZERO)
    if debits != credits or not kept:
        raise UnbalancedEntry(f"{kind}: debits {debits} != credits {credits}")
    entry = JournalEntry(
        entry_date=entry_date,
        kind=kind,
        loan=loan,
        memo=memo[:200],
        reference=reference[:64],
        reverses=reverses,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    ids = _account_ids({ln.account for ln in kept})
    loan_id = loan.pk if loan else None
    # Every money movement posts here: the entry and its lines go in one statement (on
    # PostgreSQL), without the ORM's per-instance work (docs/benchmarks.md).
    rawsql.insert_with_children(
        entry,
        JournalLine,
        "entry",
        ("account", "loan", "debit", "credit"),
        [(ids[ln.account], loan_id, ln.debit, ln.credit) for ln in kept],
    )
    return entry


def journal_reverse(
    *, entry: JournalEntry, entry_date: date, acting_user, memo: str = ""
) -> JournalEntry:
    """A new entry with every line's sides swapped; the original stays as it was."""
    lines = [
        Line(account=ln.account.code, debit=ln.credit, credit=ln.debit)
        for ln in entry.lines.select_related("account")
    ]
    return journal_post(
        entry_date=entry_date,
        kind=f"{entry.kind}_reversal",
        lines=lines,
        loan=entry.loan,
        memo=memo or f"Reversal of entry {entry.pk}",
        reference=entry.reference,
        acting_user=acting_user,
        reverses=entry,
    )


def account_balance(code: str, *, loan=None) -> Decimal:
    """Debit-positive balance of an account (assets and expenses positive; for liability
    and income accounts the credit balance is the negative of this)."""
    qs = JournalLine.objects.filter(account__code=code)
    if loan is not None:
        qs = qs.filter(loan=loan)
    totals = qs.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    return (totals["dr"] or ZERO) - (totals["cr"] or ZERO)
