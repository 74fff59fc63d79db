"""Double-entry posting (DESIGN §6): the one writer of journal rows. Every money movement
in every app posts through `journal_post` (one entry) or `journal_post_rows` (one entry per
row of a set, for set-based jobs such as the day-end's penal charges), inside the caller's
transaction, so the entries commit or roll back with the movement and its audit event.
Nothing else inserts into the journal tables (lendingsite/tests/test_architecture.py)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Sum

from lendingsite import rawsql
from loans.models import JournalEntry, JournalLine, LedgerAccount

BANK = "BANK"
LOAN_PORTFOLIO = "LOAN_PORTFOLIO"
INTEREST_INCOME = "INTEREST_INCOME"
FEE_INCOME = "FEE_INCOME"
PENAL_INCOME = "PENAL_INCOME"
WRITE_OFF_EXPENSE = "WRITE_OFF_EXPENSE"
BORROWER_CREDIT = "BORROWER_CREDIT"
GST_PAYABLE = "GST_PAYABLE"
# Cash basis for charges too: a levied penal charge or fee is a receivable held against a
# suspense liability; it becomes income only when paid (docs/decisions.md).
CHARGES_RECEIVABLE = "CHARGES_RECEIVABLE"
CHARGES_SUSPENSE = "CHARGES_SUSPENSE"
# Referral rewards (referrals.services.payouts): the cost, and what is owed to referrers
# paid by bank transfer until the transfer goes out.
REFERRAL_EXPENSE = "REFERRAL_EXPENSE"
REFERRAL_PAYABLE = "REFERRAL_PAYABLE"
# What comes in on a loan already written off is income of its own (docs/servicing.md).
BAD_DEBTS_RECOVERED = "BAD_DEBTS_RECOVERED"
# Unpaid interest a restructure capitalised into principal: not income until it is paid
# (RBI prudential norms on income recognition; docs/servicing.md).
CAPITALISED_INTEREST_SUSPENSE = "CAPITALISED_INTEREST_SUSPENSE"
# Accrual basis (settings.LEDGER_BASIS, docs/accounting.md): interest earned and not yet
# paid is a receivable; on an NPA it is reversed out of income into suspense (IRACP).
INTEREST_RECEIVABLE = "INTEREST_RECEIVABLE"
INTEREST_SUSPENSE = "INTEREST_SUSPENSE"
# Provisions for standard and non-performing assets (the month-end close), held per loan
# so that a write-off uses the provision of its own loan first.
LOAN_LOSS_PROVISION = "LOAN_LOSS_PROVISION"
PROVISION_EXPENSE = "PROVISION_EXPENSE"
ACCRUAL = "accrual"
CASH = "cash"

ZERO = Decimal("0.00")


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


# The chart of accounts; created by migration loans/0002 and re-ensured after every
# migrate/flush (loans.apps), since test flushes wipe data-migration rows.
CHART = [
    (BANK, "Bank", "asset"),
    (LOAN_PORTFOLIO, "Loan Portfolio", "asset"),
    (INTEREST_INCOME, "Interest Income", "income"),
    (FEE_INCOME, "Fee Income", "income"),
    (PENAL_INCOME, "Penal Income", "income"),
    (WRITE_OFF_EXPENSE, "Write-off Expense", "expense"),
    (BORROWER_CREDIT, "Borrower Credit", "liability"),
    (GST_PAYABLE, "GST Payable", "liability"),
    (CHARGES_RECEIVABLE, "Charges Receivable", "asset"),
    (CHARGES_SUSPENSE, "Charges Suspense (not yet earned)", "liability"),
    (REFERRAL_EXPENSE, "Referral Expense", "expense"),
    (REFERRAL_PAYABLE, "Referral Rewards Payable", "liability"),
    (BAD_DEBTS_RECOVERED, "Bad Debts Recovered", "income"),
    (CAPITALISED_INTEREST_SUSPENSE, "Capitalised Interest (suspense)", "liability"),
    (INTEREST_RECEIVABLE, "Interest Receivable (accrued)", "asset"),
    (INTEREST_SUSPENSE, "Interest Suspense (NPA, not recognised)", "liability"),
    (LOAN_LOSS_PROVISION, "Provision for Loan Losses", "liability"),
    (PROVISION_EXPENSE, "Provisions and Write-backs", "expense"),
]


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


# Account code -> id, filled on first use in each process: the chart does not change at run
# time, and this saves a query on every posting. chart_ensure runs after every migrate and
# flush (which recreate the rows), so it starts the cache afresh.
_ACCOUNT_IDS: dict[str, int] = {}


def _account_ids(codes: set[str]) -> dict[str, int]:
    missing = codes - _ACCOUNT_IDS.keys()
    if missing:
        _ACCOUNT_IDS.update(
            LedgerAccount.objects.filter(code__in=missing).values_list("code", "id")
        )
    return _ACCOUNT_IDS


def chart_ensure(account_model=LedgerAccount) -> None:
    _ACCOUNT_IDS.clear()
    for code, name, kind in CHART:
        account_model.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})


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


def entry_ids_sql(*, order_by: str) -> str:
    """SQL allocating one new journal-entry id per row of a set-based SELECT, for callers
    that must point their own rows at the entries before `journal_post_rows` writes them
    (a charge names its entry). PostgreSQL draws from the id's sequence; SQLite has one
    writer at a time, so the ids are simply the next ones above the largest, numbered in
    `order_by` order."""
    conn = rawsql.db()
    table, pk = JournalEntry._meta.db_table, JournalEntry._meta.pk.column
    if conn.vendor == "postgresql":
        return f"nextval(pg_get_serial_sequence('{table}', '{pk}'))"
    quote = conn.ops.quote_name
    return (
        f"(SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)})"  # noqa: S608
        f" + ROW_NUMBER() OVER (ORDER BY {order_by})"
    )


def _rows_sql(rows: str, reference_sql: str) -> tuple[str, str]:
    conn = rawsql.db()
    quote = conn.ops.quote_name
    entry = ", ".join(
        quote(JournalEntry._meta.get_field(name).column)
        for name in (
            *("id", "entry_date", "kind", "loan", "memo", "reference"),
            *("created_by", "created_at"),
        )
    )
    line = ", ".join(
        quote(JournalLine._meta.get_field(name).column)
        for name in ("entry", "account", "loan", "debit", "credit")
    )
    amount = rawsql.money_from_paise_sql("amount_paise")
    entries = (
        f"INSERT INTO {quote(JournalEntry._meta.db_table)} ({entry})"  # noqa: S608
        " SELECT entry_id, %(ledger_date)s, %(ledger_kind)s, loan_id, %(ledger_memo)s,"
        f" SUBSTR({reference_sql}, 1, 64), %(ledger_user)s, %(ledger_now)s"
        f" FROM {rows} WHERE amount_paise > 0"
    )
    # Debit line before credit line within each entry, as journal_post writes them.
    lines = (
        f"INSERT INTO {quote(JournalLine._meta.db_table)} ({line})"  # noqa: S608
        f" SELECT entry_id, %(ledger_dr)s, loan_id, {amount}, 0 FROM {rows}"
        " WHERE amount_paise > 0"
        f" UNION ALL SELECT entry_id, %(ledger_cr)s, loan_id, 0, {amount} FROM {rows}"
        " WHERE amount_paise > 0"
    )
    return entries, lines


def journal_post_rows(
    cur,
    *,
    rows: str,
    entry_date: date,
    kind: str,
    debit: str,
    credit: str,
    now: datetime,
    memo: str = "",
    reference_sql: str = "''",
    params: dict | None = None,
    acting_user=None,
) -> int:
    """Post one balanced entry per row of `rows` (a table, or a parenthesised subquery
    with an alias) whose columns are `entry_id` (from `entry_ids_sql`), `loan_id` and
    `amount_paise` (a whole number of paise; rows of zero or less are skipped): the entry
    (kind, date, memo, reference = the SQL expression `reference_sql` over the row, with
    `params`) and its two lines, Dr `debit` / Cr `credit` of the amount, exactly what
    `journal_post` writes for the same inputs. Money stays in integer paise or NUMERIC
    (rawsql.money_from_paise_sql), never a float. Returns how many entries were posted."""
    conn = rawsql.db()
    ids = _account_ids({debit, credit})
    entries, lines = _rows_sql(rows, reference_sql)
    bound = {
        **(params or {}),
        "ledger_date": conn.ops.adapt_datefield_value(entry_date),
        "ledger_kind": kind,
        "ledger_memo": memo[:200],
        "ledger_user": acting_user.pk if getattr(acting_user, "pk", None) else None,
        "ledger_now": conn.ops.adapt_datetimefield_value(now),
        "ledger_dr": ids[debit],
        "ledger_cr": ids[credit],
    }
    cur.execute(entries, bound)
    posted = cur.rowcount
    cur.execute(lines, bound)
    return posted


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
