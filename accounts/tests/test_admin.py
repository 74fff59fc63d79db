import pytest
from axes.models import AccessAttempt
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from accounts.models import AuditEvent, BorrowerProfile, KycDocument, KycStatus, User
from accounts.roles import AUDITOR, BORROWER, COLLECTOR, CREDIT_MANAGER, LOAN_OFFICER
from accounts.seals import audit_seal_pending
from accounts.services.kyc import kyc_document_upload
from accounts.tests.factories import PASSWORD, BorrowerProfileFactory, UserFactory, staff
from lendingsite.audit import audit_record

PDF = b"%PDF-1.7\n%%EOF\n"
KYC_LIST = "admin:accounts_kycdocument_changelist"
AUDIT_LIST = "admin:accounts_auditevent_changelist"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def signed_in(client, user):
    client.force_login(user)
    return client


def upload(profile, by=None) -> KycDocument:
    return kyc_document_upload(
        acting_user=by or profile.user,
        profile=profile,
        doc_type="pan_card",
        uploaded_file=SimpleUploadedFile("pan.pdf", PDF, content_type="application/pdf"),
    )


def run_action(client, url_name, action, pks, **extra):
    data = {"action": action, "_selected_action": [str(pk) for pk in pks], "index": "0", **extra}
    return client.post(reverse(url_name), data, follow=True)


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- KYC ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_loan_officer_verifies_documents_from_the_changelist(client):
    docs = [upload(BorrowerProfileFactory()) for _ in range(2)]
    officer = staff(LOAN_OFFICER)
    signed_in(client, officer)
    assert client.get(reverse(KYC_LIST)).status_code == 200
    response = run_action(client, KYC_LIST, "verify_selected", [d.pk for d in docs])
    assert response.status_code == 200
    assert texts(response) == ["Verified 2 documents."]
    for doc in docs:
        doc = KycDocument.objects.get(pk=doc.pk)
        assert (doc.status, doc.verified_by) == (KycStatus.VERIFIED, officer)
    verified = AuditEvent.objects.filter(action="kyc.verified", outcome="success", actor=officer)
    assert sorted(verified.values_list("target_id", flat=True)) == sorted(str(d.pk) for d in docs)


@pytest.mark.django_db
def test_the_uploader_gets_the_maker_checker_message_and_nothing_changes(client):
    officer = staff(LOAN_OFFICER)
    doc = upload(BorrowerProfileFactory(), by=officer)
    signed_in(client, officer)
    response = run_action(client, KYC_LIST, "verify_selected", [doc.pk])
    assert texts(response) == [
        f"You uploaded KYC #{doc.pk} yourself; another officer must verify it."
    ]
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.PENDING
    assert not AuditEvent.objects.filter(action="kyc.verified", outcome="success").exists()
    assert AuditEvent.objects.filter(action="kyc.verify_refused", outcome="denied").count() == 1


@pytest.mark.django_db
def test_reject_asks_for_a_reason_then_rejects(client):
    doc = upload(BorrowerProfileFactory())
    signed_in(client, staff(CREDIT_MANAGER))
    page = run_action(client, KYC_LIST, "reject_selected", [doc.pk])
    assert page.templates[0].name == "admin/accounts/kycdocument/reject_reason.html"
    assert f"KYC #{doc.pk}" in page.content.decode()
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.PENDING
    data = {
        "action": "reject_selected",
        "_selected_action": [str(doc.pk)],
        "apply": "1",
        "reason": "The PAN number is not readable",
    }
    response = client.post(reverse(KYC_LIST), data, follow=True)
    assert texts(response) == ["Rejected 1 document."]
    doc = KycDocument.objects.get(pk=doc.pk)
    assert (doc.status, doc.rejection_reason) == (
        KycStatus.REJECTED,
        "The PAN number is not readable",
    )


