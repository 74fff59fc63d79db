"""Cooling-off exit requests in the officer console: finance's list (open by default;
completed, lapsed or all on a click; a pay-by date range) and, on a request, the payments
on its loan that could answer it. Read-only: a request is completed only by posting the
borrower's money (the payment entry form, linked from the request), never by hand."""

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from lendingsite.admin import ReadOnlyAdmin
from lendingsite.money import format_inr
from repayments.admin.register import DateRangeFilter
from repayments.models import ExitRequest, ExitRequestStatus, PaymentStatus
from repayments.selectors.exits import exit_request_candidates

ALL = "all"


class ExitStatusFilter(admin.SimpleListFilter):
    """Open requests unless asked otherwise: they are the ones waiting for finance."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ExitRequestStatus.choices, (ALL, "All")]

    def choices(self, changelist):
        current = self.value() or ExitRequestStatus.OPEN
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or ExitRequestStatus.OPEN
        if value == ALL:
            return queryset
        return queryset.filter(status=value)


@admin.register(ExitRequest)
class ExitRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "loan", "borrower_email", "state", "pay_by", "amount", "payment"]
    list_select_related = ["loan__borrower", "payment"]
    list_filter = [ExitStatusFilter, ("pay_by", DateRangeFilter)]
    search_fields = ["=loan__id", "loan__borrower__email"]
    search_help_text = "Loan id or borrower email."
    ordering = ["pay_by", "id"]
    fields = [
        "loan",
        "borrower_email",
        "status",
        "requested_on",
        "requested_by",
        "pay_by",
        "principal",
        "interest",
        "amount",
        "reference",
        "payment",
        "completed_on",
        "lapsed_on",
        "matching_payments",
        "record_payment",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("loan__borrower", "payment")

    @admin.display(description="borrower", ordering="loan__borrower__email")
    def borrower_email(self, obj):
        return obj.loan.borrower.email

    @admin.display(description="status", ordering="status")
    def state(self, obj):
        return obj.status  # the short word: the list is read at a glance

    @admin.display(description="reference the borrower quotes")
    def reference(self, obj):
        return obj.reference

    @admin.display(description="payments that could match")
    def matching_payments(self, obj):
        """Payments on the loan dated on or before the pay-by date. The one that paid the
        loan off completed the request; a smaller one is a part-payment towards it."""
        rows = [
            (
                reverse("admin:repayments_payment_change", args=[p.pk]),
                p.utr,
                f"{p.paid_on:%d %b %Y}",
                format_inr(p.amount),
                p.get_channel_display(),
                "reversed" if p.status == PaymentStatus.REVERSED else "posted",
                " — completed this request" if p.pk == obj.payment_id else "",
            )
            for p in exit_request_candidates(obj)
        ]
        if not rows:
            return "None yet."
        items = format_html_join("", '<li><a href="{}">{}</a>: {} {} by {} ({}){}</li>', rows)
        return format_html("<ul>{}</ul>", items)

    @admin.display(description="record the borrower's money")
    def record_payment(self, obj):
        if obj.status == ExitRequestStatus.COMPLETED:
            return "—"
        query = urlencode({"loan": obj.loan_id, "amount": f"{obj.amount:.2f}"})
        url = reverse("admin:repayments_payment_add") + "?" + query
        return format_html(
            '<a href="{}">Post the transfer with its UTR</a> (a payment that pays the loan '
            "off, dated on or before {}, cancels it)",
            url,
            f"{obj.pay_by.day} {obj.pay_by:%b %Y}",
        )
