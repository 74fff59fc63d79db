"""Double-entry posting (DESIGN §6): the one writer of journal rows. Every money movement
in every app posts through `journal_post` (one entry) or `journal_post_rows` (one entry per
row of a set, for set-based jobs such as the day-end's penal charges), inside the caller's
transaction, so the entries commit or roll back with the movement and its audit event.
Nothing else inserts into the journal tables (lendingsite/tests/test_architecture.py).

Callers import this package (`from loans import ledger`); its modules are the chart of
accounts (`chart`), one entry (`posting`), one entry per row of a set (`batch`) and
interest on the accrual basis (`accrual`)."""

from loans.ledger.accrual import (
    ACCRUAL,
    CASH,
    AccruedInterest,
    accrued_interest,
    accrued_interest_clear,
    interest_capitalised_lines,
    interest_paid_account,
    interest_true_up,
    ledger_basis,
)
from loans.ledger.batch import entry_ids_sql, journal_post_rows
from loans.ledger.chart import (
    BAD_DEBTS_RECOVERED,
    BANK,
    BORROWER_CREDIT,
    CAPITALISED_INTEREST_SUSPENSE,
    CHARGES_RECEIVABLE,
    CHARGES_SUSPENSE,
    CHART,
    FEE_INCOME,
    GST_PAYABLE,
    INTEREST_INCOME,
    INTEREST_RECEIVABLE,
    INTEREST_SUSPENSE,
    LOAN_LOSS_PROVISION,
    LOAN_PORTFOLIO,
    PENAL_INCOME,
    PROVISION_EXPENSE,
    REFERRAL_EXPENSE,
    REFERRAL_PAYABLE,
    WRITE_OFF_EXPENSE,
    ZERO,
    _account_ids,
    chart_ensure,
)
from loans.ledger.posting import (
    Cr,
    Dr,
    Line,
    UnbalancedEntry,
    account_balance,
    journal_post,
    journal_reverse,
)

__all__ = [
    "ACCRUAL",
    "BAD_DEBTS_RECOVERED",
    "BANK",
    "BORROWER_CREDIT",
    "CAPITALISED_INTEREST_SUSPENSE",
    "CASH",
    "CHARGES_RECEIVABLE",
    "CHARGES_SUSPENSE",
    "CHART",
    "FEE_INCOME",
    "GST_PAYABLE",
    "INTEREST_INCOME",
    "INTEREST_RECEIVABLE",
    "INTEREST_SUSPENSE",
    "LOAN_LOSS_PROVISION",
    "LOAN_PORTFOLIO",
    "PENAL_INCOME",
    "PROVISION_EXPENSE",
    "REFERRAL_EXPENSE",
    "REFERRAL_PAYABLE",
    "WRITE_OFF_EXPENSE",
    "ZERO",
    "AccruedInterest",
    "Cr",
    "Dr",
    "Line",
    "UnbalancedEntry",
    "_account_ids",
    "account_balance",
    "accrued_interest",
    "accrued_interest_clear",
    "chart_ensure",
    "entry_ids_sql",
    "interest_capitalised_lines",
    "interest_paid_account",
    "interest_true_up",
    "journal_post",
    "journal_post_rows",
    "journal_reverse",
    "ledger_basis",
]
