"""Pages: staff without a second factor cannot reach the console; enrolment by QR page;
the code page after the password; borrowers may opt in."""

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, FINANCE
from accounts.tests.factories import PASSWORD, borrower, staff
from accounts.twofactor.models import RecoveryCode
from accounts.twofactor.tests.helpers import enrol, fresh_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)  # password only: the real, unpatched login
    return client


@pytest.mark.parametrize("role", [FINANCE, CREDIT_MANAGER, "superuser"])
def test_staff_without_a_device_are_sent_to_enrolment_not_the_console(role):
    user = staff(FINANCE, is_superuser=True) if role == "superuser" else staff(role)
    client = signed_in(user)
    for path in ["/admin/", "/admin/loans/loan/", "/admin/accounts/auditevent/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/2fa/setup/?next=")


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code_then_the_console_opens():
    user = staff(FINANCE)
    client = signed_in(user)
    page = client.get("/accounts/2fa/setup/?next=/admin/")
    assert page.status_code == 200
    assert b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/accounts/2fa/setup/", {"code": "000000", "next": "/admin/"})
    assert b"not right" in wrong.content
    assert client.get("/admin/").status_code == 302

    done = client.post("/accounts/2fa/setup/", {"code": fresh_code(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(rb"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", done.content)
    assert len(codes) == 10
    assert RecoveryCode.objects.filter(user=user).count() == 10
    assert not RecoveryCode.objects.filter(code_hash__in=[c.decode() for c in codes]).exists()
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="twofactor.enrolled", actor=user).exists()


def test_enrolled_staff_give_the_code_after_the_password():
    user = staff(FINANCE)
    device = enrol(user)
    client = signed_in(user)
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/2fa/verify/?next=/admin/")
    bad = client.post("/accounts/2fa/verify/", {"code": "123456", "next": "/admin/"})
    assert bad.status_code == 200 and b"not right" in bad.content
    ok = client.post("/accounts/2fa/verify/", {"code": fresh_code(device), "next": "/admin/"})
    assert ok.status_code == 302 and ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_form_then_the_code_page():
    user = staff(FINANCE)
    device = enrol(user)
    client = Client()
    login = client.post(
        "/admin/login/?next=/admin/", {"username": user.email, "password": PASSWORD}
    )
    assert login.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/verify/")
    client.post("/accounts/2fa/verify/", {"code": fresh_code(device)})
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once_on_the_code_page():
    user = staff(FINANCE)
    enrol(user)
    from accounts.twofactor.services import recovery_codes_regenerate

    code = recovery_codes_regenerate(user=user)[0]
    first = signed_in(user)
    assert first.post("/accounts/2fa/verify/", {"code": code, "next": "/admin/"}).status_code == 302
    assert first.get("/admin/").status_code == 200
    second = signed_in(user)
    again = second.post("/accounts/2fa/verify/", {"code": code, "next": "/admin/"})
    assert again.status_code == 200 and b"not right" in again.content
    assert second.get("/admin/").status_code == 302


def test_borrowers_need_no_second_factor_but_may_opt_in():
    user = borrower()
    client = signed_in(user)
    assert client.get("/accounts/profile/").status_code == 200
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user)
    client.post("/accounts/2fa/setup/", {"code": fresh_code(device)})
    assert TOTPDevice.objects.get(user=user).confirmed
    # From the next sign-in on, the borrower gives the code too.
    later = signed_in(user)
    assert later.get("/accounts/profile/")["Location"].startswith("/accounts/2fa/verify/")
    later.post("/accounts/2fa/verify/", {"code": fresh_code(device)})
    assert later.get("/accounts/profile/").status_code == 200
