"""Read-only desk logs in the officer console: weekly collector scores and the borrower
notification log, every notice and reminder with a row per channel (collections managers
and auditors; collectors have no view permission). Registered on import from
the collection.admin package."""

from django.contrib import admin

from collection.models import CollectorScore, Notification
from lendingsite.admin import ReadOnlyAdmin


def _rate(part, whole) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


@admin.register(CollectorScore)
class CollectorScoreAdmin(ReadOnlyAdmin):
    list_display = [
        "week_start",
        "collector",
        "cases_assigned",
        "cases_contacted",
        "contact_rate",
        "promises_made",
        "promises_kept",
        "kept_rate",
        "amount_assigned",
        "amount_collected",
        "collection_rate",
    ]
    list_select_related = ["collector"]
    list_filter = ["week_start", ("collector", admin.RelatedOnlyFieldListFilter)]
    ordering = ["-week_start", "collector__email"]
    show_full_result_count = False

    @admin.display(description="contact rate")
    def contact_rate(self, score):
        return _rate(score.cases_contacted, score.cases_assigned)

    @admin.display(description="kept rate")
    def kept_rate(self, score):
        return _rate(score.promises_kept, score.promises_made)

    @admin.display(description="collected / assigned")
    def collection_rate(self, score):
        return _rate(score.amount_collected, score.amount_assigned)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "borrower",
        "loan_id",
        "kind",
        "channel",
        "amount",
        "status",
        "not_before",
        "sent_at",
        "error",
    ]
    list_select_related = ["borrower"]
    list_filter = ["status", "kind", "channel"]
    search_fields = ["borrower__email", "=loan__id", "dedupe_key"]
    search_help_text = "Borrower email, loan id or dedupe key."
    ordering = ["-created_at", "-id"]
    show_full_result_count = False
    readonly_fields = [f.name for f in Notification._meta.fields]
