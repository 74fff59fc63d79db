"""The ASGI entry point: HTTP through Django, websockets (live messages) through Channels.

Served in production by uvicorn workers under gunicorn (Procfile `web`), one process model
for both protocols; docs/operations.md "Live messages". The websocket routes are messaging's;
naming them here is wiring, like INSTALLED_APPS and the root URLconf (the layers contract
lists this one import as an exception)."""

import os

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")
# Django first: the routes below import models. (get_asgi_application, with tracing
# installed before the handler builds its middleware chain; off unless configured.)
django.setup(set_prefix=False)

from lendingsite.tracing import tracing_setup  # noqa: E402

tracing_setup()
django_application = ASGIHandler()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from messaging.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        # Same-origin pages only (Origin checked against ALLOWED_HOSTS): another site can't
        # open a socket with the borrower's cookie.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
