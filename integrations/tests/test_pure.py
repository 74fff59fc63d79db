"""The pure parts: the retry schedule and the SSRF address rule."""

import random
import socket
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from integrations import retry, signing, ssrf


def test_the_retry_window_is_about_three_days():
    assert timedelta(days=2, hours=18) <= retry.nominal_window() <= timedelta(days=3, hours=12)


@given(attempt=st.integers(1, retry.MAX_ATTEMPTS - 1), seed=st.integers(0, 2**32))
def test_each_delay_is_within_the_jitter_of_the_doubling(attempt, seed):
    delay = retry.retry_delay(attempt, random.Random(seed)).total_seconds()
    nominal = min(retry.BASE_SECONDS * 2 ** (attempt - 1), retry.CAP_SECONDS)
    assert nominal * (1 - retry.JITTER) <= delay <= nominal * (1 + retry.JITTER)


def test_no_delay_after_the_last_attempt():
    assert retry.retry_delay(retry.MAX_ATTEMPTS) is None
    with pytest.raises(ValueError):
        retry.retry_delay(0)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "0.0.0.0",
        "::ffff:127.0.0.1",
        "100.64.0.1",
        "fd00::1",
    ],
)
def test_private_addresses_are_refused(address):
    assert ssrf.address_refused(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address):
    assert not ssrf.address_refused(address)


def _resolver(address):
    def resolve(host, port, proto=0):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    return resolve


def test_a_name_resolving_to_a_private_address_is_refused(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    settings.WEBHOOK_REQUIRE_HTTPS = True
    with pytest.raises(ssrf.TargetRefused, match=r"169\.254\.169\.254"):
        ssrf.target_check("https://metadata.example/", resolve=_resolver("169.254.169.254"))
    ssrf.target_check("https://partner.example/", resolve=_resolver("8.8.8.8"))
    with pytest.raises(ssrf.TargetRefused, match="https"):
        ssrf.target_check("http://partner.example/", resolve=_resolver("8.8.8.8"))
    with pytest.raises(ssrf.TargetRefused):
        ssrf.target_check("https://user:pw@partner.example/", resolve=_resolver("8.8.8.8"))


def test_secrets_have_the_standard_form():
    secret = signing.secret_new()
    assert secret.startswith("whsec_")
    assert signing.secret_new() != secret
