"""The payout account services: add (format, IFSC directory, encryption at rest, the
automatic check), an officer's verification (maker-checker, documents), the re-check after
the KYC name changes, and the IFSC directory import."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.bank_verifiers import SandboxVerifier
from accounts.models import AuditEvent, BankAccount, BankAccountStatus, BankBranch
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.services.bank_accounts import bank_account_add, bank_account_verify
from accounts.services.bank_directory import (
    ParseReport,
    bank_directory_sample_ensure,
    ifsc_rows_parse,
)
from accounts.services.profile import borrower_profile_update
from accounts.tests.factories import BorrowerProfileFactory, staff
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db

NUMBER = "50100123456789"


def _add(profile, *, by=None, **fields):
    fields = {
        "holder_name": profile.full_name,
        "account_number": NUMBER,
        "ifsc": "HDFC0000184",
        **fields,
    }
    return bank_account_add(acting_user=by or profile.user, profile=profile, **fields)


def _refusal(fn, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as caught:
        fn(**kwargs)
    return caught.value


def _fresh(account) -> BankAccount:
    return BankAccount.objects.get(pk=account.pk)


def test_the_shipped_directory_has_real_branches_and_comes_back_when_emptied():
    assert BankBranch.objects.count() >= 60
    fort = BankBranch.objects.get(ifsc="HDFC0000060")
    assert (fort.bank, fort.branch, fort.city) == ("HDFC BANK", "FORT", "MUMBAI")
    assert bank_directory_sample_ensure() == 0  # a directory with branches is left alone
    BankBranch.objects.all().delete()
    assert bank_directory_sample_ensure() == 71
    assert BankBranch.objects.filter(ifsc="SBIN0000001").exists()


def test_adding_an_account_checks_it_at_once_and_keeps_the_number_encrypted():
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    account = _add(profile, holder_name="priya  sharma", account_number="5010 0123 4567 89")
    account = _fresh(account)
    assert account.status == BankAccountStatus.VERIFIED
    assert (account.bank_name, account.branch) == ("HDFC BANK", "BANGALORE - INDIRA NAGAR")
    assert account.masked_number == "XXXXXXXX6789" and account.account_number == NUMBER
    assert account.name_at_bank == "PRIYA SHARMA" and account.verification_method == "sandbox"
    with connection.cursor() as cur:
        cur.execute("SELECT account_number FROM accounts_bankaccount WHERE id = %s", [account.pk])
        [raw] = cur.fetchone()
    assert NUMBER not in raw and "6789" not in raw and raw.startswith("gAAAA")  # Fernet
    actions = list(
        AuditEvent.objects.filter(target_id=str(account.pk), target_type="accounts.bankaccount")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["bank_account.added", "bank_account.verified"]
    audited = AuditEvent.objects.get(action="bank_account.added")
    assert NUMBER not in str(audited.after) and audited.after["account"] == "XXXXXXXX6789"


def test_a_name_the_bank_holds_for_someone_else_fails_the_check_with_the_reason():
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    account = _fresh(_add(profile, account_number=SandboxVerifier.OTHER_NAME_ACCOUNT))
    assert account.status == BankAccountStatus.FAILED
    assert "ANOTHER PERSON" in account.status_reason and "Priya Sharma" in account.status_reason
    assert AuditEvent.objects.filter(action="bank_account.verification_failed").count() == 1


def test_an_account_the_bank_does_not_know_fails():
    profile = BorrowerProfileFactory()
    account = _fresh(_add(profile, account_number=SandboxVerifier.INVALID_ACCOUNT))
    assert account.status == BankAccountStatus.FAILED
    assert account.status_reason == "The bank says this account does not exist."


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"ifsc": "HDFC1000184"}, "ifsc", "4 letters, a zero"),
        ({"ifsc": "ABCD0123456"}, "ifsc", "not in our bank branch directory"),
        ({"account_number": "12345"}, "account_number", "9 to 18 digits"),
        ({"holder_name": "  "}, "holder_name", "name on the account"),
    ],
)
def test_bad_details_are_refused_per_field_and_nothing_is_written(fields, field, words):
    profile = BorrowerProfileFactory()
    exc = _refusal(_add, profile=profile, **fields)
    assert exc.code == "validation_error" and words in exc.errors[field][0]
    assert not BankAccount.objects.exists()
    assert AuditEvent.objects.get(action="bank_account.add_refused").outcome == "denied"


def test_a_new_account_replaces_the_current_one():
    profile = BorrowerProfileFactory()
    first = _add(profile)
    second = _add(profile, account_number="123456789012", ifsc="SBIN0003301")
    assert _fresh(first).replaced_at is not None and _fresh(second).is_current
    assert BankAccount.objects.filter(profile=profile, replaced_at__isnull=True).count() == 1
    exc = _refusal(_add, profile=profile, account_number="1234 5678 9012", ifsc="sbin0003301")
    assert exc.code == "duplicate"


def test_only_the_borrower_or_a_loan_officer_adds_an_account():
    profile = BorrowerProfileFactory()
    assert _refusal(_add, profile=profile, by=staff(FINANCE)).code == "permission_denied"
    other = BorrowerProfileFactory().user
    assert _refusal(_add, profile=profile, by=other).code == "permission_denied"
    assert _add(profile, by=staff(LOAN_OFFICER)).status == BankAccountStatus.VERIFIED


def test_an_officer_verifies_from_a_document_after_a_failed_check():
    profile = BorrowerProfileFactory(full_name="Rahul Kumar Verma")
    account = _add(profile, account_number=SandboxVerifier.OTHER_NAME_ACCOUNT)
    officer = staff(LOAN_OFFICER)
    exc = _refusal(bank_account_verify, acting_user=officer, account=account, name_seen="R K Verma")
    assert exc.code == "validation_error" and "evidence" in exc.errors
    verified = bank_account_verify(
        acting_user=officer, account=account, name_seen="R K Verma", evidence="cancelled_cheque"
    )
    verified = _fresh(verified)
    assert verified.status == BankAccountStatus.VERIFIED and verified.verified_by == officer
    assert verified.verification_method == "officer:cancelled_cheque"
    event = AuditEvent.objects.filter(action="bank_account.verified").latest("id")
    assert event.actor == officer and event.after["method"] == "officer:cancelled_cheque"


def test_a_document_in_another_name_fails_even_for_an_officer():
    profile = BorrowerProfileFactory(full_name="Rahul Verma")
    account = _add(profile, account_number=SandboxVerifier.INVALID_ACCOUNT)
    done = bank_account_verify(
        acting_user=staff(LOAN_OFFICER),
        account=account,
        name_seen="Rohit Verma",
        evidence="passbook",
    )
    assert _fresh(done).status == BankAccountStatus.FAILED


def test_who_may_verify():
    profile = BorrowerProfileFactory()
    adder = staff(LOAN_OFFICER)
    account = _add(profile, by=adder, account_number=SandboxVerifier.INVALID_ACCOUNT)
    for person, code in [
        (staff(FINANCE), "permission_denied"),  # whoever pays out does not vouch for the payee
        (staff(CREDIT_MANAGER), "permission_denied"),
        (profile.user, "permission_denied"),
        (adder, "maker_checker"),
    ]:
        assert _refusal(bank_account_verify, acting_user=person, account=account).code == code
    assert _fresh(account).status == BankAccountStatus.FAILED
    verified = _add(BorrowerProfileFactory())
    exc = _refusal(bank_account_verify, acting_user=staff(LOAN_OFFICER), account=verified)
    assert exc.code == "invalid_state"


def test_changing_the_kyc_name_checks_the_account_again():
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    account = _add(profile)
    assert _fresh(account).status == BankAccountStatus.VERIFIED
    borrower_profile_update(acting_user=profile.user, profile=profile, full_name="Meera Iyer")
    account = _fresh(account)
    # The bank still holds it as PRIYA SHARMA: no longer the KYC name.
    assert account.status == BankAccountStatus.FAILED
    events = AuditEvent.objects.filter(action__startswith="bank_account.").order_by("id")
    actions = [e.action for e in events]
    assert actions[-2:] == ["bank_account.reopened", "bank_account.verification_failed"]


def test_the_unconfigured_verifier_leaves_the_account_for_an_officer(settings):
    settings.BANK_ACCOUNT_VERIFIER = "accounts.bank_verifiers.UnconfiguredVerifier"
    account = _fresh(_add(BorrowerProfileFactory()))
    assert account.status == BankAccountStatus.PENDING
    assert "officer will verify" in account.status_reason


# --- the IFSC directory ----------------------------------------------------------------------

RBI = """BANK,IFSC,BRANCH,ADDRESS,CITY1,CITY2,STATE,STD CODE,PHONE
STATE BANK OF INDIA,SBIN0000691,NEW DELHI MAIN,"11, SANSAD MARG",NEW DELHI,NEW DELHI,DELHI,11,
STATE BANK OF INDIA,SBIN000069,TOO SHORT,,DELHI,DELHI,DELHI,,
"""
RAZORPAY = """BANK,IFSC,BRANCH,CENTRE,DISTRICT,STATE,ADDRESS,CONTACT,IMPS,RTGS,CITY,ISO3166,NEFT,MICR,UPI,SWIFT
HDFC Bank,HDFC0000060,FORT,MUMBAI,MUMBAI,MAHARASHTRA,JEHANGIR BUILDING,,true,true,MUMBAI,IN-MH,true,,true,
Axis Bank,UTIB0009999,TEST BRANCH,PUNE,PUNE,MAHARASHTRA,SOMEWHERE,,true,true,PUNE,IN-MH,true,,true,
"""


def test_both_published_layouts_parse_and_bad_codes_are_skipped():
    report = ParseReport()
    rows = list(ifsc_rows_parse(io.StringIO(RBI), report))
    assert [(r.ifsc, r.city, r.district) for r in rows] == [
        ("SBIN0000691", "NEW DELHI", "NEW DELHI")
    ]
    assert (report.rows, report.skipped) == (1, 1)
    rows = list(ifsc_rows_parse(io.StringIO(RAZORPAY)))
    assert [(r.ifsc, r.bank, r.city, r.district) for r in rows] == [
        ("HDFC0000060", "HDFC Bank", "MUMBAI", "MUMBAI"),
        ("UTIB0009999", "Axis Bank", "PUNE", "PUNE"),
    ]
    with pytest.raises(ValueError, match="no IFSC column"):
        list(ifsc_rows_parse(io.StringIO("BANK,BRANCH\nX,Y\n")))


def test_import_ifsc_adds_and_updates_and_is_audited(tmp_path):
    path = tmp_path / "IFSC.csv"
    path.write_text(RAZORPAY)
    out = io.StringIO()
    call_command("import_ifsc", str(path), stdout=out)
    assert "2 branches loaded, 0 rows skipped" in out.getvalue()
    assert BankBranch.objects.get(ifsc="UTIB0009999").branch == "TEST BRANCH"
    assert BankBranch.objects.get(ifsc="HDFC0000060").bank == "HDFC Bank"  # updated
    assert AuditEvent.objects.get(action="bank_directory.imported").after["rows"] == 2
    profile = BorrowerProfileFactory()
    assert _add(profile, ifsc="UTIB0009999").branch == "TEST BRANCH"


def test_import_ifsc_refuses_a_file_that_is_not_an_ifsc_list(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("NAME,AMOUNT\nx,1\n")
    with pytest.raises(Exception, match="not an IFSC list"):
        call_command("import_ifsc", str(path), stdout=io.StringIO())
