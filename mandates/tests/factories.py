"""Mandate helpers for tests: everything through the real services and signed callbacks."""

from datetime import date

from accounts.models import BankAccount, BankAccountStatus
from accounts.tests.factories import verified_bank_account
from loans.tests.factories import active_loan
from mandates.adapters import sandbox_body, sandbox_sign
from mandates.models import Mandate
from mandates.services import mandate_register
from mandates.webhooks import mandate_webhook_receive


def ensure_verified_account(loan) -> BankAccount:
    account = BankAccount.objects.filter(
        profile__user_id=loan.borrower_id, replaced_at__isnull=True
    ).first()
    if account is None:
        return verified_bank_account(loan.borrower.profile)
    if account.status != BankAccountStatus.VERIFIED:
        BankAccount.objects.filter(pk=account.pk).update(status=BankAccountStatus.VERIFIED)
    return account


def callback(event: str, reference: str, *, business_date: date | None = None, **fields) -> str:
    body = sandbox_body(event=event, reference=reference, **fields)
    return mandate_webhook_receive(
        adapter="sandbox", headers=sandbox_sign(body), body=body, business_date=business_date
    )


def active_mandate(loan=None, *, umrn: str | None = None, **kwargs) -> Mandate:
    loan = loan or active_loan(disbursed_on=kwargs.pop("disbursed_on", None))
    ensure_verified_account(loan)
    kwargs.setdefault("start_on", loan.disbursed_on)
    mandate = mandate_register(acting_user=loan.borrower, loan=loan, **kwargs)
    callback("mandate.approved", mandate.reference, umrn=umrn or f"SBIN{mandate.pk:016d}")
    mandate.refresh_from_db()
    return mandate
