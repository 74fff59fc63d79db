"""The officer console: mandates (pause / resume / cancel as actions), presentation batches
with their results, and each presentation. Thin: every change is a service call."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin, ReadOnlyInline
from lendingsite.errors import DomainError
from mandates.models import Mandate, Presentation, PresentationBatch
from mandates.services import mandate_cancel, mandate_pause, mandate_resume
from mandates.webhooks import RESULT_PERM, response_file_load


class ResponseFileForm(forms.Form):
    adapter = forms.CharField(initial="sandbox", max_length=30)
    file = forms.FileField(
        help_text="CSV with the columns reference,status,reason_code (status: success or bounce)."
    )


@admin.register(Mandate)
class MandateAdmin(ActionFormMixin, ReadOnlyAdmin):
    action_noun = "mandate"
    list_display = [
        "reference",
        "loan",
        "status",
        "umrn",
        "max_amount",
        "start_on",
        "end_on",
        "reason_code",
    ]
    list_filter = ["status", "adapter", "frequency"]
    search_fields = ["reference", "umrn", "=loan__id"]
    list_select_related = ["loan"]
    actions = ["pause_moratorium", "resume", "cancel"]
    readonly_fields = [f.name for f in Mandate._meta.fields]

    def has_pause_permission(self, request):
        return request.user.has_perm("mandates.pause_mandate")

    @admin.action(description="Pause (moratorium)", permissions=["pause"])
    def pause_moratorium(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda m: mandate_pause(acting_user=request.user, mandate=m, code="moratorium"),
            done="Paused",
        )

    @admin.action(description="Resume", permissions=["pause"])
    def resume(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda m: mandate_resume(acting_user=request.user, mandate=m),
            done="Resumed",
        )

    @admin.action(description="Cancel for good", permissions=["pause"])
    def cancel(self, request, queryset):
        self.apply_each(
            request,
            queryset,
            lambda m: mandate_cancel(acting_user=request.user, mandate=m, code="officer"),
            done="Cancelled",
        )


class PresentationInline(ReadOnlyInline):
    model = Presentation
    fields = [
        "loan",
        "due_date",
        "attempt",
        "amount",
        "status",
        "result_on",
        "reason_code",
        "payment",
        "charge",
    ]
    readonly_fields = fields


@admin.register(PresentationBatch)
class PresentationBatchAdmin(ReadOnlyAdmin):
    list_display = ["presented_on", "adapter", "count", "total", "created_at"]
    list_filter = ["adapter"]
    date_hierarchy = "presented_on"
    inlines = [PresentationInline]
    readonly_fields = [f.name for f in PresentationBatch._meta.fields]
    change_list_template = "admin/mandates/presentationbatch/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.results_view)
        return [path("results/", view, name="mandates_presentation_results"), *super().get_urls()]

    def results_view(self, request):
        """Finance loads the bank's response file; each line is applied once."""
        if not request.user.has_perm(RESULT_PERM):
            raise PermissionDenied
        form = ResponseFileForm(request.POST or None, request.FILES or None)
        outcome = None
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 20 * 1024 * 1024:
                form.add_error("file", "The file is larger than 20 MB.")
            else:
                try:
                    outcome = response_file_load(
                        acting_user=request.user,
                        adapter=form.cleaned_data["adapter"],
                        content=upload.read(),
                    )
                except DomainError as exc:
                    form.add_error(None, exc.detail)
                else:
                    messages.success(
                        request,
                        f"Applied {outcome['applied']}, already applied {outcome['duplicate']}, "
                        f"refused {len(outcome['errors'])}.",
                    )
                    if not outcome["errors"]:
                        return redirect("admin:mandates_presentationbatch_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Load a bank response file",
            "form": form,
            "outcome": outcome,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/mandates/presentationbatch/results.html", context)


@admin.register(Presentation)
class PresentationAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "loan",
        "due_date",
        "attempt",
        "amount",
        "status",
        "reason_code",
        "result_on",
        "scheduled_on",
    ]
    list_filter = ["status", "reason_code", "attempt"]
    search_fields = ["=loan__id"]
    list_select_related = ["loan"]
    readonly_fields = [f.name for f in Presentation._meta.fields]
