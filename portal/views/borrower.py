"""The borrower's loan pages: apply (with an installment preview), the application with its
eligibility outcome and status timeline, and the dashboard (the loan page itself is in
portal.views.loan).

Pages are thin: writes go through the same services as the API (application_create,
application_submit), the preview comes from the calculator's quote function. Every query is scoped to the signed-in borrower, so another
borrower's id is a 404 whoever asks (staff use the officer console, not these pages).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import AuditEvent, AuditOutcome, BankAccountStatus, BorrowerProfile
from accounts.selectors import bank_account_current
from collection.models import OPEN_CASE_STATUSES, PromiseToPay
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.money import format_inr, format_rate
from lendingsite.readcache import borrower_cached
from loans.arrears import Arrears, as_of_for_today
from loans.models import Loan, LoanApplication, LoanStatus
from loans.models.applications import OPEN as OPEN_APPLICATIONS
from loans.models.applications import ApplicationStatus
from loans.selectors import loan_arrears, loans_with_arrears
from loans.services.applications import application_create, application_submit
from loans.services.products import quote_compose
from portal.forms.loans import ApplyForm


def _kyc_verified(user) -> bool:
    profile = BorrowerProfile.objects.filter(user=user).prefetch_related("documents").first()
    return bool(profile and profile.kyc_verified)


# --- Apply -----------------------------------------------------------------------------


def _preview(form: ApplyForm):
    """The installment preview from quote_compose, the calculator's own function, at the
    product's standard rate (the offer may differ). Refusals land on the form."""
    data = form.cleaned_data
    try:
        return quote_compose(
            product=data["product"],
            principal=data["amount"],
            tenure=data["tenure"],
            disbursement_date=today_ist(),
        )
    except DomainError as exc:
        form.add_refusal(exc)
        return None


def _apply_context(request, form: ApplyForm, quote=None) -> dict:
    return {
        "form": form,
        "quote": quote,
        "email_verified": request.user.email_verified,
        "kyc_verified": _kyc_verified(request.user),
    }


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    if request.method == "GET":
        form = ApplyForm(user=request.user)
        return render(request, "borrower/apply.html", _apply_context(request, form))

    previewing = request.POST.get("action") == "preview"
    form = ApplyForm(request.POST, user=request.user, preview=previewing)
    quote = None
    status = 200
    if form.is_valid():
        quote = _preview(form)
        if not previewing and quote is not None:
            data = form.cleaned_data
            try:
                application = application_create(
                    acting_user=request.user,
                    borrower=request.user,
                    product=data["product"],
                    amount=data["amount"],
                    tenure=data["tenure"],
                    purpose=data["purpose"],
                    monthly_income=data["monthly_income"],
                    existing_emis=data["existing_emis"],
                )
            except DomainError as exc:
                form.add_refusal(exc)
                status = 200 if exc.code == "validation_error" else exc.status
            else:
                # Created: whatever submitting says, the application page shows it (a
                # draft there has its own Submit button).
                try:
                    application_submit(acting_user=request.user, application=application)
                except DomainError as exc:
                    messages.error(request, exc.detail)
                else:
                    messages.success(request, f"Thank you: application #{application.pk} is in.")
                return redirect("borrower:application", pk=application.pk)
    return render(
        request, "borrower/apply.html", _apply_context(request, form, quote), status=status
    )


@login_required
@require_safe
def apply_preview(request):
    """The preview alone, for static/js/apply-preview.js (live update as the borrower
    types); without JavaScript the "Preview" button re-renders the whole page instead."""
    form = ApplyForm(request.GET, user=request.user, preview=True)
    quote = _preview(form) if form.is_valid() else None
    return render(request, "borrower/_apply_preview.html", {"form": form, "quote": quote})


# --- Application: outcome and timeline --------------------------------------------------

TIMELINE_STEPS = {
    "application.created": "Application started",
    "application.submitted": "Application submitted and assessed",
    "application.recommended": "Recommended by a loan officer; under review",
    "application.approved": "Approved: an offer was made",
    "application.rejected": "Not approved",
    "application.withdrawn": "Application withdrawn",
    "application.expired": "Offer expired without being accepted",
    "application.accepted": "Offer accepted: loan account opened",
}


