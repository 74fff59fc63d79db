import ipaddress
import re
import uuid

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from lendingsite import context
from lendingsite.parsers import querydict_faults
from lendingsite.routes import route_accepts
from lendingsite.tracing import request_id_on_span

_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{1,128}")


def client_ip(request) -> str | None:
    """The caller's address for audit rows, lockouts (AXES_CLIENT_IP_CALLABLE) and the ops
    allow-list. With no proxy in front (PROXY_COUNT=0) only the socket peer is believed:
    X-Forwarded-For is then whatever the caller typed. Behind N trusted proxies, each of which
    appends the address it saw, the client is the N-th entry from the right."""
    meta = getattr(request, "META", {})
    remote = meta.get("REMOTE_ADDR") or None
    hops = settings.PROXY_COUNT
    if not hops:
        return remote
    chain = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(chain[-hops]))
    except ValueError:
        return remote


class RequestContextMiddleware:
    """Gives every request an id (an incoming X-Request-ID is honoured when it is safe to
    log), echoes it back, and publishes ip / user agent / request for the audit helper."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Read META, not request.headers: headers is cached on first use, and every later
        # reader (django-structlog, the audit helper) must see the id chosen here.
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # django-structlog reads the same header, so logs and audit rows carry one id.
        request.META["HTTP_X_REQUEST_ID"] = request_id
        request.__dict__.pop("headers", None)
        request.request_id = request_id
        request_id_on_span(request_id)
        token = context.set_current(
            context.RequestContext(
                request_id=request_id,
                ip=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:512],
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


class StrictInputMiddleware:
    """Query strings everywhere, and form posts to the pages, under the same NUL rule (the
    API's bodies go through the parsers above). Pages get Django's 400 page; the API gets
    problem+json naming the parameter."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from lendingsite.problems import is_api_request, problem_response

        api = is_api_request(request)
        faults = querydict_faults(request.GET)
        if not faults and not api and request.method == "POST":
            faults = querydict_faults(request.POST)
        if not faults and api:
            blanks = {name for name, values in request.GET.lists() if "" in values}
            if blanks == {"script"} and request.path.endswith("/docs/"):
                blanks = set()  # Swagger UI's page fetches its own init code as ?script=
            # The route is resolved only when there is something to refuse: resolving is a
            # walk of the URLconf, and the handler does it again for every request.
            if blanks and route_accepts(request):
                # A blank parameter is not "no filter": the schema types every one, and a
                # caller who sent `?as_of=` meant something the API would have to guess.
                message = "Give a value, or leave the parameter out."
                return problem_response(
                    "validation_error",
                    f"These parameters are blank: {', '.join(sorted(blanks))}. {message}",
                    errors={name: [message] for name in sorted(blanks)},
                )
        if not faults:
            return self.get_response(request)
        if api:
            names = ", ".join(sorted(faults))
            detail = f"These parameters contain characters that are not allowed: {names}."
            return problem_response("invalid_body", detail, errors=faults)
        # Django answers with its 400 page (handler400).
        raise SuspiciousOperation("A NUL character or lone surrogate in the request parameters")


class PrivateAnswersMiddleware:
    """Whatever is answered to a signed-in caller (a session, or a token DRF accepted) is
    personal: `Cache-Control: no-store, private`, so no browser, proxy or CDN keeps a copy
    of someone's loans, statements or profile. Static files never get here (WhiteNoise
    answers them earlier in the chain)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class PageMethodMiddleware:
    """A page address opened with a method it does not take (a bookmarked or reloaded
    button's URL, such as /loans/5/exit/) gets a page that says so and links home,
    instead of Django's blank 405. The API answers problem+json on its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # lendingsite.problems.is_api_request's rule; importing it here would be circular
        # (problems -> DRF settings -> throttling -> this module).
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
