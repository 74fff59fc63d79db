"""Privacy pages (/privacy/): consents with history and withdrawal, the data download, the
erasure request, and the officer console's erasure actions."""

import json
import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client
from django.urls import reverse

from accounts.models import (
    AuditEvent,
    DataConsent,
    ErasureRequest,
    ErasureStatus,
)
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.services.privacy import consent_granted, consent_set, erasure_request_create
from accounts.tests.factories import BorrowerProfileFactory, UserFactory, borrower, staff
from loans.tests.factories import active_loan
from portal.tests.test_pages_landing import assert_csp_clean, text_of

IP, UA = "198.51.100.77", "Mozilla/5.0 (Phone; PrivacyPages)"
HOME, EXPORT, ERASURE = "/privacy/", "/privacy/export/", "/privacy/erasure/"


@pytest.fixture
def browser():
    return Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)


@pytest.fixture
def person(browser):
    user = borrower()
    browser.force_login(user)
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("url", [HOME, EXPORT, ERASURE])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    page = client.get(url)
    assert page.status_code == 302
    assert page["Location"] == f"{reverse('accounts:login')}?next={url}"


@pytest.mark.django_db
def test_anonymous_consent_changes_go_to_log_in_and_change_nothing(client):
    page = client.post("/privacy/consents/", {"purpose": "marketing", "granted": "yes"})
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:login"))
    assert not DataConsent.objects.exists()


@pytest.mark.django_db
def test_consents_page_shows_each_purpose_with_its_default(browser, person):
    page = browser.get(HOME)
    assert page.status_code == 200
    html = assert_csp_clean(page)
    words = text_of(page)
    assert "Offers and marketing messages" in words
    assert "Turn on offers and marketing messages" in words
    assert "Turn on credit bureau check" in words
    assert "Turn off payment reminders" in words
    assert words.count("(our default; you haven't chosen yet)") == 3
    assert "You haven't changed any choice yet" in words
    assert html.count('action="/privacy/consents/"') == 3


@pytest.mark.django_db
def test_withdrawing_and_granting_are_recorded_with_history(browser, person):
    off = browser.post("/privacy/consents/", {"purpose": "reminders", "granted": "no"})
    assert off.status_code == 302 and off["Location"] == HOME
    browser.post("/privacy/consents/", {"purpose": "marketing", "granted": "yes"})
    browser.post("/privacy/consents/", {"purpose": "marketing", "granted": "no"})

    assert consent_granted(person, "reminders") is False
    assert consent_granted(person, "marketing") is False
    rows = list(DataConsent.objects.filter(user=person).order_by("id"))
    assert [(r.purpose, r.granted, r.ip, r.user_agent) for r in rows] == [
        ("reminders", False, IP, UA),
        ("marketing", True, IP, UA),
        ("marketing", False, IP, UA),
    ]
    page = browser.get(HOME)
    words = text_of(page)
    assert "Offers and marketing messages: now off." in words
    history = re.search(r'<table class="history">.*?</table>', page.content.decode(), re.S).group(0)
    cells = [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", history, re.S)
    ]
    # Newest first: purpose, choice and where from for each row.
    assert cells[1::4] == [
        "Offers and marketing messages",
        "Offers and marketing messages",
        "Payment reminders",
    ]
    assert cells[2::4] == ["Withdrawn", "Given", "Withdrawn"]
    assert cells[3::4] == [f"IP address {IP}"] * 3
    assert "Turn on payment reminders" in words
    assert AuditEvent.objects.filter(action="consent.withdrawn", actor=person).count() == 2


@pytest.mark.django_db
def test_same_choice_again_is_not_a_new_history_row(browser, person):
    browser.post("/privacy/consents/", {"purpose": "reminders", "granted": "yes"})
    assert not DataConsent.objects.exists()
    assert "Payment reminders: no change, it was already on." in text_of(browser.get(HOME))


@pytest.mark.django_db
def test_a_tampered_consent_form_changes_nothing(browser, person):
    page = browser.post("/privacy/consents/", {"purpose": "telemarketing", "granted": "yes"})
    assert page.status_code == 302
    assert "We could not change that consent." in text_of(browser.get(HOME))
    assert not DataConsent.objects.exists()
    assert browser.get("/privacy/consents/").status_code == 405


@pytest.mark.django_db
def test_history_shows_only_own_rows_and_a_bounded_number_of_queries(
    browser, person, django_assert_max_num_queries
):
    other = borrower()
    consent_set(acting_user=other, purpose="bureau_check", granted=True)
    for _ in range(15):
        consent_set(acting_user=person, purpose="marketing", granted=True)
        consent_set(acting_user=person, purpose="marketing", granted=False)
    with django_assert_max_num_queries(8):
        page = browser.get(HOME)
    words = text_of(page)
    assert "Credit bureau check" in words  # the purpose card, not a history row
    assert words.count("Given") + words.count("Withdrawn") == 20  # 30 rows: 20 on page 1
    assert "Page 1 of 2" in words
    second = text_of(browser.get(HOME, {"page": 2}))
    assert second.count("Given") + second.count("Withdrawn") == 10
    assert "Page 2 of 2" in text_of(browser.get(HOME, {"page": "999"}))


