"""Proposals in the officer console (docs/servicing.md): the "Propose…" page (write-off,
settlement with its installments, restructure by tenure or installment amount) and the
"Approve…" / "Reject…" actions, whose confirmation page shows, per proposal, the schedule
before and after and the ledger entry the approval posts. Every write calls the same
service as the API; a refusal comes back as a form error in its own words."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts.admin import ExtraPageMixin
from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.forms import loan_from_form
from loans.models import Proposal, ProposalKind, ProposalStatus
from repayments.admin.servicing.forms import (
    DecideForm,
    ProposeForm,
    RejectForm,
    SettlementInstallmentFormSet,
    installments_from,
)
from repayments.services.servicing.proposals import (
    DECIDE_PERM,
    PROPOSE_PERM,
    proposal_approve,
    proposal_reject,
)
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_preview
from repayments.services.servicing.reschedules.terms import preview_kwargs
from repayments.services.servicing.settlements import loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose, write_off_preview


def _preview(proposal: Proposal) -> dict:
    """What approving would do, in the words and numbers of the confirmation page."""
    loan, today = proposal.loan, today_ist()
    try:
        if proposal.kind == ProposalKind.WRITE_OFF:
            preview = write_off_preview(loan, today)
            return {"claim": preview["claim"], "lines": preview["lines"]}
        if proposal.kind == ProposalKind.RESTRUCTURE:
            preview = restructure_preview(loan, on=today, **preview_kwargs(proposal.terms))
            return {
                "before": preview["before"],
                "after": preview["after"],
                "apr": preview["apr"],
                "capitalised": preview["capitalised"],
                "tenure": preview["tenure"],
                "installment": preview["installment"],
                "installment_asked": preview["installment_asked"],
            }
        return {"settlement": proposal.terms}
    except DomainError as exc:
        return {"error": exc.detail}


@admin.register(Proposal)
class ProposalAdmin(ExtraPageMixin, ActionFormMixin, ReadOnlyAdmin):
    action_noun = "proposal"
    page_path = "propose/"
    page_name = "loans_proposal_propose"
    page_perm = PROPOSE_PERM
    page_flag = "can_propose"
    page_template = "admin/repayments/proposal/propose.html"
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
        return super().changelist_view(request, extra_context)

    def page(self, request):
        """One page for the three kinds; the service of the kind checks everything."""
        form = ProposeForm(request.POST or None, initial={"loan": request.GET.get("loan")})
        formset = SettlementInstallmentFormSet(request.POST or None, prefix="inst")
        done = self.page_submitted(
            request, [form, formset], lambda: self._submit(request, form, formset)
        )
        if done is not None:
            return done
        return self.page_render(
            request,
            title="Propose a write-off, settlement or restructure",
            form=form,
            formset=formset,
            intro="Nothing moves until another credit or collections manager approves it.",
            submit_label="Propose",
        )

    def _submit(self, request, form, formset):
        data = form.cleaned_data
        loan = loan_from_form(form)
        if loan is None:
            return None
        proposal = self._propose(request, loan, data, installments_from(formset))
        messages.success(request, f"Proposal {proposal.pk} made; another manager decides it.")
        return HttpResponseRedirect(reverse("admin:loans_proposal_changelist"))

    def _propose(self, request, loan, data, installments):
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
            # No rows: one installment in 30 days (the service's default, as in the API).
            return loan_settlement_propose(
                acting_user=user,
                loan=loan,
                amount=data["amount"],
                installments=installments or None,
                grace_days=data["grace_days"],
                reason=reason,
            )
        if data["annual_rate"] is None:
            raise DomainError("validation_error", "Give the new rate.")
        return loan_restructure_propose(
            acting_user=user,
            loan=loan,
            annual_rate=data["annual_rate"],
            tenure=data["tenure"],
            installment=data["installment"],
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
