"""Charges and their waivers in the officer console. A charge's page is read-only; the one
write is the "Waive…" action (a form with the reason and, optionally, a part of the charge),
which proposes a waiver through charge_waiver_propose. Waivers awaiting approval are
approved or rejected by another finance officer with the "Approve…" and "Reject…" actions
(charge_waiver_approve / _reject, maker-checker included): the same services as the API."""

from django import forms
from django.contrib import admin, messages

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin
from lendingsite.money import format_inr
from loans.forms import AmountField
from repayments.forms import place_refusal
from repayments.models import MONEY, Charge, ChargeWaiver, WaiverStatus
from repayments.services.waivers import (
    DECIDE_PERM,
    PROPOSE_PERM,
    charge_waiver_approve,
    charge_waiver_propose,
    charge_waiver_reject,
)


class WaiveForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why the charge is waived (a goodwill gesture, a bank delay…).",
    )
    amount = AmountField(
        label="Amount to waive (₹)",
        max_digits=MONEY["max_digits"],
        decimal_places=2,
        required=False,
        help_text="Leave empty to waive everything still in force.",
    )


class ApproveForm(forms.Form):
    note = forms.CharField(
        max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label="Reason for rejecting",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


@admin.register(Charge)
class ChargeAdmin(ActionFormMixin, ReadOnlyAdmin):
    list_display = [
        "id",
        "loan",
        "installment",
        "kind",
        "amount",
        "charged_on",
        "status",
        "waived_amount",
        "reason",
    ]
    list_select_related = ["loan", "installment"]
    list_filter = ["status", "kind", "charged_on"]
    date_hierarchy = "charged_on"
    search_fields = ["=loan__id", "loan__borrower__email"]
    search_help_text = "Loan id or borrower email."
    ordering = ["-charged_on", "-id"]
    show_full_result_count = False
    actions = ["waive_selected"]
    fields = [
        "loan",
        "installment",
        "kind",
        "amount",
        "charged_on",
        "reason",
        "status",
        "waived_amount",
        "reversed_on",
        "reversal_reason",
        "journal_entry",
        "created_at",
    ]
    readonly_fields = fields

    def has_waive_permission(self, request):
        return request.user.has_perm(PROPOSE_PERM)

    @admin.action(description="Waive…", permissions=["waive"])
    @reauth_required
    def waive_selected(self, request, queryset):
        charge = self.only_one_selected(
            request,
            queryset.select_related("loan__borrower", "installment"),
            "Select exactly one charge: every waiver has its own reason.",
        )
        if charge is None:
            return None

        def waive_it(data):
            waiver = charge_waiver_propose(
                acting_user=request.user,
                charge=charge,
                reason=data["reason"],
                amount=data["amount"],
            )
            self.message_user(
                request,
                f"Waiver {waiver.pk} of {format_inr(waiver.amount)} on charge {charge.pk} "
                "proposed; another finance officer must approve it.",
                messages.SUCCESS,
            )

        return self.action_form_page(
            request,
            action="waive_selected",
            form_class=WaiveForm,
            apply=waive_it,
            refused=place_refusal,
            template="admin/repayments/charge/waive.html",
            title=f"Waive charge {charge.pk}",
            objects=[charge],
            charge=charge,
        )


@admin.register(ChargeWaiver)
class ChargeWaiverAdmin(ActionFormMixin, ReadOnlyAdmin):
    action_noun = "waiver"
    list_display = [
        "id",
        "charge",
        "loan",
        "amount",
        "reason",
        "status",
        "proposed_by",
        "proposed_on",
        "decided_by",
        "decided_on",
    ]
    list_select_related = ["charge__loan", "proposed_by", "decided_by"]
    list_filter = ["status", "proposed_on"]
    search_fields = ["=charge__loan__id", "charge__loan__borrower__email"]
    search_help_text = "Loan id or borrower email."
    ordering = ["-created_at", "-id"]
    actions = ["approve_selected", "reject_selected"]
    fields = [
        "charge",
        "loan",
        "amount",
        "reason",
        "status",
        "proposed_by",
        "proposed_on",
        "decided_by",
        "decided_on",
        "decision_note",
        "journal_entry",
        "created_at",
    ]
    readonly_fields = fields

    def changelist_view(self, request, extra_context=None):
        # The worklist opens on what awaits a decision.
        if not request.GET and request.method == "GET":
            request.GET = request.GET.copy()
            request.GET["status__exact"] = WaiverStatus.PROPOSED
        return super().changelist_view(request, extra_context)

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE_PERM)

    def action_refusal(self, waiver, exc):
        return f"Waiver {waiver.pk}: {exc.detail}"

    @admin.display(description="loan")
    def loan(self, waiver):
        return waiver.charge.loan

    @admin.action(description="Approve…", permissions=["decide"])
    @reauth_required
    def approve_selected(self, request, queryset):
        waivers = list(queryset.select_related("charge__loan", "proposed_by").order_by("pk"))
        return self.action_form_each(
            request,
            queryset,
            act=lambda waiver, data: charge_waiver_approve(
                acting_user=request.user, waiver=waiver, note=data["note"]
            ),
            done="Approved",
            action="approve_selected",
            form_class=ApproveForm,
            template="admin/repayments/chargewaiver/approve.html",
            title="Approve charge waivers",
            objects=waivers,
        )

    @admin.action(description="Reject…", permissions=["decide"])
    def reject_selected(self, request, queryset):
        waivers = list(queryset.select_related("charge__loan", "proposed_by").order_by("pk"))
        return self.action_form_each(
            request,
            queryset,
            act=lambda waiver, data: charge_waiver_reject(
                acting_user=request.user, waiver=waiver, note=data["note"]
            ),
            done="Rejected",
            action="reject_selected",
            form_class=RejectForm,
            template="admin/repayments/chargewaiver/reject.html",
            title="Reject charge waivers",
            objects=waivers,
        )
