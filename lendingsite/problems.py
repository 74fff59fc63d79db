"""RFC 9457 problem details for every API error, including Django's own 404/500."""

import math

import structlog
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from lendingsite.errors import PROBLEM_CODES, DomainError

PROBLEM_TYPE_BASE = "https://lendingsite.example/problems/"
CONTENT_TYPE = "application/problem+json"
log = structlog.get_logger(__name__)


def problem_body(code: str, detail: str, *, errors: dict | None = None, status=None, **extra):
    default_status, title = PROBLEM_CODES[code]
    body = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status or default_status,
        "detail": detail,
        "code": code,
    }
    if errors:
        body["errors"] = errors
    body.update(extra)
    return body


def _drf_code(exc: drf.APIException) -> str:
    if isinstance(exc, drf.ValidationError):
        return "validation_error"
    if isinstance(exc, drf.ParseError):
        code = getattr(exc, "problem_code", None)
        return code if code in PROBLEM_CODES else "parse_error"
    if isinstance(exc, drf.NotAuthenticated | drf.AuthenticationFailed):
        return "not_authenticated"
    if isinstance(exc, drf.PermissionDenied):
        code = getattr(exc, "problem_code", None)
        return code if code in PROBLEM_CODES else "permission_denied"
    if isinstance(exc, drf.NotFound):
        return "not_found"
    if isinstance(exc, drf.MethodNotAllowed):
        return "method_not_allowed"
    if isinstance(exc, drf.NotAcceptable):
        return "not_acceptable"
    if isinstance(exc, drf.UnsupportedMediaType):
        return "unsupported_media_type"
    if isinstance(exc, drf.Throttled):
        return "throttled"
    return "server_error" if exc.status_code >= 500 else "validation_error"


def _field_errors(detail) -> dict:
    if isinstance(detail, dict):
        return {k: _field_errors_list(v) for k, v in detail.items()}
    return {"non_field_errors": _field_errors_list(detail)}


def _field_errors_list(value):
    if isinstance(value, list):
        return [str(v) if not isinstance(v, dict | list) else _field_errors(v) for v in value]
    if isinstance(value, dict):
        return _field_errors(value)
    return [str(value)]


def _summary(detail) -> str:
    if isinstance(detail, dict):
        parts = []
        for key, value in detail.items():
            first = value[0] if isinstance(value, list) and value else value
            parts.append(f"{key}: {first}" if key != "non_field_errors" else str(first))
        return "; ".join(parts) or "Invalid input."
    if isinstance(detail, list):
        return " ".join(str(d) for d in detail) or "Invalid input."
    return str(detail)


TOKEN_NOT_VALID = (
    "The bearer token is not valid{reason}. Sign in again, or get a new access token with "
    "your refresh token at /api/v1/auth/token/refresh/."
)


def _plain_detail(detail) -> str:
    """One sentence for an error that is not about fields. simplejwt's refusals are a dict
    (detail, code, messages of ErrorDetail objects) that would otherwise be printed raw."""
    if not (isinstance(detail, dict) and "detail" in detail):
        return _summary(detail)
    if detail.get("code") == "token_not_valid":
        reasons = [
            str(m["message"])
            for m in detail.get("messages") or []
            if isinstance(m, dict) and m.get("message")
        ]
        reason = f" ({reasons[0].lower()})" if reasons else ""
        return TOKEN_NOT_VALID.format(reason=reason)
    return str(detail["detail"])


def _answer_in_json(context) -> None:
    # Errors are problem+json whatever the client accepts; content negotiation would
    # otherwise render one for `Accept: text/html` as a browsable-API HTML page.
    request = context.get("request")
    if request is not None:
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = CONTENT_TYPE


def exception_handler(exc, context):
    """DRF EXCEPTION_HANDLER: every error the API raises becomes problem+json."""
    headers = {}
    if isinstance(exc, DomainError | drf.APIException | Http404 | DjangoPermissionDenied):
        _answer_in_json(context)
    if isinstance(exc, DomainError):
        body = problem_body(exc.code, exc.detail, errors=exc.errors, status=exc.status, **exc.extra)
        if getattr(exc, "retry_after", None):
            headers["Retry-After"] = str(exc.retry_after)
        set_rollback()
        return Response(body, status=exc.status, content_type=CONTENT_TYPE, headers=headers)
    if isinstance(exc, Http404):
        exc = drf.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = drf.PermissionDenied()
    if not isinstance(exc, drf.APIException):
        return None  # unexpected: Django's handler500 answers (problem+json under /api/)

    code = _drf_code(exc)
    errors = None
    if code == "validation_error":
        errors = _field_errors(exc.detail)
        detail = _summary(exc.detail)
    else:
        errors = getattr(exc, "problem_errors", None)
        detail = _plain_detail(exc.detail)
    if code == "not_authenticated":
        # Always 401 (API.md), and a 401 must carry a challenge: views whose authenticators
        # offer none (session only) get the API's bearer scheme.
        headers["WWW-Authenticate"] = getattr(exc, "auth_header", None) or 'Bearer realm="api"'
    if isinstance(exc, drf.Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(math.ceil(exc.wait))
    status = exc.status_code if code != "not_authenticated" else 401
    body = problem_body(code, detail, errors=errors, status=status)
    set_rollback()
    return Response(body, status=status, content_type=CONTENT_TYPE, headers=headers)


def problem_response(code: str, detail: str, *, status=None, **extra) -> JsonResponse:
    body = problem_body(code, detail, status=status, **extra)
    return JsonResponse(body, status=body["status"], content_type=CONTENT_TYPE)


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")
