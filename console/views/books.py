"""The books: the month-end closes (status, counts, errors) and, for the close chosen
(the latest by default), its figures: asset classification with provisions, interest
income recognised vs suspended in the month, and the trial balance as of its date."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from accounting.models import MonthEndRun
from accounting.selectors import npa_income, provision_summary, trial_balance
from console.reports import report_for

VIEW_PERM = "accounting.view_monthendrun"  # finance, auditors (accounts.roles)
RUNS_SHOWN = 12
# The reports of these figures (page, CSV, XLSX, API), linked for the close shown: as-of
# reports at its date, period reports over its month.
BOOK_REPORTS = ("trial-balance", "income-recognition", "asset-classification", "npa-movement")


def books(request):
    if not request.user.has_perm(VIEW_PERM):
        raise PermissionDenied
    runs = list(MonthEndRun.objects.order_by("-business_date", "-id")[:RUNS_SHOWN])
    chosen = None
    wanted = request.GET.get("run")
    if wanted and wanted.isdigit():
        chosen = MonthEndRun.objects.filter(pk=int(wanted)).first()
    closes = [r for r in runs if r.kind == "close" and r.status == "completed"]
    chosen = chosen or (closes[0] if closes else None)
    context = {
        **admin.site.each_context(request),
        "title": "Books: month-end close",
        "runs": runs,
        "chosen": chosen,
    }
    if chosen is not None:
        day = chosen.business_date
        summary = provision_summary(chosen)
        context.update(
            classes=summary,
            classes_total={
                "loans": sum(row["loans"] for row in summary),
                "exposure": sum(row["exposure"] for row in summary),
                "provision": sum(row["provision"] for row in summary),
            },
            income=npa_income(start=day.replace(day=1), end=day),
            tb=trial_balance(as_of=day),
            reports=[
                (report, f"date_from={day.replace(day=1).isoformat()}&date_to={day.isoformat()}")
                for report in map(report_for, BOOK_REPORTS)
                if report.allowed(request.user)
            ],
        )
    return TemplateResponse(request, "console/books.html", context)
