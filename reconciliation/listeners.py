"""Reactions to the lower apps' events: every new loan gets its virtual account."""

from lendingsite.audit import audit_listen
from loans.models import Loan
from reconciliation.services.virtual_accounts import virtual_account_issue


@audit_listen("loan.opened")
def _opened(*, event, target):
    if isinstance(target, Loan):
        virtual_account_issue(loan=target)
