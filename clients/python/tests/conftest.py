"""Live tests need a running server: scripts/sdk-test starts one (PostgreSQL, gunicorn,
production settings, the demo seed) and sets LENDINGSITE_URL and LENDINGSITE_TOTP_COMMAND
(prints a staff member's current second-factor code). Without them the live tests skip."""

import http.server
import json
import os
import shlex
import subprocess
import threading
import time

import pytest
from lendingsite_client import AuthenticationError, Lendingsite
from lendingsite_client.generated.api.webhook_endpoints import (
    webhook_endpoints_create,
    webhook_endpoints_partial_update,
)
from lendingsite_client.generated.models import (
    PatchedWebhookEndpointUpdateRequest,
    WebhookEndpointRequest,
)

DOMAIN = "demo.lendingsite.example"
CREDIT_MANAGER = (f"credit.manager@{DOMAIN}", "demo-credit-manager-2026")
FINANCE = (f"finance@{DOMAIN}", "demo-finance-2026")
# Registers the suite's webhook endpoint (superusers manage endpoints).
ADMIN = (f"admin@{DOMAIN}", "demo-admin-2026")
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
    """Credit manager, finance and the superuser, signed in with their second factor and
    re-authenticated (approve, disburse and registering an endpoint need it) with the code
    of a later step."""
    people = {"credit_manager": CREDIT_MANAGER, "finance": FINANCE, "admin": ADMIN}
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


class Inbox:
    """A partner's webhook receiver on this machine: answers 204 and keeps each delivery's
    raw body and headers, as a receiver must verify the bytes it got."""

    def __init__(self):
        self.received: list[tuple[bytes, dict]] = []
        inbox = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("content-length", 0)))
                inbox.received.append((body, dict(self.headers.items())))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/lendingsite-hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, match, timeout: float = 90.0) -> tuple[bytes, dict]:
        """The first delivery whose JSON `match` accepts (read before verifying only to
        pick it out), waiting for the server's worker to send it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for body, headers in list(self.received):
                if match(json.loads(body)):
                    return body, headers
            time.sleep(0.25)
        raise AssertionError(
            f"no matching webhook within {timeout:.0f} s: {len(self.received)} received"
        )


@pytest.fixture(scope="session")
def webhook_inbox(staff):
    """A receiver and an endpoint registered for it (payment.posted). The server runs with
    loopback targets allowed (scripts/sdk-test): production refuses them."""
    inbox = Inbox()
    admin = staff["admin"]
    endpoint = webhook_endpoints_create.sync(
        client=admin.client,
        body=WebhookEndpointRequest(
            url=inbox.url, description="SDK test (Python)", event_types=["payment.posted"]
        ),
    )
    inbox.secret = endpoint.secret
    yield inbox
    try:  # the TypeScript suite runs next: this receiver is gone
        webhook_endpoints_partial_update.sync(
            id=endpoint.id,
            client=admin.client,
            body=PatchedWebhookEndpointUpdateRequest(is_active=False),
        )
    finally:
        inbox.server.shutdown()
        inbox.server.server_close()
