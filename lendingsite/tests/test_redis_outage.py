"""Redis goes away and comes back: a real redis-server of the test's own, stopped mid-test.

The web must carry on without it (docs/operations.md, "When Redis is down"): API reads and
their throttles, a signed-in borrower's pages and sign-out, /metrics saying so; and once
it is back, the shared counts resume there."""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from lendingsite import redis_cache
from lendingsite.ratewindow import window_take
from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db

SERVER = shutil.which("redis-server")
if SERVER is None and os.environ.get("CI") == "true":
    raise RuntimeError("redis-server is required on CI (lendingsite/tests/test_redis_outage.py)")
needs_server = pytest.mark.skipif(SERVER is None, reason="needs the redis-server binary")


class SpareRedis:
    """A redis-server on a free port, which the test can stop and start again."""

    def __init__(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        no_disk = ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [SERVER, "--port", str(self.port), "--bind", "127.0.0.1", *no_disk],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError("the spare redis-server did not start")

    def stop(self):
        self.process.kill()
        self.process.wait()

    def keys(self, pattern: str) -> list[bytes]:
        return redis.Redis.from_url(self.url).keys(pattern)


@pytest.fixture
def spare(settings):
    server = SpareRedis()
    server.start()
    settings.REDIS_URL = server.url
    settings.REDIS_RETRY_SECONDS = 0.3
    redis_cache.redis_resume()
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "lendingsite.redis_cache.SharedClientRedisCache",
                "LOCATION": server.url,
            }
        },
        SESSION_ENGINE="lendingsite.sessions",
    ):
        yield server
    if server.process.poll() is None:
        server.stop()
    redis_cache.redis_resume()


def api_client(user):
    from rest_framework.test import APIClient
    from rest_framework_simplejwt.tokens import AccessToken

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return client


@needs_server
def test_api_reads_answer_and_throttles_still_count_while_redis_is_down(spare, settings):
    loan = active_loan()
    client = api_client(loan.borrower)
    assert client.get("/api/v1/loans/").status_code == 200
    assert spare.keys("*window:*")  # the throttle counted in Redis

    spare.stop()
    response = client.get(f"/api/v1/loans/{loan.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == loan.pk
    # The limit still holds, counted in this process meanwhile.
    taken = [window_take(key="outage-test", limit=2, window=60) for _ in range(3)]
    assert taken[:2] == [0, 0] and taken[2] > 0


@needs_server
def test_a_failed_connection_pauses_redis_then_it_is_tried_again(spare, monkeypatch):
    attempts = []
    real_connect = redis.Connection.connect

    def counted(self):
        attempts.append(1)
        return real_connect(self)

    monkeypatch.setattr(redis.Connection, "connect", counted)
    cache = caches["default"]
    cache.set("k", 1)
    spare.stop()

    with pytest.raises(redis.ConnectionError):
        cache.get("k")
    tried = len(attempts)
    assert tried >= 1 and redis_cache.redis_paused()
    for _ in range(5):  # within the pause: refused at once, no connection tried
        with pytest.raises(redis.ConnectionError):
            cache.get("k")
    assert len(attempts) == tried

    spare.start()
    time.sleep(0.35)  # REDIS_RETRY_SECONDS
    assert cache.get("k") is None  # a fresh server: reachable again, empty
    assert len(attempts) > tried
    assert window_take(key="back", limit=5, window=60) == 0
    assert spare.keys("*window:back*")  # counting is shared again


@needs_server
def test_a_signed_in_borrower_keeps_their_pages_and_can_sign_out(spare, client):
    loan = active_loan()
    client.force_login(loan.borrower)
    assert client.get("/dashboard/").status_code == 200

    spare.stop()
    page = client.get("/dashboard/")
    assert page.status_code == 200
    assert f"Loan #{loan.pk}" in page.content.decode()

    with CaptureQueriesContext(connection) as ctx:  # Redis paused: the row is read once
        assert client.get("/dashboard/").status_code == 200
    assert sum("django_session" in q["sql"] for q in ctx.captured_queries) == 1

    assert client.post("/accounts/logout/").status_code == 302
    after = client.get("/dashboard/")
    assert after.status_code == 302 and "/accounts/login/" in after["Location"]


@needs_server
def test_metrics_say_the_cache_is_down(spare, client, settings):
    settings.METRICS_STATE_SECONDS = 0
    assert "lendingsite_cache_up 1.0" in client.get("/metrics").content.decode()

    spare.stop()

    assert "lendingsite_cache_up 0.0" in client.get("/metrics").content.decode()


# Run in a process of its own: the Celery app binds its broker and result store once.
_QUEUE_ONE = """
from celery.backends.redis import RedisBackend
import django
django.setup()
from integrations.tasks import dispatch_events
retries = []
real = RedisBackend.on_connection_error
def counted(self, *args, **kwargs):
    retries.append(1)
    return real(self, *args, **kwargs)
RedisBackend.on_connection_error = counted
try:
    dispatch_events.delay()
except Exception as exc:
    print("refused", type(exc).__name__)
print("retries", len(retries))
"""


@needs_server
def test_queueing_a_task_gives_up_after_two_retries_not_twenty(spare):
    # Celery's default retries a Redis result store twenty times (~20 s) for every task
    # queued while it is down, inside the request that queued it.
    spare.stop()
    env = dict(os.environ, REDIS_URL=spare.url, CELERY_TASK_ALWAYS_EAGER="false")
    done = subprocess.run(
        [sys.executable, "-c", _QUEUE_ONE], env=env, capture_output=True, text=True, timeout=120
    )

    lines = [line for line in done.stdout.splitlines() if line.startswith(("refused", "retries"))]
    assert lines[0].startswith("refused"), done.stdout + done.stderr
    retries = int(lines[1].split()[1])
    assert 1 <= retries <= 2
