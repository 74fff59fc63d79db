from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import AuditEvent, User
from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from lendingsite.dates import today_ist
from loans.ledger import LOAN_PORTFOLIO, account_balance
from loans.models import Installment, JournalEntry, Loan, LoanStatus
from loans.tests.factories import active_loan, pending_loan

pytestmark = pytest.mark.django_db
LOAN_LIST = "admin:loans_loan_changelist"
ENTRY_LIST = "admin:loans_journalentry_changelist"
ACCOUNT_LIST = "admin:loans_ledgeraccount_changelist"


def signed_in(client, user):
    client.force_login(user)
    return client


def loan_page(loan):
    return reverse("admin:loans_loan_change", args=[loan.pk])


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def disburse(client, loan, **form):
    data = {"action": "disburse_selected", "_selected_action": [str(loan.pk)], "index": "0"}
    return client.post(reverse(LOAN_LIST), {**data, **form})


def superuser() -> User:
    return User.objects.create_superuser(email="root@example.in", password="x")


# --- changelist and loan page -------------------------------------------------------


def test_changelist_columns_filters_and_search(client):
    loans = [active_loan() for _ in range(3)]
    signed_in(client, staff(AUDITOR))
    page = client.get(reverse(LOAN_LIST))
    assert page.status_code == 200
    columns = [c for c in page.context["cl"].list_display if c != "action_checkbox"]
    assert columns == [
        "id",
        "borrower",
        "product",
        "status",
        "principal",
        "principal_outstanding",
        "dpd",
        "bucket",
        "disbursed_on",
    ]
    assert page.context["cl"].list_filter == ["status", "bucket", "product"]
    assert page.context["cl"].result_count == 3
    by_email = client.get(reverse(LOAN_LIST), {"q": loans[1].borrower.email})
    assert [x.pk for x in by_email.context["cl"].result_list] == [loans[1].pk]
    by_id = client.get(reverse(LOAN_LIST), {"q": str(loans[2].borrower_id)})
    assert loans[2].pk in [x.pk for x in by_id.context["cl"].result_list]
    by_status = client.get(reverse(LOAN_LIST), {"status__exact": "active"})
    assert by_status.context["cl"].result_count == 3
    by_bucket = client.get(reverse(LOAN_LIST), {"bucket": "NPA"})
    assert by_bucket.context["cl"].result_count == 0


def test_changelist_query_count_does_not_grow_with_loans(client, django_assert_max_num_queries):
    for _ in range(5):
        active_loan()
    signed_in(client, staff(AUDITOR))
    with django_assert_max_num_queries(11):  # +1: the header's unread count (messaging)
        page = client.get(reverse(LOAN_LIST))
    assert page.context["cl"].result_count == 5


def test_loan_page_shows_schedule_and_ledger_read_only(client, django_assert_max_num_queries):
    loan = active_loan(tenure=24)
    signed_in(client, staff(FINANCE))
    with django_assert_max_num_queries(10):
        page = client.get(loan_page(loan))
    assert page.status_code == 200
    html = page.content.decode()
    installment_inline, ledger_inline = page.context["inline_admin_formsets"]
    assert len(list(installment_inline)) == 24
    assert len(list(ledger_inline)) == 4  # Dr portfolio, Cr bank, fee income, GST
    assert not installment_inline.has_add_permission
    assert not installment_inline.has_change_permission
    assert "97640.00" in html  # the bank line of the disbursement
    assert 'name="status"' not in html and 'name="principal"' not in html
    assert 'name="installments-0-principal_due"' not in html


def test_collector_has_no_loans_console(client):
    # Collectors work from their assigned cases; loans and the ledger are not theirs.
    loan = active_loan()
    signed_in(client, staff(COLLECTOR))
    assert client.get(loan_page(loan)).status_code == 403
    assert client.get(reverse(LOAN_LIST)).status_code == 403
    assert client.get(reverse(ENTRY_LIST)).status_code == 403
    assert client.get(reverse(ACCOUNT_LIST)).status_code == 403


