"""The architecture rules hold for the whole code base (lendingsite/tests/architecture.py
states them), and each check fails on a snippet that breaks its rule."""

import pytest

from lendingsite.tests.architecture import (
    edge_violations,
    journal_violations,
    scan,
    service_violations,
)

# Public write services that differ from the rule, and why. Keyed by function and rule,
# not by module, so the list survives a module moving; an entry that no longer matches a
# violation fails the test too (the list only ever shrinks).
SERVICE_EXCEPTIONS = {
    # Anonymous or self-service: the actor is the person the request is about (audited
    # with actor=user); there is no separate acting user.
    "user_register: no keyword-only acting_user": "anonymous sign-up",
    "email_verification_resend: no keyword-only acting_user": "anonymous",
    "email_verify: no keyword-only acting_user": "the link's holder",
    "password_reset_request: no keyword-only acting_user": "anonymous",
    "password_reset_confirm: no keyword-only acting_user": "the link's holder",
    "refresh_token_revoke: no keyword-only acting_user": "the token's holder",
    "personal_data_export: no keyword-only acting_user": "the user reads their own data",
    # The worker's half of a resend/reset: the request was audited; this writes a token.
    "email_link_deliver: no keyword-only acting_user": "Celery worker, request audited",
    "email_link_deliver: records no audit event": "Celery worker, request audited",
    # Scheduled jobs: no person acts; each records one audit event per run.
    "email_tokens_purge_expired: no keyword-only acting_user": "periodic job",
    "applications_expire: no keyword-only acting_user": "periodic job",
    "exit_requests_lapse: no keyword-only acting_user": "periodic job",
    "promises_settle: no keyword-only acting_user": "periodic job",
    "collector_scores_compute: no keyword-only acting_user": "periodic job",
    # Development seed data (migrate / demo), not a business action.
    "bank_directory_sample_ensure: not atomic": "seed data",
    "bank_directory_sample_ensure: no keyword-only acting_user": "seed data",
    "bank_directory_sample_ensure: records no audit event": "seed data",
    # Steps that run inside another service's transaction (public because another module
    # calls them); the calling service is atomic and audited.
    "bank_account_require_officer: not atomic": "inside bank_account_add (listener)",
    "bank_account_require_officer: no keyword-only acting_user": "listener; actor from request",
    "bank_account_recheck_after_name_change: not atomic": "inside profile_update (listener)",
    "bank_account_recheck_after_name_change: no keyword-only acting_user": "listener: actor=",
    "application_rescore: not atomic": "the caller holds the application's lock",
    "application_rescore: no keyword-only acting_user": "listener: actor= the trigger's",
    "exit_request_settle: not atomic": "inside payment_post",
    "exit_request_unsettle: not atomic": "inside payment_reverse",
    "loan_replay_store: not atomic": "inside payment_post / payment_reverse",
    "loan_replay_store: records no audit event": "the payment's event covers it",
    "charges_repoint: not atomic": "inside the replay",
    "charges_repoint: no keyword-only acting_user": "inside the replay",
    "charges_repoint: records no audit event": "inside the replay",
    "charges_void: not atomic": "inside the replay (audits each reversal)",
    # The second factor: the person signing in acts on their own account (audited with
    # actor=user); starting an enrolment writes an unconfirmed device, audited at confirm.
    "totp_device_start: no keyword-only acting_user": "self-service enrolment",
    "totp_device_start: records no audit event": "audited when confirmed",
    "totp_device_confirm: no keyword-only acting_user": "self-service enrolment",
    "recovery_codes_regenerate: no keyword-only acting_user": "self-service",
    "second_factor_check: no keyword-only acting_user": "the person signing in",
    "second_factor_require: no keyword-only acting_user": "the person signing in",
    "second_factor_require: not atomic": "inside token issue / re-auth (their transaction)",
    # A refusal's audit must outlive the refusal (DomainError); nothing else is written.
    "second_factor_verify: not atomic": "its refusal's audit must not roll back with it",
    "reauthenticate: not atomic": "its refusal's audit must not roll back with it",
    # Screening runs inside the action that triggered it (profile, KYC, approval, import).
    "hits_record: no keyword-only acting_user": "inside the triggering service; actor from it",
    # The one anonymisation, inside erasure_request_complete and the retention job (both
    # atomic, both audited with what it returns).
    "personal_data_anonymise: not atomic": "inside erasure / retention",
    "personal_data_anonymise: no keyword-only acting_user": "inside erasure / retention",
    "personal_data_anonymise: records no audit event": "its callers audit what it returns",
    # Distress servicing (docs/servicing.md): steps inside payment posting and reversal
    # (whose payment.posted / payment.reversed events cover them), the proposals' shared
    # creator (the propose services delegate their audit event to proposal_create), and
    # the moratorium job (one transaction and one audit event per loan inside it).
    "recovery_post: not atomic": "inside payment_post",
    "recovery_post: records no audit event": "payment_post audits it (recovery: true)",
    "recovery_reverse: not atomic": "inside payment_reverse",
    "recovery_reverse: records no audit event": "payment_reverse audits it",
    "settlement_payment_apply: not atomic": "inside payment_post (audits loan.settled)",
    "reschedule_apply: not atomic": "inside restructure_accept / the moratorium job",
    "loan_write_off_propose: records no audit event": "proposal_create audits it",
    "loan_settlement_propose: records no audit event": "proposal_create audits it",
    "loan_restructure_propose: records no audit event": "proposal_create audits it",
    "moratorium_run: no keyword-only acting_user": "a job; the moratorium's creator acts",
    "moratorium_run: not atomic": "one transaction per loan (resumable), each audited",
    # Roles: the superuser's immediate change and the approval of a proposed one share
    # the applier (accounts.services.users.roles_apply), which writes role.changed.
    "user_set_roles: records no audit event": "roles_apply audits it (role.changed)",
}

