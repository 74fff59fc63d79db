"""The retention job anonymises exactly the borrowers whose relationship ended more than
RETENTION_YEARS ago, exactly their personal data, and leaves loans, ledger and the audit
trail as they were."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent, BankAccount, BorrowerProfile, User
from accounts.retention import retention_anonymise
from accounts.roles import FINANCE
from accounts.screening.models import SanctionsEntry, SanctionsList, ScreeningHit
from accounts.tests.factories import borrower, staff
from loans.models import JournalEntry, JournalLine, Loan, LoanApplication

pytestmark = pytest.mark.django_db
AS_OF = date(2026, 12, 1)
LONG_AGO = timezone.now() - timedelta(days=6 * 366)


def age(user) -> User:
    """Everything about `user` happened six years ago."""
    User.objects.filter(pk=user.pk).update(date_joined=LONG_AGO, last_login=LONG_AGO)
    BorrowerProfile.objects.filter(user=user).update(updated_at=LONG_AGO)
    LoanApplication.objects.filter(borrower=user).update(updated_at=LONG_AGO)
    Loan.objects.filter(borrower=user).update(updated_at=LONG_AGO)
    return User.objects.get(pk=user.pk)


def closed_loan_borrower():
    from loans.tests.factories import active_loan

    loan = active_loan()
    Loan.objects.filter(pk=loan.pk).update(status="closed", closed_on=AS_OF - timedelta(days=2200))
    return age(loan.borrower), loan


def money(loan_pk):
    loan = Loan.objects.get(pk=loan_pk)
    return (loan.status, loan.principal, loan.principal_outstanding, loan.closed_on)


def test_anonymises_exactly_what_it_should(settings):
    settings.RETENTION_YEARS = 5
    gone, gone_loan = closed_loan_borrower()
    TOTPDevice.objects.create(user=gone, name="phone", confirmed=True)
    kept_recent, _ = closed_loan_borrower()
    Loan.objects.filter(borrower=kept_recent).update(updated_at=timezone.now())
    from loans.tests.factories import active_loan

    kept_open = age(active_loan().borrower)
    kept_hit = age(borrower())
    entry = SanctionsEntry.objects.create(
        sanctions_list=SanctionsList.objects.create(source="un", file_name="x", sha256="0"),
        key="un:X",
        name="X",
    )
    ScreeningHit.objects.create(
        user=kept_hit, entry=entry, entry_key="un:X", screened_name="x", matched_name="X",
        score=90, trigger="manual", status="confirmed",
    )  # fmt: skip
    old_staff = staff(FINANCE)
    User.objects.filter(pk=old_staff.pk).update(date_joined=LONG_AGO, last_login=LONG_AGO)

    ledger = (JournalEntry.objects.count(), JournalLine.objects.count())
    loan_before = money(gone_loan.pk)
    audit_before = list(AuditEvent.objects.order_by("id").values_list("id", "action", "after"))
    account_pk = BankAccount.objects.get(profile__user=gone).pk

    result = retention_anonymise(as_of=AS_OF)

    assert result["anonymised"] == [gone.pk] and result["skipped"] == []
    user = User.objects.get(pk=gone.pk)
    assert user.email == f"erased-{gone.pk}@invalid" and user.full_name == f"erased-{gone.pk}"
    assert not user.is_active and not user.has_usable_password()
    profile = BorrowerProfile.objects.get(user=gone)
    assert (profile.full_name, profile.phone, profile.pan, profile.address) == (
        f"erased-{gone.pk}",
        "",
        "",
        "",
    )
    assert profile.date_of_birth is None and profile.monthly_income is None
    account = BankAccount.objects.get(pk=account_pk)
    assert account.account_number == "" and account.holder_name == f"erased-{gone.pk}"
    assert not TOTPDevice.objects.filter(user=gone).exists()
    # Kept: the loan and its money, the ledger, every earlier audit event as it was.
    assert money(gone_loan.pk) == loan_before
    assert (JournalEntry.objects.count(), JournalLine.objects.count()) == ledger
    after = list(AuditEvent.objects.order_by("id").values_list("id", "action", "after"))
    assert after[: len(audit_before)] == audit_before
    assert [a for _, a, _ in after[len(audit_before) :]] == ["privacy.retention_anonymised"]
    # Untouched: recent relationship, open loan, confirmed screening hit, staff.
    for person in (kept_recent, kept_open, kept_hit, old_staff):
        fresh = User.objects.get(pk=person.pk)
        assert fresh.email == person.email and fresh.is_active


def test_dry_run_and_a_second_run_change_nothing(settings):
    settings.RETENTION_YEARS = 5
    gone, _ = closed_loan_borrower()
    out = io.StringIO()
    call_command("retention_anonymise", "--as-of", AS_OF.isoformat(), "--dry-run", stdout=out)
    assert f"[{gone.pk}]" in out.getvalue()
    assert User.objects.get(pk=gone.pk).email == gone.email
    call_command("retention_anonymise", "--as-of", AS_OF.isoformat(), stdout=io.StringIO())
    events = AuditEvent.objects.count()
    assert retention_anonymise(as_of=AS_OF)["anonymised"] == []
    assert AuditEvent.objects.count() == events


def test_a_shorter_period_reaches_more_recent_relationships(settings):
    gone, _ = closed_loan_borrower()
    settings.RETENTION_YEARS = 7
    assert retention_anonymise(as_of=AS_OF)["anonymised"] == []
    settings.RETENTION_YEARS = 5
    assert retention_anonymise(as_of=AS_OF)["anonymised"] == [gone.pk]
