// The integrator's flow against a live server (scripts/sdk-test sets LENDINGSITE_URL and
// LENDINGSITE_TOTP_COMMAND): quote → application → submit → approval → KFS → acceptance →
// disbursement → a payment posted safely, through the typed client and the SDK's transport.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import {
  AuthenticationError,
  Conflict,
  createLendingsite,
  iterate,
  NotFound,
  ok,
  pages,
  Unprocessable,
  WebhookVerificationError,
  WebhookVerifier,
  type Lendingsite,
} from "../src/index.js";

const BASE = process.env.LENDINGSITE_URL;
if (!BASE && process.env.LENDINGSITE_REQUIRE_LIVE) {
  throw new Error("LENDINGSITE_REQUIRE_LIVE is set but LENDINGSITE_URL is not");
}
const DOMAIN = "demo.lendingsite.example";
const CREDIT_MANAGER = { email: `credit.manager@${DOMAIN}`, password: "demo-credit-manager-2026" };
const FINANCE = { email: `finance@${DOMAIN}`, password: "demo-finance-2026" };
// A seeded borrower with verified KYC and bank account (loans/demo.py), not the Python suite's.
const BORROWER = { email: `arjun@${DOMAIN}`, password: "demo-borrower-2026" };
// Registers the suite's webhook endpoint (superusers manage endpoints).
const ADMIN = { email: `admin@${DOMAIN}`, password: "demo-admin-2026" };

/** A partner's webhook receiver on this machine: answers 204, keeps raw bodies and headers. */
class Inbox {
  readonly received: { body: Buffer; headers: IncomingHttpHeaders }[] = [];
  readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      this.received.push({ body: Buffer.concat(chunks), headers: request.headers });
      response.writeHead(204).end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/lendingsite-hooks`;
  }

  /** The first delivery whose JSON `match` accepts (parsed only to pick it out). */
  async waitFor(match: (event: any) => boolean, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.received.find((entry) => match(JSON.parse(entry.body.toString("utf8"))));
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no matching webhook within ${timeoutMs / 1000} s: ${this.received.length} received`);
  }
}

function totp(email: string): string {
  const [command, ...args] = (process.env.LENDINGSITE_TOTP_COMMAND ?? "").split(" ").filter(Boolean);
  return execFileSync(command!, [...args, email], { encoding: "utf8" }).trim();
}

/** A code is good once per 30-second step (the Python suite may have used this one). */
const nextTotpStep = () => new Promise((resolve) => setTimeout(resolve, (31 - (Date.now() / 1000) % 30) * 1000));

/** Signed in with the current code; if the other suite used it a moment ago, the next one. */
async function signedInStaff(login: { email: string; password: string }): Promise<Lendingsite> {
  for (const retry of [false, true]) {
    const session = createLendingsite({ baseUrl: BASE ?? "", ...login, otp: totp(login.email) });
    try {
      await session.signIn();
      return session;
    } catch (error) {
      if (retry || !(error instanceof AuthenticationError)) throw error;
      await nextTotpStep();
    }
  }
  throw new Error("unreachable");
}

function today(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Kolkata" }).format(new Date());
}

