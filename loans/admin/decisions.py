"""The console's confirmation pages for recommending and approving applications: each
shows today's score, grade, reasons and hard stops (and, for approval, the offer it would
make and the payout account) before anything happens; the action runs only when the page
is confirmed. Built on lendingsite.admin; the rules are the services'."""

from django import forms
from django.contrib import messages

from loans.services.applications import (
    application_approve,
    application_decision_view,
    application_hard_stops_override,
    application_recommend,
)
from loans.services.applications.decision import MIN_OVERRIDE_REASON


class RecommendForm(forms.Form):
    note = forms.CharField(
        label="Note for the credit manager",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional; recorded in the audit trail.",
    )


class ApproveForm(forms.Form):
    """Nothing to fill in: confirming the page is the decision."""


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why these hard stops may be set aside",
        min_length=MIN_OVERRIDE_REASON,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Recorded on the application and in the audit trail. You will not be "
        "able to approve it yourself: another credit manager decides.",
    )


def _decisions(applications) -> list[dict]:
    return [
        {"app": app, "view": application_decision_view(application=app)} for app in applications
    ]


def recommend_page(modeladmin, request, queryset):
    apps = list(queryset.select_related("borrower", "product").order_by("pk"))
    return modeladmin.action_form_each(
        request,
        queryset,
        act=lambda app, data: application_recommend(
            acting_user=request.user, application=app, note=data["note"]
        ),
        done="Recommended",
        action="recommend_selected",
        form_class=RecommendForm,
        template="admin/loans/loanapplication/recommend.html",
        title="Recommend applications for a credit decision",
        objects=apps,
        decisions=_decisions(apps),
    )


def approve_page(modeladmin, request, queryset):
    """One application at a time: the page is that application's decision. With hard
    stops no override covers, the page records the override instead (another credit
    manager then approves); with hard stops that cannot be overridden it only explains."""
    app = modeladmin.only_one_selected(
        request,
        queryset.select_related("borrower", "product"),
        "Select exactly one application: each credit decision has its own confirmation page.",
    )
    if app is None:
        return None
    view = application_decision_view(application=app)
    overriding = bool(view.uncovered) and not view.not_overridable
    blocked = bool(view.not_overridable)

    def approve(data):
        done = application_approve(acting_user=request.user, application=app)
        modeladmin.message_user(
            request,
            f"Application #{done.pk} approved: an offer of ₹{done.offered_amount} at "
            f"{done.offered_rate}% a year (APR {done.kfs['apr']}%), open until "
            f"{done.offer_expires_on:%d %b %Y}.",
            messages.SUCCESS,
        )

    def override(data):
        application_hard_stops_override(
            acting_user=request.user, application=app, reason=data["reason"]
        )
        modeladmin.message_user(
            request,
            f"Hard stops of application #{app.pk} set aside, with your reason on record. "
            "Another credit manager must now approve it.",
            messages.SUCCESS,
        )

    return modeladmin.action_form_page(
        request,
        action="approve_selected",
        form_class=OverrideForm if overriding else ApproveForm,
        apply=override if overriding else approve,
        template="admin/loans/loanapplication/approve.html",
        title=f"Approve application #{app.pk}",
        objects=[app],
        decisions=[{"app": app, "view": view}],
        view=view,
        app=app,
        overriding=overriding,
        blocked=blocked,
    )
