"""Payments in the officer console: the entry form (payment_post), the "Reverse…" action
(payment_reverse, maker-checker included) and the register with its CSV download. A
payment's page is read-only: its allocation, by installment, and the loan as it stands."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin, ReadOnlyInline
from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from repayments.admin.common import loan_after_text, service_form_page
from repayments.admin.register import DateRangeFilter, register_csv
from repayments.forms import PaymentEntryForm, PaymentReverseForm, place_refusal
from repayments.models import Payment, PaymentAllocation, PaymentReversal, PaymentSource
from repayments.selectors import loan_after
from repayments.services.payments import ADD_PERM, REVERSE_PERM, payment_post, payment_reverse

VIEW_PERM = "repayments.view_payment"


class AllocationInline(ReadOnlyInline):
    model = PaymentAllocation
    verbose_name_plural = "allocation by installment"
    fields = ["installment_number", "due_date", "penal", "fees", "interest", "principal"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("installment")

    def has_view_permission(self, request, obj=None):
        # The split is part of the payment: whoever may see the payment sees it.
        return request.user.has_perm(VIEW_PERM)

    @admin.display(description="installment")
    def installment_number(self, allocation):
        return allocation.installment.number

    @admin.display(description="due date")
    def due_date(self, allocation):
        return allocation.installment.due_date


@admin.register(Payment)
class PaymentAdmin(ActionFormMixin, ReadOnlyAdmin):
    list_display = [
        "utr_shown",
        "paid_on",
        "loan",
        "borrower_email",
        "amount",
        "channel",
        "status",
        "source",
        "received_by",
        "principal",
        "interest",
        "penal",
        "fees",
        "excess",
    ]
    list_select_related = ["loan__borrower", "received_by"]
    list_filter = [
        ("paid_on", DateRangeFilter),
        "channel",
        ("received_by", admin.RelatedOnlyFieldListFilter),
        "status",
        "source",
    ]
    date_hierarchy = "paid_on"
    search_fields = ["utr", "loan__borrower__email"]
    search_help_text = "UTR (or part of it), loan id or borrower email."
    ordering = ["-paid_on", "-id"]
    show_full_result_count = False
    actions = ["reverse_selected"]
    inlines = [AllocationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "loan",
                    "borrower_email",
                    "amount",
                    "paid_on",
                    "channel",
                    "utr_shown",
                    "status",
                    "source",
                    "received_by",
                    "provider",
                    "provider_payment_id",
                    "posted_at",
                ]
            },
        ),
        ("Allocation", {"fields": ["penal", "fees", "interest", "principal", "excess"]}),
        ("Loan after", {"fields": ["loan_now", "reversal_info"]}),
    ]
    readonly_fields = [name for _, options in fieldsets for name in options["fields"]]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("loan__borrower", "received_by")

    def has_add_permission(self, request):
        return request.user.has_perm(ADD_PERM)

    def has_reverse_permission(self, request):
        return request.user.has_perm(REVERSE_PERM)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if term.isdigit() and len(term) <= 18:
            # A number is a loan id or a whole numeric UTR (IMPS references are 12 digits),
            # never a fragment of someone's email address.
            return queryset.filter(Q(loan_id=int(term)) | Q(utr=term)), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="UTR", ordering="utr")
    def utr_shown(self, payment):
        return payment.utr

    @admin.display(description="borrower", ordering="loan__borrower__email")
    def borrower_email(self, payment):
        return payment.loan.borrower.email

    @admin.display(description="loan as it stands now")
    def loan_now(self, payment):
        after = loan_after(payment.loan)
        rows = [
            ("status", after["status"]),
            ("principal outstanding", format_inr(after["principal_outstanding"])),
            ("total outstanding", format_inr(after["total_outstanding"])),
            ("days past due", after["dpd"]),
            ("bucket", after["bucket"]),
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    @admin.display(description="reversal")
    def reversal_info(self, payment):
        reversal = (
            PaymentReversal.objects.filter(payment=payment).select_related("reversed_by").first()
        )
        if reversal is None:
            return "—"
        return (
            f"Reversed on {reversal.reversed_on:%d %b %Y} by {reversal.reversed_by.email}: "
            f"{reversal.reason}"
        )

    # --- payment entry ------------------------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        """The payment entry form. Saving calls payment_post, as the API does; a refusal
        (duplicate UTR, backdated, loan not active…) is shown next to its field."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        # Links (an exit request's "post the transfer") may fill in the loan and amount.
        initial = {k: request.GET[k] for k in ("loan", "amount") if request.GET.get(k)}
        form = PaymentEntryForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                payment = payment_post(
                    acting_user=request.user, source=PaymentSource.ADMIN, **form.cleaned_data
                )
            except DomainError as exc:
                place_refusal(form, exc)
            else:
                self.message_user(
                    request,
                    f"Payment {payment.utr} of {format_inr(payment.amount)} posted: "
                    f"penal {format_inr(payment.penal)}, fees {format_inr(payment.fees)}, "
                    f"interest {format_inr(payment.interest)}, principal "
                    f"{format_inr(payment.principal)}, excess {format_inr(payment.excess)}; "
                    f"{loan_after_text(payment.loan)}.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:repayments_payment_change", args=[payment.pk])
                )
        return service_form_page(
            self,
            request,
            form=form,
            title="Record a payment",
            intro="The payment is allocated oldest installment first (penal charges, fees, "
            "interest, then principal); anything beyond the dues to date prepays principal, "
            "and a payment covering the foreclosure amount closes the loan.",
            submit="Post payment",
        )

    # --- reversal -------------------------------------------------------------------

    @admin.action(description="Reverse…", permissions=["reverse"])
    @reauth_required
    def reverse_selected(self, request, queryset):
        payment = self.only_one_selected(
            request,
            queryset.select_related("loan__borrower"),
            "Select exactly one payment: every reversal has its own reason.",
        )
        if payment is None:
            return None

        def reverse_it(data):
            reversal = payment_reverse(
                acting_user=request.user, payment=payment, reason=data["reason"]
            )
            self.message_user(
                request,
                f"Payment {payment.utr} reversed on {reversal.reversed_on:%d %b %Y}; "
                f"{loan_after_text(payment.loan)}.",
                messages.SUCCESS,
            )

        return self.action_form_page(
            request,
            action="reverse_selected",
            form_class=PaymentReverseForm,
            apply=reverse_it,
            refused=place_refusal,
            template="admin/repayments/payment/reverse.html",
            title=f"Reverse payment {payment.utr}",
            objects=[payment],
            payment=payment,
        )

    # --- CSV download of the register ---------------------------------------------

    def get_urls(self):
        export = path(
            "export.csv",
            self.admin_site.admin_view(self.export_view),
            name="repayments_payment_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request):
        return register_csv(self, request)
