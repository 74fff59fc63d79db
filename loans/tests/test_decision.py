"""The credit decision's gates: a hard stop blocks approval (409 eligibility_hard_stop)
unless a credit manager overrides it with a written reason (maker-checker still holds: the
overrider does not approve); approval and disbursement need a verified payout account
(409 account_not_verified); an account changed after the offer waits for an officer; the
disbursement names its beneficiary."""

from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import AuditEvent, BankAccount, BankAccountStatus
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.services.bank_accounts import bank_account_add, bank_account_verify
from accounts.tests.factories import BorrowerProfileFactory, staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import ApplicationStatus, JournalEntry, Loan, LoanApplication, LoanStatus
from loans.services.applications import (
    application_approve,
    application_hard_stops_override,
    application_submit,
)
from loans.services.loans import loan_disburse
from loans.tests.factories import draft_application, kyc_verified_borrower, pending_loan

pytestmark = pytest.mark.django_db

THURSDAY = date(2026, 11, 19)
REASON = "Salary rise from next month confirmed by the employer's letter on file."
PROBLEM = "application/problem+json"


def _refusal(fn, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fn(**kwargs)
    return caught.value


def _fresh(app) -> LoanApplication:
    return LoanApplication.objects.get(pk=app.pk)


def _over_foir(**kwargs) -> LoanApplication:
    app = draft_application(monthly_income=Decimal("15000.00"), **kwargs)
    return application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)


