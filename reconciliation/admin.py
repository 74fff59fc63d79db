"""The officer console for reconciliation: virtual accounts, statement imports (upload one
from the list page) and the queue of credits no rule matched. Thin: every change is a
reconciliation.services call."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin
from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from loans.models import Loan
from reconciliation.models import (
    LineStatus,
    StatementFormat,
    StatementImport,
    StatementLine,
    VirtualAccount,
)
from reconciliation.services.queue import (
    APPROVE_PERM,
    ASSIGN_PERM,
    statement_line_approve,
    statement_line_assign,
    statement_line_refund_mark,
)
from reconciliation.services.statements import IMPORT_PERM, statement_import


@admin.register(VirtualAccount)
class VirtualAccountAdmin(ReadOnlyAdmin):
    list_display = ["account_number", "ifsc", "vpa", "loan", "provider", "created_at"]
    search_fields = ["=account_number", "=vpa", "=loan__id"]
    search_help_text = "Account number, UPI id or loan id."
    list_select_related = ["loan"]
    show_full_result_count = False


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Bank statement (CSV or MT940)",
        help_text="CSV columns: Txn Date, Value Date, Description, Ref No./Cheque No., Debit, "
        "Credit, Balance. Or a SWIFT MT940 statement file.",
    )
    file_format = forms.ChoiceField(
        label="Format",
        choices=[("", "Tell from the file"), *StatementFormat.choices],
        required=False,
    )


@admin.register(StatementImport)
class StatementImportAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "file_name",
        "file_format",
        "created_at",
        "uploaded_by",
        "lines",
        "credits",
        "posted",
        "duplicates",
        "queued",
        "posted_amount",
        "lines_link",
    ]
    list_select_related = ["uploaded_by"]
    readonly_fields = [f.name for f in StatementImport._meta.fields] + ["lines_link"]
    change_list_template = "admin/reconciliation/statementimport/change_list.html"

    @admin.display(description="Lines")
    def lines_link(self, obj):
        url = (
            reverse("admin:reconciliation_statementline_changelist")
            + f"?statement__id__exact={obj.pk}"
        )
        return format_html('<a href="{}">Lines of statement {}</a>', url, obj.pk)

    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="reconciliation_statementimport_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not request.user.has_perm(IMPORT_PERM):
            messages.error(request, "Only finance can import bank statements.")
            return redirect("admin:reconciliation_statementimport_changelist")
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                statement = statement_import(
                    acting_user=request.user,
                    file=upload,
                    file_name=upload.name,
                    file_format=form.cleaned_data["file_format"],
                )
            except DomainError as exc:
                form.add_error("file", exc.detail)
            else:
                messages.success(
                    request,
                    f"Statement {statement.pk}: {statement.posted} credits posted "
                    f"({format_inr(statement.posted_amount)}), {statement.duplicates} already posted, "
                    f"{statement.queued} queued for finance.",
                )
                return redirect("admin:reconciliation_statementimport_change", statement.pk)
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Import a bank statement",
            "opts": self.model._meta,
        }
        return TemplateResponse(
            request, "admin/reconciliation/statementimport/upload.html", context
        )


class AssignForm(forms.Form):
    loan = forms.IntegerField(label="Loan id", min_value=1)
    note = forms.CharField(max_length=300, required=False, label="Note (how you know)")


class RefundForm(forms.Form):
    reason = forms.CharField(max_length=300, label="Reason for the refund")


@admin.register(StatementLine)
class StatementLineAdmin(ActionFormMixin, ReadOnlyAdmin):
    action_noun = "credit"
    # What finance decides on first: on a phone the table scrolls, and these are in view.
    list_display = [
        "credit_shown",
        "status",
        "narration",
        "reason",
        "loan",
        "assigned_by",
        "utr",
        "txn_date",
        "match_kind",
        "statement",
        "line_no",
    ]
    list_display_links = ["credit_shown"]
    list_filter = ["status", "match_kind"]
    search_fields = ["=utr", "narration", "=loan__id"]
    search_help_text = "UTR, narration text or loan id."
    list_select_related = ["statement", "loan", "assigned_by"]
    show_full_result_count = False
    actions = ["assign_selected", "approve_selected", "refund_selected"]

    @admin.display(description="Credit", ordering="credit")
    def credit_shown(self, obj):
        return format_inr(obj.credit) if obj.credit else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).defer("account_token", "va_loan", "ref_loan")

    def has_assign_permission(self, request):
        return request.user.has_perm(ASSIGN_PERM)

    def has_approve_permission(self, request):
        return request.user.has_perm(APPROVE_PERM)

    @admin.action(description="Assign to a loan…", permissions=["assign"])
    def assign_selected(self, request, queryset):
        line = self.only_one_selected(request, queryset, "Select exactly one credit to assign.")
        if line is None:
            return None

        def assign_it(data):
            loan = Loan.objects.filter(pk=data["loan"]).first()
            if loan is None:
                raise DomainError("validation_error", f"There is no loan #{data['loan']}.")
            statement_line_assign(acting_user=request.user, line=line, loan=loan, note=data["note"])
            self.message_user(
                request,
                f"Credit of {format_inr(line.credit)} assigned to loan #{loan.pk}; another finance officer must approve it.",
                messages.SUCCESS,
            )

        return self.action_form_page(
            request,
            action="assign_selected",
            form_class=AssignForm,
            apply=assign_it,
            template="admin/reconciliation/statementline/assign.html",
            title=f"Assign line {line.line_no} of statement {line.statement_id}",
            objects=[line],
            line=line,
        )

    @admin.action(description="Approve the assignment and post", permissions=["approve"])
    @reauth_required
    def approve_selected(self, request, queryset):
        self.apply_each(
            request,
            queryset.filter(status=LineStatus.PROPOSED),
            lambda line: statement_line_approve(acting_user=request.user, line=line),
            done="Approved and posted",
        )

    @admin.action(description="Mark for refund…", permissions=["assign"])
    def refund_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda line, data: statement_line_refund_mark(
                acting_user=request.user, line=line, reason=data["reason"]
            ),
            done="Marked for refund",
            action="refund_selected",
            form_class=RefundForm,
            template="admin/reconciliation/statementline/refund.html",
            title="Mark credits for refund",
            objects=list(queryset),
        )
