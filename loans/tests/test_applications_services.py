"""The application lifecycle through its services: create → submit (scoring) → recommend →
approve (maker-checker, eligibility re-check) → accept, plus reject, withdraw and expiry."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from accounts.models import AuditEvent
from accounts.roles import BORROWER, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import UserFactory, borrower, staff
from lendingsite.dates import add_working_days
from lendingsite.errors import DomainError
from loans.kfs import kfs_hash
from loans.models import ApplicationStatus, Consent, Loan, LoanApplication, LoanStatus
from loans.services.applications import (
    application_accept,
    application_approve,
    application_create,
    application_recommend,
    application_reject,
    application_submit,
    application_withdraw,
    applications_expire,
)
from loans.tasks import expire_offers
from loans.tests.factories import (
    ProductFactory,
    active_loan,
    approved_application,
    draft_application,
    kyc_verified_borrower,
)

pytestmark = pytest.mark.django_db

THURSDAY = date(2026, 11, 19)


def _refusal(fn, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fn(**kwargs)
    return caught.value


def _fresh(app: LoanApplication) -> LoanApplication:
    # refresh_from_db() would assign the protected FSM status field, which django-fsm forbids.
    return LoanApplication.objects.get(pk=app.pk)


def _denied(action: str, actor) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, outcome="denied", actor=actor))


def _submitted(**kwargs) -> LoanApplication:
    app = draft_application(**kwargs)
    return application_submit(acting_user=app.created_by, application=app, business_date=THURSDAY)


# --- create ------------------------------------------------------------------------------


def _create(*, acting_user, borrower, **terms):
    terms = {
        "product": ProductFactory(),
        "amount": Decimal("50000.00"),
        "tenure": 12,
        "purpose": "Wedding",
        "monthly_income": Decimal("60000.00"),
        **terms,
    }
    return application_create(acting_user=acting_user, borrower=borrower, **terms)


def test_borrower_applies_for_themself_as_a_draft():
    person = kyc_verified_borrower()
    app = _create(acting_user=person, borrower=person)
    assert app.status == ApplicationStatus.DRAFT
    assert app.created_by == person and app.borrower == person
    event = AuditEvent.objects.get(action="application.created")
    assert event.actor == person and event.target_id == str(app.pk)


def test_unverified_email_cannot_apply_and_nothing_is_written():
    person = borrower(user__email_verified_at=None)
    exc = _refusal(_create, acting_user=person, borrower=person)
    assert exc.code == "email_not_verified"
    assert not LoanApplication.objects.exists()
    assert len(_denied("application.create_refused", person)) == 1


@pytest.mark.parametrize("role", [BORROWER, CREDIT_MANAGER, FINANCE])
def test_only_a_loan_officer_applies_for_someone_else(role):
    actor = UserFactory(roles=[role])
    exc = _refusal(_create, acting_user=actor, borrower=kyc_verified_borrower())
    assert exc.code == "permission_denied"
    assert not LoanApplication.objects.exists()


def test_terms_outside_the_product_limits_are_refused_per_field():
    exc = _refusal(
        _create,
        acting_user=staff(LOAN_OFFICER),
        borrower=kyc_verified_borrower(),
        amount=Decimal("5000.00"),
        tenure=61,
    )
    assert exc.code == "validation_error"
    assert set(exc.errors) == {"amount", "tenure"}


# --- submit ------------------------------------------------------------------------------


def test_submit_scores_and_explains():
    app = _submitted(monthly_income=Decimal("150000.00"))
    assert app.status == ApplicationStatus.SUBMITTED
    # FOIR ≈ 6.3% (+200 on the 500 base), no history, no bureau: 700 → B.
    assert (app.score, app.grade) == (700, "B")
    codes = [r["code"] for r in app.reasons]
    assert codes == ["FOIR_LOW", "NO_HISTORY", "NO_BUREAU"]
    assert all(r["text"] for r in app.reasons)
    event = AuditEvent.objects.get(action="application.submitted", target_id=str(app.pk))
    assert event.after["score"] == 700


def test_submit_twice_is_invalid_state():
    app = _submitted()
    exc = _refusal(application_submit, acting_user=app.created_by, application=app)
    assert exc.code == "invalid_state"


def test_scoring_switched_off_sends_straight_to_review(settings):
    settings.SCORING_ENABLED = False
    app = _submitted()
    assert app.status == ApplicationStatus.UNDER_REVIEW
    assert app.score is None and app.grade == ""
    assert [r["code"] for r in app.reasons] == ["SCORING_DISABLED"]


def test_an_outside_borrower_cannot_submit_and_an_auditor_is_told_no():
    app = draft_application()
    assert _refusal(application_submit, acting_user=borrower(), application=app).code == (
        "not_found"
    )
    auditor = staff("auditor")
    assert _refusal(application_submit, acting_user=auditor, application=app).code == (
        "permission_denied"
    )
    app = _fresh(app)
    assert app.status == ApplicationStatus.DRAFT


# --- recommend, approve, maker-checker ------------------------------------------------------


def test_recommend_then_approve_at_the_grades_terms():
    app = _submitted(monthly_income=Decimal("25000.00"))  # FOIR ≈ 37.8%: grade C
    assert app.grade == "C"
    officer = staff(LOAN_OFFICER)
    app = application_recommend(acting_user=officer, application=app, note="Salary verified")
    assert app.status == ApplicationStatus.UNDER_REVIEW and app.recommended_by == officer

    checker = staff(CREDIT_MANAGER)
    app = application_approve(acting_user=checker, application=app, business_date=THURSDAY)
    assert app.status == ApplicationStatus.APPROVED
    # Grade C: the middle of 10-24% and 80% of the ₹1,00,000 asked for.
    assert app.offered_rate == Decimal("17.0000")
    assert app.offered_amount == Decimal("80000.00")
    assert app.offer_expires_on == date(2026, 11, 24)  # Fri, Mon, Tue: the weekend skipped
    assert app.kfs["principal"] == "80000.00" and app.kfs["annual_rate"] == "17.0000"
    assert app.kfs_hash == kfs_hash(app.kfs)
    assert app.decided_by == checker
    event = AuditEvent.objects.get(action="application.approved", target_id=str(app.pk))
    assert event.actor == checker
    assert event.after["makers"] == [app.created_by_id, officer.pk]


def test_only_a_loan_officer_recommends():
    app = _submitted()
    exc = _refusal(application_recommend, acting_user=staff(CREDIT_MANAGER), application=app)
    assert exc.code == "permission_denied"


def test_approve_with_explicit_terms_outside_the_range_is_refused():
    app = _submitted()
    exc = _refusal(
        application_approve,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        annual_rate=Decimal("30.0000"),
    )
    assert exc.code == "validation_error" and "annual_rate" in exc.errors


def _maker_is_creator():
    maker = UserFactory(roles=[LOAN_OFFICER, CREDIT_MANAGER])
    return maker, _submitted(officer=maker)


def _maker_is_recommender():
    maker = UserFactory(roles=[LOAN_OFFICER, CREDIT_MANAGER])
    app = application_recommend(acting_user=maker, application=_submitted())
    return maker, app


def _maker_is_borrower():
    # A borrower later made a credit manager (a row from before staff were kept from
    # borrowing, accounts.duties): maker-checker still holds for them.
    maker = kyc_verified_borrower(user__email="cm-borrower@example.in")
    app = _create(acting_user=maker, borrower=maker, monthly_income=Decimal("150000.00"))
    app = application_submit(acting_user=maker, application=app, business_date=THURSDAY)
    maker.groups.add(Group.objects.get(name=CREDIT_MANAGER))
    maker.is_staff = True
    maker.save()
    return maker, app


@pytest.mark.parametrize("setup", [_maker_is_creator, _maker_is_recommender, _maker_is_borrower])
def test_maker_checker_refuses_the_maker_and_records_it(setup):
    maker, app = setup()
    status_before = app.status
    exc = _refusal(application_approve, acting_user=maker, application=app)
    assert exc.code == "maker_checker"
    app = _fresh(app)
    assert app.status == status_before and app.offered_amount is None and app.kfs is None
    [event] = _denied("application.approve_refused", maker)
    assert event.target_type == "loans.loanapplication" and event.target_id == str(app.pk)
    assert event.after["code"] == "maker_checker"
    # The refusal is about the person, not the application: another checker may approve.
    assert application_approve(acting_user=staff(CREDIT_MANAGER), application=app).status == (
        ApplicationStatus.APPROVED
    )


def test_maker_cannot_reject_either():
    maker, app = _maker_is_creator()
    exc = _refusal(application_reject, acting_user=maker, application=app, reason="No")
    assert exc.code == "maker_checker"
    assert len(_denied("application.reject_refused", maker)) == 1


# --- eligibility hard stops -----------------------------------------------------------------


def _foir_over_max():
    return {"monthly_income": Decimal("15000.00")}, "FOIR_ABOVE_MAX"


def _too_old_at_maturity():
    # 65 on the business date, 66 when the 12-month loan ends.
    return {"borrower": kyc_verified_borrower(date_of_birth=date(1961, 5, 1))}, "AGE_AT_MATURITY"


def _kyc_not_verified():
    return {"borrower": borrower(date_of_birth=date(1990, 5, 17))}, "KYC_NOT_VERIFIED"


def _active_npa():
    person = kyc_verified_borrower()
    loan = active_loan(borrower=person)
    Loan.objects.filter(pk=loan.pk).update(bucket="NPA", dpd=95)
    return {"borrower": person}, "NPA_ON_PLATFORM"


@pytest.mark.parametrize(
    "case", [_foir_over_max, _too_old_at_maturity, _kyc_not_verified, _active_npa]
)
def test_hard_stops_give_grade_e_and_refuse_approval_with_the_reason(case):
    kwargs, code = case()
    app = _submitted(**kwargs)
    assert app.grade == "E"
    [reason] = [r for r in app.reasons if r["code"] == code]
    assert reason["hard_stop"] is True and reason["text"]

    exc = _refusal(
        application_approve,
        acting_user=staff(CREDIT_MANAGER),
        application=app,
        # The terms submit scored (the top of the range), so the reason reads the same.
        amount=app.amount,
        annual_rate=app.product.max_rate,
        business_date=THURSDAY,
    )
    assert exc.code == "eligibility_hard_stop" and exc.status == 409
    assert reason["text"] in exc.detail
    assert reason["text"] in exc.errors["eligibility"]
    assert code in exc.extra["hard_stops"]
    app = _fresh(app)
    assert app.status == ApplicationStatus.SUBMITTED and app.kfs is None


# --- reject, withdraw -----------------------------------------------------------------------


def test_reject_needs_a_reason_then_rejects():
    app = _submitted()
    checker = staff(CREDIT_MANAGER)
    exc = _refusal(application_reject, acting_user=checker, application=app, reason="  ")
    assert exc.code == "validation_error" and "reason" in exc.errors
    app = application_reject(acting_user=checker, application=app, reason="Income not proven")
    assert app.status == ApplicationStatus.REJECTED
    assert app.decision_reason == "Income not proven" and app.decided_by == checker
    exc = _refusal(application_withdraw, acting_user=app.borrower, application=app)
    assert exc.code == "invalid_state"


def test_borrower_withdraws_an_offer_others_cannot():
    app = approved_application()
    assert _refusal(application_withdraw, acting_user=borrower(), application=app).code == (
        "not_found"
    )
    assert _refusal(
        application_withdraw, acting_user=staff(CREDIT_MANAGER), application=app
    ).code == ("permission_denied")
    app = application_withdraw(acting_user=app.borrower, application=app, reason="Found cheaper")
    assert app.status == ApplicationStatus.WITHDRAWN
    assert AuditEvent.objects.get(action="application.withdrawn").after["reason"] == (
        "Found cheaper"
    )


# --- accept ---------------------------------------------------------------------------------


def test_accept_records_consent_and_opens_the_loan():
    app = approved_application(business_date=THURSDAY)
    loan = application_accept(
        acting_user=app.borrower,
        application=app,
        kfs_hash_seen=app.kfs_hash,
        business_date=THURSDAY,
    )
    assert loan.status == LoanStatus.PENDING_DISBURSEMENT
    assert loan.principal == app.offered_amount and loan.annual_rate == app.offered_rate
    assert loan.kfs_hash == app.kfs_hash and loan.approved_by == app.decided_by
    assert loan.net_disbursed == Decimal(app.kfs["net_disbursed"])
    consent = Consent.objects.get(application=app)
    assert consent.borrower == app.borrower and consent.kfs_hash == app.kfs_hash
    app = _fresh(app)
    assert app.status == ApplicationStatus.ACCEPTED
    exc = _refusal(application_accept, acting_user=app.borrower, application=app)
    assert exc.code == "invalid_state"
    assert Loan.objects.count() == 1


def test_accept_of_a_changed_kfs_or_by_someone_else_writes_nothing():
    app = approved_application(business_date=THURSDAY)
    exc = _refusal(
        application_accept,
        acting_user=app.borrower,
        application=app,
        kfs_hash_seen="0" * 64,
        business_date=THURSDAY,
    )
    assert exc.code == "invalid_state"
    exc = _refusal(application_accept, acting_user=borrower(), application=app)
    assert exc.code == "not_found"
    exc = _refusal(application_accept, acting_user=app.decided_by, application=app)
    assert exc.code == "permission_denied"
    assert not Consent.objects.exists() and not Loan.objects.exists()
    app = _fresh(app)
    assert app.status == ApplicationStatus.APPROVED


# --- offer expiry ---------------------------------------------------------------------------


def test_offer_expires_after_three_working_days_and_then_cannot_be_accepted():
    app = approved_application(business_date=THURSDAY)
    assert app.offer_expires_on == add_working_days(THURSDAY, 3) == date(2026, 11, 24)
    # Still valid on its last day, even before the job runs on the next.
    assert applications_expire(business_date=date(2026, 11, 24)) == 0
    exc = _refusal(
        application_accept,
        acting_user=app.borrower,
        application=app,
        business_date=date(2026, 11, 25),
    )
    assert exc.code == "invalid_state" and "expired on 24 Nov 2026" in exc.detail

    assert applications_expire(business_date=date(2026, 11, 25)) == 1
    app = _fresh(app)
    assert app.status == ApplicationStatus.EXPIRED
    assert AuditEvent.objects.filter(action="application.expired", actor=None).count() == 1
    exc = _refusal(
        application_accept, acting_user=app.borrower, application=app, business_date=THURSDAY
    )
    assert exc.code == "invalid_state"
    assert applications_expire(business_date=date(2026, 11, 26)) == 0  # a second run: no-op


def test_expiry_leaves_other_states_alone():
    open_app = _submitted()
    accepted = approved_application(business_date=THURSDAY)
    application_accept(acting_user=accepted.borrower, application=accepted, business_date=THURSDAY)
    assert applications_expire(business_date=date(2027, 1, 1)) == 0
    open_app = _fresh(open_app)
    accepted = _fresh(accepted)
    assert open_app.status == ApplicationStatus.SUBMITTED
    assert accepted.status == ApplicationStatus.ACCEPTED


def test_expire_offers_task_runs_as_of_today_in_ist_unless_cron_is_off(settings, monkeypatch):
    app = approved_application(business_date=THURSDAY)
    monkeypatch.setattr("loans.tasks.today_ist", lambda: date(2026, 11, 25))
    settings.CRON_ENABLED = False
    assert expire_offers() is None
    assert _fresh(app).status == ApplicationStatus.APPROVED
    settings.CRON_ENABLED = True
    assert expire_offers() == 1
    assert _fresh(app).status == ApplicationStatus.EXPIRED


def test_offer_expiry_is_scheduled_daily_after_midnight_ist():
    from lendingsite.celery import app as celery_app
    from lendingsite.periodic import PERIODIC_TIMEZONE, declared_periodic_tasks

    [spec] = [s for s in declared_periodic_tasks() if s.name == "loans.expire_offers"]
    assert spec.crontab == "5 0 * * *" and PERIODIC_TIMEZONE == "Asia/Kolkata"
    celery_app.loader.import_default_modules()
    assert spec.task in celery_app.tasks
