"""Interest on the accrual basis (docs/accounting.md): which basis the lender keeps, where
the interest part of a payment goes, a loan's accrued interest as the ledger holds it
(receivable and NPA suspense), and the entries that clear it when the loan leaves the book
(true-up) or move it into principal (capitalisation)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from loans.ledger.chart import (
    CAPITALISED_INTEREST_SUSPENSE,
    INTEREST_INCOME,
    INTEREST_RECEIVABLE,
    INTEREST_SUSPENSE,
    LOAN_PORTFOLIO,
    ZERO,
)
from loans.ledger.posting import Cr, Dr, Line, account_balance, journal_post
from loans.models import JournalEntry

ACCRUAL = "accrual"
CASH = "cash"


def ledger_basis() -> str:
    """The lender's basis of accounting for interest: "accrual" (the default, as an NBFC
    files) or "cash" (settings.LEDGER_BASIS)."""
    from django.conf import settings

    return getattr(settings, "LEDGER_BASIS", ACCRUAL)


def interest_paid_account() -> str:
    """Where the interest part of a payment is credited: on accrual basis the receivable
    the month-end accrual built up (income was recognised then); on cash basis income."""
    return INTEREST_RECEIVABLE if ledger_basis() == ACCRUAL else INTEREST_INCOME


@dataclass(frozen=True)
class AccruedInterest:
    """A loan's accrued interest as the ledger holds it (accrual basis; both zero on cash
    basis): `receivable` is Interest Receivable's signed balance (negative: collected
    before the close accrued it), `suspense` the Interest Suspense held (NPA)."""

    receivable: Decimal
    suspense: Decimal

    @property
    def suspended(self) -> Decimal:
        """The part of the receivable held in suspense: never income."""
        return min(max(self.receivable, ZERO), max(self.suspense, ZERO))

    @property
    def unpaid(self) -> Decimal:
        """Recognised as income and not collected."""
        return max(self.receivable, ZERO) - self.suspended

    @property
    def collected(self) -> Decimal:
        """Collected and not yet income: paid beyond what was accrued, and suspense held
        beyond the receivable (its interest was paid after the last close)."""
        return max(-self.receivable, ZERO) + max(self.suspense, ZERO) - self.suspended


def accrued_interest(loan) -> AccruedInterest:
    return AccruedInterest(
        receivable=account_balance(INTEREST_RECEIVABLE, loan=loan),
        suspense=-account_balance(INTEREST_SUSPENSE, loan=loan),
    )


def accrued_interest_clear(acc: AccruedInterest) -> list[Line]:
    """The lines that take a loan's accrued interest off the books when it leaves them
    (paid off, settled, written off), all but one: the caller debits `acc.unpaid` (income
    never collected) to where its event puts it (Interest Income reversed for a paid-off
    loan, the loss for a settlement or a write-off). The suspended part leaves suspense
    with its receivable (it never was income); what was collected and not yet recognised
    is income now. Afterwards the loan holds nothing in Receivable or Suspense
    (docs/accounting.md, "Loans leaving the book")."""
    return [
        Dr(INTEREST_SUSPENSE, max(acc.suspense, ZERO)),
        Dr(INTEREST_RECEIVABLE, max(-acc.receivable, ZERO)),
        Cr(INTEREST_RECEIVABLE, max(acc.receivable, ZERO)),
        Cr(INTEREST_INCOME, acc.collected),
    ]


def interest_true_up(*, loan, entry_date: date, acting_user=None) -> JournalEntry | None:
    """A loan paid off (closed, foreclosed, cancelled) on accrual basis: its interest is
    brought at once to what was collected (accrual up to the date, the month-end close's
    rule for a closed loan), so nothing stays in Receivable or Suspense until the next
    close. Posted as an accrual (or its reversal), so that the close's "accrued so far"
    counts it and a loan reopened by a reversed payment is accrued right again."""
    if ledger_basis() != ACCRUAL:
        return None
    acc = accrued_interest(loan)
    lines = accrued_interest_clear(acc)
    income = acc.collected - acc.unpaid
    lines[3] = Cr(INTEREST_INCOME, income) if income > 0 else Dr(INTEREST_INCOME, -income)
    if not any(ln.debit or ln.credit for ln in lines):
        return None
    kind = "interest_accrual" if acc.receivable < 0 else "interest_accrual_reversal"
    if not acc.receivable:
        kind = "npa_interest_released"
    return journal_post(
        entry_date=entry_date,
        kind=kind,
        loan=loan,
        reference=f"{kind}:{entry_date}",
        memo=f"Loan #{loan.pk} paid off: interest income brought to what was collected",
        acting_user=acting_user,
        lines=lines,
    )


def interest_capitalised_lines(loan, amount: Decimal) -> list[Line]:
    """A restructure capitalising `amount` of unpaid interest: the loan's principal grows
    by it, held against Capitalised Interest (suspense) until paid (not income: IRACP, the
    interest capitalised is credited to a sundry liability). On accrual basis the part
    already accrued leaves Interest Receivable (it is now in the principal, not owed
    twice) and its income is reversed, or taken out of suspense on an NPA; the part not
    yet accrued never was income. The entry's kind counts as an accrual in the close."""
    acc = accrued_interest(loan)
    moved = min(amount, max(acc.receivable, ZERO))
    suspended = min(moved, max(acc.suspense, ZERO))
    return [
        Dr(LOAN_PORTFOLIO, amount),
        Cr(CAPITALISED_INTEREST_SUSPENSE, amount),
        Dr(INTEREST_SUSPENSE, suspended),
        Dr(INTEREST_INCOME, moved - suspended),
        Cr(INTEREST_RECEIVABLE, moved),
    ]
