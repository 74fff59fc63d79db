"""Per-address email quotas: at most N emails of one kind to one address in any rolling hour.

The key is a keyed hash of the lower-cased address, never the address itself, and it is
counted the same whether or not an account exists, so the limit cannot be used to find out
which addresses are registered.

The window is kept as one counter per minute (lendingsite.ratewindow, the counter the API's
throttles use too): on Redis one atomic step, so two requests racing for the last slot can
never both send; a refused attempt is not counted, so refusals do not keep the window full
for ever.
"""

import time

from accounts import crypto
from lendingsite.ratewindow import window_take

WINDOW_SECONDS = 3600
BUCKET_SECONDS = 60


def _address_key(kind: str, address: str) -> str:
    return f"email-quota:{kind}:{crypto.keyed_hash(address.strip().lower())}"


def quota_take(*, kind: str, address: str, limit: int, now: float | None = None) -> int:
    """Take one email from the address's hourly quota of `kind`.

    Returns 0 when it was taken (send the email), otherwise the number of seconds until a
    slot frees up (send nothing; the caller refuses with that Retry-After)."""
    return window_take(
        key=_address_key(kind, address),
        limit=limit,
        window=WINDOW_SECONDS,
        buckets=WINDOW_SECONDS // BUCKET_SECONDS,
        now=time.time() if now is None else now,
    )
