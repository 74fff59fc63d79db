"""lendingsite.ratewindow: N per rolling window, refusals not counted, Retry-After when the
oldest count leaves; the Redis script and the Python rule give the same answers."""

import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from lendingsite import ratewindow
from lendingsite.ratewindow import window_take

REDIS_URL = "redis://127.0.0.1:6379/14"
REDIS_CACHE = {
    "default": {
        "BACKEND": "lendingsite.redis_cache.SharedClientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ratewindow-test",
    }
}


def redis_up() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def test_n_per_window_then_refused_with_the_time_the_oldest_leaves():
    key = uuid.uuid4().hex
    t0 = 1_200_000.0  # a bucket boundary (window 60 s, buckets of 6 s)
    assert [window_take(key=key, limit=3, window=60, now=t0 + i) for i in range(3)] == [0, 0, 0]
    assert window_take(key=key, limit=3, window=60, now=t0 + 10) == 50  # t0's bucket leaves at 60
    assert window_take(key=key, limit=3, window=60, now=t0 + 59) == 1
    assert window_take(key=key, limit=3, window=60, now=t0 + 60) == 0  # moved on: a slot is free


def test_a_refusal_is_not_counted():
    key = uuid.uuid4().hex
    t0 = 2_000_000.0
    assert window_take(key=key, limit=1, window=60, now=t0) == 0
    for i in range(100):
        assert window_take(key=key, limit=1, window=60, now=t0 + 1 + i * 0.5) > 0
    assert window_take(key=key, limit=1, window=60, now=t0 + 60) == 0


def test_keys_are_separate_and_a_limit_of_zero_refuses():
    t0 = 3_000_000.0
    a, b = uuid.uuid4().hex, uuid.uuid4().hex
    assert window_take(key=a, limit=1, window=60, now=t0) == 0
    assert window_take(key=b, limit=1, window=60, now=t0) == 0
    assert window_take(key=uuid.uuid4().hex, limit=0, window=60, now=t0) > 0


calls = st.lists(
    st.tuples(st.integers(min_value=0, max_value=5), st.floats(min_value=0, max_value=30)),
    min_size=1,
    max_size=40,
)


@pytest.mark.skipif(not redis_up(), reason="needs Redis on 127.0.0.1:6379")
@settings(max_examples=60, deadline=None)
@given(calls=calls, limit=st.integers(min_value=0, max_value=6))
def test_the_redis_script_answers_as_the_python_rule(calls, limit):
    """The same sequence of attempts (limits, times) through both: the same answers."""
    key = uuid.uuid4().hex
    now, python_answers, redis_answers = 5_000_000.0, [], []
    times = []
    for _, gap in calls:
        now += gap
        times.append(now)
    for t in times:
        python_answers.append(window_take(key=key, limit=limit, window=60, now=t))
    with override_settings(CACHES=REDIS_CACHE):
        assert isinstance(caches["default"], ratewindow.RedisCache)
        for t in times:
            redis_answers.append(window_take(key=key, limit=limit, window=60, now=t))
    assert redis_answers == python_answers


@pytest.mark.skipif(not redis_up(), reason="needs Redis on 127.0.0.1:6379")
def test_on_redis_the_last_slot_goes_to_one_of_many_racing():
    from concurrent.futures import ThreadPoolExecutor

    key = uuid.uuid4().hex
    with override_settings(CACHES=REDIS_CACHE), ThreadPoolExecutor(8) as pool:
        answers = list(
            pool.map(lambda _: window_take(key=key, limit=5, window=60, now=9_000_000.0), range(40))
        )
    assert answers.count(0) == 5
