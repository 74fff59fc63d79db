"""Second-factor pages: enrolment with a QR code, the code page after the password,
re-authentication before sensitive actions, recovery codes. Thin: services decide."""

import base64
import io
import time

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import services
from accounts.twofactor.policy import (
    OPTED_IN_SESSION_KEY,
    REAUTH_SESSION_KEY,
    confirmed_totp,
    reauth_window_seconds,
)
from lendingsite.errors import DomainError

_SETUP_KEY = "2fa_setup_device"


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=32,
        label="Code",
        help_text="The 6 digits your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ReauthForm(CodeForm):
    password = forms.CharField(widget=forms.PasswordInput, strip=False, label="Password")
    field_order = ["password", "code"]


def _next(request, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _qr_data_uri(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _secret_b32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrolment: staff must (the middleware sends them here); borrowers may opt in."""
    if confirmed_totp(request.user) is not None:
        return render(request, "twofactor/enrolled.html", {"next": _next(request)})
    device = TOTPDevice.objects.filter(
        pk=request.session.get(_SETUP_KEY), user=request.user, confirmed=False
    ).first()
    if device is None:
        device = services.totp_device_start(user=request.user)
        request.session[_SETUP_KEY] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            form.add_error("code", exc.detail)
        else:
            otp_login(request, device)
            request.session.pop(_SETUP_KEY, None)
            request.session[OPTED_IN_SESSION_KEY] = True
            return render(
                request, "twofactor/recovery_codes.html", {"codes": codes, "next": _next(request)}
            )
    context = {
        "form": form,
        "qr": _qr_data_uri(device.config_url),
        "secret": _secret_b32(device),
        "next": _next(request),
    }
    return render(request, "twofactor/setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if confirmed_totp(request.user) is None:
        return redirect("twofactor:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.second_factor_verify(
                acting_user=request.user, code=form.cleaned_data["code"]
            )
        except DomainError:
            form.add_error("code", "That code is not right. Enter the current code from the app.")
        else:
            otp_login(request, device)
            return redirect(_next(request))
    return render(request, "twofactor/verify.html", {"form": form, "next": _next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def reauth(request):
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        # Through authenticate() so that django-axes counts wrong passwords here too: a
        # hijacked session must not become a password-guessing oracle.
        password_ok = authenticate(
            request, username=user.email, password=form.cleaned_data["password"]
        )
        try:
            device = services.reauthenticate(
                acting_user=user,
                password_ok=password_ok is not None,
                code=form.cleaned_data["code"],
            )
        except DomainError:
            pass
        else:
            otp_login(request, device)
            request.session[REAUTH_SESSION_KEY] = time.time()
            messages.success(request, "Thanks. Now repeat the action.")
            return redirect(_next(request))
        form.add_error(None, "The password or the code is not right.")
    context = {"form": form, "next": _next(request), "minutes": reauth_window_seconds() // 60}
    return render(request, "twofactor/reauth.html", context)


@login_required
@require_http_methods(["POST"])
def recovery_codes(request):
    if not request.user.is_verified():
        return redirect("twofactor:verify")
    try:
        codes = services.recovery_codes_regenerate(user=request.user)
    except DomainError as exc:
        messages.error(request, exc.detail)
        return redirect("twofactor:setup")
    return render(request, "twofactor/recovery_codes.html", {"codes": codes, "next": "/"})
