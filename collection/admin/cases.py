"""The collections desk in the officer console: the worklist of cases (filters by bucket,
DPD range, collector, promise due, legal escalation), bulk assignment, the case page with
its contacts, promises, bucket history and loan summary, forms to record a contact or a
promise there, and the borrower's phone: masked, with a button that reveals it to the
case's collector or a manager (audited, collection.services.pii). Collector scores and the
notification log are read-only.

Nothing here writes on its own: assignment, contacts and promises go through
collection.services.desk, exactly as the API does. Collectors see only their own cases
(collection.selectors.cases_for); another collector's case is a 404.
"""

from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from accounts.admin.common import form_errors_from
from collection.admin.filters import (
    BucketFilter,
    CollectorFilter,
    DpdRangeFilter,
    PromiseDueFilter,
    QuietFilter,
)
from collection.admin.phone import PhoneRevealMixin
from collection.models import (
    OPEN_CASE_STATUSES,
    CollectionCase,
    ContactChannel,
    ContactLog,
    ContactOutcome,
    PromiseToPay,
)
from collection.selectors import (
    ADD_CONTACT_PERM,
    ADD_PROMISE_PERM,
    ASSIGN_PERM,
    active_collectors,
    case_bucket_history,
    case_loan_summary,
    cases_for,
    sees_every_case,
)
from collection.services.desk import (
    cases_assign,
    cases_assign_round_robin,
    contact_log,
    promise_record,
)
from collection.services.pii import phone_reveal_refusal
from lendingsite.admin import ActionFormMixin, ReadOnlyInline, display_value, form_page
from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from loans.forms import AmountField


