"""Accounts and borrower profiles in the officer console. Saves call the services; the
forms pre-check with the services' own rule functions so a refusal is a form error."""

from django import forms
from django.contrib import admin

from accounts.admin.bank import bank_accounts_table
from accounts.admin.common import ServiceFormMixin, form_errors_from
from accounts.admin.moderation import ModerationMixin
from accounts.admin.roles import RoleChangeMixin
from accounts.models import BorrowerProfile, User
from accounts.selectors import mask_date, mask_pan, mask_phone, profiles_matching_pan
from accounts.services.profile import (
    EDITABLE_FIELDS,
    borrower_profile_create,
    borrower_profile_update,
    profile_fields_clean,
)
from accounts.services.users import user_fields_clean, user_update
from accounts.twofactor.reauth import reauth_required
from lendingsite.errors import DomainError

# --- Users --------------------------------------------------------------------------

ACCOUNT_FIELDS = ("full_name", "is_active")


class UserConsoleForm(forms.ModelForm):
    """Name and active. Roles are not a field: they change by maker-checker in the roles
    panel below the form (accounts.admin.roles)."""

    acting_user = None  # set per request by ServiceFormMixin.get_form

    class Meta:
        model = User
        fields = ACCOUNT_FIELDS

    def clean(self):
        data = super().clean()
        try:
            changed = {f: data.get(f) for f in self.changed_data if f in ACCOUNT_FIELDS}
            if changed:
                user_fields_clean(acting_user=self.acting_user, user=self.instance, fields=changed)
        except DomainError as exc:
            form_errors_from(self, exc)
        return data


class VerifiedFilter(admin.SimpleListFilter):
    title = "email verified"
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(email_verified_at__isnull=self.value() == "no")
        return queryset


@admin.register(User)
class UserAdmin(RoleChangeMixin, ModerationMixin, ServiceFormMixin, admin.ModelAdmin):
    """Accounts come from sign-up (or createsuperuser); the console changes name and
    active here, roles through a proposal and another person's approval (the roles panel).
    Passwords change through the reset flow, never by another person."""

    form = UserConsoleForm
    list_display = ["email", "full_name", "role_names", "is_staff", "verified", "is_active"]
    list_filter = ["groups", "is_staff", VerifiedFilter, "is_active"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = [
        "email",
        "role_names",
        "is_staff",
        "is_superuser",
        "email_verified_at",
        "last_login",
        "date_joined",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @reauth_required(when=lambda request: request.method == "POST")
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Saving this form can deactivate an account: password + code again first.
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        return [
            (None, {"fields": ["email", "full_name", "is_active"]}),
            ("Roles", {"fields": ["role_names", "is_staff"]}),
            (
                "Record",
                {"fields": ["is_superuser", "email_verified_at", "last_login", "date_joined"]},
            ),
        ]

    @admin.display(description="roles")
    def role_names(self, obj):
        return ", ".join(sorted(g.name for g in obj.groups.all())) or "—"

    @admin.display(description="verified", boolean=True)
    def verified(self, obj):
        return obj.email_verified

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        changed = {f: form.cleaned_data[f] for f in form.changed_data if f in ACCOUNT_FIELDS}
        if changed:
            user_update(acting_user=request.user, user=obj, **changed)

    def save_related(self, request, form, formsets, change):
        pass  # no related fields: roles change through the roles panel only


# --- Borrower profiles --------------------------------------------------------------


class ProfileConsoleForm(forms.ModelForm):
    acting_user = None

    class Meta:
        model = BorrowerProfile
        fields = ["user", *EDITABLE_FIELDS]
        # Encrypted columns are TextFields underneath; these are one-line values.
        widgets = {"phone": forms.TextInput, "pan": forms.TextInput}

    def clean(self):
        data = super().clean()
        names = [f for f in self.changed_data if f in EDITABLE_FIELDS]
        profile = self.instance if self.instance.pk else None
        try:
            profile_fields_clean(profile=profile, fields={f: data.get(f) for f in names})
        except DomainError as exc:
            form_errors_from(self, exc)
        return data


@admin.register(BorrowerProfile)
class BorrowerProfileAdmin(ServiceFormMixin, admin.ModelAdmin):
    form = ProfileConsoleForm
    list_display = ["full_name", "email", "masked_phone", "masked_pan", "employment_type"]
    list_select_related = ["user"]
    search_fields = ["user__email", "full_name"]
    search_help_text = "Email or name; a full PAN finds its exact match."
    raw_id_fields = ["user"]
    ordering = ["-id"]
    _masked = {"phone": "masked_phone", "pan": "masked_pan", "date_of_birth": "masked_dob"}

    def get_fields(self, request, obj=None):
        fields = ["user", *EDITABLE_FIELDS]
        if obj is not None and not self.has_change_permission(request, obj):
            # Read-only viewers (collectors, auditors) see PII masked, even on the detail.
            fields = [self._masked.get(f, f) for f in fields]
        if obj is not None and request.user.has_perm("accounts.view_bankaccount"):
            fields.append("bank_accounts")
        return fields

    def get_readonly_fields(self, request, obj=None):
        return ["user", "bank_accounts"] if obj is not None else []

    @admin.display(description="bank accounts for payouts")
    def bank_accounts(self, obj):
        return bank_accounts_table(obj)

    def get_search_results(self, request, queryset, search_term):
        by_pan = profiles_matching_pan(pan=search_term.strip())
        if by_pan.query.is_empty():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=by_pan.values("pk")), False

    @admin.display(description="email", ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description="phone")
    def masked_phone(self, obj):
        return mask_phone(obj.phone)

    @admin.display(description="PAN")
    def masked_pan(self, obj):
        return mask_pan(obj.pan)

    @admin.display(description="date of birth")
    def masked_dob(self, obj):
        return mask_date(obj.date_of_birth)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {f: form.cleaned_data.get(f) for f in EDITABLE_FIELDS}
        if change:
            changed = {f: values[f] for f in form.changed_data if f in EDITABLE_FIELDS}
            if changed:
                borrower_profile_update(acting_user=request.user, profile=obj, **changed)
            return
        created = borrower_profile_create(
            acting_user=request.user, user=form.cleaned_data["user"], **values
        )
        obj.pk, obj._state.adding = created.pk, False  # the admin redirects to this object
