import hashlib
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent, KycDocType, KycDocument, KycStatus
from accounts.roles import COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.services.kyc import kyc_document_reject, kyc_document_upload, kyc_document_verify
from accounts.tests.factories import BorrowerProfileFactory, staff
from lendingsite.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name="statement.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def uploaded_doc(profile, by=None, doc_type=KycDocType.PAN_CARD):
    return kyc_document_upload(
        acting_user=by or profile.user, profile=profile, doc_type=doc_type, uploaded_file=upload()
    )


def events(action, **filters):
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("id"))


@pytest.mark.django_db
def test_borrower_uploads_a_pdf_stored_under_a_random_name(tmp_path):
    profile = BorrowerProfileFactory()
    doc = kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type=KycDocType.PAN_CARD,
        uploaded_file=upload(name="Ravi Kumar PAN ABCDE1234F.pdf"),
    )
    doc.refresh_from_db(fields=["file", "content_type", "size", "sha256", "uploaded_by"])
    assert doc.status == KycStatus.PENDING
    assert doc.content_type == "application/pdf"
    assert doc.size == len(PDF)
    assert doc.sha256 == hashlib.sha256(PDF).hexdigest()
    assert doc.uploaded_by == profile.user
    assert re.fullmatch(rf"kyc/{profile.pk}/[0-9a-f]{{32}}\.pdf", doc.file.name)
    assert "Ravi" not in doc.file.name and "ABCDE" not in doc.file.name
    with default_storage.open(doc.file.name) as stored:
        assert stored.read() == PDF
    assert (tmp_path / doc.file.name).exists()
    [event] = events("kyc.uploaded")
    assert event.actor == profile.user
    assert event.target_id == str(doc.pk)
    assert event.after["sha256"] == doc.sha256
    assert event.after["content_type"] == "application/pdf"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "declared", "sniffed", "extension"),
    [
        (JPEG, "application/pdf", "image/jpeg", ".jpg"),
        (PNG, "text/plain", "image/png", ".png"),
        (PDF, "image/png", "application/pdf", ".pdf"),
    ],
)
def test_content_type_comes_from_the_bytes_not_the_client(content, declared, sniffed, extension):
    profile = BorrowerProfileFactory()
    doc = kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type=KycDocType.PHOTO,
        uploaded_file=upload(name="scan.pdf", content=content, content_type=declared),
    )
    assert doc.content_type == sniffed
    assert doc.file.name.endswith(extension)


@pytest.mark.django_db
def test_an_exe_renamed_pdf_is_refused_and_nothing_is_kept(tmp_path):
    profile = BorrowerProfileFactory()
    with pytest.raises(DomainError) as refused:
        kyc_document_upload(
            acting_user=profile.user,
            profile=profile,
            doc_type=KycDocType.PAN_CARD,
            uploaded_file=upload(name="pan.pdf", content=EXE),
        )
    assert refused.value.code == "validation_error"
    assert refused.value.errors["file"] == [
        "Upload a PDF, JPEG or PNG file; this file is none of those."
    ]
    assert not KycDocument.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
    [denied] = events("kyc.upload_refused", outcome="denied")
    assert denied.after["code"] == "validation_error"
    assert denied.target_id == str(profile.pk)


@pytest.mark.django_db
def test_oversize_and_empty_files_are_refused(settings):
    settings.KYC_MAX_UPLOAD_BYTES = 1024
    profile = BorrowerProfileFactory()
    with pytest.raises(DomainError) as too_big:
        uploaded_doc_kwargs = {"acting_user": profile.user, "profile": profile, "doc_type": "photo"}
        kyc_document_upload(**uploaded_doc_kwargs, uploaded_file=upload(content=PDF + b"0" * 2000))
    assert too_big.value.errors["file"] == ["The file is too large: documents can be at most 1 KB."]
    with pytest.raises(DomainError) as empty:
        kyc_document_upload(**uploaded_doc_kwargs, uploaded_file=upload(content=b""))
    assert empty.value.errors["file"] == ["The file is empty."]
    assert not KycDocument.objects.exists()


def test_upload_limit_is_five_megabytes(settings):
    assert settings.KYC_MAX_UPLOAD_BYTES == 5 * 1024 * 1024


@pytest.mark.django_db
def test_file_exactly_at_the_limit_is_accepted(settings):
    settings.KYC_MAX_UPLOAD_BYTES = 2048
    profile = BorrowerProfileFactory()
    content = PDF + b"0" * (2048 - len(PDF))
    doc = kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type="photo",
        uploaded_file=upload(content=content),
    )
    assert doc.size == 2048


@pytest.mark.django_db
def test_unknown_doc_type_is_refused():
    profile = BorrowerProfileFactory()
    with pytest.raises(DomainError) as refused:
        uploaded_doc(profile, doc_type="passport_selfie")
    assert "doc_type" in refused.value.errors


@pytest.mark.django_db
def test_borrower_cannot_upload_to_another_profile_but_an_officer_can():
    mine, theirs = BorrowerProfileFactory(), BorrowerProfileFactory()
    with pytest.raises(DomainError) as refused:
        uploaded_doc(theirs, by=mine.user)
    assert refused.value.code == "permission_denied"
    with pytest.raises(DomainError):
        uploaded_doc(theirs, by=staff(COLLECTOR))
    officer = staff(LOAN_OFFICER)
    doc = uploaded_doc(theirs, by=officer)
    assert doc.uploaded_by == officer
    assert KycDocument.objects.count() == 1
    assert len(events("kyc.upload_refused", outcome="denied")) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("role", [LOAN_OFFICER, CREDIT_MANAGER])
