"""The Key Fact Statement page (/applications/<id>/kfs/): the frozen KFS of an offer,
printable, with the borrower's "Accept" form. Accepting calls application_accept, the same
service as POST /api/v1/applications/{id}/accept/; its refusals (an expired offer, a KFS
that changed) are shown on the form in its own words."""

from datetime import date
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from django_fsm import can_proceed

from lendingsite.errors import DomainError
from loans.models import Consent
from loans.selectors import application_kfs, applications_for
from loans.services.applications import application_accept
from portal.forms.accounts import add_refusal

TEMPLATE = "loans/kfs.html"


class KfsAcceptForm(forms.Form):
    agree = forms.BooleanField(
        label="I have read and accept the Key Fact Statement",
        error_messages={
            "required": "Tick the box to confirm that you have read and accept the Key Fact Statement."
        },
    )
    # The version the borrower was shown: if the offer changed meanwhile, the service refuses.
    kfs_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)


def _schedule_rows(kfs: dict) -> list[dict]:
    return [
        {
            **row,
            "due_date": date.fromisoformat(row["due_date"]),
            **{k: Decimal(row[k]) for k in ("principal", "interest", "total", "balance")},
        }
        for row in kfs.get("schedule", [])
    ]


@login_required
@require_http_methods(["GET", "POST"])
def kfs_page(request, pk: int):
    application = get_object_or_404(applications_for(request.user), pk=pk)
    try:
        statement = application_kfs(application)
    except DomainError as exc:
        context = {"application": application, "no_offer": exc.detail}
        return render(request, TEMPLATE, context, status=exc.status)

    initial = {"kfs_hash": statement["kfs_hash"]}
    form = KfsAcceptForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            loan = application_accept(
                acting_user=request.user,
                application=application,
                kfs_hash_seen=form.cleaned_data["kfs_hash"],
            )
        except DomainError as exc:
            add_refusal(form, exc)
            status = 200 if exc.code == "validation_error" else exc.status
        else:
            messages.success(
                request,
                f"Thank you: you accepted this offer. Your loan account #{loan.pk} is open and "
                "the money will be paid out once our finance team has disbursed it.",
            )
            return redirect("borrower:loan", pk=loan.pk)  # the new loan account

    is_borrower = request.user.pk == application.borrower_id
    context = {
        "application": application,
        "kfs": statement,
        "valid_until": date.fromisoformat(statement["valid_until"]),
        "generated_on": date.fromisoformat(statement["generated_on"]),
        "schedule_rows": _schedule_rows(statement),
        "schedule_totals": {
            "total_principal": statement["principal"],
            "total_interest": statement["total_interest"],
            "total_payable": statement["total_payable"],
        },
        "consent": Consent.objects.filter(application=application).first(),
        # Whether to offer the form at all; the service still decides whether accepting is
        # allowed when it is posted.
        "is_borrower": is_borrower,
        "can_accept": is_borrower and can_proceed(application.accept),
        "form": form,
    }
    return render(request, TEMPLATE, context, status=status)