def _api(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _problem(response, status, code) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == code
    return body


# --- hard stops and their override ---------------------------------------------------------


def test_a_hard_stop_blocks_approval_and_nothing_is_written():
    app = _over_foir()
    exc = _refusal(
        application_approve,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        business_date=THURSDAY,
    )
    assert exc.code == "eligibility_hard_stop" and exc.status == 409
    assert exc.extra["hard_stops"] == ["FOIR_ABOVE_MAX"]
    assert _fresh(app).status == ApplicationStatus.SUBMITTED and _fresh(app).kfs is None
    assert AuditEvent.objects.get(action="application.approve_refused").outcome == "denied"
    assert not AuditEvent.objects.filter(action="application.rescored").exists()


def test_an_override_with_a_reason_lets_another_credit_manager_approve():
    app = _over_foir()
    overrider, approver = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    app = application_hard_stops_override(
        acting_user=overrider, application=app, reason=REASON, business_date=THURSDAY
    )
    assert app.hard_stop_override_codes == ["FOIR_ABOVE_MAX"]
    assert app.hard_stop_override_by == overrider and app.hard_stop_override_at
    assert app.hard_stop_override_reason == REASON
    event = AuditEvent.objects.get(action="application.hard_stops_overridden")
    assert event.actor == overrider
    assert event.after["codes"] == ["FOIR_ABOVE_MAX"] and event.after["reason"] == REASON

    # Maker-checker: the overrider is a maker of the exception, not its approver.
    exc = _refusal(
        application_approve, acting_user=overrider, application=app, business_date=THURSDAY
    )
    assert exc.code == "maker_checker" and "overrode" in exc.detail
    approved = application_approve(acting_user=approver, application=app, business_date=THURSDAY)
    assert approved.status == ApplicationStatus.APPROVED
    # Priced as the grade the hard stop leaves (E: the top of the range).
    assert approved.grade == "E" and approved.offered_rate == approved.product.max_rate
    done = AuditEvent.objects.get(action="application.approved")
    assert done.after["hard_stops_overridden"] == ["FOIR_ABOVE_MAX"]
    assert done.after["override_by"] == overrider.pk


def test_makers_cannot_override_and_a_reason_is_required():
    officer = staff(LOAN_OFFICER)
    app = _over_foir(officer=officer)
    assert (
        _refusal(
            application_hard_stops_override, acting_user=officer, application=app, reason=REASON
        ).code
        == "permission_denied"
    )
    both = staff(CREDIT_MANAGER)
    both.groups.add(officer.groups.first())
    maker_app = _over_foir(officer=both)
    exc = _refusal(
        application_hard_stops_override, acting_user=both, application=maker_app, reason=REASON
    )
    assert exc.code == "maker_checker"
    exc = _refusal(
        application_hard_stops_override,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        reason="ok",
    )
    assert exc.code == "validation_error" and "reason" in exc.errors
    assert _fresh(app).hard_stop_override_by is None


def test_an_override_covers_only_the_hard_stops_it_named():
    app = _over_foir()
    application_hard_stops_override(
        acting_user=staff(CREDIT_MANAGER), application=app, reason=REASON, business_date=THURSDAY
    )
    # A new hard stop appears after the override: the borrower turns out too old.
    profile = app.borrower.profile
    profile.date_of_birth = date(1961, 5, 1)
    profile.save()
    exc = _refusal(
        application_approve,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        business_date=THURSDAY,
    )
    assert exc.code == "eligibility_hard_stop" and exc.extra["hard_stops"] == ["AGE_AT_MATURITY"]


def test_kyc_cannot_be_overridden():
    profile = BorrowerProfileFactory(date_of_birth=date(1990, 5, 17))
    app = draft_application(borrower=profile.user)
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    exc = _refusal(
        application_hard_stops_override,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        reason=REASON,
        business_date=THURSDAY,
    )
    assert exc.code == "eligibility_hard_stop" and exc.extra["hard_stops"] == ["KYC_NOT_VERIFIED"]
    assert _fresh(app).hard_stop_override_codes == []


def test_nothing_to_override_is_invalid_state():
    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    exc = _refusal(
        application_hard_stops_override,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        reason=REASON,
    )
    assert exc.code == "invalid_state"


def test_the_api_blocks_overrides_and_shows_the_override():
    app = _over_foir()
    overrider, approver = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    url = f"/api/v1/applications/{app.pk}/"
    body = _problem(
        _api(approver).post(f"{url}approve/", {}, format="json"), 409, "eligibility_hard_stop"
    )
    assert body["hard_stops"] == ["FOIR_ABOVE_MAX"]

    preview = _api(approver).get(f"{url}decision/").json()
    assert preview["grade"] == "E" and preview["hard_stops_not_overridden"] == ["FOIR_ABOVE_MAX"]
    assert preview["can_approve"] is False and preview["offer"]["annual_rate"] == "24.0000"
    _problem(_api(app.borrower).get(f"{url}decision/"), 403, "permission_denied")

    _problem(
        _api(overrider).post(f"{url}override-hard-stops/", {"reason": ""}, format="json"),
        400,
        "validation_error",
    )
    response = _api(overrider).post(f"{url}override-hard-stops/", {"reason": REASON}, format="json")
    assert response.status_code == 200, response.content
    shown = response.json()["hard_stop_override"]
    assert shown["codes"] == ["FOIR_ABOVE_MAX"] and shown["reason"] == REASON
    assert shown["by"] == overrider.pk and shown["at"]
    assert response.json()["hard_stops"] == ["FOIR_ABOVE_MAX"]
    _problem(_api(overrider).post(f"{url}approve/", {}, format="json"), 403, "maker_checker")
    response = _api(approver).post(f"{url}approve/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "approved"
    assert _api(app.borrower).get(url).json()["hard_stop_override"]["reason"] == REASON


def test_the_api_refuses_writing_decision_fields_through_patch():
    app = draft_application()
    url = f"/api/v1/applications/{app.pk}/"
    body = _problem(
        _api(app.borrower).patch(url, {"hard_stop_override_reason": "x"}, format="json"),
        403,
        "protected_field",
    )
    assert "hard_stop_override_reason" in body["errors"]
    response = _api(app.borrower).patch(url, {"existing_emis": "5000.00"}, format="json")
    assert response.status_code == 200 and response.json()["existing_emis"] == "5000.00"


# --- the payout account ----------------------------------------------------------------------


def test_approval_needs_a_verified_account():
    person = kyc_verified_borrower(bank_account=False)
    app = draft_application(borrower=person)
    app = application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)
    checker = staff(CREDIT_MANAGER)
    exc = _refusal(
        application_approve, acting_user=checker, application=app, business_date=THURSDAY
    )
    assert exc.code == "account_not_verified" and exc.status == 409
    body = _problem(
        _api(checker).post(f"/api/v1/applications/{app.pk}/approve/", {}, format="json"),
        409,
        "account_not_verified",
    )
    assert "no bank account" in body["detail"]
    bank_account_add(
        acting_user=person,
        profile=person.profile,
        holder_name=person.profile.full_name,
        account_number="000111222333",  # the sandbox's unknown account
        ifsc="SBIN0003301",
    )
    exc = _refusal(
        application_approve, acting_user=checker, application=app, business_date=THURSDAY
    )
    assert exc.code == "account_not_verified" and "verification failed" in exc.detail
    assert _fresh(app).status == ApplicationStatus.SUBMITTED


def _change_account(loan, number="123456789012"):
    profile = loan.borrower.profile
    return bank_account_add(
        acting_user=loan.borrower,
        profile=profile,
        holder_name=profile.full_name,
        account_number=number,
        ifsc="UTIB0000114",
    )


def test_an_account_changed_after_the_offer_waits_for_an_officer_before_disbursement():
    loan = pending_loan()
    old = loan.borrower.profile.bank_accounts.get()
    new = _change_account(loan)
    new = BankAccount.objects.get(pk=new.pk)
    # The automatic check did not run: only an officer may verify it now.
    assert new.status == BankAccountStatus.PENDING and new.officer_check_required
    assert AuditEvent.objects.filter(action="bank_account.officer_check_required").count() == 1
    assert not AuditEvent.objects.filter(action="bank_account.verified", target_id=str(new.pk))
    finance = staff(FINANCE)
    exc = _refusal(
        loan_disburse, acting_user=finance, loan=loan, disbursed_on=today_ist(), reference="U1"
    )
    assert exc.code == "account_not_verified" and "XXXXXXXX9012" in exc.detail
    response = _api(finance).post(
        f"/api/v1/loans/{loan.pk}/disburse/",
        {"disbursed_on": str(today_ist()), "reference": "U1"},
        format="json",
    )
    _problem(response, 409, "account_not_verified")
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.PENDING_DISBURSEMENT

    officer = staff(LOAN_OFFICER)
    bank_account_verify(acting_user=officer, account=new)
    verified = AuditEvent.objects.filter(action="bank_account.verified").latest("id")
    assert verified.actor == officer and verified.after["method"] == "officer+sandbox"
    paid = loan_disburse(
        acting_user=finance, loan=loan, disbursed_on=today_ist(), reference="UTR-NEW-1"
    )
    assert paid.disbursement_account_id == new.pk != old.pk


def test_an_account_changed_before_any_offer_is_checked_automatically():
    person = kyc_verified_borrower()
    account = bank_account_add(
        acting_user=person,
        profile=person.profile,
        holder_name=person.profile.full_name,
        account_number="123456789012",
        ifsc="UTIB0000114",
    )
    account = BankAccount.objects.get(pk=account.pk)
    assert account.status == BankAccountStatus.VERIFIED and not account.officer_check_required


def test_the_disbursement_names_its_beneficiary_in_the_entry_and_the_audit_event():
    loan = pending_loan()
    account = loan.borrower.profile.bank_accounts.get()
    paid = loan_disburse(
        acting_user=staff(FINANCE), loan=loan, disbursed_on=today_ist(), reference="UTR9"
    )
    assert paid.disbursement_account == account
    entry = JournalEntry.objects.get(loan=loan, kind="disbursement")
    assert account.masked_number in entry.memo and account.ifsc in entry.memo
    assert account.holder_name in entry.memo and account.account_number not in entry.memo
    event = AuditEvent.objects.get(action="loan.disbursed")
    assert event.after["beneficiary"] == {
        "bank_account": account.pk,
        "name": account.holder_name,
        "account": account.masked_number,
        "ifsc": account.ifsc,
        "bank": account.bank_name,
        "branch": account.branch,
    }
