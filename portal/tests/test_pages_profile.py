"""Profile and KYC pages (/accounts/profile/, /accounts/kyc/): the borrower's own details
and documents, through the same services as the API."""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, BorrowerProfile, KycDocType, KycDocument, KycStatus
from accounts.roles import BORROWER, CREDIT_MANAGER
from accounts.services.kyc import kyc_document_reject, kyc_document_upload, kyc_document_verify
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff
from portal.tests.test_pages_landing import assert_csp_clean, text_of

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64
PROFILE_URL, KYC_URL = "/accounts/profile/", "/accounts/kyc/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def profile():
    return BorrowerProfileFactory(
        pan="ABCDE1234F", phone="+919812345678", date_of_birth=date(1990, 5, 17)
    )


@pytest.fixture
def signed_in(client, profile):
    client.force_login(profile.user)
    return client


def form_data(**overrides) -> dict:
    data = {
        "full_name": "Asha Rao",
        "phone": "",
        "date_of_birth": "1990-05-17",
        "pan": "",
        "address": "4 Residency Road, Bengaluru 560025",
        "employment_type": "salaried",
        "employer": "Infra Pvt Ltd",
        "monthly_income": "1,20,000",
    }
    return {**data, **overrides}


def field_error(html: str, name: str) -> str:
    """The error list Django ties to the field (aria-describedby="id_<name>_error")."""
    match = re.search(rf'<ul class="errorlist" id="id_{name}_error">(.*?)</ul>', html, re.S)
    assert match, f"no error shown for {name}"
    control = re.search(rf'<(?:input|select|textarea)[^>]*\bname="{name}"[^>]*>', html)
    assert control, f"no control named {name}"
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}_error\b', control.group(0))
    assert 'aria-invalid="true"' in control.group(0)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


# --- access ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PROFILE_URL, KYC_URL, "/accounts/kyc/1/file/"])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    page = client.get(url)
    assert page.status_code == 302
    assert page["Location"] == f"{reverse('accounts:login')}?next={url}"


# --- profile -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_page_shows_pan_and_phone_masked_only(
    signed_in, profile, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        page = signed_in.get(PROFILE_URL)
    assert page.status_code == 200
    html = assert_csp_clean(page)
    assert "ABCDE****F" in html and "+91******5678" in html
    assert "ABCDE1234F" not in html and "9812345678" not in html
    assert 'name="pan" ' in html and 'value="ABCDE' not in html
    assert "New PAN" in html and "Leave this blank to keep it." in html
    assert 'value="1990-05-17"' in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]


@pytest.mark.django_db
def test_saving_details_keeps_a_blank_pan_and_phone(signed_in, profile):
    page = signed_in.post(PROFILE_URL, form_data())
    assert page.status_code == 302 and page["Location"] == PROFILE_URL
    saved = BorrowerProfile.objects.get(pk=profile.pk)
    assert saved.full_name == "Asha Rao"
    assert saved.pan == "ABCDE1234F" and saved.phone == "+919812345678"
    assert str(saved.monthly_income) == "120000.00"
    assert saved.employer == "Infra Pvt Ltd"
    assert "Your details are saved." in text_of(signed_in.get(PROFILE_URL))
    [event] = AuditEvent.objects.filter(action="profile.updated")
    assert event.actor == profile.user


@pytest.mark.django_db
def test_changing_pan_and_phone_through_the_change_fields(signed_in, profile):
    page = signed_in.post(PROFILE_URL, form_data(pan="pqrst 6789 k", phone="070123 45678"))
    assert page.status_code == 302
    saved = BorrowerProfile.objects.get(pk=profile.pk)
    assert saved.pan == "PQRST6789K" and saved.phone == "+917012345678"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pan", "ABC123", "PAN must be 5 letters, 4 digits and a letter, like ABCDE1234F."),
        ("phone", "12345", "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."),
        (
            "date_of_birth",
            (timezone.localdate() + timedelta(days=3)).isoformat(),
            "Date of birth must be in the past.",
        ),
        ("date_of_birth", "31/02/1990", "Enter your date of birth as DD/MM/YYYY, like 17/05/1990."),
        ("monthly_income", "lots", "Enter the amount in rupees, like 85000 or 85,000."),
        ("monthly_income", "-5", "Monthly income can't be negative."),
        ("full_name", "", "Enter your full name."),
    ],
)
def test_bad_input_is_a_form_error_in_plain_words(signed_in, profile, field, value, message):
    before = BorrowerProfile.objects.get(pk=profile.pk)
    page = signed_in.post(PROFILE_URL, form_data(**{field: value}))
    assert page.status_code == 200
    html = assert_csp_clean(page)
    assert field_error(html, field) == message
    assert "Please check the form" in html
    after = BorrowerProfile.objects.get(pk=profile.pk)
    assert (after.full_name, after.address, after.pan) == (
        before.full_name,
        before.address,
        before.pan,
    )


@pytest.mark.django_db
def test_a_pan_registered_to_someone_else_is_refused(signed_in):
    BorrowerProfileFactory(pan="ZZZZZ9999Z")
    page = signed_in.post(PROFILE_URL, form_data(pan="ZZZZZ9999Z"))
    assert page.status_code == 200
    assert field_error(page.content.decode(), "pan") == "This PAN is already registered."


