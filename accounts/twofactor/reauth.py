"""Re-authentication before approve, disburse, reverse, waive, write-off and role
changes: one decorator for admin actions/views and API actions. The check itself is
accounts.twofactor.policy.reauth_is_fresh."""

import functools
from urllib.parse import quote

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from accounts.twofactor.policy import is_staff_user, reauth_is_fresh, reauth_window_seconds
from lendingsite.errors import DomainError


def _request_of(args):
    for arg in args:
        if hasattr(arg, "META") and hasattr(arg, "method"):
            return arg
    raise TypeError("reauth_required: the wrapped callable takes no request")


def _is_api(request) -> bool:
    return request.path.startswith("/api/") or hasattr(request, "_request")


def reauth_refusal(request, back: str | None = None):
    minutes = reauth_window_seconds() // 60
    if _is_api(request):
        raise DomainError(
            "reauth_required",
            f"Confirm it is you: POST your password and a current code to /api/v1/auth/reauth/ "
            f"(valid {minutes} minutes), then repeat this request with the token it returns.",
        )
    messages.warning(
        request,
        f"Confirm it is you (password and authenticator code) before this action; "
        f"the confirmation lasts {minutes} minutes. Then repeat the action.",
    )
    back = back or request.get_full_path()
    return redirect(f"{reverse('twofactor:reauth')}?next={quote(back)}")


def reauth_required(fn=None, *, when=None, back=None):
    """`@reauth_required` or `@reauth_required(when=lambda request: ...)`. Without a
    recent re-authentication: API → 401 `reauth_required`; pages → the re-auth page, which
    then returns to this page, or to `back(*args, **kwargs)` (called with the view's own
    arguments) when given: a URL that answers only POST would refuse the browser's return.
    Only staff can do any of these actions; everyone else gets the view's own refusal."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            request = _request_of(args)
            if (
                is_staff_user(request.user)
                and (when is None or when(request))
                and not reauth_is_fresh(request)
            ):
                return reauth_refusal(request, back(*args, **kwargs) if back else None)
            return view(*args, **kwargs)

        return wrapper

    return decorator(fn) if fn is not None else decorator
