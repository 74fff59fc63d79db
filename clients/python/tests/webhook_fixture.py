"""Writes clients/typescript/test/fixtures/webhook.json: a delivery signed by the Standard
Webhooks reference library (standardwebhooks), which the TypeScript SDK's verifier is tested
against. test_webhooks.py checks the committed file still matches the library's signatures.

    cd clients/python && python -m tests.webhook_fixture
"""

import base64
import datetime
import json
from pathlib import Path

from standardwebhooks import Webhook

FIXTURE = Path(__file__).resolve().parents[2] / "typescript" / "test" / "fixtures" / "webhook.json"
# Fixed test secrets (base64 of 24 known bytes): never used outside the tests.
OLD_SECRET = "whsec_" + base64.b64encode(b"lendingsite-old-secret-1").decode()
NEW_SECRET = "whsec_" + base64.b64encode(b"lendingsite-new-secret-2").decode()
MSG_ID = "msg_2Zr6yGgWq0p1sdkTestFixture"
TIMESTAMP = 1_796_000_000
BODY = json.dumps(
    {
        "id": "evt_01JSDKTEST",
        "type": "payment.posted",
        "version": 1,
        "business_date": "2026-12-03",
        "data": {"payment": 42, "loan": 7, "amount": "1000.00", "utr": "UTR-₹-2026"},
    },
    ensure_ascii=False,
    separators=(",", ":"),
)


def reference_signature(secret: str) -> str:
    when = datetime.datetime.fromtimestamp(TIMESTAMP, tz=datetime.UTC)
    return Webhook(secret).sign(MSG_ID, when, BODY)


def fixture() -> dict:
    old, new = reference_signature(OLD_SECRET), reference_signature(NEW_SECRET)
    return {
        "about": "Signed by the standardwebhooks reference library: clients/python/tests/webhook_fixture.py",
        "old_secret": OLD_SECRET,
        "new_secret": NEW_SECRET,
        "headers": {
            "webhook-id": MSG_ID,
            "webhook-timestamp": str(TIMESTAMP),
            "webhook-signature": new,
        },
        "rotation_signature": f"{old} {new}",
        "body": BODY,
    }


if __name__ == "__main__":
    FIXTURE.write_text(json.dumps(fixture(), indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {FIXTURE}")
