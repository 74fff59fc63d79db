/**
 * `createLendingsite`: the typed client (openapi-fetch over the generated `paths`) on the
 * SDK's transport (transport.ts).
 */
import createClient from "openapi-fetch";
import { ApiKeyAuth, TokenAuth, type Auth, type Tokens } from "./auth.js";
import type { paths } from "./generated/schema.js";
import { createTransport, type RetryPolicy } from "./transport.js";

export interface LendingsiteOptions {
  baseUrl: string;
  /** Bearer JWTs: sign in with these on first use (staff add `otp`)… */
  email?: string;
  password?: string;
  otp?: string;
  /** …or start from an earlier pair. */
  tokens?: Tokens;
  onTokens?: (tokens: Tokens) => void;
  /** Server-to-server: `Authorization: Api-Key <key>`. */
  apiKey?: string;
  /** Any Auth (auth.ts); overrides the above. */
  auth?: Auth;
  retry?: Partial<RetryPolicy>;
  idempotencyKeys?: boolean;
  timeoutMs?: number;
  fetch?: (request: Request) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

export function createLendingsite(options: LendingsiteOptions) {
  let auth = options.auth;
  if (!auth && options.apiKey) auth = new ApiKeyAuth(options.apiKey);
  if (!auth && (options.tokens || options.email)) {
    auth = new TokenAuth({
      email: options.email,
      password: options.password,
      otp: options.otp,
      tokens: options.tokens,
      onTokens: options.onTokens,
    });
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const inner = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const transport = createTransport({
    baseUrl: `${baseUrl}/`,
    auth,
    retry: options.retry,
    idempotencyKeys: options.idempotencyKeys,
    fetch: inner,
    sleep: options.sleep,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const api = createClient<paths>({ baseUrl, fetch: transport });

  const tokenAuth = () => {
    if (!(auth instanceof TokenAuth)) throw new Error("this needs email/password (token) authentication");
    return auth;
  };
  return {
    /** Typed endpoints: `api.GET("/api/v1/loans/{id}/", { params: { path: { id } } })`. */
    api,
    auth,
    get tokens(): Tokens | undefined {
      return auth instanceof TokenAuth ? auth.tokens : undefined;
    },
    /** Sign in now (else the first call does). */
    signIn: () => tokenAuth().signIn(`${baseUrl}/`, inner),
    /** Staff: password + a fresh second-factor code before approve, disburse, reverse, waive. */
    async reauthenticate(password: string, otp: string): Promise<Tokens> {
      const current = tokenAuth();
      if (!current.tokens) await current.signIn(`${baseUrl}/`, inner);
      return current.reauthenticate(`${baseUrl}/`, inner, password, otp);
    },
  };
}

export type Lendingsite = ReturnType<typeof createLendingsite>;

/**
 * The data of a call; errors are thrown by the transport, so a result without data is only
 * an answer without a body (204).
 */
export async function ok<R extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<R> | R,
): Promise<NonNullable<R["data"]>> {
  const result = await call;
  if (result.data === undefined || result.data === null) {
    throw new Error(`${result.response.status}: no data in the answer`);
  }
  return result.data as NonNullable<R["data"]>;
}
