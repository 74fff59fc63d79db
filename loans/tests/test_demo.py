from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import AuditEvent, BorrowerProfile, KycDocument, User
from lendingsite.dates import today_ist
from loans.ledger import LOAN_PORTFOLIO, account_balance
from loans.models import (
    ApplicationStatus,
    Installment,
    JournalEntry,
    JournalLine,
    Loan,
    LoanApplication,
    LoanProduct,
    LoanStatus,
)

pytestmark = pytest.mark.django_db
DOMAIN = "demo.lendingsite.example"


@pytest.fixture(autouse=True)
def _files_in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        User,
        BorrowerProfile,
        KycDocument,
        LoanProduct,
        LoanApplication,
        Loan,
        Installment,
        JournalEntry,
        JournalLine,
        AuditEvent,
    ]
    return {m.__name__: m.objects.count() for m in models}


def test_seed_creates_products_borrowers_and_every_state():
    output = seed()
    assert set(LoanProduct.objects.values_list("code", flat=True)) == {
        "personal-loan",
        "msme-term-loan",
        "consumer-durable",
    }
    personal = LoanProduct.objects.get(code="personal-loan")
    assert (personal.interest_method, personal.amortization) == ("declining", "equal_installments")
    msme = LoanProduct.objects.get(code="msme-term-loan")
    assert (msme.amortization, msme.grace_on_principal) == ("equal_principal", 2)
    flat = LoanProduct.objects.get(code="consumer-durable")
    assert (flat.interest_method, flat.installment_multiple) == ("flat", "1.00")

    borrowers = User.objects.filter(groups__name="borrower", profile__pan_hash__isnull=False)
    assert borrowers.count() >= 6
    for user in borrowers:
        profile = user.profile
        assert profile.date_of_birth is not None and len(profile.pan) == 10
        assert profile.kyc_verified
        pdf = profile.documents.first()
        assert pdf.content_type == "application/pdf"
        assert pdf.file.open("rb").read().startswith(b"%PDF-")
        assert pdf.uploaded_by != pdf.verified_by  # maker-checker

    statuses = set(LoanApplication.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    loan_statuses = set(Loan.objects.values_list("status", flat=True))
    assert {LoanStatus.PENDING_DISBURSEMENT, LoanStatus.ACTIVE} <= loan_statuses

    today = today_ist()
    overdue = Installment.objects.filter(
        loan__status=LoanStatus.ACTIVE, due_date__lt=today, principal_paid=0
    )
    assert overdue.values("loan").distinct().count() >= 2
    for loan in Loan.objects.filter(status=LoanStatus.ACTIVE):
        assert loan.principal_outstanding == account_balance(LOAN_PORTFOLIO, loan=loan)
        assert loan.disbursed_by_id not in (loan.approved_by_id, None)
    msme_loan = Loan.objects.get(product=msme, status=LoanStatus.ACTIVE)
    first_two = msme_loan.installments.order_by("number")[:2]
    assert [i.principal_due for i in first_two] == [0, 0]  # grace: interest only

    summary = [line for line in output.splitlines() if line.startswith("Loans demo:")]
    assert len(summary) == 1
    assert "3 products, 10 borrowers" in summary[0] and "14 scenarios created" in summary[0]
    assert "active 6" in summary[0] and "pending_disbursement 1" in summary[0]


def test_seed_twice_changes_nothing_the_second_time():
    seed()
    first = counts()
    loans = list(Loan.objects.order_by("pk").values("pk", "status", "principal_outstanding"))
    output = seed()
    assert counts() == first
    assert list(Loan.objects.order_by("pk").values("pk", "status", "principal_outstanding")) == (
        loans
    )
    assert "0 scenarios created this run" in output
