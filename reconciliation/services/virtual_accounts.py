"""Issuing a loan's virtual account: once, at the loan's opening (listener on `loan.opened`),
or for loans opened before this app existed (`virtual_accounts_issue_missing`)."""

from django.db import transaction

from lendingsite.audit import audit_record
from lendingsite.errors import DomainError
from loans.models import Loan
from reconciliation.adapters import adapter_get
from reconciliation.models import VirtualAccount


@transaction.atomic
def virtual_account_issue(*, loan: Loan, acting_user=None) -> VirtualAccount:
    """The loan's virtual account, issued through the configured adapter if it has none
    yet (issuing twice returns the first one)."""
    existing = VirtualAccount.objects.filter(loan=loan).first()
    if existing is not None:
        return existing
    adapter = adapter_get()
    if adapter is None:
        raise DomainError("invalid_state", "No virtual-account provider is configured.")
    issued = adapter.issue(loan_id=loan.pk)
    account = VirtualAccount.objects.create(
        loan=loan,
        provider=adapter.name,
        account_number=issued.account_number,
        ifsc=issued.ifsc,
        vpa=issued.vpa,
    )
    audit_record(
        action="virtual_account.issued",
        actor=acting_user,
        target=loan,
        after={"account_number": account.account_number, "ifsc": account.ifsc, "vpa": account.vpa},
    )
    return account


def virtual_accounts_issue_missing(*, acting_user=None, batch: int = 1000) -> int:
    """Issue an account to every loan that has none (after installing the app). Returns
    how many were issued."""
    issued = 0
    while True:
        ids = list(
            Loan.objects.filter(virtual_account__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch]
        )
        if not ids:
            return issued
        for loan in Loan.objects.filter(pk__in=ids):
            virtual_account_issue(loan=loan, acting_user=acting_user)
            issued += 1
