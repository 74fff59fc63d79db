"""When a failed delivery is tried again: exponential backoff with jitter over about three
days (docs/webhooks.md). Pure; the random source is passed in so tests can fix it."""

import random
from datetime import timedelta

# Delay before attempt n+1 after attempt n failed (n = 1, 2, ...). Doubling from 30 s,
# capped at 12 h: 30s 1m 2m 4m 8m 16m 32m 1h4m 2h8m 4h16m 8h32m, then 12 h each; the
# 17th and last attempt lands about 3 days 5 hours after the first (nominal_window).
BASE_SECONDS = 30
CAP_SECONDS = 12 * 3600
MAX_ATTEMPTS = 17
JITTER = 0.2  # ± 20 %: endpoints that failed together do not all retry in the same second


def retry_delay(attempt: int, rng: random.Random | None = None) -> timedelta | None:
    """Delay after failed attempt `attempt` (1-based), or None when it was the last."""
    if attempt < 1:
        raise ValueError("attempt is 1-based")
    if attempt >= MAX_ATTEMPTS:
        return None
    nominal = min(BASE_SECONDS * 2 ** (attempt - 1), CAP_SECONDS)
    factor = 1 + (rng or random).uniform(-JITTER, JITTER)
    return timedelta(seconds=nominal * factor)


def nominal_window() -> timedelta:
    """The time from the first attempt to the last without jitter (about three days)."""
    return sum(
        (
            timedelta(seconds=min(BASE_SECONDS * 2 ** (n - 1), CAP_SECONDS))
            for n in range(1, MAX_ATTEMPTS)
        ),
        timedelta(),
    )
