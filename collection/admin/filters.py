"""List filters of the collections worklist (collection.admin.cases): bucket, DPD range, promise
due and collector. DPD and bucket are the loan's (set by the day-end)."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from collection.dayend.buckets import bucket_table
from collection.models import OPEN_CASE_STATUSES, CaseStatus, ContactLog
from collection.selectors import active_collectors
from lendingsite.dates import today_ist


class BucketFilter(admin.SimpleListFilter):
    """The configured buckets (DAY_END_BUCKETS), not the distinct values of a column: no
    scan of the book to draw the filter."""

    title = "bucket"
    parameter_name = "bucket"

    def lookups(self, request, model_admin):
        return [(name, name) for name in bucket_table().names()]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(loan__bucket=self.value())
        return queryset


class DpdRangeFilter(admin.SimpleListFilter):
    title = "days past due"
    parameter_name = "dpd_range"
    RANGES = {"1-30": (1, 30), "31-60": (31, 60), "61-90": (61, 90), "91+": (91, None)}

    def lookups(self, request, model_admin):
        return [(key, key) for key in self.RANGES]

    def queryset(self, request, queryset):
        if self.value() not in self.RANGES:
            return queryset
        low, high = self.RANGES[self.value()]
        queryset = queryset.filter(loan__dpd__gte=low)
        return queryset if high is None else queryset.filter(loan__dpd__lte=high)


class PromiseDueFilter(admin.SimpleListFilter):
    """On the pending promise (annotated by cases_for); "overdue" also takes broken ones."""

    title = "promise due"
    parameter_name = "promise_due"

    def lookups(self, request, model_admin):
        return [("today", "today"), ("overdue", "overdue or broken"), ("week", "this week")]

    def queryset(self, request, queryset):
        today = today_ist()
        if self.value() == "today":
            return queryset.filter(promise_due_on=today)
        if self.value() == "overdue":
            return queryset.filter(
                Q(promise_due_on__lt=today) | Q(status=CaseStatus.BROKEN_PROMISE)
            )
        if self.value() == "week":
            monday = today - timedelta(days=today.weekday())
            return queryset.filter(promise_due_on__range=(monday, monday + timedelta(days=6)))
        return queryset


class CollectorFilter(admin.SimpleListFilter):
    title = "collector"
    parameter_name = "collector"

    def lookups(self, request, model_admin):
        return [("none", "unassigned")] + [(str(u.pk), u.email) for u in active_collectors()]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(assigned_to__isnull=True)
        if self.value() and self.value().isdigit():
            return queryset.filter(assigned_to_id=int(self.value()))
        return queryset


class QuietFilter(admin.SimpleListFilter):
    """Open cases nobody has contacted for N days (the collector's home links here)."""

    title = "not contacted in"
    parameter_name = "quiet"
    CHOICES = {"3": 3, "7": 7, "14": 14}

    def lookups(self, request, model_admin):
        return [(key, f"{days} days") for key, days in self.CHOICES.items()]

    def queryset(self, request, queryset):
        days = self.CHOICES.get(self.value() or "")
        if days is None:
            return queryset
        since = timezone.now() - timedelta(days=days)
        recent = ContactLog.objects.filter(case=OuterRef("pk"), contacted_at__gte=since)
        return queryset.filter(status__in=OPEN_CASE_STATUSES).exclude(Exists(recent))
