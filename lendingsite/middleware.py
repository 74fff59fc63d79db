import re
import uuid

from django.conf import settings
from ipware import get_client_ip

from lendingsite import context

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,128}$")


def client_ip(request) -> str | None:
    ip, _routable = get_client_ip(request, proxy_count=settings.AXES_IPWARE_PROXY_COUNT)
    return ip


class RequestContextMiddleware:
    """Gives every request an id (an incoming X-Request-ID is honoured when it is safe to
    log), echoes it back, and publishes ip / user agent / request for the audit helper."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        # django-structlog reads the same header, so logs and audit rows carry one id.
        request.META["HTTP_X_REQUEST_ID"] = request_id
        request.request_id = request_id
        token = context.set_current(
            context.RequestContext(
                request_id=request_id,
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", "")[:512],
                path=request.path[:255],
                request=request,
            )
        )
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response