def application_timeline(app: LoanApplication, events) -> list[dict]:
    """The status history from the audit trail, falling back on the application's own
    timestamps (created, submitted, decided), plus what is still to come (the offer's
    expiry, the payout)."""
    seen: dict[str, dict] = {}
    for event in events:
        if event.action in TIMELINE_STEPS and event.action not in seen:
            seen[event.action] = {"at": event.created_at, "after": event.after or {}}
    fallbacks = {
        "application.created": app.created_at,
        "application.submitted": app.submitted_at,
        "application.approved": app.decided_at if app.offered_amount else None,
        "application.rejected": app.decided_at if app.decision_reason else None,
    }
    for action, moment in fallbacks.items():
        if moment and action not in seen:
            seen[action] = {"at": moment, "after": {}}

    steps = []
    for action, entry in seen.items():
        step = {"label": TIMELINE_STEPS[action], "at": entry["at"], "done": True, "detail": ""}
        if action == "application.submitted" and entry["after"].get("status") == "under_review":
            step["label"] = "Application submitted; under review by a credit manager"
        if action == "application.rejected":
            step["detail"] = app.decision_reason
        if action == "application.approved" and app.offered_amount:
            step["detail"] = (
                f"Offer of {format_inr(app.offered_amount)} at "
                f"{format_rate(app.offered_rate)}% a year"
            )
        steps.append(step)
    steps.sort(key=lambda s: s["at"])
    if app.status == ApplicationStatus.APPROVED and app.offer_expires_on:
        steps.append(
            {
                "label": "Offer open until the end of this day",
                "on": app.offer_expires_on,
                "done": False,
                "detail": "Read the Key Fact Statement and accept it before then.",
            }
        )
    loan = getattr(app, "loan", None) if app.status == ApplicationStatus.ACCEPTED else None
    if loan is not None:
        if loan.disbursed_on:
            steps.append({"label": "Money paid out", "on": loan.disbursed_on, "done": True})
        elif loan.status == LoanStatus.PENDING_DISBURSEMENT:
            steps.append({"label": "Waiting for our finance team to pay out", "done": False})
    return steps


def _eligibility(app: LoanApplication) -> dict | None:
    reasons = app.reasons or []
    if not reasons:
        return None
    return {
        "eligible": not any(r.get("hard_stop") for r in reasons),
        "blocking": [r["text"] for r in reasons if r.get("hard_stop")],
        "helping": [r["text"] for r in reasons if not r.get("hard_stop") and r["points"] > 0],
        "other": [r["text"] for r in reasons if not r.get("hard_stop") and r["points"] <= 0],
    }


def _own_application(request, pk: int) -> LoanApplication:
    qs = LoanApplication.objects.select_related("product", "loan")
    return get_object_or_404(qs, pk=pk, borrower=request.user)


@login_required
@require_safe
def application_page(request, pk: int):
    app = _own_application(request, pk)
    events = AuditEvent.objects.filter(
        target_type=LoanApplication._meta.label_lower,
        target_id=str(app.pk),
        outcome=AuditOutcome.SUCCESS,
    ).order_by("created_at", "pk")
    waiting = app.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW)
    account = bank_account_current(user=request.user) if waiting else None
    context = {
        "application": app,
        "needs_account": waiting
        and (account is None or account.status != BankAccountStatus.VERIFIED),
        "eligibility": _eligibility(app),
        "timeline": application_timeline(app, events),
        "has_offer": bool(app.kfs),
        "loan": getattr(app, "loan", None) if app.status == ApplicationStatus.ACCEPTED else None,
    }
    return render(request, "borrower/application.html", context)


@login_required
@require_POST
def application_submit_page(request, pk: int):
    """Submit a draft (one left behind if submitting failed after it was created)."""
    app = _own_application(request, pk)
    try:
        application_submit(acting_user=request.user, application=app)
    except DomainError as exc:
        messages.error(request, exc.detail)
    return redirect("borrower:application", pk=app.pk)


# --- Dashboard -------------------------------------------------------------------------


def borrower_loans(user):
    """The borrower's loans with balances, the product and the installments (for
    loan_arrears), in a fixed number of queries whatever their number."""
    return loans_with_arrears(Loan.objects.filter(borrower=user)).order_by("-created_at")


def overdue_words(arrears: Arrears) -> str:
    """ "2 installments overdue, 35 days late" (empty when nothing is overdue). The days
    late are the DPD of last night's day-end (loans.arrears)."""
    count = arrears.overdue_count
    if not arrears.overdue:
        return ""
    plural = "s" if count != 1 else ""
    days = arrears.dpd
    return f"{count} installment{plural} overdue, {days} day{'s' if days != 1 else ''} late"


def dashboard_loans_html(borrower, today) -> str:
    """The dashboard's loan cards and applications in progress, rendered."""
    as_of = as_of_for_today(today)
    loans = list(borrower_loans(borrower))
    for loan in loans:
        loan.arrears = loan_arrears(loan, as_of=as_of)
        loan.overdue_text = overdue_words(loan.arrears)
        loan.promises = []
    by_id = {loan.pk: loan for loan in loans}
    promises = PromiseToPay.objects.filter(
        case__loan__borrower=borrower, case__status__in=OPEN_CASE_STATUSES
    ).select_related("case")
    for promise in promises:
        if promise.case.loan_id in by_id:
            by_id[promise.case.loan_id].promises.append(promise)
    applications = (
        LoanApplication.objects.filter(borrower=borrower, status__in=OPEN_APPLICATIONS)
        .select_related("product")
        .order_by("-created_at")
    )
    context = {"loans": loans, "applications": applications, "today": today}
    return render_to_string("borrower/_dashboard_loans.html", context)


@login_required
@require_safe
def dashboard(request):
    today = today_ist()
    html = borrower_cached(
        borrower_id=request.user.pk,
        today=today,
        what=f"dashboard|{get_language()}",
        compute=lambda: dashboard_loans_html(request.user, today),
    )
    return render(request, "borrower/dashboard.html", {"loans_html": mark_safe(html)})  # noqa: S308 (rendered by us)
