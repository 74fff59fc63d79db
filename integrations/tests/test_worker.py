"""End to end with a real Celery worker and Redis broker: a committed change queues the
dispatch, the worker creates the delivery and sends it, the receiver verifies it with the
Standard Webhooks reference verifier. PostgreSQL only (the worker process must see the
test's committed rows) and skipped when no Redis answers."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from standardwebhooks.webhooks import Webhook

from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.services.endpoints import webhook_endpoint_create, webhook_endpoint_test
from lendingsite.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("WEBHOOK_TEST_BROKER", "redis://127.0.0.1:6379/4")


def _redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(BROKER, socket_timeout=1).ping())
    except Exception:
        return False


def _forget_connections():
    # What Celery does after a fork: the producer pool is made again from the settings.
    celery_app._after_fork()


@pytest.fixture
def worker(transactional_db):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_BROKER_URL": BROKER,
        "CELERY_RESULT_BACKEND": "",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lendingsite",
            "worker",
            "--pool=solo",
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "-l",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("WEBHOOK_TEST_WORKER_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    saved = {k: celery_app.conf[k] for k in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=BROKER, task_always_eager=False)
    _forget_connections()  # an earlier test may have published to the in-memory broker
    yield process
    celery_app.conf.update(saved)
    _forget_connections()
    process.terminate()
    process.wait(timeout=30)


@pytest.mark.postgres
@pytest.mark.skipif(not _redis_up(), reason="needs Redis at WEBHOOK_TEST_BROKER")
def test_a_real_worker_delivers_a_committed_event(worker, receiver, django_user_model):
    admin = django_user_model.objects.create_superuser(email="root@w.example", password="x")
    endpoint = webhook_endpoint_create(acting_user=admin, url=receiver.url, event_types=[])
    # Autocommit (transactional_db): the commit's hook publishes dispatch_events to Redis.
    event = webhook_endpoint_test(acting_user=admin, endpoint=endpoint)
    deadline = time.monotonic() + 120
    while not receiver.requests and time.monotonic() < deadline:
        time.sleep(0.5)
    assert receiver.requests, "the worker delivered nothing within 120 s"
    request = receiver.requests[0]
    payload = Webhook(endpoint.secret).verify(request["body"], request["headers"])
    assert payload["id"] == event.event_id
    for _ in range(20):  # the worker records the attempt after the receiver answered
        delivery = WebhookDelivery.objects.get(event__event_id=event.event_id)
        if delivery.status == DeliveryStatus.SUCCEEDED:
            break
        time.sleep(0.5)
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 1
