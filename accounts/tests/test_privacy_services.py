"""DPDP privacy services: consents with history, the personal data export, erasure."""

from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from accounts.models import (
    AuditEvent,
    BorrowerProfile,
    ConsentPurpose,
    DataConsent,
    EmailToken,
    ErasureRequest,
    ErasureStatus,
    KycDocType,
    KycDocument,
    User,
)
from accounts.roles import BORROWER, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.services.kyc import kyc_document_reject, kyc_document_upload
from accounts.services.privacy import (
    consent_filter,
    consent_granted,
    consent_set,
    consent_states,
    erasure_blockers,
    erasure_request_complete,
    erasure_request_create,
    erasure_request_reject,
    personal_data_export,
)
from accounts.tests.factories import PASSWORD, UserFactory, staff
from lendingsite import context
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan, LoanStatus
from loans.tests.factories import active_loan, draft_application, kyc_verified_borrower

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
IP, UA = "203.0.113.9", "Mozilla/5.0 (PrivacyTests)"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def from_browser():
    """Run a service as if inside a request from IP / UA (what the middleware sets)."""
    token = context.set_current(context.RequestContext(ip=IP, user_agent=UA, request_id="t-1"))
    yield
    context.reset(token)


def events(action: str, **filters) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, **filters).order_by("id"))


def closed_loan_with_payment():
    """A loan repaid in full (foreclosed) through the real payment service: the borrower
    has financial records but nothing open."""
    from repayments.selectors import foreclosure_quote
    from repayments.services.payments import payment_post

    loan = active_loan(amount=Decimal("50000.00"), tenure=6)
    today = today_ist()
    quote = foreclosure_quote(loan, as_of=today)
    payment = payment_post(
        acting_user=staff(FINANCE),
        loan=loan,
        amount=quote.total,
        paid_on=today,
        channel="upi",
        utr=f"UTRPRIV{loan.pk:06d}",
    )
    loan = Loan.objects.get(pk=loan.pk)  # status is FSM-protected: fetch anew
    assert loan.status in {LoanStatus.FORECLOSED, LoanStatus.CLOSED}
    return loan, payment


# --- consents ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_defaults_reminders_on_marketing_and_bureau_off():
    user = UserFactory(roles=[BORROWER])
    assert consent_granted(user, ConsentPurpose.REMINDERS) is True
    assert consent_granted(user, ConsentPurpose.MARKETING) is False
    assert consent_granted(user, ConsentPurpose.BUREAU_CHECK) is False
    with pytest.raises(DomainError) as refused:
        consent_granted(user, "telemarketing")
    assert refused.value.errors == {
        "purpose": ["Choose one of: marketing, bureau_check, reminders."]
    }


@pytest.mark.django_db
def test_consent_history_is_appended_with_ip_and_user_agent(from_browser):
    user = UserFactory(roles=[BORROWER])
    granted = consent_set(acting_user=user, purpose="marketing", granted=True)
    withdrawn = consent_set(acting_user=user, purpose="marketing", granted=False)
    reminders_off = consent_set(acting_user=user, purpose="reminders", granted=False)

    rows = list(DataConsent.objects.filter(user=user).order_by("id"))
    assert rows == [granted, withdrawn, reminders_off]
    assert [(r.purpose, r.granted) for r in rows] == [
        ("marketing", True),
        ("marketing", False),
        ("reminders", False),
    ]
    assert all(r.ip == IP and r.user_agent == UA for r in rows)
    assert consent_granted(user, "marketing") is False
    assert consent_granted(user, "reminders") is False
    assert [e.action for e in AuditEvent.objects.filter(actor=user).order_by("id")] == [
        "consent.granted",
        "consent.withdrawn",
        "consent.withdrawn",
    ]
    assert events("consent.withdrawn")[-1].after == {
        "user": user.pk,
        "purpose": "reminders",
        "granted": False,
    }


@pytest.mark.django_db
def test_setting_the_current_state_again_writes_nothing():
    user = UserFactory(roles=[BORROWER])
    assert consent_set(acting_user=user, purpose="reminders", granted=True) is None  # default
    assert consent_set(acting_user=user, purpose="marketing", granted=False) is None
    consent_set(acting_user=user, purpose="bureau_check", granted=True)
    assert consent_set(acting_user=user, purpose="bureau_check", granted=True) is None
    assert DataConsent.objects.filter(user=user).count() == 1
    assert len(events("consent.granted")) == 1


