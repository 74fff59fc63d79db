"""The borrower's auto-debit: set it up on their loan, see it, cancel it; and the sandbox
bank's approval page (what a real bank's page does: the borrower approves or refuses, and
the bank tells us by a signed callback). docs/mandates.md."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from lendingsite.errors import DomainError
from loans.models import Loan
from mandates.adapters import REJECT_CODES_FOR_PAGE, adapter_get, sandbox_body, sandbox_sign
from mandates.models import Mandate, MandateStatus
from mandates.services import mandate_cancel, mandate_register
from mandates.webhooks import mandate_webhook_receive


@login_required
@require_POST
def mandate_setup(request, pk: int):
    loan = get_object_or_404(Loan, pk=pk, borrower=request.user)
    try:
        mandate = mandate_register(acting_user=request.user, loan=loan)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("borrower:loan", pk=loan.pk)
    return redirect(adapter_get(mandate.adapter).approval_url(mandate))


@login_required
@require_POST
def mandate_cancel_page(request, pk: int, mandate_id: int):
    mandate = get_object_or_404(Mandate, pk=mandate_id, loan_id=pk, loan__borrower=request.user)
    try:
        mandate_cancel(acting_user=request.user, mandate=mandate, code="borrower_request")
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(
            request, "Your auto-debit is cancelled. Please pay each installment yourself."
        )
    return redirect("borrower:loan", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def sandbox_bank(request, reference: str):
    """Plays the borrower's bank (sandbox adapter only)."""
    mandate = get_object_or_404(
        Mandate, reference=reference, adapter="sandbox", loan__borrower=request.user
    )
    if adapter_get("sandbox") is None:
        raise Http404
    error = ""
    if request.method == "POST" and mandate.status == MandateStatus.INITIATED:
        try:
            body = _bank_answer(request, mandate)
            mandate_webhook_receive(adapter="sandbox", headers=sandbox_sign(body), body=body)
        except DomainError as exc:
            error = exc.detail  # a code the bank does not use, from a hand-made form
        else:
            return redirect("borrower:loan", pk=mandate.loan_id)
    return render(
        request,
        "borrower/mandate_sandbox_bank.html",
        {"mandate": mandate, "codes": REJECT_CODES_FOR_PAGE, "error": error},
    )


def _bank_answer(request, mandate) -> bytes:
    if request.POST.get("decision") == "approve":
        return sandbox_body(
            event="mandate.approved", reference=mandate.reference, umrn=f"SNDBX{mandate.pk:015d}"
        )
    code = (request.POST.get("reason_code") or "AP30")[:10]
    if code not in dict(REJECT_CODES_FOR_PAGE):
        raise DomainError("validation_error", f"{code} is not a rejection code the bank uses.")
    return sandbox_body(event="mandate.rejected", reference=mandate.reference, reason_code=code)
