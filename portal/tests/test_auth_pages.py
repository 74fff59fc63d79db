import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import AuditEvent, EmailToken, User
from accounts.tests.factories import PASSWORD, UserFactory, borrower

GOOD_PASSWORD = "tangerine ladder cloud"
IP, UA = "198.51.100.23", "Mozilla/5.0 (LendingsiteTests; pages)"
VERIFY_LINK = re.compile(r"http://localhost:8000(/accounts/verify-email/[A-Za-z0-9_-]+/)")
RESET_LINK = re.compile(r"http://localhost:8000(/accounts/password-reset/[A-Za-z0-9_-]+/)")


@pytest.fixture
def browser():
    return Client(REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)


@pytest.fixture
def submit(browser, django_capture_on_commit_callbacks):
    """POST a form with on-commit callbacks run, so emails land in the outbox."""

    def _submit(path, data=None, client=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or browser).post(path, data or {}, **extra)

    return _submit


def _signup(submit, email="asha@example.in", password=GOOD_PASSWORD):
    data = {"full_name": "Asha Rao", "email": email, "phone": "98765 43210", "password": password}
    return submit("/accounts/register/", data)


def _link_in_last_email(pattern) -> str:
    match = pattern.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def _logged_in_as(client) -> str | None:
    response = client.get("/api/v1/me/")
    return response.json()["email"] if response.status_code == 200 else None


# --- the happy path ------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_verify_and_log_in_by_pages(browser, submit):
    page = browser.get("/accounts/register/")
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()

    response = _signup(submit)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/register/done/"
    assert "Check your inbox" in _text(browser.get(response["Location"]))
    link = _link_in_last_email(VERIFY_LINK)

    # Opening the link (as a mail scanner would) shows a button and spends nothing.
    confirm = browser.get(link)
    assert confirm.status_code == 200
    assert "Confirm my email" in _text(confirm)
    assert User.objects.get().email_verified_at is None

    done = submit(link)
    assert done.status_code == 200
    assert "Your email is confirmed" in _text(done)
    assert User.objects.get().email_verified_at is not None

    login = submit("/accounts/login/", {"username": "asha@example.in", "password": GOOD_PASSWORD})
    assert login.status_code == 302
    assert _logged_in_as(browser) == "asha@example.in"

    logout = submit("/accounts/logout/")
    assert logout.status_code == 302
    assert _logged_in_as(browser) is None


@pytest.mark.django_db
def test_unverified_user_can_log_in_and_is_asked_to_confirm(browser, submit):
    _signup(submit)
    submit("/accounts/login/", {"username": "asha@example.in", "password": GOOD_PASSWORD})
    home = _text(browser.get("/"))
    assert "Please confirm your email address" in home
    assert "/accounts/verify-email/resend/" in home


@pytest.mark.django_db
def test_login_page_asks_for_email_and_says_plainly_when_it_is_wrong(browser, submit):
    page = _text(browser.get("/accounts/login/"))
    assert '<label for="id_username">Email</label>' in page
    assert 'type="email"' in page

    borrower(user__email="asha@example.in")
    wrong = submit("/accounts/login/", {"username": "asha@example.in", "password": "nope nope"})
    assert wrong.status_code == 200
    assert "That email and password don&#x27;t match an account." in _text(wrong)
    assert _logged_in_as(browser) is None


@pytest.mark.django_db
def test_logout_is_post_only(browser):
    browser.force_login(borrower())
    assert browser.get("/accounts/logout/").status_code == 405
    assert _logged_in_as(browser) is not None


# --- form errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("x" * 11, "This password is too short. It must contain at least 12 characters."),
        ("x" * 129, "This password is too long. It must contain at most 128 characters."),
        ("password1234", "This password is too common."),
        ("asha.rao.lender", "The password is too similar to the email."),
    ],
    ids=["11-chars", "129-chars", "common", "like-email"],
)
@pytest.mark.django_db
def test_register_page_shows_password_problems_next_to_the_field(submit, password, message):
    response = _signup(submit, email="asha.rao.lender@example.in", password=password)

    assert response.status_code == 200
    page = _text(response)
    assert f'<ul class="errorlist" id="id_password_error"><li>{message}</li></ul>' in page
    assert 'aria-describedby="id_password_helptext id_password_error"' in page
    assert 'aria-invalid="true"' in page
    assert not User.objects.exists()


@pytest.mark.django_db
def test_register_page_shows_a_bad_phone_in_plain_words(submit):
    response = submit(
        "/accounts/register/",
        {"full_name": "A", "email": "a@example.in", "phone": "555", "password": GOOD_PASSWORD},
    )
    assert response.status_code == 200
    assert "Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9." in _text(response)


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style_and_send_a_csp(browser):
    for path in [
        "/",
        "/accounts/login/",
        "/accounts/register/",
        "/accounts/verify-email/resend/",
        "/accounts/password-reset/",
        "/accounts/password-reset/some-token/",
        "/accounts/verify-email/some-token/",
    ]:
        response = browser.get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        assert "<script" not in html and "<style" not in html and "style=" not in html, path
        assert "default-src 'self'" in response["Content-Security-Policy"], path


# --- dead links ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["forged", "used", "expired"])
@pytest.mark.django_db
def test_dead_verification_link_page_offers_a_new_one(submit, kind):
    _signup(submit)
    link = _link_in_last_email(VERIFY_LINK)
    if kind == "forged":
        link = link[:-5] + "AAAA/"
    elif kind == "used":
        submit(link)
    else:
        EmailToken.objects.update(expires_at=timezone.now())

    response = submit(link)

    assert response.status_code == 422
    page = _text(response)
    assert "This link is not valid any more" in page
    assert 'href="/accounts/verify-email/resend/"' in page
    assert (
        AuditEvent.objects.filter(action="auth.verify_email_refused", outcome="denied").count() == 1
    )


