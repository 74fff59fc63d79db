"""KYC upload limits per borrower (issue 12, item 5): an hourly rate (429 `upload_limit`),
a cap on the bytes stored (409 `upload_limit`), and N documents per type in force, a new
one superseding the oldest, which is kept and marked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.models import AuditEvent, KycDocument, KycStatus
from accounts.roles import CREDIT_MANAGER
from accounts.services.kyc import kyc_document_reject, kyc_document_verify
from accounts.tests.factories import BorrowerProfileFactory, staff
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db
MY_DOCS = "/api/v1/me/kyc-documents/"
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(size: int = 2048) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n" + b"0" * (size - 9)
    return SimpleUploadedFile("doc.pdf", body, content_type="application/pdf")


@pytest.fixture
def profile():
    return BorrowerProfileFactory()


def _upload(profile, doc_type="pan_card", size=2048):
    client = APIClient()
    client.force_authenticate(profile.user)
    return client.post(MY_DOCS, {"doc_type": doc_type, "file": pdf(size)}, format="multipart")


def test_thirty_uploads_of_a_megabyte_meet_the_hourly_limit(profile, tmp_path):
    # Was 30 x 201.
    statuses = [
        _upload(profile, doc_type=("pan_card", "address_proof", "photo")[n % 3], size=MB)
        for n in range(30)
    ]
    codes = [r.status_code for r in statuses]
    assert codes[:10] == [201] * 10
    assert codes[10:] == [429] * 20
    refused = statuses[10]
    assert refused.json()["code"] == "upload_limit"
    assert int(refused["Retry-After"]) > 0
    assert KycDocument.objects.count() == 10
    assert sum(1 for _ in tmp_path.rglob("*.pdf")) == 10  # refused files are not stored
    denied = AuditEvent.objects.filter(action="kyc.upload_refused", outcome="denied")
    assert denied.count() == 20 and denied.first().after["code"] == "upload_limit"


def test_a_new_document_of_a_type_supersedes_the_old_which_is_kept(profile):
    first = _upload(profile).json()
    second = _upload(profile).json()

    old = KycDocument.objects.get(pk=first["id"])
    assert old.superseded_by_id == second["id"] and old.superseded_at is not None
    assert not old.in_force
    assert old.file and old.file.storage.exists(old.file.name)
    listed = APIClient()
    listed.force_authenticate(profile.user)
    rows = {r["id"]: r for r in listed.get(MY_DOCS).json()["results"]}
    assert rows[first["id"]]["superseded_by"] == second["id"]
    assert rows[second["id"]]["superseded_at"] is None
    event = AuditEvent.objects.get(action="kyc.superseded")
    assert event.target_id == str(first["id"])
    assert event.after == {"in_force": False, "superseded_by": second["id"]}


def test_a_superseded_document_cannot_be_verified_and_does_not_count(profile):
    checker = staff(CREDIT_MANAGER)
    pan = KycDocument.objects.get(pk=_upload(profile).json()["id"])
    address = KycDocument.objects.get(pk=_upload(profile, "address_proof").json()["id"])
    kyc_document_verify(acting_user=checker, document=pan)
    kyc_document_verify(acting_user=checker, document=address)
    assert profile.kyc_verified

    # A new PAN card replaces the verified one: KYC waits for the new one to be checked.
    new_pan = KycDocument.objects.get(pk=_upload(profile).json()["id"])
    assert not type(profile).objects.get(pk=profile.pk).kyc_verified
    with pytest.raises(DomainError) as refused:
        kyc_document_reject(acting_user=checker, document=pan, reason="x")
    assert refused.value.code == "invalid_state"
    assert f"replaced by a newer upload (#{new_pan.pk})" in refused.value.detail
    kyc_document_verify(acting_user=checker, document=new_pan)
    assert type(profile).objects.get(pk=profile.pk).kyc_verified


def test_n_documents_per_type_in_force_and_rejected_ones_do_not_count(profile, settings):
    settings.KYC_MAX_DOCUMENTS_PER_TYPE = 2
    a, b = (_upload(profile, "address_proof").json()["id"] for _ in range(2))
    kyc_document_reject(
        acting_user=staff(CREDIT_MANAGER), document=KycDocument.objects.get(pk=a), reason="Old"
    )
    c = _upload(profile, "address_proof").json()["id"]  # b and c in force; a was rejected
    assert not KycDocument.objects.filter(superseded_at__isnull=False).exists()
    d = _upload(profile, "address_proof").json()["id"]  # the oldest in force, b, goes

    superseded = dict(KycDocument.objects.values_list("pk", "superseded_by"))
    assert superseded == {a: None, b: d, c: None, d: None}
    assert KycDocument.objects.get(pk=a).status == KycStatus.REJECTED


def test_the_bytes_stored_per_borrower_are_capped(profile, settings, tmp_path):
    settings.KYC_MAX_TOTAL_BYTES = int(2.5 * MB)
    assert _upload(profile, size=MB).status_code == 201
    assert _upload(profile, size=MB).status_code == 201  # superseded files still count
    refused = _upload(profile, "photo", size=MB)

    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "upload_limit"
    assert body["errors"] == {"file": ["no room left for this file"]}
    assert "2 MB of the 2.5 MB" in body["detail"]
    assert KycDocument.objects.count() == 2
    assert sum(1 for _ in tmp_path.rglob("*.pdf")) == 2
    # A smaller file that fits is still taken.
    assert _upload(profile, "photo", size=MB // 4).status_code == 201


def test_the_borrower_page_is_held_to_the_same_limits(client, profile, settings):
    settings.KYC_UPLOADS_PER_HOUR = 2
    client.force_login(profile.user)
    statuses = [
        client.post("/accounts/kyc/", {"doc_type": "pan_card", "file": pdf()}).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [302, 302]
    assert statuses[2] == 429
    assert KycDocument.objects.count() == 2
