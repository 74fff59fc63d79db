"""KYC documents: upload (borrower for self, officer for a borrower), then verify or
reject by a different officer (maker-checker). Status moves only through the model's FSM
transitions; every refusal is on record (refusals_audited)."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record, refusals_audited
from accounts.duties import borrower_capacity_check
from accounts.models import BorrowerProfile, KycDocType, KycDocument, KycStatus, User
from lendingsite.errors import DomainError

# The file's first bytes decide what it is; the name and the client's Content-Type are
# whatever the sender wanted them to be.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
VERIFY_PERMISSION = "accounts.verify_kycdocument"


def _file_refused(message: str) -> DomainError:
    return DomainError("validation_error", message, errors={"file": [message]})


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:g} KB"
    return f"{size / (1024 * 1024):g} MB"


def kyc_file_check(*, uploaded_file) -> tuple[str, str]:
    """(content type, extension) sniffed from the bytes, or a refusal in plain words."""
    if uploaded_file is None:
        raise _file_refused("Choose a file to upload.")
    size = uploaded_file.size
    if not size:
        raise _file_refused("The file is empty.")
    limit = settings.KYC_MAX_UPLOAD_BYTES
    if size > limit:
        raise _file_refused(f"The file is too large: documents can be at most {_megabytes(limit)}.")
    uploaded_file.seek(0)
    head = uploaded_file.read(16)
    uploaded_file.seek(0)
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    raise _file_refused("Upload a PDF, JPEG or PNG file; this file is none of those.")


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


@refusals_audited("kyc.uploaded")
@transaction.atomic
def kyc_document_upload(
    *, acting_user: User, profile: BorrowerProfile, doc_type: str, uploaded_file
) -> KycDocument:
    if acting_user.pk != profile.user_id and not acting_user.has_perm("accounts.add_kycdocument"):
        raise DomainError(
            "permission_denied", "You can upload KYC documents only to your own profile."
        )
    borrower_capacity_check(user=profile.user, acting_user=acting_user)
    if doc_type not in KycDocType.values:
        message = f"Choose one of: {', '.join(KycDocType.values)}."
        raise DomainError("validation_error", message, errors={"doc_type": [message]})
    content_type, extension = kyc_file_check(uploaded_file=uploaded_file)
    document = KycDocument(
        profile=profile,
        doc_type=doc_type,
        content_type=content_type,
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        uploaded_by=acting_user,
    )
    # Stored under a random name (kyc_upload_path) with the sniffed extension, never the
    # client's file name.
    document.file.save(f"upload{extension}", uploaded_file, save=False)
    try:
        document.save()
        audit_record(
            action="kyc.uploaded",
            actor=acting_user,
            target=document,
            after={
                "profile": profile.pk,
                "doc_type": doc_type,
                "content_type": content_type,
                "size": document.size,
                "sha256": document.sha256,
                "status": document.status,
            },
        )
    except BaseException:
        document.file.delete(save=False)  # storage is not transactional; don't leave orphans
        raise
    return document


def _lock_for_decision(acting_user: User, document: KycDocument, verb: str) -> KycDocument:
    if not acting_user.has_perm(VERIFY_PERMISSION):
        raise DomainError(
            "permission_denied", "You don't have permission to verify or reject KYC documents."
        )
    locked = (
        KycDocument.objects.select_related("profile")
        .select_for_update(of=("self",))
        .get(pk=document.pk)
    )
    if locked.status != KycStatus.PENDING:
        raise DomainError(
            "invalid_state",
            f"KYC #{locked.pk} is already {locked.status}; only pending documents can be {verb}.",
        )
    infinitive = "verify" if verb == "verified" else "reject"
    if locked.uploaded_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You uploaded KYC #{locked.pk} yourself; another officer must {infinitive} it.",
        )
    if locked.profile.user_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"KYC #{locked.pk} is your own document; another officer must {infinitive} it.",
        )
    return locked


@refusals_audited("kyc.verified")
@transaction.atomic
def kyc_document_verify(*, acting_user: User, document: KycDocument) -> KycDocument:
    locked = _lock_for_decision(acting_user, document, "verified")
    before = locked.status
    locked.verify(by=acting_user, at=timezone.now())
    locked.save()
    audit_record(
        action="kyc.verified",
        actor=acting_user,
        target=locked,
        before={"status": before},
        after={"status": locked.status},
    )
    return locked


@refusals_audited("kyc.rejected")
@transaction.atomic
def kyc_document_reject(*, acting_user: User, document: KycDocument, reason: str) -> KycDocument:
    reason = (reason or "").strip()
    if not reason:
        message = "Give the borrower a reason for the rejection."
        raise DomainError("validation_error", message, errors={"reason": [message]})
    if len(reason) > 300:
        message = "Keep the reason to 300 characters."
        raise DomainError("validation_error", message, errors={"reason": [message]})
    locked = _lock_for_decision(acting_user, document, "rejected")
    before = locked.status
    locked.reject(by=acting_user, at=timezone.now(), reason=reason)
    locked.save()
    audit_record(
        action="kyc.rejected",
        actor=acting_user,
        target=locked,
        before={"status": before},
        after={"status": locked.status, "reason": reason},
    )
    return locked
