"""The borrower's referral page: their code, the link to share, and the people who signed
up with it (first name only) with the reward's status. Thin: referrals' service issues the
code, its selectors read the rest."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lendingsite import refcode
from referrals import selectors
from referrals.services.codes import referral_code_issue


@never_cache
@login_required
@require_GET
def referrals_page(request):
    if request.user.is_staff:
        raise PermissionDenied("Staff accounts do not take part in the referral programme.")
    code = link = None
    if request.user.email_verified:
        code = referral_code_issue(user=request.user).code
        link = selectors.share_link(code)
    rows = [
        {
            "first_name": selectors.first_name(r.referred.full_name),
            "signed_up_on": r.created_at,
            "status": selectors.referral_status(r),
            "reward": getattr(r, "reward", None),
        }
        for r in selectors.referrals_of(request.user)[:200]
    ]
    return render(
        request,
        "borrower/referrals.html",
        {
            "code": refcode.display(code) if code else None,
            "share_link": link,
            "rows": rows,
            "programme": selectors.programme_today(),
        },
    )
