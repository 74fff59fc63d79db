"""The borrower's loan page (/loans/<id>/): the schedule with paid / partly paid / overdue
marks, payments, a foreclosure quote for a chosen date, statement downloads, the No Dues
Certificate once the loan is closed, and the cooling-off cancellation while it applies. Numbers come from the services' own functions
(foreclosure_quote, cooling_off_quote, statement_csv/pdf); only the borrower's own loans
are found, so another borrower's id is a 404."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.forms_borrower import CoolingOffCancelForm, ForeclosureQuoteForm
from loans.models import Installment, InstallmentStatus, Loan, LoanStatus
from loans.selectors import OWING, loans_with_balances
from loans.services.loans import cooling_off_quote, loan_cooling_off_cancel
from repayments.certificates import certificate_available, certificate_response
from repayments.models import Payment
from repayments.selectors import foreclosure_quote
from repayments.statements import statement_csv, statement_pdf

STATUS_LABELS = {
    InstallmentStatus.PAID: "Paid",
    InstallmentStatus.PARTIALLY_PAID: "Partly paid",
    InstallmentStatus.DUE: "Due",
    InstallmentStatus.OVERDUE: "Overdue",
}


def schedule_rows(loan: Loan, *, on: date) -> list[dict]:
    rows = []
    for inst in loan.installments.all():
        status = inst.status_on(on)
        label = STATUS_LABELS[status]
        if status == InstallmentStatus.OVERDUE and inst.total_paid > 0:
            label = "Overdue (partly paid)"
        if loan.status not in OWING and status != InstallmentStatus.PAID:
            status, label = "closed", "Not due (loan closed)"
        rows.append(
            {
                "number": inst.number,
                "due_date": inst.due_date,
                "principal": inst.principal_due,
                "interest": inst.interest_due,
                "penal": inst.penal_due,
                "fees": inst.fees_due,
                "total": inst.total_due,
                "paid": inst.total_paid,
                "status": status,
                "status_label": label,
                "balance": inst.balance_after,
            }
        )
    return rows


def _own_loan(request, pk: int) -> Loan:
    qs = (
        loans_with_balances(Loan.objects.filter(borrower=request.user))
        .select_related("product")
        .prefetch_related(Prefetch("installments", queryset=Installment.objects.order_by("number")))
    )
    return get_object_or_404(qs, pk=pk)


def _foreclosure(request, loan: Loan, today: date) -> tuple[ForeclosureQuoteForm, object]:
    """The GET form's quote (only when asked: `as_of` in the query string)."""
    if "as_of" not in request.GET:
        return ForeclosureQuoteForm(initial={"as_of": today}), None
    form = ForeclosureQuoteForm(request.GET)
    if not form.is_valid():
        return form, None
    as_of = form.cleaned_data["as_of"]
    if as_of < today:
        form.add_error("as_of", "Choose today or a later date.")
        return form, None
    try:
        return form, foreclosure_quote(loan, as_of=as_of)
    except DomainError as exc:
        form.add_refusal(exc)
        return form, None


def _cooling_off(loan: Loan, today: date) -> dict | None:
    """What cancelling today would take, while the cooling-off period applies."""
    if loan.status != LoanStatus.ACTIVE or not loan.cooling_off_until:
        return None
    if today > loan.cooling_off_until:
        return None
    try:
        return cooling_off_quote(loan=loan, on=today)
    except DomainError:
        return None  # e.g. a payment was made: the period no longer applies to this loan


def _loan_context(request, loan: Loan, *, cancel_form=None) -> dict:
    today = today_ist()
    foreclosure_form, foreclosure = _foreclosure(request, loan, today)
    cooling = _cooling_off(loan, today)
    return {
        "loan": loan,
        "today": today,
        "rows": schedule_rows(loan, on=today),
        "payments": Payment.objects.filter(loan=loan).order_by("-paid_on", "-id"),
        "foreclosure_form": foreclosure_form,
        "foreclosure": foreclosure,
        "can_foreclose": loan.status == LoanStatus.ACTIVE,
        "cooling_off": cooling,
        "cancel_form": cancel_form or (CoolingOffCancelForm() if cooling else None),
        "statement_csv": _statement_url(loan, "csv"),
        "statement_pdf": _statement_url(loan, "pdf"),
        "can_pay": loan.status in OWING,
        "certificate_url": (
            reverse("borrower:no_dues_certificate", args=[loan.pk])
            if certificate_available(loan)
            else None
        ),
    }


def _statement_url(loan: Loan, fmt: str) -> str | None:
    if loan.disbursed_on is None:
        return None
    return f"{reverse('borrower:statement', args=[loan.pk])}?format={fmt}"


@login_required
@require_safe
def loan_page(request, pk: int):
    loan = _own_loan(request, pk)
    return render(request, "borrower/loan.html", _loan_context(request, loan))


@login_required
@require_POST
def loan_cancel(request, pk: int):
    """Cooling-off cancellation: the borrower has sent back the amount shown and gives its
    reference; loan_cooling_off_cancel checks the period, the amount and the date."""
    loan = _own_loan(request, pk)
    form = CoolingOffCancelForm(request.POST)
    status = 200
    if form.is_valid():
        today = today_ist()
        try:
            due = cooling_off_quote(loan=loan, on=today)
            loan_cooling_off_cancel(
                acting_user=request.user,
                loan=loan,
                paid_on=today,
                amount=due["total"],
                reference=form.cleaned_data["reference"],
            )
        except DomainError as exc:
            form.add_refusal(exc)
            status = 200 if exc.code == "validation_error" else exc.status
        else:
            messages.success(request, f"Loan #{loan.pk} is cancelled. Nothing more is owed.")
            return redirect("borrower:loan", pk=loan.pk)
    context = _loan_context(request, loan, cancel_form=form)
    return render(request, "borrower/loan.html", context, status=status)


@login_required
@require_safe
def statement(request, pk: int):
    """The loan statement as CSV or PDF (repayments.statements), for the owner only."""
    loan = get_object_or_404(
        Loan.objects.filter(borrower=request.user).select_related("product", "borrower"), pk=pk
    )
    fmt = request.GET.get("format", "csv")
    if fmt not in {"csv", "pdf"}:
        raise Http404("Statements come as csv or pdf.")
    if fmt == "csv":
        response = HttpResponse(statement_csv(loan), content_type="text/csv")
    else:
        response = HttpResponse(statement_pdf(loan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="loan-{loan.pk}-statement.{fmt}"'
    response["Cache-Control"] = "private, no-store"  # personal financial data
    return response


@login_required
@require_safe
def no_dues_certificate(request, pk: int):
    """The No Dues Certificate (repayments.certificates) of the borrower's own closed loan;
    for a loan not closed, back to its page with the reason."""
    loan = get_object_or_404(
        Loan.objects.filter(borrower=request.user).select_related("product", "borrower"), pk=pk
    )
    try:
        return certificate_response(loan)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("borrower:loan", pk=loan.pk)
