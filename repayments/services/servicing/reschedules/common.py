"""What the restructure and the moratorium share: the loan's rows as stored now and the
marks (last payment and charge ids) that tell whether its history moved since."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from loans.models import Loan
from repayments import engine
from repayments.models import Charge, Payment
from repayments.services.replay import _installments_locked

ZERO = Decimal("0.00")
MAX_TENURE = 120


@dataclass
class _Rows:  # what _installments_store reads of a replay result
    rows: list


def rows_now(loan: Loan) -> list[engine.Row]:
    return [engine.Row(*s[1:]) for s in _installments_locked(loan.pk)]


def history_marks(loan: Loan) -> tuple[int, int]:
    payments = Payment.objects.filter(loan=loan).aggregate(m=Max("id"))["m"] or 0
    charges = Charge.objects.filter(loan=loan).aggregate(m=Max("id"))["m"] or 0
    return payments, charges
