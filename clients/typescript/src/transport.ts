/**
 * The SDK's HTTP layer: the `fetch` the generated client (openapi-fetch) calls, so every
 * endpoint gets the same behaviour:
 * - an `Idempotency-Key` (a fresh UUID) on every unsafe call that has none, kept over that
 *   call's retries, so a retried payment is replayed by the server, never posted twice;
 * - retries with exponential backoff and full jitter: connection errors and 5xx only when a
 *   retry is safe (a safe method, or an unsafe one carrying its key); 429 and 409
 *   `idempotency_key_in_use` after their Retry-After;
 * - the access token refreshed before it expires, and once more on a 401 `not_authenticated`;
 * - every problem+json answer thrown as a typed error (errors.ts).
 */
import type { Auth } from "./auth.js";
import { ApiConnectionError, errorFor, parseProblem, retryAfterSeconds } from "./errors.js";
import { VERSION } from "./version.js";
import { webcrypto } from "./webcrypto.js";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const RETRY_STATUSES = new Set([500, 502, 503, 504]);
/** 401 codes a new access token can cure (not mfa_required, otp_invalid, reauth_required). */
const REFRESHABLE_CODES = new Set(["not_authenticated", "token_not_valid"]);

export interface RetryPolicy {
  /** More attempts after the first. */
  retries: number;
  backoffMs: number;
  maxBackoffMs: number;
  /** A longer Retry-After is not waited for: the error is thrown. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 8000,
  maxRetryAfterMs: 60_000,
};

export interface TransportOptions {
  baseUrl: string;
  auth?: Auth;
  retry?: Partial<RetryPolicy>;
  idempotencyKeys?: boolean;
  /** The underlying fetch (default: the global one). */
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createTransport(options: TransportOptions) {
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const inner = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const sleep = options.sleep ?? realSleep;
  const backoff = (attempt: number) =>
    Math.random() * Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** attempt);

  return async function transport(request: Request): Promise<Response> {
    const method = request.method.toUpperCase();
    const safe = SAFE_METHODS.has(method);
    const headers = new Headers(request.headers);
    headers.set("X-Lendingsite-Client", `typescript/${VERSION}`);
    if (!safe && options.idempotencyKeys !== false && !headers.has(IDEMPOTENCY_HEADER)) {
      headers.set(IDEMPOTENCY_HEADER, (await webcrypto()).randomUUID());
    }
    const replayable = safe || headers.has(IDEMPOTENCY_HEADER);
    // The body is read once and sent again on every retry.
    const body = request.body ? await request.arrayBuffer() : undefined;
    let attempt = 0;
    let refreshed = false;
    for (;;) {
      await options.auth?.apply(headers, options.baseUrl, inner);
      const init: RequestInit = { method, headers, body, redirect: request.redirect };
      if (options.timeoutMs) init.signal = AbortSignal.timeout(options.timeoutMs);
      let response: Response;
      try {
        response = await inner(new Request(request.url, init));
      } catch (error) {
        if (replayable && attempt < policy.retries) {
          await sleep(backoff(attempt++));
          continue;
        }
        throw new ApiConnectionError(`${method} ${request.url}: ${String(error)}`, { cause: error });
      }
      if (response.status < 400) return response;
      const text = await response.text();
      const code = parseProblem(response.status, text).code;
      if (response.status === 401 && !refreshed && options.auth && REFRESHABLE_CODES.has(code ?? "")) {
        refreshed = true;
        if (await options.auth.refresh(options.baseUrl, inner, headers.get("Authorization"))) continue;
      }
      let waitMs: number | undefined;
      if (attempt < policy.retries) {
        const after = retryAfterSeconds(response);
        if (response.status === 429 || (response.status === 409 && code === "idempotency_key_in_use")) {
          if (after !== undefined && after * 1000 <= policy.maxRetryAfterMs) waitMs = after * 1000;
        } else if (RETRY_STATUSES.has(response.status) && replayable) {
          waitMs =
            after !== undefined && after * 1000 <= policy.maxRetryAfterMs ? after * 1000 : backoff(attempt);
        }
      }
      if (waitMs === undefined) throw errorFor(response, text);
      await sleep(waitMs);
      attempt++;
    }
  };
}
