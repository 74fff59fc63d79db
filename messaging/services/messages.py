"""Posting a message, and delivering the ones held for calling hours.

A message is text (up to MESSAGE_MAX_CHARS) and/or one attachment that passes the KYC
upload's checks (accounts.services.kyc.kyc_file_check: PDF, JPEG or PNG by its bytes,
KYC_MAX_UPLOAD_BYTES at most). Each person may post MESSAGES_PER_HOUR an hour (429).
A collector's message outside 08:00-19:00 IST is held until 08:00 (messaging.rules)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts import ratelimit
from accounts.models import User
from accounts.services.kyc import kyc_file_check
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from messaging import live
from messaging.models import Message, Thread
from messaging.rules import delivery_moment
from messaging.selectors import is_recovery_staff, is_staff_side
from messaging.services.threads import thread_get_visible

MESSAGE_MAX_CHARS = 4000
POST_PERM = "messaging.add_message"


def _may_post(user: User, thread: Thread) -> None:
    if is_staff_side(user):
        if not user.has_perm(POST_PERM):
            raise DomainError("permission_denied", "Your role can read this thread but not write.")
    elif thread.borrower_id != user.pk:  # threads_for already hides it; belt and braces
        raise DomainError("not_found", f"Thread #{thread.pk} was not found.")


def _rate_take(user: User) -> None:
    limit = settings.MESSAGES_PER_HOUR
    retry_after = ratelimit.quota_take(kind="message-post", address=f"user:{user.pk}", limit=limit)
    if retry_after:
        raise DomainError(
            "throttled",
            f"At most {limit} messages can be sent in an hour. Try again in "
            f"{max(1, retry_after // 60)} minute{'s' if retry_after >= 120 else ''}.",
            retry_after=retry_after,
        )


def _body_checked(body: str, has_file: bool) -> str:
    body = (body or "").strip()
    if len(body) > MESSAGE_MAX_CHARS:
        message = f"A message can be at most {MESSAGE_MAX_CHARS} characters long."
        raise DomainError("validation_error", message, errors={"body": [message]})
    if not body and not has_file:
        message = "Write a message or attach a file."
        raise DomainError("validation_error", message, errors={"body": [message]})
    return body


@refusals_audited("message.post_refused")
@transaction.atomic
def message_post(
    *, acting_user: User, thread: Thread, body: str = "", uploaded_file=None, now=None
) -> Message:
    thread = thread_get_visible(user=acting_user, thread_id=thread.pk)
    _may_post(acting_user, thread)
    body = _body_checked(body, uploaded_file is not None)
    content_type, extension = ("", "")
    if uploaded_file is not None:
        content_type, extension = kyc_file_check(uploaded_file=uploaded_file)
    _rate_take(acting_user)
    now = now or timezone.now()
    staff = is_staff_side(acting_user)
    deliver = delivery_moment(recovery_sender=staff and is_recovery_staff(acting_user), sent_at=now)
    held = deliver > now
    message = Message(
        thread=thread,
        sender=acting_user,
        from_staff=staff,
        body=body,
        created_at=now,
        held_until=deliver if held else None,
        delivered_at=None if held else now,
        attachment_type=content_type,
        attachment_size=uploaded_file.size if uploaded_file is not None else None,
    )
    if uploaded_file is not None:
        # Stored under a random name with the sniffed extension, never the client's name.
        message.attachment.save(f"upload{extension}", uploaded_file, save=False)
    try:
        message.save()
        if not held:
            Thread.objects.filter(pk=thread.pk).update(last_message_at=now)
        audit_record(
            action="message.posted",
            actor=acting_user,
            target=message,
            # The text is personal data and the audit trail is never rewritten: only its size.
            after={
                "thread": thread.pk,
                "chars": len(body),
                "attachment": content_type or None,
                "held_until": message.held_until,
            },
        )
    except BaseException:
        if message.attachment:
            message.attachment.delete(save=False)  # storage is not transactional
        raise
    live.message_changed(message)
    return message


@transaction.atomic
def messages_release_held(*, now=None) -> int:
    """Deliver every held message whose hour has come (beat, every 5 minutes from 08:00)."""
    now = now or timezone.now()
    due = list(
        Message.objects.select_for_update(skip_locked=True)
        .filter(delivered_at__isnull=True, held_until__lte=now)
        .order_by("held_until", "id")
    )
    for message in due:
        message.delivered_at = now
        message.save(update_fields=["delivered_at"])
        Thread.objects.filter(pk=message.thread_id).update(last_message_at=now)
        audit_record(
            action="message.delivered",
            actor=None,
            target=message,
            before={"held_until": message.held_until},
            after={"delivered_at": now},
        )
        live.message_changed(message)
    return len(due)
