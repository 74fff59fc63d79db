"""Reactions to the lower apps' events: every new loan gets its virtual account."""

from lendingsite.audit import audit_listen
from loans.models import Loan
from reconciliation.adapters import adapter_get
from reconciliation.services.virtual_accounts import virtual_account_issue


@audit_listen("loan.opened")
def _opened(*, event, target):
    # Without a configured provider the loan opens without an account (issued later by
    # virtual_accounts_issue_missing): repayments must never block an acceptance.
    if isinstance(target, Loan) and adapter_get() is not None:
        virtual_account_issue(loan=target)
