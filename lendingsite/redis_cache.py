"""Django's Redis cache, with one redis client per connection pool instead of one per call.

Django's RedisCacheClient wraps its pool in a new `redis.Redis` on every cache call, and
each construction registers redis-py's response callbacks (a few hundred dict entries):
about a tenth of a millisecond per call, two to three calls per API request (sessions,
throttles, the read cache). A `redis.Redis` is safe to share between threads, and the pool
it wraps is the one Django already keeps, so keeping the client changes nothing else.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
