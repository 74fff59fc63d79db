"""A loan's security: recorded and revalued through one audited service, from the
console's form (linked from the loan's page) by the officers who may; the close splits
the provision by it (the issue's ₹58,000 example: test_close.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from accounting.models import LoanCollateral
from accounting.services import collateral_record
from accounts.models import AuditEvent
from accounts.roles import COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from loans.models import Loan
from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date(2026, 5, 31)
RECORD = "admin:accounting_loancollateral_record"


@pytest.fixture
def loan():
    return active_loan(disbursed_on=date(2026, 1, 15))


def _record(loan, *, user=None, **changes):
    kwargs = {
        "kind": "property",
        "realisable_value": D("60000.00"),
        "valued_on": date(2026, 1, 1),
        "description": "Valuer's report 12/2025",
        **changes,
    }
    return collateral_record(
        acting_user=user or staff(CREDIT_MANAGER), loan=loan, business_date=TODAY, **kwargs
    )


def test_recording_and_revaluing_is_audited_with_before_and_after(loan):
    officer = staff(LOAN_OFFICER)
    first = _record(loan, user=officer)
    assert (first.kind, first.realisable_value, first.recorded_by) == (
        "property",
        D("60000.00"),
        officer,
    )
    _record(loan, realisable_value=D("45000.00"), valued_on=date(2026, 5, 1), kind="property")
    assert LoanCollateral.objects.get(loan=loan).realisable_value == D("45000.00")
    recorded = list(AuditEvent.objects.filter(action="loan.collateral_recorded").order_by("id"))
    assert len(recorded) == 2
    assert recorded[0].before is None and recorded[0].actor == officer
    assert recorded[1].before["realisable_value"] == "60000.00"
    assert recorded[1].after["realisable_value"] == "45000.00"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"realisable_value": D("-1.00")}, "validation_error"),
        ({"realisable_value": D("1.005")}, "validation_error"),
        ({"kind": "spaceship"}, "validation_error"),
        ({"valued_on": date(2026, 6, 1)}, "validation_error"),  # after the business date
        ({"user": "finance"}, "permission_denied"),
        ({"user": "collector"}, "permission_denied"),
    ],
)
def test_a_refusal_writes_nothing_and_is_audited(loan, changes, code):
    if "user" in changes:
        changes["user"] = staff({"finance": FINANCE, "collector": COLLECTOR}[changes["user"]])
    with pytest.raises(DomainError) as refused:
        _record(loan, **changes)
    assert refused.value.code == code
    assert not LoanCollateral.objects.exists()
    assert AuditEvent.objects.filter(action="loan.collateral_record_refused").count() == 1


def test_a_loan_off_the_book_takes_no_security(loan):
    Loan.objects.filter(pk=loan.pk).update(status="closed")
    with pytest.raises(DomainError) as refused:
        _record(Loan.objects.get(pk=loan.pk))
    assert refused.value.code == "loan_not_active"
    assert not LoanCollateral.objects.exists()


def test_the_console_form_records_it_from_the_loans_page(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    page = client.get(reverse("admin:loans_loan_change", args=[loan.pk]))
    link = f"{reverse(RECORD)}?loan={loan.pk}"
    assert link in page.content.decode()
    form = client.get(link)
    assert form.status_code == 200 and form.context["form"].initial["loan"] == str(loan.pk)
    done = client.post(
        reverse(RECORD),
        {
            "loan": loan.pk,
            "kind": "vehicle",
            "realisable_value": "350000.00",
            "valued_on": "2026-02-01",
            "description": "Hypothecated truck",
        },
    )
    assert done.status_code == 302
    assert done.url == reverse("admin:loans_loan_change", args=[loan.pk])
    saved = LoanCollateral.objects.get(loan=loan)
    assert (saved.kind, saved.realisable_value) == ("vehicle", D("350000.00"))
    listing = client.get(reverse("admin:accounting_loancollateral_changelist"))
    assert "Record a loan's security" in listing.content.decode()
    assert list(listing.context["cl"].result_list) == [saved]


def test_the_console_says_a_refusal_in_plain_words(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    page = client.post(
        reverse(RECORD),
        {"loan": loan.pk, "kind": "gold", "realisable_value": "1000", "valued_on": "2999-01-01"},
    )
    assert page.status_code == 200
    assert "is in the future" in " ".join(page.context["form"].non_field_errors())
    assert not LoanCollateral.objects.exists()


def test_the_console_says_when_there_is_no_such_loan(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    missing = loan.pk + 1
    assert not Loan.objects.filter(pk=missing).exists()
    page = client.post(
        reverse(RECORD),
        {"loan": missing, "kind": "gold", "realisable_value": "1000", "valued_on": "2026-02-01"},
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {"loan": ["No such loan."]}
    assert not LoanCollateral.objects.exists()


def test_who_sees_the_link(client, loan):
    client.force_login(staff(FINANCE))
    page = client.get(reverse("admin:loans_loan_change", args=[loan.pk]))
    assert reverse(RECORD) not in page.content.decode()
    listing = client.get(reverse("admin:accounting_loancollateral_changelist"))
    assert listing.status_code == 200  # finance reads the securities
    assert "Record a loan" not in listing.content.decode()
