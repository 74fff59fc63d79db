"""Officers enter or correct a borrower's CKYC number through bureau.ckyc: validated to the
file's own 14-digit rule, audited with the number masked, a refusal writes nothing; the
export's validation list links each problem to where it is fixed."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import COLLECTOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from bureau.ckyc import ckyc_number_set
from bureau.models import BureauIssue, CkycRecord
from bureau.services import bureau_export_create
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan, kyc_verified_borrower

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return kyc_verified_borrower(full_name="Ravi Kumar").profile


def test_an_officer_enters_then_corrects_a_number(profile):
    officer = staff(LOAN_OFFICER)
    first = ckyc_number_set(acting_user=officer, profile=profile, number="1234 5678 9012 34")
    assert first.number == "12345678901234"
    again = ckyc_number_set(acting_user=officer, profile=profile, number="12345678901299")
    assert again.pk == first.pk and CkycRecord.objects.get().number == "12345678901299"
    events = list(AuditEvent.objects.filter(action="ckyc_number.set").order_by("id"))
    assert [e.after["number"] for e in events] == ["**********1234", "**********1299"]
    assert events[0].before is None and events[1].before == {"number": "**********1234"}
    assert "12345678901234" not in str([e.after for e in events])


@pytest.mark.parametrize(
    "number", ["", "1234567890123", "123456789012345", "12345678901a34", "١٢٣٤٥٦٧٨٩٠١٢٣٤", "-1e13"]
)
def test_a_number_that_is_not_14_digits_is_refused_and_writes_nothing(profile, number):
    with pytest.raises(DomainError) as refused:
        ckyc_number_set(acting_user=staff(LOAN_OFFICER), profile=profile, number=number)
    assert refused.value.code == "validation_error" and "number" in refused.value.errors
    assert not CkycRecord.objects.exists()
    assert AuditEvent.objects.filter(action="ckyc_number.set_refused").exists()


def test_another_borrowers_number_is_a_duplicate(profile):
    other = kyc_verified_borrower(full_name="Asha Rao").profile
    CkycRecord.objects.create(profile=other, number="12345678901234")
    with pytest.raises(DomainError) as refused:
        ckyc_number_set(acting_user=staff(LOAN_OFFICER), profile=profile, number="12345678901234")
    assert refused.value.code == "duplicate"
    assert CkycRecord.objects.count() == 1


@pytest.mark.parametrize("role", [COLLECTOR, FINANCE])
def test_only_loan_officers_enter_numbers(profile, role):
    with pytest.raises(DomainError) as refused:
        ckyc_number_set(acting_user=staff(role), profile=profile, number="12345678901234")
    assert refused.value.code == "permission_denied"
    assert not CkycRecord.objects.exists()


@pytest.fixture
def export_with_problems():
    """A bad CKYC number (from a data load) on one borrower, no PAN on another."""
    as_of = today_ist() - timedelta(days=1)
    opened = as_of - timedelta(days=40)
    loaded = kyc_verified_borrower(full_name="Asha Rao", address="12 MG Road, Bengaluru 560001")
    CkycRecord.objects.create(profile=loaded.profile, number="1234")
    no_pan = kyc_verified_borrower(full_name="Ravi Kumar", pan="", address="1 Main Rd, 560001")
    active_loan(disbursed_on=opened, borrower=loaded)
    active_loan(disbursed_on=opened, borrower=no_pan)
    return bureau_export_create(acting_user=staff(FINANCE), as_of=as_of), loaded, no_pan


def test_the_validation_list_links_each_problem_to_its_fix(client, export_with_problems):
    export, loaded, no_pan = export_with_problems
    fields = set(BureauIssue.objects.filter(export=export).values_list("field", flat=True))
    assert {"ckyc", "pan"} <= fields
    client.force_login(staff(LOAN_OFFICER))
    page = client.get(reverse("admin:bureau_bureauexport_change", args=[export.pk]))
    html = page.content.decode()
    back = reverse("admin:bureau_bureauexport_change", args=[export.pk])
    ckyc_url = reverse("admin:bureau_ckycrecord_set", args=[loaded.profile.pk])
    assert f'href="{ckyc_url}?next={back}"' in html
    assert reverse("admin:accounts_borrowerprofile_change", args=[no_pan.profile.pk]) in html
    listing = client.get(reverse("admin:bureau_bureauissue_changelist"))
    assert ckyc_url in listing.content.decode()

    # The officer follows the link, mistypes, then enters the number and is sent back.
    wrong = client.post(f"{ckyc_url}?next={back}", {"number": "12345"})
    assert wrong.status_code == 200 and "A CKYC number is 14 digits." in wrong.content.decode()
    done = client.post(f"{ckyc_url}?next={back}", {"number": "98765432109876"})
    assert done.status_code == 302 and done["Location"] == back
    assert "CKYC number recorded" in str(next(iter(get_messages(done.wsgi_request))))
    assert CkycRecord.objects.get(profile=loaded.profile).number == "98765432109876"
    # An outside `next` is ignored: the officer lands on the CKYC list, not elsewhere.
    elsewhere = client.post(f"{ckyc_url}?next=https://evil.example/", {"number": "98765432109876"})
    assert elsewhere["Location"] == reverse("admin:bureau_ckycrecord_changelist")


def test_the_issue_list_costs_the_same_for_more_issues(client, export_with_problems):
    client.force_login(staff(LOAN_OFFICER))
    url = reverse("admin:bureau_bureauissue_changelist")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        no_pan = kyc_verified_borrower(pan="", address="1 Main Rd, 560001")
        active_loan(disbursed_on=today_ist() - timedelta(days=41), borrower=no_pan)
    bureau_export_create(acting_user=staff(FINANCE), as_of=today_ist() - timedelta(days=1))
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few)


def test_a_collector_cannot_open_the_ckyc_page(client, profile):
    client.force_login(staff(COLLECTOR))
    answer = client.post(
        reverse("admin:bureau_ckycrecord_set", args=[profile.pk]), {"number": "12345678901234"}
    )
    assert answer.status_code == 302
    assert not CkycRecord.objects.exists()