@pytest.mark.django_db
def test_status_is_read_only_and_documents_cannot_be_deleted(client):
    doc = upload(BorrowerProfileFactory())
    signed_in(client, UserFactory(is_superuser=True, is_staff=True))
    change_url = reverse("admin:accounts_kycdocument_change", args=[doc.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert client.post(change_url, {"status": "verified"}).status_code == 403
    delete_url = reverse("admin:accounts_kycdocument_delete", args=[doc.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert KycDocument.objects.get(pk=doc.pk).status == KycStatus.PENDING


@pytest.mark.django_db
def test_an_officer_uploads_through_the_console_and_bad_files_are_form_errors(client):
    profile = BorrowerProfileFactory()
    officer = staff(LOAN_OFFICER)
    signed_in(client, officer)
    add_url = reverse("admin:accounts_kycdocument_add")
    exe = SimpleUploadedFile("pan.pdf", b"MZ\x90\x00" * 20, content_type="application/pdf")
    page = client.post(add_url, {"profile": profile.pk, "doc_type": "pan_card", "file": exe})
    assert page.status_code == 200
    assert "Upload a PDF, JPEG or PNG file; this file is none of those." in page.content.decode()
    assert not KycDocument.objects.exists()
    good = SimpleUploadedFile("pan.pdf", PDF, content_type="application/pdf")
    response = client.post(add_url, {"profile": profile.pk, "doc_type": "pan_card", "file": good})
    assert response.status_code == 302
    doc = KycDocument.objects.get()
    assert (doc.uploaded_by, doc.content_type) == (officer, "application/pdf")
    assert AuditEvent.objects.filter(action="kyc.uploaded", actor=officer).count() == 1
    download = client.get(reverse("admin:accounts_kycdocument_file", args=[doc.pk]))
    assert b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
def test_a_collector_gets_403_on_the_kyc_changelist(client):
    signed_in(client, staff(COLLECTOR))
    assert client.get(reverse(KYC_LIST)).status_code == 403


@pytest.mark.django_db
def test_a_borrower_is_sent_to_the_admin_login(client):
    signed_in(client, BorrowerProfileFactory().user)
    response = client.get(reverse(KYC_LIST))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_kyc_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    officers = [staff(LOAN_OFFICER) for _ in range(3)]
    for n in range(50):
        upload(BorrowerProfileFactory(), by=officers[n % 3])
    signed_in(client, staff(CREDIT_MANAGER))
    with django_assert_max_num_queries(10):
        response = client.get(reverse(KYC_LIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 50


# --- audit trail ---------------------------------------------------------------------


@pytest.mark.django_db
def test_an_auditor_reads_the_audit_trail_but_cannot_change_it(client):
    event = audit_record(action="test.event", target_type="test", target_id="42")
    for user in (staff(AUDITOR), UserFactory(is_superuser=True, is_staff=True)):
        signed_in(client, user)
        listing = client.get(reverse(AUDIT_LIST))
        assert listing.status_code == 200
        assert "test.event" in listing.content.decode()
        assert client.get(reverse("admin:accounts_auditevent_add")).status_code == 403
        change_url = reverse("admin:accounts_auditevent_change", args=[event.pk])
        assert client.get(change_url).status_code == 200  # view-only
        assert client.post(change_url, {"action": "x"}).status_code == 403
        delete_url = reverse("admin:accounts_auditevent_delete", args=[event.pk])
        assert client.post(delete_url, {"post": "yes"}).status_code == 403
        assert listing.context["action_form"] is None  # no actions at all, delete included
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.django_db
def test_audit_trail_is_hidden_from_officers_without_the_role(client):
    signed_in(client, staff(LOAN_OFFICER))
    assert client.get(reverse(AUDIT_LIST)).status_code == 403
    assert client.get(reverse("admin:accounts_auditevent_verify")).status_code == 403


@pytest.mark.django_db
def test_verify_chain_page_shows_ok_then_broken(client):
    for n in range(5):
        audit_record(action="test.event", target_type="test", target_id=str(n))
    audit_seal_pending()
    signed_in(client, staff(AUDITOR))
    listing = client.get(reverse(AUDIT_LIST))
    verify_url = reverse("admin:accounts_auditevent_verify")
    assert verify_url in listing.content.decode()
    # The auditor's own sign-in was recorded after the seal: a warning, not "intact".
    page = client.get(verify_url).content.decode()
    count = AuditEvent.objects.count()
    sealed = AuditEvent.objects.filter(seal__isnull=False).count()
    assert count > sealed
    assert "intact" not in page
    assert f"{count - sealed} event{'s' if count - sealed != 1 else ''} not yet sealed" in page
    assert f"WARNING: {sealed} events verified" in page and "seconds ago)" in page
    audit_seal_pending()
    page = client.get(verify_url).content.decode()
    assert "The audit chain is intact: every event is sealed." in page
    assert f"OK: {AuditEvent.objects.count()} events verified, all sealed" in page

    victim = AuditEvent.objects.filter(action="test.event").order_by("id")[2]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = replica")
        cur.execute("UPDATE accounts_auditevent SET target_id = '999' WHERE id = %s", [victim.pk])
        if connection.vendor == "postgresql":
            cur.execute("SET session_replication_role = DEFAULT")
    page = client.get(verify_url).content.decode()
    assert f"BROKEN at event {victim.pk} (chain position {victim.seal.seq})" in page


@pytest.mark.django_db
def test_audit_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for n in range(50):
        audit_record(action=f"test.event{n % 4}", target_type="test", target_id=str(n))
    audit_seal_pending()
    signed_in(client, staff(AUDITOR))
    with django_assert_max_num_queries(11):  # +1: the header's unread count (messaging)
        response = client.get(reverse(AUDIT_LIST))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) >= 50


@pytest.mark.django_db
def test_audit_search_by_target_id(client):
    audit_record(action="test.first", target_type="test", target_id="1001")
    audit_record(action="test.second", target_type="test", target_id="2002")
    signed_in(client, staff(AUDITOR))
    response = client.get(reverse(AUDIT_LIST), {"q": "2002"})
    assert [e.action for e in response.context["cl"].result_list] == ["test.second"]


# --- people --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_account_form_does_not_change_roles(client):
    """Roles change only by proposal and another person's approval (test_role_changes.py):
    not even a superuser's save of the account form touches them."""
    admin = UserFactory(is_superuser=True, is_staff=True)
    user = staff(COLLECTOR, full_name="Meera Iyer")
    before = AuditEvent.objects.filter(action="role.changed").count()
    signed_in(client, admin)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url).content.decode()
    assert 'name="roles"' in page  # the proposal form of the roles panel, not the account form
    data = {"full_name": "Meera R. Iyer", "is_active": "on", "roles": [LOAN_OFFICER]}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(pk=user.pk)
    assert (user.full_name, user.roles) == ("Meera R. Iyer", [COLLECTOR])
    assert AuditEvent.objects.filter(action="role.changed").count() == before


@pytest.mark.django_db
def test_user_changelist_lists_roles_and_filters(client, django_assert_max_num_queries):
    for _ in range(20):
        staff(COLLECTOR)
    signed_in(client, UserFactory(is_superuser=True, is_staff=True))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:accounts_user_changelist"), {"is_staff__exact": "1"})
    assert response.status_code == 200
    assert "collector" in response.content.decode()
    assert response.context["cl"].result_count == 21


@pytest.mark.django_db
def test_profiles_show_masked_pii_and_are_found_by_exact_pan(client):
    target = BorrowerProfileFactory(pan="PQRSX1234K", phone="+919876543210")
    BorrowerProfileFactory(pan="ABCDE9999F")
    signed_in(client, staff(COLLECTOR))
    listing = client.get(reverse("admin:accounts_borrowerprofile_changelist"))
    body = listing.content.decode()
    assert "PQRSX****K" in body and "+91******3210" in body
    assert "PQRSX1234K" not in body and "9876543210" not in body
    found = client.get(reverse("admin:accounts_borrowerprofile_changelist"), {"q": "pqrsx1234k"})
    assert [p.pk for p in found.context["cl"].result_list] == [target.pk]
    detail = client.get(reverse("admin:accounts_borrowerprofile_change", args=[target.pk]))
    assert "PQRSX****K" in detail.content.decode()
    assert "PQRSX1234K" not in detail.content.decode()


@pytest.mark.django_db
def test_profile_edits_in_the_console_use_the_service_rules(client):
    BorrowerProfileFactory(pan="ABCDE1111F")
    profile = BorrowerProfileFactory(pan="ABCDE2222F")
    officer = staff(LOAN_OFFICER)
    signed_in(client, officer)
    url = reverse("admin:accounts_borrowerprofile_change", args=[profile.pk])
    form = {
        "full_name": profile.full_name,
        "phone": profile.phone,
        "pan": "abcde1111f",
        "address": profile.address,
        "employment_type": profile.employment_type,
        "employer": "New Employer Ltd",
        "monthly_income": "90000.00",
    }
    page = client.post(url, form)
    assert page.status_code == 200
    assert "This PAN is already registered." in page.content.decode()
    assert BorrowerProfile.objects.get(pk=profile.pk).employer == "Acme Pvt Ltd"
    response = client.post(url, {**form, "pan": "ABCDE2222F"})
    assert response.status_code == 302
    assert BorrowerProfile.objects.get(pk=profile.pk).employer == "New Employer Ltd"
    [event] = AuditEvent.objects.filter(action="profile.updated", outcome="success")
    assert event.actor == officer
    assert event.after == {"employer": "New Employer Ltd", "monthly_income": "90000.00"}


@pytest.mark.django_db
def test_an_officer_adds_a_profile_through_the_service(client):
    officer = staff(LOAN_OFFICER)
    customer = UserFactory(roles=[BORROWER], full_name="Farhan Ali")
    signed_in(client, officer)
    form = {
        "user": customer.pk,
        "full_name": "Farhan Ali",
        "phone": "9123456789",
        "pan": "fghij5678k",
        "employment_type": "business",
        "monthly_income": "40000",
    }
    response = client.post(reverse("admin:accounts_borrowerprofile_add"), form)
    assert response.status_code == 302
    profile = BorrowerProfile.objects.get(user=customer)
    assert (profile.phone, profile.pan) == ("+919123456789", "FGHIJ5678K")
    [event] = AuditEvent.objects.filter(action="profile.created")
    assert event.actor == officer
    assert event.after["pan"] == "FGHIJ****K"


@pytest.mark.django_db
def test_officers_see_accounts_read_only(client):
    user = staff(COLLECTOR)
    signed_in(client, staff(LOAN_OFFICER))
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="roles"' not in page.content.decode()
    assert "collector" in page.content.decode()
    assert client.post(url, {"full_name": "x", "roles": [AUDITOR]}).status_code == 403
    assert User.objects.get(pk=user.pk).roles == [COLLECTOR]


# --- sign-in lockouts ----------------------------------------------------------------


@pytest.mark.django_db
def test_unlock_action_lets_a_locked_out_user_sign_in_again(client, settings):
    locked = staff(LOAN_OFFICER, email="locked@example.in")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(login, {"username": locked.email, "password": "wrong password"})
    refused = client.post(login, {"username": locked.email, "password": PASSWORD})
    assert refused.status_code == 429
    attempts = list(AccessAttempt.objects.filter(username=locked.email))
    assert attempts

    unlocker = staff(CREDIT_MANAGER)
    signed_in(client, unlocker)
    response = run_action(
        client, "admin:axes_accessattempt_changelist", "unlock_selected", [a.pk for a in attempts]
    )
    assert texts(response) == ["Unlocked locked@example.in."]
    assert not AccessAttempt.objects.filter(username=locked.email).exists()
    [event] = AuditEvent.objects.filter(action="auth.unlocked")
    assert (event.actor, event.target_id) == (unlocker, str(locked.pk))

    client.logout()
    allowed = client.post(login, {"username": locked.email, "password": PASSWORD})
    assert allowed.status_code == 302


@pytest.mark.django_db
def test_attempt_rows_cannot_be_deleted_around_the_audit(client):
    signed_in(client, staff(LOAN_OFFICER))
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    choices = dict(response.context["action_form"].fields["action"].choices)
    assert "unlock_selected" in choices
    assert "delete_selected" not in choices
    signed_in(client, staff(AUDITOR))
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert response.context["action_form"] is None  # view only: no unlock, no delete
