"""Every 4xx/5xx answer of the API is RFC 9457 problem+json with a stable ``code``
(docs/api.md). The SDK raises it as an exception of the answer's status family, carrying the
code, so a caller can write ``except Conflict as e: if e.code == "duplicate_utr": ...``."""

from __future__ import annotations

import json
from typing import Any

import httpx


class LendingsiteError(Exception):
    """Base of everything the SDK raises on purpose."""


class ApiConnectionError(LendingsiteError):
    """No answer from the server (connection refused, reset, timed out), after the retries."""


class ApiError(LendingsiteError):
    """A problem+json answer. ``code`` is the API's stable code (``duplicate_utr``,
    ``maker_checker``, …); ``errors`` the per-field messages of a ``validation_error``."""

    status: int
    code: str
    title: str
    detail: str
    errors: dict[str, Any]
    problem: dict[str, Any]

    def __init__(self, *, status: int, problem: dict[str, Any], response: httpx.Response | None):
        self.status = status
        self.problem = problem
        self.code = str(problem.get("code") or f"http_{status}")
        self.title = str(problem.get("title") or "")
        self.detail = str(problem.get("detail") or "")
        errors = problem.get("errors")
        self.errors = errors if isinstance(errors, dict) else {}
        self.response = response
        super().__init__(f"{status} {self.code}: {self.detail or self.title}")


class BadRequest(ApiError):
    """400: ``validation_error`` (see ``errors``), ``parse_error``, ``invalid_body``."""


class AuthenticationError(ApiError):
    """401: ``not_authenticated``, ``mfa_required``, ``otp_invalid``, ``reauth_required``."""


class PermissionDenied(ApiError):
    """403: ``permission_denied``, ``protected_field``, ``maker_checker``, …"""


class NotFound(ApiError):
    """404: absent, or someone else's object."""


class Conflict(ApiError):
    """409: ``invalid_state``, ``duplicate_utr``, ``loan_not_active``, ``idempotency_key_in_use``, …"""


class Unprocessable(ApiError):
    """422: ``idempotency_key_reused``, ``backdated``, ``future_dated``, ``amount_out_of_range``, …"""


class RateLimited(ApiError):
    """429: ``throttled``, ``account_locked``, ``upload_limit``; ``retry_after`` in seconds."""

    @property
    def retry_after(self) -> float | None:
        return retry_after_seconds(self.response) if self.response is not None else None


class ServerError(ApiError):
    """5xx, after the retries."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: AuthenticationError,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    422: Unprocessable,
    429: RateLimited,
}


def problem_of(response: httpx.Response) -> dict[str, Any]:
    """The problem+json body, or a stand-in for an answer that is not one (a proxy's page)."""
    try:
        body = json.loads(response.content or b"null")
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {"status": response.status_code, "detail": response.text[:500]}


def error_for(response: httpx.Response) -> ApiError:
    status = response.status_code
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    return cls(status=status, problem=problem_of(response), response=response)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Retry-After in seconds (the API sends whole seconds; an HTTP date is not used)."""
    raw = response.headers.get("Retry-After")
    if raw is None:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None
