"""Live delivery through the channel layer (channels' WebsocketCommunicator): the in-memory
layer here, plus one run on the real Redis layer (channels-redis) when Redis answers."""

import socket

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from accounts.tests.factories import borrower
from messaging.consumers import NOT_FOUND, NOT_SIGNED_IN
from messaging.routing import websocket_urlpatterns
from messaging.services.moderation import message_hide
from messaging.services.threads import thread_read_mark
from messaging.tests.factories import case_with_collector, loan_thread, officer, say

pytestmark = pytest.mark.django_db(transaction=True)

application = URLRouter(websocket_urlpatterns)


def socket_for(user, thread, session=None):
    communicator = WebsocketCommunicator(application, f"/ws/threads/{thread.pk}/")
    communicator.scope["user"] = user
    communicator.scope["session"] = session or {}
    return communicator


def run(coroutine_fn):
    return async_to_sync(coroutine_fn)()


@pytest.fixture
def memory_layer(settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends = {}
    yield
    channel_layers.backends = {}


def _staff_session(user):
    """A session that gave the second factor (as the pages' sign-in leaves it)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return {DEVICE_ID_SESSION_KEY: device.persistent_id}


def test_borrower_receives_the_officers_message_live(memory_layer):
    thread = loan_thread()
    owner = thread.borrower
    staff_member = officer()

    async def scenario():
        socket = socket_for(owner, thread)
        connected, _ = await socket.connect()
        assert connected
        message = await database_sync_to_async(say)(thread, staff_member, "Your EMI date moved")
        event = await socket.receive_json_from(timeout=5)
        assert event["type"] == "message"
        assert event["message"]["id"] == message.pk
        assert event["message"]["body"] == "Your EMI date moved"
        assert event["message"]["mine"] is False
        # The page says it showed it: a read receipt for the officer.
        await socket.send_json_to({"type": "read"})
        receipt = await socket.receive_json_from(timeout=5)
        assert receipt["type"] == "read" and receipt["borrower"] >= event["message"]["delivered_at"]
        await socket.disconnect()

    run(scenario)


def test_hidden_text_never_reaches_the_borrower_socket(memory_layer):
    thread = loan_thread()
    owner = thread.borrower
    moderator = officer()

    async def scenario():
        message = await database_sync_to_async(say)(thread, owner, "abuse")
        borrower_socket = socket_for(owner, thread)
        staff_socket = socket_for(
            moderator, thread, await database_sync_to_async(_staff_session)(moderator)
        )
        assert (await borrower_socket.connect())[0]
        assert (await staff_socket.connect())[0]
        await database_sync_to_async(message_hide)(
            acting_user=moderator, message=message, reason="abusive"
        )
        seen = await borrower_socket.receive_json_from(timeout=5)
        assert seen["message"]["hidden"] is True
        assert seen["message"]["body"] == "" and seen["message"]["hidden_reason"] == ""
        staff_seen = await staff_socket.receive_json_from(timeout=5)
        assert staff_seen["message"]["body"] == "abuse"
        assert staff_seen["message"]["hidden_reason"] == "abusive"
        await borrower_socket.disconnect()
        await staff_socket.disconnect()

    run(scenario)


def test_held_message_reaches_the_collector_socket_not_the_borrowers(memory_layer):
    from datetime import datetime, timedelta

    from lendingsite.dates import today_ist
    from messaging.tests.factories import ist

    case, agent = case_with_collector()
    thread = loan_thread(case.loan)
    owner = thread.borrower

    async def scenario():
        borrower_socket = socket_for(owner, thread)
        agent_socket = socket_for(
            agent, thread, await database_sync_to_async(_staff_session)(agent)
        )
        assert (await borrower_socket.connect())[0]
        assert (await agent_socket.connect())[0]
        night = ist(today_ist(), 20)
        await database_sync_to_async(say)(thread, agent, "Call us", now=night)
        held = await agent_socket.receive_json_from(timeout=5)
        held_until = datetime.fromisoformat(held["message"]["held_until"].replace("Z", "+00:00"))
        assert held_until == ist(today_ist() + timedelta(days=1), 8)
        assert await borrower_socket.receive_nothing(timeout=0.3)
        await borrower_socket.disconnect()
        await agent_socket.disconnect()

    run(scenario)


def test_someone_elses_thread_is_refused_at_connect(memory_layer):
    thread = loan_thread()
    _other_case, other_agent = case_with_collector()

    async def scenario():
        stranger = await database_sync_to_async(borrower)()
        connected, code = await socket_for(stranger, thread).connect()
        assert (connected, code) == (False, NOT_FOUND)
        session = await database_sync_to_async(_staff_session)(other_agent)
        connected, code = await socket_for(other_agent, thread, session).connect()
        assert (connected, code) == (False, NOT_FOUND)

    run(scenario)


def test_staff_without_second_factor_and_anonymous_are_refused(memory_layer):
    from django.contrib.auth.models import AnonymousUser

    thread = loan_thread()
    staff_member = officer()

    async def scenario():
        connected, code = await socket_for(staff_member, thread, {}).connect()
        assert (connected, code) == (False, NOT_FOUND)
        connected, code = await socket_for(AnonymousUser(), thread).connect()
        assert (connected, code) == (False, NOT_SIGNED_IN)

    run(scenario)


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="needs Redis at 127.0.0.1:6379")
def test_live_delivery_through_the_redis_channel_layer(settings):
    """The production layer: channels-redis between the posting process and the socket."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:6379/7"], "prefix": "lendingsite-test"},
        }
    }
    channel_layers.backends = {}
    thread = loan_thread()
    owner = thread.borrower
    staff_member = officer()

    async def scenario():
        socket = socket_for(owner, thread)
        assert (await socket.connect())[0]
        message = await database_sync_to_async(say)(thread, staff_member, "via redis")
        event = await socket.receive_json_from(timeout=5)
        assert event["message"]["id"] == message.pk
        await database_sync_to_async(thread_read_mark)(acting_user=owner, thread=thread)
        assert (await socket.receive_json_from(timeout=5))["type"] == "read"
        await socket.disconnect()

    try:
        run(scenario)
    finally:
        channel_layers.backends = {}


def test_the_asgi_application_signs_the_socket_in_with_the_page_session(memory_layer, client):
    """lendingsite.asgi end to end: the browser's session cookie signs the socket in
    (AuthMiddlewareStack), and a socket opened from another site's page is refused
    (AllowedHostsOriginValidator)."""
    from lendingsite.asgi import application as asgi_application

    thread = loan_thread()
    owner = thread.borrower
    client.force_login(owner)
    cookie = f"sessionid={client.cookies['sessionid'].value}".encode()
    staff_member = officer()

    async def scenario():
        socket = WebsocketCommunicator(
            asgi_application,
            f"/ws/threads/{thread.pk}/",
            headers=[
                (b"cookie", cookie),
                (b"origin", b"http://testserver"),
                (b"host", b"testserver"),
            ],
        )
        assert (await socket.connect())[0]
        await database_sync_to_async(say)(thread, staff_member, "over the real stack")
        assert (await socket.receive_json_from(timeout=5))["message"][
            "body"
        ] == "over the real stack"
        await socket.disconnect()
        foreign = WebsocketCommunicator(
            asgi_application,
            f"/ws/threads/{thread.pk}/",
            headers=[
                (b"cookie", cookie),
                (b"origin", b"https://evil.example"),
                (b"host", b"testserver"),
            ],
        )
        connected, _ = await foreign.connect()
        assert not connected

    run(scenario)
