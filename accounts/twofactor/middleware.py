"""Pages: a signed-in account that needs a second factor and has not given one this
session is sent to enrolment (no device yet) or to the code page; nothing else answers.
The API is guarded by its authentication classes instead (accounts.twofactor.drf), so it
answers problem+json rather than a redirect."""

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.twofactor.policy import OPTED_IN_SESSION_KEY, confirmed_totp, is_staff_user

_ALWAYS_OPEN = ("/accounts/2fa/", "/accounts/logout/", "/static/", "/api/")
_EXACT_OPEN = ("/favicon.ico", "/healthz", "/readyz", "/metrics")


def _open_path(path: str) -> bool:
    admin = "/" + settings.ADMIN_URL
    return (
        path.startswith(_ALWAYS_OPEN)
        or path in _EXACT_OPEN
        or path in (admin + "logout/", admin + "login/")
    )


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not _open_path(request.path)
            and (is_staff_user(user) or request.session.get(OPTED_IN_SESSION_KEY))
            and not user.is_verified()
        ):
            name = "twofactor:setup" if confirmed_totp(user) is None else "twofactor:verify"
            return redirect(f"{reverse(name)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
