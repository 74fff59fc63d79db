"""The borrower's application page tells the decision's story: never "Approved" beside "does
not meet our lending rules", reasons that match the decision, and a notice when no verified
payout account exists yet."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import KycDocType, KycDocument, KycStatus
from accounts.roles import CREDIT_MANAGER
from accounts.tests.factories import BorrowerProfileFactory, staff, verified_bank_account
from loans.services.applications import (
    application_approve,
    application_hard_stops_override,
    application_submit,
)
from loans.tests.factories import draft_application, kyc_verified_borrower

pytestmark = pytest.mark.django_db

REASON = "Salary rise from next month confirmed by the employer's letter on file."


def _page(client, app) -> str:
    client.force_login(app.borrower)
    response = client.get(reverse("borrower:application", args=[app.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_application_approved_after_kyc_reads_as_meeting_the_rules(client):
    profile = BorrowerProfileFactory(date_of_birth=date(1990, 5, 17))
    verified_bank_account(profile)
    app = draft_application(borrower=profile.user)
    app = application_submit(acting_user=app.created_by, application=app)
    assert "does not meet our lending rules" in _page(client, app)
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
    app = application_approve(acting_user=staff(CREDIT_MANAGER), application=app)
    html = _page(client, app)
    assert "Approved" in html and "You meet our lending rules, and we made you an offer." in html
    assert "does not meet our lending rules" not in html
    assert "Your PAN card and address proof must be verified first." not in html


def test_an_overridden_hard_stop_is_shown_as_weighed_not_as_standing_in_the_way(client):
    app = draft_application(monthly_income=Decimal("15000.00"))
    app = application_submit(acting_user=app.created_by, application=app)
    application_hard_stops_override(
        acting_user=staff(CREDIT_MANAGER), application=app, reason=REASON
    )
    app = application_approve(acting_user=staff(CREDIT_MANAGER), application=app)
    html = _page(client, app)
    assert "Approved" in html and "does not meet our lending rules" not in html
    assert "Our credit team reviewed your application and made you an offer." in html
    assert "What our credit team weighed" in html and "What stands in the way" not in html


def test_a_waiting_application_asks_for_a_verified_account(client):
    person = kyc_verified_borrower(bank_account=False)
    app = draft_application(borrower=person)
    app = application_submit(acting_user=app.created_by, application=app)
    html = _page(client, app)
    assert "we need a verified bank account in your name" in html
    assert reverse("accounts:bank_account") in html
    verified_bank_account(person.profile)
    assert "we need a verified bank account" not in _page(client, app)
