"""Test helpers: sign staff in *with* a second factor, the way production demands.

`second_factor_signed_in` patches the test clients for the whole suite (root conftest):
`Client.force_login(staff)` enrols a confirmed device and marks the session verified and
recently re-authenticated; `APIClient.force_authenticate(staff)` hands the view a token
carrying the same claims, and so does a staff token minted with `AccessToken.for_user`. The production checks are untouched: tests marked
`real_second_factor` get the unpatched clients and see exactly what production does.
"""

import time

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import Token

from accounts.twofactor.policy import MFA_CLAIM, REAUTH_CLAIM, REAUTH_SESSION_KEY, is_staff_user


def enrolled_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def mark_session_verified(client, user, *, reauth: bool = True) -> None:
    device = enrolled_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    if reauth:
        session[REAUTH_SESSION_KEY] = time.time()
    session.save()


def patch_clients(monkeypatch) -> None:
    original_login = Client.force_login
    original_auth = APIClient.force_authenticate

    def force_login(self, user, backend=None):
        original_login(self, user, backend)
        if is_staff_user(user):
            mark_session_verified(self, user)

    def force_authenticate(self, user=None, token=None):
        if token is None and user is not None and is_staff_user(user):
            token = {MFA_CLAIM: True, REAUTH_CLAIM: int(time.time())}
        original_auth(self, user, token)

    mint = Token.__dict__["for_user"].__func__

    def for_user(cls, user):
        # A token a test mints for staff stands for one the token endpoint issued after
        # the code (and a recent re-authentication).
        token = mint(cls, user)
        if is_staff_user(user):
            token[MFA_CLAIM] = True
            token[REAUTH_CLAIM] = int(time.time())
        return token

    monkeypatch.setattr(Token, "for_user", classmethod(for_user))
    monkeypatch.setattr(Client, "force_login", force_login)
    monkeypatch.setattr(APIClient, "force_authenticate", force_authenticate)
