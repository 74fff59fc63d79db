"""Staff role changes on an account's page (issue 14), maker-checker: the roles panel shows
the account's roles, the proposal awaiting a decision and the last decided ones; a manager
proposes a new set with a reason, another approves or rejects it on a confirmation page.
Each POST calls one service (accounts.services.roles) after a fresh re-authentication; a
refusal comes back as a message in the service's words."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.models import RoleChange
from accounts.roles import ALL_ROLES, STAFF_ROLES
from accounts.selectors import role_changes_waiting_for
from accounts.services.roles import (
    DECIDE_PERMISSION,
    PROPOSE_PERMISSION,
    role_change_approve,
    role_change_propose,
    role_change_reject,
)
from accounts.twofactor.reauth import reauth_required
from lendingsite.errors import DomainError

# In the order of the roles table, as people read them.
STAFF_ROLE_CHOICES = [(r, r.replace("_", " ")) for r in ALL_ROLES if r in STAFF_ROLES]
RECENT_DECIDED = 5


def role_label(names) -> str:
    return ", ".join(n.replace("_", " ") for n in names) or "no role"


class RoleChangeMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/roles/propose/",
                wrap(self.role_propose_view),
                name="accounts_user_role_propose",
            ),
            path(
                "role-changes/<int:change>/<slug:verb>/",
                wrap(self.role_decide_view),
                name="accounts_user_role_decide",
            ),
            *super().get_urls(),
        ]

    def role_panel(self, request, user) -> dict:
        changes = list(
            RoleChange.objects.filter(user=user)
            .select_related("proposed_by", "decided_by")
            .order_by("-proposed_at", "-id")[: RECENT_DECIDED + 1]
        )
        open_change = next((c for c in changes if c.status == "proposed"), None)
        current = set(user.groups.values_list("name", flat=True))
        others = request.user.pk != user.pk and (request.user.is_superuser or not user.is_superuser)
        return {
            "role_open": open_change,
            "role_open_labels": role_label(open_change.roles) if open_change else "",
            "role_history": [c for c in changes if c is not open_change][:RECENT_DECIDED],
            "role_choices": [(v, label, v in current) for v, label in STAFF_ROLE_CHOICES],
            "may_propose_roles": others
            and open_change is None
            and "borrower" not in current
            and request.user.has_perm(PROPOSE_PERMISSION),
            "may_decide_roles": others
            and open_change is not None
            and open_change.proposed_by_id != request.user.pk
            and request.user.has_perm(DECIDE_PERMISSION),
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        user = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if user is not None:
            extra.update(self.role_panel(request, user))
        return super().change_view(request, object_id, form_url, extra)

    def _back(self, user_pk: int) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:accounts_user_change", args=[user_pk]))

    @reauth_required(
        when=lambda request: request.method == "POST",
        back=lambda self, request, pk: reverse("admin:accounts_user_change", args=[pk]),
    )
    def role_propose_view(self, request, pk):
        user = self.get_object(request, str(pk))
        if user is None or request.method != "POST":
            raise PermissionDenied
        try:
            role_change_propose(
                acting_user=request.user,
                user=user,
                roles=request.POST.getlist("roles"),
                reason=request.POST.get("reason", ""),
            )
        except DomainError as exc:
            self.message_user(request, exc.detail, messages.ERROR)
        else:
            self.message_user(
                request,
                f"Proposed: {user} to have {role_label(request.POST.getlist('roles'))}. "
                "Another manager must approve it before it applies.",
                messages.SUCCESS,
            )
        return self._back(user.pk)

    @reauth_required(when=lambda request: request.method == "POST")
    def role_decide_view(self, request, change, verb):
        """GET: the confirmation page (what changes, who proposed it and why); POST: the
        decision."""
        if verb not in ("approve", "reject") or not request.user.has_perm(DECIDE_PERMISSION):
            raise PermissionDenied
        change = get_object_or_404(
            RoleChange.objects.select_related("user", "proposed_by"), pk=change
        )
        if request.method == "POST":
            act = role_change_approve if verb == "approve" else role_change_reject
            try:
                act(acting_user=request.user, change=change, note=request.POST.get("note", ""))
            except DomainError as exc:
                self.message_user(request, exc.detail, messages.ERROR)
            else:
                done = "now has" if verb == "approve" else "keeps the roles it had, not"
                labels = role_label(change.roles)
                self.message_user(
                    request,
                    f"{verb.capitalize()}d: {change.user} {done} {labels}.",
                    messages.SUCCESS,
                )
            return self._back(change.user_id)
        before = set(change.roles_before)
        after = set(change.roles)
        return TemplateResponse(
            request,
            "admin/accounts/user/role_decide.html",
            {
                **admin.site.each_context(request),
                "title": f"{verb.capitalize()} the change of {change.user}'s roles?",
                "change": change,
                "verb": verb,
                "opts": self.model._meta,
                "added": role_label(sorted(after - before)) if after - before else "",
                "removed": role_label(sorted(before - after)) if before - after else "",
                "before_labels": role_label(change.roles_before),
                "after_labels": role_label(change.roles),
                "own": change.proposed_by_id == request.user.pk,
            },
        )


class WaitingForFilter(admin.SimpleListFilter):
    """ "Waiting for me": proposals the viewer may decide (the managers' homes link here)."""

    title = "waiting for"
    parameter_name = "waiting_for"

    def lookups(self, request, model_admin):
        return [("me", "me (not my own)")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(pk__in=role_changes_waiting_for(request.user).values("pk"))
        return queryset


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    """The record of proposed role changes, read only; each row links to the account's
    page, where the decisions are made."""

    list_display = ["id", "account", "roles", "status", "proposed_by", "proposed_at", "decided_by"]
    list_display_links = None
    list_filter = [WaitingForFilter, "status"]
    list_select_related = ["user", "proposed_by", "decided_by"]
    search_fields = ["user__email"]
    readonly_fields = [f.name for f in RoleChange._meta.fields]

    @admin.display(description="account", ordering="user__email")
    def account(self, obj):
        url = reverse("admin:accounts_user_change", args=[obj.user_id])
        return format_html('<a href="{}">{}</a>', url, obj.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
