"""Django's Redis cache, with one redis client per connection pool instead of one per call,
bounded waits, and a short pause after Redis fails to answer.

Django's RedisCacheClient wraps its pool in a new `redis.Redis` on every cache call, and
each construction registers redis-py's response callbacks (a few hundred dict entries):
about a tenth of a millisecond per call, two to three calls per API request (sessions,
throttles, the read cache). A `redis.Redis` is safe to share between threads, and the pool
it wraps is the one Django already keeps, so keeping the client changes nothing else.

Redis is a cache here, not a store of record: its users (sessions, throttles, the read
cache) carry on without it (docs/operations.md, "When Redis is down"). For that to be
cheap, a call must not hang on a Redis that stopped answering: connecting and each reply
wait at most REDIS_CONNECT_TIMEOUT / REDIS_SOCKET_TIMEOUT seconds, and after a failed
connection every call in this process fails at once for REDIS_RETRY_SECONDS instead of
paying the wait again on every request.
"""

from __future__ import annotations

import time

import redis
import structlog
from django.conf import settings
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = structlog.get_logger(__name__)

# When, on time.monotonic(), this process may try connecting to Redis again.
_retry_at = 0.0


def redis_paused() -> bool:
    return time.monotonic() < _retry_at


def redis_resume() -> None:
    """Forget the last failure (tests; an operator's shell after Redis is back)."""
    global _retry_at
    _retry_at = 0.0


_last_logged: dict[str, float] = {}


def outage_log(event: str, **fields) -> None:
    """Log that a use of Redis fell back, at most once per REDIS_RETRY_SECONDS per event in
    this process: an outage must show in the logs without writing a line per request."""
    now = time.monotonic()
    if now - _last_logged.get(event, -1e9) >= settings.REDIS_RETRY_SECONDS:
        _last_logged[event] = now
        log.warning(event, **fields)


def _paused_after_failure(base: type[redis.Connection]) -> type:
    class Connection(base):
        def connect(self):
            global _retry_at
            if redis_paused():
                raise redis.ConnectionError("Redis did not answer a moment ago; not retried yet")
            try:
                return super().connect()
            except redis.RedisError:
                _retry_at = time.monotonic() + settings.REDIS_RETRY_SECONDS
                raise

    Connection.__name__ = Connection.__qualname__ = f"Paused{base.__name__}"
    return Connection


_CONNECTIONS = {
    "redis": _paused_after_failure(redis.Connection),
    "rediss": _paused_after_failure(redis.SSLConnection),
    "unix": _paused_after_failure(redis.UnixDomainSocketConnection),
}


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        scheme = servers[0].split("://", 1)[0] if servers else ""
        if scheme in _CONNECTIONS:
            options.setdefault("connection_class", _CONNECTIONS[scheme])
        options.setdefault("socket_connect_timeout", settings.REDIS_CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", settings.REDIS_SOCKET_TIMEOUT)
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
