"""The apply page (/apply/) with its installment preview, and the application page
(/applications/<id>/) with the eligibility outcome and the status timeline."""

import re

import pytest
from django.urls import reverse

from accounts.roles import CREDIT_MANAGER, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from lendingsite.errors import DomainError
from loans.models import ApplicationStatus, Loan, LoanApplication
from loans.services.applications import (
    application_accept,
    application_approve,
    application_recommend,
    application_reject,
    application_submit,
)
from loans.tests.factories import (
    ProductFactory,
    approved_application,
    draft_application,
    kyc_verified_borrower,
)

pytestmark = pytest.mark.django_db

URL = "/apply/"
GOOD = {
    "product": "personal",
    "amount": "1,00,000",
    "tenure": "12",
    "purpose": "Home renovation",
    "monthly_income": "1,50,000",
    "existing_emis": "0",
}


@pytest.fixture
def product():
    return ProductFactory(code="personal", name="Personal loan")  # 14%, 2% fee + 18% GST


def _html(response) -> str:
    return response.content.decode()


def assert_csp_clean(html: str) -> None:
    """No inline script or style anywhere (the CSP would block them)."""
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag
    for body in re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S):
        assert not body.strip(), body


def test_url_names():
    assert reverse("borrower:apply") == URL
    assert reverse("borrower:application", args=[5]) == "/applications/5/"


def test_strangers_are_sent_to_log_in(client):
    for url in (URL, reverse("borrower:application", args=[1])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_form_offers_active_products_only(client, product, django_assert_max_num_queries):
    ProductFactory(code="retired", name="Retired loan", is_active=False)
    client.force_login(kyc_verified_borrower())
    # session, user, 2 permission lookups (products_for), profile, documents, products
    with django_assert_max_num_queries(8):  # +1: the header's unread count (messaging)
        response = client.get(URL)
    html = _html(response)
    assert response.status_code == 200
    assert '<option value="personal">Personal loan: ₹10,000.00 to ₹10,00,000.00' in html
    assert "Retired loan" not in html
    for name in ("amount", "tenure", "purpose", "monthly_income", "existing_emis"):
        assert f'<label for="id_{name}">' in html
    assert 'src="/static/js/apply-preview.js"' in html
    assert "Confirm your email address first" not in html
    assert_csp_clean(html)


def test_preview_shows_the_installment_without_saving(client, product):
    client.force_login(kyc_verified_borrower())
    data = {"product": "personal", "amount": "1,00,000", "tenure": "12", "action": "preview"}
    response = client.post(URL, data)
    html = _html(response)
    assert response.status_code == 200
    assert "<dd>₹8,978.71</dd>" in html  # installment, as on the calculator
    assert "<dd>₹7,744.54</dd>" in html  # total interest
    assert "<dd>₹97,640.00</dd>" in html  # what reaches the borrower
    assert "<dd>₹1,07,744.54</dd>" in html  # total payable
    # Preview does not ask for the rest of the form, and saves nothing.
    assert response.context["form"].errors == {}
    assert not LoanApplication.objects.exists()
    # The entered values stay in the form.
    assert 'value="1,00,000"' in html


def test_preview_refusal_is_a_form_error_next_to_the_amount(client, product):
    client.force_login(kyc_verified_borrower())
    data = {"product": "personal", "amount": "5000", "tenure": "12", "action": "preview"}
    response = client.post(URL, data)
    html = _html(response)
    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [
        "This product lends between ₹10000.00 and ₹1000000.00."
    ]
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in html
    assert 'id="id_amount_error"' in html
    assert "₹8,978.71" not in html


def test_live_preview_fragment(client, product):
    client.force_login(kyc_verified_borrower())
    url = reverse("borrower:apply_preview")
    response = client.get(url, {"product": "personal", "amount": "100000", "tenure": "12"})
    assert response.status_code == 200
    html = _html(response)
    assert "<dd>₹8,978.71</dd>" in html and "<html" not in html
    bad = client.get(url, {"product": "personal", "amount": "lots", "tenure": "12"})
    assert bad.status_code == 200
    assert "Fix the amount, tenure or product above" in _html(bad)


def test_submit_creates_submits_and_shows_the_outcome(client, product):
    user = kyc_verified_borrower()
    client.force_login(user)
    response = client.post(URL, {**GOOD, "action": "submit"})
    app = LoanApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("borrower:application", args=[app.pk])
    assert app.borrower == user and app.created_by == user
    assert app.status == ApplicationStatus.SUBMITTED
    assert app.amount == 100000 and app.tenure == 12 and app.monthly_income == 150000

    html = _html(client.get(response["Location"]))
    assert f"Thank you: application #{app.pk} is in." in html
    assert "On the figures you gave, you meet our lending rules." in html
    for reason in app.reasons:
        assert reason["text"].replace("'", "&#x27;") in html
    assert "Application submitted and assessed" in html
    assert "Application started" in html


def test_missing_fields_are_plain_form_errors_tied_to_their_fields(client, product):
    client.force_login(kyc_verified_borrower())
    response = client.post(URL, {"product": "personal", "action": "submit"})
    html = _html(response)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["amount"] == ["Enter the amount you want to borrow."]
    assert errors["purpose"] == ["Tell us what the loan is for."]
    assert errors["monthly_income"] == ["Enter your monthly income."]
    assert "existing_emis" not in errors
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_purpose_helptext id_purpose_error"' in html
    assert "Please check the form" in html
    assert not LoanApplication.objects.exists()


def test_garbage_input_never_breaks_the_page(client, product):
    client.force_login(kyc_verified_borrower())
    data = {**GOOD, "amount": "1e999", "tenure": "-3", "product": "nope", "action": "submit"}
    response = client.post(URL, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"amount", "tenure", "product"}
    assert errors["product"] == ["Choose one of the products in the list."]


def test_an_unverified_email_is_told_how_to_verify(client, product):
    user = borrower(user__email_verified_at=None)
    client.force_login(user)
    html = _html(client.get(URL))
    assert "Confirm your email address first" in html
    assert reverse("accounts:verify_email_resend") in html

    response = client.post(URL, {**GOOD, "action": "submit"})
    assert response.status_code == 403
    assert "Verify your email address before you apply." in _html(response)
    assert not LoanApplication.objects.exists()


def test_kyc_missing_shows_the_blocking_reason(client, product):
    user = borrower()  # no KYC documents, no date of birth
    client.force_login(user)
    assert "must be verified before we can make you an offer" in _html(client.get(URL))
    response = client.post(URL, {**GOOD, "action": "submit"}, follow=True)
    html = _html(response)
    assert "does not meet our lending rules yet" in html
    assert "What stands in the way" in html
    assert "Your PAN card and address proof must be verified first." in html


def test_another_borrowers_application_is_404(client):
    app = draft_application()
    client.force_login(kyc_verified_borrower())
    assert client.get(reverse("borrower:application", args=[app.pk])).status_code == 404
    # staff too: these are the borrower's pages, not the officer console
    client.force_login(staff(CREDIT_MANAGER))
    assert client.get(reverse("borrower:application", args=[app.pk])).status_code == 404


def test_approved_offer_links_the_kfs_and_the_timeline_shows_the_steps(
    client, django_assert_max_num_queries
):
    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app)
    application_recommend(acting_user=staff(LOAN_OFFICER), application=app)
    app = application_approve(acting_user=staff(CREDIT_MANAGER), application=app)
    client.force_login(app.borrower)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("borrower:application", args=[app.pk]))
    html = _html(response)
    assert f'href="{reverse("loans:kfs", args=[app.pk])}"' in html
    assert "Read the offer and Key Fact Statement" in html
    labels = re.findall(r'<span class="timeline-label">([^<]+)</span>', html)
    assert labels == [
        "Application started",
        "Application submitted and assessed",
        "Recommended by a loan officer; under review",
        "Approved: an offer was made",
        "Offer open until the end of this day",
    ]
    assert f"{app.offer_expires_on:%-d %b %Y}" in html
    assert "Offer of ₹" in html


