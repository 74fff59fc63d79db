// The transport's rules without a server (a scripted fetch plays the API): the
// Idempotency-Key and when a call is retried, token refresh, typed errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ApiConnectionError,
  AuthenticationError,
  BadRequest,
  createLendingsite,
  ok,
  RateLimited,
  ServerError,
  type LendingsiteOptions,
} from "../src/index.js";

const BASE = "https://api.test";
const ME = { id: 1, email: "a@b.in", full_name: "A", roles: [], email_verified: true, is_staff: false };
const QUOTE_BODY = { principal: "10000.00", tenure: 1 };

type Answer = Response | Error | ((body: string) => Response);

interface Seen {
  method: string;
  path: string;
  headers: Headers;
  body: string;
}

function problem(status: number, code: string, headers: Record<string, string> = {}, extra = {}) {
  const body = { type: `https://x/${code}`, title: code, status, detail: code, code, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function scripted(answers: Answer[], options: Partial<LendingsiteOptions> = {}) {
  const seen: Seen[] = [];
  const sleeps: number[] = [];
  const fetch = async (request: Request) => {
    const body = request.body ? await request.text() : "";
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      headers: new Headers(request.headers),
      body,
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer(body) : answer;
  };
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const ls = createLendingsite({ baseUrl: BASE, fetch, sleep, ...options });
  return { ls, seen, sleeps };
}

const quote = (ls: ReturnType<typeof createLendingsite>) =>
  ok(ls.api.POST("/api/v1/quotes/", { body: QUOTE_BODY }));

test("an unsafe call gets one key, kept over its retries", async () => {
  const { ls, seen, sleeps } = scripted([
    new TypeError("fetch failed"),
    problem(503, "service_unavailable"),
    json({ apr: "12.00" }),
  ]);
  assert.equal((await quote(ls)).apr, "12.00");
  assert.equal(seen.length, 3);
  const keys = new Set(seen.map((s) => s.headers.get("Idempotency-Key")));
  assert.equal(keys.size, 1);
  assert.match([...keys][0]!, /^[0-9a-f-]{36}$/);
  assert.deepEqual(seen.map((s) => s.body), Array(3).fill(JSON.stringify(QUOTE_BODY)));
  assert.equal(sleeps.length, 2);
});

test("each call gets its own key and a safe call none", async () => {
  const { ls, seen } = scripted([json({}), json({}), json(ME)], { tokens: { access: "a", refresh: "r" } });
  await quote(ls);
  await quote(ls);
  await ok(ls.api.GET("/api/v1/me/"));
  assert.notEqual(seen[0]!.headers.get("Idempotency-Key"), seen[1]!.headers.get("Idempotency-Key"));
  assert.equal(seen[2]!.headers.get("Idempotency-Key"), null);
});

test("without a key an unsafe call is not retried after a server error", async () => {
  const { ls, seen } = scripted([problem(502, "server_error")], { idempotencyKeys: false });
  await assert.rejects(quote(ls), ServerError);
  assert.equal(seen.length, 1);
});

test("429 waits for Retry-After, and without it is thrown", async () => {
  let run = scripted([problem(429, "throttled", { "Retry-After": "7" }), json({})]);
  await quote(run.ls);
  assert.deepEqual(run.sleeps, [7000]);
  run = scripted([problem(429, "throttled")]);
  await assert.rejects(quote(run.ls), (error: unknown) => {
    assert.ok(error instanceof RateLimited);
    assert.equal(error.code, "throttled");
    assert.equal(error.retryAfter, undefined);
    return true;
  });
});

test("a key still in flight is retried with the same key", async () => {
  const { ls, seen, sleeps } = scripted([
    problem(409, "idempotency_key_in_use", { "Retry-After": "1" }),
    json({ apr: "1.00" }),
  ]);
  await quote(ls);
  assert.deepEqual(sleeps, [1000]);
  assert.equal(seen[0]!.headers.get("Idempotency-Key"), seen[1]!.headers.get("Idempotency-Key"));
});

test("retries are bounded", async () => {
  const { ls, seen, sleeps } = scripted(Array.from({ length: 4 }, () => new TypeError("fetch failed")), {
    retry: { retries: 3 },
  });
  await assert.rejects(quote(ls), ApiConnectionError);
  assert.equal(seen.length, 4);
  assert.equal(sleeps.length, 3);
});

test("a problem is thrown typed, with its code and field errors, and not retried", async () => {
  const { ls, seen } = scripted([problem(400, "validation_error", {}, { errors: { tenure: ["Too long."] } })]);
  await assert.rejects(quote(ls), (error: unknown) => {
    assert.ok(error instanceof BadRequest);
    assert.equal(error.code, "validation_error");
    assert.deepEqual(error.errors, { tenure: ["Too long."] });
    return true;
  });
  assert.equal(seen.length, 1);
});

const refreshAnswer = (body: string) => {
  assert.deepEqual(JSON.parse(body), { refresh: "r1" });
  return json({ access: "a2", refresh: "r2" });
};

test("a 401 refreshes once and retries with the new token", async () => {
  const stored: unknown[] = [];
  const { ls, seen } = scripted([problem(401, "not_authenticated"), refreshAnswer, json(ME)], {
    tokens: { access: "a1", refresh: "r1" },
    onTokens: (tokens) => stored.push(tokens),
  });
  assert.equal((await ok(ls.api.GET("/api/v1/me/"))).id, 1);
  assert.deepEqual(
    seen.map((s) => s.headers.get("Authorization")),
    ["Bearer a1", null, "Bearer a2"],
  );
  assert.deepEqual(stored, [{ access: "a2", refresh: "r2" }]);
  assert.deepEqual(ls.tokens, { access: "a2", refresh: "r2" });
});

test("a 401 that a token cannot cure is thrown without refreshing", async () => {
  const { ls, seen } = scripted([problem(401, "reauth_required")], { tokens: { access: "a1", refresh: "r1" } });
  await assert.rejects(ls.api.GET("/api/v1/me/"), (error: unknown) => {
    assert.ok(error instanceof AuthenticationError);
    assert.equal(error.code, "reauth_required");
    return true;
  });
  assert.equal(seen.length, 1);
});

test("an expiring access token is refreshed before the call", async () => {
  const claims = btoa(JSON.stringify({ exp: Date.now() / 1000 + 5 })).replace(/=+$/, "");
  const { ls, seen } = scripted([refreshAnswer, json(ME)], { tokens: { access: `h.${claims}.s`, refresh: "r1" } });
  await ls.api.GET("/api/v1/me/");
  assert.equal(seen[0]!.path, "/api/v1/auth/token/refresh/");
  assert.equal(seen[1]!.headers.get("Authorization"), "Bearer a2");
});

test("email and password sign in on first use, with the second factor once", async () => {
  const { ls, seen } = scripted([json({ access: "a1", refresh: "r1" }), json(ME)], {
    email: "a@b.in",
    password: "pw",
    otp: "123456",
  });
  await ls.api.GET("/api/v1/me/");
  assert.deepEqual(JSON.parse(seen[0]!.body), { email: "a@b.in", password: "pw", otp: "123456" });
  assert.equal(seen[1]!.headers.get("Authorization"), "Bearer a1");
});

test("an API key is sent as configured", async () => {
  let run = scripted([json(ME)], { apiKey: "ls_live_abc.123" });
  await run.ls.api.GET("/api/v1/me/");
  assert.equal(run.seen[0]!.headers.get("Authorization"), "Api-Key ls_live_abc.123");
  const { ApiKeyAuth } = await import("../src/index.js");
  run = scripted([json(ME)], { auth: new ApiKeyAuth("k", { scheme: "", header: "X-Api-Key" }) });
  await run.ls.api.GET("/api/v1/me/");
  assert.equal(run.seen[0]!.headers.get("X-Api-Key"), "k");
});

test("a non-problem error page is still thrown typed", async () => {
  const { ls } = scripted(Array.from({ length: 4 }, () => new Response("<html>Bad gateway</html>", { status: 502 })));
  await assert.rejects(quote(ls), (error: unknown) => error instanceof ServerError && error.code === "http_502");
});
