"""Websocket routes of messaging (included by lendingsite.asgi)."""

from django.urls import path

from messaging.consumers import ThreadConsumer

websocket_urlpatterns = [
    path("ws/threads/<int:thread_id>/", ThreadConsumer.as_asgi()),
]
