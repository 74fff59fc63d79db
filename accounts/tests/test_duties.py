"""Segregation of duties (issue 12, item 4): staff accounts, the auditor included, never act
as borrowers; loan officers still apply for a borrower. accounts.duties has the rule."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import AuditEvent, BorrowerProfile, KycDocument
from accounts.roles import (
    AUDITOR,
    COLLECTIONS_MANAGER,
    COLLECTOR,
    CREDIT_MANAGER,
    FINANCE,
    LOAN_OFFICER,
    STAFF_ROLES,
)
from accounts.services.users import user_set_roles
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import LoanApplication
from loans.services.applications import application_create
from loans.tests.factories import ProductFactory, active_loan, approved_application
from repayments.models import Payment

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _apply_body(product, **extra) -> dict:
    return {
        "product": product.code,
        "amount": "100000.00",
        "tenure": 12,
        "purpose": "Home renovation",
        "monthly_income": "150000.00",
        **extra,
    }


def _refused(response):
    assert response.status_code == 403, response.content
    body = response.json()
    assert body["code"] == "staff_cannot_borrow"
    assert "staff accounts cannot act as borrowers" in body["detail"]
    return body


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_no_staff_role_may_apply_for_itself(role):
    # Was 201 for the auditor.
    product = ProductFactory()
    response = api(staff(role)).post("/api/v1/applications/", _apply_body(product), format="json")
    _refused(response)
    assert not LoanApplication.objects.exists()
    assert not BorrowerProfile.objects.exists()


def test_a_superuser_may_not_apply_either():
    boss = UserFactory(is_superuser=True, is_staff=True)
    _refused(api(boss).post("/api/v1/applications/", _apply_body(ProductFactory()), format="json"))


def test_the_refusal_comes_before_the_body_and_is_on_record():
    auditor = staff(AUDITOR)
    _refused(api(auditor).post("/api/v1/applications/", [], format="json"))
    event = AuditEvent.objects.get(action="application.create_refused", outcome="denied")
    assert event.actor == auditor and event.after["code"] == "staff_cannot_borrow"


def test_a_loan_officer_still_applies_for_a_borrower_but_not_for_a_colleague():
    product = ProductFactory()
    officer = staff(LOAN_OFFICER)
    customer = BorrowerProfileFactory().user
    created = api(officer).post(
        "/api/v1/applications/", _apply_body(product, borrower=customer.pk), format="json"
    )
    assert created.status_code == 201, created.content
    assert LoanApplication.objects.get().borrower == customer

    colleague = staff(FINANCE)
    for_colleague = api(officer).post(
        "/api/v1/applications/", _apply_body(product, borrower=colleague.pk), format="json"
    )
    body = _refused(for_colleague)
    assert colleague.email in body["detail"]
    # And not for themselves, with the body naming nobody.
    _refused(api(officer).post("/api/v1/applications/", _apply_body(product), format="json"))
    assert LoanApplication.objects.count() == 1


@pytest.mark.parametrize("role", [AUDITOR, LOAN_OFFICER])
def test_staff_cannot_hold_a_borrower_profile(role):
    user = staff(role)
    _refused(api(user).patch("/api/v1/me/profile/", {"employer": "Wipro"}, format="json"))
    assert not BorrowerProfile.objects.exists()


def test_staff_cannot_upload_kyc_documents():
    # A profile left from before the rule: still no uploads.
    profile = BorrowerProfileFactory(user=staff(CREDIT_MANAGER))
    upload = SimpleUploadedFile("pan.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = api(profile.user).post(
        "/api/v1/me/kyc-documents/", {"doc_type": "pan_card", "file": upload}, format="multipart"
    )
    _refused(response)
    assert not KycDocument.objects.exists()


def test_the_service_refuses_whoever_calls_it():
    with pytest.raises(DomainError) as refused:
        application_create(
            acting_user=staff(LOAN_OFFICER),
            borrower=staff(COLLECTOR),
            product=ProductFactory(),
            amount="100000.00",
            tenure=12,
            purpose="x",
            monthly_income="100000.00",
        )
    assert refused.value.code == "staff_cannot_borrow"


def _made_staff(user, role=COLLECTIONS_MANAGER):
    """A borrower given a staff role before the rule existed (straight to the tables)."""
    user.groups.add(Group.objects.get(name=role))
    user.is_staff = True
    user.save()
    return user


def test_a_staff_borrower_from_before_cannot_accept_or_pay(client):
    app = approved_application()
    _made_staff(app.borrower)
    _refused(api(app.borrower).post(f"/api/v1/applications/{app.pk}/accept/", {}, format="json"))

    loan = active_loan(disbursed_on=today_ist() - timedelta(days=35))
    _made_staff(loan.borrower)
    client.force_login(loan.borrower)
    page = client.post(f"/loans/{loan.pk}/pay/", {"amount": "1000.00"})
    assert page.status_code == 403
    assert "staff accounts cannot act as borrowers" in page.content.decode()
    assert not Payment.objects.exists()


def test_a_borrower_cannot_be_given_a_staff_role():
    superuser = UserFactory(is_superuser=True, is_staff=True)
    customer = BorrowerProfileFactory().user
    with pytest.raises(DomainError) as refused:
        user_set_roles(acting_user=superuser, user=customer, roles=[AUDITOR])
    assert refused.value.code == "staff_cannot_borrow"
    customer.refresh_from_db()
    assert not customer.is_staff and customer.roles == ["borrower"]


def test_the_data_check_lists_staff_who_borrow(capsys):
    call_command("staff_borrowers")
    assert "No staff account acts as a borrower." in capsys.readouterr().out

    loan = active_loan()
    _made_staff(loan.borrower, AUDITOR)
    with_profile_only = _made_staff(BorrowerProfileFactory().user, FINANCE)
    BorrowerProfileFactory()  # an ordinary borrower: not listed

    with pytest.raises(SystemExit) as exit_code:
        call_command("staff_borrowers")
    assert exit_code.value.code == 1
    out = capsys.readouterr().out
    assert "2 staff account(s) act as borrowers" in out
    assert f"user {loan.borrower.pk} {loan.borrower.email} (auditor, borrower)" in out
    assert f"loans: #{loan.pk} active" in out
    assert f"user {with_profile_only.pk} " in out
