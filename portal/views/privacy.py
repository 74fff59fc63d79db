"""Privacy pages (India's DPDP Act 2023), mounted at /privacy/: consents by purpose with
their history, the download of one's own data, and the erasure request. Thin over
accounts.services.privacy; everything shown is the signed-in person's own."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import ConsentPurpose, DataConsent, ErasureRequest, ErasureStatus
from accounts.services.privacy import (
    consent_set,
    consent_states,
    erasure_blockers,
    erasure_request_create,
    personal_data_export,
)
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from portal.forms.accounts import add_refusal
from portal.forms.profile import ConsentForm, ErasureRequestForm

HISTORY_PER_PAGE = 20


@never_cache
@login_required
@require_safe
def privacy_home(request):
    history = Paginator(
        DataConsent.objects.filter(user=request.user).order_by("-id"), HISTORY_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/home.html",
        {
            "states": consent_states(user=request.user),
            "history": history,
            "latest_request": ErasureRequest.objects.filter(user=request.user)
            .order_by("-id")
            .first(),
            "grievance": settings.GRIEVANCE_OFFICER,
        },
    )


@login_required
@require_POST
def consent_update(request):
    form = ConsentForm(request.POST)
    if not form.is_valid():
        # Only a tampered form gets here: the page's buttons always send valid values.
        messages.error(request, "We could not change that consent. Please try again.")
        return redirect("privacy:home")
    purpose, granted = form.cleaned_data["purpose"], form.cleaned_data["granted"]
    try:
        changed = consent_set(acting_user=request.user, purpose=purpose, granted=granted)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("privacy:home")
    label = ConsentPurpose(purpose).label
    if changed is None:
        messages.info(request, f"{label}: no change, it was already {_on_off(granted)}.")
    else:
        messages.success(request, f"{label}: now {_on_off(granted)}.")
    return redirect("privacy:home")


def _on_off(granted: bool) -> str:
    return "on" if granted else "off"


@never_cache
@login_required
@require_safe
def data_export(request):
    data = personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="lendingsite-my-data-{today_ist():%Y-%m-%d}.json"'
    )
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def erasure(request):
    # An empty POST (the box left unticked) is still a submission: bind it.
    form = ErasureRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request_create(acting_user=request.user)
        except DomainError as exc:
            add_refusal(form, exc)
        else:
            messages.success(
                request,
                "We have your request. An officer will reply within 30 days; "
                "you will see the answer on this page.",
            )
            return redirect("privacy:erasure")
    requests = list(ErasureRequest.objects.filter(user=request.user).order_by("-id"))
    return render(
        request,
        "privacy/erasure.html",
        {
            "form": form,
            "requests": requests,
            "pending": any(r.status == ErasureStatus.PENDING for r in requests),
            "blockers": erasure_blockers(user=request.user),
        },
    )