def test_borrower_has_no_console(client):
    signed_in(client, borrower())
    response = client.get(reverse(LOAN_LIST))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_no_add_and_no_delete(client):
    loan = active_loan()
    signed_in(client, superuser())
    assert client.get(reverse("admin:loans_loan_add")).status_code == 403
    assert client.get(reverse("admin:loans_loan_delete", args=[loan.pk])).status_code == 403
    page = client.get(reverse(LOAN_LIST))
    assert "delete_selected" not in dict(page.context["action_form"].fields["action"].choices)


# --- the financial guard in the admin -----------------------------------------------


def forged_post(loan, **extra):
    return {
        "notes": "forged",
        "installments-TOTAL_FORMS": "0",
        "installments-INITIAL_FORMS": "0",
        "ledger_lines-TOTAL_FORMS": "0",
        "ledger_lines-INITIAL_FORMS": "0",
        "_save": "Save",
        **extra,
    }


@pytest.mark.parametrize("forged", [{"status": "closed"}, {"principal": "1"}])
def test_forged_post_of_a_financial_field_changes_nothing(client, forged):
    loan = active_loan()
    root = superuser()
    signed_in(client, root)
    response = client.post(loan_page(loan), forged_post(loan, **forged))
    assert response.status_code == 403
    after = Loan.objects.get(pk=loan.pk)
    assert after.status == LoanStatus.ACTIVE
    assert after.principal == Decimal("100000.00") and after.notes == ""
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.actor == root and event.after["channel"] == "admin"
    assert event.after["fields"] == list(forged)
    assert event.target_id == str(loan.pk)


def test_a_superuser_edits_notes_through_the_service(client):
    loan = active_loan()
    signed_in(client, superuser())
    page = client.get(loan_page(loan))
    assert 'name="notes"' in page.content.decode()
    response = client.post(loan_page(loan), forged_post(loan, notes="Borrower moved to Pune."))
    assert response.status_code == 302
    after = Loan.objects.get(pk=loan.pk)
    assert after.notes == "Borrower moved to Pune." and after.status == LoanStatus.ACTIVE
    assert AuditEvent.objects.filter(action="loan.updated", target_id=str(loan.pk)).count() == 1


def test_a_loan_officer_edits_notes_and_nothing_else(client):
    loan = active_loan()
    officer = staff(LOAN_OFFICER)
    signed_in(client, officer)
    response = client.post(loan_page(loan), forged_post(loan, notes="Prefers calls after 6pm."))
    assert response.status_code == 302
    assert Loan.objects.get(pk=loan.pk).notes == "Prefers calls after 6pm."
    assert AuditEvent.objects.get(action="loan.updated").actor == officer


@pytest.mark.parametrize("role", [AUDITOR, FINANCE])
def test_view_only_staff_cannot_post_the_loan_form(client, role):
    loan = active_loan()
    signed_in(client, staff(role))
    page = client.get(loan_page(loan))
    assert page.status_code == 200 and 'name="notes"' not in page.content.decode()
    assert client.post(loan_page(loan), forged_post(loan)).status_code == 403
    assert Loan.objects.get(pk=loan.pk).notes == ""


# --- the disburse action --------------------------------------------------------------


def test_disburse_action_shows_the_form_then_disburses(client):
    loan = pending_loan()
    signed_in(client, staff(FINANCE))
    form_page = disburse(client, loan)
    assert form_page.status_code == 200
    assert form_page.templates[0].name == "admin/loans/loan/disburse.html"
    assert "₹97,640.00" in form_page.content.decode()  # Indian notation
    day = today_ist() - timedelta(days=1)
    done = disburse(client, loan, apply="1", disbursed_on=day.isoformat(), reference="N1234")
    assert done.status_code == 302
    after = Loan.objects.get(pk=loan.pk)
    assert after.status == LoanStatus.ACTIVE and after.disbursed_on == day
    assert after.disbursement_reference == "N1234"
    assert account_balance(LOAN_PORTFOLIO, loan=after) == Decimal("100000.00")
    assert "disbursed" in texts(client.get(reverse(LOAN_LIST)))[0]


