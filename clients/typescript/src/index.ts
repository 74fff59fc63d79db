/**
 * TypeScript client for the Lendingsite API (docs/sdks.md). Generated from the API's OpenAPI
 * schema: `paths`/`components` (src/generated/schema.ts, openapi-typescript) typing an
 * openapi-fetch client. Hand-written: auth and token refresh, the transport (Idempotency-Key,
 * retries, typed errors), pagination helpers and the webhook verifier.
 */
export { ApiKeyAuth, TokenAuth, tokenExpiry, type Auth, type Tokens } from "./auth.js";
export { createLendingsite, ok, type Lendingsite, type LendingsiteOptions } from "./client.js";
export {
  ApiConnectionError,
  ApiError,
  AuthenticationError,
  BadRequest,
  Conflict,
  LendingsiteError,
  NotFound,
  PermissionDenied,
  RateLimited,
  ServerError,
  Unprocessable,
  type Problem,
} from "./errors.js";
export type { components, operations, paths } from "./generated/schema.js";
export { iterate, pages, MAX_PAGE_SIZE, type Page } from "./pagination.js";
export { createTransport, DEFAULT_RETRY, IDEMPOTENCY_HEADER, type RetryPolicy } from "./transport.js";
export { API_VERSION, VERSION } from "./version.js";
export { sign, WebhookVerificationError, WebhookVerifier } from "./webhooks.js";
