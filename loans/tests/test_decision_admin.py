"""The console's confirmation pages: recommend and approve show today's score, grade,
reasons and hard stops (approve also the offer: amount, rate, APR, and the payout account)
and act only when confirmed; a hard stop turns the approve page into the override form;
the disbursement page names the beneficiary. Query counts stay bounded."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import BorrowerProfileFactory, staff
from lendingsite.money import format_inr
from loans.models import ApplicationStatus, LoanApplication
from loans.services.applications import application_decision_view, application_submit
from loans.tests.factories import ProductFactory, draft_application, pending_loan

pytestmark = pytest.mark.django_db

APPS = reverse("admin:loans_loanapplication_changelist")
LOANS = reverse("admin:loans_loan_changelist")
REASON = "Salary rise from next month confirmed by the employer's letter on file."


def _submitted(**kwargs) -> LoanApplication:
    app = draft_application(**kwargs)
    return application_submit(acting_user=app.created_by, application=app)


def _post(client, url, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    return client.post(url, data, follow=True)


def _fresh(app) -> LoanApplication:
    return LoanApplication.objects.get(pk=app.pk)


def test_recommend_shows_the_score_and_reasons_then_acts_on_confirm(client):
    good, blocked = _submitted(), _submitted(monthly_income=Decimal("15000.00"))
    client.force_login(staff(LOAN_OFFICER))
    page = _post(client, APPS, "recommend_selected", [good, blocked])
    html = page.content.decode()
    assert f"Application #{good.pk}" in html and f"Application #{blocked.pk}" in html
    assert '<strong class="decision-score">700</strong>' in html
    assert '<strong class="decision-grade">B</strong>' in html
    assert "FOIR_LOW" in html and "FOIR_ABOVE_MAX" in html
    assert "not overridden: approval is refused" in html
    assert {_fresh(good).status, _fresh(blocked).status} == {ApplicationStatus.SUBMITTED}
    assert not AuditEvent.objects.filter(action="application.recommended").exists()

    done = _post(client, APPS, "recommend_selected", [good, blocked], apply="1", note="ok")
    assert [str(m) for m in done.context["messages"]] == ["Recommended 2 applications."]
    assert {_fresh(good).status, _fresh(blocked).status} == {ApplicationStatus.UNDER_REVIEW}


def test_approve_shows_the_offer_then_approves_on_confirm(client):
    app = _submitted()
    view = application_decision_view(application=app)
    client.force_login(staff(CREDIT_MANAGER))
    html = _post(client, APPS, "approve_selected", [app]).content.decode()
    assert f"<td>{format_inr(view.amount)}</td>" in html and f"{view.rate}%" in html
    assert f"<td>{view.apr}%</td>" in html
    assert "None: the application meets the lending rules" in html
    assert "verified" in html and view.account.masked_number in html
    assert 'name="reason"' not in html
    assert _fresh(app).status == ApplicationStatus.SUBMITTED
    _post(client, APPS, "approve_selected", [app], apply="1")
    approved = _fresh(app)
    assert approved.status == ApplicationStatus.APPROVED
    assert (approved.offered_amount, approved.offered_rate) == (view.amount, view.rate)
    assert approved.kfs["apr"] == str(view.apr)


def test_a_hard_stop_blocks_approval_in_the_console_until_an_override_then_another_approves(
    client,
):
    app = _submitted(monthly_income=Decimal("15000.00"))
    overrider, approver = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    client.force_login(overrider)
    html = _post(client, APPS, "approve_selected", [app]).content.decode()
    assert "has hard stops that block approval" in html and 'name="reason"' in html
    assert f"Record the override of application #{app.pk}" in html
    # Confirming without a reason does nothing.
    html = _post(client, APPS, "approve_selected", [app], apply="1", reason="").content.decode()
    assert "This field is required." in html
    assert _fresh(app).hard_stop_override_by is None

    done = _post(client, APPS, "approve_selected", [app], apply="1", reason=REASON)
    assert any(
        "Another credit manager must now approve it" in str(m) for m in done.context["messages"]
    )
    assert _fresh(app).hard_stop_override_by == overrider
    assert _fresh(app).status == ApplicationStatus.SUBMITTED

    # The overrider's approve page now offers approval, and the service refuses them.
    html = _post(client, APPS, "approve_selected", [app], apply="1").content.decode()
    assert "another credit manager must approve it" in html
    assert _fresh(app).status == ApplicationStatus.SUBMITTED

    client.force_login(approver)
    html = _post(client, APPS, "approve_selected", [app]).content.decode()
    assert "overridden by" in html and REASON.replace("'", "&#x27;") in html
    _post(client, APPS, "approve_selected", [app], apply="1")
    assert _fresh(app).status == ApplicationStatus.APPROVED

    change = client.get(reverse("admin:loans_loanapplication_change", args=[app.pk]))
    assert "FOIR_ABOVE_MAX set aside by" in change.content.decode()


def test_a_hard_stop_no_one_may_override_leaves_no_button(client):
    profile = BorrowerProfileFactory(date_of_birth=date(1990, 5, 17))  # no KYC
    app = _submitted(borrower=profile.user)
    client.force_login(staff(CREDIT_MANAGER))
    html = _post(client, APPS, "approve_selected", [app]).content.decode()
    assert "cannot be approved" in html and "cannot be overridden" in html
    assert 'type="submit" value="Approve' not in html
    # A forged confirmation is refused by the service, in its words, on the page.
    html = _post(client, APPS, "approve_selected", [app], apply="1").content.decode()
    assert "does not meet the lending rules" in html
    assert _fresh(app).status == ApplicationStatus.SUBMITTED


def test_the_confirmation_pages_query_count_is_bounded(client, django_assert_max_num_queries):
    product = ProductFactory()
    apps = [_submitted(product=product) for _ in range(3)]
    client.force_login(staff(LOAN_OFFICER))
    data = {"action": "recommend_selected", ACTION_CHECKBOX_NAME: [a.pk for a in apps]}
    # (+1 since issue 20: the second factor's device is checked on every staff request)
    # +1: the scoring kill switch, read once per request (lendingsite.switches)
    with django_assert_max_num_queries(26):  # +1: the header's unread count (messaging)
        assert client.post(APPS, data).status_code == 200
    more = apps + [_submitted(product=product) for _ in range(3)]
    data[ACTION_CHECKBOX_NAME] = [a.pk for a in more]
    # Each application's decision is scored on its own (profile with KYC, NPA, history,
    # account, product): five queries per selected row, no more.
    with django_assert_max_num_queries(41):  # +1: the header's unread count (messaging)
        assert client.post(APPS, data).status_code == 200


def test_the_disbursement_page_names_the_beneficiary(client, django_assert_max_num_queries):
    loan = pending_loan()
    account = loan.borrower.profile.bank_accounts.get()
    client.force_login(staff(FINANCE))
    with django_assert_max_num_queries(12):  # +1: the header's unread count (messaging)
        page = _post(client, LOANS, "disburse_selected", [loan])
    html = page.content.decode()
    assert "Beneficiary" in html and account.holder_name in html
    assert account.masked_number in html and account.ifsc in html and account.bank_name in html
    # The one place the whole number is shown: finance types it into the transfer.
    assert f'<code class="beneficiary-number">{account.account_number}</code>' in html
