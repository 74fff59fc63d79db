"""Writes of the books' own records that officers make (the close writes its own through
accounting.close). The console's form calls these; a refusal writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from accounting.models import CollateralKind, LoanCollateral
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan, LoanStatus

COLLATERAL_PERM = "accounting.change_loancollateral"
# A loan that left the book needs no provision; its security is history.
_OPEN = (LoanStatus.ACTIVE,)


def _value(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        raise DomainError(
            "validation_error",
            "The realisable value must be an amount in rupees.",
            errors={"realisable_value": ["not an amount"]},
        ) from None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        raise DomainError(
            "validation_error",
            "The realisable value must be zero or more, in rupees and paise.",
            errors={"realisable_value": ["zero or more, at most two decimals"]},
        )
    if value >= Decimal("1e12"):
        raise DomainError(
            "validation_error",
            "The realisable value is too large.",
            errors={"realisable_value": ["too large"]},
        )
    return value


@refusals_audited("loan.collateral_record_refused")
@transaction.atomic
def collateral_record(
    *,
    acting_user,
    loan: Loan,
    kind: str,
    realisable_value: Decimal,
    valued_on: date,
    description: str = "",
    business_date: date | None = None,
) -> LoanCollateral:
    """Record (or revalue) the security held for an active loan: its kind, realisable
    value and the date of the valuation. The next close splits the loan's exposure into a
    secured part (up to this value) and an unsecured part (docs/accounting.md,
    "Provisioning"). A value of zero leaves the loan wholly unsecured."""
    if not acting_user.has_perm(COLLATERAL_PERM):
        raise DomainError("permission_denied", "You may not record a loan's security.")
    value = _value(realisable_value)
    if kind not in CollateralKind.values:
        raise DomainError(
            "validation_error", f"Unknown kind of security {kind!r}.", errors={"kind": ["unknown"]}
        )
    today = business_date or today_ist()
    if valued_on > today:
        raise DomainError(
            "validation_error",
            f"The valuation date {valued_on:%d %b %Y} is in the future.",
            errors={"valued_on": ["in the future"]},
        )
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    if loan.status not in _OPEN:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; security is recorded "
            "for active loans only.",
        )
    current = LoanCollateral.objects.select_for_update().filter(loan=loan).first()
    before = (
        {
            "kind": current.kind,
            "realisable_value": current.realisable_value,
            "valued_on": current.valued_on,
        }
        if current
        else None
    )
    collateral = current or LoanCollateral(loan=loan)
    collateral.kind, collateral.realisable_value, collateral.valued_on = kind, value, valued_on
    collateral.description = (description or "").strip()[:200]
    collateral.recorded_by = acting_user if getattr(acting_user, "pk", None) else None
    collateral.recorded_at = timezone.now()
    collateral.save()
    audit_record(
        action="loan.collateral_recorded",
        actor=acting_user,
        target=loan,
        before=before,
        after={
            "kind": kind,
            "realisable_value": value,
            "valued_on": valued_on,
            "description": collateral.description,
        },
    )
    return collateral
