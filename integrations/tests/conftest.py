import http.server
import json
import threading

import pytest

from accounts.tests.factories import UserFactory


class Receiver:
    """A local HTTP server standing in for a partner: records every request and answers
    with the next status of `statuses` (the last one repeats)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses = [200]
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("content-length", 0))
                body = self.rfile.read(length).decode()
                receiver.requests.append({"headers": dict(self.headers.items()), "body": body})
                index = min(len(receiver.requests) - 1, len(receiver.statuses) - 1)
                status = receiver.statuses[index]
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"status": status}).encode())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def admin_user(db):
    return UserFactory(is_superuser=True, is_staff=True, email="root@lender.example")


@pytest.fixture
def endpoint(admin_user, receiver):
    from integrations.services.endpoints import webhook_endpoint_create

    return webhook_endpoint_create(acting_user=admin_user, url=receiver.url, event_types=[])
