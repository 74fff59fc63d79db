"""The officer console: mandates (pause / resume / cancel as actions), presentation batches
with their results, and each presentation. Thin: every change is a service call."""

from django.contrib import admin

from lendingsite.admin import ActionFormMixin, ReadOnlyAdmin, ReadOnlyInline
from mandates.models import Mandate, Presentation, PresentationBatch
from mandates.services import mandate_cancel, mandate_pause, mandate_resume


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
