"""Live delivery: after a change commits, tell the thread's channel-layer group (Django
Channels on Redis in production, in memory in the tests). The event carries only ids; each
open socket reads the message back through the selectors as its own viewer, so a hidden
text or a held message never leaves the server for someone who may not see it."""

import structlog
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = structlog.get_logger(__name__)


def thread_group(thread_id: int) -> str:
    return f"thread.{thread_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        # The message is saved and shows on the next load; only the live push is lost.
        log.warning("messaging.live_send_failed", group=group, kind=event["type"], exc_info=True)


def send_on_commit(group: str, event: dict) -> None:
    transaction.on_commit(lambda: _send(group, event))


def message_changed(message) -> None:
    send_on_commit(thread_group(message.thread_id), {"type": "thread.message", "id": message.pk})


def thread_read(thread_id: int, user_id: int) -> None:
    send_on_commit(thread_group(thread_id), {"type": "thread.read", "user": user_id})