@pytest.mark.django_db
def test_consent_rows_are_append_only():
    user = UserFactory(roles=[BORROWER])
    row = consent_set(acting_user=user, purpose="marketing", granted=True)
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        DataConsent.objects.filter(pk=row.pk).update(granted=False)
    with pytest.raises(PermissionError):
        DataConsent.objects.filter(pk=row.pk).delete()


@pytest.mark.django_db
@pytest.mark.postgres
def test_database_refuses_to_rewrite_consent_history():
    from django.db import DatabaseError, transaction

    user = UserFactory(roles=[BORROWER])
    row = consent_set(acting_user=user, purpose="marketing", granted=True)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("UPDATE accounts_dataconsent SET granted = false WHERE id = %s", [row.pk])
    assert DataConsent.objects.get(pk=row.pk).granted is True


@pytest.mark.django_db
def test_unknown_purpose_is_refused_and_recorded():
    user = UserFactory(roles=[BORROWER])
    with pytest.raises(DomainError) as refused:
        consent_set(acting_user=user, purpose="telemarketing", granted=True)
    assert refused.value.code == "validation_error"
    assert not DataConsent.objects.exists()
    [denied] = events("consent.change_refused", outcome="denied")
    assert denied.actor == user


@pytest.mark.django_db
def test_consent_states_show_latest_decision_or_default():
    user = UserFactory(roles=[BORROWER])
    consent_set(acting_user=user, purpose="marketing", granted=True)
    consent_set(acting_user=user, purpose="marketing", granted=False)
    consent_set(acting_user=user, purpose="marketing", granted=True)
    states = {s["purpose"]: s for s in consent_states(user=user)}
    assert [s["purpose"] for s in consent_states(user=user)] == [
        "marketing",
        "bureau_check",
        "reminders",
    ]
    assert states["marketing"]["granted"] is True and states["marketing"]["default"] is False
    assert states["reminders"]["granted"] is True and states["reminders"]["default"] is True
    assert (
        states["bureau_check"]["granted"] is False and states["bureau_check"]["decided_at"] is None
    )


@pytest.mark.django_db
def test_consent_filter_is_the_set_based_consent_granted():
    keeps, withdrew, withdrew_then_regranted = (UserFactory(roles=[BORROWER]) for _ in range(3))
    consent_set(acting_user=withdrew, purpose="reminders", granted=False)
    consent_set(acting_user=withdrew_then_regranted, purpose="reminders", granted=False)
    consent_set(acting_user=withdrew_then_regranted, purpose="reminders", granted=True)
    consent_set(acting_user=keeps, purpose="marketing", granted=True)
    people = User.objects.filter(pk__in=[keeps.pk, withdrew.pk, withdrew_then_regranted.pk])

    reminded = set(consent_filter(people, "reminders", user_field="pk"))
    marketed = set(consent_filter(people, "marketing", user_field="pk"))

    assert reminded == {keeps, withdrew_then_regranted}
    assert marketed == {keeps}
    for person in people:
        assert (person in reminded) == consent_granted(person, "reminders")


# --- export -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_holds_everything_of_the_user_and_nothing_of_others(django_assert_max_num_queries):
    loan, payment = closed_loan_with_payment()
    user = loan.borrower
    profile = user.profile
    other_loan = active_loan(amount=Decimal("20000.00"), tenure=3)
    consent_set(acting_user=user, purpose="bureau_check", granted=True)
    consent_set(acting_user=other_loan.borrower, purpose="marketing", granted=True)

    with django_assert_max_num_queries(16):
        data = personal_data_export(user=user)

    assert data["account"]["email"] == user.email
    assert data["profile"]["pan"] == profile.pan  # decrypted: it is theirs
    assert data["profile"]["phone"] == profile.phone
    assert data["profile"]["date_of_birth"] == profile.date_of_birth
    assert {d["doc_type"] for d in data["kyc_documents"]} == {"pan_card", "address_proof"}
    assert [a["id"] for a in data["applications"]] == [loan.application_id]
    [exported_loan] = data["loans"]
    assert exported_loan["id"] == loan.pk
    assert exported_loan["principal"] == Decimal("50000.00")
    assert [r["number"] for r in exported_loan["schedule"]] == list(
        range(1, len(exported_loan["schedule"]) + 1)
    )
    assert [p["utr"] for p in data["payments"]] == [payment.utr]
    assert [(c["purpose"], c["granted"]) for c in data["consents"]] == [("bureau_check", True)]
    text = repr(data)
    other = other_loan.borrower
    assert other.email not in text
    assert other.profile.pan not in text
    assert f"'id': {other_loan.pk}," not in repr(data["loans"])
    [event] = events("privacy.exported")
    assert event.actor == user and event.target_id == str(user.pk)
    assert event.after["loans"] == 1 and event.after["payments"] == 1
    assert profile.pan not in repr(event.after)


