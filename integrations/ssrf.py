"""Where a webhook may be sent: not to this machine, the private network or cloud metadata
(server-side request forgery). The host is resolved and every address it resolves to is
checked, at registration and again before each delivery (a name can be re-pointed).
settings.WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the rule (tests, the demo); off in production.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings


class TargetRefused(ValueError):
    pass


def address_refused(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def target_check(url: str, *, resolve=socket.getaddrinfo) -> None:
    """Raise TargetRefused (with a reason in plain words) for a URL we will not call."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise TargetRefused("The URL must start with https://.")
    if parts.scheme == "http" and settings.WEBHOOK_REQUIRE_HTTPS:
        raise TargetRefused("The URL must use https.")
    if not parts.hostname:
        raise TargetRefused("The URL has no host.")
    if parts.username or parts.password:
        raise TargetRefused("The URL may not carry a user name or password.")
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return
    try:
        infos = resolve(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise TargetRefused(f"The host {parts.hostname} cannot be resolved.") from exc
    addresses = {info[4][0] for info in infos}
    if not addresses:
        raise TargetRefused(f"The host {parts.hostname} cannot be resolved.")
    for address in sorted(addresses):
        if address_refused(address.split("%", 1)[0]):
            raise TargetRefused(
                f"The host {parts.hostname} resolves to {address}, a loopback, private or "
                "link-local address; webhooks go to public addresses only."
            )
