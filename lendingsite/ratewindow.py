"""At most N of something per rolling window: the one counter behind the API's throttles
(lendingsite.throttling) and the per-address quotas (accounts.ratelimit).

The window is kept as one counter per bucket (a tenth or a sixtieth of it) in the Django
cache, not as a list of timestamps (DRF's throttles pickle and rewrite a list as long as
the limit on every request: about a millisecond at a few hundred entries). `window_take`
counts one and says whether it was allowed; a refused attempt is not counted, so refusals
do not keep the window full for ever.

On Redis the whole step (read the buckets, decide, count) is one Lua script: one round
trip, and atomic, so two requests racing for the last slot can never both pass. On any
other cache (the tests and the demo: one process's memory) the same rule runs in Python
under a lock. `lendingsite/tests/test_ratewindow.py` holds the two equal.

While Redis does not answer, the counting moves to this process's memory rather than
failing every request: the limits still hold, per process (with N gunicorn workers a caller
may get up to N times the limit until Redis is back, when the shared counts resume).
"""

from __future__ import annotations

import math
import threading
import time

import redis
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from lendingsite.redis_cache import outage_log

# KEYS: the buckets, oldest first, the current last. ARGV: limit, ttl.
# Returns 0 when counted, else the 1-based index of the oldest bucket that holds a count
# (len(KEYS) + 1 when none does: a limit of 0).
_LUA = """
local counts = redis.call('MGET', unpack(KEYS))
local total = 0
for _, c in ipairs(counts) do if c then total = total + tonumber(c) end end
if total >= tonumber(ARGV[1]) then
  for i, c in ipairs(counts) do if c and tonumber(c) > 0 then return i end end
  return #KEYS + 1
end
redis.call('INCR', KEYS[#KEYS])
redis.call('EXPIRE', KEYS[#KEYS], tonumber(ARGV[2]))
return 0
"""
_lock = threading.Lock()
_scripts: dict[int, object] = {}
# Where the counting goes while Redis does not answer.
_fallback = LocMemCache("ratewindow-fallback", {"MAX_ENTRIES": 100_000})


def _take_in_python(cache, keys: list[str], limit: int, ttl: int) -> int:
    with _lock:
        counts = cache.get_many(keys)
        if sum(counts.values()) >= limit:
            return next((i for i, k in enumerate(keys, 1) if counts.get(k)), len(keys) + 1)
        cache.set(keys[-1], counts.get(keys[-1], 0) + 1, timeout=ttl)
        return 0


def _take_in_redis(cache, keys: list[str], limit: int, ttl: int) -> int:
    client = cache._cache.get_client(keys[-1], write=True)
    script = _scripts.get(id(client))
    if script is None:
        script = _scripts[id(client)] = client.register_script(_LUA)
    return int(script(keys=[cache.make_and_validate_key(k) for k in keys], args=[limit, ttl]))


def window_take(
    *, key: str, limit: int, window: int, buckets: int = 10, now: float | None = None
) -> int:
    """Count one against `limit` per rolling `window` seconds under `key`.

    Returns 0 when counted (go ahead), else the whole seconds until the oldest count leaves
    the window (refuse, with that Retry-After; nothing was counted). The window moves in
    steps of window / buckets seconds."""
    now = time.time() if now is None else now
    step = max(1, window // buckets)
    current = int(now // step)
    first = current - buckets + 1
    keys = [f"window:{key}:{step}:{b}" for b in range(first, current + 1)]
    ttl = window + step
    cache = caches["default"]
    if isinstance(cache, RedisCache):
        try:
            oldest = _take_in_redis(cache, keys, limit, ttl)
        except redis.RedisError as exc:
            outage_log("ratewindow_counting_in_process", error=type(exc).__name__)
            oldest = _take_in_python(_fallback, keys, limit, ttl)
    else:
        oldest = _take_in_python(cache, keys, limit, ttl)
    if not oldest:
        return 0
    frees_at = (first + oldest - 1 + buckets) * step
    return max(1, math.ceil(frees_at - now))
