"""The portfolio dashboard: the day-end's snapshot as figures, SVG charts and their tables."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from console.charts import bars, paired_bars
from console.forms import DashboardFilter
from console.selectors.portfolio import portfolio

# Who may see the book's figures: anyone who may view loans (every staff role but the
# collector, whose console is their own cases).
VIEW_PERM = "loans.view_loan"


def dashboard(request):
    if not request.user.has_perm(VIEW_PERM):
        raise PermissionDenied
    form = DashboardFilter(request.GET or None)
    as_of = product = None
    if form.is_valid():
        as_of = form.cleaned_data["as_of"]
        product = form.cleaned_data["product"]
    book = portfolio(as_of=as_of, product_id=product.pk if product else None)
    months = book.months
    context = {
        **admin.site.each_context(request),
        "title": "Portfolio dashboard",
        "form": form,
        "book": book,
        "bucket_bars": bars([(b["bucket"], b["principal_outstanding"]) for b in book.buckets]),
        "par_bars": bars([(p["name"], p["amount"]) for p in book.par]),
        "dc_bars": paired_bars(
            [(f"{m['month']:%b %y}", m["demand"], m["collected"]) for m in months]
        ),
        "disb_bars": bars([(f"{m['month']:%b %y}", m["disbursed_amount"]) for m in months]),
    }
    return TemplateResponse(request, "console/dashboard.html", context)
