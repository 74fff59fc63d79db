"""The applications queue in the officer console. Nothing here changes an application on
its own: the actions call loans.services.applications (the same functions as the API) and
report a refusal (maker-checker, eligibility, wrong state) as a message in the service's
own words. Every field is read-only: the form never writes amounts, terms or status."""

from django import forms
from django.contrib import admin
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from accounts.models import User
from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin
from lendingsite.guard import APPLICATION_PROTECTED_FIELDS, GuardedAdminMixin
from lendingsite.money import format_inr
from loans.admin.decisions import approve_page, recommend_page
from loans.models import Consent, LoanApplication
from loans.services.applications import CHANGE_PERM, DECIDE_PERM, application_reject

KFS_FIGURES = [
    ("Amount", "principal", "₹{}"),
    ("Annual rate", "annual_rate", "{}%"),
    ("APR", "apr", "{}%"),
    ("Installments", "number_of_installments", "{}"),
    ("Installment", "installment_amount", "₹{}"),
    ("Total interest", "total_interest", "₹{}"),
    ("Charges (incl. GST)", "total_charges", "₹{}"),
    ("Net disbursed", "net_disbursed", "₹{}"),
    ("Total payable", "total_payable", "₹{}"),
    ("Valid until", "valid_until", "{}"),
]


class OfficerFilter(admin.SimpleListFilter):
    """Who created the application, among staff (a borrower's own applications are the
    "self-service" choice)."""

    title = "created by"
    parameter_name = "officer"

    def lookups(self, request, model_admin):
        makers = LoanApplication.objects.values("created_by")
        officers = User.objects.filter(is_staff=True, pk__in=makers).order_by("email")
        return [("self", "the borrower (self-service)")] + [(str(u.pk), u.email) for u in officers]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "self":
            return queryset.filter(created_by=F("borrower"))
        if value and value.isdigit():
            return queryset.filter(created_by_id=int(value))
        return queryset


class WaitingForFilter(admin.SimpleListFilter):
    """ "Waiting for me": recommended applications the viewer may decide, i.e. neither
    created nor recommended by them (maker-checker; the credit manager's home links here)."""

    title = "waiting for"
    parameter_name = "waiting_for"

    def lookups(self, request, model_admin):
        return [("me", "me (not my own)")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return (
                queryset.filter(status="under_review", recommended_by__isnull=False)
                .exclude(recommended_by=request.user)
                .exclude(created_by=request.user)
            )
        return queryset


class RejectReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Recorded on the application and in the audit trail.",
    )


