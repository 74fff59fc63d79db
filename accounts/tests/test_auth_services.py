import hashlib
import importlib
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import ratelimit
from accounts.models import AuditEvent, BorrowerProfile, EmailToken, TokenPurpose, User
from accounts.services import auth
from accounts.tests.factories import PASSWORD, UserFactory, borrower
from lendingsite.errors import DomainError

GOOD_PASSWORD = "tangerine ladder cloud"
VERIFY_LINK = re.compile(r"/accounts/verify-email/([A-Za-z0-9_-]+)/")
RESET_LINK = re.compile(r"/accounts/password-reset/([A-Za-z0-9_-]+)/")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service as if its transaction committed, so its emails go out."""

    def run(fn, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(**kwargs)

    return run


def _register(commit, email="asha@example.in", password=GOOD_PASSWORD, **extra):
    data = {"email": email, "password": password, "full_name": "Asha Rao", "phone": "98765 43210"}
    return commit(auth.user_register, **{**data, **extra})


def _token_from_last_email(pattern) -> str:
    match = pattern.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


# --- registration --------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_creates_unverified_borrower_with_profile_and_emails_a_link(commit):
    assert _register(commit, email="  Asha@Example.IN ") is None

    user = User.objects.get()
    assert user.email == "asha@example.in"
    assert user.full_name == "Asha Rao"
    assert user.email_verified_at is None
    assert not user.is_staff
    assert user.roles == ["borrower"]
    assert user.check_password(GOOD_PASSWORD)
    profile = BorrowerProfile.objects.get(user=user)
    assert profile.full_name == "Asha Rao"
    assert profile.phone == "+919876543210"

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["asha@example.in"]
    assert mail.outbox[0].subject == "Confirm your email address for Lendingsite"
    assert "http://localhost:8000/accounts/verify-email/" in mail.outbox[0].body
    event = AuditEvent.objects.get(action="auth.registered")
    assert event.outcome == "success"
    assert event.target_id == str(user.pk)


@pytest.mark.django_db
def test_register_sends_nothing_until_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        auth.user_register(
            email="a@example.in", password=GOOD_PASSWORD, full_name="A B", phone="9876543210"
        )
    assert mail.outbox == []
    for callback in callbacks:  # the commit: the email, and the read cache's tokens
        callback()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_register_existing_address_creates_nothing_and_notifies_the_owner(commit):
    owner = borrower(user__email="taken@example.in")

    assert _register(commit, email="TAKEN@example.in") is None

    assert User.objects.count() == 1
    assert BorrowerProfile.objects.count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)  # the sign-up's password changed nothing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["taken@example.in"]
    assert mail.outbox[0].subject == "You already have a Lendingsite account"
    assert "/accounts/password-reset/" in mail.outbox[0].body
    assert not VERIFY_LINK.search(mail.outbox[0].body)
    event = AuditEvent.objects.get(action="auth.register_duplicate_refused")
    assert (event.outcome, event.target_id) == ("denied", str(owner.pk))


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
def test_register_refuses_weak_passwords_in_plain_words_and_writes_nothing(
    commit, password, message
):
    with pytest.raises(DomainError) as refused:
        _register(commit, email="asha.rao.lender@example.in", password=password)

    assert refused.value.code == "validation_error"
    assert message in refused.value.errors["password"]
    assert not User.objects.exists()
    assert mail.outbox == []
    denied = AuditEvent.objects.get(action="auth.register_refused")
    assert denied.outcome == "denied"
    assert denied.after["code"] == "validation_error"
    assert password not in str(denied.after)


@pytest.mark.django_db
def test_register_accepts_exactly_12_and_128_characters(commit):
    _register(commit, email="a@example.in", password="q7" * 6)
    _register(commit, email="b@example.in", password="mz" * 64)
    assert User.objects.count() == 2


@pytest.mark.django_db
def test_register_refuses_a_phone_that_is_not_an_indian_mobile(commit):
    with pytest.raises(DomainError) as refused:
        _register(commit, phone="12345")
    assert refused.value.errors == {
        "phone": ["Enter a 10-digit Indian mobile number starting with 6, 7, 8 or 9."]
    }
    assert not User.objects.exists()


@pytest.mark.django_db
def test_production_hasher_stores_argon2(settings, commit):
    production = importlib.import_module("lendingsite.settings").PASSWORD_HASHERS
    assert production[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = production

    _register(commit)

    assert User.objects.get().password.startswith("argon2")


# --- email verification --------------------------------------------------------------------


@pytest.mark.django_db
def test_verification_token_is_stored_only_as_its_sha256_and_lives_24_hours(commit):
    _register(commit)
    token = _token_from_last_email(VERIFY_LINK)

    row = EmailToken.objects.get()
    assert row.purpose == TokenPurpose.VERIFY_EMAIL
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in row.token_hash
    assert row.expires_at - row.created_at == timedelta(hours=24)


@pytest.mark.django_db
def test_email_verify_marks_the_email_verified_once(commit):
    _register(commit)
    token = _token_from_last_email(VERIFY_LINK)

    user = auth.email_verify(token=token)

    assert user.email_verified
    assert User.objects.get().email_verified_at is not None
    with pytest.raises(DomainError) as refused:
        auth.email_verify(token=token)
    assert refused.value.code == "invalid_token"
    outcomes = list(
        AuditEvent.objects.filter(action__in=["auth.email_verified", "auth.verify_email_refused"])
        .order_by("id")  # in the order they were written (PostgreSQL keeps no order)
        .values_list("action", "outcome")
    )
    assert outcomes == [("auth.email_verified", "success"), ("auth.verify_email_refused", "denied")]


@pytest.mark.django_db
def test_email_verify_refuses_an_expired_link(commit):
    _register(commit)
    token = _token_from_last_email(VERIFY_LINK)
    EmailToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(DomainError) as refused:
        auth.email_verify(token=token)

    assert refused.value.code == "invalid_token"
    assert User.objects.get().email_verified_at is None


@pytest.mark.django_db
def test_email_verify_refuses_a_forged_token():
    with pytest.raises(DomainError) as refused:
        auth.email_verify(token="made-up-token-that-was-never-issued")
    assert refused.value.code == "invalid_token"
    assert AuditEvent.objects.get(action="auth.verify_email_refused").outcome == "denied"


@pytest.mark.django_db
def test_a_new_verification_link_kills_the_older_one(commit):
    _register(commit)
    first = _token_from_last_email(VERIFY_LINK)
    commit(auth.email_verification_resend, email="asha@example.in")
    second = _token_from_last_email(VERIFY_LINK)
    assert first != second

    with pytest.raises(DomainError):
        auth.email_verify(token=first)
    assert auth.email_verify(token=second).email_verified


@pytest.mark.django_db
def test_resend_to_a_verified_or_unknown_address_sends_nothing_but_counts(commit):
    borrower(user__email="done@example.in")  # factory users are verified

    commit(auth.email_verification_resend, email="done@example.in")
    commit(auth.email_verification_resend, email="nobody@example.in")

    assert mail.outbox == []
    sent = AuditEvent.objects.filter(action="auth.verification_email_resent").values_list(
        "after", flat=True
    )
    assert [a["sent"] for a in sent] == [False, False]


@pytest.mark.django_db
def test_a_verification_token_cannot_reset_a_password(commit):
    _register(commit)
    token = _token_from_last_email(VERIFY_LINK)
    with pytest.raises(DomainError) as refused:
        auth.password_reset_confirm(token=token, password="a brand new passphrase")
    assert refused.value.code == "invalid_token"


# --- email quotas --------------------------------------------------------------------------


@pytest.mark.django_db
def test_fourth_verification_email_in_an_hour_is_refused_and_not_sent(commit):
    _register(commit)
    commit(auth.email_verification_resend, email="asha@example.in")
    commit(auth.email_verification_resend, email="asha@example.in")
    assert len(mail.outbox) == 3

    with pytest.raises(auth.EmailQuotaExceeded) as refused:
        commit(auth.email_verification_resend, email="Asha@example.in")

    assert refused.value.code == "throttled"
    assert 0 < refused.value.retry_after <= 3600
    assert len(mail.outbox) == 3
    denied = AuditEvent.objects.filter(action="auth.verify_email_resend_refused", outcome="denied")
    assert denied.get().after["code"] == "throttled"


@pytest.mark.django_db
def test_sixth_reset_email_in_an_hour_is_refused_and_not_sent(commit):
    borrower(user__email="asha@example.in")
    for _ in range(5):
        commit(auth.password_reset_request, email="asha@example.in")
    assert len(mail.outbox) == 5

    with pytest.raises(auth.EmailQuotaExceeded):
        commit(auth.password_reset_request, email="asha@example.in")
    assert len(mail.outbox) == 5


def test_quota_is_a_sliding_hour_and_refusals_do_not_use_it_up():
    start = 1_800_000_000.0
    take = ratelimit.quota_take
    assert take(kind="t", address="a@x.in", limit=2, now=start) == 0
    assert take(kind="t", address="a@x.in", limit=2, now=start + 1800) == 0
    # Full: refused until the first send is an hour old.
    assert take(kind="t", address="a@x.in", limit=2, now=start + 1801) == pytest.approx(
        1799, abs=60
    )
    assert take(kind="t", address="a@x.in", limit=2, now=start + 3000) > 0
    assert take(kind="t", address="a@x.in", limit=2, now=start + 3600 + 60) == 0
    # ...and the second send still counts until it too is an hour old.
    assert take(kind="t", address="a@x.in", limit=2, now=start + 3600 + 61) > 0
    # Other kinds and other addresses have their own quota.
    assert take(kind="other", address="a@x.in", limit=2, now=start + 3600 + 61) == 0
    assert take(kind="t", address="b@x.in", limit=2, now=start + 3600 + 61) == 0


def test_quota_keys_hold_a_hash_never_the_address():
    if not hasattr(cache, "_cache"):
        pytest.skip("reads the keys of the local-memory cache the test settings use")
    ratelimit.quota_take(kind="verify", address="Private.Person@Example.in", limit=3)
    keys = " ".join(str(k) for k in cache._cache)
    assert "email-quota:verify:" in keys
    assert "private.person" not in keys.lower()


# --- password reset ------------------------------------------------------------------------


@pytest.mark.django_db
def test_reset_link_lives_15_minutes_and_expired_or_used_links_are_refused(commit):
    borrower(user__email="asha@example.in")
    commit(auth.password_reset_request, email="asha@example.in")
    token = _token_from_last_email(RESET_LINK)
    row = EmailToken.objects.get(purpose=TokenPurpose.RESET_PASSWORD)
    assert row.expires_at - row.created_at == timedelta(minutes=15)

    row.expires_at = timezone.now() - timedelta(seconds=1)
    row.save()
    with pytest.raises(DomainError) as expired:
        auth.password_reset_confirm(token=token, password="a brand new passphrase")
    assert expired.value.code == "invalid_token"

    commit(auth.password_reset_request, email="asha@example.in")
    fresh = _token_from_last_email(RESET_LINK)
    auth.password_reset_confirm(token=fresh, password="a brand new passphrase")
    with pytest.raises(DomainError) as used:
        auth.password_reset_confirm(token=fresh, password="another new passphrase")
    assert used.value.code == "invalid_token"
    outcomes = AuditEvent.objects.filter(
        action__in=["auth.password_reset", "auth.password_reset_refused"]
    ).values_list("action", "outcome")
    assert sorted(outcomes) == [
        ("auth.password_reset", "success"),
        ("auth.password_reset_refused", "denied"),
        ("auth.password_reset_refused", "denied"),
    ]


@pytest.mark.django_db
def test_reset_with_a_weak_password_leaves_the_link_usable(commit):
    user = borrower(user__email="asha@example.in")
    commit(auth.password_reset_request, email="asha@example.in")
    token = _token_from_last_email(RESET_LINK)

    with pytest.raises(DomainError) as refused:
        auth.password_reset_confirm(token=token, password="short")
    assert refused.value.errors["password"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)

    auth.password_reset_confirm(token=token, password="a brand new passphrase")
    user.refresh_from_db()
    assert user.check_password("a brand new passphrase")


@pytest.mark.django_db
def test_reset_ends_sessions_verifies_email_and_revokes_refresh_tokens(commit):
    user = UserFactory(email="asha@example.in", email_verified_at=None)
    refresh = RefreshToken.for_user(user)
    other = RefreshToken.for_user(UserFactory())
    commit(auth.password_reset_request, email="asha@example.in")
    token = _token_from_last_email(RESET_LINK)

    auth.password_reset_confirm(token=token, password="a brand new passphrase")

    user.refresh_from_db()
    assert user.email_verified_at is not None
    assert user.credentials_changed_at is not None
    blacklisted = set(BlacklistedToken.objects.values_list("token__jti", flat=True))
    assert blacklisted == {refresh["jti"]}
    assert other["jti"] not in blacklisted
    event = AuditEvent.objects.get(action="auth.password_reset", outcome="success")
    assert event.after["refresh_tokens_revoked"] == 1


@pytest.mark.django_db
def test_reset_ends_sessions_kept_in_the_cache_too(commit, settings):
    """Production reads sessions from Redis (cached_db, docs/operations.md "Sessions"): a
    reset must end the cached copy as well, or the old cookie would still sign in."""
    from django.contrib.sessions.backends.cached_db import SessionStore

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    user = UserFactory(email="ravi@example.in")
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store.create()
    assert SessionStore(store.session_key).load()["_auth_user_id"] == str(user.pk)  # cached
    assert cache.get(store.cache_key) is not None
    commit(auth.password_reset_request, email="ravi@example.in")

    auth.password_reset_confirm(
        token=_token_from_last_email(RESET_LINK), password="a brand new passphrase"
    )

    assert cache.get(store.cache_key) is None
    assert SessionStore(store.session_key).load() == {}
    event = AuditEvent.objects.get(action="auth.password_reset", outcome="success")
    assert event.after["sessions_ended"] == 1


@pytest.mark.django_db
def test_reset_request_for_an_unknown_or_closed_account_sends_nothing(commit):
    UserFactory(email="closed@example.in", is_active=False)
    commit(auth.password_reset_request, email="closed@example.in")
    commit(auth.password_reset_request, email="nobody@example.in")
    assert mail.outbox == []
    assert AuditEvent.objects.filter(action="auth.password_reset_requested").count() == 2


@pytest.mark.django_db
def test_register_puts_the_user_in_the_borrower_group_only():
    auth.user_register(
        email="g@example.in", password=GOOD_PASSWORD, full_name="G H", phone="+919876543210"
    )
    user = User.objects.get()
    assert list(user.groups.all()) == [Group.objects.get(name="borrower")]
    assert not user.is_superuser
