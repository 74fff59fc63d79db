"""Officer console for loan accounts and the ledger. Every financial field is read-only
(and a forged POST naming one is refused by lendingsite.guard); the only state change is
the "Disburse…" action, which calls loans.services.loans.loan_disburse like the API does.
The ledger pages are read-only for everyone, superusers included: journal rows are
append-only evidence; collectors and borrowers have no view permission on them."""

from django import forms
from django.contrib import admin, messages
from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts.selectors import bank_account_current
from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin, ReadOnlyInline
from lendingsite.dates import today_ist
from lendingsite.guard import LOAN_PROTECTED_FIELDS, GuardedAdminMixin
from loans.models import Installment, JournalEntry, JournalLine, LedgerAccount, Loan
from loans.models.ledger import AccountKind
from loans.selectors import installment_status, today_as_of
from loans.services.loans import DISBURSE_PERM, loan_disburse, loan_update

MONEY = DecimalField(max_digits=16, decimal_places=2)
ZERO = Value(0, output_field=MONEY)


class InstallmentInline(ReadOnlyInline):
    """The schedule: written by disbursement and payments, never by hand."""

    model = Installment
    verbose_name_plural = "schedule"
    fields = [
        "number",
        "due_date",
        "principal_due",
        "interest_due",
        "penal_due",
        "fees_due",
        "paid",
        "balance_after",
        "paid_on",
        "status_today",
    ]
    readonly_fields = fields
    ordering = ["number"]

    @admin.display(description="paid")
    def paid(self, installment: Installment):
        return installment.total_paid

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("loan__product")

    @admin.display(description="status today")
    def status_today(self, installment: Installment):
        # The arrears rule (loans.arrears), with the product's materiality floor.
        return installment_status(
            installment,
            as_of=today_as_of(),
            materiality_floor=installment.loan.product.materiality_floor,
        )


