"""The favicon and the error handlers: problem+json under /api/, HTML elsewhere (the
landing page is portal.views.home)."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views import defaults

from lendingsite.problems import is_api_request, problem_response


def favicon(request):
    # Resolved per request: the manifest storage only knows the hashed name after
    # collectstatic, and urls.py is imported before that in every production check.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def bad_request(request, exception=None):
    if is_api_request(request):
        if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
            return problem_response("invalid_body", "The request body is too large.")
        return problem_response("validation_error", "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if is_api_request(request):
        return problem_response("permission_denied", "You do not have permission to do this.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if is_api_request(request):
        return problem_response("not_found", f"Nothing at {request.path}.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if is_api_request(request):
        return problem_response(
            "server_error",
            "Something went wrong on our side. Quote the request id when you report it.",
            request_id=getattr(request, "request_id", ""),
        )
    return defaults.server_error(request)
