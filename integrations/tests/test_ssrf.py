"""DNS rebinding: the delivery connects to the address its SSRF check approved, with the
original Host header (and TLS server name), and never resolves the name a second time."""

import socket

import pytest
import urllib3.util.connection

from integrations import http, ssrf
from integrations.models import DeliveryStatus
from integrations.services.deliveries import delivery_attempt
from integrations.services.endpoints import webhook_endpoint_create
from integrations.tests.test_delivery import _one_delivery, _verify

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.215.14"  # a global address: the check accepts it


class Rebinding:
    """A resolver for partner.example that answers a public address the first time and
    127.0.0.1 after that (an attacker's DNS with a zero TTL); other names resolve as ever."""

    def __init__(self):
        self.asked = 0
        self.real = socket.getaddrinfo

    def __call__(self, host, port, *args, **kwargs):
        if host != "partner.example":
            return self.real(host, port, *args, **kwargs)
        self.asked += 1
        address = PUBLIC if self.asked == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]


@pytest.fixture
def rebinding(monkeypatch, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    settings.WEBHOOK_REQUIRE_HTTPS = False
    resolver = Rebinding()
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    return resolver


def test_the_connection_goes_to_the_checked_address_not_a_second_answer(
    rebinding, monkeypatch, admin_user, receiver
):
    # The "public" address stands for the partner's server: a socket opened to it reaches
    # the local receiver. Every socket the delivery opens is recorded.
    opened = []
    real_connect = urllib3.util.connection.create_connection

    def connect(address, *args, **kwargs):
        opened.append(address)
        host, port = address
        return real_connect(("127.0.0.1" if host == PUBLIC else host, port), *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", connect)
    url = receiver.url.replace("127.0.0.1", "partner.example")
    port = receiver.server.server_port
    endpoint = webhook_endpoint_create(acting_user=admin_user, url=url, event_types=[])
    rebinding.asked = 0  # the registration's check used the first answer; start again

    delivery = _one_delivery(endpoint)
    assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED

    assert rebinding.asked == 1  # one resolution: the check's
    assert opened == [(PUBLIC, port)]  # the socket went to the address it approved
    (request,) = receiver.requests
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["host"] == f"partner.example:{port}"  # the name, as the URL has it
    assert _verify(endpoint.secret, request)["id"] == delivery.event.event_id


def test_a_name_that_answers_loopback_first_is_refused_and_nothing_is_sent(
    rebinding, admin_user, receiver, settings
):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True  # registered while allowed
    endpoint = webhook_endpoint_create(
        acting_user=admin_user,
        url=receiver.url.replace("127.0.0.1", "partner.example"),
        event_types=[],
    )
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    rebinding.asked = 1  # the next answer is 127.0.0.1
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("refused:") and "127.0.0.1" in delivery.last_error
    assert receiver.requests == []


def test_tls_names_the_host_not_the_address():
    target = ssrf.Target(
        scheme="https",
        host="partner.example",
        netloc="partner.example",
        port=443,
        path="/hooks?x=1",
        address=PUBLIC,
    )
    pool = http.pool_for(target, connect_timeout=1, read_timeout=1)
    assert pool.host == PUBLIC and pool.port == 443
    assert pool.conn_kw["server_hostname"] == "partner.example"
    assert pool.assert_hostname == "partner.example"
    assert pool.cert_reqs == "CERT_REQUIRED"
