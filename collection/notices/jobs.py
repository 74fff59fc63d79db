"""Notices made by a periodic job rather than by an event: the offer about to lapse."""

from datetime import date

from django.db import transaction

from collection.models import Notification
from collection.notices.listeners import offer_facts
from collection.notices.service import NoticeDraft, notices_create
from lendingsite.audit import audit_record
from lendingsite.dates import add_working_days
from loans.models import ApplicationStatus, LoanApplication


@transaction.atomic
def offers_expiring_notify(*, business_date: date) -> int:
    """Tell each borrower whose approved offer lapses within the next working day
    (valid until today or the next working day: on Friday, Monday's too) that it is about
    to lapse. Once per offer (the notice's key); returns how many were made now."""
    last_day = add_working_days(business_date, 1)
    offers = LoanApplication.objects.filter(
        status=ApplicationStatus.APPROVED,
        offer_expires_on__gte=business_date,
        offer_expires_on__lte=last_day,
    ).order_by("id")
    drafts = [
        NoticeDraft(
            "offer_expiring",
            app.pk,
            app.borrower_id,
            amount=app.offered_amount,
            data=offer_facts(app),
        )
        for app in offers
    ]
    before = Notification.objects.filter(dedupe_key__in=[d.key for d in drafts]).count()
    notices_create(drafts)
    made = len(drafts) - before
    if made:
        audit_record(
            action="notices.offer_expiry_queued",
            target_type="collection.notification",
            after={"business_date": business_date, "notices": made},
        )
    return made
