"""The printable Key Fact Statement page and its Accept form (/applications/<id>/kfs/)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.models import ApplicationStatus, Consent, Loan, LoanApplication, LoanStatus
from loans.services.applications import application_submit
from loans.tests.factories import approved_application, draft_application, kyc_verified_borrower

pytestmark = pytest.mark.django_db

AGREE = "I have read and accept the Key Fact Statement"


def _url(app) -> str:
    return reverse("loans:kfs", args=[app.pk])


def _page(client, user, app, status=200) -> str:
    client.force_login(user)
    response = client.get(_url(app))
    assert response.status_code == status
    return response.content.decode()


def test_url_is_the_documented_one():
    assert reverse("loans:kfs", args=[7]) == "/applications/7/kfs/"


def test_the_borrower_sees_every_key_fact_in_indian_notation(client):
    app = approved_application()  # ₹1,00,000 over 12 months at 14%, 2% fee + 18% GST
    kfs = app.kfs
    html = _page(client, app.borrower, app)
    assert "₹1,00,000.00" in html  # amount, lakh grouping
    assert f"<strong>{kfs['apr']}%</strong>" in html
    assert "14% a year, fixed" in html
    assert "12 monthly installments of ₹" + _indian(kfs["installment_amount"]) in html
    assert "₹" + _indian(kfs["total_interest"]) in html
    assert "₹2,000.00" in html and "₹360.00" in html and "₹2,360.00" in html  # fee, GST
    assert "₹97,640.00" in html  # net disbursed
    assert "₹" + _indian(kfs["total_payable"]) in html
    assert html.count('data-label="Due date"') == 12  # the schedule, one row each
    assert "cancel within 3 days of disbursement" in html
    assert settings.GRIEVANCE_OFFICER["email"] in html
    assert settings.GRIEVANCE_OFFICER["phone"] in html
    assert app.offer_expires_on.strftime("%-d %b %Y") in html
    assert app.kfs_hash in html
    # The accept form: a required checkbox and the version shown, posting to this page.
    assert AGREE in html and 'type="checkbox" name="agree"' in html
    assert f'name="kfs_hash" value="{app.kfs_hash}"' in html
    assert f'action="{_url(app)}"' in html


def _indian(amount: str) -> str:
    from lendingsite.money import format_inr

    return format_inr(amount, symbol=False)


def test_no_inline_style_or_script_and_a_print_stylesheet(client):
    app = approved_application()
    html = _page(client, app.borrower, app)
    assert "style=" not in html and "<style" not in html and "<script" not in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "site.css").read_text()
    section = css.split("Key Fact Statement page and print stylesheet")[1]
    assert "@media print" in section and ".kfs-accept" in section


def test_staff_see_it_without_the_accept_form(client):
    app = approved_application()
    for role in (AUDITOR, LOAN_OFFICER, CREDIT_MANAGER):
        html = _page(client, staff(role), app)
        assert app.kfs_hash in html
        assert "Only the borrower can accept this offer." in html
        assert 'name="agree"' not in html


def test_others_get_404_and_strangers_are_sent_to_log_in(client):
    app = approved_application()
    _page(client, kyc_verified_borrower(), app, status=404)
    _page(client, staff(COLLECTOR), app, status=404)
    client.logout()
    response = client.get(_url(app))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_before_an_offer_there_is_no_kfs(client):
    app = draft_application()
    app = application_submit(acting_user=app.created_by, application=app)
    html = _page(client, app.borrower, app, status=409)
    assert "has no offer yet" in html and 'name="agree"' not in html


def test_accepting_needs_the_box_ticked(client):
    app = approved_application()
    client.force_login(app.borrower)
    response = client.post(_url(app), {"kfs_hash": app.kfs_hash})
    assert response.status_code == 200
    assert "Tick the box to confirm that you have read and accept" in response.content.decode()
    assert not Loan.objects.exists()


def test_accepting_opens_the_loan_and_confirms(client):
    app = approved_application()
    client.force_login(app.borrower)
    response = client.post(_url(app), {"agree": "on", "kfs_hash": app.kfs_hash})
    loan = Loan.objects.get(application=app)
    assert response.status_code == 302
    assert response["Location"] == reverse("borrower:loan", args=[loan.pk])
    assert loan.status == LoanStatus.PENDING_DISBURSEMENT
    consent = Consent.objects.get(application=app)
    assert consent.kfs_hash == app.kfs_hash and consent.ip == "127.0.0.1"
    assert LoanApplication.objects.get(pk=app.pk).status == ApplicationStatus.ACCEPTED

    html = client.get(_url(app)).content.decode()
    assert f"Your loan account #{loan.pk} is open" in html  # the one-time message
    assert "You accepted this Key Fact Statement on" in html
    assert 'name="agree"' not in html


def _form_error(response) -> str:
    html = response.content.decode()
    match = re.search(r'<div class="form-errors".*?</div>', html, re.S)
    assert match, "no form error shown"
    return match.group(0)


def test_an_expired_offer_is_refused_in_plain_words(client):
    app = approved_application(business_date=today_ist() - timedelta(days=30))
    client.force_login(app.borrower)
    response = client.post(_url(app), {"agree": "on", "kfs_hash": app.kfs_hash})
    assert response.status_code == 409
    error = _form_error(response)
    assert f"This offer expired on {app.offer_expires_on:%d %b %Y}" in error
    assert "Ask us for a fresh offer." in error
    assert not Loan.objects.exists()


def test_a_changed_kfs_is_refused(client):
    app = approved_application()
    client.force_login(app.borrower)
    response = client.post(_url(app), {"agree": "on", "kfs_hash": "0" * 64})
    assert response.status_code == 409
    assert "The Key Fact Statement changed since you opened it" in _form_error(response)
    assert not Consent.objects.exists()


def test_staff_cannot_accept_by_posting(client):
    app = approved_application()
    client.force_login(app.decided_by)
    response = client.post(_url(app), {"agree": "on", "kfs_hash": app.kfs_hash})
    assert response.status_code == 403
    assert f"You may not accept the offer on application #{app.pk}." in _form_error(response)
    assert not Loan.objects.exists()


def test_accepting_twice_says_so(client):
    app = approved_application()
    client.force_login(app.borrower)
    client.post(_url(app), {"agree": "on", "kfs_hash": app.kfs_hash})
    response = client.post(_url(app), {"agree": "on", "kfs_hash": app.kfs_hash})
    assert response.status_code == 409
    assert "cannot be accepted" in _form_error(response)
    assert Loan.objects.count() == 1
