"""Decisions use today's facts: an application is scored again when KYC is verified or
rejected, when the borrower's income or date of birth changes on the profile, when its own
income or EMIs are corrected, and at recommendation and decision; each re-score is audited
with the old and new score, grade and reasons, and the offer is priced from the grade at
the decision."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import AuditEvent, KycDocType, KycDocument, KycStatus
from accounts.roles import CREDIT_MANAGER, LOAN_OFFICER
from accounts.services.kyc import kyc_document_reject, kyc_document_upload, kyc_document_verify
from accounts.services.profile import borrower_profile_update
from accounts.tests.factories import BorrowerProfileFactory, staff, verified_bank_account
from lendingsite.errors import DomainError
from loans import scoring
from loans.models import ApplicationStatus, LoanApplication
from loans.services.applications import (
    application_approve,
    application_figures_update,
    application_recommend,
    application_submit,
)
from loans.tests.factories import ProductFactory, approved_application, draft_application

pytestmark = pytest.mark.django_db

THURSDAY = date(2026, 11, 19)
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _fresh(app) -> LoanApplication:
    return LoanApplication.objects.get(pk=app.pk)


def _borrower_without_kyc():
    """Adult, with a verified payout account, but no KYC document verified yet."""
    profile = BorrowerProfileFactory(date_of_birth=date(1990, 5, 17))
    verified_bank_account(profile)
    return profile


def _submitted_before_kyc(profile, **kwargs):
    app = draft_application(borrower=profile.user, **kwargs)
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    assert app.grade == "E" and "KYC_NOT_VERIFIED" in [r["code"] for r in app.reasons]
    return app


def _kyc_verified_by_officers(profile):
    uploader, checker = staff(LOAN_OFFICER), staff(CREDIT_MANAGER)
    for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
        document = kyc_document_upload(
            acting_user=uploader,
            profile=profile,
            doc_type=doc_type,
            uploaded_file=SimpleUploadedFile("doc.pdf", PDF, "application/pdf"),
        )
        kyc_document_verify(acting_user=checker, document=document)
    return checker


def _rescored(app) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action="application.rescored", target_id=str(app.pk)).order_by(
            "id"
        )
    )


def test_kyc_verification_rescores_the_open_application_and_the_offer_is_priced_from_it():
    profile = _borrower_without_kyc()
    app = _submitted_before_kyc(profile)
    checker = _kyc_verified_by_officers(profile)

    app = _fresh(app)
    assert app.grade == "B" and not any(r["hard_stop"] for r in app.reasons)
    last = _rescored(app)[-1]
    assert last.after["trigger"] == "kyc.verified" and last.actor == checker
    assert last.before["grade"] == "E" and "KYC_NOT_VERIFIED" in last.before["hard_stops"]
    assert last.after["grade"] == "B" and last.after["hard_stops"] == []
    assert last.after["changed"] is True

    approved = application_approve(
        acting_user=staff(CREDIT_MANAGER), application=app, business_date=THURSDAY
    )
    product = approved.product
    expected = scoring.offered_rate(grade="B", min_rate=product.min_rate, max_rate=product.max_rate)
    assert approved.offered_rate == expected == Decimal("13.5000")  # not the 24% top
    assert approved.offered_amount == approved.amount
    assert Decimal(approved.kfs["apr"]) < Decimal("20")
    assert _rescored(app)[-1].after["trigger"] == "decision"


def test_the_decision_rescores_even_when_no_listener_saw_the_change():
    profile = _borrower_without_kyc()
    app = _submitted_before_kyc(profile)
    # KYC rows written behind the services' back: no kyc.verified event, no listener.
    for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
        KycDocument.objects.create(
            profile=profile,
            doc_type=doc_type,
            file="kyc/x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            status=KycStatus.VERIFIED,
            verified_at=timezone.now(),
        )
    assert _fresh(app).grade == "E"
    approved = application_approve(
        acting_user=staff(CREDIT_MANAGER), application=app, business_date=THURSDAY
    )
    assert approved.grade == "B" and approved.offered_rate == Decimal("13.5000")
    [event] = _rescored(app)
    assert event.after["trigger"] == "decision" and event.before["grade"] == "E"


def test_a_kyc_rejection_rescores_too():
    profile = _borrower_without_kyc()
    app = _submitted_before_kyc(profile)
    document = kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type=KycDocType.PAN_CARD,
        uploaded_file=SimpleUploadedFile("pan.pdf", PDF, "application/pdf"),
    )
    kyc_document_reject(acting_user=staff(LOAN_OFFICER), document=document, reason="Blurred")
    [event] = _rescored(app)
    assert event.after["trigger"] == "kyc.rejected" and event.after["changed"] is False


def test_a_new_income_on_the_profile_becomes_the_applications_and_rescores_it():
    app = draft_application(monthly_income=Decimal("150000.00"))
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    assert app.grade == "B"
    profile = app.borrower.profile
    borrower_profile_update(acting_user=app.borrower, profile=profile, monthly_income="15000")
    app = _fresh(app)
    assert app.monthly_income == Decimal("15000.00") and app.grade == "E"
    assert "FOIR_ABOVE_MAX" in [r["code"] for r in app.reasons if r["hard_stop"]]
    [event] = _rescored(app)
    assert event.after["trigger"] == "profile.updated"
    assert event.before["monthly_income"] == "150000.00"
    assert event.after["monthly_income"] == "15000.00"
    # Other profile fields are not inputs: no re-score.
    borrower_profile_update(acting_user=app.borrower, profile=profile, employer="Elsewhere")
    assert len(_rescored(app)) == 1


def test_an_approved_offer_is_not_repriced_by_a_later_change():
    app = approved_application()
    kfs_hash = app.kfs_hash
    borrower_profile_update(
        acting_user=app.borrower, profile=app.borrower.profile, monthly_income="15000"
    )
    app = _fresh(app)
    assert app.status == ApplicationStatus.APPROVED and app.kfs_hash == kfs_hash
    assert app.monthly_income == Decimal("150000.00")
    assert [e.after["trigger"] for e in _rescored(app)] == ["decision"]


def test_correcting_the_figures_rescores_and_only_before_a_decision():
    app = draft_application(product=ProductFactory())
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    app = application_figures_update(
        acting_user=app.borrower,
        application=app,
        existing_emis=Decimal("70000.00"),
        business_date=THURSDAY,
    )
    assert app.existing_emis == Decimal("70000.00") and app.grade == "E"
    updated = AuditEvent.objects.get(action="application.updated")
    assert updated.before == {"existing_emis": "0.00"}
    assert _rescored(app)[-1].after["trigger"] == "application.updated"
    with pytest.raises(DomainError) as caught:
        application_figures_update(
            acting_user=app.borrower, application=app, monthly_income=Decimal("-1")
        )
    assert caught.value.code == "validation_error"

    approved = approved_application()
    with pytest.raises(DomainError) as caught:
        application_figures_update(
            acting_user=approved.borrower, application=approved, monthly_income=Decimal("1")
        )
    assert caught.value.code == "invalid_state"
    outsider = BorrowerProfileFactory().user
    with pytest.raises(DomainError) as caught:
        application_figures_update(acting_user=outsider, application=app, existing_emis=1)
    assert caught.value.code == "not_found"


def test_recommendation_rescores_first():
    profile = _borrower_without_kyc()
    app = _submitted_before_kyc(profile)
    KycDocument.objects.filter(profile=profile).delete()
    for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
        KycDocument.objects.create(
            profile=profile,
            doc_type=doc_type,
            file="kyc/x.pdf",
            content_type="application/pdf",
            size=1,
            sha256="0" * 64,
            status=KycStatus.VERIFIED,
        )
    app = application_recommend(
        acting_user=staff(LOAN_OFFICER), application=app, business_date=THURSDAY
    )
    assert app.grade == "B" and _rescored(app)[-1].after["trigger"] == "recommendation"


def test_with_scoring_switched_off_nothing_is_stored(settings):
    settings.SCORING_ENABLED = False
    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    application_figures_update(
        acting_user=app.borrower, application=app, existing_emis=Decimal("100.00")
    )
    app = _fresh(app)
    assert app.score is None and app.reasons[0]["code"] == "SCORING_DISABLED"
    assert not _rescored(app)