@pytest.mark.django_db
def test_a_verified_pan_cannot_be_changed(signed_in, profile):
    document = kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type=KycDocType.PAN_CARD,
        uploaded_file=SimpleUploadedFile("pan.pdf", PDF, content_type="application/pdf"),
    )
    kyc_document_verify(acting_user=staff(CREDIT_MANAGER), document=document)
    page = signed_in.post(PROFILE_URL, form_data(pan="PQRST6789K"))
    assert page.status_code == 409
    assert field_error(page.content.decode(), "pan") == "Already verified."
    assert BorrowerProfile.objects.get(pk=profile.pk).pan == "ABCDE1234F"


@pytest.mark.django_db
def test_someone_without_a_profile_creates_one_here(client):
    officer = UserFactory(roles=[BORROWER])  # a new borrower, signed up without details
    client.force_login(officer)
    page = client.get(PROFILE_URL)
    assert page.status_code == 200
    assert "Mobile number" in page.content.decode() and "New PAN" not in page.content.decode()
    page = client.post(PROFILE_URL, form_data(pan="LMNOP4321Q", phone="9876543210"))
    assert page.status_code == 302
    created = BorrowerProfile.objects.get(user=officer)
    assert created.pan == "LMNOP4321Q" and created.phone == "+919876543210"
    assert AuditEvent.objects.filter(action="profile.created", actor=officer).count() == 1


# --- KYC ---------------------------------------------------------------------------------


def upload(client, content=PDF, name="pan.pdf", doc_type="pan_card"):
    return client.post(
        KYC_URL,
        {"doc_type": doc_type, "file": SimpleUploadedFile(name, content, "application/pdf")},
    )


@pytest.mark.django_db
def test_upload_a_document_and_see_it_waiting(signed_in, profile):
    page = upload(signed_in)
    assert page.status_code == 302 and page["Location"] == KYC_URL
    [document] = KycDocument.objects.filter(profile=profile)
    assert document.status == KycStatus.PENDING and document.uploaded_by == profile.user
    words = text_of(signed_in.get(KYC_URL))
    assert "your PAN card is uploaded" in words
    assert "Waiting for our check" in words
    assert "PAN card: waiting for our check" in words
    assert "Address proof: not uploaded yet" in words


@pytest.mark.django_db
def test_each_document_shows_its_status_and_a_rejection_reason(
    signed_in, profile, django_assert_max_num_queries
):
    officer = staff(CREDIT_MANAGER)
    for doc_type in ("pan_card", "address_proof", "income_proof"):
        upload(signed_in, doc_type=doc_type)
    pan, address, income = KycDocument.objects.filter(profile=profile).order_by("id")
    kyc_document_verify(acting_user=officer, document=pan)
    kyc_document_reject(
        acting_user=officer, document=address, reason="The bill is older than 3 months."
    )
    for _ in range(5):
        upload(signed_in, doc_type="income_proof")

    with django_assert_max_num_queries(6):
        page = signed_in.get(KYC_URL)
    html = assert_csp_clean(page)
    words = text_of(page)
    # One income proof in force; the five before it were replaced and are kept.
    assert words.count("Waiting for our check. This usually takes one working day.") == 1
    assert words.count("Replaced by a newer upload on") == 5
    assert "Verified on" in words
    assert "Not accepted on" in words
    assert "Reason from our officer: The bill is older than 3 months." in words
    assert "PAN card: verified" in words and "Address proof: not accepted" in words
    assert f'href="{reverse("accounts:kyc_file", args=[income.pk])}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "pan.pdf", "Upload a PDF, JPEG or PNG file; this file is none of those."),
        (b"", "empty.pdf", "The file is empty."),
        (PDF + b"x" * 3000, "big.pdf", "The file is too large: documents can be at most 2 KB."),
    ],
)
def test_bad_files_are_form_errors(signed_in, profile, settings, content, name, message):
    settings.KYC_MAX_UPLOAD_BYTES = 2048
    page = upload(signed_in, content=content, name=name)
    assert page.status_code == 200
    html = assert_csp_clean(page)
    assert field_error(html, "file") == message
    assert not KycDocument.objects.exists()


@pytest.mark.django_db
def test_missing_choices_are_form_errors(signed_in):
    page = signed_in.post(KYC_URL, {"doc_type": "passport_selfie"})
    html = page.content.decode()
    assert field_error(html, "doc_type") == "Choose one of the document types in the list."
    assert field_error(html, "file") == "Choose a file to upload."
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.django_db
def test_uploading_without_a_profile_asks_for_details_first(client):
    client.force_login(UserFactory())
    page = client.post(
        KYC_URL,
        {"doc_type": "pan_card", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")},
    )
    assert page.status_code == 200
    assert "Fill in your personal details first" in text_of(page)
    assert not KycDocument.objects.exists()


@pytest.mark.django_db
def test_own_file_downloads_and_another_borrowers_is_404(signed_in, profile):
    upload(signed_in)
    [mine] = KycDocument.objects.filter(profile=profile)
    other = BorrowerProfileFactory()
    theirs = kyc_document_upload(
        acting_user=other.user,
        profile=other,
        doc_type="pan_card",
        uploaded_file=SimpleUploadedFile("x.pdf", PDF, "application/pdf"),
    )
    download = signed_in.get(reverse("accounts:kyc_file", args=[mine.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == f'attachment; filename="pan_card-{mine.pk}.pdf"'
    assert signed_in.get(reverse("accounts:kyc_file", args=[theirs.pk])).status_code == 404
    assert signed_in.get(reverse("accounts:kyc_file", args=[999999])).status_code == 404
    assert "x.pdf" not in text_of(signed_in.get(KYC_URL))
