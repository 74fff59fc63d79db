"""The API's throttles, keyed by the one client address (lendingsite.middleware.client_ip).

DRF's own throttles find the caller in X-Forwarded-For by themselves (its NUM_PROXIES,
unset by default, believes the whole header), so a made-up header was a new caller on
every request. These ask `client_ip`, which trusts forwarded headers only as far as
PROXY_COUNT says: the same answer as lockouts, audit rows, logs and the ops allow-list.

Rates are read per request (DRF binds them at import), so an environment or test override
of DEFAULT_THROTTLE_RATES takes effect.

The counting is lendingsite.ratewindow's (counters per tenth of the window, one atomic
round trip to Redis), not DRF's list of timestamps, which is pickled and rewritten whole on
every request (its cost grows with the rate: about a millisecond per request at a few
hundred entries, docs/benchmarks.md "Load"). Same answers: N per rolling window, a refused
request not counted, Retry-After when the oldest count leaves the window (the window moves
in tenths).
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from lendingsite.middleware import client_ip
from lendingsite.ratewindow import window_take


class ClientAddressMixin:
    def get_ident(self, request) -> str:
        return client_ip(request) or "unknown"

    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(f"No throttle rate set for scope {self.scope!r}") from None


class WindowCounted(throttling.SimpleRateThrottle):
    """SimpleRateThrottle's decision, counted by lendingsite.ratewindow. Placed after
    DRF's own classes, so ScopedRateThrottle still picks its scope first."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self._retry_after = window_take(key=self.key, limit=self.num_requests, window=self.duration)
        return not self._retry_after

    def wait(self) -> float | None:
        return self._retry_after or None


class AnonRateThrottle(ClientAddressMixin, throttling.AnonRateThrottle, WindowCounted):
    pass


class UserRateThrottle(ClientAddressMixin, throttling.UserRateThrottle, WindowCounted):
    pass


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle, WindowCounted):
    pass