@pytest.mark.django_db
def test_export_of_a_user_without_profile_or_loans():
    user = UserFactory(roles=[BORROWER])
    data = personal_data_export(user=user)
    assert data["profile"] is None
    assert data["loans"] == [] and data["payments"] == [] and data["applications"] == []
    assert data["account"]["roles"] == [BORROWER]


# --- erasure ------------------------------------------------------------------------------


def _with_kyc_file(profile: BorrowerProfile) -> KycDocument:
    return kyc_document_upload(
        acting_user=profile.user,
        profile=profile,
        doc_type=KycDocType.INCOME_PROOF,
        uploaded_file=SimpleUploadedFile("slip.pdf", PDF, content_type="application/pdf"),
    )


@pytest.mark.django_db
def test_one_pending_request_at_a_time():
    user = UserFactory(roles=[BORROWER])
    first = erasure_request_create(acting_user=user)
    assert first.status == ErasureStatus.PENDING
    with pytest.raises(DomainError) as refused:
        erasure_request_create(acting_user=user)
    assert refused.value.code == "duplicate"
    assert "already asked" in refused.value.detail
    assert ErasureRequest.objects.filter(user=user).count() == 1
    assert len(events("privacy.erasure_requested", outcome="success")) == 1
    assert len(events("privacy.erasure_request_refused", outcome="denied")) == 1


@pytest.mark.django_db
def test_erasure_is_refused_while_a_loan_is_active_and_nothing_changes():
    loan = active_loan()
    user = loan.borrower
    request = erasure_request_create(acting_user=user)
    officer = staff(LOAN_OFFICER)
    with pytest.raises(DomainError) as refused:
        erasure_request_complete(acting_user=officer, request=request)
    assert refused.value.code == "invalid_state"
    assert f"Loan #{loan.pk} is active" in refused.value.detail
    assert "keep your details" in refused.value.detail
    user.refresh_from_db()
    assert user.is_active and "@invalid" not in user.email
    assert ErasureRequest.objects.get(pk=request.pk).status == ErasureStatus.PENDING
    assert BorrowerProfile.objects.get(user=user).pan
    [denied] = events("privacy.erasure_complete_refused", outcome="denied")
    assert denied.actor == officer and denied.target_id == str(request.pk)


@pytest.mark.django_db
def test_an_open_application_blocks_erasure():
    app = draft_application()
    [reason] = erasure_blockers(user=app.borrower)
    assert f"Application #{app.pk} is still open (draft)" in reason


