"""A KYC document's own page in the console (accounts.admin.kyc): the file shown in place
through the authorised file view, and Verify / Reject calling the KYC services."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent, KycDocument, KycStatus
from accounts.roles import COLLECTOR, LOAN_OFFICER
from accounts.services.kyc import kyc_document_upload
from accounts.tests.factories import BorrowerProfileFactory, staff

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(by=None) -> KycDocument:
    profile = BorrowerProfileFactory()
    return kyc_document_upload(
        acting_user=by or profile.user,
        profile=profile,
        doc_type="pan_card",
        uploaded_file=SimpleUploadedFile("pan.pdf", PDF, content_type="application/pdf"),
    )


def decide(client, doc, decision, **data):
    url = reverse("admin:accounts_kycdocument_decide", args=[doc.pk, decision])
    return client.post(url, data, follow=True)


def test_the_page_previews_the_file_inline_and_offers_the_decision(client):
    doc = upload()
    client.force_login(staff(LOAN_OFFICER))
    page = client.get(reverse("admin:accounts_kycdocument_change", args=[doc.pk]))
    html = page.content.decode()
    preview = reverse("admin:accounts_kycdocument_file", args=[doc.pk]) + "?inline=1"
    assert f'<iframe class="kyc-preview-frame" src="{preview}"' in html
    assert "Verify this document" in html and "Reject this document" in html
    shown = client.get(preview)
    assert shown["Content-Disposition"].startswith("inline")
    assert shown["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in shown["Content-Security-Policy"]
    assert b"".join(shown.streaming_content) == PDF
    # Without ?inline the file is still a download that no page may frame.
    download = client.get(reverse("admin:accounts_kycdocument_file", args=[doc.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Frame-Options"] == "DENY"


def test_verify_button_calls_the_service(client):
    doc = upload()
    officer = staff(LOAN_OFFICER)
    client.force_login(officer)
    decide(client, doc, "verify")
    doc = KycDocument.objects.get(pk=doc.pk)  # FSM-protected status: reread
    assert (doc.status, doc.verified_by) == (KycStatus.VERIFIED, officer)
    assert AuditEvent.objects.filter(action="kyc.verified", actor=officer).count() == 1


def test_reject_needs_a_reason_and_the_uploader_cannot_decide(client):
    officer = staff(LOAN_OFFICER)
    doc = upload(by=officer)
    client.force_login(officer)
    decide(client, doc, "verify")  # maker-checker: refused by the service, page says why
    doc = KycDocument.objects.get(pk=doc.pk)  # FSM-protected status: reread
    assert doc.status == KycStatus.PENDING
    other = staff(LOAN_OFFICER)
    client.force_login(other)
    decide(client, doc, "reject", reason="")
    doc = KycDocument.objects.get(pk=doc.pk)  # FSM-protected status: reread
    assert doc.status == KycStatus.PENDING
    decide(client, doc, "reject", reason="The PAN is not readable.")
    doc = KycDocument.objects.get(pk=doc.pk)  # FSM-protected status: reread
    assert (doc.status, doc.rejection_reason) == (KycStatus.REJECTED, "The PAN is not readable.")


def test_decisions_need_the_permission_and_a_post(client):
    doc = upload()
    client.force_login(staff(COLLECTOR))
    assert decide(client, doc, "verify").status_code == 403
    client.force_login(staff(LOAN_OFFICER))
    url = reverse("admin:accounts_kycdocument_decide", args=[doc.pk, "verify"])
    assert client.get(url).status_code == 403
    doc = KycDocument.objects.get(pk=doc.pk)  # FSM-protected status: reread
    assert doc.status == KycStatus.PENDING
