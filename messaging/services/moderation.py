"""Moderation: staff hide a message (kept, marked, with the reason, audited); the borrower
reports one for the lender to look at."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from messaging import live
from messaging.models import Message
from messaging.selectors import HIDE_PERM, is_staff_side, threads_for

REASON_MAX = 500


def _visible_message(user: User, message_id: int) -> Message:
    message = (
        Message.objects.select_for_update()
        .filter(pk=message_id, thread__in=threads_for(user).values("pk"))
        .first()
    )
    if message is None or (not is_staff_side(user) and message.delivered_at is None):
        raise DomainError("not_found", f"Message #{message_id} was not found.")
    return message


def _reason(reason: str, *, required: bool) -> str:
    reason = (reason or "").strip()
    if required and not reason:
        text = "Say why, in a few words."
        raise DomainError("validation_error", text, errors={"reason": [text]})
    if len(reason) > REASON_MAX:
        text = f"At most {REASON_MAX} characters."
        raise DomainError("validation_error", text, errors={"reason": [text]})
    return reason


@refusals_audited("message.hide_refused")
@transaction.atomic
def message_hide(*, acting_user: User, message: Message, reason: str) -> Message:
    message = _visible_message(acting_user, message.pk)
    if not acting_user.has_perm(HIDE_PERM):
        raise DomainError("permission_denied", "You don't have permission to hide messages.")
    reason = _reason(reason, required=True)
    if message.hidden_at is not None:
        raise DomainError("invalid_state", f"Message #{message.pk} is already hidden.")
    message.hidden_at, message.hidden_by, message.hidden_reason = (
        timezone.now(),
        acting_user,
        reason,
    )
    message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(
        action="message.hidden",
        actor=acting_user,
        target=message,
        before={"hidden": False},
        after={"hidden": True, "reason": reason},
    )
    live.message_changed(message)
    return message


@refusals_audited("message.report_refused")
@transaction.atomic
def message_report(*, acting_user: User, message: Message, reason: str = "") -> Message:
    """The borrower flags a message they received; officers see it in the console's
    reported filter. Once per message."""
    message = _visible_message(acting_user, message.pk)
    if is_staff_side(acting_user):
        raise DomainError("permission_denied", "Staff hide messages; reporting is for borrowers.")
    if message.sender_id == acting_user.pk:
        raise DomainError("validation_error", "You can't report your own message.")
    if message.reported_at is not None:
        raise DomainError("invalid_state", f"Message #{message.pk} is already reported.")
    message.reported_at, message.reported_by = timezone.now(), acting_user
    message.report_reason = _reason(reason, required=False)
    message.save(update_fields=["reported_at", "reported_by", "report_reason"])
    audit_record(
        action="message.reported",
        actor=acting_user,
        target=message,
        before={"reported": False},
        after={"reported": True},
    )
    return message
