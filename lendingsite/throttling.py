"""The API's throttles, keyed by the one client address (lendingsite.middleware.client_ip).

DRF's own throttles find the caller in X-Forwarded-For by themselves (its NUM_PROXIES,
unset by default, believes the whole header), so a made-up header was a new caller on
every request. These ask `client_ip`, which trusts forwarded headers only as far as
PROXY_COUNT says: the same answer as lockouts, audit rows, logs and the ops allow-list.

Rates are read per request (DRF binds them at import), so an environment or test override
of DEFAULT_THROTTLE_RATES takes effect.
"""

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from lendingsite.middleware import client_ip


class ClientAddressMixin:
    def get_ident(self, request) -> str:
        return client_ip(request) or "unknown"

    def get_rate(self):
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(f"No throttle rate set for scope {self.scope!r}") from None


class AnonRateThrottle(ClientAddressMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientAddressMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientAddressMixin, throttling.ScopedRateThrottle):
    pass
