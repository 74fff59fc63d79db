"""Privacy in the officer console: erasure requests (complete = anonymise, or reject with a
note the borrower sees) through accounts.services.privacy, and the consent history,
read-only. Nothing here changes a row by itself."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from accounts.models import DataConsent, ErasureRequest
from accounts.services.privacy import (
    DECIDE_PERMISSION,
    NOTE_LIMIT,
    erasure_request_complete,
    erasure_request_reject,
)
from lendingsite.errors import DomainError


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
class ErasureRequestAdmin(_ReadOnlyAdmin):
    list_display = ["id", "user", "requested_at", "status", "decided_by", "decided_at"]
    list_select_related = ["user", "decided_by"]
    list_filter = ["status", "requested_at"]
    search_fields = ["=id", "user__email"]
    ordering = ["-requested_at", "-id"]
    fields = ["user", "requested_at", "status", "decided_by", "decided_at", "note"]
    readonly_fields = fields
    actions = ["complete_selected", "reject_selected"]

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE_PERMISSION)

    def _decide(self, request, queryset, decide, done: str) -> None:
        succeeded = 0
        for erasure in queryset.order_by("pk"):
            try:
                decide(erasure)
                succeeded += 1
            except DomainError as exc:
                self.message_user(request, f"Request #{erasure.pk}: {exc.detail}", messages.ERROR)
        if succeeded:
            plural = "s" if succeeded != 1 else ""
            self.message_user(request, f"{done} {succeeded} request{plural}.", messages.SUCCESS)

    @admin.action(description="Complete (anonymise personal data)", permissions=["decide"])
    def complete_selected(self, request, queryset):
        self._decide(
            request,
            queryset,
            lambda erasure: erasure_request_complete(acting_user=request.user, request=erasure),
            "Completed",
        )

    @admin.action(description="Reject… (with a reason)", permissions=["decide"])
    def reject_selected(self, request, queryset):
        form = RejectNoteForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            note = form.cleaned_data["note"]
            self._decide(
                request,
                queryset,
                lambda erasure: erasure_request_reject(
                    acting_user=request.user, request=erasure, note=note
                ),
                "Rejected",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject erasure requests",
            "opts": self.model._meta,
            "requests": queryset.select_related("user"),
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/erasurerequest/reject_note.html", context)


@admin.register(DataConsent)
class DataConsentAdmin(_ReadOnlyAdmin):
    list_display = ["id", "user", "purpose", "granted", "at", "ip"]
    list_select_related = ["user"]
    list_filter = ["purpose", "granted"]
    search_fields = ["user__email"]
    ordering = ["-id"]
    fields = ["user", "purpose", "granted", "at", "ip", "user_agent"]
    readonly_fields = fields
