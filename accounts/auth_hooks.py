"""django-axes hooks: one username for every login path, and a lockout answer that fits
where it happened (problem+json for the API, a page for browsers)."""

from django.conf import settings
from django.shortcuts import render

from lendingsite.problems import is_api_request, problem_response


def axes_username(request, credentials):
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username")
    if value is None and request is not None:
        data = getattr(request, "data", None) or request.POST
        value = data.get("email") or data.get("username")
    return (value or "").strip().lower()


def _minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def axes_lockout_response(request, original_response=None, credentials=None, *args, **kwargs):
    detail = (
        f"Too many failed sign-in attempts. This account is locked from your address for "
        f"{_minutes()} minutes. Try again later or reset your password."
    )
    if is_api_request(request):
        response = problem_response("account_locked", detail)
        response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
        return response
    return render(request, "accounts/locked_out.html", {"minutes": _minutes()}, status=429)