@admin.register(LoanApplication)
class LoanApplicationAdmin(GuardedAdminMixin, ActionFormMixin, admin.ModelAdmin):
    # The form writes nothing at all; a forged POST naming one of these is also on record.
    protected_fields = APPLICATION_PROTECTED_FIELDS | {
        "borrower",
        "product",
        "amount",
        "tenure",
        "monthly_income",
        "existing_emis",
    }
    list_display = [
        "id",
        "borrower",
        "product",
        "amount",
        "tenure",
        "status",
        "score",
        "grade",
        "created_by",
        "created_at",
    ]
    list_display_links = ["id", "borrower"]
    list_filter = ["status", "grade", OfficerFilter, WaitingForFilter]
    list_select_related = ["borrower", "product", "created_by"]
    date_hierarchy = "created_at"
    search_fields = ["=id", "borrower__email"]
    search_help_text = "Application id, or the borrower's email (or part of it)."
    ordering = ["-created_at", "-id"]
    show_full_result_count = False  # one COUNT(*) per page view, not two
    actions = ["recommend_selected", "approve_selected", "reject_selected"]
    action_noun = "application"
    fieldsets = [
        (
            "Application",
            {
                "fields": [
                    "borrower",
                    "product",
                    "amount",
                    "tenure",
                    "purpose",
                    "monthly_income",
                    "existing_emis",
                    "status",
                    "created_by",
                    "created_at",
                ]
            },
        ),
        ("Scoring", {"fields": ["submitted_at", "score", "grade", "reasons_list"]}),
        ("Hard-stop override", {"fields": ["override_record"]}),
        (
            "Decision",
            {"fields": ["recommended_by", "decided_by", "decided_at", "decision_reason"]},
        ),
        (
            "Offer and Key Fact Statement",
            {
                "fields": [
                    "offered_amount",
                    "offered_rate",
                    "offer_expires_on",
                    "kfs_summary",
                    "kfs_hash",
                ]
            },
        ),
        ("Borrower's consent", {"fields": ["consent_record", "loan_link"]}),
    ]

    # The console reads applications; only the actions (services) move them.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_recommend_permission(self, request):
        return request.user.has_perm(CHANGE_PERM)

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE_PERM)

    # --- read-only displays ---------------------------------------------------------------

    @admin.display(description="reasons")
    def reasons_list(self, obj):
        if not obj.reasons:
            return "Not scored yet."
        rows = format_html_join(
            "",
            "<li><strong>{}</strong> ({} points{}): {}</li>",
            (
                (
                    r.get("code", ""),
                    r.get("points", 0),
                    ", hard stop" if r.get("hard_stop") else "",
                    r.get("text", ""),
                )
                for r in obj.reasons
            ),
        )
        return format_html("<ul>{}</ul>", rows)

    @admin.display(description="override")
    def override_record(self, obj):
        if not obj.hard_stop_override_by_id:
            return "None: every hard stop blocks approval."
        return format_html(
            "{} set aside by {} at {}: “{}”",
            ", ".join(obj.hard_stop_override_codes),
            obj.hard_stop_override_by,
            obj.hard_stop_override_at,
            obj.hard_stop_override_reason,
        )

    @admin.display(description="Key Fact Statement")
    def kfs_summary(self, obj):
        if not obj.kfs:
            return "No offer yet."
        rows = format_html_join(
            "",
            '<tr><th scope="row">{}</th><td>{}</td></tr>',
            (
                (
                    label,
                    format_inr(obj.kfs.get(key))
                    if shape == "₹{}"
                    else shape.format(obj.kfs.get(key, "")),
                )
                for label, key, shape in KFS_FIGURES
            ),
        )
        url = reverse("loans:kfs", args=[obj.pk])
        return format_html(
            '<table class="kfs-summary">{}</table><p><a href="{}">The full, printable KFS</a></p>',
            rows,
            url,
        )

    @admin.display(description="consent")
    def consent_record(self, obj):
        try:
            consent = obj.consent
        except Consent.DoesNotExist:
            return "Not accepted."
        matches = "matches" if consent.kfs_hash == obj.kfs_hash else "DOES NOT MATCH"
        return format_html(
            "Accepted by {} at {} from {} ({}); KFS version {} ({} the offer).",
            consent.borrower,
            consent.accepted_at,
            consent.ip or "unknown address",
            consent.user_agent or "unknown browser",
            consent.kfs_hash[:12],
            matches,
        )

    @admin.display(description="loan account")
    def loan_link(self, obj):
        loan = getattr(obj, "loan", None)
        if loan is None:
            return "None yet."
        try:
            url = reverse("admin:loans_loan_change", args=[loan.pk])
        except NoReverseMatch:  # the loans page is not in the console
            return f"Loan #{loan.pk} ({loan.get_status_display()})"
        return format_html(
            '<a href="{}">Loan #{}</a> ({})', url, loan.pk, loan.get_status_display()
        )

    # --- actions: each calls the service ----------------------------------------------------

    def action_refusal(self, obj, exc):
        return exc.detail if f"#{obj.pk}" in exc.detail else f"Application #{obj.pk}: {exc.detail}"

    @admin.action(
        description="Recommend for a credit decision… (shows the score first)",
        permissions=["recommend"],
    )
    def recommend_selected(self, request, queryset):
        return recommend_page(self, request, queryset)

    @admin.action(
        description="Approve… (shows the score and the offer first)", permissions=["decide"]
    )
    @reauth_required
    def approve_selected(self, request, queryset):
        return approve_page(self, request, queryset)

    @admin.action(description="Reject… (asks for the reason)", permissions=["decide"])
    def reject_selected(self, request, queryset):
        return self.action_form_each(
            request,
            queryset,
            act=lambda app, data: application_reject(
                acting_user=request.user, application=app, reason=data["reason"]
            ),
            done="Rejected",
            action="reject_selected",
            form_class=RejectReasonForm,
            template="admin/loans/loanapplication/reject_reason.html",
            title="Reject loan applications",
            objects=queryset.select_related("borrower", "product").order_by("pk"),
        )
