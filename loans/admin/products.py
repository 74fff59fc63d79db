"""Loan products in the officer console, for credit managers and superusers (others with
the view permission see them read-only). The form is checked with the service's own rule
(product_validate) and saving goes through product_create / product_update, so the console
refuses and audits exactly what the API does. Products are deactivated, never deleted."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance

from accounts.admin import ServiceFormMixin
from lendingsite.errors import DomainError
from lendingsite.money import format_inr, format_rate
from loans.models import LoanProduct
from loans.services.products import (
    EDITABLE_FIELDS,
    product_can_change,
    product_can_create,
    product_create,
    product_update,
    product_validate,
)

FIELDSETS = (
    (None, {"fields": ["code", "name", "description", "is_active"]}),
    (
        "Limits",
        {
            "fields": [
                ("min_amount", "max_amount"),
                ("min_tenure", "max_tenure"),
                ("min_rate", "max_rate", "default_rate"),
                "max_foir_percent",
            ]
        },
    ),
    (
        "Schedule terms",
        {
            "fields": [
                "interest_method",
                "amortization",
                "interest_period",
                "frequency",
                "installment_multiple",
                "rounding",
                "grace_on_principal",
            ]
        },
    ),
    (
        "Charges",
        {
            "fields": ["processing_fee_percent", "processing_fee_flat", "gst_percent"],
            "description": "The processing fee is deducted at disbursement; GST is added to it.",
        },
    ),
    (
        "Penal charges",
        {
            "fields": [
                "penal_charge_type",
                "penal_charge_flat",
                "penal_charge_percent",
                "penal_grace_days",
                "bounce_charge",
            ],
            "description": "A charge per overdue installment after the grace days; never "
            "added to the rate, never capitalised (RBI penal charges rules, 2023). The "
            "bounce charge is levied once per installment whose auto-debit bounces.",
        },
    ),
    (
        "Distress servicing",
        {
            "fields": ["restructure_capitalises_arrears", "moratorium_accrues_interest"],
            "description": "On a restructure, overdue principal and interest are capitalised "
            "or kept as a separate due (penal charges never capitalised); a moratorium's "
            "interest is accrued into the later installments or waived (docs/servicing.md).",
        },
    ),
    (
        "Strategies",
        {
            "fields": [
                "allocation_strategy",
                "prepayment_strategy",
                "cooling_off_days",
                "kfs_validity_working_days",
            ]
        },
    ),
    ("Collections", {"fields": ["npa_threshold_days", "materiality_floor"]}),
)


def _place(form: forms.Form, exc: DomainError) -> None:
    placed = False
    for field, messages in exc.errors.items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.detail)


class ProductConsoleForm(forms.ModelForm):
    class Meta:
        model = LoanProduct
        fields = list(EDITABLE_FIELDS)

    def _post_clean(self):
        # As ModelForm builds the instance, but checked by the service's one rule instead of
        # the model's full_clean, so the console says what the API says, and says it once.
        try:
            self.instance = construct_instance(
                self, self.instance, self._meta.fields, self._meta.exclude
            )
        except ValidationError as exc:
            self._update_errors(exc)
        if self.errors:
            return
        try:
            product_validate(product=self.instance)
        except DomainError as exc:
            _place(self, exc)


@admin.register(LoanProduct)
class LoanProductAdmin(ServiceFormMixin, admin.ModelAdmin):
    form = ProductConsoleForm
    fieldsets = FIELDSETS
    list_display = [
        "code",
        "name",
        "is_active",
        "amount_range",
        "tenure_range",
        "rate_range",
        "interest_method",
    ]
    list_display_links = ["code", "name"]
    list_filter = ["is_active", "interest_method", "amortization", "frequency", "rounding"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    save_on_top = True

    @admin.display(description="amount")
    def amount_range(self, obj):
        return f"{format_inr(obj.min_amount)} to {format_inr(obj.max_amount)}"

    @admin.display(description="tenure (installments)")
    def tenure_range(self, obj):
        return f"{obj.min_tenure} to {obj.max_tenure}"

    @admin.display(description="rate (% a year)")
    def rate_range(self, obj):
        return (
            f"{format_rate(obj.min_rate)} to {format_rate(obj.max_rate)} "
            f"(default {format_rate(obj.default_rate)})"
        )

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return FIELDSETS
        return (*FIELDSETS, ("Record", {"fields": ["created_at", "updated_at"]}))

    def get_readonly_fields(self, request, obj=None):
        # Integrators look products up by code, so it is fixed once the product exists.
        return ["code", "created_at", "updated_at"] if obj is not None else []

    def has_add_permission(self, request):
        return product_can_create(request.user)

    def has_change_permission(self, request, obj=None):
        return product_can_change(request.user)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            changed = {f: form.cleaned_data[f] for f in form.changed_data if f in EDITABLE_FIELDS}
            if changed:
                product_update(acting_user=request.user, product=obj, **changed)
            return
        values = {f: form.cleaned_data[f] for f in EDITABLE_FIELDS if f in form.cleaned_data}
        created = product_create(acting_user=request.user, **values)
        obj.pk, obj._state.adding = created.pk, False  # the admin redirects to this object
