"""The borrower's loan page (/loans/<id>/): the schedule with paid / partly paid / overdue
marks, payments, a foreclosure quote for a chosen date, statement downloads, the No Dues
Certificate once the loan is closed, and the cooling-off exit (portal.views.exit: ask,
then pay). Numbers come from the services' own functions (foreclosure_quote,
cooling_off_quote, statement_csv/pdf); only the borrower's own loans are found, so another
borrower's id is a 404."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django_fsm import can_proceed

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.arrears import Arrears
from loans.models import InstallmentStatus, Loan, Reschedule
from loans.selectors import (
    OWING,
    installment_status,
    loan_arrears,
    loans_with_arrears,
    today_as_of,
)
from mandates.selectors import live_mandate, recent_bounces
from portal.forms.loans import ForeclosureQuoteForm
from portal.views.exit import exit_context
from reconciliation.selectors import virtual_account_of
from repayments.certificates import certificate_available, certificate_response
from repayments.models import Payment
from repayments.selectors import foreclosure_quote, loan_servicing
from repayments.services.servicing.reschedules import restructure_accept
from repayments.statements import statement_csv, statement_pdf

STATUS_LABELS = {
    InstallmentStatus.PAID: "Paid",
    InstallmentStatus.PARTIALLY_PAID: "Partly paid",
    InstallmentStatus.DUE: "Due",
    InstallmentStatus.OVERDUE: "Overdue",
}


def schedule_rows(loan: Loan, *, arrears: Arrears) -> list[dict]:
    """The schedule with each installment's status by the arrears rule (loans.arrears)."""
    rows = []
    for inst in loan.installments.all():
        status = installment_status(
            inst, as_of=arrears.business_date, materiality_floor=arrears.materiality_floor
        )
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
    # The virtual account comes in the same query (the loan page shows it).
    loans = loans_with_arrears(Loan.objects.filter(borrower=request.user)).select_related(
        "virtual_account"
    )
    return get_object_or_404(loans, pk=pk)


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


def _loan_context(request, loan: Loan) -> dict:
    today = today_ist()
    foreclosure_form, foreclosure = _foreclosure(request, loan, today)
    arrears = loan_arrears(loan, as_of=today_as_of())
    return {
        "loan": loan,
        "today": today,
        "arrears": arrears,
        "rows": schedule_rows(loan, arrears=arrears),
        "payments": Payment.objects.filter(loan=loan).order_by("-paid_on", "-id"),
        "foreclosure_form": foreclosure_form,
        "foreclosure": foreclosure,
        "can_foreclose": can_proceed(loan.foreclose),
        "exit": exit_context(loan, today=today),
        "statement_csv": _statement_url(loan, "csv"),
        "statement_pdf": _statement_url(loan, "pdf"),
        "can_pay": loan.status in OWING,
        "servicing": loan_servicing(loan),
        **_auto_debit(loan),
        "virtual_account": virtual_account_of(loan) if loan.status in OWING else None,
        "certificate_url": (
            reverse("borrower:no_dues_certificate", args=[loan.pk])
            if certificate_available(loan)
            else None
        ),
    }


def _auto_debit(loan: Loan) -> dict:
    """The loan's latest mandate and its bounces; no mandate, no bounces (no second query)."""
    mandate = live_mandate(loan)
    bounces = recent_bounces(loan) if mandate is not None else []
    return {"mandate": mandate, "bounces": bounces}


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


@login_required
@require_POST
def addendum_accept(request, pk: int, reschedule_id: int):
    """The borrower accepts the restructure addendum shown on their loan page."""
    loan = _own_loan(request, pk)
    reschedule = get_object_or_404(Reschedule.objects.filter(loan=loan), pk=reschedule_id)
    try:
        done = restructure_accept(acting_user=request.user, reschedule=reschedule)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        if done.status == "applied":
            messages.success(request, "Accepted. Your new schedule applies from today.")
        else:
            messages.error(
                request,
                "This offer has lapsed because your loan changed since it was made "
                "(a payment or a charge). Ask us for a new one.",
            )
    return redirect("borrower:loan", pk=loan.pk)
