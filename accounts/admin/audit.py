"""The audit trail (read-only, with chain verification) and the audited unlock added to
django-axes' access attempts."""

import json

from axes.admin import AccessAttemptAdmin as AxesAccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html, format_html_join

from accounts.models import AuditEvent
from accounts.seals import age_words, audit_verify
from accounts.services.users import UNLOCK_PERMISSION, login_unlock
from lendingsite.admin import display_value
from lendingsite.audit_actions import current_name
from lendingsite.errors import DomainError

# --- Audit trail --------------------------------------------------------------------


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only for everyone, superusers included: the rows are append-only evidence."""

    change_list_template = "admin/accounts/auditevent/change_list.html"
    list_display = [
        "created_at",
        "actor",
        "action_name",
        "outcome",
        "target",
        "ip",
        "chain_position",
    ]
    list_select_related = ["seal"]
    list_filter = ["action", "outcome", "created_at"]
    search_fields = ["target_id__exact", "actor_repr"]
    search_help_text = "Exact target id, or the actor's email."
    ordering = ["-id"]
    show_full_result_count = False
    fields = [
        "created_at",
        "actor",
        "action_name",
        "outcome",
        "target",
        "before_json",
        "after_json",
        "ip",
        "user_agent",
        "request_id",
        "chain_position",
    ]
    readonly_fields = fields

    @admin.display(description="actor", ordering="actor_repr")
    def actor(self, obj):
        return obj.actor_repr or "system"

    @admin.display(description="action", ordering="action")
    def action_name(self, obj):
        """Under its current name (lendingsite.audit_actions); an event sealed before the
        naming rule keeps its stored name, shown beside it."""
        name = current_name(obj.action, obj.outcome)
        return name if name == obj.action else f"{name} (stored as {obj.action})"

    @admin.display(description="target")
    def target(self, obj):
        return f"{obj.target_type} #{obj.target_id}" if obj.target_id else obj.target_type or "—"

    @admin.display(description="chain position")
    def chain_position(self, obj):
        seal = getattr(obj, "seal", None)
        return seal.seq if seal is not None else "not yet sealed"

    @admin.display(description="before")
    def before_json(self, obj):
        return summary_with_raw(obj.before)

    @admin.display(description="after")
    def after_json(self, obj):
        return summary_with_raw(obj.after)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view(self.verify_chain_view)
        return [path("verify/", view, name="accounts_auditevent_verify"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_verify_chain": request.user.has_perm("accounts.verify_auditevent"),
        }
        return super().changelist_view(request, extra_context)

    def verify_chain_view(self, request):
        if not request.user.has_perm("accounts.verify_auditevent"):
            raise PermissionDenied
        result = audit_verify()
        context = {
            **self.admin_site.each_context(request),
            "title": "Audit chain verification",
            "opts": self.model._meta,
            "result": result,
            "unsealed_age": age_words(result.unsealed_age()) if result.unsealed else "",
        }
        return TemplateResponse(request, "admin/accounts/auditevent/verify.html", context)


# --- Sign-in lockouts (django-axes registers the model; this adds an audited unlock) ---


class AccessAttemptAdmin(AxesAccessAttemptAdmin):
    # Deleting attempt rows is an unlock that leaves no trace; only the audited action.
    actions = ["unlock_selected"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_unlock_permission(self, request):
        return request.user.has_perm(UNLOCK_PERMISSION)

    @admin.action(description="Unlock selected sign-ins", permissions=["unlock"])
    def unlock_selected(self, request, queryset):
        usernames = sorted({u for u in queryset.values_list("username", flat=True) if u})
        for username in usernames:
            try:
                login_unlock(acting_user=request.user, username=username)
            except DomainError as exc:
                self.message_user(request, exc.detail, messages.ERROR)
            else:
                self.message_user(request, f"Unlocked {username}.", messages.SUCCESS)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AccessAttemptAdmin)


def summary_with_raw(data):
    """A flat record as a table the officer reads (money ₹12,34,567.89, dates 03 Dec 2026),
    then the stored JSON itself, unchanged, for the record."""
    raw = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    if not isinstance(data, dict) or not data:
        return format_html("<pre>{}</pre>", raw)
    rows = format_html_join(
        "",
        "<tr><th>{}</th><td>{}</td></tr>",
        (
            (k.replace("_", " "), display_value(k, v) if not isinstance(v, dict | list) else v)
            for k, v in sorted(data.items())
        ),
    )
    return format_html(
        "<table><tbody>{}</tbody></table><details><summary>Stored JSON</summary><pre>{}</pre>"
        "</details>",
        rows,
        raw,
    )
