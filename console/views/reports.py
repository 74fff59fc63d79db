"""Report pages: the filters, the first rows on the page and the CSV / XLSX downloads of
every row (console.reports). A report the user may not read is 404, as elsewhere."""

from itertools import islice

from django.contrib import admin
from django.http import Http404
from django.template.response import TemplateResponse

from console.forms import ReportFilter
from console.reports import REPORTS, Filters, report_for
from console.reports.export import download

# Rows shown on the page; the downloads carry all of them.
PAGE_ROWS = 500
FORMATS = ("csv", "xlsx")


def report_index(request):
    reports = [r for r in REPORTS.values() if r.allowed(request.user)]
    return TemplateResponse(
        request,
        "console/report_index.html",
        {**admin.site.each_context(request), "title": "Reports", "reports": reports},
    )


def report_page(request, name: str):
    report = report_for(name)
    if report is None or not report.allowed(request.user):
        raise Http404("No such report.")
    form = ReportFilter(request.GET or None)
    valid = form.is_valid() if request.GET else True
    data = form.cleaned_data if request.GET and valid else {}
    product = data.get("product")
    f = Filters(
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        product_id=product.pk if product else None,
    )
    fmt = request.GET.get("format", "")
    if valid and fmt in FORMATS:
        return download(report, f, fmt)
    rows = list(islice(report.rows(f), PAGE_ROWS + 1)) if valid else []
    query = request.GET.copy()
    query.pop("format", None)
    return TemplateResponse(
        request,
        "console/report.html",
        {
            **admin.site.each_context(request),
            "title": report.title,
            "report": report,
            "form": form,
            "rows": rows[:PAGE_ROWS],
            "more": len(rows) > PAGE_ROWS,
            "page_rows": PAGE_ROWS,
            "query": query.urlencode(),
        },
    )
