"""Officer console pages of the day-end: its runs (with their chunks) and the bucket
history it writes. Read-only for everyone, superusers included: these rows are the job's
record, changed only by collection.dayend. Collections managers and auditors see them
(view permissions in accounts.roles)."""

from django.contrib import admin

from collection.models import BucketHistory, DayEndChunk, DayEndRun
from lendingsite.admin import ReadOnlyAdmin, ReadOnlyInline


class DayEndChunkInline(ReadOnlyInline):
    model = DayEndChunk
    fields = ["step", "lo_id", "hi_id", "done", "finished_at", "counts"]
    readonly_fields = fields
    ordering = ["step", "lo_id"]

    def has_view_permission(self, request, obj=None):
        # A run's chunks are part of the run: whoever may see the run sees them.
        return request.user.has_perm("collection.view_dayendrun")


@admin.register(DayEndRun)
class DayEndRunAdmin(ReadOnlyAdmin):
    list_display = [
        "business_date",
        "status",
        "loans_processed",
        "forced_loan",
        "started_at",
        "finished_at",
        "duration_ms",
    ]
    list_filter = ["status", "job"]
    list_select_related = ["forced_loan"]
    date_hierarchy = "business_date"
    ordering = ["-business_date", "-id"]
    fields = [
        "job",
        "business_date",
        "status",
        "forced_loan",
        "loans_processed",
        "started_at",
        "finished_at",
        "duration_ms",
        "counts",
        "errors",
    ]
    readonly_fields = fields
    inlines = [DayEndChunkInline]


@admin.register(BucketHistory)
class BucketHistoryAdmin(ReadOnlyAdmin):
    list_display = ["business_date", "loan", "from_bucket", "to_bucket", "dpd"]
    list_filter = ["to_bucket", "from_bucket"]
    list_select_related = ["loan"]
    date_hierarchy = "business_date"
    search_fields = ["=loan__id"]
    ordering = ["-business_date", "-id"]
    fields = ["loan", "business_date", "from_bucket", "to_bucket", "dpd", "created_at"]
    readonly_fields = fields
    show_full_result_count = False  # no COUNT(*) over a million rows on every page

    def get_queryset(self, request):
        # Collectors see only their own cases' loans (collection.selectors.cases_for).
        from collection.selectors import cases_for, sees_every_case

        qs = super().get_queryset(request)
        if sees_every_case(request.user):
            return qs
        return qs.filter(loan_id__in=cases_for(request.user).values("loan_id"))
