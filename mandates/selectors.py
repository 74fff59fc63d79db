"""Who sees which mandates and presentations: a borrower their own loans', staff with the
view permission all of them (a collector's scoping is collection's cases; mandates are not
sensitive beyond the loan)."""

from mandates.codes import bounce_rule
from mandates.models import Mandate, Presentation, PresentationBatch, PresentationStatus


def mandates_for(user):
    qs = Mandate.objects.select_related("loan", "bank_account")
    if user.has_perm("mandates.view_mandate"):
        return qs
    return qs.filter(loan__borrower=user)


def presentations_for(user):
    qs = Presentation.objects.select_related("batch", "mandate")
    if user.has_perm("mandates.view_presentation"):
        return qs
    return qs.filter(loan__borrower=user)


def batches_for(user):
    return (
        PresentationBatch.objects.all()
        if user.has_perm("mandates.view_presentationbatch")
        else PresentationBatch.objects.none()
    )


def live_mandate(loan):
    return Mandate.objects.filter(loan=loan).select_related("bank_account").order_by("-id").first()


def recent_bounces(loan, *, limit: int = 5) -> list:
    """The loan's last bounced presentations, newest first (the borrower's loan page), each
    with `reason` (the bank's words for its code) and `next_try` (the re-presentation
    scheduled for that installment, if any). Two queries, one when nothing bounced."""
    bounces = list(
        Presentation.objects.filter(loan=loan, status=PresentationStatus.BOUNCED)
        .select_related("charge")
        .order_by("-id")[:limit]
    )
    if bounces:
        scheduled = dict(
            Presentation.objects.filter(loan=loan, status=PresentationStatus.SCHEDULED).values_list(
                "installment_id", "scheduled_on"
            )
        )
        for p in bounces:
            rule = bounce_rule(p.reason_code)
            p.reason = rule.label if rule else ""
            p.next_try = scheduled.get(p.installment_id)
    return bounces
