"""Borrower auth pages: thin over accounts.services.auth, the same functions the API calls.
A refusal is shown on the page in plain words, with the refusal's status (429 when an
address has had its emails for the hour, 422 for a dead link)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.services import auth
from lendingsite.errors import DomainError
from portal.forms.accounts import (
    EmailAuthenticationForm,
    EmailForm,
    NewPasswordForm,
    RegisterForm,
    add_refusal,
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


def _refused(request, template: str, form, exc: DomainError, **context):
    add_refusal(form, exc)
    # A form-validation refusal is an ordinary re-shown form; anything else keeps its status.
    status = 200 if exc.code == "validation_error" else exc.status
    response = render(request, template, {"form": form, **context}, status=status)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _check_inbox(request, *, heading: str, text: str, again_url: str):
    return render(
        request,
        "accounts/check_inbox.html",
        {"heading": heading, "text": text, "again_url": again_url},
    )


@require_http_methods(["GET", "POST"])
def register(request):
    # A share link (…/accounts/register/?ref=CODE) fills in the referral code.
    initial = {"referral_code": request.GET.get("ref", "")[:20]}
    form = RegisterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            auth.user_register(**form.cleaned_data)
        except DomainError as exc:
            return _refused(request, "accounts/register.html", form, exc)
        return redirect("accounts:register_done")
    return render(request, "accounts/register.html", {"form": form})


def register_done(request):
    return _check_inbox(
        request,
        heading="Check your inbox",
        text=(
            "We have sent an email to the address you gave. Follow the link in it to confirm "
            "your address. You can sign in now, but you need to confirm your email before "
            "you can apply for a loan."
        ),
        again_url=reverse("accounts:verify_email_resend"),
    )


@require_http_methods(["GET", "POST"])
def verify_email(request, token: str):
    # GET only shows a button: mail scanners that open links must not spend the token.
    if request.method == "GET":
        return render(request, "accounts/verify_email.html")
    try:
        auth.email_verify(token=token)
    except DomainError as exc:
        return render(
            request,
            "accounts/link_invalid.html",
            {
                "detail": exc.detail,
                "again_url": reverse("accounts:verify_email_resend"),
                "again_label": "Send me a new confirmation link",
            },
            status=exc.status,
        )
    return render(request, "accounts/verify_email_done.html")


@require_http_methods(["GET", "POST"])
def verify_email_resend(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            auth.email_verification_resend(email=form.cleaned_data["email"])
        except DomainError as exc:
            return _refused(request, "accounts/verify_email_resend.html", form, exc)
        return redirect("accounts:verify_email_sent")
    return render(request, "accounts/verify_email_resend.html", {"form": form})


def verify_email_sent(request):
    return _check_inbox(
        request,
        heading="Check your inbox",
        text=(
            "If that address has an account that still needs confirming, we have sent a new "
            "link to it. Links from earlier emails no longer work."
        ),
        again_url=reverse("accounts:verify_email_resend"),
    )


@require_http_methods(["GET", "POST"])
def password_reset(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            auth.password_reset_request(email=form.cleaned_data["email"])
        except DomainError as exc:
            return _refused(request, "accounts/password_reset.html", form, exc)
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request):
    return _check_inbox(
        request,
        heading="Check your inbox",
        text=(
            "If that address has an account, we have sent it a link to choose a new "
            "password. The link works once, for 15 minutes."
        ),
        again_url=reverse("accounts:password_reset"),
    )


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request, token: str):
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = auth.password_reset_confirm(token=token, password=form.cleaned_data["password"])
        except DomainError as exc:
            if exc.code != "invalid_token":
                return _refused(request, "accounts/password_reset_confirm.html", form, exc)
            return render(
                request,
                "accounts/link_invalid.html",
                {
                    "detail": exc.detail,
                    "again_url": reverse("accounts:password_reset"),
                    "again_label": "Send me a new reset link",
                },
                status=exc.status,
            )
        if request.user.is_authenticated and request.user.pk == user.pk:
            logout(request)  # this browser's session was among those just ended
        messages.success(request, "Your password has been changed. Sign in with the new one.")
        return redirect("accounts:login")
    return render(request, "accounts/password_reset_confirm.html", {"form": form})
