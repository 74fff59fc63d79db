"""The month-end's set-based SQL, per loan-id range (``loan_id BETWEEN lo AND hi``), inside
the caller's transaction (accounting.close.job): a handful of statements per chunk, never
a Python loop per loan. Generated from the rules' configuration and held equal to
accounting.rules by hypothesis tests (accounting/tests/test_close_sql.py).

Per chunk, in order:
1. books: per loan, from the ledger as of the date (entries dated on or before it):
   Interest Receivable, Interest Suspense, what accrual entries posted, Loan Portfolio,
   the provision held; the interest earned to the date from the schedule; the security.
2. accrual (rules.accrual_moves): accrual / reversal entries, then suspense / release.
3. provisioning (close only; rules.asset_class, rules.provision_required): the per-loan
   detail rows and one entry per loan for the difference from the provision held.

Money is summed in integer paise (exact on SQLite's floats and PostgreSQL's numerics).
Every value is bound; the f-strings splice this module's own names and generated CASE
fragments, hence the S608 waiver.
"""

from accounting.close.sql.accrual import accrual_step, moves_select
from accounting.close.sql.books import books_step, earned_select
from accounting.close.sql.common import CloseParams, drop_work_tables
from accounting.close.sql.provision import provision_step

__all__ = [
    "CloseParams",
    "accrual_step",
    "books_step",
    "drop_work_tables",
    "earned_select",
    "moves_select",
    "provision_step",
]
