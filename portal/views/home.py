"""The landing page."""

from django.conf import settings
from django.shortcuts import render

from loans.forms import CalculatorForm
from loans.services.products import products_for


def home(request):
    # The calculator form submits to /calculator/ (loans:calculator), so its numbers come
    # from the same quote function; the cards show products open for applications.
    return render(
        request,
        "home.html",
        {
            "products": products_for(None),
            "calculator_form": CalculatorForm(user=request.user, label_suffix=""),
            "lender_name": settings.LENDER_NAME,
            "grievance": settings.GRIEVANCE_OFFICER,
        },
    )
