"""The webhook POST, pinned to the address the SSRF check approved (integrations.ssrf.
Target): urllib3 connects to that IP and nothing resolves the name again, while the
request still names the host: the Host header is the URL's, and over TLS the server name
(SNI) and the certificate check are the host name, not the IP. No redirects (a 3xx could
point anywhere), no retries here (the delivery schedule retries), a fresh connection per
attempt (attempts to one endpoint are minutes apart)."""

import certifi
import urllib3

from integrations.ssrf import Target

RESPONSE_KEEP = 2000  # characters of the response body kept in the delivery log


def pool_for(target: Target, *, connect_timeout: float, read_timeout: float):
    common = {
        "host": target.address,
        "port": target.port,
        "timeout": urllib3.Timeout(connect=connect_timeout, read=read_timeout),
        "retries": False,
        "maxsize": 1,
    }
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            **common,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=target.host,  # SNI: the name, not the address
            assert_hostname=target.host,  # the certificate must be the name's
        )
    return urllib3.HTTPConnectionPool(**common)


def pinned_post(
    target: Target, *, body: bytes, headers: dict, connect_timeout: float, read_timeout: float
) -> tuple[int, str]:
    """(status, the start of the response body); raises urllib3.exceptions.HTTPError on
    a connection failure or timeout."""
    pool = pool_for(target, connect_timeout=connect_timeout, read_timeout=read_timeout)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "host": target.netloc},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            # Up to 4 bytes per character: enough bytes for the characters kept.
            head = response.read(RESPONSE_KEEP * 4)
        finally:
            response.release_conn()
        return response.status, head.decode("utf-8", errors="replace")[:RESPONSE_KEEP]
    finally:
        pool.close()
