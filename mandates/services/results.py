"""The bank's answer to one presentation, by signed callback or a response file: a debit
posts a payment through payment_post (channel nach, UTR = UMRN + our presentation
reference); a bounce is recorded with its NPCI reason code, the borrower is told, the
product's bounce charge is levied once per installment, and a re-presentation is scheduled
when the code is worth retrying (docs/mandates.md)."""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction

from collection.notices.service import NoticeDraft, notices_create
from lendingsite.audit import audit_record
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from mandates.codes import BOUNCE_CODES, representation_due
from mandates.models import MandateStatus, Presentation, PresentationStatus
from mandates.services.lifecycle import mandate_cancel
from repayments.models import Channel, Charge, ChargeKind, PaymentSource
from repayments.services.payments import charge_levy, payment_post

SUCCEEDED, BOUNCED = PresentationStatus.SUCCEEDED, PresentationStatus.BOUNCED


def _locked(presentation: Presentation) -> Presentation:
    return (
        Presentation.objects.select_for_update()
        .select_related("mandate", "loan__product", "installment")
        .get(pk=presentation.pk)
    )


def _result_day(presentation: Presentation, business_date: date | None) -> date:
    """The debit is of the due date: its result cannot be booked before then."""
    day = business_date or today_ist()
    if day < presentation.due_date:
        raise DomainError(
            "validation_error",
            f"The debit is for {presentation.due_date:%d %b %Y}; its result cannot be booked earlier.",
            errors={"result_on": ["before the debit date"]},
        )
    return day


@transaction.atomic
def presentation_succeed(*, presentation: Presentation, business_date: date | None = None) -> str:
    """Post the debited installment as a payment. "applied", or "duplicate" when this
    presentation had its result already (a retried callback, a file loaded twice)."""
    p = _locked(presentation)
    if p.status != PresentationStatus.PRESENTED:
        return "duplicate"
    day = _result_day(p, business_date)
    payment = payment_post(
        acting_user=None,
        loan=p.loan,
        amount=p.amount,
        paid_on=p.due_date,
        channel=Channel.NACH,
        utr=f"{p.mandate.umrn}-{p.reference}",
        source=PaymentSource.SYSTEM,
        business_date=day,
    )
    p.status, p.result_on, p.payment = SUCCEEDED, day, payment
    p.save(update_fields=["status", "result_on", "payment"])
    audit_record(
        action="presentation.debited",
        target=p,
        after={
            "loan": p.loan_id,
            "amount": p.amount,
            "payment": payment.pk,
            "due_date": p.due_date,
        },
    )
    return "applied"


@transaction.atomic
def presentation_bounce(
    *, presentation: Presentation, reason_code: str, business_date: date | None = None
) -> str:
    """Record a bounce. "applied" or "duplicate" as for presentation_succeed."""
    rule = BOUNCE_CODES.get(reason_code)
    if rule is None:
        raise DomainError(
            "validation_error",
            f"Unknown bounce reason code {reason_code!r}.",
            errors={"reason_code": [f"one of {', '.join(BOUNCE_CODES)}"]},
        )
    p = _locked(presentation)
    if p.status != PresentationStatus.PRESENTED:
        return "duplicate"
    day = _result_day(p, business_date)
    p.status, p.result_on, p.reason_code = BOUNCED, day, reason_code
    p.charge = _bounce_charge(p, day)
    p.save(update_fields=["status", "result_on", "reason_code", "charge"])
    again = None
    if (
        representation_due(
            code=reason_code,
            attempt=p.attempt,
            max_representations=settings.MANDATE_MAX_REPRESENTATIONS,
        )
        and p.mandate.status == MandateStatus.ACTIVE
    ):
        again = Presentation.objects.create(
            mandate=p.mandate,
            loan=p.loan,
            installment=p.installment,
            due_date=p.due_date,
            attempt=p.attempt + 1,
            amount=p.amount,
            status=PresentationStatus.SCHEDULED,
            scheduled_on=day + timedelta(days=settings.MANDATE_REPRESENT_AFTER_DAYS),
        )
    audit_record(
        action="presentation.bounced",
        target=p,
        after={
            "loan": p.loan_id,
            "amount": p.amount,
            "due_date": p.due_date,
            "attempt": p.attempt,
            "reason_code": reason_code,
            "reason": rule.label,
            "charge": p.charge_id,
            "represent_on": again.scheduled_on if again else None,
        },
    )
    notices_create(
        [
            NoticeDraft(
                "debit_bounced",
                p.pk,
                p.loan.borrower_id,
                loan_id=p.loan_id,
                installment_id=p.installment_id,
                amount=p.amount,
                data={
                    "reason_code": reason_code,
                    "reason": rule.label,
                    "due_date": p.due_date,
                    "represent_on": again.scheduled_on if again else None,
                },
            )
        ]
    )
    if rule.ends_mandate and p.mandate.status in (MandateStatus.ACTIVE, MandateStatus.PAUSED):
        mandate_cancel(acting_user=None, mandate=p.mandate, code="account_closed")
    return "applied"


def _bounce_charge(p: Presentation, day: date) -> Charge | None:
    """The product's bounce charge, once per installment (a re-presentation that bounces
    again is not charged again; Charge is unique per installment and kind)."""
    amount = p.loan.product.bounce_charge
    if (
        amount <= 0
        or Charge.objects.filter(installment=p.installment, kind=ChargeKind.FEE).exists()
    ):
        return None
    return charge_levy(
        loan=p.loan,
        installment=p.installment,
        kind=ChargeKind.FEE,
        amount=amount,
        charged_on=day,
        reason=f"Auto-debit bounce ({p.reason_code}) of installment {p.installment.number}",
    )
