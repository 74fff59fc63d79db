"""Privacy in the officer console: erasure requests (complete = anonymise, or reject with a
note the borrower sees) through accounts.services.privacy, and the consent history,
read-only. Nothing here changes a row by itself."""

from django import forms
from django.contrib import admin

from accounts.models import DataConsent, ErasureRequest
from accounts.services.privacy import (
    DECIDE_PERMISSION,
    NOTE_LIMIT,
    erasure_request_complete,
    erasure_request_reject,
)
from lendingsite.admin import ActionFormMixin


class RejectNoteForm(forms.Form):
    note = forms.CharField(
        max_length=NOTE_LIMIT,
        label="Reason (the borrower sees it)",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class _ReadOnlyAdmin(admin.ModelAdmin):
    # Records: created by the borrower's pages, moved on only by the service actions.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ActionFormMixin, _ReadOnlyAdmin):
    list_display = ["id", "user", "requested_at", "status", "decided_by", "decided_at"]
    list_select_related = ["user", "decided_by"]
    list_filter = ["status", "requested_at"]
    search_fields = ["=id", "user__email"]
    ordering = ["-requested_at", "-id"]
    fields = ["user", "requested_at", "status", "decided_by", "decided_at", "note"]
    readonly_fields = fields
    actions = ["complete_selected", "reject_selected"]
    action_noun = "request"

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE_PERMISSION)

    def action_refusal(self, obj, exc):
        return f"Request #{obj.pk}: {exc.detail}"

    @admin.action(description="Complete (anonymise personal data)", permissions=["decide"])
    def complete_selected(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda erasure: erasure_request_complete(acting_user=request.user, request=erasure),
            done="Completed",
        )

    @admin.action(description="Reject… (with a reason)", permissions=["decide"])
    def reject_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda erasure, data: erasure_request_reject(
                acting_user=request.user, request=erasure, note=data["note"]
            ),
            done="Rejected",
            action="reject_selected",
            form_class=RejectNoteForm,
            template="admin/accounts/erasurerequest/reject_note.html",
            title="Reject erasure requests",
            objects=queryset.select_related("user"),
        )


@admin.register(DataConsent)
class DataConsentAdmin(_ReadOnlyAdmin):
    list_display = ["id", "user", "purpose", "granted", "at", "ip"]
    list_select_related = ["user"]
    list_filter = ["purpose", "granted"]
    search_fields = ["user__email"]
    ordering = ["-id"]
    fields = ["user", "purpose", "granted", "at", "ip", "user_agent"]
    readonly_fields = fields
