"""Borrowers' payout accounts and the bank branch directory in the officer console. The
number is shown masked (the disbursement page alone shows it whole); verification goes
through accounts.services.bank_accounts (maker-checker included)."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from accounts.models import BankAccount, BankBranch
from accounts.services.bank_accounts import EVIDENCE, VERIFY_PERM, bank_account_verify
from lendingsite.admin import ActionFormMixin


class VerifyForm(forms.Form):
    evidence = forms.ChoiceField(
        label="Verify from",
        required=False,
        choices=[("", "the account verifier (penny drop)"), *EVIDENCE.items()],
        help_text="For an account changed after an offer, or when the verifier can't answer.",
    )
    name_seen = forms.CharField(
        label="Holder's name on that document",
        required=False,
        max_length=200,
        help_text="Needed when verifying from a document; it must match the KYC name.",
    )


def bank_accounts_table(profile) -> str:
    """The borrower's payout accounts, newest first, masked: shown read-only on their
    profile page (a display field, not an inline: the profile form stays a plain form)."""
    accounts = profile.bank_accounts.order_by("-created_at", "-id")
    rows = format_html_join(
        "",
        '<tr><td><a href="{}">#{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td></tr>",
        (
            (
                reverse("admin:accounts_bankaccount_change", args=[a.pk]),
                a.pk,
                a.holder_name,
                a.masked_number,
                f"{a.ifsc} ({a.bank_name})",
                a.get_status_display() + (f": {a.status_reason}" if a.status_reason else ""),
                "current" if a.is_current else f"replaced {a.replaced_at:%d %b %Y}",
                f"{a.created_at:%d %b %Y}",
            )
            for a in accounts
        ),
    )
    if not rows:
        return "None added yet."
    return format_html(
        '<table class="bank-accounts"><thead><tr><th>id</th><th>holder</th><th>account</th>'
        "<th>IFSC</th><th>status</th><th></th><th>added</th></tr></thead><tbody>{}</tbody>"
        "</table>",
        rows,
    )


@admin.register(BankAccount)
class BankAccountAdmin(ActionFormMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "borrower",
        "holder_name",
        "masked_number",
        "ifsc",
        "bank_name",
        "status",
        "officer_check_required",
        "is_current",
        "created_at",
    ]
    list_select_related = ["profile__user"]
    list_filter = ["status", "officer_check_required", ("replaced_at", admin.EmptyFieldListFilter)]
    search_fields = ["=id", "profile__user__email", "holder_name", "=ifsc"]
    search_help_text = "Account id, borrower email, holder name or IFSC."
    ordering = ["-created_at", "-id"]
    show_full_result_count = False
    actions = ["verify_selected"]
    action_noun = "bank account"
    fields = [
        "profile",
        "holder_name",
        "masked_number",
        "ifsc",
        "bank_name",
        "branch",
        "status",
        "status_reason",
        "name_at_bank",
        "verification_method",
        "verification_reference",
        "verified_by",
        "verified_at",
        "officer_check_required",
        "added_by",
        "created_at",
        "replaced_at",
    ]
    readonly_fields = fields

    @admin.display(description="borrower", ordering="profile__user__email")
    def borrower(self, obj):
        return obj.profile.user.email

    @admin.display(description="account")
    def masked_number(self, obj):
        return obj.masked_number

    @admin.display(description="current", boolean=True)
    def is_current(self, obj):
        return obj.is_current

    def has_add_permission(self, request):
        return False  # the borrower adds it (their page or the API)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_verify_permission(self, request):
        return request.user.has_perm(VERIFY_PERM)

    @admin.action(description="Verify… (verifier or a document)", permissions=["verify"])
    def verify_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda account, data: bank_account_verify(
                acting_user=request.user,
                account=account,
                name_seen=data["name_seen"],
                evidence=data["evidence"],
            ),
            done="Checked",
            action="verify_selected",
            form_class=VerifyForm,
            template="admin/accounts/bankaccount/verify.html",
            title="Verify bank accounts",
            objects=queryset.select_related("profile").order_by("pk"),
        )

    def action_refusal(self, obj, exc):
        return f"Bank account #{obj.pk}: {exc.detail}"


@admin.register(BankBranch)
class BankBranchAdmin(admin.ModelAdmin):
    """The IFSC directory (`manage.py import_ifsc` loads it); read-only here."""

    list_display = ["ifsc", "bank", "branch", "city", "state"]
    search_fields = ["=ifsc", "bank", "branch", "city"]
    list_filter = ["state"]
    ordering = ["ifsc"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
