"""The referrals API: sign-up with a code (recorded once), the borrower's own referrals
(first names only; another borrower's are not listed), rewards scoped to their owner
(404), the two-officer review, the payout run, the report and query-count guards."""

import itertools
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.models import User
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite import refcode
from lendingsite.dates import today_ist
from referrals.models import Programme, Referral, Reward
from referrals.services.codes import referral_code_issue
from referrals.services.rewards import referral_reward_evaluate
from referrals.tests.factories import pay_first_installment, programme, referred_loan, referred_pair

pytestmark = pytest.mark.django_db
_keys = itertools.count(1)


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(client, path, body=None):
    return client.post(path, body or {}, format="json", HTTP_IDEMPOTENCY_KEY=f"ref-{next(_keys)}")


def register(code: str, email: str = "friend@example.in"):
    return APIClient().post(
        "/api/v1/auth/register/",
        {
            "email": email,
            "password": "a long and unusual passphrase 42",
            "full_name": "Asha Rao",
            "phone": "9876543210",
            "referral_code": code,
        },
        format="json",
        REMOTE_ADDR="203.0.113.5",
        HTTP_USER_AGENT="TestBrowser/1.0",
    )


def test_sign_up_with_a_code_records_the_referral_once():
    referral = referred_pair()
    code = referral_code_issue(user=referral.referrer)
    answer = register(refcode.display(code.code).lower())
    assert answer.status_code == 201, answer.json()
    friend = User.objects.get(email="friend@example.in")
    recorded = Referral.objects.get(referred=friend)
    assert (recorded.referrer, recorded.code, recorded.signup_ip) == (
        referral.referrer,
        code.code,
        "203.0.113.5",
    )
    assert recorded.signup_device  # the user agent's fingerprint


def test_sign_up_with_a_mistyped_code_is_a_field_error_and_creates_nothing():
    code = referral_code_issue(user=referred_pair().referrer).code
    typo = code[:3] + ("X" if code[3] != "X" else "Y") + code[4:]
    answer = register(typo)
    assert answer.status_code == 400
    assert "referral_code" in answer.json()["errors"]
    assert not User.objects.filter(email="friend@example.in").exists()


def test_unknown_well_formed_code_signs_up_without_a_referral():
    data = "ABCDEFGHJKM"
    answer = register(data + refcode.check_symbol(data))
    assert answer.status_code == 201
    assert not Referral.objects.filter(referred__email="friend@example.in").exists()


def test_my_referrals_shows_code_link_and_first_names_only():
    referral = referred_pair(user__full_name="Meera Krishnan Iyer")
    referred_pair()  # another borrower's referral: not listed
    answer = client_for(referral.referrer).get("/api/v1/me/referrals/")
    assert answer.status_code == 200
    body = answer.json()
    code = referral.referrer.referral_code.code
    assert body["code"] == refcode.display(code)
    assert body["share_link"].endswith(f"/accounts/register/?ref={refcode.display(code)}")
    assert [r["first_name"] for r in body["results"]] == ["Meera"]
    assert "Krishnan" not in str(body) and referral.referred.email not in str(body)


def test_staff_has_no_referrals_page():
    answer = client_for(staff(FINANCE)).get("/api/v1/me/referrals/")
    assert answer.status_code == 403


def test_my_referrals_query_count_does_not_grow(django_assert_max_num_queries):
    referral = referred_pair()
    client = client_for(referral.referrer)
    client.get("/api/v1/me/referrals/")
    with django_assert_max_num_queries(8) as few:
        client.get("/api/v1/me/referrals/")
    for _ in range(6):
        referred_pair(referrer=referral.referrer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        answer = client.get("/api/v1/me/referrals/")
    assert answer.json()["count"] == 7


def _flagged_reward():
    programme(max_signups_per_ip=0)
    referral = referred_pair()
    referral.signup_ip = "203.0.113.9"
    referral.save()
    loan = referred_loan(referral)
    pay_first_installment(loan)
    return referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )


def test_rewards_are_scoped_to_the_referrer_and_staff():
    reward = _flagged_reward()
    stranger = referred_pair().referrer
    assert client_for(stranger).get(f"/api/v1/referral-rewards/{reward.pk}/").status_code == 404
    assert client_for(stranger).get("/api/v1/referral-rewards/").json()["count"] == 0
    own = client_for(reward.referral.referrer).get(f"/api/v1/referral-rewards/{reward.pk}/")
    assert own.status_code == 200
    officer = client_for(staff(LOAN_OFFICER)).get("/api/v1/referral-rewards/?reason=ip_velocity")
    assert [r["id"] for r in officer.json()["results"]] == [reward.pk]
    assert officer.json()["results"][0]["reasons"] == [
        {"code": "ip_velocity", "label": "Too many referred sign-ups from one IP address"}
    ]


