"""Idempotency-Key under real concurrency (PostgreSQL only): the in-flight row is committed
before the view runs, so a simultaneous retry gets 409 and exactly one call executes. The
single-threaded rules are in test_idempotency.py; the dummy views in idempotency_urls.py."""

import threading

import pytest
from django.db import connections
from django.test import Client
from rest_framework_simplejwt.tokens import AccessToken

from accounts.tests.factories import UserFactory
from lendingsite.idempotency import REPLAYED_HEADER
from lendingsite.models import IdempotencyRecord, IdempotencyState
from lendingsite.tests.idempotency_urls import executions, gate
from lendingsite.tests.test_idempotency import PAYMENTS, effects, problem, send

pytestmark = [pytest.mark.postgres, pytest.mark.urls("lendingsite.tests.idempotency_urls")]


@pytest.fixture(autouse=True)
def _fresh_gate():
    executions.clear()
    gate.update(delay=0.0, hold=False, entered=threading.Event(), release=threading.Event())
    yield
    gate["release"].set()


# --- PostgreSQL: real concurrency ----------------------------------------------------------


def _in_thread(fn, results: list, errors: list):
    def run():
        try:
            results.append(fn())
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_retry_while_the_first_call_runs_is_409_then_replays():
    token = f"Bearer {AccessToken.for_user(UserFactory())}"
    gate["hold"] = True
    results, errors = [], []
    first = _in_thread(lambda: send(Client(HTTP_AUTHORIZATION=token), "k1"), results, errors)
    first.start()
    try:
        assert gate["entered"].wait(timeout=30)
        problem(send(Client(HTTP_AUTHORIZATION=token), "k1"), 409, "idempotency_key_in_use")
    finally:
        gate["release"].set()
        first.join(timeout=60)
    assert not errors
    (original,) = results
    assert original.status_code == 201
    replay = send(Client(HTTP_AUTHORIZATION=token), "k1")
    assert replay[REPLAYED_HEADER] == "true" and replay.content == original.content
    assert executions == ["effect POST"] and effects() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_calls_with_one_key_run_the_view_once():
    token = f"Bearer {AccessToken.for_user(UserFactory())}"
    gate["delay"] = 0.3  # keeps the first call in flight while the others arrive
    barrier = threading.Barrier(10)
    results, errors = [], []

    def call():
        client = Client(HTTP_AUTHORIZATION=token)
        barrier.wait(timeout=30)
        return send(client, "pay-once", url=PAYMENTS)

    threads = [_in_thread(call, results, errors) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(results) == 10

    originals = [r for r in results if r.status_code == 201 and REPLAYED_HEADER not in r]
    replays = [r for r in results if r.status_code == 201 and REPLAYED_HEADER in r]
    busy = [r for r in results if r.status_code == 409]
    assert len(originals) == 1 and len(replays) + len(busy) == 9
    assert all(r.content == originals[0].content for r in replays)
    assert all(r.json()["code"] == "idempotency_key_in_use" for r in busy)
    assert executions == ["effect POST"] and effects() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.state, record.status_code) == (IdempotencyState.COMPLETED, 201)
