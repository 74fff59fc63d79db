/**
 * Every 4xx/5xx answer of the API is RFC 9457 problem+json with a stable `code`
 * (docs/api.md). The SDK throws it as an error of the answer's status family, carrying the
 * code: `catch (e) { if (e instanceof Conflict && e.code === "duplicate_utr") … }`.
 */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: Record<string, unknown>;
  [extra: string]: unknown;
}

export class LendingsiteError extends Error {}

/** No answer from the server (refused, reset, timed out), after the retries. */
export class ApiConnectionError extends LendingsiteError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ApiConnectionError";
  }
}

/** A problem+json answer. */
export class ApiError extends LendingsiteError {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: Record<string, unknown>;
  readonly problem: Problem;
  readonly response: Response | undefined;

  constructor(status: number, problem: Problem, response?: Response) {
    const code = typeof problem.code === "string" ? problem.code : `http_${status}`;
    const detail = typeof problem.detail === "string" ? problem.detail : "";
    const title = typeof problem.title === "string" ? problem.title : "";
    super(`${status} ${code}: ${detail || title}`);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors =
      problem.errors && typeof problem.errors === "object" ? problem.errors : {};
    this.problem = problem;
    this.response = response;
  }
}

/** 400: `validation_error` (see `errors`), `parse_error`, `invalid_body`. */
export class BadRequest extends ApiError {}
/** 401: `not_authenticated`, `mfa_required`, `otp_invalid`, `reauth_required`. */
export class AuthenticationError extends ApiError {}
/** 403: `permission_denied`, `protected_field`, `maker_checker`, … */
export class PermissionDenied extends ApiError {}
/** 404: absent, or someone else's object. */
export class NotFound extends ApiError {}
/** 409: `invalid_state`, `duplicate_utr`, `loan_not_active`, `idempotency_key_in_use`, … */
export class Conflict extends ApiError {}
/** 422: `idempotency_key_reused`, `backdated`, `future_dated`, `amount_out_of_range`, … */
export class Unprocessable extends ApiError {}
/** 429: `throttled`, `account_locked`, `upload_limit`. */
export class RateLimited extends ApiError {
  /** Retry-After in seconds, if the server sent it. */
  get retryAfter(): number | undefined {
    return this.response ? retryAfterSeconds(this.response) : undefined;
  }
}
/** 5xx, after the retries. */
export class ServerError extends ApiError {}

const BY_STATUS: Record<number, typeof ApiError> = {
  400: BadRequest,
  401: AuthenticationError,
  403: PermissionDenied,
  404: NotFound,
  409: Conflict,
  422: Unprocessable,
  429: RateLimited,
};

/** The problem+json body, or a stand-in for an answer that is not one (a proxy's page). */
export function parseProblem(status: number, text: string): Problem {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Problem;
  } catch {
    // not JSON
  }
  return { status, detail: text.slice(0, 500) };
}

export function errorFor(response: Response, text: string): ApiError {
  const status = response.status;
  const Class = BY_STATUS[status] ?? (status >= 500 ? ServerError : ApiError);
  return new Class(status, parseProblem(status, text), response);
}

export function retryAfterSeconds(response: Response): number | undefined {
  const raw = response.headers.get("Retry-After");
  if (raw === null || raw.trim() === "") return undefined;
  const seconds = Number(raw);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : undefined;
}
