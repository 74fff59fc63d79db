"""Breaking a settlement (docs/servicing.md, "Broken"): the day-end's last step. The loan
simply carries on with its old dues, less what was paid, since the payments already went
to them."""

from datetime import date

from django.db import transaction

from lendingsite.audit import audit_record
from loans.models import Settlement, SettlementStatus
from repayments.engine.distress import settlement_broken
from repayments.services.servicing.settlements.common import _flag_set, _paid_refresh


@transaction.atomic
def settlements_break_due(*, business_date: date, acting_user=None) -> int:
    """The day-end's step: break every settlement in force with an installment still short
    at the end of `business_date` past its grace. Idempotent (a broken one is no longer in
    force). Returns how many were broken."""
    broken = 0
    for settlement in Settlement.objects.select_for_update().filter(
        status=SettlementStatus.IN_FORCE
    ):
        dues = _paid_refresh(settlement)
        missed = settlement_broken(dues, business_date, settlement.grace_days)
        if missed is None:
            continue
        settlement.status, settlement.ended_on = SettlementStatus.BROKEN, business_date
        settlement.save(update_fields=["status", "ended_on"])
        _flag_set(settlement.loan, False)
        broken += 1
        audit_record(
            action="settlement.broken",
            actor=acting_user,
            target=settlement,
            after={
                "loan": settlement.loan_id,
                "installment": missed.number,
                "due_date": missed.due_date,
                "short_by": missed.amount - missed.paid,
                "paid": settlement.paid,
                "grace_days": settlement.grace_days,
            },
        )
    return broken
