"""Test helpers for the day-end: loans that fall behind (made through the real services),
payments through repayments.services.payments, and a snapshot of everything the day-end
writes, for comparing two runs row for row (without database ids, which differ between
runs on PostgreSQL because sequences are not transactional)."""

from datetime import date
from decimal import Decimal
from itertools import count

from django.db import transaction
from django.db.models import F

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from collection.models import BucketHistory, CollectionCase
from loans.models import Installment, JournalLine, Loan
from loans.tests.factories import ProductFactory, active_loan
from repayments.models import Charge
from repayments.services.payments import payment_post

_utr = count(1)


def loan_due(disbursed_on: date, *, product=None, tenure: int = 12, amount="100000.00") -> Loan:
    """An active loan disbursed on `disbursed_on`; installment k falls due k months later."""
    return active_loan(
        disbursed_on=disbursed_on,
        product=product or ProductFactory(),
        tenure=tenure,
        amount=Decimal(amount),
    )


def outstanding(installment: Installment) -> Decimal:
    installment.refresh_from_db()
    return installment.outstanding


def pay(loan: Loan, amount: Decimal, *, on: date, cashier=None):
    """A payment posted by finance on `on` (booked that day)."""
    return payment_post(
        acting_user=cashier or staff(FINANCE),
        loan=loan,
        amount=amount,
        paid_on=on,
        channel="neft",
        utr=f"DAYEND{next(_utr):08d}",
        business_date=on,
    )


def pay_installments(loan: Loan, numbers: list[int], *, on: date, leave: Decimal = Decimal(0)):
    """Pay installments `numbers` (oldest first) in full on `on`, less `leave` rupees."""
    rows = loan.installments.filter(number__in=numbers)
    total = sum((row.outstanding for row in rows), Decimal("0.00")) - leave
    return pay(loan, total, on=on)


def arrears(loan: Loan, *, on: date) -> Decimal:
    """What is owed on installments due on or before `on`."""
    rows = loan.installments.filter(due_date__lte=on)
    return sum((row.outstanding for row in rows), Decimal("0.00"))


def snapshot() -> dict:
    """Everything the day-end writes, as sorted tuples of natural keys and values."""
    journal = JournalLine.objects.annotate(
        kind=F("entry__kind"),
        entry_date=F("entry__entry_date"),
        reference=F("entry__reference"),
        memo=F("entry__memo"),
        code=F("account__code"),
    ).values_list("loan_id", "kind", "entry_date", "reference", "memo", "code", "debit", "credit")
    return {
        "loans": sorted(Loan.objects.values_list("id", "dpd", "bucket", "principal_outstanding")),
        "installments": sorted(
            Installment.objects.values_list(
                "id", "principal_due", "interest_due", "penal_due", "fees_due", "paid_on"
            )
        ),
        "charges": sorted(
            Charge.objects.values_list(
                "loan_id",
                "installment_id",
                "kind",
                "amount",
                "charged_on",
                "reason",
                "journal_entry__reference",
                "journal_entry__kind",
            )
        ),
        "ledger": sorted(journal),
        "history": sorted(
            BucketHistory.objects.values_list(
                "loan_id", "business_date", "from_bucket", "to_bucket", "dpd"
            )
        ),
        "cases": sorted(
            CollectionCase.objects.values_list(
                "loan_id",
                "status",
                "opened_on",
                "closed_on",
                "overdue_amount",
                "legal_escalated",
                "escalated_on",
                "assigned_to_id",
            )
        ),
    }


class _Rollback(Exception):
    pass


def snapshot_then_rollback(work) -> dict:
    """Run `work()`, take the snapshot, then undo everything (a savepoint), so that a second
    path can start from the same database."""
    taken: dict = {}
    try:
        with transaction.atomic():
            work()
            taken.update(snapshot())
            raise _Rollback
    except _Rollback:
        pass
    return taken
