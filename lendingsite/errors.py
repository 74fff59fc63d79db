"""Refusals raised by services. Every layer turns them into its own answer: problem+json
in the API (lendingsite.problems), a form error on pages, a one-line reason in commands.

The code -> (HTTP status, title) table is the single place a stable code is defined.
"""

PROBLEM_CODES: dict[str, tuple[int, str]] = {
    "validation_error": (400, "Invalid input"),
    "parse_error": (400, "Malformed request body"),
    "invalid_body": (400, "Request body refused"),
    "not_authenticated": (401, "Not authenticated"),
    "mfa_required": (401, "Second factor required"),
    "otp_invalid": (401, "Second factor code not valid"),
    "reauth_required": (401, "Re-authentication required"),
    "permission_denied": (403, "Permission denied"),
    "protected_field": (403, "Protected field"),
    "maker_checker": (403, "Maker-checker violation"),
    "email_not_verified": (403, "Email not verified"),
    "staff_cannot_borrow": (403, "Staff cannot act as borrowers"),
    "not_found": (404, "Not found"),
    "method_not_allowed": (405, "Method not allowed"),
    "not_acceptable": (406, "Not acceptable"),
    "invalid_state": (409, "Invalid state"),
    "duplicate_utr": (409, "Duplicate UTR"),
    "duplicate": (409, "Already exists"),
    "idempotency_key_in_use": (409, "Idempotency key in use"),
    "loan_not_active": (409, "Loan not active"),
    "eligibility_hard_stop": (409, "Eligibility hard stop"),
    "account_not_verified": (409, "Bank account not verified"),
    "upload_limit": (409, "Upload limit reached"),
    "screening_hit": (409, "Sanctions screening hit"),
    "gone": (410, "Gone"),
    "unsupported_media_type": (415, "Unsupported media type"),
    "idempotency_key_reused": (422, "Idempotency key reused"),
    "backdated": (422, "Backdated"),
    "future_dated": (422, "Future dated"),
    "amount_out_of_range": (422, "Amount out of range"),
    "installment_too_small": (422, "Installment too small"),
    "invalid_token": (422, "Invalid or expired link"),
    "throttled": (429, "Too many requests"),
    "account_locked": (429, "Account temporarily locked"),
    "server_error": (500, "Server error"),
    "service_unavailable": (503, "Service unavailable"),
}


class DomainError(Exception):
    """A rule said no. `code` must be a key of PROBLEM_CODES. `status` overrides the code's
    usual one where a code has two (`upload_limit`: 429 for the rate, 409 for the cap);
    `retry_after` (seconds) becomes the Retry-After header of a 429."""

    def __init__(
        self,
        code: str,
        detail: str,
        *,
        errors: dict | None = None,
        status: int | None = None,
        retry_after: int | None = None,
        **extra,
    ):
        if code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {code!r}")
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.errors = errors or {}
        self.extra = extra
        self._status = status
        if retry_after is not None:
            self.retry_after = retry_after

    @property
    def status(self) -> int:
        return self._status or PROBLEM_CODES[self.code][0]

    @property
    def title(self) -> str:
        return PROBLEM_CODES[self.code][1]