@pytest.mark.parametrize("kind", ["forged", "used", "expired"])
@pytest.mark.django_db
def test_dead_reset_link_page_offers_a_new_one(submit, kind):
    borrower(user__email="asha@example.in")
    submit("/accounts/password-reset/", {"email": "asha@example.in"})
    link = _link_in_last_email(RESET_LINK)
    if kind == "forged":
        link = link[:-5] + "AAAA/"
    elif kind == "used":
        assert submit(link, {"password": GOOD_PASSWORD}).status_code == 302
    else:
        EmailToken.objects.update(expires_at=timezone.now())

    response = submit(link, {"password": "a brand new passphrase"})

    assert response.status_code == 422
    page = _text(response)
    assert "This link is not valid any more" in page
    assert 'href="/accounts/password-reset/"' in page


# --- password reset ------------------------------------------------------------------------


@pytest.mark.django_db
def test_reset_by_page_logs_out_every_other_session(browser, submit):
    user = borrower(user__email="asha@example.in")
    elsewhere = Client(REMOTE_ADDR="192.0.2.50", HTTP_USER_AGENT="OtherDevice/1")
    submit(
        "/accounts/login/", {"username": "asha@example.in", "password": PASSWORD}, client=elsewhere
    )
    assert _logged_in_as(elsewhere) == "asha@example.in"
    assert Session.objects.count() == 1

    sent = submit("/accounts/password-reset/", {"email": "asha@example.in"})
    assert sent["Location"] == "/accounts/password-reset/sent/"
    link = _link_in_last_email(RESET_LINK)
    form = browser.get(link)
    assert "Choose a new password" in _text(form)

    weak = submit(link, {"password": "short"})
    assert weak.status_code == 200
    assert "This password is too short." in _text(weak)

    done = submit(link, {"password": GOOD_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/accounts/login/"
    assert "Your password has been changed" in _text(browser.get("/accounts/login/"))

    assert not Session.objects.filter(session_key=elsewhere.session.session_key).exists()
    assert _logged_in_as(elsewhere) is None
    user.refresh_from_db()
    assert user.check_password(GOOD_PASSWORD)
    assert (
        submit(
            "/accounts/login/", {"username": "asha@example.in", "password": GOOD_PASSWORD}
        ).status_code
        == 302
    )


@pytest.mark.django_db
def test_reset_from_a_logged_in_browser_logs_that_browser_out_too(browser, submit):
    user = borrower(user__email="asha@example.in")
    browser.force_login(user)
    old_session = browser.session.session_key
    submit("/accounts/password-reset/", {"email": "asha@example.in"})

    done = submit(_link_in_last_email(RESET_LINK), {"password": GOOD_PASSWORD})

    assert done.status_code == 302
    assert "Your password has been changed" in _text(browser.get(done["Location"]))
    assert _logged_in_as(browser) is None
    assert not Session.objects.filter(session_key=old_session).exists()


# --- no user enumeration and quotas --------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/accounts/register/", "/accounts/verify-email/resend/", "/accounts/password-reset/"]
)
@pytest.mark.django_db
def test_pages_answer_known_and_unknown_addresses_identically(browser, submit, path):
    UserFactory(email="known@example.in", email_verified_at=None)
    extra = {"full_name": "Asha Rao", "phone": "9876543210", "password": GOOD_PASSWORD}

    known = submit(path, {"email": "known@example.in", **extra})
    unknown = submit(path, {"email": "unknown@example.in", **extra})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert browser.get(known["Location"]).content == browser.get(unknown["Location"]).content
    assert User.objects.filter(email__iexact="known@example.in").count() == 1


@pytest.mark.django_db
def test_fourth_verification_email_by_page_is_429_in_plain_words(submit):
    _signup(submit)
    submit("/accounts/verify-email/resend/", {"email": "asha@example.in"})
    submit("/accounts/verify-email/resend/", {"email": "asha@example.in"})
    assert len(mail.outbox) == 3

    response = submit("/accounts/verify-email/resend/", {"email": "asha@example.in"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many emails have been sent to this address in the last hour." in _text(response)
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_sixth_reset_email_by_page_is_429_in_plain_words(submit):
    borrower(user__email="asha@example.in")
    for _ in range(5):
        assert submit("/accounts/password-reset/", {"email": "asha@example.in"}).status_code == 302

    response = submit("/accounts/password-reset/", {"email": "asha@example.in"})

    assert response.status_code == 429
    assert "Too many emails have been sent to this address in the last hour." in _text(response)
    assert len(mail.outbox) == 5


# --- audit ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_auth_events_are_audited_with_ip_and_user_agent(submit):
    _signup(submit)
    submit(_link_in_last_email(VERIFY_LINK))
    submit("/accounts/login/", {"username": "asha@example.in", "password": "wrong password!"})
    submit("/accounts/login/", {"username": "asha@example.in", "password": GOOD_PASSWORD})
    submit("/accounts/logout/")
    submit("/accounts/password-reset/", {"email": "asha@example.in"})
    submit(_link_in_last_email(RESET_LINK), {"password": "a brand new passphrase"})

    events = [e for e in AuditEvent.objects.order_by("id") if e.action.startswith("auth.")]
    assert [(e.action, e.outcome) for e in events] == [
        ("auth.registered", "success"),
        ("auth.email_verified", "success"),
        ("auth.login_failed", "denied"),
        ("auth.logged_in", "success"),
        ("auth.logged_out", "success"),
        ("auth.password_reset_requested", "success"),
        ("auth.password_reset", "success"),
    ]
    for event in events:
        assert (event.ip, event.user_agent) == (IP, UA), event.action
    assert events[3].after == {"channel": "session"}
