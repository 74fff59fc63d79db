"""Second-factor resets in the console: one superuser asks (with a reason), another
approves or rejects. django-otp's own device admin is removed, since it would let one
person delete or create a device with nobody checking."""

import contextlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor.models import DeviceResetRequest
from accounts.twofactor.reauth import reauth_required
from accounts.twofactor.services import device_reset_decide, device_reset_request
from lendingsite.errors import DomainError

with contextlib.suppress(NotRegistered):
    admin.site.unregister(TOTPDevice)


class ResetRequestForm(forms.ModelForm):
    class Meta:
        model = DeviceResetRequest
        fields = ["user", "reason"]


@admin.register(DeviceResetRequest)
class DeviceResetRequestAdmin(admin.ModelAdmin):
    form = ResetRequestForm
    list_display = ["user", "status", "requested_by", "requested_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["user__email"]
    readonly_fields = ["status", "requested_by", "requested_at", "decided_by", "decided_at"]
    raw_id_fields = ["user"]
    actions = ["approve_selected", "reject_selected"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            device_reset_request(
                acting_user=request.user, user=obj.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            messages.error(request, exc.detail)

    def _decide(self, request, queryset, approve: bool):
        for reset in queryset:
            try:
                device_reset_decide(acting_user=request.user, reset=reset, approve=approve)
            except DomainError as exc:
                messages.error(request, f"{reset}: {exc.detail}")
            else:
                messages.success(
                    request, f"{reset.user}: reset {'approved' if approve else 'rejected'}."
                )

    @admin.action(description="Approve the selected resets (the person enrols again)")
    @reauth_required
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description="Reject the selected resets")
    def reject_selected(self, request, queryset):
        self._decide(request, queryset, approve=False)
