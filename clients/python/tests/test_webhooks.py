"""The webhook verifier against the Standard Webhooks reference library (standardwebhooks):
what the library signs, the SDK accepts; what the SDK signs, the library accepts."""

import base64
import datetime
import json
import time

import pytest
from lendingsite_client import WebhookVerificationError, WebhookVerifier
from lendingsite_client.webhooks import sign
from standardwebhooks import Webhook

from . import webhook_fixture

SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
OTHER = "whsec_" + base64.b64encode(b"another secret, another endpoint").decode()
BODY = '{"id":"evt_1","type":"loan.disbursed","business_date":"2026-12-03","data":{"loan":7}}'


def signed(secret=SECRET, *, body=BODY, msg_id="msg_1", at=None):
    at = int(time.time()) if at is None else at
    when = datetime.datetime.fromtimestamp(at, tz=datetime.UTC)
    signature = Webhook(secret).sign(msg_id, when, body)
    return {"webhook-id": msg_id, "webhook-timestamp": str(at), "webhook-signature": signature}


def test_a_delivery_signed_by_the_reference_library_verifies():
    payload = WebhookVerifier(SECRET).verify(BODY.encode(), signed())
    assert payload == json.loads(BODY)


def test_the_reference_library_accepts_what_the_sdk_signs():
    at = int(time.time())
    headers = {
        "webhook-id": "msg_2",
        "webhook-timestamp": str(at),
        "webhook-signature": sign(SECRET, msg_id="msg_2", timestamp=at, body=BODY),
    }
    assert Webhook(SECRET).verify(BODY, headers) == json.loads(BODY)


def test_header_names_are_case_insensitive():
    headers = {k.title(): v for k, v in signed().items()}
    assert WebhookVerifier(SECRET).verify(BODY, headers)["id"] == "evt_1"


@pytest.mark.parametrize("known", [[SECRET], [OTHER], [OTHER, SECRET]])
def test_during_a_secret_roll_either_signature_verifies(known):
    headers = signed(SECRET)
    headers["webhook-signature"] += " " + signed(OTHER)["webhook-signature"]
    assert WebhookVerifier(known).verify(BODY, headers)["id"] == "evt_1"


def test_a_changed_body_is_refused():
    with pytest.raises(WebhookVerificationError, match="no matching signature"):
        WebhookVerifier(SECRET).verify(BODY.replace("7", "8"), signed())


def test_another_secret_is_refused():
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(OTHER).verify(BODY, signed(SECRET))


def test_a_changed_id_or_timestamp_is_refused():
    headers = signed()
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(SECRET).verify(BODY, {**headers, "webhook-id": "msg_other"})
    later = str(int(headers["webhook-timestamp"]) + 1)
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(SECRET).verify(BODY, {**headers, "webhook-timestamp": later})


@pytest.mark.parametrize("offset, ok", [(-299, True), (299, True), (-301, False), (301, False)])
def test_timestamps_more_than_five_minutes_away_are_refused(offset, ok):
    now = time.time()
    headers = signed(at=int(now) + offset)
    verifier = WebhookVerifier(SECRET)
    if ok:
        assert verifier.verify(BODY, headers, now=int(now))
    else:
        with pytest.raises(WebhookVerificationError, match="timestamp"):
            verifier.verify(BODY, headers, now=int(now))


def test_missing_headers_and_unknown_schemes_are_refused():
    headers = signed()
    for name in headers:
        with pytest.raises(WebhookVerificationError, match="missing header"):
            WebhookVerifier(SECRET).verify(BODY, {k: v for k, v in headers.items() if k != name})
    value = headers["webhook-signature"].split(",", 1)[1]
    with pytest.raises(WebhookVerificationError):
        WebhookVerifier(SECRET).verify(BODY, {**headers, "webhook-signature": f"v1a,{value}"})


def test_the_typescript_fixture_is_what_the_reference_library_signs():
    committed = json.loads(webhook_fixture.FIXTURE.read_text())
    assert committed == webhook_fixture.fixture()
    now = webhook_fixture.TIMESTAMP
    assert WebhookVerifier(committed["new_secret"]).verify(
        committed["body"], committed["headers"], now=now
    )
