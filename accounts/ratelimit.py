"""Per-address email quotas: at most N emails of one kind to one address in any rolling hour.

The key is a keyed hash of the lower-cased address, never the address itself, and it is
counted the same whether or not an account exists, so the limit cannot be used to find out
which addresses are registered.

The window is kept as one counter per minute in the Django cache (Redis in production)
rather than a list of timestamps: `incr` is atomic, so two requests racing for the last slot
can never both send. A request that would go over the limit gives its slot back, so refused
attempts do not keep the window full for ever.
"""

import math
import time

from django.core.cache import cache

from accounts import crypto

WINDOW_SECONDS = 3600
BUCKET_SECONDS = 60
_BUCKETS = WINDOW_SECONDS // BUCKET_SECONDS


def _address_key(kind: str, address: str) -> str:
    return f"email-quota:{kind}:{crypto.keyed_hash(address.strip().lower())}"


def quota_take(*, kind: str, address: str, limit: int, now: float | None = None) -> int:
    """Take one email from the address's hourly quota of `kind`.

    Returns 0 when it was taken (send the email), otherwise the number of seconds until a
    slot frees up (send nothing; the caller refuses with that Retry-After)."""
    now = time.time() if now is None else now
    current = int(now // BUCKET_SECONDS)
    base = _address_key(kind, address)
    buckets = list(range(current - _BUCKETS + 1, current + 1))
    keys = [f"{base}:{b}" for b in buckets]
    ttl = WINDOW_SECONDS + BUCKET_SECONDS

    cache.add(keys[-1], 0, timeout=ttl)
    try:
        cache.incr(keys[-1])
    except ValueError:  # evicted between add and incr
        cache.set(keys[-1], 1, timeout=ttl)

    counts = cache.get_many(keys)
    if sum(counts.values()) <= limit:
        return 0

    cache.decr(keys[-1])
    # The oldest minute that still holds a send leaves the window first.
    oldest = next(b for b, k in zip(buckets, keys, strict=True) if counts.get(k))
    frees_at = (oldest + _BUCKETS) * BUCKET_SECONDS
    return max(1, math.ceil(frees_at - now))
