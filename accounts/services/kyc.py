"""KYC documents: upload (borrower for self, officer for a borrower), then verify or
reject by a different officer (maker-checker). Status moves only through the model's FSM
transitions; every refusal is on record (refusals_audited).

Uploads are bounded per borrower (docs/api.md, `upload_limit`): at most
KYC_UPLOADS_PER_HOUR uploads an hour (429), at most KYC_MAX_TOTAL_BYTES stored in all (409),
and at most KYC_MAX_DOCUMENTS_PER_TYPE documents of one type in force: a new upload
supersedes the oldest, which is kept, marked and no longer counts for KYC."""

import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django_fsm import can_proceed

from accounts import ratelimit
from accounts.duties import borrower_capacity_check
from accounts.models import BorrowerProfile, KycDocType, KycDocument, KycStatus, User
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

# The file's first bytes decide what it is; the name and the client's Content-Type are
# whatever the sender wanted them to be.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)
KYC_CONTENT_TYPES = tuple(content_type for _, content_type, _ in SIGNATURES)
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


def _upload_rate_take(profile: BorrowerProfile) -> None:
    limit = settings.KYC_UPLOADS_PER_HOUR
    retry_after = ratelimit.quota_take(
        kind="kyc-upload", address=f"profile:{profile.pk}", limit=limit
    )
    if retry_after:
        raise DomainError(
            "upload_limit",
            f"At most {limit} documents can be uploaded in an hour. Try again in "
            f"{max(1, retry_after // 60)} minute{'s' if retry_after >= 120 else ''}.",
            status=429,
            retry_after=retry_after,
        )


def _stored_bytes_check(profile: BorrowerProfile, *, adding: int) -> None:
    stored = KycDocument.objects.filter(profile=profile).aggregate(total=Sum("size"))["total"] or 0
    cap = settings.KYC_MAX_TOTAL_BYTES
    if stored + adding > cap:
        raise DomainError(
            "upload_limit",
            f"This borrower's documents already take {_megabytes(stored)} of the "
            f"{_megabytes(cap)} we keep per person, and this file does not fit. Contact us "
            "if a document needs replacing.",
            errors={"file": ["no room left for this file"]},
        )


def _supersede_older(document: KycDocument) -> list[KycDocument]:
    """Mark the oldest documents of the type as superseded, so that at most
    KYC_MAX_DOCUMENTS_PER_TYPE are in force (the new one included)."""
    in_force = list(
        KycDocument.objects.filter(
            profile_id=document.profile_id, doc_type=document.doc_type, superseded_at__isnull=True
        )
        .exclude(status=KycStatus.REJECTED)
        .exclude(pk=document.pk)
        .order_by("uploaded_at", "id")
    )
    excess = len(in_force) + 1 - settings.KYC_MAX_DOCUMENTS_PER_TYPE
    older = in_force[: max(excess, 0)]
    now = timezone.now()
    for old in older:
        old.superseded_at, old.superseded_by = now, document
    KycDocument.objects.bulk_update(older, ["superseded_at", "superseded_by"])
    return older


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


@refusals_audited("kyc.upload_refused")
@transaction.atomic
def kyc_document_upload(
    *, acting_user: User, profile: BorrowerProfile, doc_type: str, uploaded_file
) -> KycDocument:
    if acting_user.pk != profile.user_id and not acting_user.has_perm("accounts.add_kycdocument"):
        raise DomainError(
            "permission_denied", "You can upload KYC documents only to your own profile."
        )
    borrower_capacity_check(user=profile.user, acting_user=acting_user)
    _upload_rate_take(profile)
    if doc_type not in KycDocType.values:
        message = f"Choose one of: {', '.join(KycDocType.values)}."
        raise DomainError("validation_error", message, errors={"doc_type": [message]})
    content_type, extension = kyc_file_check(uploaded_file=uploaded_file)
    # One upload at a time per borrower, so the cap and the in-force count cannot race.
    profile = BorrowerProfile.objects.select_for_update().get(pk=profile.pk)
    _stored_bytes_check(profile, adding=uploaded_file.size)
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
        superseded = _supersede_older(document)
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
                "superseded": [d.pk for d in superseded],
            },
        )
        for old in superseded:
            audit_record(
                action="kyc.superseded",
                actor=acting_user,
                target=old,
                before={"status": old.status, "in_force": True},
                after={"in_force": False, "superseded_by": document.pk},
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
    if locked.superseded_at is not None:
        raise DomainError(
            "invalid_state",
            f"KYC #{locked.pk} was replaced by a newer upload (#{locked.superseded_by_id}); "
            f"check that one instead.",
        )
    if not can_proceed(locked.verify if verb == "verified" else locked.reject):
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


@refusals_audited("kyc.verify_refused")
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


@refusals_audited("kyc.reject_refused")
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