def test_review_queue_approve_is_maker_checker():
    reward = _flagged_reward()
    maker, checker = client_for(staff(CREDIT_MANAGER)), client_for(staff(LOAN_OFFICER))
    path = f"/api/v1/referral-rewards/{reward.pk}/approve/"
    assert post(maker, path).json()["proposed_decision"] == "approve"
    again = post(maker, path)
    assert again.status_code == 403 and again.json()["code"] == "maker_checker"
    assert again["Content-Type"] == "application/problem+json"
    done = post(checker, path)
    assert (done.status_code, done.json()["status"]) == (200, "earned")


def test_borrower_cannot_void_their_own_reward():
    reward = _flagged_reward()
    answer = post(
        client_for(reward.referral.referrer),
        f"/api/v1/referral-rewards/{reward.pk}/void/",
        {"reason": "x"},
    )
    assert answer.status_code == 403


def test_pay_run_is_finance_only_and_idempotent():
    reward = _flagged_reward()
    a, b = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    for officer in (a, b):
        post(client_for(officer), f"/api/v1/referral-rewards/{reward.pk}/approve/")
    assert (
        post(client_for(reward.referral.referrer), "/api/v1/referral-rewards/pay/").status_code
        == 403
    )
    finance = client_for(staff(FINANCE))
    assert post(finance, "/api/v1/referral-rewards/pay/").json() == {
        "paid": 1,
        "waiting": 0,
        "failed": 0,
        "skipped": 0,
    }
    assert post(finance, "/api/v1/referral-rewards/pay/").json()["paid"] == 0


def test_report_json_and_csv():
    _flagged_reward()
    officer = client_for(staff(CREDIT_MANAGER))
    body = officer.get("/api/v1/referral-rewards/report/").json()
    assert (body["referrals"], body["converted"], body["flagged"]) == (1, 1, 1)
    assert body["flagged_by_reason"]["ip_velocity"] == 1
    assert body["conversion_percent"] == "100.0"
    csv = officer.get("/api/v1/referral-rewards/report/?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Flagged: Too many referred sign-ups from one IP address,1" in csv.content.decode()
    bad = officer.get("/api/v1/referral-rewards/report/?from=yesterday")
    assert bad.status_code == 400
    assert (
        client_for(referred_pair().referrer).get("/api/v1/referral-rewards/report/").status_code
        == 403
    )


def test_rewards_list_query_count_does_not_grow(django_assert_max_num_queries):
    _flagged_reward()
    client = client_for(staff(CREDIT_MANAGER))
    client.get("/api/v1/referral-rewards/")
    with django_assert_max_num_queries(10) as few:
        client.get("/api/v1/referral-rewards/")
    for _ in range(3):
        referral = referred_pair()
        referred_loan(referral)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/referral-rewards/").json()["count"] == 4


def test_programme_settings_by_credit_managers_only():
    manager = client_for(staff(CREDIT_MANAGER))
    made = post(
        manager,
        "/api/v1/referral-programmes/",
        {
            "name": "Diwali",
            "starts_on": "2026-10-01",
            "ends_on": "2026-11-30",
            "reward_amount": "300.00",
            "earn_rule": "disbursed",
            "monthly_cap_per_referrer": 2,
            "max_signups_per_ip": 3,
            "burst_count": 3,
            "burst_hours": 24,
            "is_active": True,
        },
    )
    assert made.status_code == 201, made.json()
    changed = manager.patch(
        f"/api/v1/referral-programmes/{made.json()['id']}/",
        {"reward_amount": "350.00"},
        format="json",
    )
    assert changed.json()["reward_amount"] == "350.00"
    backwards = manager.patch(
        f"/api/v1/referral-programmes/{made.json()['id']}/",
        {"ends_on": "2026-01-01"},
        format="json",
    )
    assert backwards.status_code == 400
    finance = post(
        client_for(staff(FINANCE)),
        "/api/v1/referral-programmes/",
        {"name": "x", "starts_on": "2026-10-01", "reward_amount": "1.00"},
    )
    assert finance.status_code == 403
    assert Decimal(made.json()["reward_amount"]) == Decimal("300.00")


@pytest.mark.parametrize("amount", ["1e3", "1E3", "NaN", "Infinity", "0x10", "+300", "3 00", 300.5])
def test_a_reward_amount_not_written_as_plain_digits_is_refused(amount):
    manager = client_for(staff(CREDIT_MANAGER))
    answer = post(
        manager,
        "/api/v1/referral-programmes/",
        {
            "name": "Diwali",
            "starts_on": "2026-10-01",
            "reward_amount": amount,
            "earn_rule": "disbursed",
            "monthly_cap_per_referrer": 2,
            "max_signups_per_ip": 3,
            "burst_count": 3,
            "burst_hours": 24,
        },
    )
    assert answer.status_code == 400, answer.content
    assert answer["Content-Type"].startswith("application/problem+json")
    assert answer.json()["code"] == "validation_error"
    assert set(answer.json()["errors"]) == {"reward_amount"}
    assert not Programme.objects.filter(name="Diwali").exists()
