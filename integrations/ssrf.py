"""Where a webhook may be sent: not to this machine, the private network or cloud metadata
(server-side request forgery). The host is resolved and every address it resolves to is
checked, at registration and again before each delivery (a name can be re-pointed).
settings.WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the rule (tests, the demo); off in production.

A delivery connects to the address that was checked (`target_resolve` returns it;
integrations.http sends to it with the original Host header and TLS server name), never
to a second resolution of the name: otherwise a DNS-rebinding name could answer a public
address to the check and 127.0.0.1 to the connection.
"""

import ipaddress
import socket
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Target:
    """A URL to call and the checked address to connect to."""

    scheme: str
    host: str  # the name: Host header (with `netloc`), TLS server name, certificate check
    netloc: str
    port: int
    path: str  # with the query string
    address: str


def target_check(url: str, *, resolve=None) -> None:
    """Raise TargetRefused (with a reason in plain words) for a URL we will not call. At
    registration with private targets allowed, the name is not resolved at all."""
    _url_check(url)
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        target_resolve(url, resolve=resolve)


def target_resolve(url: str, *, resolve=None) -> Target:
    """Check the URL, resolve its host once and return the address to connect to (the
    first one the resolver gave; every one of them must be public unless private targets
    are allowed)."""
    parts = _url_check(url)
    # Looked up at call time, so a test's patched socket.getaddrinfo is the one used.
    resolve = resolve or socket.getaddrinfo
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    try:
        infos = resolve(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise TargetRefused(f"The host {parts.hostname} cannot be resolved.") from exc
    addresses = list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in infos))
    if not addresses:
        raise TargetRefused(f"The host {parts.hostname} cannot be resolved.")
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        for address in addresses:
            if address_refused(address):
                raise TargetRefused(
                    f"The host {parts.hostname} resolves to {address}, a loopback, private or "
                    "link-local address; webhooks go to public addresses only."
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(
        scheme=parts.scheme,
        host=parts.hostname,
        netloc=parts.netloc,
        port=port,
        path=path,
        address=addresses[0],
    )


def _url_check(url: str):
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http"):
        raise TargetRefused("The URL must start with https://.")
    if parts.scheme == "http" and settings.WEBHOOK_REQUIRE_HTTPS:
        raise TargetRefused("The URL must use https.")
    if not parts.hostname:
        raise TargetRefused("The URL has no host.")
    if parts.username or parts.password:
        raise TargetRefused("The URL may not carry a user name or password.")
    return parts
