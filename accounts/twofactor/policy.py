"""Who needs a second factor, and whether a request carries one. Read-only; no writes."""

import time

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

# Claims the token endpoint puts in a staff member's JWT after checking the code; the
# access token inherits them from the refresh token (simplejwt copies claims).
MFA_CLAIM = "mfa"
REAUTH_CLAIM = "reauth_at"
REAUTH_SESSION_KEY = "reauth_at"
# Set at login for a borrower who opted in, so borrower pages don't look up devices on
# every request (staff are known from the user row itself).
OPTED_IN_SESSION_KEY = "2fa_opted_in"


def is_staff_user(user) -> bool:
    """Staff for the second-factor rule. `is_staff` follows the roles (accounts.services.
    users.user_set_roles keeps it equal to "holds a staff role"), so no group query."""
    return bool(getattr(user, "is_staff", False) or getattr(user, "is_superuser", False))


def has_confirmed_device(user) -> bool:
    return bool(getattr(user, "pk", None)) and user_has_device(user, confirmed=True)


def second_factor_required(user) -> bool:
    """Every staff account; a borrower only once they have enrolled (opt-in)."""
    return is_staff_user(user) or has_confirmed_device(user)


def confirmed_totp(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def reauth_window_seconds() -> int:
    return int(settings.REAUTH_MAX_AGE_MINUTES) * 60


def reauth_is_fresh(request) -> bool:
    """Password and code were re-entered within REAUTH_MAX_AGE_MINUTES: in this browser
    session (session key) or in the bearer token (claim set by /api/v1/auth/reauth/)."""
    now = time.time()
    window = reauth_window_seconds()
    token = getattr(request, "auth", None)
    claim = token.get(REAUTH_CLAIM) if hasattr(token, "get") else None
    if claim is not None:
        return now - float(claim) <= window
    session = getattr(request, "session", None)
    stamp = session.get(REAUTH_SESSION_KEY) if session is not None else None
    return stamp is not None and now - float(stamp) <= window
