import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def _fast_passwords_and_clean_cache(settings):
    # Argon2 is the production hasher (asserted in accounts/tests/test_auth_services.py);
    # tests use a cheap one so that thousands of users don't cost minutes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _celery_may_wait_for_results():
    # Celery keeps one process-wide "inside a worker" flag; once an earlier test has set it
    # (seen on the PostgreSQL pass only), every eager `.apply().get()` later in the session
    # is refused with "Never call result.get() within a task!". Each test starts outside.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    yield


@pytest.fixture(autouse=True)
def _staff_sign_in_with_second_factor(request, monkeypatch):
    # Staff test logins carry a verified second factor and a fresh re-authentication
    # (accounts/twofactor/testing.py); `real_second_factor` tests see production's checks.
    if "real_second_factor" not in request.keywords:
        from accounts.twofactor.testing import patch_clients

        patch_clients(monkeypatch)


def pytest_collection_modifyitems(config, items):
    """`postgres` tests skip on SQLite only; under CI=true the PostgreSQL pass runs them."""
    skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)")
    for item in items:
        if "postgres" in item.keywords and connection.vendor != "postgresql":
            item.add_marker(skip)
