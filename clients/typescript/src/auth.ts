/**
 * How the SDK says who it is: a JWT pair (sign in with email + password, and for staff the
 * second factor; refreshed automatically, the refresh token rotates), or a server-to-server
 * API key (`Authorization: Api-Key <key>`; no refresh).
 */
import { AuthenticationError, errorFor } from "./errors.js";

export const TOKEN_PATH = "/api/v1/auth/token/";
export const REFRESH_PATH = "/api/v1/auth/token/refresh/";
export const REAUTH_PATH = "/api/v1/auth/reauth/";
/** Refresh this long before the access token's exp. */
export const EXPIRY_MARGIN_SECONDS = 30;

export interface Tokens {
  access: string;
  refresh: string;
}

type Fetch = (request: Request) => Promise<Response>;

export interface Auth {
  /** Sets the Authorization header (signing in or refreshing first if needed). */
  apply(headers: Headers, baseUrl: string, fetch: Fetch): Promise<void>;
  /** After a 401: get a new access token; false when this auth cannot. */
  refresh(baseUrl: string, fetch: Fetch, used: string | null): Promise<boolean>;
}

/** A server-to-server key; `scheme` and `header` are configurable. */
export class ApiKeyAuth implements Auth {
  constructor(
    readonly key: string,
    readonly options: { scheme?: string; header?: string } = {},
  ) {}

  async apply(headers: Headers): Promise<void> {
    const scheme = this.options.scheme ?? "Api-Key";
    headers.set(this.options.header ?? "Authorization", scheme ? `${scheme} ${this.key}` : this.key);
  }

  async refresh(): Promise<boolean> {
    return false;
  }
}

/** The `exp` claim of a JWT, read without verifying it (the server verifies). */
export function tokenExpiry(access: string): number | undefined {
  try {
    const part = access.split(".")[1];
    if (!part) return undefined;
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp : undefined;
  } catch {
    return undefined;
  }
}

export interface TokenAuthOptions {
  email?: string;
  password?: string;
  /** Staff: the second-factor code for the first sign-in (good once). */
  otp?: string;
  tokens?: Tokens;
  /** Called with every new pair: store the rotated refresh token, the old one is dead. */
  onTokens?: (tokens: Tokens) => void;
}

export class TokenAuth implements Auth {
  tokens: Tokens | undefined;
  private otp: string | undefined;
  private pending: Promise<Tokens> | undefined;

  constructor(readonly options: TokenAuthOptions) {
    if (!options.tokens && (!options.email || !options.password)) {
      throw new Error("TokenAuth needs email and password, or tokens");
    }
    this.tokens = options.tokens;
    this.otp = options.otp;
  }

  private async post(url: string, body: object, fetch: Fetch, bearer?: string): Promise<Tokens> {
    const headers = new Headers({ "Content-Type": "application/json", Accept: "application/json" });
    if (bearer) headers.set("Authorization", `Bearer ${bearer}`);
    const response = await fetch(new Request(url, { method: "POST", headers, body: JSON.stringify(body) }));
    const text = await response.text();
    if (!response.ok) throw errorFor(response, text);
    const data = JSON.parse(text) as Tokens;
    const tokens = { access: data.access, refresh: data.refresh };
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
    return tokens;
  }

  /** One sign-in or refresh at a time; concurrent callers share it. */
  private once(work: () => Promise<Tokens>): Promise<Tokens> {
    if (!this.pending) {
      this.pending = work().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  signIn(baseUrl: string, fetch: Fetch): Promise<Tokens> {
    return this.once(() => {
      const body: Record<string, string> = {
        email: this.options.email ?? "",
        password: this.options.password ?? "",
      };
      if (this.otp) body.otp = this.otp;
      this.otp = undefined; // a code is good once
      return this.post(new URL(TOKEN_PATH, baseUrl).href, body, fetch);
    });
  }

  reauthenticate(baseUrl: string, fetch: Fetch, password: string, otp: string): Promise<Tokens> {
    const url = new URL(REAUTH_PATH, baseUrl).href;
    return this.once(() => this.post(url, { password, otp }, fetch, this.tokens?.access));
  }

  private renew(baseUrl: string, fetch: Fetch): Promise<Tokens> {
    return this.once(async () => {
      const url = new URL(REFRESH_PATH, baseUrl).href;
      try {
        return await this.post(url, { refresh: this.tokens?.refresh ?? "" }, fetch);
      } catch (error) {
        // The refresh token expired or was revoked: sign in again when we can (staff are
        // then asked for a new second-factor code: mfa_required).
        if (!(error instanceof AuthenticationError) || !this.options.email || !this.options.password) {
          throw error;
        }
        const body = { email: this.options.email, password: this.options.password };
        return this.post(new URL(TOKEN_PATH, baseUrl).href, body, fetch);
      }
    });
  }

  async apply(headers: Headers, baseUrl: string, fetch: Fetch): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
    if (!this.tokens) {
      await this.signIn(baseUrl, fetch);
    } else {
      const exp = tokenExpiry(this.tokens.access);
      if (exp !== undefined && exp - EXPIRY_MARGIN_SECONDS <= Date.now() / 1000) {
        await this.renew(baseUrl, fetch);
      }
    }
    headers.set("Authorization", `Bearer ${this.tokens!.access}`);
  }

  async refresh(baseUrl: string, fetch: Fetch, used: string | null): Promise<boolean> {
    if (!this.tokens) return false;
    if (used !== null && used !== `Bearer ${this.tokens.access}`) return true; // renewed meanwhile
    await this.renew(baseUrl, fetch);
    return true;
  }
}
