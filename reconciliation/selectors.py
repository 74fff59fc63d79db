"""Reads of the reconciliation app shared by the console, the API and the borrower pages."""

from reconciliation import rules
from reconciliation.models import LineStatus, StatementImport, StatementLine, VirtualAccount

QUEUE = (LineStatus.QUEUED, LineStatus.PROPOSED)


def virtual_account_of(loan) -> VirtualAccount | None:
    """The loan's account (no query when the loan was fetched with select_related)."""
    try:
        return loan.virtual_account
    except VirtualAccount.DoesNotExist:
        return None


def loan_reference(loan) -> str:
    return rules.loan_reference(loan.pk)


def statements_for(user):
    if not user.has_perm("reconciliation.view_statementimport"):
        return StatementImport.objects.none()
    return StatementImport.objects.select_related("uploaded_by")


def lines_for(user):
    if not user.has_perm("reconciliation.view_statementline"):
        return StatementLine.objects.none()
    return StatementLine.objects.select_related("statement", "assigned_by", "decided_by")


def virtual_accounts_for(user):
    if user.has_perm("reconciliation.view_virtualaccount"):
        return VirtualAccount.objects.all()
    return VirtualAccount.objects.filter(loan__borrower=user)
