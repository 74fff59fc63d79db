"""The loan calculator page (/calculator/): a plain GET form, so it works without
JavaScript and a result can be bookmarked or shared. The numbers come from
quote_compose, the very function behind POST /api/v1/quotes/."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.forms import CalculatorForm
from loans.services.products import quote_compose


@require_safe
def calculator(request):
    submitted = any(name in request.GET for name in CalculatorForm.base_fields)
    form = CalculatorForm(request.GET if submitted else None, user=request.user)
    quote = None
    if submitted and form.is_valid():
        data = form.cleaned_data
        try:
            quote = quote_compose(
                product=data["product"],
                principal=data["amount"],
                tenure=data["tenure"],
                annual_rate=data["annual_rate"],
                disbursement_date=today_ist(),
            )
        except DomainError as exc:
            form.add_refusal(exc)
    return render(
        request,
        "loans/calculator.html",
        {
            "form": form,
            "quote": quote,
            "product": form.cleaned_data.get("product") if quote else None,
        },
    )
