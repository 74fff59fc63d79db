"""The chart of accounts: the account codes every posting names, the accounts that
migration loans/0002 creates, and their ids (cached per process)."""

from decimal import Decimal

from loans.models import LedgerAccount

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

ZERO = Decimal("0.00")


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