class ContactInline(ReadOnlyInline):
    model = ContactLog
    fields = ["contacted_at", "channel", "outcome", "note", "collector"]
    readonly_fields = fields
    ordering = ["-contacted_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("collector")


class PromiseInline(ReadOnlyInline):
    model = PromiseToPay
    fields = ["created_at", "amount", "promised_on", "status", "settled_on", "recorded_by"]
    readonly_fields = fields
    ordering = ["-created_at", "-id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


class AssignForm(forms.Form):
    collector = forms.ModelChoiceField(queryset=active_collectors(), label="Collector")


class ContactForm(forms.Form):
    channel = forms.ChoiceField(choices=ContactChannel.choices)
    outcome = forms.ChoiceField(choices=ContactOutcome.choices)
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class PromiseForm(forms.Form):
    amount = AmountField(max_digits=14, decimal_places=2, label="Amount (₹)")
    promised_on = forms.DateField(
        label="Promised date", widget=forms.DateInput(attrs={"type": "date"})
    )


RECORDERS = {
    # kind (in the URL): the form, the service it feeds, the permission, what it records
    "contact": (ContactForm, contact_log, ADD_CONTACT_PERM, "contact"),
    "promise": (PromiseForm, promise_record, ADD_PROMISE_PERM, "promise"),
}


# Panels that higher apps add to the case page (a title and a function case -> HTML): the
# auto-debit bounces of the mandates app, which this app may not import.
CASE_PANELS: list[tuple[str, Callable]] = []


def case_panel(title: str) -> Callable:
    def register(render: Callable) -> Callable:
        CASE_PANELS.append((title, render))
        return render

    return register


@admin.register(CollectionCase)
class CollectionCaseAdmin(PhoneRevealMixin, ActionFormMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "loan_ref",
        "borrower_name",
        "bucket",
        "dpd",
        "overdue_amount",
        "status",
        "assigned_to",
        "promise",
        "legal_escalated",
        "opened_on",
    ]
    list_display_links = ["id", "loan_ref"]
    list_filter = [
        "status",
        BucketFilter,
        DpdRangeFilter,
        CollectorFilter,
        PromiseDueFilter,
        QuietFilter,
        "legal_escalated",
    ]
    search_fields = ["=id", "=loan__id", "loan__borrower__email", "loan__borrower__full_name"]
    search_help_text = "Case id, loan id, or the borrower's email or name."
    ordering = ["-loan__dpd", "id"]
    show_full_result_count = False
    actions = ["assign_to_collector", "assign_round_robin"]
    inlines = [PromiseInline, ContactInline]
    fieldsets = [
        (
            "Case",
            {
                "fields": [
                    "loan_ref",
                    "borrower_name",
                    "borrower_phone",
                    "status",
                    "assigned_to",
                    "opened_on",
                    "closed_on",
                ]
            },
        ),
        (
            "Delinquency (set by the day-end)",
            {"fields": ["dpd", "bucket", "overdue_amount", "legal_escalated", "escalated_on"]},
        ),
        ("Loan", {"fields": ["loan_summary"]}),
        ("Bucket history", {"fields": ["bucket_history"]}),
        ("Elsewhere", {"fields": ["other_panels"]}),
    ]
    readonly_fields = [
        "loan_ref",
        "borrower_name",
        "borrower_phone",
        "status",
        "assigned_to",
        "opened_on",
        "closed_on",
        "dpd",
        "bucket",
        "overdue_amount",
        "legal_escalated",
        "escalated_on",
        "loan_summary",
        "bucket_history",
        "other_panels",
    ]

    def get_queryset(self, request):
        return cases_for(request.user)

    def get_list_filter(self, request):
        if sees_every_case(request.user):
            return self.list_filter
        return [f for f in self.list_filter if f is not CollectorFilter]

    # The console reads cases; the actions and the record forms call the services.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_assign_permission(self, request):
        return request.user.has_perm(ASSIGN_PERM)

    @admin.display(description="DPD", ordering="loan__dpd")
    def dpd(self, case):
        return case.loan.dpd

    @admin.display(description="bucket", ordering="loan__bucket")
    def bucket(self, case):
        return case.loan.bucket

    @admin.display(description="loan", ordering="loan_id")
    def loan_ref(self, case):
        return f"Loan #{case.loan_id}"

    @admin.display(description="borrower", ordering="loan__borrower__full_name")
    def borrower_name(self, case):
        borrower = case.loan.borrower
        return borrower.full_name or borrower.email

    @admin.display(description="pending promise", ordering="promise_due_on")
    def promise(self, case):
        if getattr(case, "promise_due_on", None) is None:
            return "—"
        return f"{format_inr(case.promise_amount)} by {case.promise_due_on:%d %b %Y}"

    @admin.display(description="loan summary")
    def loan_summary(self, case):
        rows = case_loan_summary(case)
        return format_html(
            "<table><tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><th>{}</th><td>{}</td></tr>",
                ((k.replace("_", " "), display_value(k, v)) for k, v in rows.items()),
            ),
        )

    @admin.display(description="from other apps")
    def other_panels(self, case):
        return format_html_join(
            "", "<h4>{}</h4>{}", ((title, render(case)) for title, render in CASE_PANELS)
        )

    @admin.display(description="bucket history")
    def bucket_history(self, case):
        rows = case_bucket_history(case)
        if not rows:
            return "No bucket changes recorded."
        return format_html(
            "<table><thead><tr><th>date</th><th>from</th><th>to</th><th>DPD</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join(
                "",
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                (
                    (display_value("date", r.business_date), r.from_bucket, r.to_bucket, r.dpd)
                    for r in rows
                ),
            ),
        )

    # --- assignment actions ---------------------------------------------------------

    @admin.action(description="Assign to collector…", permissions=["assign"])
    def assign_to_collector(self, request, queryset):
        cases = list(queryset.order_by("pk"))

        def assign(data):
            collector = data["collector"]
            moved = cases_assign(acting_user=request.user, cases=cases, collector=collector)
            self.message_user(
                request,
                f"{moved} of {len(cases)} case{'s' if len(cases) != 1 else ''} assigned to "
                f"{collector.email}.",
                messages.SUCCESS,
            )

        return self.action_form_page(
            request,
            action="assign_to_collector",
            form_class=AssignForm,
            apply=assign,
            refused=form_errors_from,
            template="admin/collection/collectioncase/assign.html",
            title="Assign cases to a collector",
            objects=cases,
        )

    @admin.action(
        description="Assign unassigned cases round-robin (fewest open cases first)",
        permissions=["assign"],
    )
    def assign_round_robin(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        count = cases_assign_round_robin(case_ids=ids, acting_user=request.user)
        self.message_user(request, f"{count} unassigned case(s) assigned.", messages.SUCCESS)

    # --- recording a contact or a promise from the case page ------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/record/<slug:kind>/",
                wrap(self.record_view),
                name="collection_collectioncase_record",
            ),
            path(
                "<path:object_id>/reveal-phone/",
                wrap(self.reveal_phone_view),
                name="collection_collectioncase_reveal_phone",
            ),
            *super().get_urls(),
        ]

    def _may_record(self, request, case, perm) -> bool:
        user = request.user
        return (
            case.status in OPEN_CASE_STATUSES
            and user.has_perm(perm)
            and (case.assigned_to_id == user.pk or user.has_perm(ASSIGN_PERM))
        )

    def record_view(self, request, object_id, kind):
        if kind not in RECORDERS:
            raise Http404
        form_class, service, _perm, what = RECORDERS[kind]
        case = (
            self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        )
        if case is None:
            raise Http404(f"No case {object_id} for you.")
        form = form_class(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                service(acting_user=request.user, case=case, **form.cleaned_data)
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                self.message_user(request, f"The {what} was recorded on case #{case.pk}.")
                return HttpResponseRedirect(
                    reverse("admin:collection_collectioncase_change", args=[case.pk])
                )
        return form_page(
            self,
            request,
            "admin/collection/collectioncase/record.html",
            title=f"Record a {what} on case #{case.pk}",
            form=form,
            original=case,
            kind=kind,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        case = (
            self.get_queryset(request).filter(pk=object_id).first() if object_id.isdigit() else None
        )
        if case is not None:
            extra_context["record_forms"] = [
                (kind, f"Record a {what}", form_class())
                for kind, (form_class, _, perm, what) in RECORDERS.items()
                if self._may_record(request, case, perm)
            ]
            extra_context["may_reveal_phone"] = phone_reveal_refusal(request.user, case) is None
        return super().change_view(request, object_id, form_url, extra_context)
