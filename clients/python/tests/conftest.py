"""Live tests need a running server: scripts/sdk-test starts one (PostgreSQL, gunicorn,
production settings, the demo seed) and sets LENDINGSITE_URL and LENDINGSITE_TOTP_COMMAND
(prints a staff member's current second-factor code). Without them the live tests skip."""

import os
import shlex
import subprocess
import time

import pytest
from lendingsite_client import AuthenticationError, Lendingsite

DOMAIN = "demo.lendingsite.example"
CREDIT_MANAGER = (f"credit.manager@{DOMAIN}", "demo-credit-manager-2026")
FINANCE = (f"finance@{DOMAIN}", "demo-finance-2026")
# A seeded borrower with verified KYC and bank account (loans/demo.py); the TypeScript
# suite uses another, so the two flows do not meet.
BORROWER = (f"vikram@{DOMAIN}", "demo-borrower-2026")


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("LENDINGSITE_URL")
    if not url and os.environ.get("LENDINGSITE_REQUIRE_LIVE"):
        pytest.fail("LENDINGSITE_REQUIRE_LIVE is set but LENDINGSITE_URL is not")
    if not url:
        pytest.skip("LENDINGSITE_URL is not set (scripts/sdk-test starts a server)")
    return url


def totp(email: str) -> str:
    command = [*shlex.split(os.environ["LENDINGSITE_TOTP_COMMAND"]), email]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def next_totp_step() -> None:
    """A code is good once per 30-second step (another suite may have used this one)."""
    time.sleep(31 - time.time() % 30)


def signed_in_staff(base_url: str, email: str, password: str) -> Lendingsite:
    """Signed in with the current code; if that code was used already (by the other suite, a
    moment ago), again with the next step's."""
    for retry in (False, True):
        session = Lendingsite(base_url, email=email, password=password, otp=totp(email))
        try:
            session.sign_in()
            return session
        except AuthenticationError:
            session.close()
            if retry:
                raise
            next_totp_step()
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def staff(base_url):
    """Credit manager and finance, signed in with their second factor and re-authenticated
    (approve and disburse need it) with the code of a later step."""
    people = {"credit_manager": CREDIT_MANAGER, "finance": FINANCE}
    sessions = {name: signed_in_staff(base_url, *login) for name, login in people.items()}
    next_totp_step()
    for name, (email, password) in people.items():
        sessions[name].reauthenticate(password=password, otp=totp(email))
    yield sessions
    for session in sessions.values():
        session.close()


@pytest.fixture
def borrower(base_url):
    email, password = BORROWER
    with Lendingsite(base_url, email=email, password=password) as session:
        yield session