@pytest.mark.django_db
def test_export_downloads_own_data_as_json(browser, person, django_assert_max_num_queries):
    other = BorrowerProfileFactory(pan="QQQQQ1111Q")
    consent_set(acting_user=other.user, purpose="marketing", granted=True)
    browser.post("/privacy/consents/", {"purpose": "bureau_check", "granted": "yes"})
    with django_assert_max_num_queries(18):
        response = browser.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert re.fullmatch(
        r'attachment; filename="lendingsite-my-data-\d{4}-\d{2}-\d{2}\.json"',
        response["Content-Disposition"],
    )
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email
    assert data["profile"]["pan"] == person.profile.pan
    assert data["profile"]["monthly_income"] == "85000.00"  # money as a string
    assert [(c["purpose"], c["granted"], c["ip"]) for c in data["consents"]] == [
        ("bureau_check", True, IP)
    ]
    body = response.content.decode()
    assert other.user.email not in body and "QQQQQ1111Q" not in body
    [event] = AuditEvent.objects.filter(action="privacy.exported")
    assert event.actor == person and event.ip == IP


@pytest.mark.django_db
def test_export_includes_the_borrowers_loans_and_schedule(client):
    loan = active_loan()
    other_loan = active_loan()
    client.force_login(loan.borrower)
    data = json.loads(client.get(EXPORT).content)
    assert [x["id"] for x in data["loans"]] == [loan.pk]
    assert data["loans"][0]["principal"] == f"{loan.principal:.2f}"
    assert len(data["loans"][0]["schedule"]) == loan.tenure
    assert other_loan.pk not in [x["id"] for x in data["loans"]]
    assert [a["id"] for a in data["applications"]] == [loan.application_id]


@pytest.mark.django_db
def test_erasure_request_is_sent_once(browser, person):
    page = browser.get(ERASURE)
    assert page.status_code == 200
    assert_csp_clean(page)
    assert "We can't erase your data yet" not in text_of(page)

    refused = browser.post(ERASURE, {})
    assert refused.status_code == 200
    assert "Tick the box to confirm that you want this." in text_of(refused)
    assert not ErasureRequest.objects.exists()

    sent = browser.post(ERASURE, {"confirm": "on"})
    assert sent.status_code == 302 and sent["Location"] == ERASURE
    [request] = ErasureRequest.objects.filter(user=person)
    assert request.status == ErasureStatus.PENDING
    words = text_of(browser.get(ERASURE))
    assert "We have your request." in words
    assert "waiting for an officer" in words
    assert "Ask to erase my data" not in words  # no second request while one is pending
    assert "waiting for an officer" in text_of(browser.get(HOME))


@pytest.mark.django_db
def test_erasure_page_warns_while_a_loan_is_open(client):
    loan = active_loan()
    client.force_login(loan.borrower)
    words = text_of(client.get(ERASURE))
    assert "We can't erase your data yet" in words
    assert f"Loan #{loan.pk} is active. While a loan is open we must keep your details" in words


@pytest.mark.django_db
def test_a_rejected_request_shows_the_officers_reason(browser, person):
    from accounts.services.privacy import erasure_request_reject

    request = erasure_request_create(acting_user=person)
    erasure_request_reject(
        acting_user=staff(LOAN_OFFICER), request=request, note="Please repay loan #4 first."
    )
    words = text_of(browser.get(ERASURE))
    assert "not accepted" in words and "Reason: Please repay loan #4 first." in words
    assert "Ask to erase my data" in words  # a new request can be made


# --- officer console -----------------------------------------------------------------------


@pytest.fixture
def officer_client():
    officer = staff(LOAN_OFFICER)
    client = Client()
    client.force_login(officer)
    return client, officer


@pytest.mark.django_db
def test_officer_completes_a_request_from_the_console(
    officer_client, django_capture_on_commit_callbacks
):
    client, _ = officer_client
    person = borrower()
    request = erasure_request_create(acting_user=person)
    url = reverse("admin:accounts_erasurerequest_changelist")
    listing = client.get(url)
    assert listing.status_code == 200
    assert person.email in listing.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url, {"action": "complete_selected", ACTION_CHECKBOX_NAME: [request.pk]}, follow=True
        )
    assert "Completed 1 request." in done.content.decode()
    assert ErasureRequest.objects.get(pk=request.pk).status == ErasureStatus.COMPLETED
    person.refresh_from_db()
    assert person.email == f"erased-{person.pk}@invalid" and not person.is_active


@pytest.mark.django_db
def test_console_reports_a_refusal_and_rejects_with_a_reason(officer_client):
    client, officer = officer_client
    loan = active_loan()
    request = erasure_request_create(acting_user=loan.borrower)
    url = reverse("admin:accounts_erasurerequest_changelist")
    refused = client.post(
        url, {"action": "complete_selected", ACTION_CHECKBOX_NAME: [request.pk]}, follow=True
    )
    assert f"Request #{request.pk}: We can't erase this data yet. Loan #{loan.pk} is active" in (
        refused.content.decode().replace("&#x27;", "'")
    )
    ask = client.post(url, {"action": "reject_selected", ACTION_CHECKBOX_NAME: [request.pk]})
    assert ask.status_code == 200 and "Reason (the borrower sees it)" in ask.content.decode()
    client.post(
        url,
        {
            "action": "reject_selected",
            "apply": "1",
            "note": "Your loan is still running.",
            ACTION_CHECKBOX_NAME: [request.pk],
        },
    )
    rejected = ErasureRequest.objects.get(pk=request.pk)
    assert rejected.status == ErasureStatus.REJECTED and rejected.decided_by == officer


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_act(client):
    client.force_login(staff(FINANCE))
    request = erasure_request_create(acting_user=UserFactory())
    url = reverse("admin:accounts_erasurerequest_changelist")
    assert client.get(url).status_code == 403
    client.post(url, {"action": "complete_selected", ACTION_CHECKBOX_NAME: [request.pk]})
    assert ErasureRequest.objects.get(pk=request.pk).status == ErasureStatus.PENDING
