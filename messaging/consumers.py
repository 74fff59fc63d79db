"""The thread page's websocket: ws(s)://<site>/ws/threads/<id>/.

The browser's session cookie signs it in (channels' AuthMiddlewareStack, the same session
as the pages); staff, and borrowers who opted in, must have given their second factor in
that session, as the pages require. Someone who may not see the thread is refused at
connect (close code 4404). Events from messaging.live carry ids; each socket reads the
message back as its own viewer."""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.serializers.json import DjangoJSONEncoder
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device

from accounts.twofactor.policy import OPTED_IN_SESSION_KEY, is_staff_user
from lendingsite.errors import DomainError
from messaging import live
from messaging.presenters import message_view
from messaging.selectors import read_marks, threads_for, visible_messages
from messaging.services.threads import thread_read_mark

NOT_FOUND = 4404
NOT_SIGNED_IN = 4401


def _second_factor_given(user, session) -> bool:
    if not (is_staff_user(user) or (session and session.get(OPTED_IN_SESSION_KEY))):
        return True
    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session else None
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    return device is not None and device.user_id == user.pk


def socket_thread(user, session, thread_id: int):
    """The thread this socket may follow, or None."""
    if not getattr(user, "is_authenticated", False) or not _second_factor_given(user, session):
        return None
    return threads_for(user).filter(pk=thread_id).first()


def message_payload(user, thread, message_id: int) -> dict | None:
    message = visible_messages(user, thread).filter(pk=message_id).first()
    if message is None:
        return None
    return {"type": "message", "message": message_view(message, user, read_marks(thread))}


def read_payload(user, thread) -> dict:
    marks = read_marks(thread)
    return {"type": "read", "borrower": marks["borrower"], "staff": marks["staff"]}


class ThreadConsumer(AsyncJsonWebsocketConsumer):
    @classmethod
    async def encode_json(cls, content):
        # Dates as ISO strings, like the API (DjangoJSONEncoder).
        return json.dumps(content, cls=DjangoJSONEncoder)

    async def connect(self):
        self.user = self.scope.get("user")
        thread_id = self.scope["url_route"]["kwargs"]["thread_id"]
        self.thread = await database_sync_to_async(socket_thread)(
            self.user, self.scope.get("session"), thread_id
        )
        if self.thread is None:
            await self.close(
                code=NOT_SIGNED_IN
                if not getattr(self.user, "is_authenticated", False)
                else NOT_FOUND
            )
            return
        self.group = live.thread_group(self.thread.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if getattr(self, "group", None):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The page tells us it showed the new messages: that is a read (receipt + unread).
        if isinstance(content, dict) and content.get("type") == "read":
            try:
                await database_sync_to_async(thread_read_mark)(
                    acting_user=self.user, thread=self.thread
                )
            except DomainError:
                await self.close(code=NOT_FOUND)

    async def thread_message(self, event):
        payload = await database_sync_to_async(message_payload)(self.user, self.thread, event["id"])
        if payload is not None:
            await self.send_json(payload)

    async def thread_read(self, event):
        await self.send_json(await database_sync_to_async(read_payload)(self.user, self.thread))
