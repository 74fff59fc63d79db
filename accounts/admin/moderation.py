"""The moderation buttons on an account's page (issue 14): deactivate (with a reason),
reactivate, end every session, force a password reset, unlock a sign-in lockout. Each posts
to one URL that calls one service (accounts.services.moderation, users.login_unlock) after
a fresh re-authentication; a refusal comes back as a message in the service's words."""

from axes.models import AccessAttempt
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from accounts.services.moderation import (
    MODERATE_PERMISSION,
    user_deactivate,
    user_password_reset_force,
    user_reactivate,
    user_sessions_end,
)
from accounts.services.users import UNLOCK_PERMISSION, login_unlock
from accounts.twofactor.reauth import reauth_required
from lendingsite.errors import DomainError

ACTIONS = {
    "deactivate": (
        lambda request, user: user_deactivate(
            acting_user=request.user, user=user, reason=request.POST.get("reason", "")
        ),
        "Deactivated {user}; every session ended.",
    ),
    "reactivate": (
        lambda request, user: user_reactivate(acting_user=request.user, user=user),
        "Reactivated {user}.",
    ),
    "end-sessions": (
        lambda request, user: user_sessions_end(acting_user=request.user, user=user),
        "Ended every session of {user}.",
    ),
    "force-reset": (
        lambda request, user: user_password_reset_force(acting_user=request.user, user=user),
        "The password of {user} no longer works; a reset link is on its way to them.",
    ),
    "unlock": (
        lambda request, user: login_unlock(acting_user=request.user, username=user.email),
        "Sign-in unlocked for {user}.",
    ),
}


class ModerationMixin:
    def get_urls(self):
        view = self.admin_site.admin_view(self.moderate_view)
        return [
            path("<int:pk>/moderate/<slug:what>/", view, name="accounts_user_moderate"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if user is not None:
            extra.update(
                may_moderate=request.user.has_perm(MODERATE_PERMISSION)
                and user.pk != request.user.pk,
                may_unlock=request.user.has_perm(UNLOCK_PERMISSION)
                and AccessAttempt.objects.filter(username__iexact=user.email).exists(),
            )
        return super().change_view(request, object_id, form_url, extra)

    @reauth_required(
        back=lambda self, request, pk, what: reverse("admin:accounts_user_change", args=[pk])
    )
    def moderate_view(self, request, pk, what):
        user = self.get_object(request, str(pk))
        if user is None or request.method != "POST" or what not in ACTIONS:
            raise PermissionDenied
        act, done = ACTIONS[what]
        try:
            act(request, user)
        except DomainError as exc:
            self.message_user(request, exc.detail, messages.ERROR)
        else:
            self.message_user(request, done.format(user=user), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[user.pk]))
