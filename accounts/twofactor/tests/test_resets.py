"""Resets of a lost second factor: one superuser asks, a different one approves;
recovery codes are hashed and single use; the demo command prints working codes."""

import io

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from accounts.twofactor.models import RecoveryCode, ResetStatus
from accounts.twofactor.services import (
    device_reset_decide,
    device_reset_request,
    recovery_codes_regenerate,
    second_factor_check,
)
from accounts.twofactor.tests.helpers import enrol
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_reset_needs_two_different_superusers_and_is_audited():
    person = staff(FINANCE)
    enrol(person)
    recovery_codes_regenerate(user=person)
    maker = staff(FINANCE, is_superuser=True)
    checker = staff(FINANCE, is_superuser=True)
    with pytest.raises(DomainError) as refused:
        device_reset_request(acting_user=staff(FINANCE), user=person, reason="lost phone")
    assert refused.value.code == "permission_denied"

    reset = device_reset_request(acting_user=maker, user=person, reason="lost phone")
    with pytest.raises(DomainError) as same:
        device_reset_decide(acting_user=maker, reset=reset, approve=True)
    assert same.value.code == "maker_checker"
    assert TOTPDevice.objects.filter(user=person).exists()

    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import RefreshToken

    issued = RefreshToken.for_user(person)
    issued["mfa"] = True
    bearer = APIClient()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.access_token}")
    assert bearer.get("/api/v1/me/").status_code == 200
    import time

    time.sleep(1)  # token times are whole seconds
    device_reset_decide(acting_user=checker, reset=reset, approve=True)
    assert bearer.get("/api/v1/me/").status_code == 401  # tokens of the lost phone end
    refreshed = APIClient().post(
        "/api/v1/auth/token/refresh/", {"refresh": str(issued)}, format="json"
    )
    assert refreshed.status_code == 401
    reset.refresh_from_db()
    assert reset.status == ResetStatus.APPROVED and reset.decided_by == checker
    assert not TOTPDevice.objects.filter(user=person).exists()
    assert not RecoveryCode.objects.filter(user=person).exists()
    actions = list(
        AuditEvent.objects.filter(action__startswith="twofactor.reset").values_list(
            "action", "outcome"
        )
    )
    assert ("twofactor.reset_requested", "success") in actions
    assert ("twofactor.reset_decide_refused", "denied") in actions
    assert ("twofactor.reset_decided", "success") in actions


def test_the_person_themselves_cannot_approve_their_own_reset():
    person = staff(FINANCE, is_superuser=True)
    reset = device_reset_request(
        acting_user=staff(FINANCE, is_superuser=True), user=person, reason="new phone"
    )
    with pytest.raises(DomainError) as refused:
        device_reset_decide(acting_user=person, reset=reset, approve=True)
    assert refused.value.code == "maker_checker"


def test_recovery_codes_are_stored_hashed_and_work_once():
    person = staff(FINANCE)
    enrol(person)
    codes = recovery_codes_regenerate(user=person)
    stored = set(RecoveryCode.objects.filter(user=person).values_list("code_hash", flat=True))
    assert not stored & set(codes)
    assert second_factor_check(user=person, code=codes[0].upper()) is not None
    assert second_factor_check(user=person, code=codes[0]) is None
    assert second_factor_check(user=person, code=codes[1]) is not None
    assert RecoveryCode.objects.filter(user=person, used_at__isnull=False).count() == 2
    fresh = recovery_codes_regenerate(user=person)
    assert second_factor_check(user=person, code=codes[2]) is None  # old set is gone
    assert second_factor_check(user=person, code=fresh[2]) is not None


def test_totp_code_command_prints_a_code_the_device_accepts():
    person = staff(FINANCE)
    device = enrol(person)
    out = io.StringIO()
    call_command("totp_code", person.email, stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    assert device.verify_token(code)


def test_resets_in_the_console_need_a_second_superuser():
    from django.test import Client

    from accounts.twofactor.models import DeviceResetRequest

    person = staff(FINANCE)
    enrol(person)
    maker, checker = (staff(FINANCE, is_superuser=True) for _ in range(2))
    first = Client()
    first.force_login(maker)
    url = "/admin/twofactor/deviceresetrequest/"
    first.post(url + "add/", {"user": person.pk, "reason": "phone stolen"})
    reset = DeviceResetRequest.objects.get(user=person)
    action = {"action": "approve_selected", "_selected_action": [reset.pk]}
    refused = first.post(url, action, follow=True)
    assert b"different superuser" in refused.content
    assert TOTPDevice.objects.filter(user=person).exists()
    second = Client()
    second.force_login(checker)
    second.post(url, action)
    assert not TOTPDevice.objects.filter(user=person).exists()
    officer = Client()
    officer.force_login(staff(FINANCE))
    assert officer.get(url).status_code == 403


def test_the_demo_seed_gives_staff_a_device_whose_printed_key_works():
    import base64

    from django_otp.oath import TOTP

    from accounts.twofactor.demo import twofactor_demo_seed

    person = staff(FINANCE)
    text = twofactor_demo_seed(users=[person])
    secret = text.split()[-1]
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    device = TOTPDevice.objects.get(user=person, confirmed=True)
    assert device.verify_token(TOTP(key).token())
    twofactor_demo_seed(users=[person])  # a re-seed keeps the same device
    assert TOTPDevice.objects.filter(user=person).count() == 1