class LoanLedgerInline(ReadOnlyInline):
    model = JournalLine
    fk_name = "loan"
    verbose_name_plural = "ledger lines"
    fields = ["entry", "entry_date", "kind", "account", "debit", "credit"]
    readonly_fields = fields
    ordering = ["entry_id", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("entry", "account")

    @admin.display(description="date")
    def entry_date(self, line: JournalLine):
        return line.entry.entry_date

    @admin.display(description="kind")
    def kind(self, line: JournalLine):
        return line.entry.kind


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(
        label="Disbursement date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Today or up to 7 days back; the schedule runs from this date.",
    )
    reference = forms.CharField(
        label="Bank reference (UTR)", max_length=64, help_text="The transfer's reference."
    )


@admin.register(Loan)
class LoanAdmin(GuardedAdminMixin, ActionFormMixin, admin.ModelAdmin):
    protected_fields = LOAN_PROTECTED_FIELDS
    list_display = [
        "id",
        "borrower",
        "product",
        "status",
        "principal",
        "principal_outstanding",
        "dpd",
        "bucket",
        "disbursed_on",
    ]
    list_select_related = ["borrower", "product"]
    list_filter = ["status", "bucket", "product"]
    search_fields = ["borrower__email", "=borrower__id", "=id"]
    search_help_text = "Borrower email, borrower id or loan id."
    ordering = ["-created_at", "-id"]
    actions = ["disburse_selected", "moratorium_selected"]
    inlines = [InstallmentInline, LoanLedgerInline]
    fieldsets = [
        (None, {"fields": ["application", "borrower", "product", "status", "notes"]}),
        (
            "Agreed terms",
            {
                "fields": [
                    "principal",
                    "annual_rate",
                    "tenure",
                    "apr",
                    "processing_fee",
                    "net_disbursed",
                    "interest_method",
                    "amortization",
                    "interest_period",
                    "frequency",
                    "installment_multiple",
                    "rounding",
                    "grace_on_principal",
                    "allocation_strategy",
                    "prepayment_strategy",
                    "kfs_hash",
                ]
            },
        ),
        (
            "Disbursement",
            {
                "fields": [
                    "approved_by",
                    "disbursed_by",
                    "disbursed_on",
                    "disbursement_reference",
                    "disbursement_account",
                    "cooling_off_until",
                    "closed_on",
                ]
            },
        ),
        ("Balances", {"fields": ["principal_outstanding", "dpd", "bucket"]}),
    ]
    # Everything but the officers' notes: the financial guard's fields and the links.
    readonly_fields = [f.name for f in Loan._meta.concrete_fields if f.name not in {"id", "notes"}]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "borrower",
                "product",
                "application",
                "approved_by",
                "disbursed_by",
                "disbursement_account",
            )
        )

    def has_add_permission(self, request):
        return False  # loans are opened by accepting an offer

    def has_delete_permission(self, request, obj=None):
        return False

    def has_disburse_permission(self, request):
        return request.user.has_perm(DISBURSE_PERM)

    def save_model(self, request, obj, form, change):
        loan_update(acting_user=request.user, loan=obj, notes=form.cleaned_data["notes"])

    def has_moratorium_permission(self, request):
        return request.user.has_perm("loans.apply_moratorium")

    @admin.action(description="Grant a moratorium…", permissions=["moratorium"])
    def moratorium_selected(self, request, queryset):
        """To the moratorium page (repayments.admin.servicing.moratoria) with the loans
        chosen; it confirms before anything moves. By URL name: no upward import."""
        ids = ",".join(str(pk) for pk in queryset.order_by("pk").values_list("pk", flat=True))
        return HttpResponseRedirect(f"{reverse('admin:loans_moratorium_grant')}?loans={ids}")

    @admin.action(description="Disburse…", permissions=["disburse"])
    @reauth_required
    def disburse_selected(self, request, queryset):
        loan = self.only_one_selected(
            request,
            queryset.select_related("borrower", "product"),
            "Select exactly one loan: every disbursement has its own bank reference.",
        )
        if loan is None:
            return None

        def disburse(data):
            paid = loan_disburse(acting_user=request.user, loan=loan, **data)
            payee = paid.disbursement_account
            self.message_user(
                request,
                f"Loan #{paid.pk} disbursed on {paid.disbursed_on:%d %b %Y}: "
                f"₹{paid.net_disbursed} paid out to {payee.holder_name}, "
                f"{payee.masked_number}, {payee.ifsc}; first installment due "
                f"{paid.installments.order_by('number').first().due_date:%d %b %Y}.",
                messages.SUCCESS,
            )

        return self.action_form_page(
            request,
            action="disburse_selected",
            form_class=DisburseForm,
            initial={"disbursed_on": today_ist()},
            apply=disburse,
            template="admin/loans/loan/disburse.html",
            title=f"Disburse loan #{loan.pk}",
            objects=[loan],
            loan=loan,
            account=bank_account_current(user=loan.borrower),
        )


class EntryLineInline(ReadOnlyInline):
    model = JournalLine
    fk_name = "entry"
    fields = ["account", "loan", "debit", "credit"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("account")


@admin.register(JournalEntry)
class JournalEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "entry_date", "kind", "loan", "reference", "amount", "created_by"]
    list_select_related = ["created_by", "loan"]
    list_filter = ["kind", "entry_date"]
    search_fields = ["reference", "=loan__id"]
    search_help_text = "Bank reference, or loan id."
    ordering = ["-id"]
    show_full_result_count = False
    inlines = [EntryLineInline]
    fields = ["entry_date", "kind", "loan", "memo", "reference", "reverses", "created_by"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(amount=Sum("lines__debit"))

    @admin.display(description="amount", ordering="amount")
    def amount(self, entry: JournalEntry):
        return entry.amount


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    """The chart of accounts with each account's totals over every posted line."""

    list_display = ["code", "name", "kind", "debits", "credits", "balance"]
    ordering = ["code"]
    fields = ["code", "name", "kind"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                total_debit=Coalesce(Sum("lines__debit"), ZERO, output_field=MONEY),
                total_credit=Coalesce(Sum("lines__credit"), ZERO, output_field=MONEY),
            )
        )

    @admin.display(description="debits", ordering="total_debit")
    def debits(self, account):
        return account.total_debit

    @admin.display(description="credits", ordering="total_credit")
    def credits(self, account):
        return account.total_credit

    @admin.display(description="balance (normal side)")
    def balance(self, account):
        # Assets and expenses are debit-normal; income and liabilities credit-normal.
        if account.kind in (AccountKind.ASSET, AccountKind.EXPENSE):
            return account.total_debit - account.total_credit
        return account.total_credit - account.total_debit
