// The verifier against a delivery signed by the Standard Webhooks reference library
// (test/fixtures/webhook.json, written by clients/python/tests/webhook_fixture.py).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { sign, WebhookVerificationError, WebhookVerifier } from "../src/index.js";

interface Fixture {
  old_secret: string;
  new_secret: string;
  headers: Record<string, string>;
  rotation_signature: string;
  body: string;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../test/fixtures/webhook.json", import.meta.url), "utf8"),
) as Fixture;
const at = Number(fixture.headers["webhook-timestamp"]);

test("a delivery signed by the reference library verifies", async () => {
  const payload = await new WebhookVerifier(fixture.new_secret).verify(fixture.body, fixture.headers, { now: at });
  assert.deepEqual(payload, JSON.parse(fixture.body));
});

test("the raw bytes and a Headers object work too", async () => {
  const headers = new Headers(fixture.headers);
  const bytes = new TextEncoder().encode(fixture.body);
  const payload = (await new WebhookVerifier(fixture.new_secret).verify(bytes, headers, { now: at })) as {
    type: string;
  };
  assert.equal(payload.type, "payment.posted");
});

test("the SDK's signature is the reference library's", async () => {
  const signature = await sign(fixture.new_secret, fixture.headers["webhook-id"]!, at, fixture.body);
  assert.equal(signature, fixture.headers["webhook-signature"]);
});

test("during a secret roll either secret verifies", async () => {
  const headers = { ...fixture.headers, "webhook-signature": fixture.rotation_signature };
  for (const secrets of [[fixture.old_secret], [fixture.new_secret], [fixture.old_secret, fixture.new_secret]]) {
    await new WebhookVerifier(secrets).verify(fixture.body, headers, { now: at });
  }
});

test("a changed body, id or timestamp, or another secret, is refused", async () => {
  const verifier = new WebhookVerifier(fixture.new_secret);
  const refused = (body: string, headers: Record<string, string>, now = at) =>
    assert.rejects(verifier.verify(body, headers, { now }), WebhookVerificationError);
  await refused(fixture.body.replace("1000.00", "9000.00"), fixture.headers);
  await refused(fixture.body, { ...fixture.headers, "webhook-id": "msg_other" });
  await refused(fixture.body, { ...fixture.headers, "webhook-timestamp": String(at + 1) }, at + 1);
  await assert.rejects(
    new WebhookVerifier(fixture.old_secret).verify(fixture.body, fixture.headers, { now: at }),
    /no matching signature/,
  );
});

test("timestamps more than five minutes away are refused", async () => {
  const verifier = new WebhookVerifier(fixture.new_secret);
  await verifier.verify(fixture.body, fixture.headers, { now: at + 299 });
  await verifier.verify(fixture.body, fixture.headers, { now: at - 299 });
  await assert.rejects(verifier.verify(fixture.body, fixture.headers, { now: at + 301 }), /timestamp/);
  await assert.rejects(verifier.verify(fixture.body, fixture.headers, { now: at - 301 }), /timestamp/);
  // Without `now`, the clock: the fixture is long past.
  await assert.rejects(verifier.verify(fixture.body, fixture.headers), /timestamp/);
});

test("missing headers and other schemes are refused", async () => {
  const verifier = new WebhookVerifier(fixture.new_secret);
  for (const name of Object.keys(fixture.headers)) {
    const headers = Object.fromEntries(Object.entries(fixture.headers).filter(([key]) => key !== name));
    await assert.rejects(verifier.verify(fixture.body, headers, { now: at }), /missing header/);
  }
  const value = fixture.headers["webhook-signature"]!.slice(3);
  await assert.rejects(
    verifier.verify(fixture.body, { ...fixture.headers, "webhook-signature": `v1a,${value}` }, { now: at }),
    /no matching signature/,
  );
});
