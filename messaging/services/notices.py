"""The email about a message left unread: after MESSAGE_UNREAD_NOTICE_MINUTES, once per
thread and unread stretch (messaging.rules.unread_notice_due), to the borrower. Staff read
their threads in the console, whose header counts what is unread."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lendingsite.audit import audit_record
from messaging.models import Message, Thread, ThreadRead
from messaging.rules import unread_notice_due
from messaging.selectors import EPOCH


def _send_on_commit(thread: Thread) -> None:
    from messaging.tasks import unread_email_send  # the task module imports this one

    to = thread.borrower.email
    transaction.on_commit(
        lambda: unread_email_send.delay(to, thread.subject, thread.pk), robust=True
    )


@transaction.atomic
def unread_notices_send(*, now=None) -> int:
    now = now or timezone.now()
    after = timedelta(minutes=settings.MESSAGE_UNREAD_NOTICE_MINUTES)
    read = ThreadRead.objects.filter(thread=OuterRef("pk"), user=OuterRef("borrower"))
    unread = Message.objects.filter(
        thread=OuterRef("pk"),
        from_staff=True,
        hidden_at__isnull=True,
        delivered_at__gt=Coalesce(OuterRef("last_read_at"), Value(EPOCH)),
    ).order_by("delivered_at")
    threads = (
        Thread.objects.filter(borrower__is_active=True)
        .annotate(
            last_read_at=Subquery(read.values("last_read_at")[:1]),
            notice_sent_at=Subquery(read.values("notice_sent_at")[:1]),
        )
        .annotate(oldest_unread_at=Subquery(unread.values("delivered_at")[:1]))
        .filter(oldest_unread_at__lte=now - after)
        .select_related("borrower")
        .order_by("pk")
    )
    sent = 0
    for thread in threads:
        if not unread_notice_due(
            oldest_unread_at=thread.oldest_unread_at,
            last_read_at=thread.last_read_at,
            notice_sent_at=thread.notice_sent_at,
            now=now,
            after=after,
        ):
            continue
        mark, _ = ThreadRead.objects.select_for_update().get_or_create(
            thread=thread, user_id=thread.borrower_id
        )
        mark.notice_sent_at = now
        mark.save(update_fields=["notice_sent_at"])
        audit_record(
            action="thread.unread_notice_sent",
            actor=None,
            target=thread,
            after={"to": thread.borrower_id, "oldest_unread_at": thread.oldest_unread_at},
        )
        _send_on_commit(thread)
        sent += 1
    return sent