def test_disburse_refusal_is_shown_in_plain_words(client):
    approver = staff(CREDIT_MANAGER)
    approver.groups.add(*staff(FINANCE).groups.all())
    loan = pending_loan(approver=approver)
    signed_in(client, approver)
    page = disburse(client, loan, apply="1", disbursed_on=today_ist().isoformat(), reference="N1")
    assert page.status_code == 200
    errors = page.context["form"].non_field_errors()
    assert errors == [
        f"You approved (or borrow) loan #{loan.pk}; someone else in finance must disburse it."
    ]
    assert "someone else in finance must disburse it" in page.content.decode()
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.PENDING_DISBURSEMENT
    assert not Installment.objects.filter(loan=loan).exists()


def test_disburse_form_errors_and_future_dates(client):
    loan = pending_loan()
    signed_in(client, staff(FINANCE))
    missing = disburse(client, loan, apply="1", disbursed_on="", reference="")
    assert missing.status_code == 200 and missing.context["form"].errors.keys() == {
        "disbursed_on",
        "reference",
    }
    future = (today_ist() + timedelta(days=1)).isoformat()
    page = disburse(client, loan, apply="1", disbursed_on=future, reference="N2")
    assert page.context["form"].non_field_errors() == [
        "The disbursement date cannot be in the future."
    ]
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.PENDING_DISBURSEMENT


def test_disburse_needs_exactly_one_loan(client):
    loans = [pending_loan(), pending_loan()]
    signed_in(client, staff(FINANCE))
    data = {
        "action": "disburse_selected",
        "_selected_action": [str(x.pk) for x in loans],
        "index": "0",
    }
    response = client.post(reverse(LOAN_LIST), data, follow=True)
    assert texts(response) == [
        "Select exactly one loan: every disbursement has its own bank reference."
    ]


@pytest.mark.parametrize("role", [AUDITOR, CREDIT_MANAGER, LOAN_OFFICER])
def test_disburse_action_is_only_offered_to_finance(client, role):
    pending_loan()
    signed_in(client, staff(role))
    page = client.get(reverse(LOAN_LIST))
    action_form = page.context["action_form"]
    choices = dict(action_form.fields["action"].choices) if action_form else {}
    assert "disburse_selected" not in choices
    signed_in(client, staff(FINANCE))
    finance_page = client.get(reverse(LOAN_LIST))
    assert "disburse_selected" in dict(finance_page.context["action_form"].fields["action"].choices)


# --- ledger pages ---------------------------------------------------------------------


def test_ledger_accounts_list_balances(client, django_assert_max_num_queries):
    active_loan()
    active_loan()
    signed_in(client, staff(AUDITOR))
    with django_assert_max_num_queries(9):  # +1: the header's unread count (messaging)
        page = client.get(reverse(ACCOUNT_LIST))
    assert page.status_code == 200
    rows = {a.code: a for a in page.context["cl"].result_list}
    admin_obj = page.context["cl"].model_admin
    assert admin_obj.balance(rows["LOAN_PORTFOLIO"]) == Decimal("200000.00")
    assert admin_obj.balance(rows["BANK"]) == Decimal("-195280.00")
    assert admin_obj.balance(rows["FEE_INCOME"]) == Decimal("4000.00")
    assert admin_obj.balance(rows["GST_PAYABLE"]) == Decimal("720.00")


def test_journal_entries_are_read_only_for_finance(client, django_assert_max_num_queries):
    loans = [active_loan() for _ in range(3)]
    signed_in(client, staff(FINANCE))
    with django_assert_max_num_queries(9):  # +1: the header's unread count (messaging)
        page = client.get(reverse(ENTRY_LIST))
    assert page.status_code == 200
    assert [e.amount for e in page.context["cl"].result_list] == [Decimal("100000.00")] * 3
    entry = JournalEntry.objects.get(loan=loans[0])
    detail = client.get(reverse("admin:loans_journalentry_change", args=[entry.pk]))
    assert detail.status_code == 200 and 'name="kind"' not in detail.content.decode()
    assert (
        client.post(
            reverse("admin:loans_journalentry_change", args=[entry.pk]), {"kind": "x"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:loans_journalentry_add")).status_code == 403
    assert JournalEntry.objects.get(pk=entry.pk).kind == "disbursement"
