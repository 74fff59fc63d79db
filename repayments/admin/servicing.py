"""Distress servicing in the officer console (docs/servicing.md). Proposals: the "Propose…"
page (write-off, settlement, restructure for a loan) and the "Approve…" / "Reject…" actions,
whose confirmation page shows, per proposal, the schedule before and after and the ledger
entry the approval posts. Write-offs, settlements, reschedules and moratoria are read-only
records here. Every write calls the same service as the API."""

from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import path, reverse

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin, form_page
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import (
    Loan,
    Moratorium,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Reschedule,
    Settlement,
    WriteOff,
    WriteOffKind,
)
from repayments.services.servicing.proposals import (
    DECIDE_PERM,
    PROPOSE_PERM,
    proposal_approve,
    proposal_reject,
)
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_preview
from repayments.services.servicing.settlements import loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose, write_off_preview


class ProposeForm(forms.Form):
    loan = forms.IntegerField(min_value=1, label="Loan id")
    kind = forms.ChoiceField(choices=ProposalKind.choices)
    reason = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    write_off_kind = forms.ChoiceField(
        choices=WriteOffKind.choices, required=False, label="Write-off kind"
    )
    amount = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, label="Settlement amount (₹)"
    )
    pay_by = forms.DateField(
        required=False, label="Settlement pay-by date", help_text="YYYY-MM-DD; one installment."
    )
    annual_rate = forms.DecimalField(
        max_digits=7, decimal_places=4, required=False, label="New annual rate (%)"
    )
    tenure = forms.IntegerField(
        min_value=1, max_value=120, required=False, label="New tenure (installments)"
    )


