"""The payment register's tools: a from/to date filter and the streamed CSV download of
whatever the changelist currently shows (its filters, search and order)."""

import csv
from datetime import datetime

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from lendingsite.dates import today_ist

CSV_COLUMNS = [
    ("id", "id"),
    ("paid_on", "paid_on"),
    ("utr", "utr"),
    ("loan", "loan_id"),
    ("borrower_email", "loan__borrower__email"),
    ("amount", "amount"),
    ("channel", "channel"),
    ("status", "status"),
    ("source", "source"),
    ("received_by", "received_by__email"),
    ("penal", "penal"),
    ("fees", "fees"),
    ("interest", "interest"),
    ("principal", "principal"),
    ("excess", "excess"),
    ("posted_at", "posted_at"),
    ("reversed_on", "reversal__reversed_on"),
    ("reversal_reason", "reversal__reason"),
]


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value):
    # A cell starting with = + - @ is a formula to a spreadsheet (CSV injection): UTRs,
    # emails and reasons are typed by people, so such text is quoted as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")  # IST, as on screen
    return "" if value is None else value


class DateRangeFilter(admin.FieldListFilter):
    """From / to (inclusive) on a date field, typed as two dates: `<field>__gte`,
    `<field>__lte`. An empty box means no bound on that side."""

    template = "admin/repayments/date_range_filter.html"

    def __init__(self, field, request, params, model, model_admin, field_path):
        self.lookup_from = f"{field_path}__gte"
        self.lookup_to = f"{field_path}__lte"
        super().__init__(field, request, params, model, model_admin, field_path)
        # An empty box submitted by the form is no bound, not an invalid date.
        kept = {key: [v for v in values if v] for key, values in self.used_parameters.items()}
        self.used_parameters = {key: values for key, values in kept.items() if values}

    def expected_parameters(self):
        return [self.lookup_from, self.lookup_to]

    def choices(self, changelist):
        mine = set(self.expected_parameters())
        others = [
            (key, value)
            for key, values in changelist.params.items()
            if key not in mine and key != "p"
            for value in (values if isinstance(values, list) else [values])
        ]
        yield {
            "from_name": self.lookup_from,
            "to_name": self.lookup_to,
            "from_value": (self.used_parameters.get(self.lookup_from) or [""])[-1],
            "to_value": (self.used_parameters.get(self.lookup_to) or [""])[-1],
            "others": others,
            "clear": changelist.get_query_string(remove=list(mine)),
        }


def register_csv(modeladmin, request) -> HttpResponseRedirect | StreamingHttpResponse:
    """The register as CSV, with the changelist's current filters, search and order;
    streamed, so a year of payments never sits in memory."""
    if not modeladmin.has_view_permission(request):
        raise PermissionDenied
    try:
        changelist = modeladmin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        return HttpResponseRedirect(reverse("admin:repayments_payment_changelist") + "?e=1")
    rows = changelist.queryset.values_list(*(source for _, source in CSV_COLUMNS))
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([name for name, _ in CSV_COLUMNS])
        for row in rows.iterator(chunk_size=2000):
            yield writer.writerow([_csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="payments-{today_ist():%Y-%m-%d}.csv"'
    return response
