"""One message as its viewer may see it: the thread page, the API's live twin and the
websocket all show the same thing (a hidden text is withheld from the borrower, the reason
is for staff; the hold shows to staff; a read receipt per message)."""

from django.urls import reverse

from messaging.models import Message
from messaging.selectors import EPOCH, is_staff_side


def sender_label(message: Message, viewer) -> str:
    if message.sender_id == viewer.pk:
        return "You"
    if message.from_staff:
        return message.sender.full_name or "Lender staff"
    return message.sender.full_name or "Borrower"


def message_view(message: Message, viewer, marks: dict) -> dict:
    staff_viewer = is_staff_side(viewer)
    hidden = message.hidden_at is not None
    show_text = not hidden or staff_viewer
    other_side = "borrower" if message.from_staff else "staff"
    delivered = message.delivered_at
    return {
        "id": message.pk,
        "thread": message.thread_id,
        "mine": message.sender_id == viewer.pk,
        "from_staff": message.from_staff,
        "sender": sender_label(message, viewer),
        "body": message.body if show_text else "",
        "attachment_url": (
            reverse("messages:attachment", args=[message.thread_id, message.pk])
            if message.attachment and show_text
            else ""
        ),
        "attachment_type": message.attachment_type if show_text else "",
        "created_at": message.created_at,
        "delivered_at": delivered,
        "held_until": message.held_until if delivered is None else None,
        "hidden": hidden,
        "hidden_reason": message.hidden_reason if hidden and staff_viewer else "",
        "reported": message.reported_at is not None,
        "erased": message.erased_at is not None,
        "read": bool(delivered) and marks.get(other_side, EPOCH) >= delivered,
    }
