"""The borrower's profile and KYC pages. Thin: a form checks the shape, the same services
as the API (borrower_profile_create / _update, kyc_document_upload) apply the rules, and a
refusal comes back as a form error in the service's own words. Every page shows only the
signed-in person's own things."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import KycDocType, KycStatus
from accounts.selectors import kyc_documents_of_user, profile_for_user
from accounts.services.kyc import kyc_document_upload
from accounts.services.profile import borrower_profile_create, borrower_profile_update
from lendingsite.errors import DomainError
from portal.forms.accounts import add_refusal
from portal.forms.profile import KycUploadForm, ProfileForm

# What a borrower needs verified before they can borrow (BorrowerProfile.kyc_verified).
REQUIRED_DOCUMENTS = (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF)


def _status_for(exc: DomainError) -> int:
    # A bad field is an ordinary re-shown form; any other refusal keeps its own status.
    return 200 if exc.code == "validation_error" else exc.status


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    profile = profile_for_user(user=request.user)
    form = ProfileForm(request.POST if request.method == "POST" else None, profile=profile)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if profile is None:
                borrower_profile_create(
                    acting_user=request.user, user=request.user, **form.service_fields()
                )
            else:
                borrower_profile_update(
                    acting_user=request.user, profile=profile, **form.service_fields()
                )
        except DomainError as exc:
            add_refusal(form, exc)
            status = _status_for(exc)
        else:
            messages.success(request, "Your details are saved.")
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "profile": profile, "kyc": _kyc_summary(request.user, profile)},
        status=status,
    )


def _kyc_summary(user, profile) -> dict:
    """Which required documents are verified, waiting, or still to be sent (one query)."""
    documents = list(kyc_documents_of_user(user=user)) if profile is not None else []
    needed = []
    for doc_type in REQUIRED_DOCUMENTS:
        statuses = {
            d.status for d in documents if d.doc_type == doc_type and d.superseded_at is None
        }
        if KycStatus.VERIFIED in statuses:
            state = "verified"
        elif KycStatus.PENDING in statuses:
            state = "pending"
        elif KycStatus.REJECTED in statuses:
            state = "rejected"
        else:
            state = "missing"
        needed.append({"label": KycDocType(doc_type).label, "state": state})
    return {
        "documents": documents,
        "needed": needed,
        "complete": all(n["state"] == "verified" for n in needed),
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def kyc(request):
    profile = profile_for_user(user=request.user)
    form = KycUploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        max_bytes=settings.KYC_MAX_UPLOAD_BYTES,
    )
    status = 200
    if request.method == "POST":
        if profile is None:
            form.is_valid()
            form.add_error(None, "Fill in your personal details first, then upload documents.")
        elif form.is_valid():
            try:
                document = kyc_document_upload(
                    acting_user=request.user,
                    profile=profile,
                    doc_type=form.cleaned_data["doc_type"],
                    uploaded_file=form.cleaned_data["file"],
                )
            except DomainError as exc:
                add_refusal(form, exc)
                status = _status_for(exc)
            else:
                messages.success(
                    request,
                    f"Thank you: your {document.get_doc_type_display()} is uploaded. "
                    f"We will check it, usually within one working day.",
                )
                return redirect("accounts:kyc")
    return render(
        request,
        "accounts/kyc.html",
        {"form": form, "profile": profile, "kyc": _kyc_summary(request.user, profile)},
        status=status,
    )


@never_cache
@login_required
@require_safe
def kyc_file(request, pk: int):
    """The borrower's own uploaded file (another person's document is simply not found)."""
    document = get_object_or_404(kyc_documents_of_user(user=request.user), pk=pk)
    if not document.file:
        raise Http404("This file is no longer kept.")
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.doc_type}-{document.pk}{_suffix(document.file.name)}",
        content_type=document.content_type,
    )


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:] if dot != -1 else ""
