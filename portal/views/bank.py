"""The borrower's bank account page: the account their loan is paid into, its check, and
a form to add or change it. Thin: the form checks shape, accounts.services.bank_accounts
applies the rules, a refusal comes back on the form in the service's words."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from accounts.models import BankAccountStatus
from accounts.selectors import bank_accounts_of_user, profile_for_user
from accounts.services.bank_accounts import bank_account_add
from lendingsite.errors import DomainError
from portal.forms.accounts import add_refusal
from portal.forms.bank import BankAccountForm

DONE = {
    BankAccountStatus.VERIFIED: "Your bank account is verified: your loan will be paid into it.",
    BankAccountStatus.FAILED: "We could not verify this account; see why below.",
    BankAccountStatus.PENDING: "Your bank account is saved; an officer will verify it.",
}


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def bank_account(request):
    profile = profile_for_user(user=request.user)
    form = BankAccountForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if profile is None:
            form.is_valid()
            form.add_error(None, "Fill in your personal details first, then add your account.")
        elif form.is_valid():
            try:
                account = bank_account_add(
                    acting_user=request.user, profile=profile, **form.service_fields()
                )
            except DomainError as exc:
                add_refusal(form, exc)
                status = 200 if exc.code in ("validation_error", "duplicate") else exc.status
            else:
                level = messages.ERROR if account.status == "failed" else messages.SUCCESS
                messages.add_message(request, level, DONE[account.status])
                return redirect("accounts:bank_account")
    accounts = list(bank_accounts_of_user(user=request.user)) if profile is not None else []
    current = next((a for a in accounts if a.is_current), None)
    context = {
        "form": form,
        "profile": profile,
        "current": current,
        "previous": [a for a in accounts if not a.is_current],
    }
    return render(request, "accounts/bank_account.html", context, status=status)
