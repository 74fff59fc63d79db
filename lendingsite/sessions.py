"""Sessions read from the cache and written through to the database (Django's cached_db),
still served from the database while the cache (Redis) is unreachable.

Django's cached_db already tolerates a failed read and a failed save, but not the cache
write after a database read, `exists`, or the cache delete at sign-out: each of those was
a 500 on every page while Redis was down. Here each falls back to the database, which holds
every session anyway.

A sign-out while Redis is unreachable deletes the session from the database but cannot
delete the cached copy; if that Redis comes back with its data, the copy answers until it
expires (SESSION_COOKIE_AGE). The runbook (docs/operations.md, "When Redis is down") says
to drop the cached sessions after such an outage.
"""

from __future__ import annotations

import redis
import structlog
from django.contrib.sessions.backends import cached_db, db

from lendingsite.redis_cache import outage_log, redis_paused

log = structlog.get_logger(__name__)


class SessionStore(cached_db.SessionStore):
    # While Redis is paused (lendingsite.redis_cache) the cache is not asked at all: going
    # through cached_db would read the row, fail to cache it, and read it again.
    def load(self):
        if redis_paused():
            return db.SessionStore.load(self)
        try:
            return super().load()
        except redis.RedisError:
            outage_log("session_cache_unavailable")
            return db.SessionStore.load(self)

    async def aload(self):
        if redis_paused():
            return await db.SessionStore.aload(self)
        try:
            return await super().aload()
        except redis.RedisError:
            outage_log("session_cache_unavailable")
            return await db.SessionStore.aload(self)

    def exists(self, session_key):
        try:
            return super().exists(session_key)
        except redis.RedisError:
            return db.SessionStore.exists(self, session_key)

    async def aexists(self, session_key):
        try:
            return await super().aexists(session_key)
        except redis.RedisError:
            return await db.SessionStore.aexists(self, session_key)

    def delete(self, session_key=None):
        try:
            super().delete(session_key)  # the database row first, then the cached copy
        except redis.RedisError:
            log.error("session_cache_delete_failed", exc_info=True)

    async def adelete(self, session_key=None):
        try:
            await super().adelete(session_key)
        except redis.RedisError:
            log.error("session_cache_delete_failed", exc_info=True)
