"""The officer console for referrals: the programme's settings, the review queue (two
officers approve or void a flagged reward), the referrals and the report with its CSV.
Thin: every change calls a service in referrals.services."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from accounts.twofactor.reauth import reauth_required
from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin
from lendingsite.errors import DomainError
from referrals import rules, selectors
from referrals.models import Programme, Referral, Reward
from referrals.reports import report_csv
from referrals.services.rewards import (
    APPROVE,
    PROGRAMME_FIELDS,
    REVIEW_PERM,
    VOID,
    referral_programme_save,
    referral_reward_decide,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "is_active",
        "starts_on",
        "ends_on",
        "reward_amount",
        "earn_rule",
        "monthly_cap_per_referrer",
    ]
    fields = list(PROGRAMME_FIELDS)

    def has_delete_permission(self, request, obj=None):
        return False  # rewards point at it; end it with its dates instead

    def save_model(self, request, obj, form, change):
        values = {name: form.cleaned_data[name] for name in PROGRAMME_FIELDS}
        try:
            saved = referral_programme_save(
                acting_user=request.user, programme=obj if change else None, **values
            )
        except DomainError as exc:
            raise PermissionDenied(exc.detail) from exc
        obj.pk = saved.pk


@admin.register(Referral)
class ReferralAdmin(ReadOnlyAdmin):
    list_display = ["id", "referrer", "referred", "code", "signup_ip", "created_at"]
    list_select_related = ["referrer", "referred"]
    search_fields = ["referrer__email", "referred__email", "=code"]
    search_help_text = "Email of either person, or the code."
    date_hierarchy = "created_at"


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required to propose a void; optional when you confirm one.",
    )


@admin.register(Reward)
class RewardAdmin(ActionFormMixin, ReadOnlyAdmin):
    action_noun = "reward"
    list_display = [
        "id",
        "referrer",
        "loan",
        "amount",
        "status",
        "review_state",
        "reasons",
        "proposed",
        "created_on",
        "paid_on",
        "payout_method",
    ]
    list_select_related = ["referral__referrer", "proposed_by", "loan"]
    list_filter = ["status", "review_state", "payout_method", "created_on"]
    search_fields = ["referral__referrer__email", "referral__referred__email", "=loan__id"]
    search_help_text = "Referrer's or referred person's email, or the loan id."
    ordering = ["-created_at", "-id"]
    actions = ["approve_selected", "void_selected"]
    readonly_fields = [
        "referral",
        "programme",
        "loan",
        "amount",
        "status",
        "review_state",
        "reasons",
        "proposed_decision",
        "proposed_reason",
        "proposed_by",
        "decided_by",
        "void_reason",
        "earned_on",
        "paid_on",
        "payout_method",
        "payment",
        "bank_account",
        "journal_entry",
        "created_on",
    ]
    fields = readonly_fields

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "report_url": reverse("admin:referrals_reward_report"),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "report/",
                self.admin_site.admin_view(self.report_view),
                name="referrals_reward_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = ReportForm(request.GET or None)
        bounds = form.cleaned_data if form.is_valid() else {}
        row = selectors.referral_report(
            date_from=bounds.get("date_from"), date_to=bounds.get("date_to")
        )
        if request.GET.get("format") == "csv" and (
            form.is_valid() or not request.GET.get("date_from")
        ):
            response = HttpResponse(report_csv(row), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="referrals-report.csv"'
            return response
        rows = [(label, row[key]) for key, label in selectors.REPORT_COLUMNS]
        return TemplateResponse(
            request,
            "admin/referrals/reward/report.html",
            {
                **self.admin_site.each_context(request),
                "title": "Referral report",
                "opts": self.model._meta,
                "form": form,
                "rows": rows,
                "csv_query": request.GET.urlencode(),
            },
        )

    @admin.display(description="referrer")
    def referrer(self, reward):
        return reward.referral.referrer

    @admin.display(description="fraud reasons")
    def reasons(self, reward):
        return "; ".join(rules.REASONS.get(code, code) for code in reward.flags) or "—"

    @admin.display(description="proposal")
    def proposed(self, reward):
        if not reward.proposed_decision:
            return "—"
        return format_html(
            "{} by {}", reward.proposed_decision, getattr(reward.proposed_by, "email", "")
        )

    def has_review_permission(self, request):
        return request.user.has_perm(REVIEW_PERM)

    def action_refusal(self, reward, exc):
        return f"Reward {reward.pk}: {exc.detail}"

    def _decide(self, request, queryset, *, decision: str, title: str, done: str):
        rewards = list(queryset.select_related("referral__referrer", "proposed_by").order_by("pk"))
        return self.action_form_each(
            request,
            queryset,
            act=lambda reward, data: referral_reward_decide(
                acting_user=request.user, reward=reward, decision=decision, reason=data["reason"]
            ),
            done=done,
            action=f"{decision}_selected",
            form_class=DecisionForm,
            template="admin/referrals/reward/decide.html",
            title=title,
            objects=rewards,
            decision=decision,
        )

    @admin.action(description="Approve (two officers)…", permissions=["review"])
    @reauth_required
    def approve_selected(self, request, queryset):
        return self._decide(
            request, queryset, decision=APPROVE, title="Approve referral rewards", done="Decided"
        )

    @admin.action(description="Void (two officers)…", permissions=["review"])
    @reauth_required
    def void_selected(self, request, queryset):
        return self._decide(
            request, queryset, decision=VOID, title="Void referral rewards", done="Decided"
        )


class ReportForm(forms.Form):
    date_from = forms.DateField(label="Signed up from", required=False)
    date_to = forms.DateField(label="to", required=False)
