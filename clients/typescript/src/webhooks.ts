/**
 * Verify the API's outbound webhooks, signed per the Standard Webhooks specification
 * (https://www.standardwebhooks.com): headers `webhook-id`, `webhook-timestamp` (Unix
 * seconds), `webhook-signature` = space-separated `v1,<base64 HMAC-SHA256>` entries (several
 * during a secret roll); signed content `{id}.{timestamp}.{raw body}`; key = the base64 after
 * `whsec_`; a timestamp more than 5 minutes from now is refused. Uses WebCrypto, so it runs
 * in Node 18+, browsers and edge runtimes. Verify the raw body before parsing it; the id is
 * the same on every retry of a delivery (drop duplicates: delivery is at-least-once).
 */
import { webcrypto } from "./webcrypto.js";

export const SECRET_PREFIX = "whsec_";
export const TOLERANCE_SECONDS = 5 * 60;

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

const encoder = new TextEncoder();

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function secretBytes(secret: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof secret !== "string") return new Uint8Array(secret);
  const raw = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  try {
    return base64ToBytes(raw);
  } catch {
    throw new Error("a webhook secret is whsec_ followed by base64");
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The `v1,<base64>` signature of one delivery (for tests and local tools). */
export async function sign(
  secret: string | Uint8Array,
  msgId: string,
  timestamp: number,
  body: string | Uint8Array,
): Promise<string> {
  const crypto = await webcrypto();
  const key = await crypto.subtle.importKey(
    "raw",
    secretBytes(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const prefix = encoder.encode(`${msgId}.${timestamp}.`);
  const data = typeof body === "string" ? encoder.encode(body) : body;
  const content = new Uint8Array(prefix.length + data.length);
  content.set(prefix);
  content.set(data, prefix.length);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, content));
  return `v1,${bytesToBase64(digest)}`;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string {
  let value: string | string[] | undefined | null;
  if (typeof (headers as Headers).get === "function") {
    value = (headers as Headers).get(name);
  } else {
    const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
    value = entry?.[1];
  }
  if (Array.isArray(value)) value = value.join(" ");
  if (value === undefined || value === null) throw new WebhookVerificationError(`missing header ${name}`);
  return value;
}

export class WebhookVerifier {
  private readonly secrets: Uint8Array<ArrayBuffer>[];

  /** Every secret valid during a roll; a delivery passes if any signature matches any secret. */
  constructor(
    secrets: string | Uint8Array | Array<string | Uint8Array>,
    readonly toleranceSeconds = TOLERANCE_SECONDS,
  ) {
    const list = Array.isArray(secrets) ? secrets : [secrets];
    if (list.length === 0) throw new Error("give at least one webhook secret");
    this.secrets = list.map(secretBytes);
  }

  /** The parsed JSON payload of a genuine delivery; else throws WebhookVerificationError. */
  async verify(
    body: string | Uint8Array,
    headers: HeaderSource,
    options: { now?: number } = {},
  ): Promise<unknown> {
    const msgId = header(headers, "webhook-id");
    const rawTimestamp = header(headers, "webhook-timestamp");
    const signatures = header(headers, "webhook-signature");
    const timestamp = Number(rawTimestamp);
    if (!/^\d+$/.test(rawTimestamp) || !Number.isSafeInteger(timestamp)) {
      throw new WebhookVerificationError("webhook-timestamp is not a number");
    }
    const now = options.now ?? Date.now() / 1000;
    if (Math.abs(now - timestamp) > this.toleranceSeconds) {
      throw new WebhookVerificationError("webhook-timestamp is too old or too new");
    }
    const expected = await Promise.all(this.secrets.map((s) => sign(s, msgId, timestamp, body)));
    for (const entry of signatures.split(" ")) {
      if (!entry.startsWith("v1,")) continue; // other schemes are not used by the API
      if (expected.some((candidate) => constantTimeEqual(entry, candidate))) {
        const text = typeof body === "string" ? body : new TextDecoder().decode(body);
        try {
          return JSON.parse(text);
        } catch {
          throw new WebhookVerificationError("the body is not JSON");
        }
      }
    }
    throw new WebhookVerificationError("no matching signature");
  }
}