@pytest.mark.django_db
def test_completed_erasure_removes_pii_and_keeps_financial_records(
    django_capture_on_commit_callbacks,
):
    loan, payment = closed_loan_with_payment()
    user = loan.borrower
    profile = BorrowerProfile.objects.get(user=user)
    old = {
        "email": user.email,
        "pan": profile.pan,
        "phone": profile.phone,
        "name": profile.full_name,
    }
    document = _with_kyc_file(profile)
    kyc_document_reject(acting_user=staff(CREDIT_MANAGER), document=document, reason="Blurred")
    stored_name = document.file.name
    assert default_storage.exists(stored_name)
    consent_set(acting_user=user, purpose="marketing", granted=True)
    EmailToken.objects.create(
        user=user, purpose="verify_email", token_hash="f" * 64, expires_at=timezone.now()
    )
    audit_before = AuditEvent.objects.count()
    request = erasure_request_create(acting_user=user)
    officer = staff(LOAN_OFFICER)

    with django_capture_on_commit_callbacks(execute=True):
        done = erasure_request_complete(acting_user=officer, request=request, note="As asked.")

    assert done.status == ErasureStatus.COMPLETED
    assert done.decided_by == officer and done.note == "As asked."
    with connection.cursor() as cur:
        cur.execute(
            "SELECT email, full_name, is_active, password FROM accounts_user WHERE id = %s",
            [user.pk],
        )
        email, full_name, is_active, password = cur.fetchone()
        cur.execute(
            "SELECT full_name, phone, pan, pan_hash, date_of_birth, address, employer, "
            "monthly_income FROM accounts_borrowerprofile WHERE user_id = %s",
            [user.pk],
        )
        profile_row = cur.fetchone()
        cur.execute("SELECT file FROM accounts_kycdocument WHERE profile_id = %s", [profile.pk])
        files = [row[0] for row in cur.fetchall()]
    assert email == f"erased-{user.pk}@invalid" and full_name == f"erased-{user.pk}"
    assert not is_active and password.startswith("!")  # unusable
    assert profile_row == (f"erased-{user.pk}", "", "", None, None, "", "", None)
    assert files == ["", "", ""]  # rows kept as metadata, files gone
    assert not default_storage.exists(stored_name)
    document = KycDocument.objects.get(pk=document.pk)  # metadata and the reason stay
    assert document.rejection_reason == "Blurred" and document.sha256 and document.size
    assert not EmailToken.objects.filter(user=user).exists()
    # Financial records and the audit trail stay.
    assert Loan.objects.filter(pk=loan.pk, borrower=user).exists()
    assert loan.installments.count() > 0
    from repayments.models import Payment

    assert Payment.objects.filter(pk=payment.pk, loan=loan, amount=payment.amount).exists()
    assert AuditEvent.objects.count() > audit_before
    assert AuditEvent.objects.filter(target_type="loans.loan", target_id=str(loan.pk)).exists()
    # Nothing is sent any more: every consent ends withdrawn.
    assert not any(consent_granted(user, p) for p in ConsentPurpose.values)
    [event] = events("privacy.erasure_completed", outcome="success")
    assert event.actor == officer
    assert event.after["kyc_files_deleted"] == len(files) and event.after["user"] == user.pk
    assert old["pan"] not in repr(event.after) and old["email"] not in repr(event.after)
    # The old PII appears nowhere in the user and profile tables.
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM accounts_user WHERE id = %s", [user.pk])
        user_row = repr(cur.fetchone())
        cur.execute("SELECT * FROM accounts_borrowerprofile WHERE user_id = %s", [user.pk])
        profile_raw = repr(cur.fetchone())
    for value in old.values():
        assert value not in user_row and value not in profile_raw


@pytest.mark.django_db
def test_erased_person_can_no_longer_sign_in(client):
    user = kyc_verified_borrower()
    old_email = user.email
    client.force_login(user)
    assert client.get("/privacy/").status_code == 200
    request = erasure_request_create(acting_user=user)
    erasure_request_complete(acting_user=staff(LOAN_OFFICER), request=request)
    user.refresh_from_db()
    assert not user.has_usable_password()
    # The open session is gone, and neither address signs in with the old password.
    assert client.get("/privacy/").status_code == 302
    for email in (old_email, user.email):
        page = client.post("/accounts/login/", {"username": email, "password": PASSWORD})
        assert page.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_deciding_needs_the_permission_and_another_person():
    user = UserFactory(roles=[BORROWER])
    request = erasure_request_create(acting_user=user)
    for outsider in (user, staff(FINANCE), staff(CREDIT_MANAGER)):
        with pytest.raises(DomainError) as refused:
            erasure_request_complete(acting_user=outsider, request=request)
        assert refused.value.code == "permission_denied"
    officer = staff(LOAN_OFFICER)
    own = erasure_request_create(acting_user=officer)
    with pytest.raises(DomainError) as refused:
        erasure_request_complete(acting_user=officer, request=own)
    assert refused.value.code == "maker_checker"
    for pending in (request, own):
        assert ErasureRequest.objects.get(pk=pending.pk).status == ErasureStatus.PENDING
    assert len(events("privacy.erasure_complete_refused", outcome="denied")) == 4


@pytest.mark.django_db
def test_reject_needs_a_note_and_decides_once():
    user = UserFactory(roles=[BORROWER])
    request = erasure_request_create(acting_user=user)
    officer = staff(LOAN_OFFICER)
    with pytest.raises(DomainError) as refused:
        erasure_request_reject(acting_user=officer, request=request, note="  ")
    assert refused.value.errors == {"note": ["Tell the borrower why the request is rejected."]}
    rejected = erasure_request_reject(
        acting_user=officer, request=request, note="Your loan is still running."
    )
    assert rejected.status == ErasureStatus.REJECTED
    assert rejected.decided_by == officer and rejected.decided_at is not None
    with pytest.raises(DomainError) as again:
        erasure_request_complete(acting_user=officer, request=request)
    assert again.value.code == "invalid_state"
    user.refresh_from_db()
    assert user.is_active
    # A rejected request leaves room for a new one.
    assert erasure_request_create(acting_user=user).status == ErasureStatus.PENDING