def test_an_officer_verifies_a_pending_document(role):
    doc = uploaded_doc(BorrowerProfileFactory())
    checker = staff(role)
    verified = kyc_document_verify(acting_user=checker, document=doc)
    doc = KycDocument.objects.get(pk=doc.pk)
    assert doc.status == KycStatus.VERIFIED == verified.status
    assert doc.verified_by == checker
    assert doc.verified_at is not None
    [event] = events("kyc.verified")
    assert (event.actor, event.before, event.after) == (
        checker,
        {"status": "pending"},
        {"status": "verified"},
    )


@pytest.mark.django_db
def test_reject_records_the_reason_and_needs_one():
    doc = uploaded_doc(BorrowerProfileFactory())
    checker = staff(LOAN_OFFICER)
    with pytest.raises(DomainError) as blank:
        kyc_document_reject(acting_user=checker, document=doc, reason="   ")
    assert blank.value.errors == {"reason": ["Give the borrower a reason for the rejection."]}
    kyc_document_reject(acting_user=checker, document=doc, reason="Photo is blurred")
    doc = KycDocument.objects.get(pk=doc.pk)
    assert (doc.status, doc.rejection_reason, doc.verified_by) == (
        KycStatus.REJECTED,
        "Photo is blurred",
        checker,
    )
    [event] = events("kyc.rejected", outcome="success")
    assert event.after == {"status": "rejected", "reason": "Photo is blurred"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [COLLECTOR, FINANCE])
def test_roles_without_the_verify_permission_are_refused(role):
    doc = uploaded_doc(BorrowerProfileFactory())
    with pytest.raises(DomainError) as refused:
        kyc_document_verify(acting_user=staff(role), document=doc)
    assert refused.value.code == "permission_denied"
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.PENDING
    [denied] = events("kyc.verify_refused", outcome="denied")
    assert denied.target_id == str(doc.pk)


@pytest.mark.django_db
def test_the_borrower_cannot_verify_their_own_document():
    profile = BorrowerProfileFactory()
    doc = uploaded_doc(profile)
    with pytest.raises(DomainError) as refused:
        kyc_document_verify(acting_user=profile.user, document=doc)
    assert refused.value.code == "permission_denied"


@pytest.mark.django_db
def test_a_decided_document_cannot_be_decided_again():
    doc = uploaded_doc(BorrowerProfileFactory())
    kyc_document_verify(acting_user=staff(LOAN_OFFICER), document=doc)
    for decide in (
        lambda: kyc_document_verify(acting_user=staff(CREDIT_MANAGER), document=doc),
        lambda: kyc_document_reject(acting_user=staff(CREDIT_MANAGER), document=doc, reason="x"),
    ):
        with pytest.raises(DomainError) as refused:
            decide()
        assert refused.value.code == "invalid_state"
        assert "already verified" in refused.value.detail
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.VERIFIED


@pytest.mark.django_db
def test_maker_checker_the_uploader_cannot_verify_or_reject():
    officer = staff(LOAN_OFFICER)
    doc = uploaded_doc(BorrowerProfileFactory(), by=officer)
    with pytest.raises(DomainError) as refused:
        kyc_document_verify(acting_user=officer, document=doc)
    assert refused.value.code == "maker_checker"
    assert refused.value.detail == (
        f"You uploaded KYC #{doc.pk} yourself; another officer must verify it."
    )
    with pytest.raises(DomainError) as refused:
        kyc_document_reject(acting_user=officer, document=doc, reason="Blurred")
    assert refused.value.code == "maker_checker"
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.PENDING
    assert [e.after["code"] for e in events("kyc.verify_refused", outcome="denied")] == [
        "maker_checker"
    ]


@pytest.mark.django_db
def test_maker_checker_an_officer_cannot_verify_their_own_kyc():
    # A borrower who later became an officer (from before staff were kept from borrowing).
    own_profile = BorrowerProfileFactory()
    doc = uploaded_doc(own_profile, by=staff(LOAN_OFFICER))
    officer = own_profile.user
    officer.groups.add(Group.objects.get(name=LOAN_OFFICER))
    with pytest.raises(DomainError) as refused:
        kyc_document_verify(acting_user=officer, document=doc)
    assert refused.value.code == "maker_checker"


@pytest.mark.django_db
def test_status_moves_only_through_the_transitions():
    doc = uploaded_doc(BorrowerProfileFactory())
    with pytest.raises(AttributeError):
        doc.status = KycStatus.VERIFIED


@pytest.mark.django_db
def test_profile_is_kyc_verified_with_pan_card_and_address_proof():
    profile = BorrowerProfileFactory()
    checker = staff(LOAN_OFFICER)
    pan = uploaded_doc(profile, doc_type=KycDocType.PAN_CARD)
    address = uploaded_doc(profile, doc_type=KycDocType.ADDRESS_PROOF)
    kyc_document_verify(acting_user=checker, document=pan)
    assert not type(profile).objects.get(pk=profile.pk).kyc_verified
    kyc_document_verify(acting_user=checker, document=address)
    assert type(profile).objects.get(pk=profile.pk).kyc_verified
