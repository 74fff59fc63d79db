import json
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent, BorrowerProfile, KycDocument, KycStatus
from accounts.roles import BORROWER, COLLECTOR, CREDIT_MANAGER, LOAN_OFFICER
from accounts.services.kyc import kyc_document_upload, kyc_document_verify
from accounts.services.profile import borrower_profile_update
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff
from lendingsite.errors import DomainError

PDF = b"%PDF-1.7\n%%EOF\n"
PROBLEM = "application/problem+json"
ME_PROFILE = "/api/v1/me/profile/"
MY_DOCS = "/api/v1/me/kyc-documents/"
DOCS = "/api/v1/kyc-documents/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def pdf(name="scan.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def doc_for(profile, by=None, doc_type="pan_card") -> KycDocument:
    return kyc_document_upload(
        acting_user=by or profile.user, profile=profile, doc_type=doc_type, uploaded_file=pdf()
    )


def years_ago(n: int, days: int = 0) -> date:
    today = timezone.localdate()
    if (today.month, today.day) == (2, 29):
        today -= timedelta(days=1)  # the same birthday rule every year
    return today.replace(year=today.year - n) + timedelta(days=days)


# --- profile --------------------------------------------------------------------------


@pytest.mark.django_db
def test_get_my_profile_masks_pan_and_phone():
    profile = BorrowerProfileFactory(pan="ABCDE1234F", phone="+919812345678")
    response = api(profile.user).get(ME_PROFILE)
    assert response.status_code == 200
    body = response.json()
    assert body["pan"] == "ABCDE****F"
    assert body["phone"] == "+91******5678"
    assert body["email"] == profile.user.email
    assert body["monthly_income"] == "85000.00"
    assert body["kyc_verified"] is False
    assert "ABCDE1234F" not in response.content.decode()
    assert "pan_hash" not in body


@pytest.mark.django_db
def test_profile_needs_authentication_and_a_profile():
    anonymous = api().get(ME_PROFILE)
    assert anonymous.status_code == 401
    assert anonymous["Content-Type"] == PROBLEM
    missing = api(staff(LOAN_OFFICER)).get(ME_PROFILE)
    assert (missing.status_code, missing["Content-Type"]) == (404, PROBLEM)
    assert missing.json()["code"] == "not_found"