class DecideForm(forms.Form):
    note = forms.CharField(
        max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label="Reason for rejecting",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


def _preview(proposal: Proposal) -> dict:
    """What approving would do, in the words and numbers of the confirmation page."""
    loan, today = proposal.loan, today_ist()
    try:
        if proposal.kind == ProposalKind.WRITE_OFF:
            preview = write_off_preview(loan, today)
            return {"claim": preview["claim"], "lines": preview["lines"]}
        if proposal.kind == ProposalKind.RESTRUCTURE:
            preview = restructure_preview(
                loan,
                on=today,
                annual_rate=Decimal(proposal.terms["annual_rate"]),
                tenure=int(proposal.terms["tenure"]),
            )
            return {
                "before": preview["before"],
                "after": preview["after"],
                "apr": preview["apr"],
                "capitalised": preview["capitalised"],
            }
        return {"settlement": proposal.terms}
    except DomainError as exc:
        return {"error": exc.detail}


@admin.register(Proposal)
class ProposalAdmin(ActionFormMixin, ReadOnlyAdmin):
    action_noun = "proposal"
    list_display = [
        "id",
        "loan",
        "kind",
        "status",
        "reason",
        "proposed_by",
        "proposed_on",
        "decided_by",
    ]
    list_select_related = ["loan", "proposed_by", "decided_by"]
    list_filter = ["status", "kind"]
    search_fields = ["=loan__id", "loan__borrower__email"]
    ordering = ["-created_at", "-id"]
    actions = ["approve_selected", "reject_selected"]
    readonly_fields = fields = [
        *("loan", "kind", "status", "terms", "reason", "proposed_by", "proposed_on"),
        *("decided_by", "decided_on", "decision_note"),
    ]
    change_list_template = "admin/repayments/proposal/change_list.html"

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE_PERM)

    def action_refusal(self, proposal, exc):
        return f"Proposal {proposal.pk}: {exc.detail}"

    def changelist_view(self, request, extra_context=None):
        if not request.GET and request.method == "GET":
            request.GET = request.GET.copy()
            request.GET["status__exact"] = ProposalStatus.PROPOSED
        extra = {**(extra_context or {}), "can_propose": request.user.has_perm(PROPOSE_PERM)}
        return super().changelist_view(request, extra)

    def get_urls(self):
        return [
            path(
                "propose/",
                self.admin_site.admin_view(self.propose_view),
                name="loans_proposal_propose",
            ),
            *super().get_urls(),
        ]

    @reauth_required
    def propose_view(self, request):
        """One page for the three kinds; the service of the kind checks everything."""
        form = ProposeForm(request.POST or None, initial={"loan": request.GET.get("loan")})
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                loan = Loan.objects.get(pk=data["loan"])
                proposal = self._propose(request, loan, data)
            except Loan.DoesNotExist:
                form.add_error("loan", "No such loan.")
            except DomainError as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(
                    request, f"Proposal {proposal.pk} made; another manager decides it."
                )
                return HttpResponseRedirect(reverse("admin:loans_proposal_changelist"))
        return form_page(
            self,
            request,
            "admin/repayments/service_form.html",
            title="Propose a write-off, settlement or restructure",
            form=form,
            intro="Nothing moves until another credit or collections manager approves it.",
            submit_label="Propose",
        )

    def _propose(self, request, loan, data):
        user, reason = request.user, data["reason"]
        if data["kind"] == ProposalKind.WRITE_OFF:
            return loan_write_off_propose(
                acting_user=user,
                loan=loan,
                kind=data["write_off_kind"] or "technical",
                reason=reason,
            )
        if data["kind"] == ProposalKind.SETTLEMENT:
            if data["amount"] is None:
                raise DomainError("validation_error", "Give the settlement amount.")
            pay_by = data["pay_by"] or today_ist() + timedelta(days=30)
            return loan_settlement_propose(
                acting_user=user,
                loan=loan,
                amount=data["amount"],
                installments=[{"due_date": pay_by, "amount": data["amount"]}],
                reason=reason,
            )
        if data["annual_rate"] is None or data["tenure"] is None:
            raise DomainError("validation_error", "Give the new rate and tenure.")
        return loan_restructure_propose(
            acting_user=user,
            loan=loan,
            annual_rate=data["annual_rate"],
            tenure=data["tenure"],
            reason=reason,
        )

    @admin.action(description="Approve…", permissions=["decide"])
    @reauth_required
    def approve_selected(self, request, queryset):
        proposals = list(queryset.select_related("loan", "proposed_by").order_by("pk"))
        for proposal in proposals:
            proposal.preview = _preview(proposal)
        return self.action_form_each(
            request,
            queryset,
            act=lambda proposal, data: proposal_approve(
                acting_user=request.user, proposal=proposal, note=data["note"]
            ),
            done="Approved",
            action="approve_selected",
            form_class=DecideForm,
            template="admin/repayments/proposal/approve.html",
            title="Approve proposals",
            objects=proposals,
        )

    @admin.action(description="Reject…", permissions=["decide"])
    def reject_selected(self, request, queryset):
        proposals = list(queryset.select_related("loan", "proposed_by").order_by("pk"))
        return self.action_form_each(
            request,
            queryset,
            act=lambda proposal, data: proposal_reject(
                acting_user=request.user, proposal=proposal, note=data["note"]
            ),
            done="Rejected",
            action="reject_selected",
            form_class=RejectForm,
            template="admin/repayments/proposal/approve.html",
            title="Reject proposals",
            objects=proposals,
        )


@admin.register(WriteOff)
class WriteOffAdmin(ReadOnlyAdmin):
    list_display = ["loan", "kind", "written_off_on", "principal", "interest", "penal", "fees"]
    list_filter = ["kind"]


@admin.register(Settlement)
class SettlementAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "loan",
        "status",
        "amount",
        "dues_at_approval",
        "paid",
        "approved_on",
        "ended_on",
    ]
    list_filter = ["status"]


@admin.register(Reschedule)
class RescheduleAdmin(ReadOnlyAdmin):
    list_display = ["id", "loan", "kind", "status", "effective_on", "annual_rate", "tenure", "apr"]
    list_filter = ["kind", "status"]
    exclude = ["before_rows", "base_rows"]


@admin.register(Moratorium)
class MoratoriumAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "start", "installments", "created_on", "finished_at"]
