"""The borrower's referral page: code, share link, their own referrals by first name (never
another borrower's), the status of each reward, a constant number of queries; the sign-up
form takes a code from the share link."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.roles import FINANCE
from accounts.tests.factories import borrower, staff
from lendingsite import readcache, refcode
from referrals.models import Referral
from referrals.services.codes import referral_code_issue
from referrals.tests.factories import programme, referred_loan, referred_pair

pytestmark = pytest.mark.django_db
PAGE = "borrower:referrals"


def test_page_shows_code_link_and_first_names(client):
    programme()
    referral = referred_pair(user__full_name="Ravi Shankar Menon")
    referred_loan(referral)
    stranger = referred_pair(user__full_name="Zoya Khan")
    client.force_login(referral.referrer)
    page = client.get(reverse(PAGE)).content.decode()
    code = refcode.display(referral.referrer.referral_code.code)
    assert code in page and f"?ref={code}" in page
    assert "Ravi" in page and "Shankar" not in page and "Menon" not in page
    assert referral.referred.email not in page
    assert "Loan taken: reward pending" in page and "₹500.00" in page
    assert "Zoya" not in page and stranger.referred.email not in page


def test_unverified_borrower_is_told_to_verify_first(client):
    user = borrower(user__email_verified_at=None)
    client.force_login(user)
    page = client.get(reverse(PAGE)).content.decode()
    assert "Confirm your email address" in page
    assert not hasattr(User.objects.get(pk=user.pk), "referral_code")


def test_staff_are_refused(client):
    client.force_login(staff(FINANCE))
    assert client.get(reverse(PAGE)).status_code == 403


def test_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    referral = referred_pair()
    client.force_login(referral.referrer)
    client.get(reverse(PAGE))
    # The header's unread count is kept until the borrower's next change; the referrals
    # added below are such a change, so the baseline counts it afresh too.
    readcache.borrowers_changed([referral.referrer.pk])
    with django_assert_max_num_queries(20) as few:
        client.get(reverse(PAGE))
    for _ in range(5):
        referred_pair(referrer=referral.referrer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(PAGE)).status_code == 200


def test_share_link_fills_the_sign_up_form_and_the_code_is_recorded(client):
    code = refcode.display(referral_code_issue(user=referred_pair().referrer).code)
    form = client.get(reverse("accounts:register") + f"?ref={code}")
    assert f'value="{code}"' in form.content.decode()
    answer = client.post(
        reverse("accounts:register"),
        {
            "full_name": "Kiran Das",
            "email": "kiran@example.in",
            "phone": "9876501234",
            "password": "a long and unusual passphrase 42",
            "referral_code": code,
        },
    )
    assert answer.status_code == 302
    assert Referral.objects.filter(referred__email="kiran@example.in").exists()


def test_mistyped_code_is_a_form_error(client):
    answer = client.post(
        reverse("accounts:register"),
        {
            "full_name": "Kiran Das",
            "email": "kiran@example.in",
            "phone": "9876501234",
            "password": "a long and unusual passphrase 42",
            "referral_code": "ABCD-EFGH-JKMN",
        },
    )
    assert answer.status_code == 200
    assert "This referral code is not valid" in answer.content.decode()
    assert not User.objects.filter(email="kiran@example.in").exists()