@pytest.mark.django_db
def test_patch_updates_and_audits_with_masked_pii():
    profile = BorrowerProfileFactory(pan="ABCDE1234F", phone="+919812345678")
    dob = years_ago(30)
    response = api(profile.user).patch(
        ME_PROFILE,
        {
            "pan": "pqrsx 6789k",
            "phone": "98765 43210",
            "date_of_birth": dob.isoformat(),
            "monthly_income": "120000.50",
            "employer": "Infosys",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["pan"] == "PQRSX****K"
    assert response.json()["monthly_income"] == "120000.50"
    fresh = BorrowerProfile.objects.get(pk=profile.pk)
    assert (fresh.pan, fresh.phone, fresh.date_of_birth, fresh.employer) == (
        "PQRSX6789K",
        "+919876543210",
        dob,
        "Infosys",
    )
    [event] = AuditEvent.objects.filter(action="profile.updated", outcome="success")
    assert event.actor == profile.user
    assert event.before["pan"] == "ABCDE****F" and event.after["pan"] == "PQRSX****K"
    assert event.before["phone"] == "+91******5678" and event.after["phone"] == "+91******3210"
    assert event.after["monthly_income"] == "120000.50"
    trail = json.dumps([event.before, event.after])
    for secret in ("ABCDE1234F", "PQRSX6789K", "9876543210", "9812345678", dob.isoformat()):
        assert secret not in trail


@pytest.mark.django_db
def test_patch_reports_every_bad_field_and_changes_nothing():
    profile = BorrowerProfileFactory()
    response = api(profile.user).patch(
        ME_PROFILE,
        {
            "pan": "ABC123",
            "phone": "12345",
            "date_of_birth": years_ago(18, days=1).isoformat(),
            "monthly_income": "-1.00",
        },
        format="json",
    )
    assert (response.status_code, response["Content-Type"]) == (400, PROBLEM)
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"] == {
        "pan": ["PAN must be 5 letters, 4 digits and a letter, like ABCDE1234F."],
        "phone": ["Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."],
        "date_of_birth": ["Borrowers must be at least 18 years old."],
        "monthly_income": ["Monthly income can't be negative."],
    }
    assert BorrowerProfile.objects.get(pk=profile.pk).pan == profile.pan


@pytest.mark.django_db
def test_age_and_date_of_birth_edges():
    profile = BorrowerProfileFactory()
    client = api(profile.user)
    eighteen_today = years_ago(18)
    ok = client.patch(ME_PROFILE, {"date_of_birth": eighteen_today.isoformat()}, format="json")
    assert ok.status_code == 200
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    refused = client.patch(ME_PROFILE, {"date_of_birth": future}, format="json")
    assert refused.json()["errors"] == {"date_of_birth": ["Date of birth must be in the past."]}


@pytest.mark.django_db
def test_patch_with_a_registered_pan_is_a_clear_error():
    BorrowerProfileFactory(pan="ABCDE1234F")
    profile = BorrowerProfileFactory()
    response = api(profile.user).patch(ME_PROFILE, {"pan": "abcde1234f"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"pan": ["This PAN is already registered."]}


@pytest.mark.django_db
def test_pan_is_fixed_once_the_pan_card_is_verified():
    profile = BorrowerProfileFactory(pan="ABCDE1234F")
    kyc_document_verify(acting_user=staff(LOAN_OFFICER), document=doc_for(profile))
    response = api(profile.user).patch(ME_PROFILE, {"pan": "PQRSX6789K"}, format="json")
    assert (response.status_code, response.json()["code"]) == (409, "invalid_state")
    assert BorrowerProfile.objects.get(pk=profile.pk).pan == "ABCDE1234F"


@pytest.mark.django_db
def test_first_patch_creates_the_profile():
    user = UserFactory(roles=[BORROWER], full_name="Kavya Menon")
    response = api(user).patch(ME_PROFILE, {"employer": "Wipro"}, format="json")
    assert response.status_code == 201
    profile = BorrowerProfile.objects.get(user=user)
    assert (profile.full_name, profile.employer) == ("Kavya Menon", "Wipro")
    assert AuditEvent.objects.filter(action="profile.created", actor=user).count() == 1


@pytest.mark.django_db
def test_only_the_owner_or_an_officer_may_change_a_profile():
    profile = BorrowerProfileFactory()
    with pytest.raises(DomainError) as refused:
        borrower_profile_update(
            acting_user=BorrowerProfileFactory().user, profile=profile, employer="x"
        )
    assert refused.value.code == "permission_denied"
    officer = staff(LOAN_OFFICER)
    borrower_profile_update(acting_user=officer, profile=profile, employer="Updated by officer")
    assert BorrowerProfile.objects.get(pk=profile.pk).employer == "Updated by officer"


@pytest.mark.django_db
def test_a_patch_that_changes_nothing_writes_nothing():
    profile = BorrowerProfileFactory()
    response = api(profile.user).patch(ME_PROFILE, {"employer": profile.employer}, format="json")
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


# --- my KYC documents ------------------------------------------------------------------


@pytest.mark.django_db
def test_upload_a_document_multipart():
    profile = BorrowerProfileFactory()
    response = api(profile.user).post(
        MY_DOCS, {"doc_type": "pan_card", "file": pdf()}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["doc_type"], body["status"], body["content_type"]) == (
        "pan_card",
        "pending",
        "application/pdf",
    )
    assert body["size"] == len(PDF)
    doc = KycDocument.objects.get(pk=body["id"])
    assert doc.profile == profile and doc.uploaded_by == profile.user


@pytest.mark.django_db
def test_an_exe_renamed_pdf_is_a_400_with_a_file_error():
    profile = BorrowerProfileFactory()
    exe = pdf(name="pan.pdf", content=b"MZ\x90\x00\x03" + b"\x00" * 100)
    response = api(profile.user).post(
        MY_DOCS, {"doc_type": "pan_card", "file": exe}, format="multipart"
    )
    assert (response.status_code, response["Content-Type"]) == (400, PROBLEM)
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"] == {
        "file": ["Upload a PDF, JPEG or PNG file; this file is none of those."]
    }
    assert not KycDocument.objects.exists()


@pytest.mark.django_db
def test_an_oversize_upload_is_refused(settings):
    profile = BorrowerProfileFactory()
    big = pdf(content=PDF + b"0" * settings.KYC_MAX_UPLOAD_BYTES)
    response = api(profile.user).post(
        MY_DOCS, {"doc_type": "pan_card", "file": big}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "file": ["The file is too large: documents can be at most 5 MB."]
    }
    assert not KycDocument.objects.exists()


@pytest.mark.django_db
def test_missing_fields_and_missing_profile():
    profile = BorrowerProfileFactory()
    response = api(profile.user).post(MY_DOCS, {"doc_type": "pan_card"}, format="multipart")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"file"}
    no_profile = api(UserFactory(roles=[BORROWER])).post(
        MY_DOCS, {"doc_type": "pan_card", "file": pdf()}, format="multipart"
    )
    assert (no_profile.status_code, no_profile.json()["code"]) == (409, "invalid_state")