# Admin, API and view modules that write a model themselves, and why.
EDGE_EXCEPTIONS: dict[str, str] = {
    "_qr_data_uri: image.save()": "the enrolment QR code written to a buffer, not a model",
}


def _unexpected(found, allowed: dict[str, str]) -> tuple[list[str], list[str]]:
    keys = {v.key for v in found}
    return sorted(str(v) for v in found if v.key not in allowed), sorted(set(allowed) - keys)


def test_every_public_write_service_is_atomic_takes_acting_user_and_audits():
    unexpected, stale = _unexpected(scan("services"), SERVICE_EXCEPTIONS)
    assert unexpected == [], "services breaking the rule:\n" + "\n".join(unexpected)
    assert stale == [], f"allow-list entries that no longer apply: {stale}"


def test_no_admin_api_or_view_module_writes_a_model():
    unexpected, stale = _unexpected(scan("edge"), EDGE_EXCEPTIONS)
    assert unexpected == [], "writes outside services:\n" + "\n".join(unexpected)
    assert stale == []


def test_the_scans_cover_the_services_and_the_edges():
    from lendingsite.tests.architecture import source_files

    services = {p.stem for p in source_files("services")}
    edges = [set(p.with_suffix("").parts) for p in source_files("edge")]
    assert {"payments", "products", "kyc", "desk"} <= services
    # The edges are found wherever they live: api/ and admin/ packages, the portal's views.
    for part in ("api", "admin", "views", "portal"):
        assert any(part in parts for parts in edges), part


GOOD_SERVICE = """
@refusals_audited("product.update_refused")
@transaction.atomic
def product_update(*, acting_user, product, changes):
    product.save()
    _record(product)

def _record(product):
    audit_record(action="product.updated", target=product)

def products_for(user):
    return LoanProduct.objects.filter(is_active=True)
"""


def test_a_rule_abiding_service_passes():
    assert service_violations(GOOD_SERVICE) == []


@pytest.mark.parametrize(
    ("snippet", "rule"),
    [
        (
            "def loan_close(*, acting_user, loan):\n"
            "    loan.save()\n"
            "    audit_record(action='loan.closed')\n",
            "not atomic",
        ),
        (
            "@transaction.atomic\n"
            "def loan_close(acting_user, loan):\n"
            "    loan.save()\n"
            "    audit_record(action='loan.closed')\n",
            "no keyword-only acting_user",
        ),
        (
            "@transaction.atomic\n"
            "def loan_close(*, acting_user, loan):\n"
            "    Loan.objects.filter(pk=loan.pk).update(status='closed')\n",
            "records no audit event",
        ),
        (
            "def loan_close(*, acting_user, loan):\n"
            "    with transaction.atomic():\n"
            "        ledger.journal_post(entry_date=d, kind='x', lines=[])\n",
            "records no audit event",
        ),
    ],
)
def test_a_service_breaking_a_rule_is_caught(snippet, rule):
    assert [v.rule for v in service_violations(snippet)] == [rule]


@pytest.mark.parametrize(
    ("snippet", "call"),
    [
        ("def post(self, request):\n    Loan.objects.create(principal=1)\n", "create"),
        ("def post(self, request, pk):\n    Loan.objects.filter(pk=pk).update(dpd=0)\n", "update"),
        ("class A:\n    def save_model(self, r, obj, form, change):\n        obj.save()\n", "save"),
        ("def delete(request, pk):\n    Payment.objects.get(pk=pk).delete()\n", "delete"),
        ("def act(modeladmin, request, queryset):\n    queryset.update(status='x')\n", "update"),
    ],
)
def test_an_edge_module_writing_a_model_is_caught(snippet, call):
    found = edge_violations(snippet)
    assert len(found) == 1 and found[0].rule.endswith(f".{call}()")


def test_dict_updates_and_super_calls_are_not_model_writes():
    snippet = (
        "class A(admin.ModelAdmin):\n"
        "    def save_model(self, request, obj, form, change):\n"
        "        super().save_model(request, obj, form, change)\n"
        "    def get(self, request):\n"
        "        data = {}\n"
        "        data.update(request.GET)\n"
    )
    assert edge_violations(snippet) == []


def test_only_the_ledger_writes_journal_rows():
    assert [str(v) for v in scan("journal")] == []


@pytest.mark.parametrize(
    "snippet",
    [
        "JournalEntry.objects.create(kind='x')\n",
        "JournalLine.objects.bulk_create(lines)\n",
        "entry = JournalEntry(kind='x')\n",
        "cur.execute('INSERT INTO loans_journalline (entry_id) SELECT 1')\n",
    ],
)
def test_a_journal_write_outside_the_ledger_is_caught(snippet):
    assert len(journal_violations(snippet, "collection.dayend.penal")) == 1
    assert journal_violations(snippet, "loans.ledger") == []


def test_the_ledger_package_modules_are_the_ledger():
    write = "JournalEntry.objects.create(kind='x')\n"
    assert journal_violations(write, "loans.ledger.posting") == []
    assert journal_violations(write, "loans.ledger.batch") == []
    assert len(journal_violations(write, "loans.ledgerish")) == 1