describe("against a live server", { skip: BASE ? false : "LENDINGSITE_URL is not set (scripts/sdk-test)" }, () => {
  const baseUrl = BASE ?? "";
  let creditManager: Lendingsite;
  let finance: Lendingsite;
  let borrower: Lendingsite;
  let admin: Lendingsite;
  const inbox = new Inbox();
  let endpoint: { id: number; secret: string };

  before(async () => {
    borrower = createLendingsite({ baseUrl, ...BORROWER });
    // Staff sign in with their second factor, then re-authenticate with a later step's code.
    creditManager = await signedInStaff(CREDIT_MANAGER);
    finance = await signedInStaff(FINANCE);
    admin = await signedInStaff(ADMIN);
    await nextTotpStep();
    await creditManager.reauthenticate(CREDIT_MANAGER.password, totp(CREDIT_MANAGER.email));
    await finance.reauthenticate(FINANCE.password, totp(FINANCE.email));
    await admin.reauthenticate(ADMIN.password, totp(ADMIN.email));
    // The server allows loopback targets (scripts/sdk-test); production refuses them.
    const url = await inbox.start();
    endpoint = await ok(
      admin.api.POST("/api/v1/webhook-endpoints/", {
        body: { url, description: "SDK test (TypeScript)", event_types: ["payment.posted"] },
      }),
    );
  });

  after(async () => {
    try {
      if (endpoint) {
        await admin.api.PATCH("/api/v1/webhook-endpoints/{id}/", {
          params: { path: { id: endpoint.id } },
          body: { is_active: false },
        });
      }
    } finally {
      inbox.server.close();
    }
  });

  test("an anonymous quote", async () => {
    const anonymous = createLendingsite({ baseUrl });
    const quote = await ok(
      anonymous.api.POST("/api/v1/quotes/", { body: { principal: "100000.00", tenure: 12, annual_rate: "14.0000" } }),
    );
    assert.equal(quote.schedule.length, 12);
    const paise = quote.schedule.reduce((sum, row) => sum + Math.round(Number(row.principal) * 100), 0);
    assert.equal(paise, 100000_00);
  });

  test("a dead access token is refreshed and the refresh token rotates", async () => {
    const me = await ok(borrower.api.GET("/api/v1/me/"));
    const first = borrower.tokens!;
    const session = createLendingsite({ baseUrl, tokens: { access: `${first.access.slice(0, -4)}AAAA`, refresh: first.refresh } });
    assert.equal((await ok(session.api.GET("/api/v1/me/"))).id, me.id);
    assert.notEqual(session.tokens!.refresh, first.refresh);
    const stale = createLendingsite({ baseUrl, tokens: { access: "x.y.z", refresh: first.refresh } });
    await assert.rejects(stale.api.GET("/api/v1/me/"), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, "not_authenticated");
      return true;
    });
  });

  test("quote to payment", async () => {
    let product;
    for await (const p of iterate((page, page_size) =>
      borrower.api.GET("/api/v1/products/", { params: { query: { page, page_size } } }),
    )) {
      product = p;
      break;
    }
    assert.ok(product);
    const amount = Math.max(Number(product.min_amount), 50000).toFixed(2);
    const application = await ok(
      borrower.api.POST("/api/v1/applications/", {
        body: {
          product: product.code,
          amount,
          tenure: Math.max(product.min_tenure, 12),
          purpose: "SDK test (TypeScript)",
          monthly_income: "300000.00",
          existing_emis: "0.00",
        },
      }),
    );
    assert.equal(application.status, "draft");
    const id = application.id;
    const submitted = await ok(borrower.api.POST("/api/v1/applications/{id}/submit/", { params: { path: { id } } }));
    assert.ok(["submitted", "under_review"].includes(submitted.status), submitted.status);

    const approved = await ok(
      creditManager.api.POST("/api/v1/applications/{id}/approve/", { params: { path: { id } }, body: {} }),
    );
    assert.equal(approved.status, "approved");
    const kfs = await ok(borrower.api.GET("/api/v1/applications/{id}/kfs/", { params: { path: { id } } }));
    assert.ok(Number(kfs.apr) > 0);
    const accepted = await ok(borrower.api.POST("/api/v1/applications/{id}/accept/", { params: { path: { id } } }));
    const loan = accepted.loan;

    const disbursed = await ok(
      finance.api.POST("/api/v1/loans/{id}/disburse/", {
        params: { path: { id: String(loan) } },
        body: { disbursed_on: today(), reference: `SDK-TS-${randomUUID().slice(0, 8)}` },
      }),
    );
    assert.equal(disbursed.status, "active");

    // The same Idempotency-Key twice: the server replays the first answer, one payment.
    const body = { loan, amount: "1000.00", paid_on: today(), channel: "upi" as const, utr: randomUUID().slice(0, 16) };
    const key = randomUUID();
    const post = (b: typeof body, k?: string) =>
      ok(finance.api.POST("/api/v1/payments/", { body: b, params: { header: k ? { "Idempotency-Key": k } : {} } }));
    const payment = await post(body, key);
    const again = await post(body, key);
    assert.equal(again.id, payment.id);
    await assert.rejects(post({ ...body, amount: "1001.00" }, key), (error: unknown) => {
      assert.ok(error instanceof Unprocessable);
      assert.equal(error.code, "idempotency_key_reused");
      return true;
    });
    await assert.rejects(post(body), (error: unknown) => error instanceof Conflict && error.code === "duplicate_utr");

    // The answer to a payment is lost on the way back; the SDK retries with its key and the
    // server replays: one payment, not two.
    const keys: string[] = [];
    const lossy = createLendingsite({
      baseUrl,
      tokens: finance.tokens,
      fetch: async (request: Request) => {
        const response = await globalThis.fetch(request);
        if (request.method === "POST" && new URL(request.url).pathname === "/api/v1/payments/") {
          keys.push(request.headers.get("Idempotency-Key") ?? "");
          if (keys.length === 1) {
            await response.arrayBuffer();
            throw new TypeError("fetch failed: connection reset");
          }
        }
        return response;
      },
    });
    const lost = await ok(
      lossy.api.POST("/api/v1/payments/", {
        body: { loan, amount: "500.00", paid_on: today(), channel: "neft", utr: randomUUID().slice(0, 16) },
      }),
    );
    assert.equal(keys.length, 2);
    assert.equal(keys[0], keys[1]);

    const listPage = (page: number, page_size: number) =>
      finance.api.GET("/api/v1/payments/", { params: { query: { loan, page, page_size } } });
    const posted: number[] = [];
    for await (const p of iterate(listPage, 1)) posted.push(p.id);
    assert.deepEqual(posted.sort(), [payment.id, lost.id].sort());
    let count = 0;
    for await (const _ of pages(listPage, 1)) count++;
    assert.equal(count, 2);

    const loanAfter = await ok(borrower.api.GET("/api/v1/loans/{id}/", { params: { path: { id: String(loan) } } }));
    assert.equal(loanAfter.status, "active");
    assert.ok(Number(loanAfter.principal_outstanding) < Number(amount));

    // The payment's webhook, sent by the server's worker to this suite's receiver, verifies
    // with the SDK's verifier and the secret shown at registration; a changed byte does not.
    const delivery = await inbox.waitFor(
      (event) => event.type === "payment.posted" && event.data.payment.id === payment.id,
    );
    const verifier = new WebhookVerifier(endpoint.secret);
    const delivered = (await verifier.verify(delivery.body, delivery.headers)) as any;
    assert.equal(delivered.loan, loan);
    assert.equal(delivered.data.payment.amount, "1000.00");
    assert.equal(delivered.id, delivery.headers["webhook-id"]);
    const forged = Buffer.from(delivery.body.toString("utf8").replace("1000.00", "9000.00"));
    await assert.rejects(verifier.verify(forged, delivery.headers), WebhookVerificationError);
  });

  test("someone else's loan is not found", async () => {
    await assert.rejects(
      borrower.api.GET("/api/v1/loans/{id}/", { params: { path: { id: "987654321" } } }),
      (error: unknown) => error instanceof NotFound && error.code === "not_found" && error.status === 404,
    );
  });
});