def test_rejection_shows_the_reason(client):
    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app)
    application_reject(
        acting_user=staff(CREDIT_MANAGER), application=app, reason="Income could not be confirmed."
    )
    client.force_login(app.borrower)
    html = _html(client.get(reverse("borrower:application", args=[app.pk])))
    assert "We could not approve this application." in html
    assert "Income could not be confirmed." in html
    assert "Not approved" in html


def test_accepted_offer_links_the_loan(client):
    app = approved_application()
    loan = application_accept(acting_user=app.borrower, application=app)
    client.force_login(app.borrower)
    html = _html(client.get(reverse("borrower:application", args=[app.pk])))
    assert f'href="{reverse("borrower:loan", args=[loan.pk])}"' in html
    assert "Offer accepted: loan account opened" in html
    assert "Waiting for our finance team to pay out" in html


def test_accepting_on_the_kfs_page_lands_on_the_new_loan(client):
    app = approved_application()
    client.force_login(app.borrower)
    response = client.post(
        reverse("loans:kfs", args=[app.pk]), {"agree": "on", "kfs_hash": app.kfs_hash}
    )
    loan = Loan.objects.get(application=app)
    assert response.status_code == 302
    assert response["Location"] == reverse("borrower:loan", args=[loan.pk])


def test_a_draft_can_be_submitted_from_its_page(client):
    user = kyc_verified_borrower()
    app = draft_application(borrower=user)
    client.force_login(user)
    assert "has not been submitted yet" in _html(
        client.get(reverse("borrower:application", args=[app.pk]))
    )
    response = client.post(reverse("borrower:application_submit", args=[app.pk]))
    assert response.status_code == 302
    assert LoanApplication.objects.get(pk=app.pk).status == ApplicationStatus.SUBMITTED
    # Submitting twice is refused in plain words, not an error page.
    html = _html(client.post(reverse("borrower:application_submit", args=[app.pk]), follow=True))
    assert "it cannot be submitted" in html


def test_if_submitting_fails_the_draft_waits_on_its_page(client, product, monkeypatch):
    def refuse(**kwargs):
        raise DomainError("invalid_state", "Scoring is busy; try again in a minute.")

    monkeypatch.setattr("portal.views.borrower.application_submit", refuse)
    client.force_login(kyc_verified_borrower())
    response = client.post(URL, {**GOOD, "action": "submit"}, follow=True)
    app = LoanApplication.objects.get()
    assert app.status == ApplicationStatus.DRAFT
    assert response.redirect_chain == [(reverse("borrower:application", args=[app.pk]), 302)]
    html = _html(response)
    assert "Scoring is busy; try again in a minute." in html
    assert "has not been submitted yet" in html
