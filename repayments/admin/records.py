"""Read-only records around payments (reversals, refunds) and the refund entry form for
finance, which calls credit_refund. Charges and waivers: repayments.admin.charges."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse

from lendingsite.admin import ReadOnlyAdmin
from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from loans.models import Loan
from repayments.admin.common import service_form_page
from repayments.forms import CreditRefundForm, place_refusal
from repayments.models import CreditRefund, PaymentReversal
from repayments.selectors import credit_balance
from repayments.services.payments import REFUND_PERM, credit_refund


@admin.register(PaymentReversal)
class PaymentReversalAdmin(ReadOnlyAdmin):
    list_display = ["payment", "reversed_on", "reversed_by", "reason", "created_at"]
    list_select_related = ["payment", "reversed_by"]
    list_filter = ["reversed_on"]
    search_fields = ["payment__utr", "=payment__loan__id"]
    search_help_text = "UTR of the payment, or loan id."
    ordering = ["-reversed_on", "-id"]
    fields = ["payment", "reason", "reversed_by", "reversed_on", "created_at"]
    readonly_fields = fields


@admin.register(CreditRefund)
class CreditRefundAdmin(ReadOnlyAdmin):
    list_display = ["id", "loan", "amount", "refunded_on", "reference", "refunded_by"]
    list_select_related = ["loan", "refunded_by"]
    list_filter = ["refunded_on"]
    search_fields = ["reference", "=loan__id", "loan__borrower__email"]
    search_help_text = "Bank reference, loan id or borrower email."
    ordering = ["-refunded_on", "-id"]
    fields = [
        "loan",
        "amount",
        "refunded_on",
        "reference",
        "refunded_by",
        "journal_entry",
        "created_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return request.user.has_perm(REFUND_PERM)

    def add_view(self, request, form_url="", extra_context=None):
        """Refund a borrower's credit balance (an overpayment) through credit_refund."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CreditRefundForm(
            request.POST or None,
            initial={"loan": request.GET.get("loan") if _is_id(request) else None},
        )
        if request.method == "POST" and form.is_valid():
            try:
                refund = credit_refund(acting_user=request.user, **form.cleaned_data)
            except DomainError as exc:
                place_refusal(form, exc)
            else:
                left = credit_balance(refund.loan)
                self.message_user(
                    request,
                    f"Refunded {format_inr(refund.amount)} on loan #{refund.loan_id} "
                    f"({refund.reference}); credit balance left {format_inr(left)}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:repayments_creditrefund_changelist"))
        intro = "Pays back money the borrower overpaid: never more than the loan's credit balance."
        loan = Loan.objects.filter(pk=request.GET["loan"]).first() if _is_id(request) else None
        if loan is not None:
            intro += f" Loan #{loan.pk} has {format_inr(credit_balance(loan))} in credit."
        return service_form_page(
            self,
            request,
            form=form,
            title="Refund a credit balance",
            intro=intro,
            submit="Record refund",
        )


def _is_id(request) -> bool:
    return request.GET.get("loan", "").isdigit()