@pytest.mark.django_db
def test_my_documents_are_paginated_and_only_mine(django_assert_max_num_queries, settings):
    settings.KYC_UPLOADS_PER_HOUR = 20
    mine = BorrowerProfileFactory()
    mine_ids = {doc_for(mine).pk for _ in range(12)}
    other = BorrowerProfileFactory()
    doc_for(other)
    client = api(mine.user)
    with django_assert_max_num_queries(6):
        response = client.get(MY_DOCS, {"page_size": 5})
    body = response.json()
    assert body["count"] == 12
    assert len(body["results"]) == 5
    assert body["next"] is not None
    everything = client.get(MY_DOCS, {"page_size": 50}).json()["results"]
    assert {d["id"] for d in everything} == mine_ids


@pytest.mark.django_db
def test_another_borrowers_document_is_404():
    mine, other = BorrowerProfileFactory(), BorrowerProfileFactory()
    theirs = doc_for(other)
    client = api(mine.user)
    for url in (
        f"{MY_DOCS}{theirs.pk}/",
        f"{DOCS}{theirs.pk}/",
        f"{DOCS}{theirs.pk}/file/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), url
    verify = client.post(f"{DOCS}{theirs.pk}/verify/")
    assert verify.status_code == 404
    own = doc_for(mine)
    assert client.get(f"{MY_DOCS}{own.pk}/").status_code == 200
    download = client.get(f"{DOCS}{own.pk}/file/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


# --- officers --------------------------------------------------------------------------


@pytest.mark.django_db
def test_officers_list_pending_documents(django_assert_max_num_queries):
    officer = staff(LOAN_OFFICER)
    pending = {doc_for(BorrowerProfileFactory()).pk for _ in range(10)}
    decided = doc_for(BorrowerProfileFactory())
    kyc_document_verify(acting_user=staff(CREDIT_MANAGER), document=decided)
    client = api(officer)
    with django_assert_max_num_queries(6):
        response = client.get(DOCS, {"status": "pending"})
    assert response.status_code == 200
    assert {d["id"] for d in response.json()["results"]} == pending
    assert client.get(DOCS).json()["count"] == 11


@pytest.mark.django_db
def test_staff_without_the_kyc_permission_see_only_their_own():
    doc_for(BorrowerProfileFactory())
    response = api(staff(COLLECTOR)).get(DOCS)
    assert (response.status_code, response.json()["count"]) == (200, 0)


@pytest.mark.django_db
def test_officer_verifies_and_rejects_over_the_api():
    first, second = doc_for(BorrowerProfileFactory()), doc_for(BorrowerProfileFactory())
    client = api(staff(CREDIT_MANAGER))
    verified = client.post(f"{DOCS}{first.pk}/verify/")
    assert (verified.status_code, verified.json()["status"]) == (200, "verified")
    again = client.post(f"{DOCS}{first.pk}/verify/")
    assert (again.status_code, again.json()["code"]) == (409, "invalid_state")
    no_reason = client.post(f"{DOCS}{second.pk}/reject/", {}, format="json")
    assert (no_reason.status_code, set(no_reason.json()["errors"])) == (400, {"reason"})
    rejected = client.post(f"{DOCS}{second.pk}/reject/", {"reason": "Expired"}, format="json")
    assert rejected.status_code == 200
    assert (rejected.json()["status"], rejected.json()["rejection_reason"]) == (
        "rejected",
        "Expired",
    )
    assert KycDocument.objects.get(pk=second.pk).status == KycStatus.REJECTED


@pytest.mark.django_db
def test_maker_checker_and_permissions_over_the_api():
    officer = staff(LOAN_OFFICER)
    profile = BorrowerProfileFactory()
    mine = doc_for(profile, by=officer)
    response = api(officer).post(f"{DOCS}{mine.pk}/verify/")
    assert (response.status_code, response["Content-Type"]) == (403, PROBLEM)
    assert response.json()["code"] == "maker_checker"
    assert response.json()["detail"] == (
        f"You uploaded KYC #{mine.pk} yourself; another officer must verify it."
    )
    own = doc_for(profile)
    borrower = api(profile.user).post(f"{DOCS}{own.pk}/verify/")
    assert (borrower.status_code, borrower.json()["code"]) == (403, "permission_denied")
    assert KycDocument.objects.filter(status=KycStatus.PENDING).count() == 2
